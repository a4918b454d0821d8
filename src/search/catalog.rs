//! The persons and documents an index knows, with counts, read from the index's vocabulary of
//! entity fields; and the resolution of what a user types (`--person`, `--doc`) to one of them.

use std::collections::BTreeMap;

use serde::Serialize;
use tantivy::Searcher;

use crate::analysis::fold::fold;
use crate::entities::doc_number::{parse_doc_number, short_key};
use crate::entities::person::person_key;
use crate::entities::topic::Taxonomy;
use crate::error::{Error, Result};
use crate::index::schema::LABEL_SEPARATOR;
use crate::index::{term_counts, Fields};

/// How many suggestions an unknown name or number gets.
const SUGGESTIONS: usize = 5;

/// One person known to the index.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct PersonEntry {
    /// The name as most often written.
    pub name: String,
    /// Folded lookup key ("to lam").
    pub key: String,
    /// Roles seen with the name, most frequent first.
    pub roles: Vec<String>,
    pub articles: u64,
    pub passages: u64,
}

/// One document number known to the index.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct DocEntry {
    /// Canonical number ("57-NQ/TW").
    pub doc: String,
    pub key: String,
    /// Type name ("Nghị quyết") and code ("NQ").
    pub kind: String,
    pub code: String,
    pub issuer: String,
    pub year: Option<u16>,
    pub articles: u64,
    pub passages: u64,
}

/// Every person of the index whose key contains the folded `filter`, most mentioned first.
/// A name counts as a person everywhere once it was seen as one anywhere (with a title, a role,
/// "ông", "bà", "đồng chí"); candidates never seen so are left out.
pub fn persons(searcher: &Searcher, fields: &Fields, filter: &str) -> Result<Vec<PersonEntry>> {
    let known = term_counts(searcher, fields.person_strong, "")?;
    let passages = term_counts(searcher, fields.person, "")?;
    let articles = term_counts(searcher, fields.person_first, "")?;
    let names = grouped(term_counts(searcher, fields.person_label, "")?);
    let roles = grouped(term_counts(searcher, fields.person_role, "")?);
    let filter = person_key(filter);
    let mut entries: Vec<PersonEntry> = known
        .keys()
        .filter(|key| key.contains(&filter))
        .map(|key| PersonEntry {
            name: names
                .get(key)
                .and_then(|n| n.first().cloned())
                .unwrap_or_else(|| key.clone()),
            key: key.clone(),
            roles: roles.get(key).cloned().unwrap_or_default(),
            articles: articles.get(key).copied().unwrap_or(0),
            passages: passages.get(key).copied().unwrap_or(0),
        })
        .collect();
    entries.sort_by(|a, b| {
        b.passages
            .cmp(&a.passages)
            .then(b.articles.cmp(&a.articles))
            .then(a.key.cmp(&b.key))
    });
    Ok(entries)
}

/// Every document number of the index whose key or type name contains the folded `filter`,
/// most cited first.
pub fn docs(searcher: &Searcher, fields: &Fields, filter: &str) -> Result<Vec<DocEntry>> {
    let passages = term_counts(searcher, fields.doc, "")?;
    let articles = term_counts(searcher, fields.doc_first, "")?;
    let labels = grouped(term_counts(searcher, fields.doc_label, "")?);
    let filter = folded_lower(filter);
    let mut entries: Vec<DocEntry> = passages
        .iter()
        .filter_map(|(key, &count)| {
            let canonical = labels
                .get(key)
                .and_then(|l| l.first().cloned())
                .unwrap_or_else(|| key.clone());
            let parsed = parse_doc_number(&canonical);
            let kind = parsed
                .as_ref()
                .map(|d| d.kind.to_string())
                .unwrap_or_default();
            let matches = key.contains(&filter) || folded_lower(&kind).contains(&filter);
            matches.then(|| DocEntry {
                key: key.clone(),
                code: parsed.as_ref().map(|d| d.code.clone()).unwrap_or_default(),
                issuer: parsed
                    .as_ref()
                    .map(|d| d.issuer.clone())
                    .unwrap_or_default(),
                year: parsed.as_ref().and_then(|d| d.year),
                kind,
                doc: canonical,
                articles: articles.get(key).copied().unwrap_or(0),
                passages: count,
            })
        })
        .collect();
    entries.sort_by(|a, b| {
        b.articles
            .cmp(&a.articles)
            .then(b.passages.cmp(&a.passages))
            .then(a.key.cmp(&b.key))
    });
    Ok(entries)
}

