//! Issue 5 acceptance: incremental updates, bad input, and never losing the index.

use std::path::Path;
use std::time::Duration;

use serde_json::{json, Value};

use super::util::*;

/// One JSON Lines record about Hà Nội with id `id`.
fn record(id: &str) -> String {
    json!({"id": id, "title": format!("Tin {id}"),
           "summary": format!("Thành ủy Hà Nội họp phiên thứ {id} bàn về chuyển đổi số và cải cách hành chính."),
           "source": "Tin thử", "published": "2025-08-07T09:00:00+07:00"})
    .to_string()
}

fn records(ids: std::ops::Range<usize>) -> String {
    ids.map(|i| record(&i.to_string()) + "\n").collect()
}

/// `index --json` in `dir`, parsed.
fn update(dir: &Path, extra: &[&str]) -> Value {
    let mut args = vec!["index"];
    args.extend(extra);
    json_lines(dir, &args).remove(0)
}

fn counts(stats: &Value) -> [u64; 5] {
    ["added", "updated", "removed", "unchanged", "skipped_files"].map(|k| {
        stats[k]
            .as_u64()
            .unwrap_or_else(|| panic!("{k} in {stats}"))
    })
}

/// The sorted article ids that `search` finds for "Hà Nội" (all of them, up to 10,000).
fn all_ids(dir: &Path) -> Vec<String> {
    let mut ids: Vec<String> = search_json(dir, &["Hà Nội", "-n", "10000"])
        .iter()
        .map(|h| h["article"].as_str().unwrap().to_string())
        .collect();
    ids.sort();
    ids.dedup();
    ids
}

/// Sets a file's modification time a little later, so a rewrite of the same size is seen.
fn touch_later(path: &Path) {
    let file = std::fs::File::options().write(true).open(path).unwrap();
    let later = std::time::SystemTime::now() + Duration::from_secs(5);
    file.set_modified(later).unwrap();
}

#[test]
fn issue5_unchanged_added_updated_appended_removed() {
    let dir = corpus_of(&[("a.jsonl", &records(0..3)), ("b.jsonl", &records(10..12))]);
    let d = dir.path();
    let first = update(d, &[]);
    assert_eq!(counts(&first), [2, 0, 0, 0, 0]);
    assert_eq!(first["passages"], 5);
    assert_eq!(first["rebuilt"], true);

    // Nothing changed: nothing read, nothing committed.
    let again = update(d, &[]);
    assert_eq!(counts(&again), [0, 0, 0, 2, 0]);
    assert_eq!(again["rebuilt"], false);

    // A new file, an appended file, a rewritten file, a deleted file, in one run.
    std::fs::write(d.join("corpus/c.jsonl"), records(20..21)).unwrap();
    let mut a = std::fs::read_to_string(d.join("corpus/a.jsonl")).unwrap();
    a.push_str(&records(3..5));
    std::fs::write(d.join("corpus/a.jsonl"), a).unwrap();
    std::fs::remove_file(d.join("corpus/b.jsonl")).unwrap();
    std::fs::write(d.join("corpus/d.jsonl"), records(30..32)).unwrap();
    update(d, &[]);
    std::fs::write(d.join("corpus/d.jsonl"), records(40..42)).unwrap();
    touch_later(&d.join("corpus/d.jsonl"));
    let stats = update(d, &[]);
    assert_eq!(counts(&stats), [0, 1, 0, 2, 0], "{stats}");
    assert_eq!(stats["appended"], 0);
    let ids = all_ids(d);
    let expected: Vec<String> = (0..5)
        .map(|i| format!("a.jsonl#{i}"))
        .chain([
            "c.jsonl#20".to_string(),
            "d.jsonl#40".into(),
            "d.jsonl#41".into(),
        ])
        .collect();
    let mut expected = expected;
    expected.sort();
    assert_eq!(ids, expected);

    // The appended file indexed only its new records (no duplicates), and says so.
    let mut a = std::fs::read_to_string(d.join("corpus/a.jsonl")).unwrap();
    a.push_str(&records(5..6));
    std::fs::write(d.join("corpus/a.jsonl"), a).unwrap();
    let stats = update(d, &[]);
    assert_eq!(
        (stats["updated"].as_u64(), stats["appended"].as_u64()),
        (Some(1), Some(1))
    );
    assert_eq!(stats["passages"], 9);
    assert_eq!(search_json(d, &["phiên thứ 5"]).len(), 1);

    // --rebuild holds exactly the same.
    let rebuilt = update(d, &["--rebuild"]);
    assert_eq!(rebuilt["rebuilt"], true);
    assert_eq!(rebuilt["passages"], 9);
    assert_eq!(all_ids(d).len(), 9);
}

