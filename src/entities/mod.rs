//! Entities: which persons are named and which documents are cited in each passage of an
//! article, extracted at index time (short references resolved within the article).

pub mod doc_number;
pub mod person;
pub mod topic;

use doc_number::{article_doc_numbers, unresolved_short_references, DocMention, ShortReference};
use person::{article_persons, PersonMention, Strength};

/// The entities of one passage.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PassageEntities {
    pub persons: Vec<PersonMention>,
    pub docs: Vec<DocMention>,
    /// Short references ("Nghị quyết 57") the article does not resolve itself.
    pub short_refs: Vec<ShortReference>,
}

/// What a passage says of one person, all its mentions taken together.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PersonSummary {
    pub key: String,
    /// The name as first written in the passage.
    pub name: String,
    /// Named with a strong signal at least once.
    pub strong: bool,
    /// Acts or speaks in the passage.
    pub acting: bool,
    /// Written whole at least once, not only as a short reference ("Bí thư Hoài").
    pub full: bool,
}

impl PassageEntities {
    /// Distinct persons of this passage with their strongest evidence, in order of mention.
    pub fn person_summary(&self) -> Vec<PersonSummary> {
        let mut out: Vec<PersonSummary> = Vec::new();
        for mention in &self.persons {
            let strong = mention.strength == Strength::Strong;
            match out.iter_mut().find(|p| p.key == mention.key) {
                Some(entry) => {
                    entry.strong |= strong;
                    entry.acting |= mention.acting;
                    entry.full |= !mention.short;
                }
                None => out.push(PersonSummary {
                    key: mention.key.clone(),
                    name: mention.name.clone(),
                    strong,
                    acting: mention.acting,
                    full: !mention.short,
                }),
            }
        }
        out
    }

    /// Distinct documents: `(key, canonical, short key, defining)`.
    pub fn doc_summary(&self) -> Vec<(String, String, String, bool)> {
        let mut out: Vec<(String, String, String, bool)> = Vec::new();
        for mention in &self.docs {
            let doc = &mention.doc;
            match out.iter_mut().find(|(key, ..)| *key == doc.key) {
                Some(entry) => entry.3 |= mention.defining,
                None => out.push((
                    doc.key.clone(),
                    doc.canonical.clone(),
                    doc_number::short_key(&doc.code, &doc.number),
                    mention.defining,
                )),
            }
        }
        out
    }
}

/// The entities of every passage of one article, in passage order.
pub fn article_entities(passages: &[String]) -> Vec<PassageEntities> {
    let texts: Vec<&str> = passages.iter().map(String::as_str).collect();
    let persons = article_persons(&texts);
    let docs = article_doc_numbers(&texts);
    let short_refs = unresolved_short_references(&texts, &docs);
    persons
        .into_iter()
        .zip(docs)
        .zip(short_refs)
        .map(|((persons, docs), short_refs)| PassageEntities {
            persons,
            docs,
            short_refs,
        })
        .collect()
}
