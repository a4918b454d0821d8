//! Opens an index on disk: checks its format version, registers the analyzers (tantivy does
//! not store custom tokenizers), and resolves the fields.

use std::path::{Path, PathBuf};

use tantivy::directory::MmapDirectory;
use tantivy::Index;

use super::schema::{Fields, FORMAT_VERSION};
use crate::analysis;
use crate::entities::topic::Taxonomy;
use crate::error::{Error, Result};

/// An open index with its fields.
pub struct VnIndex {
    pub index: Index,
    pub fields: Fields,
    /// The taxonomy the passages were tagged with.
    pub taxonomy: Taxonomy,
    pub path: PathBuf,
}

/// What lies at an index path.
#[derive(Debug, PartialEq, Eq)]
pub enum IndexState {
    /// No index there yet.
    Missing,
    /// An index this version can query.
    Current,
    /// An index of another format or a damaged one: it must be rebuilt.
    Unusable(String),
}

/// Opens the index at `path` for searching or updating.
pub fn open_index(path: &Path) -> Result<VnIndex> {
    if !has_index(path) {
        return Err(Error::NoIndex(path.to_path_buf()));
    }
    let damaged = |reason: String| Error::DamagedIndex {
        path: path.to_path_buf(),
        reason,
    };
    let directory = MmapDirectory::open(path).map_err(|e| damaged(e.to_string()))?;
    let index = Index::open(directory).map_err(|e| damaged(e.to_string()))?;
    let payload = index
        .load_metas()
        .map_err(|e| damaged(e.to_string()))?
        .payload
        .unwrap_or_default();
    let (version, taxonomy) = payload.split_once('\n').unwrap_or((&payload, ""));
    if version != FORMAT_VERSION {
        return Err(Error::OldIndex {
            path: path.to_path_buf(),
            found: if version.is_empty() {
                "none".into()
            } else {
                version.to_string()
            },
            expected: FORMAT_VERSION.to_string(),
        });
    }
    let taxonomy = Taxonomy::parse(taxonomy, &path.join("meta.json"))
        .map_err(|e| damaged(format!("its topic taxonomy does not parse: {e}")))?;
    analysis::register(&index);
    let fields = Fields::of(&index.schema()).map_err(|_| damaged("fields are missing".into()))?;
    Ok(VnIndex {
        index,
        fields,
        taxonomy,
        path: path.to_path_buf(),
    })
}

/// The commit payload: the format version, a newline, and the taxonomy file the passages
/// were tagged with, so an index always answers `--topic` with its own taxonomy.
pub fn payload(taxonomy: &Taxonomy) -> String {
    format!("{FORMAT_VERSION}\n{}", taxonomy.source())
}

/// Tells whether `path` holds a usable index, none, or one to rebuild.
pub fn index_state(path: &Path) -> IndexState {
    match open_index(path) {
        Ok(_) => IndexState::Current,
        Err(Error::NoIndex(_)) => IndexState::Missing,
        Err(err) => IndexState::Unusable(err.to_string()),
    }
}

/// True when `path` holds the meta file of a tantivy index.
pub fn has_index(path: &Path) -> bool {
    path.join("meta.json").is_file()
}
