//! Entity evaluation: hand-labelled passages (expected persons and document numbers) scored
//! against what the index holds for them, as precision and recall per split.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::fmt;

use serde::Serialize;

use super::{ArticleView, Engine, PassageView};
use crate::entities::doc_number::parse_doc_number;
use crate::entities::person::person_key;
use crate::error::{Error, Result};

/// One labelled passage.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EntityLabel {
    pub article: String,
    pub passage: u64,
    pub docs: Vec<String>,
    pub persons: Vec<String>,
    /// `tune` (for tuning rules) or `test` (for reporting).
    pub split: String,
}

/// Parses `article<TAB>passage<TAB>docs<TAB>persons<TAB>note<TAB>split` lines (`|` between
/// values); `#` comments and the header are skipped.
pub fn parse_entity_labels(text: &str) -> Result<Vec<EntityLabel>> {
    labelled_rows(text, "article<TAB>passage<TAB>docs<TAB>persons")?
        .into_iter()
        .map(|row| {
            Ok(EntityLabel {
                docs: row.values(2),
                persons: row.values(3),
                split: row.column(5).unwrap_or("all").to_string(),
                article: row.article,
                passage: row.passage,
            })
        })
        .collect()
}

/// One row of a tab-separated file of labelled passages.
pub(crate) struct LabelledRow<'t> {
    pub article: String,
    pub passage: u64,
    columns: Vec<&'t str>,
}

impl<'t> LabelledRow<'t> {
    /// Column `i`, trimmed.
    pub fn column(&self, i: usize) -> Option<&'t str> {
        self.columns.get(i).map(|c| c.trim())
    }

    /// The `|`-separated values of column `i`, empty ones left out.
    pub fn values(&self, i: usize) -> Vec<String> {
        self.column(i)
            .map(|c| {
                c.split('|')
                    .map(str::trim)
                    .filter(|v| !v.is_empty())
                    .map(String::from)
                    .collect()
            })
            .unwrap_or_default()
    }
}

/// The rows of a labels file (article and passage first), skipping blank lines, `#` comments
/// and the header; `expected` names the columns in the error for a bad row.
pub(crate) fn labelled_rows<'t>(text: &'t str, expected: &str) -> Result<Vec<LabelledRow<'t>>> {
    let mut rows = Vec::new();
    for (index, line) in text.lines().enumerate() {
        if line.trim().is_empty() || line.starts_with('#') || line.starts_with("article\t") {
            continue;
        }
        let columns: Vec<&str> = line.split('\t').collect();
        let passage = columns.get(1).and_then(|p| p.trim().parse().ok());
        let (Some(article), Some(passage)) = (columns.first(), passage) else {
            return Err(Error::Malformed {
                path: Default::default(),
                message: format!("line {}: expected {expected}", index + 1),
            });
        };
        rows.push(LabelledRow {
            article: article.trim().to_string(),
            passage,
            columns,
        });
    }
    Ok(rows)
}

/// The passages labels point at, read from the index once per article.
pub(crate) struct LabelledPassages<'e> {
    engine: &'e Engine,
    articles: HashMap<String, ArticleView>,
}

impl<'e> LabelledPassages<'e> {
    pub fn new(engine: &'e Engine) -> Self {
        LabelledPassages {
            engine,
            articles: HashMap::new(),
        }
    }

    /// Passage `passage` of `article`, or why there is none.
    pub fn get(&mut self, article: &str, passage: u64) -> Result<&PassageView> {
        if !self.articles.contains_key(article) {
            let view = self.engine.article(article)?;
            self.articles.insert(article.to_string(), view);
        }
        self.articles
            .get(article)
            .and_then(|a| a.passages.iter().find(|p| p.passage == passage))
            .ok_or_else(|| Error::NoArticle(format!("{article} #{passage}")))
    }
}

/// Precision and recall of one extractor over some passages.
#[derive(Clone, Debug, Default, Serialize)]
pub struct PrecisionRecall {
    pub expected: usize,
    pub found: usize,
    pub correct: usize,
    pub precision: f64,
    pub recall: f64,
}

