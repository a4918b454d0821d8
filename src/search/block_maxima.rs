//! A term's best score block by block in one segment, read from its skip list alone: the
//! passages of a block can be bounded without decoding the block. tantivy reads the same
//! entries as it seeks (`BlockSegmentPostings::block_max_score`), but seeking decodes the
//! block sought, and its skip-only seek is crate-private; so the entries are read here from
//! the segment's postings file, as tantivy 0.27 writes them.
//!
//! Each full block of 128 passages has one entry: its last passage, the bit widths of its
//! passages and counts, the counts' sum when the field keeps positions, and the length and
//! count of the passage that scored best there when the segment was written. That best is an
//! upper bound of the block's scores as tantivy's own block-max pruning takes it (the lengths'
//! average it was chosen by is the segment's, not the whole index's). The passages after the
//! last full block have no entry: they are bounded by the term's best anywhere.

use std::io;

use tantivy::directory::{CompositeFile, Directory, FileSlice};
use tantivy::query::Bm25Weight;
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::{DocId, HasLen, Score, SegmentReader, Term, TERMINATED};
use tantivy_common::VInt;

/// Passages per block of postings.
const BLOCK: u32 = 128;

/// Bytes before a field's postings: its count of tokens.
const TOKEN_COUNT: usize = 8;

/// A term's blocks in one segment: where each ends and its best score, looked up passage by
/// passage in increasing order.
#[derive(Debug)]
pub(super) struct BlockMaxima {
    /// The last passage of each full block, increasing.
    ends: Vec<DocId>,
    /// The best score in each full block.
    best: Vec<Score>,
    /// The bound of the passages after the last full block.
    tail: Score,
    /// The block of the last look-up.
    at: usize,
}

impl BlockMaxima {
    /// The blocks of `term`, scored by `similarity`, from the postings of its field in the
    /// segment (see [`field_postings`]); passages after the last full block are bounded by
    /// `tail`. `None` when the term has no full block, its field keeps no counts, or its skip
    /// list is not laid out as expected (another version of tantivy).
    pub fn read(
        postings: &FileSlice,
        reader: &SegmentReader,
        term: &Term,
        similarity: &Bm25Weight,
        tail: Score,
    ) -> io::Result<Option<BlockMaxima>> {
        let entry_len = match record_option(reader, term.field()) {
            Some(IndexRecordOption::WithFreqs) => 8,
            Some(IndexRecordOption::WithFreqsAndPositions) => 12,
            _ => return Ok(None),
        };
        let Some(info) = reader
            .inverted_index(term.field())
            .map_err(io::Error::other)?
            .get_term_info(term)?
        else {
            return Ok(None);
        };
        let blocks = (info.doc_freq / BLOCK) as usize;
        if blocks == 0 {
            return Ok(None);
        }
        let bytes = postings.slice(info.postings_range).read_bytes()?;
        let mut data = bytes.as_slice();
        let skip_len = VInt::deserialize_u64(&mut data)? as usize;
        let Some(skips) = data
            .get(..skip_len)
            .filter(|s| s.len() == blocks * entry_len)
        else {
            return Ok(None);
        };
        let mut ends = Vec::with_capacity(blocks);
        let mut best = Vec::with_capacity(blocks);
        for entry in skips.chunks_exact(entry_len) {
            let end = u32::from_le_bytes([entry[0], entry[1], entry[2], entry[3]]);
            if ends.last().is_some_and(|&last| last >= end) || end >= reader.max_doc() {
                return Ok(None);
            }
            ends.push(end);
            let length = entry[entry_len - 2];
            let count = match entry[entry_len - 1] {
                u8::MAX => u32::MAX,
                count => u32::from(count),
            };
            best.push(similarity.score(length, count));
        }
        Ok(Some(BlockMaxima {
            ends,
            best,
            tail,
            at: 0,
        }))
    }

    /// Looks blocks up from the first again.
    pub fn rewind(&mut self) {
        self.at = 0;
    }

    /// The best score of the block holding `doc` (or the first passage after it), and the last
    /// passage that block covers (`TERMINATED` after the last full block). `doc` never falls
    /// from call to call.
    pub fn at(&mut self, doc: DocId) -> (Score, DocId) {
        while self.ends.get(self.at).is_some_and(|&end| end < doc) {
            self.at += 1;
        }
        match self.ends.get(self.at) {
            Some(&end) => (self.best[self.at], end),
            None => (self.tail, TERMINATED),
        }
    }
}

/// The postings of `field` in the segment: its section of the `.idx` file after the field's
/// count of tokens (8 bytes), where every term's list (skip list first) stands at the range
/// its term info gives.
pub(super) fn field_postings(
    directory: &dyn Directory,
    reader: &SegmentReader,
    field: Field,
) -> io::Result<Option<FileSlice>> {
    let path = format!("{}.idx", reader.segment_id().uuid_string());
    let file = directory
        .open_read(path.as_ref())
        .map_err(io::Error::other)?;
    let section = CompositeFile::open(&file)?.open_read(field);
    Ok(section
        .filter(|s| s.len() >= TOKEN_COUNT)
        .map(|s| s.split(TOKEN_COUNT).1))
}

