//! A query narrowed to a period of publication days, read from the `day` fast field, that keeps
//! the inner query's pruning: the top passages still come from block-max WAND, each candidate
//! checked against the period, instead of every match of a required range clause being scored.

use std::fmt;
use std::sync::Arc;

use tantivy::columnar::{Cardinality, ColumnValues};
use tantivy::query::{EnableScoring, Explanation, Query, Scorer, Weight};
use tantivy::{DocId, DocSet, Score, SegmentReader, TantivyError, Term, TERMINATED};

use crate::index::schema::{DAY, NO_DAY};

/// The passages of `inner` published from `since` through `until` (days as YYYYMMDD, both
/// included). Undated passages never match. Scores are the inner query's.
pub struct DayFiltered {
    inner: Box<dyn Query>,
    period: Period,
}

impl DayFiltered {
    pub fn new(inner: Box<dyn Query>, since: Option<u64>, until: Option<u64>) -> DayFiltered {
        DayFiltered {
            inner,
            period: Period {
                since: since.unwrap_or(0).max(NO_DAY + 1),
                until: until.unwrap_or(u64::MAX),
            },
        }
    }
}

impl Clone for DayFiltered {
    fn clone(&self) -> Self {
        DayFiltered {
            inner: self.inner.box_clone(),
            period: self.period,
        }
    }
}

impl fmt::Debug for DayFiltered {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let Period { since, until } = self.period;
        write!(f, "DayFiltered({:?}, {since}..={until})", self.inner)
    }
}

impl Query for DayFiltered {
    fn weight(&self, enable_scoring: EnableScoring<'_>) -> tantivy::Result<Box<dyn Weight>> {
        Ok(Box::new(DayWeight {
            inner: self.inner.weight(enable_scoring)?,
            period: self.period,
        }))
    }

    fn query_terms<'a>(&'a self, visitor: &mut dyn FnMut(&'a Term, bool)) {
        self.inner.query_terms(visitor);
    }
}

/// Days as YYYYMMDD, both ends included; never [`NO_DAY`].
#[derive(Clone, Copy, Debug)]
struct Period {
    since: u64,
    until: u64,
}

impl Period {
    /// Whether passage `doc`, of the segment whose days are `days`, was published in the period.
    fn holds(self, days: &Days, doc: DocId) -> bool {
        (self.since..=self.until).contains(&days.get_val(doc))
    }
}

/// The day of every passage of a segment; a passage without one (in an index written before
/// [`NO_DAY`] was) reads as [`NO_DAY`].
type Days = Arc<dyn ColumnValues<u64>>;

fn days(reader: &SegmentReader) -> tantivy::Result<Days> {
    let column = reader.fast_fields().u64(DAY)?;
    Ok(match column.get_cardinality() {
        // A day for every passage: read directly, passage number as row.
        Cardinality::Full => column.values,
        _ => column.first_or_default_col(NO_DAY),
    })
}

struct DayWeight {
    inner: Box<dyn Weight>,
    period: Period,
}

impl Weight for DayWeight {
    fn scorer(&self, reader: &SegmentReader, boost: Score) -> tantivy::Result<Box<dyn Scorer>> {
        Ok(Box::new(DayScorer::new(
            self.inner.scorer(reader, boost)?,
            days(reader)?,
            self.period,
        )))
    }

    fn explain(&self, reader: &SegmentReader, doc: DocId) -> tantivy::Result<Explanation> {
        if !self.period.holds(&days(reader)?, doc) {
            return Err(TantivyError::InvalidArgument(format!(
                "document {doc} is outside the period"
            )));
        }
        self.inner.explain(reader, doc)
    }

    /// The inner query's own pruning, candidates outside the period passed over. The threshold
    /// only ever rises with passages that are kept, so no passage of the period is missed.
    fn for_each_pruning(
        &self,
        threshold: Score,
        reader: &SegmentReader,
        callback: &mut dyn FnMut(DocId, Score) -> Score,
    ) -> tantivy::Result<()> {
        let days = days(reader)?;
        let mut current = threshold;
        self.inner
            .for_each_pruning(threshold, reader, &mut |doc, score| {
                if self.period.holds(&days, doc) {
                    current = callback(doc, score);
                }
                current
            })
    }
}

/// The inner scorer's documents inside the period.
struct DayScorer {
    inner: Box<dyn Scorer>,
    days: Days,
    period: Period,
}

impl DayScorer {
    fn new(inner: Box<dyn Scorer>, days: Days, period: Period) -> DayScorer {
        let mut scorer = DayScorer {
            inner,
            days,
            period,
        };
        let first = scorer.inner.doc();
        scorer.skip_outside(first);
        scorer
    }

    /// From `doc` on, the first inner document inside the period.
    fn skip_outside(&mut self, mut doc: DocId) -> DocId {
        while doc != TERMINATED && !self.period.holds(&self.days, doc) {
            doc = self.inner.advance();
        }
        doc
    }
}