impl PrecisionRecall {
    pub(crate) fn add(&mut self, expected: &BTreeSet<String>, found: &BTreeSet<String>) {
        self.expected += expected.len();
        self.found += found.len();
        self.correct += expected.intersection(found).count();
        self.precision = ratio(self.correct, self.found);
        self.recall = ratio(self.correct, self.expected);
    }
}

impl fmt::Display for PrecisionRecall {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "precision {:.3} ({}/{})  recall {:.3} ({}/{})",
            self.precision, self.correct, self.found, self.recall, self.correct, self.expected
        )
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 {
        1.0
    } else {
        a as f64 / b as f64
    }
}

/// Scores of both extractors for one split.
#[derive(Clone, Debug, Default, Serialize)]
pub struct EntityScores {
    pub passages: usize,
    pub docs: PrecisionRecall,
    pub persons: PrecisionRecall,
}

/// The whole entity evaluation.
#[derive(Clone, Debug, Default, Serialize)]
pub struct EntityReport {
    pub by_split: BTreeMap<String, EntityScores>,
    /// One line per disagreement: `article #passage: missed/extra kind value`.
    pub differences: Vec<String>,
}

/// Compares every label with the index.
pub fn evaluate_entities(engine: &Engine, labels: &[EntityLabel]) -> Result<EntityReport> {
    let mut report = EntityReport::default();
    let mut articles = LabelledPassages::new(engine);
    for label in labels {
        let passage = articles.get(&label.article, label.passage)?;
        let docs = (keys(&label.docs, doc_key), keys(&passage.docs, doc_key));
        let persons = (
            keys(&label.persons, person_key),
            keys(&passage.persons, person_key),
        );
        let scores = report.by_split.entry(label.split.clone()).or_default();
        scores.passages += 1;
        scores.docs.add(&docs.0, &docs.1);
        scores.persons.add(&persons.0, &persons.1);
        for (kind, (expected, found)) in [("doc", docs), ("person", persons)] {
            let place = format!("{} #{}", label.article, label.passage);
            report.differences.extend(
                expected
                    .difference(&found)
                    .map(|v| format!("{place}: missed {kind} {v}")),
            );
            report.differences.extend(
                found
                    .difference(&expected)
                    .map(|v| format!("{place}: extra {kind} {v}")),
            );
        }
    }
    Ok(report)
}

fn doc_key(value: &str) -> String {
    parse_doc_number(value).map_or_else(|| person_key(value), |d| d.key)
}

fn keys(values: &[String], key: fn(&str) -> String) -> BTreeSet<String> {
    values.iter().map(|v| key(v)).collect()
}

impl fmt::Display for EntityReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (split, s) in &self.by_split {
            for (name, pr) in [("documents", &s.docs), ("persons", &s.persons)] {
                writeln!(f, "{split:<6} {name:<10} {:>4} passages  {pr}", s.passages)?;
            }
        }
        for difference in &self.differences {
            writeln!(f, "{difference}")?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_labels() {
        let text = "# c\narticle\tpassage\tdocs\tpersons\tnote\tsplit\na.jsonl#1\t2\t57-NQ/TW|04/CTr-UBND\tTô Lâm\tnote\ttest\nb.txt\t1\t\t\t\ttune\n";
        let labels = parse_entity_labels(text).unwrap();
        assert_eq!(labels.len(), 2);
        assert_eq!(labels[0].docs, ["57-NQ/TW", "04/CTr-UBND"]);
        assert_eq!(labels[0].persons, ["Tô Lâm"]);
        assert_eq!(labels[1].split, "tune");
        assert!(labels[1].docs.is_empty());
        assert!(parse_entity_labels("a.txt\tnot-a-number\n").is_err());
    }

    #[test]
    fn precision_and_recall_accumulate() {
        let set = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<BTreeSet<_>>();
        let mut pr = PrecisionRecall::default();
        pr.add(&set(&["a", "b"]), &set(&["a", "c"]));
        pr.add(&set(&[]), &set(&[]));
        assert_eq!((pr.correct, pr.found, pr.expected), (1, 2, 2));
        assert_eq!(pr.precision, 0.5);
        assert_eq!(pr.recall, 0.5);
    }
}
