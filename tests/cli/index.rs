//! Building the index: formats, ids, bad files, and the furniture of scraped pages.

use super::util::*;

#[test]
fn issue2_seed_000_passages_carry_no_page_furniture() {
    let dir = seeds();
    index(dir.path());
    let output = vnsearch(dir.path())
        .args(["show", "000_cf7e50b398e10c32.txt", "--json"])
        .output()
        .unwrap();
    assert!(output.status.success());
    let article: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let passages = article["passages"].as_array().unwrap();
    assert!(passages.len() > 10);
    for passage in passages {
        let text = passage["text"].as_str().unwrap();
        for furniture in [
            "Đăng nhập",
            "BÌNH LUẬN",
            "Tin Tài Trợ",
            "Phú Thọ: huy động hơn 2.000 đoàn viên",
        ] {
            assert!(
                !text.contains(furniture),
                "{furniture:?} in passage {}",
                passage["passage"]
            );
        }
    }
    assert_eq!(
        article["title"],
        "Hà Nội đạt nhiều kết quả đáng khích lệ, toàn diện về công tác xây dựng Đảng"
    );
}

#[test]
fn reads_json_lines_gzip_and_json_with_their_ids() {
    use std::io::Write;
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    gz.write_all("{\"id\":\"g1\",\"title\":\"Tin nén\",\"summary\":\"Quốc hội thông qua luật đất đai sửa đổi.\"}\n".as_bytes()).unwrap();
    let gz = gz.finish().unwrap();
    let dir = corpus_of(&[
        (
            "a/feed.ndjson",
            "{\"title\":\"Không id\",\"content\":\"Thủ tướng chỉ đạo về đất đai.\"}\n",
        ),
        (
            "one.json",
            "{\"title\":\"Một bài\",\"text\":\"Ủy ban thường vụ bàn về đất đai.\"}",
        ),
        (
            "many.json",
            "[{\"id\":7,\"title\":\"Bảy\",\"body\":\"Hội đồng nhân dân bàn đất đai.\"}]",
        ),
    ]);
    std::fs::write(dir.path().join("corpus/feed.jsonl.gz"), gz).unwrap();
    index(dir.path());
    let hits = search_json(dir.path(), &["dat dai", "-n", "10"]);
    let mut ids: Vec<String> = places(&hits).into_iter().map(|(a, _)| a).collect();
    ids.sort();
    assert_eq!(
        ids,
        [
            "a/feed.ndjson#1",
            "feed.jsonl.gz#g1",
            "many.json#7",
            "one.json"
        ]
    );
}

#[test]
fn bad_files_are_named_and_skipped_while_the_rest_is_indexed() {
    let dir = corpus_of(&[
        (
            "good.jsonl",
            "{\"id\":\"1\",\"title\":\"Tốt\",\"summary\":\"Chuyển đổi số ở Hà Nội.\"}\n{broken\n",
        ),
        ("broken.json", "{\"title\": "),
        ("latin1.txt", "Th\u{e0}nh"),
    ]);
    std::fs::write(
        dir.path().join("corpus/latin1.txt"),
        [b'T', b'h', 0xe0, b'n', b'h'],
    )
    .unwrap();
    let output = vnsearch(dir.path()).args(["index"]).output().unwrap();
    assert!(output.status.success());
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(stderr.contains("broken.json"), "{stderr}");
    assert!(stderr.contains("good.jsonl: line 2"), "{stderr}");
    assert!(stderr.contains("latin1.txt: not text in UTF-8"), "{stderr}");
    assert!(stderr.contains("2 skipped with errors"), "{stderr}");
    assert!(stderr.contains("1 records skipped"), "{stderr}");
    assert_eq!(search_json(dir.path(), &["chuyen doi so"]).len(), 1);
}

#[test]
fn index_json_summary_and_env_overrides() {
    let dir = seeds();
    std::fs::rename(dir.path().join("corpus"), dir.path().join("news")).unwrap();
    let output = vnsearch(dir.path())
        .args(["index", "--json"])
        .env("VNSEARCH_CORPUS", "news")
        .env("VNSEARCH_INDEX", "idx")
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let stats: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(stats["files"], 5);
    assert_eq!(stats["articles"], 5);
    assert!(stats["passages"].as_u64().unwrap() > 50);
    assert!(dir.path().join("idx/meta.json").is_file());
}

#[test]
fn reindexing_replaces_the_index_and_an_empty_corpus_keeps_it() {
    let dir = seeds();
    index(dir.path());
    index(dir.path());
    assert_eq!(search_json(dir.path(), &["bàn", "-n", "1"]).len(), 1);
    for entry in std::fs::read_dir(dir.path().join("corpus")).unwrap() {
        std::fs::remove_file(entry.unwrap().path()).unwrap();
    }
    let err = one_line_error(vnsearch(dir.path()).args(["index"]));
    assert!(err.contains("no article files found"), "{err}");
    assert_eq!(
        search_json(dir.path(), &["bàn", "-n", "1"]).len(),
        1,
        "old index kept"
    );
}

#[test]
fn a_corpus_of_unreadable_files_keeps_the_old_index() {
    let dir = seeds();
    index(dir.path());
    for entry in std::fs::read_dir(dir.path().join("corpus")).unwrap() {
        std::fs::write(entry.unwrap().path(), [0x41, 0xe9, 0x80, 0x41]).unwrap();
    }
    // Updating: each file is named and skipped, and keeps what was indexed from it.
    let output = vnsearch(dir.path()).args(["index"]).output().unwrap();
    assert!(output.status.success());
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(stderr.contains("5 skipped with errors"), "{stderr}");
    assert_eq!(search_json(dir.path(), &["bàn", "-n", "1"]).len(), 1);
    // Rebuilding from nothing readable is refused, and the old index kept.
    let output = vnsearch(dir.path())
        .args(["index", "--quiet", "--rebuild"])
        .output()
        .unwrap();
    assert!(!output.status.success());
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(
        stderr.contains("no article could be read from corpus"),
        "{stderr}"
    );
    assert_eq!(
        search_json(dir.path(), &["bàn", "-n", "1"]).len(),
        1,
        "old index kept"
    );
    let err = one_line_error(vnsearch(dir.path()).args([
        "index",
        "--corpus",
        "corpus/000_cf7e50b398e10c32.txt",
    ]));
    assert!(err.contains("is not a folder"), "{err}");
}
