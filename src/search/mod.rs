//! Searching the index: a query string → ranked [`Hit`]s; an article id → its passages.

mod all_words;
pub mod bench;
mod block_maxima;
pub mod catalog;
mod checked_phrase;
mod day_filter;
pub mod entity_eval;
mod entity_query;
pub mod eval;
pub mod facets;
pub mod filter;
#[cfg(test)]
mod fixture;
mod highlight;
mod hit;
mod known;
mod nested_union;
mod pair_phrase;
pub mod query;
mod top;
pub mod topic_eval;
pub mod topic_query;
mod topic_rank;
mod word_cursor;

use std::ops::Range;
use std::path::Path;

use tantivy::collector::DocSetCollector;
use tantivy::query::{ConstScoreQuery, Occur, Query, TermQuery};
use tantivy::schema::{IndexRecordOption, Value};
use tantivy::{DocAddress, IndexReader, ReloadPolicy, Score, Searcher, TantivyDocument, Term};

pub use catalog::{DocEntry, DocTarget, PersonEntry, PersonTarget, TopicEntry};
pub use facets::{FacetCount, Facets};
pub use filter::{parse_day, End, Filters};
pub use highlight::highlights;
pub use hit::{ArticleView, Hit, PassageView, SearchOutcome};
use known::KnownPersons;
pub use query::{Group, Mode, QueryPlan, Spelling};
pub use topic_query::TopicTarget;

use crate::analysis::analyze;
use crate::entities::doc_number::{find_doc_numbers, unresolved_short_references};
use crate::error::{Error, Result};
use crate::index::schema::LABEL_SEPARATOR;
use crate::index::{open_index, Fields, VnIndex};

/// Default number of hits.
pub const DEFAULT_LIMIT: usize = 10;
/// Most passages fetched beyond the limit that tie with the last hit, so that ties at the
/// cut-off are broken by article and passage.
const TIE_MARGIN: usize = 16;

/// An open index ready to answer queries.
pub struct Engine {
    index: VnIndex,
    reader: IndexReader,
}

impl Engine {
    /// Opens the index at `path`.
    pub fn open(path: &Path) -> Result<Engine> {
        let index = open_index(path)?;
        let reader = index
            .index
            .reader_builder()
            .reload_policy(ReloadPolicy::Manual)
            .try_into()
            .map_err(|e: tantivy::TantivyError| Error::DamagedIndex {
                path: path.to_path_buf(),
                reason: e.to_string(),
            })?;
        Ok(Engine { index, reader })
    }

    /// The best `limit` passages for `text`: every word required; when no passage has them
    /// all, any word (and the outcome says so).
    pub fn search(&self, text: &str, limit: usize) -> Result<SearchOutcome> {
        let request = SearchRequest {
            text: text.to_string(),
            ..SearchRequest::default()
        };
        self.search_request(&request, limit)
    }

    /// The best `limit` passages for words, a person and a document, in any combination.
    pub fn search_request(&self, request: &SearchRequest, limit: usize) -> Result<SearchOutcome> {
        self.execute(request, limit, Render::Hits)
    }

    /// How many passages the search of `request` ranks in its top `limit`: the ranking alone,
    /// without reading stored passages, breaking ties or computing highlights (what `vnsearch
    /// bench` times against the whole search).
    pub fn rank_only(&self, request: &SearchRequest, limit: usize) -> Result<usize> {
        Ok(self.execute(request, limit, Render::RankOnly)?.hits.len())
    }

