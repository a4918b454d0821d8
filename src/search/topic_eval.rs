//! Topic evaluation: hand-labelled passages (the topics each is about) scored against the
//! topics the index tagged them with, as precision and recall per topic and per split.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;

use serde::Serialize;

use super::entity_eval::{labelled_rows, LabelledPassages, PrecisionRecall};
use super::Engine;
use crate::error::{Error, Result};

/// One labelled passage.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TopicLabel {
    pub article: String,
    pub passage: u64,
    /// Topic slugs.
    pub topics: Vec<String>,
    /// `tune` (for tuning the taxonomy) or `test` (for reporting).
    pub split: String,
}

/// Parses `article<TAB>passage<TAB>topics<TAB>note<TAB>split` lines (`|` between slugs);
/// `#` comments and the header are skipped.
pub fn parse_topic_labels(text: &str) -> Result<Vec<TopicLabel>> {
    Ok(
        labelled_rows(text, "article<TAB>passage<TAB>topics<TAB>note<TAB>split")?
            .into_iter()
            .map(|row| TopicLabel {
                topics: row.values(2),
                split: row.column(4).unwrap_or("all").to_string(),
                article: row.article,
                passage: row.passage,
            })
            .collect(),
    )
}

/// Scores of one split: over all topics, and per topic.
#[derive(Clone, Debug, Default, Serialize)]
pub struct TopicScores {
    pub passages: usize,
    pub all: PrecisionRecall,
    pub by_topic: BTreeMap<String, PrecisionRecall>,
}

/// The whole topic evaluation.
#[derive(Clone, Debug, Default, Serialize)]
pub struct TopicReport {
    pub by_split: BTreeMap<String, TopicScores>,
    /// One line per disagreement: `article #passage: missed/extra slug`.
    pub differences: Vec<String>,
}

/// Compares every label with the index; a slug the index's taxonomy does not have is an error.
pub fn evaluate_topics(engine: &Engine, labels: &[TopicLabel]) -> Result<TopicReport> {
    let slugs: Vec<String> = engine.topics()?.into_iter().map(|t| t.slug).collect();
    let mut report = TopicReport::default();
    let mut articles = LabelledPassages::new(engine);
    for label in labels {
        if let Some(unknown) = label.topics.iter().find(|t| !slugs.contains(t)) {
            return Err(Error::Malformed {
                path: Default::default(),
                message: format!(
                    "{} #{}: no topic {unknown:?} in the index's taxonomy",
                    label.article, label.passage
                ),
            });
        }
        let passage = articles.get(&label.article, label.passage)?;
        let expected: BTreeSet<String> = label.topics.iter().cloned().collect();
        let found: BTreeSet<String> = passage.topics.iter().cloned().collect();
        let scores = report.by_split.entry(label.split.clone()).or_default();
        scores.passages += 1;
        scores.all.add(&expected, &found);
        for slug in &slugs {
            let one = |set: &BTreeSet<String>| -> BTreeSet<String> {
                set.iter().filter(|s| *s == slug).cloned().collect()
            };
            scores
                .by_topic
                .entry(slug.clone())
                .or_default()
                .add(&one(&expected), &one(&found));
        }
        let place = format!("{} #{}", label.article, label.passage);
        report.differences.extend(
            expected
                .difference(&found)
                .map(|s| format!("{place}: missed {s}")),
        );
        report.differences.extend(
            found
                .difference(&expected)
                .map(|s| format!("{place}: extra {s}")),
        );
    }
    Ok(report)
}

impl fmt::Display for TopicReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (split, s) in &self.by_split {
            let passages = format!("{} passages", s.passages);
            writeln!(
                f,
                "{split:<6} {:<22} {passages:>14}  {}",
                "all topics", s.all
            )?;
            for (slug, pr) in &s.by_topic {
                writeln!(f, "{split:<6} {slug:<22} {:>14}  {pr}", "")?;
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
        let text = "# c\narticle\tpassage\ttopics\tnote\tsplit\na.jsonl#1\t2\tdoi-ngoai|y-te\tnote\ttest\nb.txt\t1\t\tnone\ttune\n";
        let labels = parse_topic_labels(text).unwrap();
        assert_eq!(labels.len(), 2);
        assert_eq!(labels[0].topics, ["doi-ngoai", "y-te"]);
        assert_eq!(labels[0].split, "test");
        assert!(labels[1].topics.is_empty());
        assert!(parse_topic_labels("a.txt\tx\n").is_err());
    }
}
