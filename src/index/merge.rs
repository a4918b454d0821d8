//! Which segments the index writer merges: the small ones that updates write, eight of a size
//! at a time as tantivy's default does, and a large one only once a third of it is deleted.
//! The large segments a bulk load writes are left as they are: merging them cost a sixth of a
//! large build's CPU time, most of it on one core after the last document, and made keyword
//! queries at most twice as fast, which they need not be (BENCHMARKS.md).

use tantivy::index::SegmentMeta;
use tantivy::indexer::{LogMergePolicy, MergeCandidate, MergePolicy};

/// Segments with more live passages than this are merged only to drop deleted ones.
const MERGE_BELOW: usize = 100_000;

/// Share of deleted passages at which a large segment is rewritten without them.
const MAX_DELETED: f64 = 1.0 / 3.0;

/// The merge policy (see the module documentation).
#[derive(Debug)]
pub struct SizeAwareMerges {
    small: LogMergePolicy,
}

impl SizeAwareMerges {
    pub fn new() -> SizeAwareMerges {
        let mut small = LogMergePolicy::default();
        small.set_max_docs_before_merge(MERGE_BELOW);
        SizeAwareMerges { small }
    }
}

impl MergePolicy for SizeAwareMerges {
    fn compute_merge_candidates(&self, segments: &[SegmentMeta]) -> Vec<MergeCandidate> {
        let mut candidates = self.small.compute_merge_candidates(segments);
        // One rewrite per segment: a merge of several large ones would read them all at once.
        candidates.extend(
            segments
                .iter()
                .filter(|s| s.num_docs() as usize > MERGE_BELOW && mostly_deleted(s))
                .map(|s| MergeCandidate(vec![s.id()])),
        );
        candidates
    }
}

fn mostly_deleted(segment: &SegmentMeta) -> bool {
    f64::from(segment.num_deleted_docs()) >= MAX_DELETED * f64::from(segment.max_doc())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::index::schema::schema;
    use tantivy::index::SegmentId;
    use tantivy::Index;

    fn metas(index: &Index, count: usize, docs: u32) -> Vec<SegmentMeta> {
        (0..count)
            .map(|_| index.new_segment_meta(SegmentId::generate_random(), docs))
            .collect()
    }

    fn merged(policy: &SizeAwareMerges, segments: &[SegmentMeta]) -> Vec<Vec<SegmentId>> {
        policy
            .compute_merge_candidates(segments)
            .into_iter()
            .map(|c| c.0)
            .collect()
    }

    #[test]
    fn small_segments_merge_eight_at_a_time() {
        let index = Index::create_in_ram(schema());
        let policy = SizeAwareMerges::new();
        let updates = metas(&index, 8, 400);
        let mut candidates = merged(&policy, &updates);
        assert_eq!(candidates.len(), 1);
        candidates[0].sort();
        let mut ids: Vec<SegmentId> = updates.iter().map(SegmentMeta::id).collect();
        ids.sort();
        assert_eq!(candidates[0], ids);
        assert!(merged(&policy, &updates[..7]).is_empty());
    }

    #[test]
    fn large_segments_stay_unless_mostly_deleted() {
        let index = Index::create_in_ram(schema());
        let policy = SizeAwareMerges::new();
        let docs = (MERGE_BELOW * 3) as u32;
        let bulk = metas(&index, 16, docs);
        assert!(merged(&policy, &bulk).is_empty());
        let updates = metas(&index, 8, 400);
        let mixed: Vec<SegmentMeta> = bulk.iter().chain(&updates).cloned().collect();
        let candidates = merged(&policy, &mixed);
        assert_eq!(candidates.len(), 1);
        assert!(candidates[0]
            .iter()
            .all(|id| updates.iter().any(|m| m.id() == *id)));
        // A third deleted: that segment alone is rewritten; a tenth: left.
        let mut worn = bulk.clone();
        worn[3] = worn[3].clone().with_delete_meta(docs / 3, 1);
        worn[5] = worn[5].clone().with_delete_meta(docs / 10, 1);
        assert_eq!(merged(&policy, &worn), vec![vec![worn[3].id()]]);
    }
}