    fn execute(
        &self,
        request: &SearchRequest,
        limit: usize,
        render: Render,
    ) -> Result<SearchOutcome> {
        let plan = QueryPlan::parse(&request.text);
        let nothing = request.person.is_none() && request.doc.is_none() && request.topic.is_none();
        if plan.is_empty() && nothing {
            return Err(Error::EmptyQuery);
        }
        let searcher = self.reader.searcher();
        let fields = &self.index.fields;
        let person = request
            .person
            .as_deref()
            .map(|typed| catalog::resolve_person(&searcher, fields, typed))
            .transpose()?;
        let doc = request
            .doc
            .as_deref()
            .map(|typed| catalog::resolve_doc(&searcher, fields, typed))
            .transpose()?;
        let topic = request
            .topic
            .as_deref()
            .map(|typed| topic_query::resolve_topic(self.index.taxonomy()?, typed))
            .transpose()?;
        let targets = Targets {
            plan: &plan,
            person: person.as_ref(),
            doc: doc.as_ref(),
            topic: topic.as_ref(),
            filters: &request.filters,
        };
        // Words as typed first; with any marks too when that ranks too few; then any of the
        // words. Only the ranking is repeated: passages are read and highlighted once.
        let mut mode = Mode::All;
        let mut spelling = Spelling::AsTyped;
        let mut top = self.rank(&searcher, &targets, (mode, spelling), limit)?;
        if plan.accented && top.len() < limit {
            spelling = Spelling::AnyMarks;
            top = if targets.one_marked_word() {
                self.rank_any_marks(&searcher, &targets, &top, limit)?
            } else {
                self.rank(&searcher, &targets, (mode, spelling), limit)?
            };
        }
        let relaxed = top.is_empty() && plan.groups.len() > 1;
        if relaxed {
            mode = Mode::Any;
            top = self.rank(&searcher, &targets, (mode, spelling), limit)?;
        }
        let mut outcome = SearchOutcome {
            hits: self.hits(&searcher, &targets, top, limit, render)?,
            relaxed,
            person: person.clone(),
            doc: doc.clone(),
            topic: topic.clone(),
            facets: None,
        };
        if request.facets {
            let query = targets.query(&self.index.fields, (mode, spelling));
            outcome.facets = Some(facets::facets(
                &searcher,
                &self.index.fields,
                self.index.taxonomy()?,
                &*query,
            )?);
        }
        Ok(outcome)
    }

    /// The best `limit` passages and a margin of ties, best first, by score alone.
    fn rank(
        &self,
        searcher: &Searcher,
        targets: &Targets,
        reach: (Mode, Spelling),
        limit: usize,
    ) -> Result<Vec<(Score, DocAddress)>> {
        // Equal scores are ordered by article and passage, not by where the indexing threads
        // happened to put the documents: fetch the passages tying with the last too (a margin
        // of them), so ties at the cut are settled alike.
        let fetch = limit.max(1) + TIE_MARGIN;
        let fields = &self.index.fields;
        let Some(topic) = targets.topic.and_then(TopicTarget::ranked) else {
            let query = targets.query(fields, reach);
            return top::top_by_score(searcher, &*query, limit.max(1), TIE_MARGIN);
        };
        // A topic alone ranks by how much the passage is about it; with words, a person or a
        // document, it lifts the passages most about it.
        if targets.plan.is_empty() && targets.person.is_none() && targets.doc.is_none() {
            let in_band = |band| targets.query_with(fields, reach, Some(band));
            topic_rank::top_by_weight(searcher, fields, &topic, &in_band, fetch)
        } else {
            let query = targets.query(fields, reach);
            topic_rank::top_lifted(searcher, &*query, topic.position, fetch)
        }
    }

    /// [`Spelling::AnyMarks`]' ranking of one marked word, from the as-typed ranking that
    /// found fewer than `limit` passages (all those holding the word as typed). Any other
    /// passage scores as the folded word alone, so the folded term ranks `limit` more than
    /// those, from one posting list, and those few are scored with both spellings: the same top
    /// as ranking the union of the two terms, which block-max WAND prunes far worse over a long
    /// folded list (a rare "giâm" is the frequent "giam").
    fn rank_any_marks(
        &self,
        searcher: &Searcher,
        targets: &Targets,
        as_typed: &[(Score, DocAddress)],
        limit: usize,
    ) -> Result<Vec<(Score, DocAddress)>> {
        let fields = &self.index.fields;
        let typed: Vec<DocAddress> = as_typed.iter().map(|(_, address)| *address).collect();
        let folded = targets.query(fields, (Mode::All, Spelling::Folded));
        let reach = limit.max(1) + typed.len();
        let mut top = top::top_by_score(searcher, &*folded, reach, TIE_MARGIN)?;
        top.retain(|(_, address)| !typed.contains(address));
        let both = targets.query(fields, (Mode::All, Spelling::AnyMarks));
        top.extend(top::scores_of(searcher, &*both, &typed)?);
        top.sort_by(|(a, x), (b, y)| b.total_cmp(a).then(x.cmp(y)));
        Ok(top)
    }

