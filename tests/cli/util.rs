//! Shared helpers: temporary corpora (the seeds, NFD copies, JSON records) and running the
//! binary in them.

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use serde_json::Value;
use tempfile::TempDir;
use unicode_normalization::UnicodeNormalization;

/// The sample corpus shipped in the repository.
pub fn seeds_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus")
}

/// A temp dir holding `corpus/` with the seeds, each converted by `convert`.
pub fn seeds_with(convert: impl Fn(&str) -> String) -> TempDir {
    let dir = tempfile::tempdir().unwrap();
    let corpus = dir.path().join("corpus");
    std::fs::create_dir(&corpus).unwrap();
    for entry in std::fs::read_dir(seeds_dir()).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "txt") {
            let text = std::fs::read_to_string(&path).unwrap();
            std::fs::write(corpus.join(path.file_name().unwrap()), convert(&text)).unwrap();
        }
    }
    dir
}

/// A temp dir holding `corpus/` with the seeds as shipped.
pub fn seeds() -> TempDir {
    seeds_with(str::to_string)
}

/// The seeds with every letter decomposed (NFD).
pub fn seeds_nfd() -> TempDir {
    seeds_with(|text| text.nfd().collect())
}

/// A temp dir holding `corpus/` with the given files.
pub fn corpus_of(files: &[(&str, &str)]) -> TempDir {
    let dir = tempfile::tempdir().unwrap();
    for (name, content) in files {
        let path = dir.path().join("corpus").join(name);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, content).unwrap();
    }
    dir
}

/// The binary, run in `dir` with no VNSEARCH_* variables from the caller's environment.
pub fn vnsearch(dir: &Path) -> Command {
    let mut command = Command::cargo_bin("vnsearch").unwrap();
    command
        .current_dir(dir)
        .env_remove("VNSEARCH_CORPUS")
        .env_remove("VNSEARCH_INDEX")
        .env("NO_COLOR", "1");
    command
}

/// Builds the index of `dir/corpus` into `dir/index`.
pub fn index(dir: &Path) {
    vnsearch(dir).args(["index", "--quiet"]).assert().success();
}

/// `search ARGS --json` hits, parsed.
pub fn search_json(dir: &Path, args: &[&str]) -> Vec<Value> {
    let mut all = vec!["search"];
    all.extend(args);
    json_lines(dir, &all)
}

/// The JSON lines printed by `vnsearch ARGS --json`, parsed; the run must succeed.
pub fn json_lines(dir: &Path, args: &[&str]) -> Vec<Value> {
    let output = vnsearch(dir).args(args).arg("--json").output().unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout)
        .unwrap()
        .lines()
        .map(|line| serde_json::from_str(line).unwrap())
        .collect()
}

/// `(article, passage)` of each hit.
pub fn places(hits: &[Value]) -> Vec<(String, u64)> {
    hits.iter()
        .map(|h| {
            (
                h["article"].as_str().unwrap().to_string(),
                h["passage"].as_u64().unwrap(),
            )
        })
        .collect()
}

/// The distinct seed numbers ("000"…"004") among hits.
pub fn seed_numbers(hits: &[Value]) -> Vec<String> {
    let mut seeds: Vec<String> = hits
        .iter()
        .map(|h| h["article"].as_str().unwrap()[..3].to_string())
        .collect();
    seeds.sort();
    seeds.dedup();
    seeds
}

/// The highlighted pieces of a hit's text.
pub fn highlighted(hit: &Value) -> Vec<String> {
    let text = hit["text"].as_str().unwrap();
    hit["highlights"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            let (a, b) = (
                r[0].as_u64().unwrap() as usize,
                r[1].as_u64().unwrap() as usize,
            );
            text.get(a..b)
                .expect("highlight on char boundaries")
                .to_string()
        })
        .collect()
}

/// Stderr of a failed run: one line, no panic.
pub fn one_line_error(command: &mut Command) -> String {
    let output = command.output().unwrap();
    assert!(!output.status.success(), "expected failure");
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert_eq!(
        stderr.trim_end().lines().count(),
        1,
        "one line expected: {stderr}"
    );
    stderr
}
