//! Issue 6 (in part): `vnsearch bench` on the sample corpus.

use super::util::*;

#[test]
fn bench_reports_every_class_of_the_generated_query_set() {
    let dir = seeds();
    index(dir.path());
    let report = json_lines(dir.path(), &["bench", "--runs", "2", "--warmup", "0"]).remove(0);
    let classes: Vec<&str> = report["classes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["class"].as_str().unwrap())
        .collect();
    for class in [
        "word",
        "word-unaccented",
        "word-rare",
        "words-2",
        "words-3",
        "phrase-2",
        "phrase-3",
        "person",
        "doc",
        "topic",
    ] {
        assert!(classes.contains(&class), "{class} missing from {classes:?}");
    }
    let overall = &report["overall"];
    let figure = |key: &str| overall[key].as_u64().unwrap();
    assert_eq!(figure("samples"), 2 * figure("queries"));
    assert!(figure("p50_us") <= figure("p95_us"));
    assert!(figure("p95_us") <= figure("p99_us"));
    assert!(figure("p99_us") <= figure("max_us"));
    assert!(overall["qps"].as_f64().unwrap() > 0.0);
    assert_eq!(report["passages"], 117);
}

#[test]
fn bench_reads_queries_in_the_search_syntax() {
    let dir = seeds();
    index(dir.path());
    std::fs::write(
        dir.path().join("q.txt"),
        "# my queries\n--person \"Tô Lâm\" chuyển đổi số\n'\"Thành ủy Hà Nội\"'\n--doc 57-nq/tw\n\nsông Tô Lịch --since 2025\n",
    )
    .unwrap();
    let report = json_lines(dir.path(), &["bench", "--queries", "q.txt", "--runs", "1"]).remove(0);
    let classes: Vec<(&str, u64)> = report["classes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| (c["class"].as_str().unwrap(), c["queries"].as_u64().unwrap()))
        .collect();
    assert_eq!(
        classes,
        [
            ("doc", 1),
            ("person", 1),
            ("phrase", 1),
            ("words+filter", 1)
        ]
    );
    std::fs::write(dir.path().join("bad.txt"), "--person\n").unwrap();
    let err = one_line_error(vnsearch(dir.path()).args(["bench", "--queries", "bad.txt"]));
    assert!(err.contains("bad.txt line 1"), "{err}");
}

#[test]
fn the_listed_query_set_read_back_keeps_its_classes() {
    let dir = seeds();
    index(dir.path());
    let listed = vnsearch(dir.path())
        .args(["bench", "--list"])
        .output()
        .unwrap();
    assert!(listed.status.success());
    let listed = String::from_utf8(listed.stdout).unwrap();
    assert!(listed.starts_with("# class: word\n"), "{listed}");
    std::fs::write(dir.path().join("set.txt"), &listed).unwrap();
    let classes = |args: &[&str]| -> Vec<(String, u64)> {
        let report = json_lines(dir.path(), args).remove(0);
        report["classes"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| {
                let class = c["class"].as_str().unwrap().to_string();
                (class, c["queries"].as_u64().unwrap())
            })
            .collect()
    };
    let generated = classes(&["bench", "--runs", "1", "--warmup", "0"]);
    let read_back = classes(&[
        "bench",
        "--queries",
        "set.txt",
        "--runs",
        "1",
        "--warmup",
        "0",
    ]);
    assert_eq!(read_back, generated);
    // Without the class lines, each query falls in the class of what it asks for.
    let bare: String = listed
        .lines()
        .filter(|l| !l.starts_with('#'))
        .map(|l| format!("{l}\n"))
        .collect();
    std::fs::write(dir.path().join("bare.txt"), bare).unwrap();
    let bare = classes(&[
        "bench",
        "--queries",
        "bare.txt",
        "--runs",
        "1",
        "--warmup",
        "0",
    ]);
    assert!(bare.iter().any(|(class, _)| class == "words"), "{bare:?}");
    assert!(
        !bare.iter().any(|(class, _)| class == "word-rare"),
        "{bare:?}"
    );
}
