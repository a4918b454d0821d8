//! A phrase in the folded form, with terms it requires besides its words (the words as typed
//! with marks, its pairs of common syllables), whose positions are read only in passages that
//! could still enter the top.
//!
//! Reading positions is what makes a phrase of common words slow: tantivy's phrase scorer reads
//! them in every passage holding all the words. When ranking the top passages, a passage can
//! only score as high as the phrase would if it occurred as often as any one of its words
//! does; when even that does not beat the score the top already asks for, its positions are
//! not read. The bound is checked twice: with the rarest word's count as soon as that word is
//! found, before the denser lists are sought to the passage (seeking them is most of the cost
//! once positions are skipped), and with the smallest count once all the lists agree.
//! The passages and their scores are exactly those of tantivy's phrase query with the
//! required terms as zero-scoring filters, which this query runs as such wherever it is not
//! the whole ranking (inside a boolean query, counting, explaining).

use std::fmt;

use tantivy::fieldnorm::FieldNormReader;
use tantivy::postings::{Postings, SegmentPostings};
use tantivy::query::{
    Bm25Weight, BooleanQuery, ConstScoreQuery, EnableScoring, Explanation, Occur, PhraseQuery,
    Query, Scorer, TermQuery, Weight,
};
use tantivy::schema::IndexRecordOption;
use tantivy::{DocId, DocSet, Score, SegmentReader, Term, TERMINATED};

use super::pair_phrase::{lengths, phrase_similarity};

/// The folded words side by side, in passages also holding every filter term.
#[derive(Clone)]
pub struct CheckedPhraseQuery {
    /// The words, in the folded field, two or more.
    words: Vec<Term>,
    /// Terms the passage must hold, scoring nothing.
    filters: Vec<Term>,
}

impl CheckedPhraseQuery {
    pub fn new(words: Vec<Term>, filters: Vec<Term>) -> CheckedPhraseQuery {
        CheckedPhraseQuery { words, filters }
    }

    /// The same as tantivy queries: the phrase, and each filter as a zero-scoring clause.
    fn exact(&self) -> Box<dyn Query> {
        let phrase: Box<dyn Query> = Box::new(PhraseQuery::new(self.words.clone()));
        if self.filters.is_empty() {
            return phrase;
        }
        let mut clauses = vec![(Occur::Must, phrase)];
        clauses.extend(self.filters.iter().cloned().map(required_term));
        Box::new(BooleanQuery::new(clauses))
    }
}

/// A term the passage must hold, as a clause that adds nothing to the score.
pub(super) fn required_term(term: Term) -> (Occur, Box<dyn Query>) {
    let query = TermQuery::new(term, IndexRecordOption::Basic);
    (
        Occur::Must,
        Box::new(ConstScoreQuery::new(Box::new(query), 0.0)),
    )
}

impl fmt::Debug for CheckedPhraseQuery {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("CheckedPhraseQuery")
            .field("words", &self.words)
            .field("filters", &self.filters)
            .finish()
    }
}

impl Query for CheckedPhraseQuery {
    fn weight(&self, scoring: EnableScoring<'_>) -> tantivy::Result<Box<dyn Weight>> {
        Ok(Box::new(CheckedPhraseWeight {
            words: self.words.clone(),
            filters: self.filters.clone(),
            similarity: phrase_similarity(scoring, &self.words)?,
            exact: self.exact().weight(scoring)?,
        }))
    }

    fn query_terms<'a>(&'a self, visitor: &mut dyn FnMut(&'a Term, bool)) {
        for word in &self.words {
            visitor(word, true);
        }
        for filter in &self.filters {
            visitor(filter, false);
        }
    }
}

struct CheckedPhraseWeight {
    words: Vec<Term>,
    filters: Vec<Term>,
    /// The phrase's BM25 weight (tantivy's for a phrase); `None` when scoring is disabled.
    similarity: Option<Bm25Weight>,
    /// The same query as tantivy runs it.
    exact: Box<dyn Weight>,
}

impl Weight for CheckedPhraseWeight {
    fn scorer(&self, reader: &SegmentReader, boost: Score) -> tantivy::Result<Box<dyn Scorer>> {
        self.exact.scorer(reader, boost)
    }

