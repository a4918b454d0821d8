//! Issue 4 acceptance: passages by topic, date and source filters, facets, the topics listing.

use serde_json::{json, Value};

use super::util::*;

fn text(hit: &Value) -> &str {
    hit["text"].as_str().unwrap()
}

/// Four invented news records: two outlets, three months, two topics.
fn news_corpus() -> tempfile::TempDir {
    let records = [
        ("1", "2025-08-07T09:00:00+07:00", "VnExpress - Thời sự",
         "Thành phố đẩy mạnh chuyển đổi số, phát triển chính quyền số và kinh tế số; mọi thủ tục được số hóa trên nền tảng số dùng chung của tỉnh."),
        ("2", "2025-09-15T09:00:00+07:00", "Thanh Niên",
         "Tỉnh ban hành kế hoạch chuyển đổi số năm 2025 với trọng tâm là dữ liệu số, trí tuệ nhân tạo và đào tạo công dân số cho người dân."),
        ("3", "2025-10-02T09:00:00+07:00", "VnExpress",
         "Người dân phản ánh tình trạng ô nhiễm môi trường do nước thải chưa qua xử lý của khu công nghiệp đổ thẳng ra sông, cá chết hàng loạt."),
        ("4", "2025-10-20T09:00:00+07:00", "Thanh Niên",
         "Sở Khoa học và Công nghệ cho biết chuyển đổi số trong doanh nghiệp nhỏ còn chậm vì thiếu vốn, thiếu nhân lực công nghệ số và dữ liệu."),
    ];
    let lines: Vec<String> = records
        .iter()
        .map(|(id, published, source, summary)| {
            json!({"id": id, "title": format!("Tin {id}"), "summary": summary,
                   "source": source, "published": published})
            .to_string()
        })
        .collect();
    let dir = corpus_of(&[("news.jsonl", &lines.join("\n"))]);
    index(dir.path());
    dir
}

fn ids(hits: &[Value]) -> Vec<String> {
    let mut ids: Vec<String> = hits
        .iter()
        .map(|h| {
            h["article"]
                .as_str()
                .unwrap()
                .trim_start_matches("news.jsonl#")
                .to_string()
        })
        .collect();
    ids.sort();
    ids
}

#[test]
fn issue4_topic_digital_transformation_ranks_a_passage_about_it_first() {
    let dir = seeds();
    index(dir.path());
    for typed in ["chuyển đổi số", "chuyen doi so", "chuyen-doi-so"] {
        let hits = search_json(dir.path(), &["--topic", typed, "-n", "5"]);
        assert!(!hits.is_empty(), "{typed}");
        let first = text(&hits[0]);
        assert!(first.contains("chuyển đổi số"), "{typed}: {first}");
        assert!(
            hits.iter().all(|h| h["topics"]
                .as_array()
                .unwrap()
                .contains(&json!("chuyen-doi-so"))),
            "{typed}"
        );
        // Ranked by weight: the first passage is no less about the topic than the last.
        let scores: Vec<f64> = hits.iter().map(|h| h["score"].as_f64().unwrap()).collect();
        assert!(scores.windows(2).all(|w| w[0] >= w[1]), "{scores:?}");
    }
}

#[test]
fn issue4_topic_environment_finds_the_river_pollution_passage() {
    let dir = seeds();
    index(dir.path());
    let hits = search_json(dir.path(), &["--topic", "môi trường", "-n", "10"]);
    let river = hits
        .iter()
        .find(|h| text(h).contains("ô nhiễm nước sông nội đô"))
        .expect("seed 004's passage on river pollution");
    assert!(river["article"].as_str().unwrap().starts_with("004_"));
}

