//! Relevance evaluation: judged queries (query → relevant articles) scored by recall@k (a
//! relevant article in the top k), mean reciprocal rank and nDCG@k (all relevant articles, by
//! rank), overall and per kind of query; articles are ranked by their best passage.

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

/// Recall@k, MRR and nDCG@k of one group of queries.
#[derive(Clone, Debug, Default, Serialize)]
pub struct Scores {
    pub queries: usize,
    pub recall: f64,
    pub mrr: f64,
    pub ndcg: f64,
}

/// Where one query's relevant articles ranked.
#[derive(Clone, Debug)]
struct Outcome {
    /// 1-based ranks (among distinct articles, up to k) of the relevant articles found.
    ranks: Vec<usize>,
    relevant: usize,
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
    let mut outcomes: Vec<(&Judgment, Outcome)> = Vec::new();
    for judgment in &judgments.0 {
        outcomes.push((judgment, ranks(engine, judgment, k)?));
    }
    let mut by_kind: BTreeMap<String, Vec<Outcome>> = BTreeMap::new();
    for (judgment, outcome) in &outcomes {
        by_kind
            .entry(judgment.kind.clone())
            .or_default()
            .push(outcome.clone());
    }
    let all: Vec<Outcome> = outcomes.iter().map(|(_, o)| o.clone()).collect();
    Ok(Report {
        k,
        overall: scores(&all, k),
        by_kind: by_kind
            .into_iter()
            .map(|(kind, o)| (kind, scores(&o, k)))
            .collect(),
        misses: outcomes
            .iter()
            .filter(|(_, outcome)| outcome.ranks.is_empty())
            .map(|(j, _)| (j.query.clone(), j.kind.clone()))
            .collect(),
    })
}

/// Ranks of the relevant articles among the distinct articles of the top hits.
fn ranks(engine: &Engine, judgment: &Judgment, k: usize) -> Result<Outcome> {
    let outcome = engine.search(&judgment.query, k * PASSAGES_PER_ARTICLE)?;
    let mut seen: Vec<&str> = Vec::new();
    let mut ranks = Vec::new();
    for hit in &outcome.hits {
        if seen.len() == k {
            break;
        }
        if seen.contains(&hit.article.as_str()) {
            continue;
        }
        seen.push(&hit.article);
        if judgment.expected.contains(&hit.article) {
            ranks.push(seen.len());
        }
    }
    Ok(Outcome {
        ranks,
        relevant: judgment.expected.len(),
    })
}

fn scores(outcomes: &[Outcome], k: usize) -> Scores {
    let n = outcomes.len().max(1) as f64;
    let gain = |rank: usize| 1.0 / ((rank + 1) as f64).log2();
    let ndcg = |o: &Outcome| {
        let ideal: f64 = (1..=o.relevant.min(k)).map(gain).sum();
        o.ranks.iter().map(|&r| gain(r)).sum::<f64>() / ideal.max(f64::MIN_POSITIVE)
    };
    Scores {
        queries: outcomes.len(),
        recall: outcomes.iter().filter(|o| !o.ranks.is_empty()).count() as f64 / n,
        mrr: outcomes
            .iter()
            .filter_map(|o| o.ranks.first())
            .map(|&r| 1.0 / r as f64)
            .sum::<f64>()
            / n,
        ndcg: outcomes.iter().map(ndcg).sum::<f64>() / n,
    }
}

impl fmt::Display for Report {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let row = |f: &mut fmt::Formatter<'_>, name: &str, s: &Scores| {
            writeln!(
                f,
                "{name:<12} {:>4} queries  recall@{k} {:.3}  MRR {:.3}  nDCG@{k} {:.3}",
                s.queries,
                s.recall,
                s.mrr,
                s.ndcg,
                k = self.k
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
    fn scores_recall_mrr_and_ndcg() {
        let outcome = |ranks: &[usize], relevant| Outcome {
            ranks: ranks.to_vec(),
            relevant,
        };
        let s = scores(
            &[
                outcome(&[1], 1),
                outcome(&[2], 1),
                outcome(&[], 1),
                outcome(&[4], 1),
            ],
            10,
        );
        assert_eq!(s.recall, 0.75);
        assert!((s.mrr - (1.0 + 0.5 + 0.25) / 4.0).abs() < 1e-9);
        let perfect = scores(&[outcome(&[1, 2], 2)], 10);
        assert!((perfect.ndcg - 1.0).abs() < 1e-9);
        let half = scores(&[outcome(&[1], 2)], 10);
        assert!(half.ndcg > 0.5 && half.ndcg < 1.0);
    }
}