    fn explain(&self, reader: &SegmentReader, doc: DocId) -> tantivy::Result<Explanation> {
        self.exact.explain(reader, doc)
    }

    fn for_each_pruning(
        &self,
        threshold: Score,
        reader: &SegmentReader,
        callback: &mut dyn FnMut(DocId, Score) -> Score,
    ) -> tantivy::Result<()> {
        let Some(similarity) = &self.similarity else {
            return self.exact.for_each_pruning(threshold, reader, callback);
        };
        let Some(mut segment) = self.segment(reader)? else {
            return Ok(());
        };
        segment.rank(similarity, threshold, callback);
        Ok(())
    }
}

impl CheckedPhraseWeight {
    /// The postings of the words and filters in one segment; `None` when one is absent.
    fn segment(&self, reader: &SegmentReader) -> tantivy::Result<Option<SegmentPhrase>> {
        let mut lists = Vec::with_capacity(self.words.len() + self.filters.len());
        let wanted = self
            .words
            .iter()
            .map(|term| (term, IndexRecordOption::WithFreqsAndPositions))
            .chain(
                self.filters
                    .iter()
                    .map(|term| (term, IndexRecordOption::Basic)),
            );
        for (term, option) in wanted {
            match reader
                .inverted_index(term.field())?
                .read_postings(term, option)?
            {
                Some(postings) => lists.push(postings),
                None => return Ok(None),
            }
        }
        let lengths = lengths(reader, self.words[0].field())?;
        // Candidates come from the rarest list, the others are sought to them.
        let mut order: Vec<usize> = (0..lists.len()).collect();
        order.sort_by_key(|&i| lists[i].doc_freq());
        let rarest_word = order.iter().position(|&i| i < self.words.len());
        Ok(Some(SegmentPhrase {
            words: self.words.len(),
            rarest_word: rarest_word.unwrap_or(0),
            lists,
            order,
            lengths,
            positions: vec![Vec::new(); self.words.len()],
            starts: Vec::new(),
        }))
    }
}

/// One segment's postings of a phrase: the words' first, then the filters'.
struct SegmentPhrase {
    words: usize,
    lists: Vec<SegmentPostings>,
    /// The lists, rarest first.
    order: Vec<usize>,
    /// Where the rarest word's list stands in `order`: its count bounds the score first.
    rarest_word: usize,
    lengths: FieldNormReader,
    /// Reused buffers: each word's positions in the passage, and where the phrase may start.
    positions: Vec<Vec<u32>>,
    starts: Vec<u32>,
}

impl SegmentPhrase {
    /// Calls `callback` with every passage holding the phrase and the filters whose score
    /// beats the threshold, the threshold rising as `callback` returns.
    fn rank(
        &mut self,
        similarity: &Bm25Weight,
        mut threshold: Score,
        callback: &mut dyn FnMut(DocId, Score) -> Score,
    ) {
        let mut doc = self.first_common(0, similarity, threshold);
        while doc != TERMINATED {
            let length = self.lengths.fieldnorm_id(doc);
            let most = self.lists[..self.words]
                .iter()
                .map(|list| list.term_freq())
                .min()
                .unwrap_or(0);
            if similarity.score(length, most) > threshold {
                let count = self.phrase_count();
                if count > 0 {
                    let score = similarity.score(length, count);
                    if score > threshold {
                        threshold = callback(doc, score);
                    }
                }
            }
            doc = self.first_common(doc + 1, similarity, threshold);
        }
    }

