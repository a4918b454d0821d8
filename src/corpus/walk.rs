//! Finds the corpus files under a folder, recursively, in a stable order.

use std::path::{Path, PathBuf};

use walkdir::WalkDir;

use super::Format;
use crate::error::{Error, Result};

/// One file of the corpus.
#[derive(Clone, Debug)]
pub struct CorpusFile {
    pub path: PathBuf,
    /// Path relative to the corpus folder with `/` separators: the article id's prefix.
    pub relative: String,
    pub format: Format,
    pub size: u64,
}

/// Every readable corpus file under `root`, sorted by relative path. Unreadable folder entries
/// are reported through `on_error` and skipped.
pub fn corpus_files(root: &Path, mut on_error: impl FnMut(Error)) -> Result<Vec<CorpusFile>> {
    if !root.is_dir() {
        return Err(if root.exists() {
            Error::CorpusNotAFolder(root.to_path_buf())
        } else {
            Error::NoCorpus(root.to_path_buf())
        });
    }
    let mut files = Vec::new();
    let walker = WalkDir::new(root)
        .follow_links(true)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|entry| {
            entry.depth() == 0 || !(is_hidden(entry.file_name()) || is_index(entry))
        });
    for entry in walker {
        let entry = match entry {
            Ok(entry) => entry,
            Err(err) => {
                let path = err.path().unwrap_or(root).to_path_buf();
                on_error(Error::Read {
                    path,
                    source: err.into(),
                });
                continue;
            }
        };
        if !entry.file_type().is_file() {
            continue;
        }
        let Some(format) = Format::of(entry.path()) else {
            continue;
        };
        let size = entry.metadata().map(|m| m.len()).unwrap_or(0);
        files.push(CorpusFile {
            relative: relative_id(root, entry.path()),
            path: entry.into_path(),
            format,
            size,
        });
    }
    Ok(files)
}

/// A folder holding a tantivy index (this one's, when it lives inside the corpus): its
/// `meta.json` and manifest are no articles.
fn is_index(entry: &walkdir::DirEntry) -> bool {
    let dir = entry.path();
    entry.file_type().is_dir()
        && dir.join("meta.json").is_file()
        && dir.join(".managed.json").is_file()
}

fn is_hidden(name: &std::ffi::OsStr) -> bool {
    name.to_str().is_some_and(|n| n.starts_with('.'))
}

fn relative_id(root: &Path, path: &Path) -> String {
    let relative = path.strip_prefix(root).unwrap_or(path);
    relative
        .components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The ids [`corpus_files`] lists for a tree of these files (their folders made as needed).
    fn listed(files: &[&str]) -> Vec<String> {
        let dir = tempfile::tempdir().unwrap();
        for name in files {
            let path = dir.path().join(name);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, "{}").unwrap();
        }
        let files = corpus_files(dir.path(), |e| panic!("{e}")).unwrap();
        files.into_iter().map(|f| f.relative).collect()
    }

    #[test]
    fn walks_recursively_in_order_and_skips_other_files() {
        let files = [
            "b/c/x.jsonl.gz",
            "a.txt",
            "b/y.json",
            "notes.md",
            ".git/z.txt",
        ];
        assert_eq!(listed(&files), ["a.txt", "b/c/x.jsonl.gz", "b/y.json"]);
    }

    #[test]
    fn an_index_folder_inside_the_corpus_is_skipped() {
        let files = [
            "index/meta.json",
            "index/.managed.json",
            "index/vnsearch-manifest-1.json",
            "meta/meta.json",
            "tin.txt",
        ];
        // A folder with only a meta.json is articles like any other.
        assert_eq!(listed(&files), ["meta/meta.json", "tin.txt"]);
    }

    #[test]
    fn a_missing_folder_is_an_error() {
        let err = corpus_files(Path::new("/no/such/corpus"), |_| {}).unwrap_err();
        assert!(matches!(err, Error::NoCorpus(_)));
    }
}
