//! The tantivy index on disk: schema, building from a corpus, opening for search.

mod build;
mod document;
pub mod manifest;
mod merge;
mod open;
pub mod schema;
mod terms;
pub mod topic_band;

pub use build::{build_index, BuildObserver, BuildOptions, BuildStats};
pub use document::{day_number, days_in_month};
pub use open::{
    has_index, index_state, open_index, read_payload, recorded_corpus, IndexState, Payload, VnIndex,
};
pub use schema::{Fields, FORMAT_VERSION};
pub use terms::{term_counts, terms_with_prefix};