    /// The first passage from `target` on that every list holds and where the rarest word's
    /// count could beat `threshold`, `TERMINATED` when none.
    fn first_common(
        &mut self,
        mut target: DocId,
        similarity: &Bm25Weight,
        threshold: Score,
    ) -> DocId {
        'candidates: loop {
            for (rank, &i) in self.order.iter().enumerate() {
                let list = &mut self.lists[i];
                let doc = if list.doc() < target {
                    list.seek(target)
                } else {
                    list.doc()
                };
                if doc == TERMINATED {
                    return TERMINATED;
                }
                if doc > target {
                    target = doc;
                    continue 'candidates;
                }
                if rank == self.rarest_word {
                    let length = self.lengths.fieldnorm_id(doc);
                    if similarity.score(length, list.term_freq()) <= threshold {
                        target = doc + 1;
                        continue 'candidates;
                    }
                }
            }
            return target;
        }
    }

    /// How many times the words stand side by side in the current passage.
    fn phrase_count(&mut self) -> u32 {
        for (list, positions) in self.lists.iter_mut().zip(&mut self.positions) {
            list.positions(positions);
        }
        let (first, rest) = self.positions.split_at(1);
        self.starts.clear();
        self.starts.extend_from_slice(&first[0]);
        for (shift, positions) in (1u32..).zip(rest) {
            self.starts
                .retain(|start| positions.binary_search(&(start + shift)).is_ok());
        }
        u32::try_from(self.starts.len()).unwrap_or(u32::MAX)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use tantivy::Index;

    use crate::index::schema::Fields;
    use crate::search::fixture::{index_of, ranked};

    /// Passages on the Mekong delta's "mùa nước nổi" and its "nước nổi" season, in three
    /// segments, one deleted; lengths and counts vary so that scores do.
    fn fixture() -> (Index, Fields) {
        let bodies = [
            "Mùa nước nổi về, người dân miền Tây vào mùa đánh bắt.",
            "Nước nổi năm nay về sớm; mùa nước nổi là mùa của cá linh, mùa nước nổi.",
            "Mưa nhiều, nước sông lên, nổi lo mùa màng.",
            "Mùa nước nổi.",
            "Người dân nói mua nước nổi, không phải mùa nước nổi.",
            "Du lịch mùa nước nổi ở An Giang hút khách trong nước.",
        ];
        let segments: Vec<Vec<String>> = (0..3)
            .map(|round| {
                let lead = |n: usize| "Tin ".repeat(round * 2 + n % 3);
                let texts = bodies.iter().enumerate();
                texts
                    .map(|(n, body)| format!("{} {body}", lead(n)))
                    .collect()
            })
            .collect();
        index_of(&segments, "Đồng bằng sông Cửu Long", "1-3")
    }

    fn folded(fields: &Fields, words: &[&str]) -> Vec<Term> {
        words
            .iter()
            .map(|w| Term::from_field_text(fields.text_folded, w))
            .collect()
    }

    #[test]
    fn ranks_as_tantivy_does_with_and_without_filters() {
        let (index, fields) = fixture();
        let searcher = index.reader().expect("reader").searcher();
        let accented = |w: &str| Term::from_field_text(fields.text, w);
        let cases = [
            (vec!["mua", "nuoc", "noi"], vec![]),
            (vec!["nuoc", "noi"], vec![]),
            (vec!["mua", "nuoc", "noi"], vec![accented("mùa")]),
            (vec!["mua", "nuoc"], vec![accented("mùa"), accented("nước")]),
            (vec!["song", "cuu", "long"], vec![]),
        ];
        for (words, filters) in cases {
            let checked = CheckedPhraseQuery::new(folded(&fields, &words), filters.clone());
            let exact = checked.exact();
            for k in [1, 3, 100] {
                let ours = ranked(&searcher, &checked, k);
                let theirs = ranked(&searcher, &*exact, k);
                assert!(!ours.is_empty(), "{words:?}");
                assert_eq!(ours, theirs, "{words:?} {filters:?} k = {k}");
            }
        }
    }

    #[test]
    fn a_filter_or_a_word_absent_finds_nothing() {
        let (index, fields) = fixture();
        let searcher = index.reader().expect("reader").searcher();
        let absent = Term::from_field_text(fields.text, "lũ");
        let filtered = CheckedPhraseQuery::new(folded(&fields, &["nuoc", "noi"]), vec![absent]);
        assert!(ranked(&searcher, &filtered, 10).is_empty());
        let unknown = CheckedPhraseQuery::new(folded(&fields, &["nuoc", "lu"]), vec![]);
        assert!(ranked(&searcher, &unknown, 10).is_empty());
        // Folded, "nói mua" is "noi mua": three passages (one per segment), whichever way run.
        let across = CheckedPhraseQuery::new(folded(&fields, &["noi", "mua"]), vec![]);
        let count = searcher.search(&across, &tantivy::collector::Count);
        assert_eq!(count.expect("count"), 3);
        assert_eq!(ranked(&searcher, &across, 10).len(), 3);
    }
}