#[test]
fn issue4_topic_combines_with_words_and_free_words_describe_a_topic() {
    let dir = seeds();
    index(dir.path());
    let hits = search_json(dir.path(), &["Hà Nội", "--topic", "chuyển đổi số"]);
    assert!(!hits.is_empty());
    for hit in &hits {
        assert!(hit["topics"]
            .as_array()
            .unwrap()
            .contains(&json!("chuyen-doi-so")));
    }
    // Not a topic of the taxonomy: its words rank passages, and stderr says so.
    let output = vnsearch(dir.path())
        .args(["search", "--topic", "sông Tô Lịch", "--json"])
        .output()
        .unwrap();
    assert!(output.status.success());
    assert!(String::from_utf8_lossy(&output.stderr).contains("no topic named"));
    let first: Value = serde_json::from_str(
        String::from_utf8(output.stdout)
            .unwrap()
            .lines()
            .next()
            .unwrap(),
    )
    .unwrap();
    assert!(text(&first).contains("Tô Lịch"));
}

#[test]
fn issue4_since_until_and_source_filter_every_mode() {
    let dir = news_corpus();
    let d = dir.path();
    assert_eq!(
        ids(&search_json(d, &["--topic", "chuyển đổi số"])),
        ["1", "2", "4"]
    );
    assert_eq!(
        ids(&search_json(
            d,
            &["--topic", "chuyển đổi số", "--since", "2025-09"]
        )),
        ["2", "4"]
    );
    assert_eq!(
        ids(&search_json(
            d,
            &["--topic", "chuyen doi so", "--until", "2025-09-15"]
        )),
        ["1", "2"]
    );
    assert_eq!(
        ids(&search_json(
            d,
            &["chuyển đổi số", "--source", "thanh nien"]
        )),
        ["2", "4"]
    );
    // "vnexpress" is every VnExpress feed, "thoi su" only one of them.
    assert_eq!(
        ids(&search_json(d, &["số", "--source", "VnExpress"])),
        ["1"]
    );
    assert_eq!(
        ids(&search_json(
            d,
            &["--topic", "moi-truong", "--source", "vnexpress"]
        )),
        ["3"]
    );
    assert!(search_json(d, &["nước thải", "--source", "thoi su"]).is_empty());
    assert_eq!(
        ids(&search_json(
            d,
            &["chuyen doi so", "--since", "2025", "--until", "2025-08"]
        )),
        ["1"]
    );
    assert!(search_json(d, &["chuyển đổi số", "--since", "2026"]).is_empty());
    let hits = search_json(d, &["nước thải"]);
    assert!(hits[0]["topics"]
        .as_array()
        .unwrap()
        .contains(&json!("moi-truong")));
}

#[test]
fn issue4_facets_count_the_whole_result_set() {
    let dir = news_corpus();
    let lines = search_json(
        dir.path(),
        &["--topic", "chuyển đổi số", "-n", "1", "--facets"],
    );
    assert_eq!(lines.len(), 2, "one hit, then the facets object");
    let facets = &lines[1]["facets"];
    assert_eq!(facets["passages"], 3);
    let sources: Vec<(String, u64)> = facets["sources"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| {
            (
                s["value"].as_str().unwrap().to_string(),
                s["count"].as_u64().unwrap(),
            )
        })
        .collect();
    assert_eq!(sources[0], ("Thanh Niên".to_string(), 2));
    assert_eq!(sources.len(), 2);
    assert_eq!(facets["topics"][0]["key"], "chuyen-doi-so");
    assert_eq!(facets["topics"][0]["count"], 3);
    // For people, under the hits.
    let output = vnsearch(dir.path())
        .args(["search", "--topic", "chuyển đổi số", "-n", "1", "--facets"])
        .output()
        .unwrap();
    let out = String::from_utf8(output.stdout).unwrap();
    assert!(out.contains("3 passages match"), "{out}");
    assert!(out.contains("Thanh Niên (2)"), "{out}");
}

