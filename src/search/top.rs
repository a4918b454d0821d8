//! The top passages by score over all segments, with the passages that tie with the last of
//! them. Each segment's ranking starts from the score the segments ranked before it already
//! reached, so block-max WAND skips more of it; tantivy's `TopDocs` starts every segment from
//! nothing. Larger segments go first.

use std::cmp::{Ordering, Reverse};
use std::collections::BinaryHeap;

use tantivy::query::{EnableScoring, Query};
use tantivy::{DocAddress, Score, Searcher};

use crate::error::Result;

/// The `k` best-scoring documents matching `query`, and up to `ties` more that score as much as
/// the k-th (so that the caller can settle ties at the cut by something other than where the
/// indexing threads put the passages); best first, equal scores in index order.
///
/// Ties are gathered while the ranking prunes with the k-th score, rather than by ranking
/// `k + ties` documents: block-max WAND skips what cannot reach the k-th score, not the lower
/// score of the last tie.
pub fn top_by_score(
    searcher: &Searcher,
    query: &dyn Query,
    k: usize,
    ties: usize,
) -> Result<Vec<(Score, DocAddress)>> {
    let weight = query.weight(EnableScoring::enabled_from_searcher(searcher))?;
    let mut top = Top::new(k, ties);
    let readers = searcher.segment_readers();
    let mut order: Vec<usize> = (0..readers.len()).collect();
    order.sort_by_key(|&ord| Reverse(readers[ord].num_docs()));
    for ord in order {
        let reader = &readers[ord];
        let segment = u32::try_from(ord).unwrap_or(u32::MAX);
        let alive = reader.alive_bitset();
        let mut threshold = top.threshold();
        weight.for_each_pruning(threshold, reader, &mut |doc, score| {
            if alive.is_none_or(|alive| alive.is_alive(doc)) {
                top.push(score, DocAddress::new(segment, doc));
                threshold = top.threshold();
            }
            threshold
        })?;
    }
    Ok(top.into_sorted())
}

/// The scores of `query` for the documents at `addresses` that it matches, as a ranking scores
/// them; in address order.
pub fn scores_of(
    searcher: &Searcher,
    query: &dyn Query,
    addresses: &[DocAddress],
) -> Result<Vec<(Score, DocAddress)>> {
    let weight = query.weight(EnableScoring::enabled_from_searcher(searcher))?;
    let mut sorted = addresses.to_vec();
    sorted.sort();
    let mut scores = Vec::with_capacity(sorted.len());
    for segment in sorted.chunk_by(|a, b| a.segment_ord == b.segment_ord) {
        let reader = searcher.segment_reader(segment[0].segment_ord);
        let mut scorer = weight.scorer(reader, 1.0)?;
        for &address in segment {
            // Past the document already: the query does not match it.
            if scorer.doc() <= address.doc_id && scorer.seek(address.doc_id) == address.doc_id {
                scores.push((scorer.score(), address));
            }
        }
    }
    Ok(scores)
}

/// A min-heap of the best `k` so far, and the entries beyond them that tie with the k-th.
struct Top {
    k: usize,
    heap: BinaryHeap<Reverse<Entry>>,
    /// Most entries kept in `ties`.
    most_ties: usize,
    /// Entries outside the heap scoring exactly as its worst.
    ties: Vec<Entry>,
}

impl Top {
    fn new(k: usize, most_ties: usize) -> Top {
        Top {
            k,
            heap: BinaryHeap::with_capacity(k),
            most_ties,
            ties: Vec::with_capacity(most_ties),
        }
    }

    /// The score a document must beat to enter: below the k-th best while ties are wanted,
    /// the k-th best once there are enough.
    fn threshold(&self) -> Score {
        match self.worst() {
            Some(worst) if self.ties.len() < self.most_ties => worst.next_down(),
            Some(worst) => worst,
            None => Score::MIN,
        }
    }

    /// The k-th best score, once there are k.
    fn worst(&self) -> Option<Score> {
        match self.heap.peek() {
            Some(Reverse(worst)) if self.heap.len() >= self.k => Some(worst.score),
            _ => None,
        }
    }

    fn push(&mut self, score: Score, address: DocAddress) {
        let entry = Entry { score, address };
        let Some(worst) = self.worst() else {
            self.heap.push(Reverse(entry));
            return;
        };
        match score.total_cmp(&worst) {
            Ordering::Less => {}
            Ordering::Equal => self.tie(entry),
            Ordering::Greater => {
                let Some(mut last) = self.heap.peek_mut() else {
                    return;
                };
                let evicted = std::mem::replace(&mut last.0, entry);
                drop(last);
                if self.worst() == Some(worst) {
                    self.tie(evicted);
                } else {
                    // The k-th score rose: what tied with the old one is out.
                    self.ties.clear();
                }
            }
        }
    }

