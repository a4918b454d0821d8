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

impl PassageEntities {
    /// Distinct person keys with their strongest evidence in this passage:
    /// `(key, name as written, strong, acting)`.
    pub fn person_summary(&self) -> Vec<(String, String, bool, bool)> {
        let mut out: Vec<(String, String, bool, bool)> = Vec::new();
        for mention in &self.persons {
            let strong = mention.strength == Strength::Strong;
            match out.iter_mut().find(|(key, ..)| *key == mention.key) {
                Some(entry) => {
                    entry.2 |= strong;
                    entry.3 |= mention.acting;
                }
                None => out.push((
                    mention.key.clone(),
                    mention.name.clone(),
                    strong,
                    mention.acting,
                )),
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