#[test]
fn issue5_summary_line_and_json_fields() {
    let dir = corpus_of(&[("a.jsonl", &records(0..2))]);
    let output = vnsearch(dir.path()).args(["index"]).output().unwrap();
    assert!(output.status.success());
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(
        stderr.contains("1 added, 0 updated, 0 removed, 0 unchanged, 0 skipped"),
        "{stderr}"
    );
    assert!(stderr.contains("2 passages"), "{stderr}");
    let stats = update(dir.path(), &[]);
    for key in [
        "scanned",
        "added",
        "updated",
        "removed",
        "unchanged",
        "skipped_files",
        "skipped_records",
        "skipped",
        "passages",
        "seconds",
    ] {
        assert!(stats.get(key).is_some(), "{key} missing in {stats}");
    }
}

#[test]
fn issue5_bad_input_is_named_and_skipped_and_the_rest_indexed() {
    let utf16: Vec<u8> = [0xFF, 0xFE]
        .into_iter()
        .chain(
            "Thành ủy Hà Nội bàn về chuyển đổi số trong cả nhiệm kỳ mới của thành phố."
                .encode_utf16()
                .flat_map(|u| u.to_le_bytes()),
        )
        .collect();
    // Windows-1258 writes "Hà Nội" with combining tones: H a U+0300 (0xCC), N o U+0323 (0xF2)
    // ... and "ô" as 0xF4.
    let cp1258: &[u8] = b"Tin tu\xf4\xecng thua\xecnh: Ha\xcc N\xf4\xf2i ho\xf2p ba\xcc\xed n v\xea\xcc chuy\xea\xecn \xf0\xf4\xecI s\xf4\xec.";
    let dir = corpus_of(&[
        (
            "good.jsonl",
            &format!("{}\n{{broken\n{}\n", record("1"), record("2")),
        ),
        ("empty.txt", ""),
        ("blank.jsonl", "\n\n"),
    ]);
    let d = dir.path();
    std::fs::write(d.join("corpus/utf16.txt"), utf16).unwrap();
    std::fs::write(d.join("corpus/cp1258.txt"), cp1258).unwrap();
    std::fs::write(
        d.join("corpus/binary.txt"),
        b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0",
    )
    .unwrap();
    std::fs::write(d.join("corpus/fake.jsonl.gz"), b"not gzip at all").unwrap();
    // A 50 MB file on one line: a record whose extra field (read, not indexed) is the bulk.
    let bulk = "x".repeat(50 * 1024 * 1024);
    let long_line = json!({"id": "long", "title": "Một dòng dài",
                           "summary": "Hà Nội phát triển kinh tế số.", "raw": bulk});
    std::fs::write(d.join("corpus/long.jsonl"), long_line.to_string()).unwrap();
    // A symlink loop.
    #[cfg(unix)]
    std::os::unix::fs::symlink(d.join("corpus"), d.join("corpus/loop")).unwrap();

    let output = vnsearch(d).args(["index", "--json"]).output().unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let stderr = String::from_utf8(output.stderr).unwrap();
    let stats: Value = serde_json::from_slice(&output.stdout).unwrap();
    assert!(!stderr.contains("panicked"));
    for name in [
        "good.jsonl",
        "empty.txt",
        "blank.jsonl",
        "binary.txt",
        "fake.jsonl.gz",
    ] {
        assert!(stderr.contains(name), "{name} not named: {stderr}");
    }
    assert!(stderr.contains("good.jsonl: line 2"), "{stderr}");
    assert!(stderr.contains("binary"), "{stderr}");
    assert!(stderr.contains("loop"), "{stderr}");
    assert_eq!(stats["skipped_records"], 1);
    assert!(stats["skipped_files"].as_u64().unwrap() >= 5, "{stats}");
    assert_eq!(
        stats["skipped"].as_array().unwrap().len() as u64,
        stats["skipped_files"].as_u64().unwrap() + 1
    );
    // Everything readable is there: both good records, UTF-16, Windows-1258, the long line.
    for id in [
        "good.jsonl#1",
        "good.jsonl#2",
        "utf16.txt",
        "cp1258.txt",
        "long.jsonl#long",
    ] {
        vnsearch(d).args(["show", id]).assert().success();
    }
    let hit = &search_json(d, &["tuong thuat"])[0];
    assert_eq!(hit["article"], "cp1258.txt");
}

