//! Searching the index: a query string → ranked [`Hit`]s; an article id → its passages.

pub mod eval;
mod highlight;
mod hit;
pub mod query;

use std::path::Path;

use tantivy::collector::{DocSetCollector, TopDocs};
use tantivy::query::{Query, TermQuery};
use tantivy::schema::{IndexRecordOption, Value};
use tantivy::{DocAddress, IndexReader, ReloadPolicy, Searcher, TantivyDocument, Term};

pub use highlight::highlights;
pub use hit::{ArticleView, Hit, PassageView, SearchOutcome};
pub use query::{Mode, QueryPlan};

use crate::error::{Error, Result};
use crate::index::{open_index, Fields, VnIndex};

/// Default number of hits.
pub const DEFAULT_LIMIT: usize = 10;
/// Extra hits fetched so that ties at the cut-off are broken by article and passage.
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
        let plan = QueryPlan::parse(text);
        if plan.is_empty() {
            return Err(Error::EmptyQuery);
        }
        let searcher = self.reader.searcher();
        let fields = &self.index.fields;
        let hits = self.run(&searcher, &plan, &*plan.to_query(fields, Mode::All), limit)?;
        if !hits.is_empty() || plan.groups.len() < 2 {
            return Ok(SearchOutcome {
                hits,
                relaxed: false,
            });
        }
        let hits = self.run(&searcher, &plan, &*plan.to_query(fields, Mode::Any), limit)?;
        Ok(SearchOutcome {
            hits,
            relaxed: true,
        })
    }

    fn run(
        &self,
        searcher: &Searcher,
        plan: &QueryPlan,
        query: &dyn Query,
        limit: usize,
    ) -> Result<Vec<Hit>> {
        // Equal scores are ordered by article and passage, not by where the indexing threads
        // happened to put the documents: fetch a margin so ties at the cut are settled alike.
        let fetch = limit.max(1) + TIE_MARGIN;
        let top = searcher.search(query, &TopDocs::with_limit(fetch).order_by_score())?;
        let mut scored = top
            .into_iter()
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
        Ok(scored
            .into_iter()
            .enumerate()
            .map(|(i, (score, stored))| Hit {
                rank: i + 1,
                score,
                highlights: highlights(&stored.text, plan),
                title_highlights: highlights(&stored.title, plan),
                article: stored.article,
                passage: stored.passage,
                title: stored.title,
                text: stored.text,
                date: stored.date,
                source: stored.source,
                url: stored.url,
            })
            .collect())
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
        Ok(ArticleView {
            article: first.article,
            title: first.title,
            date: first.date,
            source: first.source,
            url: first.url,
            passages: passages
                .into_iter()
                .map(|p| PassageView {
                    passage: p.passage,
                    text: p.text,
                })
                .collect(),
        })
    }

    /// Number of passages in the index.
    pub fn passage_count(&self) -> u64 {
        self.reader.searcher().num_docs()
    }
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
}

impl Stored {
    fn load(searcher: &Searcher, fields: &Fields, address: DocAddress) -> Result<Stored> {
        let doc: TantivyDocument = searcher.doc(address)?;
        let text = |field| {
            doc.get_first(field)
                .and_then(|v| v.as_str())
                .map(str::to_string)
        };
        Ok(Stored {
            article: text(fields.article).unwrap_or_default(),
            passage: doc
                .get_first(fields.passage)
                .and_then(|v| v.as_u64())
                .unwrap_or(0),
            title: text(fields.title).unwrap_or_default(),
            text: text(fields.text).unwrap_or_default(),
            date: text(fields.date),
            source: text(fields.source),
            url: text(fields.url),
        })
    }
}
