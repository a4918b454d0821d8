//! STUB (replaced by the real module): person names.
use std::ops::Range;
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize)]
pub enum Strength {
    Candidate,
    Strong,
}
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PersonMention {
    pub range: Range<usize>,
    pub name: String,
    pub key: String,
    pub roles: Vec<String>,
    pub strength: Strength,
    pub acting: bool,
    pub short: bool,
}
pub fn find_persons(_text: &str) -> Vec<PersonMention> {
    Vec::new()
}
pub fn article_persons(passages: &[&str]) -> Vec<Vec<PersonMention>> {
    passages.iter().map(|p| find_persons(p)).collect()
}
pub fn person_key(name: &str) -> String {
    crate::analysis::fold::fold(&name.to_lowercase())
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}
