//! The manifest kept with the index: what each corpus file was when it was last indexed (size,
//! modification time, content hash, lines read), so that `vnsearch index` tells unchanged,
//! changed, appended, new and deleted files apart, most of them after a stat alone.
//!
//! Each commit writes a new manifest file first, then names it in the commit payload; a run
//! killed at any moment leaves the last commit naming the manifest that describes it.

use std::collections::BTreeMap;
use std::path::Path;
use std::time::UNIX_EPOCH;

use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};

/// Prefix of manifest file names in the index folder.
pub const MANIFEST_PREFIX: &str = "vnsearch-manifest-";

/// Per corpus file (relative path), its state when indexed.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Manifest {
    pub files: BTreeMap<String, FileState>,
}

/// One file as it was indexed.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FileState {
    pub size: u64,
    /// Modification time in nanoseconds since the Unix epoch (0 when unknown).
    pub modified: u64,
    /// XXH3 64-bit hash of the bytes on disk.
    pub hash: u64,
    /// Lines of text read (JSON Lines: where numbering goes on after an append).
    pub lines: u64,
    /// Whether the text read ended with a newline: an append can only start a new line then.
    pub ends_with_newline: bool,
}

impl Manifest {
    /// Reads the manifest file `name` of the index at `dir`.
    pub fn load(dir: &Path, name: &str) -> Result<Manifest> {
        let path = dir.join(name);
        let text = std::fs::read_to_string(&path).map_err(|source| Error::Read {
            path: path.clone(),
            source,
        })?;
        serde_json::from_str(&text).map_err(|e| Error::Malformed {
            path,
            message: e.to_string(),
        })
    }

    /// Writes the manifest as file `name` in `dir`, durably and atomically (temporary file,
    /// sync, rename), before the commit that names it.
    pub fn save(&self, dir: &Path, name: &str) -> Result<()> {
        let path = dir.join(name);
        let temporary = dir.join(format!("{name}.tmp"));
        let io = |source| Error::Read {
            path: path.clone(),
            source,
        };
        let text = serde_json::to_vec(self).map_err(|e| io(std::io::Error::other(e)))?;
        std::fs::write(&temporary, text).map_err(io)?;
        std::fs::File::open(&temporary)
            .and_then(|f| f.sync_all())
            .map_err(io)?;
        std::fs::rename(&temporary, &path).map_err(io)?;
        Ok(())
    }
}

/// The name of the manifest of commit generation `generation`.
pub fn manifest_name(generation: u64) -> String {
    format!("{MANIFEST_PREFIX}{generation}.json")
}

/// Removes the manifest files of `dir` other than `keep` (older generations, temporary files
/// of an interrupted run). Failures are ignored: a stray file costs only disk space.
pub fn remove_other_manifests(dir: &Path, keep: &str) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        if name.starts_with(MANIFEST_PREFIX) && name != keep {
            let _ = std::fs::remove_file(entry.path());
        }
    }
}

/// Size and modification time (ns since the epoch, 0 when unknown) of a file on disk.
pub fn stat(path: &Path) -> std::io::Result<(u64, u64)> {
    let metadata = std::fs::metadata(path)?;
    let modified = metadata
        .modified()
        .ok()
        .and_then(|t| t.duration_since(UNIX_EPOCH).ok())
        .map_or(0, |d| u64::try_from(d.as_nanos()).unwrap_or(u64::MAX));
    Ok((metadata.len(), modified))
}

/// The content hash kept in the manifest.
pub fn content_hash(bytes: &[u8]) -> u64 {
    xxhash_rust::xxh3::xxh3_64(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn saves_loads_and_cleans_up() {
        let dir = tempfile::tempdir().unwrap();
        let mut manifest = Manifest::default();
        manifest.files.insert(
            "a/tin.jsonl".into(),
            FileState {
                size: 10,
                modified: 1,
                hash: content_hash(b"0123456789"),
                lines: 2,
                ends_with_newline: true,
            },
        );
        manifest.save(dir.path(), &manifest_name(1)).unwrap();
        manifest.save(dir.path(), &manifest_name(2)).unwrap();
        assert_eq!(
            Manifest::load(dir.path(), &manifest_name(2)).unwrap(),
            manifest
        );
        remove_other_manifests(dir.path(), &manifest_name(2));
        assert!(!dir.path().join(manifest_name(1)).exists());
        assert!(dir.path().join(manifest_name(2)).exists());
        assert!(Manifest::load(dir.path(), &manifest_name(7)).is_err());
    }

    #[test]
    fn hashes_tell_contents_apart() {
        let accented = "Hà Nội".as_bytes();
        assert_eq!(content_hash(accented), content_hash("Hà Nội".as_bytes()));
        assert_ne!(content_hash(accented), content_hash(b"Ha Noi"));
    }
}
