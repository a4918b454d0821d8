//! Relevance evaluation: judged queries (query → expected articles) scored by recall@k and
//! mean reciprocal rank, overall and per kind of query, articles ranked by their best passage.

use std::collections::BTreeMap;
use std::fmt;

use serde::Serialize;

use super::Engine;
use crate::error::{Error, Result};

/// How many passages to fetch per query to rank at least k distinct articles.
const PASSAGES_PER_ARTICLE: usize = 8;

/// One judged query.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Judgment {
    pub query: String,
    /// Any of these article ids is a right answer.
    pub expected: Vec<String>,
    pub kind: String,
}

/// A set of judged queries, parsed from TSV.
#[derive(Clone, Debug, Default)]
pub struct Judgments(pub Vec<Judgment>);

impl Judgments {
    /// Parses `query<TAB>expected[|expected…]<TAB>kind[<TAB>note]` lines; `#` comments and a
    /// `query` header line are skipped.
    pub fn parse(text: &str) -> Result<Judgments> {
        let mut judgments = Vec::new();
        for (index, line) in text.lines().enumerate() {
            let line = line.trim_end_matches('\r');
            if line.trim().is_empty() || line.starts_with('#') || line.starts_with("query\t") {
                continue;
            }
            let columns: Vec<&str> = line.split('\t').collect();
            let (Some(query), Some(expected)) = (columns.first(), columns.get(1)) else {
                return Err(Error::Malformed {
                    path: Default::default(),
                    message: format!("line {}: expected query<TAB>article id", index + 1),
                });
            };
            judgments.push(Judgment {
                query: query.trim().to_string(),
                expected: expected
                    .split('|')
                    .map(|id| id.trim().to_string())
                    .collect(),
                kind: columns.get(2).map_or("all", |k| k.trim()).to_string(),
            });
        }
        Ok(Judgments(judgments))
    }
}

/// Recall@k and MRR of one group of queries.
#[derive(Clone, Debug, Default, Serialize)]
pub struct Scores {
    pub queries: usize,
    pub recall: f64,
    pub mrr: f64,
}

/// The whole evaluation.
#[derive(Clone, Debug, Serialize)]
pub struct Report {
    pub k: usize,
    pub overall: Scores,
    pub by_kind: BTreeMap<String, Scores>,
    /// Queries whose expected article was not in the top k: `(query, kind)`.
    pub misses: Vec<(String, String)>,
}

/// Runs every judged query against `engine`.
pub fn evaluate(engine: &Engine, judgments: &Judgments, k: usize) -> Result<Report> {
    let mut ranks: Vec<(&Judgment, Option<usize>)> = Vec::new();
    for judgment in &judgments.0 {
        ranks.push((judgment, article_rank(engine, judgment, k)?));
    }
    let mut by_kind: BTreeMap<String, Vec<Option<usize>>> = BTreeMap::new();
    for (judgment, rank) in &ranks {
        by_kind
            .entry(judgment.kind.clone())
            .or_default()
            .push(*rank);
    }
    let all: Vec<Option<usize>> = ranks.iter().map(|(_, r)| *r).collect();
    Ok(Report {
        k,
        overall: scores(&all),
        by_kind: by_kind
            .into_iter()
            .map(|(kind, r)| (kind, scores(&r)))
            .collect(),
        misses: ranks
            .iter()
            .filter(|(_, rank)| rank.is_none())
            .map(|(j, _)| (j.query.clone(), j.kind.clone()))
            .collect(),
    })
}

/// 1-based rank of the first expected article among the distinct articles of the top hits.
fn article_rank(engine: &Engine, judgment: &Judgment, k: usize) -> Result<Option<usize>> {
    let outcome = engine.search(&judgment.query, k * PASSAGES_PER_ARTICLE)?;
    let mut seen: Vec<&str> = Vec::new();
    for hit in &outcome.hits {
        if seen.contains(&hit.article.as_str()) {
            continue;
        }
        seen.push(&hit.article);
        if judgment.expected.contains(&hit.article) {
            return Ok(Some(seen.len()));
        }
        if seen.len() == k {
            break;
        }
    }
    Ok(None)
}

fn scores(ranks: &[Option<usize>]) -> Scores {
    let n = ranks.len().max(1) as f64;
    Scores {
        queries: ranks.len(),
        recall: ranks.iter().filter(|r| r.is_some()).count() as f64 / n,
        mrr: ranks.iter().flatten().map(|&r| 1.0 / r as f64).sum::<f64>() / n,
    }
}

impl fmt::Display for Report {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let row = |f: &mut fmt::Formatter<'_>, name: &str, s: &Scores| {
            writeln!(
                f,
                "{name:<12} {:>4} queries  recall@{} {:.3}  MRR {:.3}",
                s.queries, self.k, s.recall, s.mrr
            )
        };
        row(f, "all", &self.overall)?;
        for (kind, scores) in &self.by_kind {
            row(f, kind, scores)?;
        }
        for (query, kind) in &self.misses {
            writeln!(f, "missed ({kind}): {query}")?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_judgments() {
        let text = "# comment\nquery\texpected\tkind\tnote\nha noi\ta.txt|b.txt\tunaccented\twhy\nx\tc.txt\n";
        let judgments = Judgments::parse(text).unwrap().0;
        assert_eq!(judgments.len(), 2);
        assert_eq!(judgments[0].expected, ["a.txt", "b.txt"]);
        assert_eq!(judgments[0].kind, "unaccented");
        assert_eq!(judgments[1].kind, "all");
        assert!(Judgments::parse("only-a-query\n").is_err());
    }

    #[test]
    fn scores_recall_and_mrr() {
        let s = scores(&[Some(1), Some(2), None, Some(4)]);
        assert_eq!(s.recall, 0.75);
        assert!((s.mrr - (1.0 + 0.5 + 0.25) / 4.0).abs() < 1e-9);
    }
}
