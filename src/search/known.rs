//! Which persons the index knows: named strongly somewhere (see the schema), for the persons
//! shown with a search's hits, an article's passages and the facets. Each person is asked about
//! once a search, since the same persons recur from hit to hit.

use rustc_hash::FxHashMap;
use tantivy::schema::Field;
use tantivy::{Searcher, SegmentReader, Term};

use crate::error::Result;
use crate::index::schema::LABEL_SEPARATOR;

/// The answers of one search.
pub(super) struct KnownPersons<'a> {
    /// The segments, largest first: a known person is most likely found there, so most look-ups
    /// end at the first (a document frequency would read every segment's dictionary).
    segments: Vec<&'a SegmentReader>,
    field: Field,
    answers: FxHashMap<String, bool>,
}

impl<'a> KnownPersons<'a> {
    pub(super) fn new(searcher: &'a Searcher, field: Field) -> KnownPersons<'a> {
        let mut segments: Vec<&SegmentReader> = searcher.segment_readers().iter().collect();
        segments.sort_by_key(|segment| std::cmp::Reverse(segment.max_doc()));
        KnownPersons {
            segments,
            field,
            answers: FxHashMap::default(),
        }
    }

    /// The names of `labels` (a passage's `key\tname` person labels) that the index knows, in
    /// order, without repeats.
    pub(super) fn names(&mut self, labels: &[String]) -> Result<Vec<String>> {
        let mut names: Vec<String> = Vec::new();
        for label in labels {
            let Some((key, name)) = label.split_once(LABEL_SEPARATOR) else {
                continue;
            };
            if !names.iter().any(|n| n == name) && self.knows(key)? {
                names.push(name.to_string());
            }
        }
        Ok(names)
    }

    /// Whether the person of key `key` is known.
    pub(super) fn knows(&mut self, key: &str) -> Result<bool> {
        if let Some(&known) = self.answers.get(key) {
            return Ok(known);
        }
        let known = self.in_any_segment(&Term::from_field_text(self.field, key))?;
        self.answers.insert(key.to_string(), known);
        Ok(known)
    }

    fn in_any_segment(&self, term: &Term) -> Result<bool> {
        for segment in &self.segments {
            let info = segment
                .inverted_index(term.field())?
                .get_term_info(term)
                .map_err(tantivy::TantivyError::from)?;
            if info.is_some() {
                return Ok(true);
            }
        }
        Ok(false)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use tantivy::{Index, IndexWriter, TantivyDocument};

    use crate::index::schema::{schema, Fields};

    #[test]
    fn a_person_named_strongly_in_any_segment_is_known_once_per_name() {
        let index = Index::create_in_ram(schema());
        crate::analysis::register(&index);
        let fields = Fields::of(&index.schema()).expect("fields");
        let mut writer: IndexWriter = index.writer(15_000_000).expect("writer");
        for key in ["to lam", "luong cuong"] {
            let mut document = TantivyDocument::default();
            document.add_text(fields.person_strong, key);
            writer.add_document(document).expect("add");
            writer.commit().expect("commit");
        }
        let searcher = index.reader().expect("reader").searcher();
        assert_eq!(searcher.segment_readers().len(), 2);
        let mut known = KnownPersons::new(&searcher, fields.person_strong);
        let labels: Vec<String> = ["to lam\tTô Lâm", "nguyen a\tNguyễn A", "to lam\tTô Lâm"]
            .map(String::from)
            .to_vec();
        assert_eq!(known.names(&labels).expect("names"), ["Tô Lâm"]);
        assert!(known.knows("luong cuong").expect("knows"));
        assert!(!known.knows("nguyen a").expect("knows"));
    }
}