/// One topic of the index's taxonomy with the passages and articles tagged with it.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct TopicEntry {
    pub name: String,
    pub slug: String,
    pub articles: u64,
    pub passages: u64,
}

/// Every topic of `taxonomy`, in its order, with counts from the index.
pub fn topics(
    searcher: &Searcher,
    fields: &Fields,
    taxonomy: &Taxonomy,
) -> Result<Vec<TopicEntry>> {
    let passages = term_counts(searcher, fields.topic, "")?;
    let articles = term_counts(searcher, fields.topic_first, "")?;
    Ok(taxonomy
        .topics()
        .iter()
        .map(|topic| TopicEntry {
            name: topic.name.clone(),
            slug: topic.slug.clone(),
            articles: articles.get(&topic.slug).copied().unwrap_or(0),
            passages: passages.get(&topic.slug).copied().unwrap_or(0),
        })
        .collect())
}

/// A person resolved from what the user typed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PersonTarget {
    pub key: String,
    pub name: String,
}

/// Resolves a typed name, with or without accents, whole or a unique part ("Minh Hoài").
pub fn resolve_person(searcher: &Searcher, fields: &Fields, typed: &str) -> Result<PersonTarget> {
    let wanted = person_key(typed);
    if wanted.is_empty() {
        return Err(Error::EmptyQuery);
    }
    // A whole name typed is one term of the vocabulary of known persons: looked up alone.
    // Only a partial or unknown name reads that whole vocabulary (never the whole catalogue).
    if term_counts(searcher, fields.person_strong, &wanted)?.contains_key(&wanted) {
        return Ok(PersonTarget {
            name: display_name(searcher, fields, &wanted)?,
            key: wanted,
        });
    }
    let known = term_counts(searcher, fields.person_strong, "")?;
    let wanted_words: Vec<&str> = wanted.split(' ').collect();
    let mut matching: Vec<(&String, u64)> = known
        .iter()
        .filter(|(key, _)| contains_run(&key.split(' ').collect::<Vec<_>>(), &wanted_words))
        .map(|(key, &count)| (key, count))
        .collect();
    matching.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    let names = |keys: Vec<&String>| -> Result<Vec<String>> {
        keys.into_iter()
            .map(|key| display_name(searcher, fields, key))
            .collect()
    };
    match matching.as_slice() {
        [(key, _)] => Ok(PersonTarget {
            key: key.to_string(),
            name: display_name(searcher, fields, key)?,
        }),
        [] => Err(Error::UnknownPerson {
            typed: typed.to_string(),
            suggestions: names(closest_persons(&known, &wanted_words))?,
        }),
        many => Err(Error::AmbiguousPerson {
            typed: typed.to_string(),
            candidates: names(
                many.iter()
                    .take(2 * SUGGESTIONS)
                    .map(|(key, _)| *key)
                    .collect(),
            )?,
        }),
    }
}

/// A document's canonical number, from its key.
pub(crate) fn doc_canonical(searcher: &Searcher, fields: &Fields, key: &str) -> Result<String> {
    let labels = grouped(term_counts(
        searcher,
        fields.doc_label,
        &format!("{key}{LABEL_SEPARATOR}"),
    )?);
    Ok(labels
        .get(key)
        .and_then(|numbers| numbers.first().cloned())
        .unwrap_or_else(|| key.to_string()))
}

/// A person's name as most often written.
pub(crate) fn display_name(searcher: &Searcher, fields: &Fields, key: &str) -> Result<String> {
    let labels = grouped(term_counts(
        searcher,
        fields.person_label,
        &format!("{key}{LABEL_SEPARATOR}"),
    )?);
    Ok(labels
        .get(key)
        .and_then(|names| names.first().cloned())
        .unwrap_or_else(|| key.to_string()))
}

/// A document resolved from what the user typed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DocTarget {
    pub key: String,
    pub canonical: String,
    /// The short key ("nq:57") when this is the only document of its type and number cited in
    /// full anywhere in the index, so that bare references ("Nghị quyết 57") stand for it.
    pub short: Option<String>,
}

