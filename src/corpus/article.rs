//! An article as read from the corpus, cleaned, before it is cut into passages.

/// One cleaned article.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Article {
    /// Stable id: the file's path relative to the corpus (`/` separators), plus `#<id>` or
    /// `#<line>` for a record of a JSON file.
    pub id: String,
    pub title: String,
    /// Publication date as the source gives it (RFC 3339 or a plain date), when known.
    pub date: Option<String>,
    pub source: Option<String>,
    pub url: Option<String>,
    pub category: Option<String>,
    /// The article's text in reading order: lead, then body paragraphs (a paragraph may be a
    /// whole body on one line; the passage stage splits it).
    pub paragraphs: Vec<String>,
}
