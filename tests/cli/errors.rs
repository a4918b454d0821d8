//! Errors a user can cause: one clear line on stderr, a non-zero exit, never a panic.

use std::path::Path;

use super::util::*;

#[test]
fn empty_query_is_refused() {
    let dir = seeds();
    for query in ["", "  ", "…, –"] {
        let err = one_line_error(vnsearch(dir.path()).args(["search", query]));
        assert!(err.contains("query is empty"), "{err}");
    }
}

#[test]
fn no_index_and_no_corpus() {
    let dir = tempfile::tempdir().unwrap();
    let err = one_line_error(vnsearch(dir.path()).args(["search", "Tô Lâm"]));
    assert!(
        err.contains("no index at index and no corpus folder at corpus"),
        "{err}"
    );
    let err = one_line_error(vnsearch(dir.path()).args(["index"]));
    assert!(err.contains("corpus folder corpus does not exist"), "{err}");
}

#[test]
fn an_index_path_that_is_a_file_is_refused_and_left_alone() {
    let dir = seeds();
    std::fs::write(dir.path().join("notes.txt"), "ghi chú").unwrap();
    for args in [
        &["search", "--index", "notes.txt", "Tô Lâm"][..],
        &["index", "--quiet", "--index", "notes.txt"],
        &["bench", "--index", "notes.txt"],
    ] {
        let err = one_line_error(vnsearch(dir.path()).args(args));
        assert!(
            err.contains("notes.txt is a file, not an index folder"),
            "{args:?}: {err}"
        );
    }
    let kept = std::fs::read_to_string(dir.path().join("notes.txt")).unwrap();
    assert_eq!(kept, "ghi chú");
}

#[test]
fn damaged_index_is_reported_not_panicked() {
    let dir = seeds();
    index(dir.path());
    std::fs::write(dir.path().join("index/meta.json"), "{ not json").unwrap();
    let err = one_line_error(vnsearch(dir.path()).args(["search", "Tô Lâm"]));
    assert!(err.contains("damaged"), "{err}");
    let err = one_line_error(vnsearch(dir.path()).args(["index", "--quiet"]));
    assert!(err.contains("vnsearch index --rebuild"), "{err}");
    vnsearch(dir.path())
        .args(["index", "--quiet", "--rebuild"])
        .assert()
        .success();
    assert!(
        !search_json(dir.path(), &["Tô Lâm"]).is_empty(),
        "index rebuilds over the damage"
    );
}

#[test]
fn an_index_of_another_format_is_rebuilt_by_search() {
    let dir = seeds();
    index(dir.path());
    let meta_path = dir.path().join("index/meta.json");
    let meta = std::fs::read_to_string(&meta_path).unwrap();
    std::fs::write(
        &meta_path,
        meta.replace(vnsearch::index::FORMAT_VERSION, "vnsearch-0"),
    )
    .unwrap();
    let output = vnsearch(dir.path())
        .args(["search", "Tô Lâm"])
        .output()
        .unwrap();
    assert!(output.status.success());
    assert!(String::from_utf8_lossy(&output.stderr).contains("rebuilding"));
}

/// Marks the index in `index_dir` as written by another version of vnsearch.
fn make_old(index_dir: &Path) {
    let meta_path = index_dir.join("meta.json");
    let meta = std::fs::read_to_string(&meta_path).unwrap();
    let old = meta.replace(vnsearch::index::FORMAT_VERSION, "vnsearch-0");
    assert_ne!(meta, old);
    std::fs::write(&meta_path, old).unwrap();
}

/// Built from one corpus and searched from a folder whose `corpus/` is another: an index of
/// another format is rebuilt from the corpus it records, not from the folder `--corpus`
/// defaults to; when that corpus is gone, the index is left as it is, with one line saying how
/// to rebuild it.
#[test]
fn an_index_of_another_format_is_rebuilt_from_the_corpus_it_records() {
    let own = corpus_of(&[(
        "feed.jsonl",
        "{\"id\":\"1\",\"title\":\"Quốc hội\",\"summary\":\"Quốc hội thông qua Luật Đất đai sửa đổi.\"}\n",
    )]);
    let other = corpus_of(&[(
        "feed.jsonl",
        "{\"id\":\"2\",\"title\":\"Thời tiết\",\"summary\":\"Quốc hội nghỉ, Hà Nội nắng nhẹ.\"}\n",
    )]);
    let index_dir = own.path().join("index");
    index(own.path());
    make_old(&index_dir);
    let search = || {
        vnsearch(other.path())
            .args(["search", "--json", "--index"])
            .arg(&index_dir)
            .arg("quốc hội")
            .output()
            .unwrap()
    };
    let output = search();
    assert!(output.status.success());
    let err = String::from_utf8_lossy(&output.stderr);
    let own_name = own.path().file_name().unwrap().to_string_lossy();
    assert!(
        err.contains("rebuilding it from") && err.contains(&*own_name),
        "{err}"
    );
    let out = String::from_utf8_lossy(&output.stdout);
    assert!(
        out.contains("Luật Đất đai") && !out.contains("nắng nhẹ"),
        "{out}"
    );

    make_old(&index_dir);
    std::fs::remove_dir_all(own.path().join("corpus")).unwrap();
    let output = search();
    assert_eq!(output.status.code(), Some(1));
    let err = String::from_utf8_lossy(&output.stderr);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(
        err.contains("which is gone") && err.contains("--rebuild"),
        "{err}"
    );
    let meta = std::fs::read_to_string(index_dir.join("meta.json")).unwrap();
    assert!(meta.contains("vnsearch-0"), "the index is left as it was");
}

#[test]
fn unknown_flags_get_usage_help() {
    let dir = seeds();
    vnsearch(dir.path())
        .args(["search", "x", "--bogus"])
        .assert()
        .failure()
        .stderr(predicates::str::contains("--bogus"));
}
