//! The index schema: field names defined once, and the format version stored with every index.

use tantivy::schema::{
    Field, IndexRecordOption, NumericOptions, Schema, TextFieldIndexing, TextOptions, FAST, STORED,
    STRING,
};

use tantivy::tokenizer::RAW_TOKENIZER_NAME;

use crate::analysis::{ACCENTED_TOKENIZER, FOLDED_TOKENIZER, PAIRS_TOKENIZER};
use crate::error::{Error, Result};

/// Bumped whenever the schema or the analysis changes: an index of another format is rebuilt.
pub const FORMAT_VERSION: &str = "vnsearch-14";

/// Article id (exact term, stored).
pub const ARTICLE: &str = "article";
/// The corpus file the passage comes from, relative to the corpus folder: replacing or
/// removing a file deletes its passages by this term.
pub const FILE: &str = "file";
/// Passage number within the article, from 1.
pub const PASSAGE: &str = "passage";
/// Passage text, then the article's title, as written (stored: two values) and indexed in the
/// accented form, marked words only (an unmarked word's accented form is its folded one) and
/// without positions: phrases are matched in the folded form (and its pairs), an accented
/// query's marked words required or preferred in this one. Title words count in every passage
/// of the article, in one field, so that a word query is one term per form (which tantivy
/// ranks with block-max WAND); a phrase does not run from the passage into the title (tantivy
/// leaves a position gap between values).
pub const TEXT: &str = "text";
/// Passage text, then the article's title, indexed in the folded form.
pub const TEXT_FOLDED: &str = "text_folded";
/// Passage text, then the article's title: the pairs of adjacent common syllables, folded, as
/// terms ("trong nuoc"), with their counts but no positions; a filler term for each word that
/// ends no pair, so that its lengths are the folded field's (and the best score kept for each
/// block of a pair's postings is the phrase's). A phrase of common syllables reads them (see
/// `analysis::pairs`).
pub const TEXT_PAIRS: &str = "text_pairs";
/// Article date and URL as given (stored only).
pub const DATE: &str = "date";
pub const URL: &str = "url";
/// Article source as given (stored, exact term, fast: counted by facets).
pub const SOURCE: &str = "source";
/// Article source in the folded form, for `--source` ("vnexpress", "thanh nien").
pub const SOURCE_FOLDED: &str = "source_folded";
/// Publication day as the number YYYYMMDD (indexed and fast); [`NO_DAY`] when the date is not
/// known.
pub const DAY: &str = "day";
/// The day of a passage whose date is not known: before every period. Written for every such
/// passage, so that the `day` column holds a value for each passage: a period filter then reads
/// a candidate's day directly, not through the index of an optional column (several times the
/// instructions).
pub const NO_DAY: u64 = 0;

// Topics.
/// Slugs of the passage's topics (stored, fast: counted by facets).
pub const TOPIC: &str = "topic";
/// A topic's slug on the first passage of each article with it: counts articles.
pub const TOPIC_FIRST: &str = "topic_first";
/// The passage's topic weights, one value per topic: `position << 32 | weight × 1000`.
pub const TOPIC_WEIGHT: &str = "topic_weight";
/// The band of each topic weight, as a term "slug/band" (see `index::topic_band`): a topic's
/// most weighted passages are read from its top bands.
pub const TOPIC_BAND: &str = "topic_band";
/// Scale of the weights kept in [`TOPIC_WEIGHT`].
pub const TOPIC_WEIGHT_SCALE: f32 = 1000.0;