    /// The hits of a ranking: ties at the cut settled by article and passage, then the passages
    /// read and highlighted (for [`Render::Hits`]).
    fn hits(
        &self,
        searcher: &Searcher,
        targets: &Targets,
        top: Vec<(Score, DocAddress)>,
        limit: usize,
        render: Render,
    ) -> Result<Vec<Hit>> {
        if render == Render::RankOnly {
            return Ok(top
                .into_iter()
                .take(limit)
                .enumerate()
                .map(|(i, (score, _))| Hit {
                    rank: i + 1,
                    score,
                    ..Hit::default()
                })
                .collect());
        }
        // Only passages that can still make the cut are read: those scoring at least the
        // `limit`-th score (ties with it are then settled by article and passage).
        let cut = top
            .iter()
            .map(|(score, _)| *score)
            .nth(limit.max(1) - 1)
            .unwrap_or(Score::NEG_INFINITY);
        let mut scored = top
            .into_iter()
            .filter(|(score, _)| score.total_cmp(&cut).is_ge())
            .map(|(score, address)| {
                Ok((score, Stored::load(searcher, &self.index.fields, address)?))
            })
            .collect::<Result<Vec<_>>>()?;
        scored.sort_by(|(a, x), (b, y)| {
            b.total_cmp(a)
                .then_with(|| x.article.cmp(&y.article))
                .then(x.passage.cmp(&y.passage))
        });
        scored.truncate(limit);
        let highlight_plan = targets.highlight_plan();
        let mut known = KnownPersons::new(searcher, self.index.fields.person_strong);
        scored
            .into_iter()
            .enumerate()
            .map(|(i, (score, stored))| {
                let mut text_ranges = highlights(&stored.text, &highlight_plan);
                if let Some(doc) = targets.doc {
                    text_ranges.extend(doc_ranges(&stored.text, doc));
                }
                Ok(Hit {
                    rank: i + 1,
                    score,
                    highlights: merge_ranges(text_ranges),
                    title_highlights: highlights(&stored.title, &highlight_plan),
                    persons: known.names(&stored.person_labels)?,
                    docs: label_values(&stored.doc_labels),
                    topics: stored.topics,
                    article: stored.article,
                    passage: stored.passage,
                    title: stored.title,
                    text: stored.text,
                    date: stored.date,
                    source: stored.source,
                    url: stored.url,
                })
            })
            .collect()
    }

    /// Every person of the index whose name contains `filter` (accents optional).
    pub fn persons(&self, filter: &str) -> Result<Vec<PersonEntry>> {
        catalog::persons(&self.reader.searcher(), &self.index.fields, filter)
    }

    /// Every document number of the index matching `filter`.
    pub fn docs(&self, filter: &str) -> Result<Vec<DocEntry>> {
        catalog::docs(&self.reader.searcher(), &self.index.fields, filter)
    }

    /// Every topic of the index's taxonomy with its counts.
    pub fn topics(&self) -> Result<Vec<TopicEntry>> {
        catalog::topics(
            &self.reader.searcher(),
            &self.index.fields,
            self.index.taxonomy()?,
        )
    }

