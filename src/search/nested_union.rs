//! A union of keyword terms whose first term's passages hold every other term's (a person's key,
//! then the marks of acting, titled and whole-name passages), ranked by blocks of the first
//! term's postings and scored exactly as the boolean union scores it.
//!
//! tantivy ranks a union of terms with block-max WAND, but adds each passage's term scores in
//! whichever order its lists stand there: the same scores, a float's last bit apart from one
//! passage to its equal. Ties among the top passages are settled by the caller (see
//! `top::top_by_score`), so here the scores are added in the union's own order, the first term
//! then the others in the query's order, as tantivy's union scorer adds them. Every passage
//! holds the first term, so its list drives: a block of it is skipped when its best score and
//! the others' best scores there do not beat the score the top asks for, and a passage's other
//! terms are sought only when its first term's score could lift it into the top.

use std::fmt;

use tantivy::query::{Bm25Weight, EnableScoring, Explanation, Query, Scorer, Weight};
use tantivy::{DocId, Score, SegmentReader, Term, TERMINATED};

use super::word_cursor::WordCursor;

/// Terms with their boosts, every passage holding one of them holding the first: ranked as
/// `exact`, the same union as a boolean query, which this query runs as such wherever it is not
/// the whole ranking (inside another query, counting, explaining).
pub struct NestedUnionQuery {
    terms: Vec<(Term, Score)>,
    exact: Box<dyn Query>,
}

impl NestedUnionQuery {
    /// `terms` holds one term or more, the first one's passages holding every other's; `exact`
    /// is their union as a boolean query, each term boosted by its score, in the same order.
    pub fn new(terms: Vec<(Term, Score)>, exact: Box<dyn Query>) -> NestedUnionQuery {
        debug_assert!(!terms.is_empty());
        NestedUnionQuery { terms, exact }
    }
}

impl Clone for NestedUnionQuery {
    fn clone(&self) -> NestedUnionQuery {
        NestedUnionQuery {
            terms: self.terms.clone(),
            exact: self.exact.box_clone(),
        }
    }
}

impl fmt::Debug for NestedUnionQuery {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("NestedUnionQuery")
            .field("terms", &self.terms)
            .finish()
    }
}

impl Query for NestedUnionQuery {
    fn weight(&self, scoring: EnableScoring<'_>) -> tantivy::Result<Box<dyn Weight>> {
        let exact = self.exact.weight(scoring)?;
        let EnableScoring::Enabled {
            statistics_provider,
            ..
        } = scoring
        else {
            return Ok(exact);
        };
        let mut terms = Vec::with_capacity(self.terms.len());
        for (term, boost) in &self.terms {
            // As tantivy's term query weighs the term, boosted as its boost query does.
            let similarity =
                Bm25Weight::for_terms(statistics_provider, std::slice::from_ref(term))?;
            terms.push((term.clone(), similarity.boost_by(*boost)));
        }
        Ok(Box::new(NestedUnionWeight { terms, exact }))
    }

    fn query_terms<'a>(&'a self, visitor: &mut dyn FnMut(&'a Term, bool)) {
        self.exact.query_terms(visitor);
    }
}

struct NestedUnionWeight {
    terms: Vec<(Term, Bm25Weight)>,
    exact: Box<dyn Weight>,
}

impl Weight for NestedUnionWeight {
    fn scorer(&self, reader: &SegmentReader, boost: Score) -> tantivy::Result<Box<dyn Scorer>> {
        self.exact.scorer(reader, boost)
    }

    fn explain(&self, reader: &SegmentReader, doc: DocId) -> tantivy::Result<Explanation> {
        self.exact.explain(reader, doc)
    }

    fn count(&self, reader: &SegmentReader) -> tantivy::Result<u32> {
        self.exact.count(reader)
    }

    fn for_each_pruning(
        &self,
        threshold: Score,
        reader: &SegmentReader,
        callback: &mut dyn FnMut(DocId, Score) -> Score,
    ) -> tantivy::Result<()> {
        let mut lists = Vec::with_capacity(self.terms.len());
        for (term, similarity) in &self.terms {
            lists.push(WordCursor::open(reader, term, similarity.clone())?);
        }
        let mut lists = lists.into_iter();
        if let Some(Some(first)) = lists.next() {
            // A term the segment lacks adds nothing to any passage (the union leaves it out).
            SegmentUnion::new(first, lists.flatten().collect()).rank(threshold, callback);
        }
        Ok(())
    }
}

/// One segment's lists: the first term's, which every passage of the union holds, and the
/// others' that the segment holds, in the query's order.
struct SegmentUnion {
    first: WordCursor,
    others: Vec<WordCursor>,
    /// Each other list's best score in its block holding passages of the current block of the
    /// first list; 0 when it holds none there.
    block_most: Vec<Score>,
}