// Entities. Keys are folded lower case ("to lam", "57-nq/tw"); labels pair a key with its
// form as written ("to lam\tTô Lâm"), so listings need nothing but the index.
/// Keys of every person named in the passage (strong or candidate).
pub const PERSON: &str = "person";
/// Keys of persons named with a strong signal (a title, "ông", a role list): the index's
/// vocabulary of this field is the set of known persons.
pub const PERSON_STRONG: &str = "person_strong";
/// Keys of persons who act or speak in the passage.
pub const PERSON_ACTING: &str = "person_acting";
/// Keys of persons whose name is written whole in the passage (not only a short reference).
pub const PERSON_FULL: &str = "person_full";
/// A person's key on the first passage of each article naming them: counts articles.
pub const PERSON_FIRST: &str = "person_first";
/// `key\tname as written` for each person of the passage.
pub const PERSON_LABEL: &str = "person_label";
/// `key\trole` for each role seen with a person in the passage.
pub const PERSON_ROLE: &str = "person_role";
/// Keys of every document cited in the passage.
pub const DOC: &str = "doc";
/// Keys of documents the passage introduces (issues, adopts, defines).
pub const DOC_DEFINING: &str = "doc_defining";
/// A document's key on the first passage of each article citing it: counts articles.
pub const DOC_FIRST: &str = "doc_first";
/// `key\tcanonical number` for each document of the passage.
pub const DOC_LABEL: &str = "doc_label";
/// Short keys ("nq:57") of short references the article does not resolve ("Nghị quyết 57").
pub const DOC_SHORT: &str = "doc_short";
/// `short key\tkey` for each document cited in full: tells whether a short key is unambiguous.
pub const DOC_SHORT_LABEL: &str = "doc_short_label";

/// Separates a key from its label in the `*_label` and `*_role` fields.
pub const LABEL_SEPARATOR: char = '\t';

/// The schema's fields, resolved once.
#[derive(Clone, Copy, Debug)]
pub struct Fields {
    pub article: Field,
    pub file: Field,
    pub passage: Field,
    pub text: Field,
    pub text_folded: Field,
    pub text_pairs: Field,
    pub date: Field,
    pub source: Field,
    pub source_folded: Field,
    pub day: Field,
    pub url: Field,
    pub topic: Field,
    pub topic_first: Field,
    pub topic_weight: Field,
    pub topic_band: Field,
    pub person: Field,
    pub person_strong: Field,
    pub person_acting: Field,
    pub person_full: Field,
    pub person_first: Field,
    pub person_label: Field,
    pub person_role: Field,
    pub doc: Field,
    pub doc_defining: Field,
    pub doc_first: Field,
    pub doc_label: Field,
    pub doc_short: Field,
    pub doc_short_label: Field,
}

/// Builds the schema.
pub fn schema() -> Schema {
    let mut builder = Schema::builder();
    builder.add_text_field(ARTICLE, unscored_keyword() | STORED);
    builder.add_text_field(FILE, unscored_keyword());
    builder.add_u64_field(PASSAGE, NumericOptions::default() | STORED | FAST);
    builder.add_text_field(TEXT, words_only(ACCENTED_TOKENIZER) | STORED);
    builder.add_text_field(TEXT_FOLDED, analyzed(FOLDED_TOKENIZER));
    builder.add_text_field(TEXT_PAIRS, pairs());
    builder.add_text_field(DATE, STORED);
    builder.add_text_field(SOURCE, unscored_keyword() | STORED | FAST);
    builder.add_text_field(SOURCE_FOLDED, analyzed_unscored(FOLDED_TOKENIZER));
    builder.add_u64_field(DAY, NumericOptions::default().set_indexed() | FAST);
    builder.add_text_field(URL, STORED);
    builder.add_text_field(TOPIC, STRING | STORED | FAST);
    builder.add_text_field(TOPIC_FIRST, unscored_keyword());
    builder.add_u64_field(TOPIC_WEIGHT, NumericOptions::default() | FAST);
    builder.add_text_field(TOPIC_BAND, unscored_keyword());
    builder.add_text_field(PERSON, ranked_keyword() | FAST);
    builder.add_text_field(PERSON_STRONG, ranked_keyword());
    builder.add_text_field(PERSON_ACTING, ranked_keyword());
    builder.add_text_field(PERSON_FULL, ranked_keyword());
    builder.add_text_field(PERSON_FIRST, unscored_keyword());
    builder.add_text_field(PERSON_LABEL, unscored_keyword() | STORED);
    builder.add_text_field(PERSON_ROLE, unscored_keyword());
    builder.add_text_field(DOC, ranked_keyword() | FAST);
    builder.add_text_field(DOC_DEFINING, ranked_keyword());
    builder.add_text_field(DOC_FIRST, unscored_keyword());
    builder.add_text_field(DOC_LABEL, unscored_keyword() | STORED);
    builder.add_text_field(DOC_SHORT, STRING);
    builder.add_text_field(DOC_SHORT_LABEL, unscored_keyword());
    builder.build()
}

