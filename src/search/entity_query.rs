//! Queries for `--person` and `--doc`: every passage naming the person or citing the document,
//! those where the person acts or speaks, or that introduce the document, first.

use tantivy::query::{BooleanQuery, Occur, Query};
use tantivy::{Score, Term};

use super::catalog::{DocTarget, PersonTarget};
use super::nested_union::NestedUnionQuery;
use super::query::{boost, term_query};
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

/// Passages naming the person: those where the person acts or speaks first, then those naming
/// them with a title or role, or by their whole name.
///
/// Every clause is optional: a passage marked acting, titled or named whole is also marked as
/// naming the person (see `index::document`), so the union matches the same passages as a
/// required `person` clause would, scores them the same, and is ranked by the blocks of the
/// `person` list (see [`NestedUnionQuery`]) instead of scoring every passage naming the person.
pub fn person_query(fields: &Fields, person: &PersonTarget) -> Box<dyn Query> {
    let key = |field| Term::from_field_text(field, &person.key);
    nested_union(vec![
        (key(fields.person), 1.0),
        (key(fields.person_acting), ACTING_BOOST),
        (key(fields.person_strong), STRONG_BOOST),
        // The name written whole, marked at index time: a phrase query on the name's
        // syllables ("to" "lam") would walk two of the commonest words of the index.
        (key(fields.person_full), 1.0),
    ])
}

/// Passages citing the document, the ones introducing it first; when its type and number are
/// unambiguous in the index, bare references to it too ("Nghị quyết 57"), last.
///
/// One flat union, like [`person_query`]: a passage defining the document also cites it. Bare
/// references stand in passages that do not cite it, so with them the union is scored in every
/// passage it matches.
pub fn doc_query(fields: &Fields, doc: &DocTarget) -> Box<dyn Query> {
    let terms = vec![
        (Term::from_field_text(fields.doc, &doc.key), 1.0),
        (
            Term::from_field_text(fields.doc_defining, &doc.key),
            DEFINING_BOOST,
        ),
    ];
    let Some(short) = &doc.short else {
        return nested_union(terms);
    };
    let mut terms = terms;
    terms.push((
        Term::from_field_text(fields.doc_short, short),
        SHORT_REFERENCE_WEIGHT,
    ));
    union(&terms)
}

/// The union of `terms`, the first one's passages holding every other's.
fn nested_union(terms: Vec<(Term, Score)>) -> Box<dyn Query> {
    let exact = union(&terms);
    Box::new(NestedUnionQuery::new(terms, exact))
}

/// The union of the terms, each boosted by its score.
fn union(terms: &[(Term, Score)]) -> Box<dyn Query> {
    let clauses: Vec<(Occur, Box<dyn Query>)> = terms
        .iter()
        .map(|(term, weight)| (Occur::Should, boost(term_query(term.clone()), *weight)))
        .collect();
    Box::new(BooleanQuery::new(clauses))
}
