//! What a search hands to the output stage: ranked passages with their article's metadata and
//! the byte ranges to highlight.

use std::ops::Range;

use serde::Serialize;

use super::catalog::{DocTarget, PersonTarget};
use super::facets::Facets;
use super::topic_query::TopicTarget;

/// One ranked passage.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Hit {
    /// 1-based rank in the result list.
    pub rank: usize,
    pub score: f32,
    /// Article id (see [`crate::corpus::Article::id`]).
    pub article: String,
    /// Passage number within the article, from 1, as `vnsearch show` numbers them.
    pub passage: u64,
    pub title: String,
    /// The passage as written in the source.
    pub text: String,
    /// Byte ranges of `text` to highlight, as `[start, end)` pairs.
    #[serde(serialize_with = "ranges")]
    pub highlights: Vec<Range<usize>>,
    /// Byte ranges of `title` to highlight.
    #[serde(serialize_with = "ranges")]
    pub title_highlights: Vec<Range<usize>>,
    pub date: Option<String>,
    pub source: Option<String>,
    pub url: Option<String>,
    /// Persons named in the passage (as written there).
    pub persons: Vec<String>,
    /// Document numbers cited in the passage (canonical).
    pub docs: Vec<String>,
    /// Slugs of the passage's topics, in taxonomy order.
    pub topics: Vec<String>,
}

/// The result of one search.
#[derive(Clone, Debug, Default)]
pub struct SearchOutcome {
    pub hits: Vec<Hit>,
    /// No passage had every word, so these are passages with any of them.
    pub relaxed: bool,
    /// The person `--person` resolved to.
    pub person: Option<PersonTarget>,
    /// The document `--doc` resolved to.
    pub doc: Option<DocTarget>,
    /// The topic `--topic` resolved to.
    pub topic: Option<TopicTarget>,
    /// Counts over the whole result set, when asked for.
    pub facets: Option<Facets>,
}

/// One article read back from the index, for `vnsearch show`.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ArticleView {
    pub article: String,
    pub title: String,
    pub date: Option<String>,
    pub source: Option<String>,
    pub url: Option<String>,
    /// `(number, text)` in reading order.
    pub passages: Vec<PassageView>,
}

/// One numbered passage of an [`ArticleView`].
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct PassageView {
    pub passage: u64,
    pub text: String,
    /// Persons named in the passage (as written there).
    pub persons: Vec<String>,
    /// Document numbers cited in the passage (canonical).
    pub docs: Vec<String>,
    /// Slugs of the passage's topics.
    pub topics: Vec<String>,
}

fn ranges<S: serde::Serializer>(ranges: &[Range<usize>], serializer: S) -> Result<S::Ok, S::Error> {
    serializer.collect_seq(ranges.iter().map(|r| [r.start, r.end]))
}