#[test]
fn issue5_unreadable_file_keeps_what_was_indexed_from_it() {
    let dir = corpus_of(&[("a.jsonl", &records(0..2)), ("b.jsonl", &records(5..6))]);
    let d = dir.path();
    update(d, &[]);
    // Rewritten into bytes that are no text: skipped, and its passages stay.
    std::fs::write(d.join("corpus/a.jsonl"), b"\0\0\0\0binary").unwrap();
    let stats = update(d, &[]);
    assert_eq!(stats["skipped_files"], 1);
    assert_eq!(stats["passages"], 3);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let b = d.join("corpus/b.jsonl");
        std::fs::write(&b, records(5..7)).unwrap();
        std::fs::set_permissions(&b, std::fs::Permissions::from_mode(0o000)).unwrap();
        // Root reads anything: the check only means something for other users.
        if std::fs::read(&b).is_err() {
            let stats = update(d, &[]);
            assert_eq!(stats["skipped_files"], 2, "{stats}");
            assert_eq!(stats["passages"], 3);
        }
        std::fs::set_permissions(&b, std::fs::Permissions::from_mode(0o644)).unwrap();
    }
}

#[test]
fn issue5_a_second_index_run_is_refused_while_one_holds_the_lock() {
    let dir = corpus_of(&[("a.jsonl", &records(0..2))]);
    let d = dir.path();
    update(d, &[]);
    // Hold the writer lock the way a running `vnsearch index` does.
    let index = tantivy::Index::open_in_dir(d.join("index")).unwrap();
    vnsearch::analysis::register(&index);
    let writer: tantivy::IndexWriter = index.writer(15_000_000).unwrap();
    std::fs::write(d.join("corpus/b.jsonl"), records(5..6)).unwrap();
    let err = one_line_error(vnsearch(d).args(["index"]));
    assert!(err.contains("another vnsearch process"), "{err}");
    // Searching works meanwhile, on the last commit.
    assert_eq!(all_ids(d).len(), 2);
    drop(writer);
    assert_eq!(update(d, &[])["added"], 1);
}

#[test]
fn issue5_a_damaged_index_says_to_rebuild() {
    let dir = corpus_of(&[("a.jsonl", &records(0..2))]);
    let d = dir.path();
    update(d, &[]);
    for entry in std::fs::read_dir(d.join("index")).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "idx") {
            std::fs::remove_file(path).unwrap();
        }
    }
    let err = one_line_error(vnsearch(d).args(["search", "Hà Nội"]));
    assert!(err.contains("vnsearch index --rebuild"), "{err}");
    let err = one_line_error(vnsearch(d).args(["index"]));
    assert!(err.contains("vnsearch index --rebuild"), "{err}");
    assert_eq!(update(d, &["--rebuild"])["passages"], 2);
    assert_eq!(all_ids(d).len(), 2);
}

#[test]
fn issue5_killed_at_any_moment_the_index_opens_and_the_next_run_finishes() {
    // Enough text that indexing takes a while: 30 files of 400 records.
    let dir = corpus_of(&[("seed.jsonl", &records(0..10))]);
    let d = dir.path();
    update(d, &[]);
    for f in 0..30 {
        std::fs::write(
            d.join(format!("corpus/f{f:02}.jsonl")),
            records(1000 * (f + 1)..1000 * (f + 1) + 400),
        )
        .unwrap();
    }
    let binary = assert_cmd::cargo::cargo_bin("vnsearch");
    for (round, delay_ms) in [5u64, 40, 120, 300, 700].into_iter().enumerate() {
        let mut child = std::process::Command::new(&binary)
            .current_dir(d)
            .args(["index", "-q"])
            .env_remove("VNSEARCH_CORPUS")
            .env_remove("VNSEARCH_INDEX")
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(Duration::from_millis(delay_ms));
        child.kill().unwrap(); // SIGKILL
        child.wait().unwrap();
        // The index opens and answers, as of its last commit.
        let found = search_json(d, &["Hà Nội", "-n", "5"]);
        assert!(!found.is_empty(), "round {round}");
        if round == 2 {
            // Change the corpus between kills: the next run must notice.
            std::fs::remove_file(d.join("corpus/f00.jsonl")).unwrap();
        }
    }
    let stats = update(d, &[]);
    assert_eq!(stats["passages"], 10 + 29 * 400, "{stats}");
    let fresh = tempfile::tempdir().unwrap();
    let rebuilt = vnsearch(d)
        .args(["index", "--json", "--index"])
        .arg(fresh.path())
        .output()
        .unwrap();
    let rebuilt: Value = serde_json::from_slice(&rebuilt.stdout).unwrap();
    assert_eq!(rebuilt["passages"], stats["passages"]);
}

