//! STUB (replaced by the real module): document numbers.
use std::ops::Range;
#[derive(Clone, Debug, PartialEq, Eq, Hash, serde::Serialize)]
pub struct DocNumber { pub canonical: String, pub key: String, pub number: String, pub code: String, pub kind: &'static str, pub issuer: String, pub year: Option<u16> }
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DocMention { pub range: Range<usize>, pub doc: DocNumber, pub defining: bool, pub short: bool }
pub fn find_doc_numbers(_text: &str) -> Vec<DocMention> { Vec::new() }
pub fn article_doc_numbers(passages: &[&str]) -> Vec<Vec<DocMention>> { passages.iter().map(|p| find_doc_numbers(p)).collect() }
pub fn parse_doc_number(_input: &str) -> Option<DocNumber> { None }