    fn tie(&mut self, entry: Entry) {
        if self.ties.len() < self.most_ties {
            self.ties.push(entry);
        }
    }

    fn into_sorted(self) -> Vec<(Score, DocAddress)> {
        let mut entries: Vec<Entry> = self.heap.into_iter().map(|Reverse(e)| e).collect();
        entries.extend(self.ties);
        entries.sort_by(|a, b| b.cmp(a));
        entries.into_iter().map(|e| (e.score, e.address)).collect()
    }
}

/// Greater is better: a higher score, then an earlier address.
struct Entry {
    score: Score,
    address: DocAddress,
}

impl Ord for Entry {
    fn cmp(&self, other: &Self) -> Ordering {
        self.score
            .total_cmp(&other.score)
            .then_with(|| other.address.cmp(&self.address))
    }
}

impl PartialOrd for Entry {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl PartialEq for Entry {
    fn eq(&self, other: &Self) -> bool {
        self.cmp(other) == Ordering::Equal
    }
}

impl Eq for Entry {}

#[cfg(test)]
mod tests {
    use super::*;
    use tantivy::collector::TopDocs;
    use tantivy::query::TermQuery;
    use tantivy::schema::{IndexRecordOption, Schema, TEXT};
    use tantivy::{doc, Index, IndexWriter, Term};

    /// Passages on "đổi mới" in four segments, one deleted, with repeated words so that scores
    /// differ, and many passages scoring alike.
    fn fixture() -> (Index, TermQuery) {
        let mut schema = Schema::builder();
        let text = schema.add_text_field("text", TEXT);
        let index = Index::create_in_ram(schema.build());
        let mut writer: IndexWriter = index.writer(15_000_000).expect("writer");
        for segment in 0..4 {
            for n in 1..=30usize {
                let body = format!("{}kinh tế {segment} {n}", "đổi mới ".repeat(n % 7 + 1));
                writer
                    .add_document(doc!(text => body.as_str()))
                    .expect("add");
            }
            writer.commit().expect("commit");
        }
        writer.delete_term(Term::from_field_text(text, "29"));
        writer.commit().expect("commit");
        let query = TermQuery::new(
            Term::from_field_text(text, "đổi"),
            IndexRecordOption::WithFreqs,
        );
        (index, query)
    }

    fn scores(top: &[(Score, DocAddress)]) -> Vec<Score> {
        top.iter().map(|(score, _)| *score).collect()
    }

    #[test]
    fn same_top_as_tantivy_over_segments_with_deletes() {
        let (index, query) = fixture();
        let searcher = index.reader().expect("reader").searcher();
        assert_eq!(searcher.segment_readers().len(), 4);
        for k in [1, 5, 26, 200] {
            let ours = top_by_score(&searcher, &query, k, 0).expect("top");
            let theirs = searcher
                .search(&query, &TopDocs::with_limit(k).order_by_score())
                .expect("search");
            assert_eq!(scores(&ours), scores(&theirs), "k = {k}");
            assert_eq!(ours.len(), k.min(116), "k = {k}");
        }
    }

    #[test]
    fn ties_with_the_last_are_gathered_up_to_the_bound() {
        let (index, query) = fixture();
        let searcher = index.reader().expect("reader").searcher();
        let all = searcher
            .search(&query, &TopDocs::with_limit(200).order_by_score())
            .expect("search");
        for k in [1, 3, 10, 20] {
            let last = all[k - 1].0;
            let tying = all[k..].iter().filter(|(score, _)| *score == last).count();
            assert!(tying > 0, "the fixture has ties at k = {k}");
            for bound in [0, 2, 16, 100] {
                let ours = top_by_score(&searcher, &query, k, bound).expect("top");
                assert_eq!(ours.len(), k + tying.min(bound), "k = {k}, bound = {bound}");
                assert_eq!(scores(&ours[..k]), scores(&all[..k]), "k = {k}");
                assert!(ours[k..].iter().all(|(score, _)| *score == last));
                let mut addresses: Vec<DocAddress> = ours.iter().map(|(_, a)| *a).collect();
                addresses.sort();
                addresses.dedup();
                assert_eq!(addresses.len(), ours.len(), "no passage twice");
            }
        }
    }
}
