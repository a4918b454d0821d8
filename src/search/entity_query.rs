//! Queries for `--person` and `--doc`: every passage naming the person or citing the document,
//! those where the person acts or speaks, or that introduce the document, first.

use tantivy::query::{BooleanQuery, BoostQuery, Occur, Query, TermQuery};
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::Term;

use super::catalog::{DocTarget, PersonTarget};
use crate::index::Fields;

/// Weight of a passage where the person acts or speaks ("phát biểu", "chỉ đạo", …).
pub const ACTING_BOOST: f32 = 3.0;
/// Weight of a passage where the person is named with a title or role.
pub const STRONG_BOOST: f32 = 1.0;
/// Weight of a passage that issues or defines the document.
pub const DEFINING_BOOST: f32 = 4.0;
/// Weight of a bare reference ("Nghị quyết 57") to a document cited in full elsewhere in the
/// index, relative to a full citation: such passages come after the ones citing it in full.
pub const SHORT_REFERENCE_WEIGHT: f32 = 0.2;

/// Passages naming the person, acting ones first; more mentions rank higher.
///
/// Every clause is optional: a passage marked acting, titled or named whole is also marked as
/// naming the person (see `index::document`), so the union matches the same passages as a
/// required `person` clause would, scores them the same, and is ranked by block-max WAND
/// instead of scoring every passage naming the person.
pub fn person_query(fields: &Fields, person: &PersonTarget) -> Box<dyn Query> {
    let clauses: Vec<(Occur, Box<dyn Query>)> = vec![
        (Occur::Should, keyword(fields.person, &person.key)),
        (
            Occur::Should,
            boost(keyword(fields.person_acting, &person.key), ACTING_BOOST),
        ),
        (
            Occur::Should,
            boost(keyword(fields.person_strong, &person.key), STRONG_BOOST),
        ),
        // The name written whole, marked at index time: a phrase query on the name's
        // syllables ("to" "lam") would walk two of the commonest words of the index.
        (Occur::Should, keyword(fields.person_full, &person.key)),
    ];
    Box::new(BooleanQuery::new(clauses))
}

/// Passages citing the document, the ones introducing it first; when its type and number are
/// unambiguous in the index, bare references to it too ("Nghị quyết 57"), last.
///
/// One flat union, like [`person_query`]: a passage defining the document also cites it.
pub fn doc_query(fields: &Fields, doc: &DocTarget) -> Box<dyn Query> {
    let mut clauses: Vec<(Occur, Box<dyn Query>)> = vec![
        (Occur::Should, keyword(fields.doc, &doc.key)),
        (
            Occur::Should,
            boost(keyword(fields.doc_defining, &doc.key), DEFINING_BOOST),
        ),
    ];
    if let Some(short) = &doc.short {
        let bare = keyword(fields.doc_short, short);
        clauses.push((Occur::Should, boost(bare, SHORT_REFERENCE_WEIGHT)));
    }
    Box::new(BooleanQuery::new(clauses))
}

fn keyword(field: Field, key: &str) -> Box<dyn Query> {
    Box::new(TermQuery::new(
        Term::from_field_text(field, key),
        IndexRecordOption::WithFreqs,
    ))
}

fn boost(query: Box<dyn Query>, weight: f32) -> Box<dyn Query> {
    Box::new(BoostQuery::new(query, weight))
}