    /// Every passage of article `id`, in order.
    pub fn article(&self, id: &str) -> Result<ArticleView> {
        let searcher = self.reader.searcher();
        let fields = &self.index.fields;
        let query = TermQuery::new(
            Term::from_field_text(fields.article, id),
            IndexRecordOption::Basic,
        );
        let addresses = searcher.search(&query, &DocSetCollector)?;
        let mut passages: Vec<Stored> = addresses
            .into_iter()
            .map(|address| Stored::load(&searcher, fields, address))
            .collect::<Result<_>>()?;
        passages.sort_by_key(|p| p.passage);
        let Some(first) = passages.first().cloned() else {
            return Err(Error::NoArticle(id.to_string()));
        };
        let mut known = KnownPersons::new(&searcher, fields.person_strong);
        let views = passages
            .into_iter()
            .map(|p| {
                Ok(PassageView {
                    persons: known.names(&p.person_labels)?,
                    docs: label_values(&p.doc_labels),
                    topics: p.topics,
                    passage: p.passage,
                    text: p.text,
                })
            })
            .collect::<Result<Vec<_>>>()?;
        Ok(ArticleView {
            article: first.article,
            title: first.title,
            date: first.date,
            source: first.source,
            url: first.url,
            passages: views,
        })
    }

    /// Number of passages in the index.
    pub fn passage_count(&self) -> u64 {
        self.reader.searcher().num_docs()
    }
}

/// How far a search goes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Render {
    /// Ranked passages with their text, metadata and highlights.
    Hits,
    /// Ranks and scores only.
    RankOnly,
}

/// What to search for: words, a person, a document, a topic, in any combination (at least
/// one), narrowed by filters.
#[derive(Clone, Debug, Default)]
pub struct SearchRequest {
    /// Words and "quoted phrases"; may be empty with a person, a document or a topic.
    pub text: String,
    /// A person's name as typed, with or without accents, whole or a unique part.
    pub person: Option<String>,
    /// A document number in any spelling.
    pub doc: Option<String>,
    /// A topic of the index's taxonomy (name or slug), or words describing a topic.
    pub topic: Option<String>,
    /// Period and outlet.
    pub filters: Filters,
    /// Also count persons, documents, topics and sources over the whole result set.
    pub facets: bool,
}

/// A request with its person, document and topic resolved.
struct Targets<'a> {
    plan: &'a QueryPlan,
    person: Option<&'a PersonTarget>,
    doc: Option<&'a DocTarget>,
    topic: Option<&'a TopicTarget>,
    filters: &'a Filters,
}

impl Targets<'_> {
    fn query(&self, fields: &Fields, reach: (Mode, Spelling)) -> Box<dyn Query> {
        self.query_with(fields, reach, None)
    }

    /// The query, with one more clause required inside any period filter.
    fn query_with(
        &self,
        fields: &Fields,
        (mode, spelling): (Mode, Spelling),
        more: Option<Box<dyn Query>>,
    ) -> Box<dyn Query> {
        let mut clauses: Vec<(Occur, Box<dyn Query>)> = Vec::new();
        if !self.plan.is_empty() {
            clauses.push((Occur::Must, self.plan.to_query(fields, mode, spelling)));
        }
        if let Some(person) = self.person {
            clauses.push((Occur::Must, entity_query::person_query(fields, person)));
        }
        if let Some(doc) = self.doc {
            clauses.push((Occur::Must, entity_query::doc_query(fields, doc)));
        }
        if let Some(topic) = self.topic {
            let query = topic.query(fields);
            // A taxonomy topic's weight enters the score when hits are ranked; its match
            // alone adds nothing.
            let query: Box<dyn Query> = match topic.position() {
                Some(_) => Box::new(ConstScoreQuery::new(query, 0.0)),
                None => query,
            };
            clauses.push((Occur::Must, query));
        }
        for filter in self.filters.queries(fields) {
            clauses.push((Occur::Must, filter));
        }
        clauses.extend(more.map(|more| (Occur::Must, more)));
        self.filters.narrow(query::all_of(clauses))
    }

    /// The words are one word typed with marks, ranked by score alone (see
    /// [`Engine::rank_any_marks`]).
    fn one_marked_word(&self) -> bool {
        let ranked_by_score = self.topic.and_then(TopicTarget::position).is_none();
        matches!(self.plan.groups.as_slice(), [Group::Word(word)] if word.is_marked())
            && ranked_by_score
    }

    /// The words to highlight: the query's, the person's name as a phrase, and a topic's
    /// describing words.
    fn highlight_plan(&self) -> QueryPlan {
        let mut plan = self.plan.clone();
        if let Some(person) = self.person {
            plan.groups.push(Group::Phrase(analyze(&person.name)));
        }
        if let Some(TopicTarget::Words(words)) = self.topic {
            plan.groups.extend(words.groups.iter().cloned());
        }
        plan
    }
}

