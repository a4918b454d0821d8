//! Reading the corpus: walk a folder, read each file by its format, clean scraped pages, and
//! hand [`Article`]s to the passage stage.

mod article;
pub mod clean;
pub mod date;
pub mod decode;
mod format;
pub mod json;
mod read;
mod walk;

pub use article::Article;
pub use clean::{clean_page, CleanPage, Furniture};
pub use format::Format;
pub use read::{
    articles_from_bytes, check_readable, read_articles, read_file, Quiet, ReadFrom, ReadObserver,
    ReadOutcome,
};
pub use walk::{corpus_files, CorpusFile};