impl SegmentUnion {
    fn new(first: WordCursor, others: Vec<WordCursor>) -> SegmentUnion {
        SegmentUnion {
            block_most: vec![0.0; others.len()],
            first,
            others,
        }
    }

    /// Calls `callback` with every passage whose score beats the threshold, the threshold
    /// rising as `callback` returns.
    fn rank(&mut self, mut threshold: Score, callback: &mut dyn FnMut(DocId, Score) -> Score) {
        let most = add_up(self.first.most(), self.others.iter().map(WordCursor::most));
        let mut doc = self.first.doc();
        while doc != TERMINATED && most > threshold {
            let Some(end) = self.first.block_at(doc) else {
                return;
            };
            let end = self.others_in(doc, end);
            if add_up(self.first.block_most(), self.block_most.iter().copied()) > threshold {
                threshold = self.rank_block(end, threshold, callback);
            }
            doc = end.saturating_add(1);
        }
    }

    /// Notes the others' best scores in their blocks holding passages from `doc` through
    /// `end`; returns where the first of those blocks ends (at most `end`).
    fn others_in(&mut self, doc: DocId, mut end: DocId) -> DocId {
        for (other, most) in self.others.iter_mut().zip(&mut self.block_most) {
            *most = 0.0;
            // Past `end`, its next passage adds nothing here.
            if other.seek(doc) <= end {
                end = end.min(other.block_end());
                *most = other.block_most();
            }
        }
        end
    }

    /// Ranks the passages up to `end`; returns the threshold reached.
    fn rank_block(
        &mut self,
        end: DocId,
        mut threshold: Score,
        callback: &mut dyn FnMut(DocId, Score) -> Score,
    ) -> Score {
        loop {
            let doc = self.first.doc();
            if doc > end {
                return threshold;
            }
            let first = self.first.score();
            if add_up(first, self.block_most.iter().copied()) > threshold {
                let present = self
                    .others
                    .iter_mut()
                    .filter_map(|other| (other.seek(doc) == doc).then(|| other.score()));
                let score = add_up(first, present);
                if score > threshold {
                    threshold = callback(doc, score);
                }
            }
            self.first.advance();
        }
    }
}

/// `first` and then `others` added one by one, as tantivy's union adds a passage's scores.
/// Float addition never decreases when a term grows, so bounds added in this order are never
/// below the score, to the last bit: a block whose bound only equals the score the top asks
/// for (passages tying with it) is skipped.
fn add_up(first: Score, others: impl Iterator<Item = Score>) -> Score {
    others.fold(first, |sum, score| sum + score)
}

#[cfg(test)]
mod tests {
    use super::*;
    use tantivy::query::{BooleanQuery, BoostQuery, Occur, TermQuery};
    use tantivy::schema::{Field, IndexRecordOption, Schema, TextFieldIndexing, STRING};
    use tantivy::{doc, DocSet, Index, IndexWriter, Searcher};

    use crate::search::fixture::ranked;

    /// Keys of persons over three segments (one passage deleted): "to-lam" named in most
    /// passages, some of them marked acting, titled or named whole, many alike so that scores
    /// tie; lists long enough for several blocks.
    fn fixture() -> (Index, [Field; 4]) {
        let (index, fields) = empty();
        let mut writer: IndexWriter = index.writer(15_000_000).expect("writer");
        let keys = ["to-lam", "pham-minh-chinh", "donald-trump"];
        for segment in 0..3u32 {
            for n in 0..900u32 {
                let mut document = tantivy::TantivyDocument::default();
                if n % 3 == 2 {
                    document.add_text(fields[0], "nguoi-khac");
                }
                // Other persons named beside, in runs of 150 passages: lengths, and so the
                // blocks' best scores, vary from run to run.
                let named = 1 + (n as usize / 150 + segment as usize) % 3;
                for key in keys.iter().take(named).filter(|_| n % 3 != 2) {
                    document.add_text(fields[0], key);
                    // Acting rarely; titled in every third; named whole in runs of 200.
                    let marks = [
                        n % 7 == 0,
                        n % 3 == segment % 3,
                        (n / 200) % 2 == 0 && n % 4 != 1,
                    ];
                    for (mark, field) in marks.iter().zip(&fields[1..]) {
                        if *mark && (n % 11 != 3 || *key != "to-lam") {
                            document.add_text(*field, key);
                        }
                    }
                }
                writer.add_document(document).expect("add");
            }
            writer
                .add_document(doc!(fields[0] => "vo-van-thuong"))
                .expect("add");
            writer.commit().expect("commit");
        }
        writer.delete_term(Term::from_field_text(fields[0], "vo-van-thuong"));
        writer.commit().expect("commit");
        (index, fields)
    }

