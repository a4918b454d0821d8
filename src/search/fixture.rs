//! A test index for the phrase queries: passages in several segments, each with the same title
//! as its second value, and one passage deleted; and their rankings, to compare.

use tantivy::query::Query;
use tantivy::{Index, IndexWriter, Score, Searcher, TantivyDocument, Term};

use crate::index::schema::{schema, Fields};
use crate::search::top::top_by_score;

/// One segment per list of `segments`, each passage's corpus file named `"{segment}-{n}"`;
/// the passage `deleted` names is deleted.
pub(super) fn index_of(segments: &[Vec<String>], title: &str, deleted: &str) -> (Index, Fields) {
    let index = Index::create_in_ram(schema());
    crate::analysis::register(&index);
    let fields = Fields::of(&index.schema()).expect("fields");
    let mut writer: IndexWriter = index.writer(15_000_000).expect("writer");
    for (segment, passages) in segments.iter().enumerate() {
        for (n, text) in passages.iter().enumerate() {
            let mut document = TantivyDocument::default();
            for field in [fields.text, fields.text_folded, fields.text_pairs] {
                document.add_text(field, text);
                document.add_text(field, title);
            }
            document.add_text(fields.file, format!("{segment}-{n}"));
            writer.add_document(document).expect("add");
        }
        writer.commit().expect("commit");
    }
    writer.delete_term(Term::from_field_text(fields.file, deleted));
    writer.commit().expect("commit");
    (index, fields)
}

/// The top `k` of `query` with their scores, each passage as one number (segment × 10,000 +
/// document), to compare two rankings.
pub(super) fn ranked(searcher: &Searcher, query: &dyn Query, k: usize) -> Vec<(Score, u32)> {
    top_by_score(searcher, query, k, 0)
        .expect("top")
        .into_iter()
        .map(|(score, address)| (score, address.segment_ord * 10_000 + address.doc_id))
        .collect()
}