/// Resolves a typed document number in any spelling ("57 nq-tw", "137-QD/TW").
pub fn resolve_doc(searcher: &Searcher, fields: &Fields, typed: &str) -> Result<DocTarget> {
    let Some(parsed) = parse_doc_number(typed) else {
        return Err(Error::NotADocNumber(typed.to_string()));
    };
    // Only the terms starting with the key are read on the way to a known document; the whole
    // vocabulary only when suggestions are needed.
    if term_counts(searcher, fields.doc, &parsed.key)?.contains_key(&parsed.key) {
        let labels = grouped(term_counts(
            searcher,
            fields.doc_label,
            &format!("{}{LABEL_SEPARATOR}", parsed.key),
        )?);
        let canonical = labels
            .get(&parsed.key)
            .and_then(|l| l.first().cloned())
            .unwrap_or(parsed.canonical);
        let short = short_key(&parsed.code, &parsed.number);
        let prefix = format!("{short}{LABEL_SEPARATOR}");
        let unambiguous = term_counts(searcher, fields.doc_short_label, &prefix)?.len() == 1;
        return Ok(DocTarget {
            key: parsed.key,
            canonical,
            short: unambiguous.then_some(short),
        });
    }
    let known = term_counts(searcher, fields.doc, "")?;
    let mut ranked: Vec<(usize, &String)> = known
        .keys()
        .map(|key| {
            let other_number = usize::from(number_of(key) != number_of(&parsed.key));
            (strsim::levenshtein(key, &parsed.key) + other_number, key)
        })
        .collect();
    ranked.sort();
    let labels = grouped(term_counts(searcher, fields.doc_label, "")?);
    let canonical = |key: &String| {
        labels
            .get(key)
            .and_then(|l| l.first().cloned())
            .unwrap_or_else(|| key.clone())
    };
    Err(Error::UnknownDoc {
        typed: parsed.canonical,
        suggestions: ranked
            .into_iter()
            .take(SUGGESTIONS)
            .map(|(_, key)| canonical(key))
            .collect(),
    })
}

/// Folded, lower-case, trimmed: how document keys and type names are compared with a filter.
fn folded_lower(text: &str) -> String {
    fold(&text.trim().to_lowercase()).into_owned()
}

fn number_of(key: &str) -> &str {
    key.split(['-', '/']).next().unwrap_or(key)
}

/// True when `words` stand together, in order, inside `name`.
fn contains_run(name: &[&str], words: &[&str]) -> bool {
    !words.is_empty() && name.windows(words.len()).any(|w| w == words)
}

/// Known keys sharing the most words with the query, then the closest in spelling.
fn closest_persons<'k>(known: &'k BTreeMap<String, u64>, words: &[&str]) -> Vec<&'k String> {
    let wanted = words.join(" ");
    let mut scored: Vec<(usize, usize, &String)> = known
        .keys()
        .map(|key| {
            let shared = words
                .iter()
                .filter(|w| key.split(' ').any(|k| k == **w))
                .count();
            (shared, strsim::levenshtein(key, &wanted), key)
        })
        .filter(|(shared, ..)| *shared > 0)
        .collect();
    scored.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)).then(a.2.cmp(b.2)));
    scored
        .into_iter()
        .take(SUGGESTIONS)
        .map(|(.., key)| key)
        .collect()
}

/// `key\tvalue` counts → key → values, most frequent first.
fn grouped(labels: BTreeMap<String, u64>) -> BTreeMap<String, Vec<String>> {
    let mut by_key: BTreeMap<String, Vec<(u64, String)>> = BTreeMap::new();
    for (label, count) in labels {
        if let Some((key, value)) = label.split_once(LABEL_SEPARATOR) {
            by_key
                .entry(key.to_string())
                .or_default()
                .push((count, value.to_string()));
        }
    }
    by_key
        .into_iter()
        .map(|(key, mut values)| {
            values.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
            (key, values.into_iter().map(|(_, v)| v).collect())
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn runs_of_name_words() {
        let name = ["bui", "thi", "minh", "hoai"];
        assert!(contains_run(&name, &["minh", "hoai"]));
        assert!(contains_run(&name, &["hoai"]));
        assert!(!contains_run(&name, &["hoai", "minh"]));
        assert!(!contains_run(&name, &[]));
    }

    #[test]
    fn labels_group_by_key_most_frequent_first() {
        let labels = BTreeMap::from([
            ("to lam\tTô Lâm".to_string(), 9),
            ("to lam\tTÔ LÂM".to_string(), 2),
            ("x\ty".to_string(), 1),
            ("no separator".to_string(), 5),
        ]);
        let grouped = grouped(labels);
        assert_eq!(grouped["to lam"], ["Tô Lâm", "TÔ LÂM"]);
        assert_eq!(grouped.len(), 2);
    }
}
