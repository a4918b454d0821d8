//! The library's error type: every failure a user or a file can cause, with what it concerns.

use std::path::PathBuf;

/// Errors of the vnsearch library.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("cannot read {}: {source}", path.display())]
    Read {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{}: {message}", path.display())]
    Malformed { path: PathBuf, message: String },
    #[error("corpus folder {} does not exist", .0.display())]
    NoCorpus(PathBuf),
    #[error("{} is not a folder: give the folder that holds the articles", .0.display())]
    CorpusNotAFolder(PathBuf),
    #[error("no article could be read from {} ({files} files, all skipped as named above); the index was left as it was", path.display())]
    NothingRead { path: PathBuf, files: usize },
    #[error("no index at {}", .0.display())]
    NoIndex(PathBuf),
    #[error("{} is a file, not an index folder: give --index a folder (a new one, or one holding a vnsearch index)", .0.display())]
    IndexNotAFolder(PathBuf),
    #[error("the index at {} is damaged ({reason}); rebuild it with `vnsearch index --rebuild`", path.display())]
    DamagedIndex { path: PathBuf, reason: String },
    #[error("the index at {} was built by another version of vnsearch (format {found}, expected {expected}); rebuild it with `vnsearch index`", path.display())]
    OldIndex {
        path: PathBuf,
        found: String,
        expected: String,
    },
    #[error("the index at {} is being written by another vnsearch process; try again when it has finished", .0.display())]
    IndexLocked(PathBuf),
    #[error("the query is empty: give at least one word, or --person, --doc or --topic")]
    EmptyQuery,
    #[error("{0:?} is not a date: give YYYY-MM-DD, YYYY-MM or YYYY (e.g. 2025-08-07)")]
    BadDate(String),
    #[error("no article {0:?} in the index")]
    NoArticle(String),
    #[error("no person named {typed:?} in the index{}", suggest(suggestions))]
    UnknownPerson {
        typed: String,
        suggestions: Vec<String>,
    },
    #[error("{typed:?} could be several persons: {}; type more of the name", candidates.join(", "))]
    AmbiguousPerson {
        typed: String,
        candidates: Vec<String>,
    },
    #[error("{0:?} is not a document number (expected a form like 57-NQ/TW, 04/CTr-UBND or 30/2020/NĐ-CP)")]
    NotADocNumber(String),
    #[error("no passage cites {typed} in the index{}", suggest(suggestions))]
    UnknownDoc {
        typed: String,
        suggestions: Vec<String>,
    },
    #[error("indexing failed: {0}")]
    Indexing(String),
    #[error(transparent)]
    Tantivy(#[from] tantivy::TantivyError),
}

fn suggest(suggestions: &[String]) -> String {
    if suggestions.is_empty() {
        String::new()
    } else {
        format!("; closest: {}", suggestions.join(", "))
    }
}

/// Result with the library's [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;