#[test]
fn issue5_search_rebuilds_an_index_of_an_older_format() {
    let dir = corpus_of(&[("a.jsonl", &records(0..2))]);
    let d = dir.path();
    update(d, &[]);
    let meta = d.join("index/meta.json");
    let text = std::fs::read_to_string(&meta).unwrap();
    std::fs::write(
        &meta,
        text.replace(vnsearch::index::FORMAT_VERSION, "vnsearch-1"),
    )
    .unwrap();
    let output = vnsearch(d)
        .args(["search", "Hà Nội", "--json"])
        .output()
        .unwrap();
    assert!(output.status.success());
    assert!(String::from_utf8_lossy(&output.stderr).contains("rebuilding"));
    assert_eq!(String::from_utf8(output.stdout).unwrap().lines().count(), 2);
}

#[test]
fn issue5_watch_indexes_files_as_they_land() {
    use std::io::BufRead;
    let dir = corpus_of(&[("a.jsonl", &records(0..2))]);
    let d = dir.path();
    // Built first, so no `search` below ever builds it while the watcher does.
    update(d, &[]);
    let binary = assert_cmd::cargo::cargo_bin("vnsearch");
    let mut child = std::process::Command::new(&binary)
        .current_dir(d)
        .args(["index", "--watch"])
        .env_remove("VNSEARCH_CORPUS")
        .env_remove("VNSEARCH_INDEX")
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    // Its stderr, line by line, as it comes.
    let (lines, received) = std::sync::mpsc::channel();
    let stderr = child.stderr.take().unwrap();
    let reader = std::thread::spawn(move || {
        for line in std::io::BufReader::new(stderr)
            .lines()
            .map_while(Result::ok)
        {
            if lines.send(line).is_err() {
                break;
            }
        }
    });
    let mut seen = Vec::new();
    let mut wait_for_line = |needle: &str| {
        while let Ok(line) = received.recv_timeout(Duration::from_secs(60)) {
            let hit = line.contains(needle);
            seen.push(line);
            if hit {
                return true;
            }
        }
        false
    };
    assert!(wait_for_line("watching"), "the watcher starts");
    // Quoted: a phrase is required, never relaxed to any of its words.
    assert!(search_json(d, &["\"phiên thứ 77\""]).is_empty());
    std::fs::write(d.join("corpus/b.jsonl"), records(77..78)).unwrap();
    let updated = wait_for_line("UTC] scanned 2 files: 1 added");
    let landed = !search_json(d, &["\"phiên thứ 77\""]).is_empty();
    child.kill().unwrap();
    child.wait().unwrap();
    reader.join().unwrap();
    assert!(updated, "a line per update: {seen:?}");
    assert!(landed, "the new file is searchable");
}

#[test]
fn an_index_kept_inside_the_corpus_is_not_read_as_articles() {
    let dir = corpus_of(&[("a.jsonl", &records(0..3))]);
    let d = dir.path();
    let inside = ["--index", "corpus/index"];
    let first = update(d, &inside);
    assert_eq!(counts(&first), [1, 0, 0, 0, 0]);
    // The index's meta.json and manifest, now in the corpus folder, are neither added nor
    // skipped as bad articles.
    let again = update(d, &inside);
    assert_eq!(counts(&again), [0, 0, 0, 1, 0], "{again}");
    assert_eq!(again["passages"], first["passages"]);
}