#[test]
fn issue4_seed_facets_name_persons_and_documents() {
    let dir = seeds();
    index(dir.path());
    let lines = search_json(dir.path(), &["Hà Nội", "-n", "1", "--facets"]);
    let facets = &lines.last().unwrap()["facets"];
    let persons: Vec<&str> = facets["persons"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["value"].as_str().unwrap())
        .collect();
    assert!(persons.contains(&"Tô Lâm"), "{persons:?}");
    assert!(!persons.contains(&"Tô Lịch"), "{persons:?}");
    assert!(facets["docs"]
        .as_array()
        .unwrap()
        .iter()
        .any(|d| d["value"] == "341-KH/TU"));
    assert!(facets["passages"].as_u64().unwrap() > 10);
}

#[test]
fn issue4_topics_lists_the_taxonomy_with_counts() {
    let dir = news_corpus();
    let topics = json_lines(dir.path(), &["topics"]);
    assert!(topics.len() >= 19);
    let digital = topics
        .iter()
        .find(|t| t["slug"] == "chuyen-doi-so")
        .unwrap();
    assert_eq!(
        (digital["passages"].as_u64(), digital["articles"].as_u64()),
        (Some(3), Some(3))
    );
    let env = topics.iter().find(|t| t["slug"] == "moi-truong").unwrap();
    assert_eq!(env["passages"], 1);
    assert_eq!(env["name"], "Môi trường");
}

#[test]
fn issue4_a_custom_taxonomy_is_kept_with_the_index() {
    let dir = news_corpus();
    let taxonomy = "[[topic]]\nname = \"Sông ngòi\"\nslug = \"song-ngoi\"\n[topic.phrases]\n\"sông\" = 2\n\"nước thải\" = 1\n";
    std::fs::write(dir.path().join("mine.toml"), taxonomy).unwrap();
    vnsearch(dir.path())
        .args(["index", "-q", "--topics", "mine.toml"])
        .assert()
        .success();
    let hits = search_json(dir.path(), &["--topic", "song ngoi"]);
    assert_eq!(ids(&hits), ["3"]);
    assert_eq!(hits[0]["topics"], json!(["song-ngoi"]));
    assert_eq!(json_lines(dir.path(), &["topics"]).len(), 1);
    // A bad taxonomy is refused in one line, and the index is kept.
    std::fs::write(dir.path().join("bad.toml"), "[[topic]]\nname = \"X\"\n").unwrap();
    let err = one_line_error(vnsearch(dir.path()).args(["index", "-q", "--topics", "bad.toml"]));
    assert!(err.contains("bad.toml"), "{err}");
    assert_eq!(
        ids(&search_json(dir.path(), &["--topic", "song-ngoi"])),
        ["3"]
    );
}

#[test]
fn issue4_bad_dates_and_empty_filters_are_one_line_errors() {
    let dir = news_corpus();
    for args in [
        vec!["search", "x", "--since", "2025-13"],
        vec!["search", "x", "--until", "15/7/2025"],
        vec!["search", "x", "--since", "2025-10", "--until", "2025-09"],
        vec!["search", "x", "--source", " "],
        vec!["search", "--topic", " "],
    ] {
        let err = one_line_error(vnsearch(dir.path()).args(&args));
        assert!(
            err.starts_with("error:") || err.contains("vnsearch"),
            "{args:?}: {err}"
        );
    }
}

#[test]
fn issue4_a_txt_page_dates_itself_only_when_sure() {
    let dir = seeds();
    index(dir.path());
    let article = |name: &str| json_lines(dir.path(), &["show", name]).remove(0);
    assert_eq!(article("000_cf7e50b398e10c32.txt")["date"], "2025-07-15");
    assert_eq!(article("003_6adea5c61d0d4444.txt")["date"], Value::Null);
    let hits = search_json(
        dir.path(),
        &["Hà Nội", "--since", "2025-07-01", "--until", "2025-07-31"],
    );
    assert!(!hits.is_empty());
    assert!(hits
        .iter()
        .all(|h| h["article"] == "000_cf7e50b398e10c32.txt"));
}