impl DocSet for DayScorer {
    fn advance(&mut self) -> DocId {
        let doc = self.inner.advance();
        self.skip_outside(doc)
    }

    fn seek(&mut self, target: DocId) -> DocId {
        let doc = self.inner.seek(target);
        self.skip_outside(doc)
    }

    fn doc(&self) -> DocId {
        self.inner.doc()
    }

    fn size_hint(&self) -> u32 {
        self.inner.size_hint()
    }
}

impl Scorer for DayScorer {
    fn score(&mut self) -> Score {
        self.inner.score()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::ops::Bound;
    use tantivy::collector::{Count, TopDocs};
    use tantivy::query::{BooleanQuery, Occur, RangeQuery, TermQuery};
    use tantivy::schema::{Field, IndexRecordOption, Schema, FAST, INDEXED, TEXT};
    use tantivy::{doc, DocAddress, Index, IndexWriter};

    /// Ten days of passages on "đổi mới", the word repeated more on later days so that scores
    /// differ, with undated passages on the word and dated ones without it.
    fn fixture() -> (Index, Field) {
        fixture_with(None)
    }

    /// The fixture, the undated passages given `no_day` as their day when it is some (as the
    /// indexer writes [`NO_DAY`]), or no day at all.
    fn fixture_with(no_day: Option<u64>) -> (Index, Field) {
        let mut schema = Schema::builder();
        let text = schema.add_text_field("text", TEXT);
        let day = schema.add_u64_field(DAY, INDEXED | FAST);
        let index = Index::create_in_ram(schema.build());
        let mut writer: IndexWriter = index.writer(15_000_000).expect("writer");
        for n in 1..=10u64 {
            let body = "đổi mới ".repeat(n as usize) + "kinh tế";
            let dated = 20250800 + n;
            writer
                .add_document(doc!(text => body.as_str(), day => dated))
                .expect("add");
            let undated = match no_day {
                Some(no_day) => doc!(text => "đổi mới không ngày", day => no_day),
                None => doc!(text => "đổi mới không ngày"),
            };
            writer.add_document(undated).expect("add");
            writer
                .add_document(doc!(text => "kinh tế", day => dated))
                .expect("add");
        }
        writer.commit().expect("commit");
        (index, text)
    }

    fn word(text: Field) -> Box<dyn Query> {
        Box::new(TermQuery::new(
            Term::from_field_text(text, "đổi"),
            IndexRecordOption::WithFreqs,
        ))
    }

    #[test]
    fn ranks_like_a_required_range() {
        let (index, text) = fixture();
        let day = index.schema().get_field(DAY).expect("day");
        let searcher = index.reader().expect("reader").searcher();
        let filtered = DayFiltered::new(word(text), Some(20250803), Some(20250807));
        let range = RangeQuery::new(
            Bound::Included(Term::from_field_u64(day, 20250803)),
            Bound::Included(Term::from_field_u64(day, 20250807)),
        );
        let required = BooleanQuery::new(vec![
            (Occur::Must, word(text)),
            (Occur::Must, Box::new(range)),
        ]);
        let top = TopDocs::with_limit(3).order_by_score();
        let docs = |hits: Vec<(Score, DocAddress)>| -> Vec<DocAddress> {
            hits.into_iter().map(|(_, address)| address).collect()
        };
        // Days 5, 6 and 7 repeat the word most; days 8 to 10 repeat it more but are outside.
        let ours = docs(searcher.search(&filtered, &top).expect("search"));
        assert_eq!(ours.len(), 3);
        assert_eq!(
            ours,
            docs(searcher.search(&required, &top).expect("search"))
        );
        assert_eq!(searcher.search(&filtered, &Count).expect("count"), 5);
    }

    #[test]
    fn open_ends_and_undated_passages() {
        // Undated passages without a day (an index written before `NO_DAY`), and with it.
        for no_day in [None, Some(NO_DAY)] {
            let (index, text) = fixture_with(no_day);
            let searcher = index.reader().expect("reader").searcher();
            let count = |since, until| {
                searcher
                    .search(&DayFiltered::new(word(text), since, until), &Count)
                    .expect("count")
            };
            let top = |since, until| {
                let query = DayFiltered::new(word(text), since, until);
                let top = TopDocs::with_limit(20).order_by_score();
                searcher.search(&query, &top).expect("search").len()
            };
            assert_eq!(count(Some(20250809), None), 2);
            assert_eq!(count(None, Some(20250801)), 1);
            assert_eq!(top(None, Some(20250801)), 1, "{no_day:?}");
            // The ten undated passages on the word never match, even with both ends open.
            assert_eq!(count(None, None), 10);
            assert_eq!(top(None, None), 10, "{no_day:?}");
            assert_eq!(count(Some(20250901), None), 0);
        }
    }
}
