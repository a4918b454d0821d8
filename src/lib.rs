//! vnsearch: full-text search over Vietnamese news, passage by passage, with or without accents.
//!
//! Data flows once through the stages, each a module:
//! [`corpus`] (files → cleaned [`corpus::Article`]s) → [`passage`] (article → passages) →
//! [`analysis`] (text → accented and folded words) → [`entities`] (persons, document numbers) →
//! [`index`] (passages → tantivy index) →
//! [`search`] (query → ranked [`search::Hit`]s) → [`output`] (hits → terminal or JSON).

pub mod analysis;
pub mod corpus;
pub mod entities;
pub mod error;
pub mod index;
pub mod output;
pub mod passage;
pub mod search;
#[cfg(test)]
mod seeds;

pub use error::{Error, Result};