fn record_option(reader: &SegmentReader, field: Field) -> Option<IndexRecordOption> {
    reader
        .schema()
        .get_field_entry(field)
        .field_type()
        .get_index_record_option()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::word_cursor::varied_passage;
    use tantivy::fieldnorm::FieldNormReader;
    use tantivy::schema::{Schema, TextFieldIndexing, TextOptions, TEXT};
    use tantivy::{doc, Index, IndexWriter, Searcher};

    /// "đổi" in 1,000 of 1,300 passages (seven full blocks and a shorter one), counts and
    /// lengths varying, in a field with positions and one with counts only.
    fn fixture() -> (Index, [Term; 2]) {
        let mut schema = Schema::builder();
        let positions = schema.add_text_field("positions", TEXT);
        let counts = schema.add_text_field(
            "counts",
            TextOptions::default().set_indexing_options(
                TextFieldIndexing::default().set_index_option(IndexRecordOption::WithFreqs),
            ),
        );
        let index = Index::create_in_ram(schema.build());
        let mut writer: IndexWriter = index.writer(15_000_000).expect("writer");
        for n in 0..1300usize {
            let body = varied_passage(n);
            writer
                .add_document(doc!(positions => body.as_str(), counts => body.as_str()))
                .expect("add");
        }
        writer.commit().expect("commit");
        let terms = [positions, counts].map(|field| Term::from_field_text(field, "đổi"));
        (index, terms)
    }

    fn similarity(searcher: &Searcher, term: &Term) -> Bm25Weight {
        Bm25Weight::for_terms(searcher, std::slice::from_ref(term)).expect("weight")
    }

    fn maxima(index: &Index, searcher: &Searcher, term: &Term) -> BlockMaxima {
        let reader = searcher.segment_reader(0);
        let postings = field_postings(index.directory(), reader, term.field())
            .expect("read")
            .expect("the field has postings");
        BlockMaxima::read(&postings, reader, term, &similarity(searcher, term), 99.0)
            .expect("read")
            .expect("full blocks")
    }

    #[test]
    fn reads_each_full_block_s_end_and_best_as_tantivy_does() {
        let (index, terms) = fixture();
        let searcher = index.reader().expect("reader").searcher();
        let reader = searcher.segment_reader(0);
        for term in &terms {
            let mut ours = maxima(&index, &searcher, term);
            assert_eq!(ours.ends.len(), 1000 / 128, "{term:?}");
            let lengths = reader
                .fieldnorms_readers()
                .get_field(term.field())
                .expect("field")
                .unwrap_or_else(|| FieldNormReader::constant(reader.max_doc(), 1));
            let weight = similarity(&searcher, term);
            let mut theirs = reader
                .inverted_index(term.field())
                .expect("field")
                .read_block_postings(term, IndexRecordOption::WithFreqs)
                .expect("read")
                .expect("term");
            let mut blocks = 0;
            while theirs.block_len() == BLOCK as usize {
                let first = theirs.docs()[0];
                let last = *theirs.docs().last().expect("a full block");
                let best = theirs.block_max_score(&lengths, &weight);
                // The best is an upper bound of every score of the block, and reached.
                let scores: Vec<Score> = (0..theirs.block_len())
                    .map(|i| weight.score(lengths.fieldnorm_id(theirs.doc(i)), theirs.freq(i)))
                    .collect();
                assert!(scores.iter().all(|&s| s <= best));
                assert!(scores.contains(&best));
                assert_eq!(ours.at(first), (best, last), "block {blocks} of {term:?}");
                assert_eq!(ours.at(last), (best, last));
                blocks += 1;
                theirs.advance();
            }
            assert_eq!(blocks, 7);
            // The shorter last block, and past the end.
            assert_eq!(ours.at(theirs.docs()[0]), (99.0, TERMINATED));
            assert_eq!(ours.at(TERMINATED), (99.0, TERMINATED));
        }
    }

    #[test]
    fn a_passage_between_blocks_takes_the_next_block() {
        let (index, terms) = fixture();
        let searcher = index.reader().expect("reader").searcher();
        let mut ours = maxima(&index, &searcher, &terms[0]);
        let (first_best, first_end) = (ours.best[0], ours.ends[0]);
        assert_eq!(ours.at(0), (first_best, first_end));
        // Passages 0, 1 and 2 of every 13 lack the word: the one after a block's end may too.
        assert_eq!(ours.at(first_end + 1), (ours.best[1], ours.ends[1]));
    }

    #[test]
    fn a_term_without_a_full_block_or_counts_has_no_maxima() {
        let (index, terms) = fixture();
        let searcher = index.reader().expect("reader").searcher();
        let reader = searcher.segment_reader(0);
        let field = terms[0].field();
        let postings = field_postings(index.directory(), reader, field)
            .expect("read")
            .expect("postings");
        // "kinh" stands in 300 passages: two full blocks; "1299" in one.
        let rare = Term::from_field_text(field, "1299");
        let weight = similarity(&searcher, &rare);
        let read = BlockMaxima::read(&postings, reader, &rare, &weight, 1.0).expect("read");
        assert!(read.is_none());
        let absent = Term::from_field_text(field, "không");
        let read = BlockMaxima::read(&postings, reader, &absent, &weight, 1.0).expect("read");
        assert!(read.is_none());
        let kinh = Term::from_field_text(field, "kinh");
        let weight = similarity(&searcher, &kinh);
        let read = BlockMaxima::read(&postings, reader, &kinh, &weight, 1.0).expect("read");
        assert_eq!(read.map(|m| m.ends.len()), Some(2));
    }
}