    /// An index of the four keyword fields of a person, with counts (as the index schema's).
    fn empty() -> (Index, [Field; 4]) {
        let mut schema = Schema::builder();
        let keyword = STRING.set_indexing_options(
            TextFieldIndexing::default()
                .set_tokenizer("raw")
                .set_index_option(IndexRecordOption::WithFreqs),
        );
        let fields = ["person", "acting", "strong", "full"]
            .map(|name| schema.add_text_field(name, keyword.clone()));
        (Index::create_in_ram(schema.build()), fields)
    }

    fn queries(fields: &[Field; 4], key: &str) -> (NestedUnionQuery, Box<dyn Query>) {
        let boosts = [1.0, 3.0, 1.0, 1.0];
        let terms: Vec<(Term, Score)> = fields
            .iter()
            .zip(boosts)
            .map(|(field, boost)| (Term::from_field_text(*field, key), boost))
            .collect();
        let clauses: Vec<(Occur, Box<dyn Query>)> = terms
            .iter()
            .map(|(term, boost)| {
                let query = TermQuery::new(term.clone(), IndexRecordOption::WithFreqs);
                let query: Box<dyn Query> = Box::new(BoostQuery::new(Box::new(query), *boost));
                (Occur::Should, query)
            })
            .collect();
        let exact: Box<dyn Query> = Box::new(BooleanQuery::new(clauses));
        (NestedUnionQuery::new(terms, exact.box_clone()), exact)
    }

    /// The top `k` of `query` scored by its scorer in every passage, as [`ranked`] numbers
    /// them: what tantivy's union scorer gives, without block-max WAND (which adds the terms'
    /// scores in another order).
    fn scored_everywhere(searcher: &Searcher, query: &dyn Query, k: usize) -> Vec<(Score, u32)> {
        let weight = query
            .weight(EnableScoring::enabled_from_searcher(searcher))
            .expect("weight");
        let mut all = Vec::new();
        for (segment, reader) in searcher.segment_readers().iter().enumerate() {
            let mut scorer = weight.scorer(reader, 1.0).expect("scorer");
            while scorer.doc() != TERMINATED {
                if reader
                    .alive_bitset()
                    .is_none_or(|alive| alive.is_alive(scorer.doc()))
                {
                    all.push((scorer.score(), segment as u32 * 10_000 + scorer.doc()));
                }
                scorer.advance();
            }
        }
        all.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
        all.truncate(k);
        all
    }

    #[test]
    fn ranks_and_scores_as_the_boolean_union() {
        let (index, fields) = fixture();
        let searcher = index.reader().expect("reader").searcher();
        assert_eq!(searcher.segment_readers().len(), 3);
        for key in ["to-lam", "pham-minh-chinh", "donald-trump", "vo-van-thuong"] {
            let (query, exact) = queries(&fields, key);
            for k in [1, 3, 10, 40, 2000, 3000] {
                let ours = ranked(&searcher, &query, k);
                let theirs = scored_everywhere(&searcher, &*exact, k);
                assert_eq!(ours, theirs, "{key}, k = {k}");
            }
        }
        let (query, _) = queries(&fields, "to-lam");
        assert_eq!(ranked(&searcher, &query, 3000).len(), 1800);
        let (query, _) = queries(&fields, "vo-van-thuong");
        assert!(
            ranked(&searcher, &query, 10).is_empty(),
            "deleted passages only"
        );
    }

    /// Another term's block can end inside one of the first term's: past that end its next
    /// block's best score bounds it. Passages 0 to 9 name one person alone and lead at first;
    /// the others name four, and 10 to 137 of them are named whole among three names (scoring
    /// low), 138 to 265 alone (scoring high). The first term's second block runs from 128 to
    /// 255: the top 10 are 138 to 147.
    #[test]
    fn another_terms_block_ends_inside_the_firsts() {
        let (index, fields) = empty();
        let mut writer: IndexWriter = index.writer(15_000_000).expect("writer");
        for n in 0..2000u32 {
            let mut document = tantivy::TantivyDocument::default();
            let named: &[&str] = match n {
                0..10 => &["a"],
                10..600 => &["a", "x", "y", "z"],
                _ => &["z"],
            };
            for key in named {
                document.add_text(fields[0], key);
            }
            let whole: &[&str] = match n {
                10..138 => &["a", "x", "y"],
                138..266 => &["a"],
                _ => &[],
            };
            for key in whole {
                document.add_text(fields[3], key);
            }
            writer.add_document(document).expect("add");
        }
        writer.commit().expect("commit");
        let searcher = index.reader().expect("reader").searcher();
        let (query, exact) = queries(&fields, "a");
        let top = ranked(&searcher, &query, 10);
        assert_eq!(top, scored_everywhere(&searcher, &*exact, 10));
        let passages: Vec<u32> = top.iter().map(|&(_, passage)| passage).collect();
        assert_eq!(passages, (138..148).collect::<Vec<u32>>());
    }
}
