//! Opens an index on disk: checks its format version, registers the analyzers (tantivy does
//! not store custom tokenizers), resolves the fields, and reads what the last commit recorded
//! (its payload: format, manifest file, taxonomy).

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use serde::{Deserialize, Serialize};
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
    pub path: PathBuf,
    /// The taxonomy file the passages were tagged with, parsed on first use (most searches
    /// never need it).
    taxonomy_source: String,
    taxonomy: OnceLock<Taxonomy>,
}

impl VnIndex {
    /// The taxonomy the passages were tagged with.
    pub fn taxonomy(&self) -> Result<&Taxonomy> {
        if let Some(taxonomy) = self.taxonomy.get() {
            return Ok(taxonomy);
        }
        let parsed =
            Taxonomy::parse(&self.taxonomy_source, &self.path.join("meta.json")).map_err(|e| {
                Error::DamagedIndex {
                    path: self.path.clone(),
                    reason: format!("its topic taxonomy does not parse: {e}"),
                }
            })?;
        Ok(self.taxonomy.get_or_init(|| parsed))
    }
}

/// What lies at an index path.
#[derive(Debug, PartialEq, Eq)]
pub enum IndexState {
    /// No index there yet.
    Missing,
    /// An index this version can query.
    Current,
    /// An index of another format (or version of vnsearch): it must be rebuilt.
    Old(String),
    /// A damaged index: `vnsearch index --rebuild` rebuilds it.
    Damaged(String),
}

/// What each commit records with the index (the commit payload, as JSON).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Payload {
    pub format: String,
    /// Commits made by vnsearch so far, this one included.
    pub generation: u64,
    /// File name of the manifest of this commit, in the index folder.
    pub manifest: String,
    /// The taxonomy file the passages were tagged with.
    pub taxonomy: String,
    /// The corpus folder of the run (absolute): an index of another format is rebuilt from
    /// it, not from whatever `--corpus` a later search names. Absent in indexes written
    /// before it was recorded.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub corpus: Option<PathBuf>,
}

impl Payload {
    pub fn new(generation: u64, manifest: &str, taxonomy: &Taxonomy, corpus: &Path) -> Payload {
        let absolute = std::fs::canonicalize(corpus).or_else(|_| std::path::absolute(corpus));
        Payload {
            format: FORMAT_VERSION.to_string(),
            generation,
            manifest: manifest.to_string(),
            taxonomy: taxonomy.source().to_string(),
            corpus: Some(absolute.unwrap_or_else(|_| corpus.to_path_buf())),
        }
    }

    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }
}

/// The payload of the last commit of `index`; an error names what is found instead.
pub fn read_payload(index: &Index) -> std::result::Result<Payload, String> {
    let text = index
        .load_metas()
        .map_err(|e| e.to_string())?
        .payload
        .unwrap_or_default();
    serde_json::from_str::<Payload>(&text)
        .ok()
        .filter(|p| p.format == FORMAT_VERSION)
        .ok_or_else(|| {
            serde_json::from_str::<serde_json::Value>(&text)
                .ok()
                .and_then(|v| v["format"].as_str().map(str::to_string))
                .or_else(|| text.lines().next().map(str::to_string))
                .filter(|found| !found.is_empty())
                .unwrap_or_else(|| "none".into())
        })
}

/// The corpus folder the index at `path` was last brought up to date from, whatever its
/// format; `None` when it records none or its meta file cannot be read.
pub fn recorded_corpus(path: &Path) -> Option<PathBuf> {
    let meta = std::fs::read_to_string(path.join("meta.json")).ok()?;
    let meta: serde_json::Value = serde_json::from_str(&meta).ok()?;
    let payload: serde_json::Value = serde_json::from_str(meta["payload"].as_str()?).ok()?;
    payload["corpus"].as_str().map(PathBuf::from)
}

/// Opens the index at `path` for searching or updating.
pub fn open_index(path: &Path) -> Result<VnIndex> {
    refuse_a_file(path)?;
    if !has_index(path) {
        return Err(Error::NoIndex(path.to_path_buf()));
    }
    let damaged = |reason: String| Error::DamagedIndex {
        path: path.to_path_buf(),
        reason,
    };
    let directory = MmapDirectory::open(path).map_err(|e| damaged(e.to_string()))?;
    let index = Index::open(directory).map_err(|e| damaged(e.to_string()))?;
    let payload = read_payload(&index).map_err(|found| Error::OldIndex {
        path: path.to_path_buf(),
        found,
        expected: FORMAT_VERSION.to_string(),
    })?;
    analysis::register(&index);
    let fields = Fields::of(&index.schema()).map_err(|_| damaged("fields are missing".into()))?;
    Ok(VnIndex {
        index,
        fields,
        path: path.to_path_buf(),
        taxonomy_source: payload.taxonomy,
        taxonomy: OnceLock::new(),
    })
}

/// Tells whether `path` holds a usable index, none, or one to rebuild. Opening every segment
/// (a reader) finds a missing or truncated segment file.
pub fn index_state(path: &Path) -> IndexState {
    match open_index(path) {
        Ok(opened) => match opened.index.reader() {
            Ok(_) => IndexState::Current,
            Err(err) => IndexState::Damaged(err.to_string()),
        },
        Err(Error::NoIndex(_)) => IndexState::Missing,
        Err(err @ Error::OldIndex { .. }) => IndexState::Old(err.to_string()),
        Err(Error::DamagedIndex { reason, .. }) => IndexState::Damaged(reason),
        Err(err) => IndexState::Damaged(err.to_string()),
    }
}

/// An error when `path` is a file: an index is a folder (opening or creating one there would
/// fail with a less clear message, or touch the file).
pub fn refuse_a_file(path: &Path) -> Result<()> {
    if path.exists() && !path.is_dir() {
        return Err(Error::IndexNotAFolder(path.to_path_buf()));
    }
    Ok(())
}

/// True when `path` holds the meta file of a tantivy index.
pub fn has_index(path: &Path) -> bool {
    path.join("meta.json").is_file()
}
