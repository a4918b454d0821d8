//! One term's postings in a segment, scored as tantivy scores a term, with the best score of
//! the block the cursor stands in: what tantivy's term scorer offers, under a name this crate
//! can use (tantivy does not export the type).

use tantivy::fieldnorm::FieldNormReader;
use tantivy::postings::BlockSegmentPostings;
use tantivy::query::Bm25Weight;
use tantivy::schema::IndexRecordOption;
use tantivy::{DocId, Score, SegmentReader, Term, TERMINATED};

use super::all_words::most;
use super::pair_phrase::lengths;

/// Passages per block of postings.
const BLOCK: usize = 128;

/// A term's passages in one segment, in order, with their counts and scores.
pub(super) struct WordCursor {
    block: BlockSegmentPostings,
    /// Where the cursor stands in the decoded block; past its passages when the list is done
    /// (the last block is padded with `TERMINATED`).
    at: usize,
    lengths: FieldNormReader,
    similarity: Bm25Weight,
}

impl WordCursor {
    /// The term's postings with counts, at its first passage; `None` when the segment lacks
    /// the term.
    pub fn open(
        reader: &SegmentReader,
        term: &Term,
        similarity: Bm25Weight,
    ) -> tantivy::Result<Option<WordCursor>> {
        let block = reader
            .inverted_index(term.field())?
            .read_block_postings(term, IndexRecordOption::WithFreqs)?;
        let Some(block) = block else {
            return Ok(None);
        };
        Ok(Some(WordCursor {
            block,
            at: 0,
            lengths: lengths(reader, term.field())?,
            similarity,
        }))
    }

    /// How many passages of the segment hold the term (deleted ones too).
    pub fn len(&self) -> u32 {
        self.block.doc_freq()
    }

    /// The current passage, `TERMINATED` past the last.
    #[inline]
    pub fn doc(&self) -> DocId {
        self.block.doc(self.at)
    }

    /// The term's count in the current passage.
    pub fn count(&self) -> u32 {
        self.block.freq(self.at)
    }

    /// The current passage's length in the term's field, as an id of tantivy's length table.
    pub fn length(&self) -> u8 {
        self.lengths.fieldnorm_id(self.doc())
    }

    /// The term's BM25 score in the current passage, as tantivy's term query scores it.
    pub fn score(&self) -> Score {
        self.similarity.score(self.length(), self.count())
    }

    /// More than the term scores anywhere (see [`most`]).
    pub fn most(&self) -> Score {
        most(&self.similarity)
    }

    /// The best score in the current block, as tantivy's block-max pruning takes it.
    pub fn block_most(&mut self) -> Score {
        self.block.block_max_score(&self.lengths, &self.similarity)
    }

    /// The last passage of the current block.
    pub fn block_end(&self) -> DocId {
        self.block.docs().last().copied().unwrap_or(TERMINATED)
    }

    /// Moves to the first passage from `target` on, and returns the last passage of its
    /// block; `None` when no passage is left.
    pub fn block_at(&mut self, target: DocId) -> Option<DocId> {
        (self.seek(target) != TERMINATED).then(|| self.block_end())
    }

    pub fn advance(&mut self) -> DocId {
        if self.at == BLOCK - 1 {
            self.at = 0;
            self.block.advance();
        } else {
            self.at += 1;
        }
        self.doc()
    }

    /// Moves to the first passage from `target` on (never back), decoding only the block
    /// that may hold it.
    #[inline]
    pub fn seek(&mut self, target: DocId) -> DocId {
        if self.doc() >= target {
            return self.doc();
        }
        let docs = self.block.docs();
        if docs.last().is_some_and(|&last| last >= target) {
            // Mostly a few passages on: look at the next ones before searching the rest.
            let next = (self.at + 1..docs.len().min(self.at + 8)).find(|&i| docs[i] >= target);
            self.at = next.unwrap_or_else(|| {
                let from = (self.at + 8).min(docs.len());
                from + docs[from..].partition_point(|&doc| doc < target)
            });
        } else {
            self.at = self.block.seek(target);
        }
        self.doc()
    }
}

