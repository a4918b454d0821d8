//! The corpus file formats vnsearch reads, told apart by file name.

use std::path::Path;

/// A corpus file format.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// A scraped article page (`.txt`).
    Page,
    /// One JSON article or an array of them (`.json`).
    Json,
    /// One JSON article per line (`.jsonl`, `.ndjson`).
    JsonLines,
    /// The same, gzip-compressed (`.jsonl.gz`, `.ndjson.gz`).
    JsonLinesGz,
}

impl Format {
    /// The format of a file by its name, or `None` for files vnsearch does not read.
    pub fn of(path: &Path) -> Option<Format> {
        let name = path.file_name()?.to_str()?.to_ascii_lowercase();
        if name.starts_with('.') {
            return None;
        }
        let formats = [
            (".jsonl.gz", Format::JsonLinesGz),
            (".ndjson.gz", Format::JsonLinesGz),
            (".jsonl", Format::JsonLines),
            (".ndjson", Format::JsonLines),
            (".json", Format::Json),
            (".txt", Format::Page),
        ];
        formats
            .into_iter()
            .find(|(suffix, _)| name.ends_with(suffix))
            .map(|(_, format)| format)
    }

    /// True when one file holds one article (its id is the path alone).
    pub fn is_single_article(self) -> bool {
        matches!(self, Format::Page)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_by_name() {
        let of = |name: &str| Format::of(Path::new(name));
        assert_eq!(of("a/000_cf7e50b398e10c32.txt"), Some(Format::Page));
        assert_eq!(of("rss-2025-2026.jsonl.gz"), Some(Format::JsonLinesGz));
        assert_eq!(of("feed.NDJSON"), Some(Format::JsonLines));
        assert_eq!(of("one.json"), Some(Format::Json));
        assert_eq!(of("notes.md"), None);
        assert_eq!(of(".hidden.txt"), None);
        assert_eq!(of("archive.gz"), None);
    }
}
