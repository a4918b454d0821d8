//! Filters on every search mode: a period (`--since`, `--until`: YYYY-MM-DD, YYYY-MM or YYYY)
//! and an outlet (`--source`, accents and case optional, any run of words of its name). They
//! restrict the passages without changing their scores.

use tantivy::query::{ConstScoreQuery, PhraseQuery, Query, TermQuery};
use tantivy::schema::IndexRecordOption;
use tantivy::Term;

use crate::analysis::analyze;
use crate::error::{Error, Result};
use crate::index::{days_in_month, Fields};

use super::day_filter::DayFiltered;

/// Which end of a period a date typed by the user stands for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum End {
    /// `--since 2025-08`: from its first day.
    Start,
    /// `--until 2025-08`: through its last day.
    Finish,
}

/// Parses YYYY-MM-DD, YYYY-MM or YYYY into the day number YYYYMMDD of the period's first or
/// last day.
pub fn parse_day(typed: &str, end: End) -> Result<u64> {
    let bad = || Error::BadDate(typed.to_string());
    let parts: Vec<&str> = typed.trim().split('-').collect();
    let number = |part: &str, len: usize| {
        (part.len() == len && part.chars().all(|c| c.is_ascii_digit()))
            .then(|| part.parse::<u64>().ok())
            .flatten()
    };
    let year = parts.first().and_then(|p| number(p, 4)).ok_or_else(bad)?;
    let month = match parts.get(1) {
        Some(p) => Some(
            number(p, 2)
                .filter(|m| (1..=12).contains(m))
                .ok_or_else(bad)?,
        ),
        None => None,
    };
    let day = match (parts.get(2), month) {
        (Some(p), Some(m)) => Some(
            number(p, 2)
                .filter(|d| (1..=days_in_month(year, m)).contains(d))
                .ok_or_else(bad)?,
        ),
        _ => None,
    };
    if parts.len() > 3 || year == 0 {
        return Err(bad());
    }
    let (month, day) = match (end, month, day) {
        (_, Some(m), Some(d)) => (m, d),
        (End::Start, Some(m), None) => (m, 1),
        (End::Finish, Some(m), None) => (m, days_in_month(year, m)),
        (End::Start, None, _) => (1, 1),
        (End::Finish, None, _) => (12, 31),
    };
    Ok(year * 10_000 + month * 100 + day)
}

/// The filters of one search.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Filters {
    /// First day, as YYYYMMDD.
    pub since: Option<u64>,
    /// Last day, as YYYYMMDD.
    pub until: Option<u64>,
    /// Words of the outlet's name as typed.
    pub source: Option<String>,
}

impl Filters {
    pub fn is_empty(&self) -> bool {
        self.since.is_none() && self.until.is_none() && self.source.is_none()
    }

    /// `query` narrowed to the period, if any. The period is checked on each candidate of the
    /// ranking (see `day_filter.rs`), not required as a range clause, which would make every
    /// match be scored.
    pub fn narrow(&self, query: Box<dyn Query>) -> Box<dyn Query> {
        if self.since.is_none() && self.until.is_none() {
            return query;
        }
        Box::new(DayFiltered::new(query, self.since, self.until))
    }

    /// One scoreless query per filter other than the period, each to be required.
    pub fn queries(&self, fields: &Fields) -> Vec<Box<dyn Query>> {
        let mut queries: Vec<Box<dyn Query>> = Vec::new();
        if let Some(source) = &self.source {
            let terms: Vec<Term> = analyze(source)
                .into_iter()
                .map(|w| Term::from_field_text(fields.source_folded, &w.folded))
                .collect();
            let query: Box<dyn Query> = match terms.len() {
                0 => Box::new(TermQuery::new(
                    Term::from_field_text(fields.source_folded, ""),
                    IndexRecordOption::Basic,
                )),
                1 => Box::new(TermQuery::new(terms[0].clone(), IndexRecordOption::Basic)),
                _ => Box::new(PhraseQuery::new(terms)),
            };
            queries.push(Box::new(ConstScoreQuery::new(query, 0.0)));
        }
        queries
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_of_three_precisions() {
        assert_eq!(parse_day("2025-08-07", End::Start).unwrap(), 20250807);
        assert_eq!(parse_day("2025-08-07", End::Finish).unwrap(), 20250807);
        assert_eq!(parse_day("2025-02", End::Start).unwrap(), 20250201);
        assert_eq!(parse_day("2024-02", End::Finish).unwrap(), 20240229);
        assert_eq!(parse_day("2025-02", End::Finish).unwrap(), 20250228);
        assert_eq!(parse_day("2025", End::Start).unwrap(), 20250101);
        assert_eq!(parse_day(" 2025 ", End::Finish).unwrap(), 20251231);
    }

    #[test]
    fn bad_dates_are_refused() {
        for typed in [
            "",
            "25",
            "2025-13",
            "2025-00",
            "2025-02-30",
            "2025-8-7",
            "7/8/2025",
            "2025-08-07-01",
            "yesterday",
            "0000",
        ] {
            let err = parse_day(typed, End::Start).expect_err(typed);
            assert!(err.to_string().contains("YYYY-MM-DD"), "{err}");
        }
    }
}
