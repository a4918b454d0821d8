//! Counts over the vocabulary of a keyword field: how many live passages hold each term.
//! Listings of persons and documents come from here, so they need nothing but the index.

use std::collections::{BTreeMap, BTreeSet};

use tantivy::postings::TermInfo;
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::{DocSet, InvertedIndexReader, Searcher, SegmentReader, TantivyError, TERMINATED};

use crate::error::Result;

/// Live-document counts of the terms of `field` that start with `prefix` ("" for all),
/// summed over segments; deleted documents are not counted.
pub fn term_counts(
    searcher: &Searcher,
    field: Field,
    prefix: &str,
) -> Result<BTreeMap<String, u64>> {
    let mut counts = BTreeMap::new();
    for segment in searcher.segment_readers() {
        count_segment(segment, field, prefix, &mut counts)?;
    }
    Ok(counts)
}

/// The terms of `field` starting with `prefix` in any segment, whether or not a live passage
/// holds them (nothing is counted: no posting list is read).
pub fn terms_with_prefix(
    searcher: &Searcher,
    field: Field,
    prefix: &str,
) -> Result<BTreeSet<String>> {
    let mut terms = BTreeSet::new();
    for segment in searcher.segment_readers() {
        each_term(segment, field, prefix, |_, key, _| {
            terms.insert(String::from_utf8_lossy(key).into_owned());
            Ok(())
        })?;
    }
    Ok(terms)
}

/// Calls `visit` with each term of `field` in `segment` that starts with `prefix` ("" for
/// all), in order.
fn each_term(
    segment: &SegmentReader,
    field: Field,
    prefix: &str,
    mut visit: impl FnMut(&InvertedIndexReader, &[u8], &TermInfo) -> Result<()>,
) -> Result<()> {
    let inverted = segment.inverted_index(field)?;
    let range = inverted.terms().range().ge(prefix.as_bytes());
    let mut stream = range.into_stream().map_err(TantivyError::from)?;
    while stream.advance() && stream.key().starts_with(prefix.as_bytes()) {
        visit(&inverted, stream.key(), stream.value())?;
    }
    Ok(())
}

fn count_segment(
    segment: &SegmentReader,
    field: Field,
    prefix: &str,
    counts: &mut BTreeMap<String, u64>,
) -> Result<()> {
    each_term(segment, field, prefix, |inverted, key, info| {
        let count = match segment.alive_bitset() {
            None => u64::from(info.doc_freq),
            Some(alive) => {
                let mut postings = inverted
                    .read_postings_from_terminfo(info, IndexRecordOption::Basic)
                    .map_err(TantivyError::from)?;
                let mut live = 0;
                let mut doc = postings.doc();
                while doc != TERMINATED {
                    if alive.is_alive(doc) {
                        live += 1;
                    }
                    doc = postings.advance();
                }
                live
            }
        };
        if count > 0 {
            *counts
                .entry(String::from_utf8_lossy(key).into_owned())
                .or_insert(0) += count;
        }
        Ok(())
    })
}
