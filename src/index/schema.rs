//! The index schema: field names defined once, and the format version stored with every index.

use tantivy::schema::{
    Field, IndexRecordOption, NumericOptions, Schema, TextFieldIndexing, TextOptions, FAST, STORED,
    STRING,
};

use crate::analysis::{ACCENTED_TOKENIZER, FOLDED_TOKENIZER};
use crate::error::{Error, Result};

/// Bumped whenever the schema or the analysis changes: an index of another format is rebuilt.
pub const FORMAT_VERSION: &str = "vnsearch-1";

/// Article id (exact term, stored).
pub const ARTICLE: &str = "article";
/// Passage number within the article, from 1.
pub const PASSAGE: &str = "passage";
/// Passage text as written (stored) and indexed in the accented form.
pub const TEXT: &str = "text";
/// Passage text indexed in the folded form.
pub const TEXT_FOLDED: &str = "text_folded";
/// Article title as written (stored) and indexed in the accented form.
pub const TITLE: &str = "title";
/// Article title indexed in the folded form.
pub const TITLE_FOLDED: &str = "title_folded";
/// Article date, source and URL as given (stored only).
pub const DATE: &str = "date";
pub const SOURCE: &str = "source";
pub const URL: &str = "url";

/// The schema's fields, resolved once.
#[derive(Clone, Copy, Debug)]
pub struct Fields {
    pub article: Field,
    pub passage: Field,
    pub text: Field,
    pub text_folded: Field,
    pub title: Field,
    pub title_folded: Field,
    pub date: Field,
    pub source: Field,
    pub url: Field,
}

/// Builds the schema.
pub fn schema() -> Schema {
    let mut builder = Schema::builder();
    builder.add_text_field(ARTICLE, STRING | STORED | FAST);
    builder.add_u64_field(PASSAGE, NumericOptions::default() | STORED | FAST);
    builder.add_text_field(TEXT, analyzed(ACCENTED_TOKENIZER) | STORED);
    builder.add_text_field(TEXT_FOLDED, analyzed(FOLDED_TOKENIZER));
    builder.add_text_field(TITLE, analyzed(ACCENTED_TOKENIZER) | STORED);
    builder.add_text_field(TITLE_FOLDED, analyzed(FOLDED_TOKENIZER));
    builder.add_text_field(DATE, STORED);
    builder.add_text_field(SOURCE, STORED);
    builder.add_text_field(URL, STORED);
    builder.build()
}

fn analyzed(tokenizer: &str) -> TextOptions {
    TextOptions::default().set_indexing_options(
        TextFieldIndexing::default()
            .set_tokenizer(tokenizer)
            .set_index_option(IndexRecordOption::WithFreqsAndPositions),
    )
}

impl Fields {
    /// Resolves the fields of `schema`; an index without them is of another format.
    pub fn of(schema: &Schema) -> Result<Fields> {
        let field = |name: &str| {
            schema.get_field(name).map_err(|_| Error::OldIndex {
                path: Default::default(),
                found: format!("no field {name:?}"),
                expected: FORMAT_VERSION.to_string(),
            })
        };
        Ok(Fields {
            article: field(ARTICLE)?,
            passage: field(PASSAGE)?,
            text: field(TEXT)?,
            text_folded: field(TEXT_FOLDED)?,
            title: field(TITLE)?,
            title_folded: field(TITLE_FOLDED)?,
            date: field(DATE)?,
            source: field(SOURCE)?,
            url: field(URL)?,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_field_resolves() {
        let fields = Fields::of(&schema()).unwrap();
        assert_ne!(fields.text, fields.text_folded);
    }
}
