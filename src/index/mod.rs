//! The tantivy index on disk: schema, building from a corpus, opening for search.

mod build;
pub mod manifest;
mod open;
pub mod schema;
mod terms;

pub use build::{build_index, day_number, days_in_month, BuildObserver, BuildOptions, BuildStats};
pub use open::{has_index, index_state, open_index, read_payload, IndexState, Payload, VnIndex};
pub use schema::{Fields, FORMAT_VERSION};
pub use terms::term_counts;