/// Byte ranges of the citations of `doc` in `text`: full numbers, and bare references when
/// they stand for it.
fn doc_ranges(text: &str, doc: &DocTarget) -> Vec<Range<usize>> {
    let full = find_doc_numbers(text);
    let bare = match &doc.short {
        Some(short) => unresolved_short_references(&[text], std::slice::from_ref(&full))
            .into_iter()
            .flatten()
            .filter(|r| r.keys.contains(short))
            .map(|r| r.range)
            .collect(),
        None => Vec::new(),
    };
    full.into_iter()
        .filter(|m| m.doc.key == doc.key)
        .map(|m| m.range)
        .chain(bare)
        .collect()
}

/// Sorted ranges with overlaps joined.
fn merge_ranges(mut ranges: Vec<Range<usize>>) -> Vec<Range<usize>> {
    ranges.sort_by_key(|r| (r.start, r.end));
    let mut out: Vec<Range<usize>> = Vec::new();
    for range in ranges {
        match out.last_mut() {
            Some(last) if range.start <= last.end => last.end = last.end.max(range.end),
            _ => out.push(range),
        }
    }
    out
}

/// The values of `key\tvalue` labels, in order, without repeats.
fn label_values(labels: &[String]) -> Vec<String> {
    let mut values: Vec<String> = Vec::new();
    for label in labels {
        if let Some((_, value)) = label.split_once(LABEL_SEPARATOR) {
            if !values.iter().any(|v| v == value) {
                values.push(value.to_string());
            }
        }
    }
    values
}

/// The stored fields of one passage document.
#[derive(Clone, Debug)]
struct Stored {
    article: String,
    passage: u64,
    title: String,
    text: String,
    date: Option<String>,
    source: Option<String>,
    url: Option<String>,
    person_labels: Vec<String>,
    doc_labels: Vec<String>,
    topics: Vec<String>,
}

