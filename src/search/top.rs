//! The top passages by score over all segments. Each segment's ranking starts from the score the
//! segments ranked before it already reached, so block-max WAND skips more of it; tantivy's
//! `TopDocs` starts every segment from nothing. Larger segments go first.

use std::cmp::{Ordering, Reverse};
use std::collections::BinaryHeap;

use tantivy::query::{EnableScoring, Query};
use tantivy::{DocAddress, Score, Searcher};

use crate::error::Result;

/// The `k` best-scoring documents matching `query`, best first; equal scores in index order.
pub fn top_by_score(
    searcher: &Searcher,
    query: &dyn Query,
    k: usize,
) -> Result<Vec<(Score, DocAddress)>> {
    let weight = query.weight(EnableScoring::enabled_from_searcher(searcher))?;
    let mut top = Top::new(k);
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

/// A min-heap of the best `k` so far.
struct Top {
    k: usize,
    heap: BinaryHeap<Reverse<Entry>>,
}

impl Top {
    fn new(k: usize) -> Top {
        Top {
            k,
            heap: BinaryHeap::with_capacity(k),
        }
    }

    /// The score a document must beat to enter: the k-th best once there are k.
    fn threshold(&self) -> Score {
        match self.heap.peek() {
            Some(Reverse(worst)) if self.heap.len() >= self.k => worst.score,
            _ => Score::MIN,
        }
    }

    fn push(&mut self, score: Score, address: DocAddress) {
        let entry = Entry { score, address };
        if self.heap.len() < self.k {
            self.heap.push(Reverse(entry));
        } else if let Some(mut worst) = self.heap.peek_mut() {
            if entry > worst.0 {
                *worst = Reverse(entry);
            }
        }
    }

    fn into_sorted(self) -> Vec<(Score, DocAddress)> {
        let mut entries: Vec<Entry> = self.heap.into_iter().map(|Reverse(e)| e).collect();
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

    /// Passages on "đổi mới" in several segments, some deleted, with repeated words so that
    /// scores differ; the same top as tantivy's `TopDocs`.
    #[test]
    fn same_top_as_tantivy_over_segments_with_deletes() {
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
        let searcher = index.reader().expect("reader").searcher();
        assert_eq!(searcher.segment_readers().len(), 4);
        let query = TermQuery::new(
            Term::from_field_text(text, "đổi"),
            IndexRecordOption::WithFreqs,
        );
        for k in [1, 5, 26, 200] {
            let ours = top_by_score(&searcher, &query, k).expect("top");
            let theirs = searcher
                .search(&query, &TopDocs::with_limit(k).order_by_score())
                .expect("search");
            let scores = |top: &[(Score, DocAddress)]| -> Vec<Score> {
                top.iter().map(|(score, _)| *score).collect()
            };
            assert_eq!(scores(&ours), scores(&theirs), "k = {k}");
            assert_eq!(ours.len(), k.min(116), "k = {k}");
        }
    }
}