/// Text indexed with counts and lengths (scores) but no positions.
fn words_only(tokenizer: &str) -> TextOptions {
    TextOptions::default().set_indexing_options(
        TextFieldIndexing::default()
            .set_tokenizer(tokenizer)
            .set_index_option(IndexRecordOption::WithFreqs),
    )
}

/// Text indexed with positions (phrases) and lengths (scores).
fn analyzed(tokenizer: &str) -> TextOptions {
    TextOptions::default().set_indexing_options(analyzed_indexing(tokenizer))
}

/// Text indexed with positions, only filtered on: no lengths.
fn analyzed_unscored(tokenizer: &str) -> TextOptions {
    TextOptions::default().set_indexing_options(analyzed_indexing(tokenizer).set_fieldnorms(false))
}

fn analyzed_indexing(tokenizer: &str) -> TextFieldIndexing {
    TextFieldIndexing::default()
        .set_tokenizer(tokenizer)
        .set_index_option(IndexRecordOption::WithFreqsAndPositions)
}

/// A keyword field ranked as a union of terms (`--person`, `--doc`): with counts, so that each
/// block of its postings keeps its best score, by which the union skips blocks (see
/// `search::nested_union`). Without them, as in tantivy's `STRING`, the union is scored in every
/// passage it matches: every passage naming a person, 86,000 for the most named at 5.2 M
/// passages. A key stands once in a passage, so the count is 1 and the scores are those of
/// `STRING`.
fn ranked_keyword() -> TextOptions {
    STRING.set_indexing_options(keyword_indexing(IndexRecordOption::WithFreqs))
}

/// A keyword field that is only filtered on, listed or counted, never scored: no lengths.
fn unscored_keyword() -> TextOptions {
    STRING.set_indexing_options(keyword_indexing(IndexRecordOption::Basic).set_fieldnorms(false))
}

/// A whole value as one term, indexed with `option`.
fn keyword_indexing(option: IndexRecordOption) -> TextFieldIndexing {
    TextFieldIndexing::default()
        .set_tokenizer(RAW_TOKENIZER_NAME)
        .set_index_option(option)
}

/// The pairs field: counts (a two-word phrase's score needs them) and lengths (the folded
/// field's, by the filler term: tantivy keeps each block's best score by them), no positions.
fn pairs() -> TextOptions {
    TextOptions::default().set_indexing_options(
        TextFieldIndexing::default()
            .set_tokenizer(PAIRS_TOKENIZER)
            .set_index_option(IndexRecordOption::WithFreqs),
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
            file: field(FILE)?,
            passage: field(PASSAGE)?,
            text: field(TEXT)?,
            text_folded: field(TEXT_FOLDED)?,
            text_pairs: field(TEXT_PAIRS)?,
            date: field(DATE)?,
            source: field(SOURCE)?,
            source_folded: field(SOURCE_FOLDED)?,
            day: field(DAY)?,
            url: field(URL)?,
            topic: field(TOPIC)?,
            topic_first: field(TOPIC_FIRST)?,
            topic_weight: field(TOPIC_WEIGHT)?,
            topic_band: field(TOPIC_BAND)?,
            person: field(PERSON)?,
            person_strong: field(PERSON_STRONG)?,
            person_acting: field(PERSON_ACTING)?,
            person_full: field(PERSON_FULL)?,
            person_first: field(PERSON_FIRST)?,
            person_label: field(PERSON_LABEL)?,
            person_role: field(PERSON_ROLE)?,
            doc: field(DOC)?,
            doc_defining: field(DOC_DEFINING)?,
            doc_first: field(DOC_FIRST)?,
            doc_label: field(DOC_LABEL)?,
            doc_short: field(DOC_SHORT)?,
            doc_short_label: field(DOC_SHORT_LABEL)?,
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

    /// The person and document unions are ranked by their blocks' best scores, which tantivy
    /// keeps only for postings with counts.
    #[test]
    fn ranked_keywords_keep_counts() {
        let schema = schema();
        for name in [
            PERSON,
            PERSON_ACTING,
            PERSON_STRONG,
            PERSON_FULL,
            DOC,
            DOC_DEFINING,
        ] {
            let field = schema.get_field(name).unwrap();
            let option = schema
                .get_field_entry(field)
                .field_type()
                .get_index_record_option();
            assert_eq!(option, Some(IndexRecordOption::WithFreqs), "{name}");
        }
    }
}