impl Stored {
    fn load(searcher: &Searcher, fields: &Fields, address: DocAddress) -> Result<Stored> {
        let doc: TantivyDocument = searcher.doc(address)?;
        let text = |field| {
            doc.get_first(field)
                .and_then(|v| v.as_str())
                .map(str::to_string)
        };
        let all = |field| {
            doc.get_all(field)
                .filter_map(|v| v.as_str().map(str::to_string))
                .collect::<Vec<_>>()
        };
        // The text field holds the passage, then the article's title.
        let mut texts = all(fields.text).into_iter();
        Ok(Stored {
            article: text(fields.article).unwrap_or_default(),
            passage: doc
                .get_first(fields.passage)
                .and_then(|v| v.as_u64())
                .unwrap_or(0),
            text: texts.next().unwrap_or_default(),
            title: texts.next().unwrap_or_default(),
            date: text(fields.date),
            source: text(fields.source),
            url: text(fields.url),
            person_labels: all(fields.person_label),
            doc_labels: all(fields.doc_label),
            topics: all(fields.topic),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use tantivy::query::{BooleanQuery, BoostQuery};

    use crate::corpus::Quiet;
    use crate::index::{build_index, BuildOptions};

    /// Articles on cutting ("giảm") and on the director ("giám đốc"), a few about vinegar
    /// ("giấm") and cuttings ("giâm cành"): rare spellings of the frequent folded word "giam".
    /// Two files indexed apart, so in several segments.
    fn engine(dir: &Path) -> Engine {
        let corpus = dir.join("corpus");
        std::fs::create_dir(&corpus).expect("corpus");
        let article = |id: usize| {
            // Lengths and counts vary, so that few passages tie.
            let filler = "kinh tế ".repeat(id % 11);
            let cuts = "giảm ".repeat(id % 4 + 1);
            let body = match id % 9 {
                _ if id % 40 == 0 => format!("Giâm cành chè giống. {filler}"),
                1 => format!("Giấm gạo, giấm táo. {cuts}{filler}"),
                2 | 5 | 7 => format!("{filler}Thuế {cuts}thủ tục {id}."),
                _ => format!("Giám đốc sở {id} nói. {filler}{cuts}"),
            };
            let json = serde_json::json!({"id": id.to_string(), "title": "Tin", "content": body});
            format!("{json}\n")
        };
        for (file, ids) in [("a.jsonl", 0..60), ("b.jsonl", 60..130)] {
            let lines: String = ids.map(article).collect();
            std::fs::write(corpus.join(file), lines).expect("write");
            build_index(&corpus, &dir.join("index"), BuildOptions::default(), &Quiet)
                .expect("build");
        }
        Engine::open(&dir.join("index")).expect("open")
    }

    /// The union of the word's folded and (boosted) accented terms, ranked directly.
    fn union_of_spellings(engine: &Engine, word: &str, limit: usize) -> Vec<(Score, DocAddress)> {
        let fields = &engine.index.fields;
        let [word] = analyze(word).try_into().expect("one word");
        let term = |field, text: &str| -> Box<dyn Query> {
            let term = Term::from_field_text(field, text);
            Box::new(TermQuery::new(term, IndexRecordOption::WithFreqs))
        };
        let accented = BoostQuery::new(term(fields.text, &word.accented), query::ACCENT_BOOST);
        let union = BooleanQuery::new(vec![
            (Occur::Should, term(fields.text_folded, &word.folded)),
            (Occur::Should, Box::new(accented)),
        ]);
        let searcher = engine.reader.searcher();
        top::top_by_score(&searcher, &union, limit, TIE_MARGIN).expect("union")
    }

    #[test]
    fn any_marks_from_the_folded_word_ranks_as_the_union_of_both_spellings() {
        let dir = tempfile::tempdir().expect("tempdir");
        let engine = engine(dir.path());
        let searcher = engine.reader.searcher();
        assert!(searcher.segment_readers().len() > 1);
        for word in ["giâm", "giấm", "GIẤM"] {
            let plan = QueryPlan::parse(word);
            let filters = Filters::default();
            let targets = Targets {
                plan: &plan,
                person: None,
                doc: None,
                topic: None,
                filters: &filters,
            };
            assert!(targets.one_marked_word());
            let mut compared = 0;
            for limit in [1, 3, 10, 20, 60] {
                let as_typed = (Mode::All, Spelling::AsTyped);
                let typed = engine
                    .rank(&searcher, &targets, as_typed, limit)
                    .expect("typed");
                if typed.len() >= limit {
                    continue;
                }
                let any = (Mode::All, Spelling::AnyMarks);
                let ranked = engine
                    .rank(&searcher, &targets, any, limit)
                    .expect("ranked");
                let fast = engine
                    .rank_any_marks(&searcher, &targets, &typed, limit)
                    .expect("fast");
                let union = union_of_spellings(&engine, word, limit);
                let scores = |top: &[(Score, DocAddress)]| -> Vec<Score> {
                    top.iter().take(limit).map(|(score, _)| *score).collect()
                };
                assert_eq!(scores(&fast), scores(&union), "{word}, limit {limit}");
                assert_eq!(scores(&ranked), scores(&union), "{word}, limit {limit}");
                // The same passages above the cut (at it, ties are settled by article).
                let cut = union[limit.min(union.len()) - 1].0;
                let above = |top: &[(Score, DocAddress)]| {
                    let mut above: Vec<DocAddress> = top
                        .iter()
                        .filter(|(s, _)| *s > cut)
                        .map(|(_, a)| *a)
                        .collect();
                    above.sort();
                    above
                };
                assert_eq!(above(&fast), above(&union), "{word}, limit {limit}");
                assert_eq!(above(&ranked), above(&union), "{word}, limit {limit}");
                // The passages holding the word as typed rank first.
                let first: Vec<DocAddress> = fast[..typed.len()].iter().map(|(_, a)| *a).collect();
                assert!(typed.iter().all(|(_, a)| first.contains(a)), "{word}");
                compared += 1;
            }
            assert!(compared > 0, "{word} is too frequent to compare");
        }
    }
}