/// Passage `n` of the test indexes: "đổi" in ten of every 13 passages, its count and the
/// passage's length varying.
#[cfg(test)]
pub(super) fn varied_passage(n: usize) -> String {
    match n % 13 {
        0..=2 => format!("kinh tế {n}"),
        k => format!(
            "{}chuyển {}{n}",
            "đổi mới ".repeat(k % 4 + 1),
            "số ".repeat(k)
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use tantivy::postings::Postings;
    use tantivy::query::{EnableScoring, Query, TermQuery};
    use tantivy::schema::{Schema, TEXT};
    use tantivy::{doc, DocSet, Index, IndexWriter};

    /// "đổi" in 1,000 of 1,300 passages (several blocks and a short last one), counts and
    /// lengths varying.
    fn fixture() -> (Index, Term) {
        let mut schema = Schema::builder();
        let text = schema.add_text_field("text", TEXT);
        let index = Index::create_in_ram(schema.build());
        let mut writer: IndexWriter = index.writer(15_000_000).expect("writer");
        for n in 0..1300usize {
            writer
                .add_document(doc!(text => varied_passage(n)))
                .expect("add");
        }
        writer.commit().expect("commit");
        (index, Term::from_field_text(text, "đổi"))
    }

    fn cursor(index: &Index, term: &Term) -> WordCursor {
        let searcher = index.reader().expect("reader").searcher();
        let similarity =
            Bm25Weight::for_terms(&searcher, std::slice::from_ref(term)).expect("weight");
        WordCursor::open(searcher.segment_reader(0), term, similarity)
            .expect("open")
            .expect("term")
    }

    #[test]
    fn walks_and_scores_as_tantivy_postings_and_term_query() {
        let (index, term) = fixture();
        let searcher = index.reader().expect("reader").searcher();
        let reader = searcher.segment_reader(0);
        let query = TermQuery::new(term.clone(), IndexRecordOption::WithFreqs);
        let weight = query
            .weight(EnableScoring::enabled_from_searcher(&searcher))
            .expect("weight");
        let mut theirs = weight.scorer(reader, 1.0).expect("scorer");
        let mut postings = reader
            .inverted_index(term.field())
            .expect("field")
            .read_postings(&term, IndexRecordOption::WithFreqs)
            .expect("read")
            .expect("term");
        let mut ours = cursor(&index, &term);
        assert_eq!(ours.len(), 1000);
        let mut walked = 0;
        while theirs.doc() != TERMINATED {
            assert_eq!(ours.doc(), theirs.doc());
            assert_eq!(ours.count(), postings.term_freq());
            assert_eq!(ours.score(), theirs.score());
            assert!(ours.block_most() >= ours.score());
            assert!(ours.block_end() >= ours.doc());
            theirs.advance();
            postings.advance();
            ours.advance();
            walked += 1;
        }
        assert_eq!(walked, 1000);
        assert_eq!(ours.doc(), TERMINATED);
    }

    #[test]
    fn seeks_within_a_block_across_blocks_and_past_the_end() {
        let (index, term) = fixture();
        let searcher = index.reader().expect("reader").searcher();
        let reader = searcher.segment_reader(0);
        let postings = || {
            reader
                .inverted_index(term.field())
                .expect("field")
                .read_postings(&term, IndexRecordOption::WithFreqs)
                .expect("read")
                .expect("term")
        };
        // Targets close together (inside one block), far apart (blocks skipped), on passages
        // and between them, then past the last.
        for step in [1, 2, 5, 40, 200, 700] {
            let mut ours = cursor(&index, &term);
            let mut theirs = postings();
            let mut target = 0;
            while target < 1400 {
                let expected = match theirs.doc() < target {
                    true => theirs.seek(target),
                    false => theirs.doc(),
                };
                assert_eq!(ours.seek(target), expected, "step {step}, {target}");
                if ours.doc() != TERMINATED {
                    assert_eq!(ours.count(), theirs.term_freq());
                }
                target += step;
            }
            assert_eq!(ours.seek(TERMINATED), TERMINATED);
        }
    }
}
