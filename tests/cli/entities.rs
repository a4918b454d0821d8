//! Issue 3 acceptance: passages by person and by document number on the sample corpus.

use super::util::*;

fn texts(hits: &[serde_json::Value]) -> Vec<&str> {
    hits.iter().map(|h| h["text"].as_str().unwrap()).collect()
}

#[test]
fn issue3_doc_in_any_spelling_ranks_the_defining_passage_first() {
    let dir = seeds();
    index(dir.path());
    for typed in ["341-KH/TU", "341-kh/tu", "341 KH-TU", "341/KH-TU"] {
        let hits = search_json(dir.path(), &["--doc", typed, "-n", "10"]);
        assert_eq!(
            hits.len(),
            2,
            "{typed}: both seeds 000 and 004 cite it once"
        );
        assert!(
            texts(&hits)[0].contains("ban hành Kế hoạch số 341-KH/TU"),
            "{typed}"
        );
        assert!(
            highlighted(&hits[0]).contains(&"341-KH/TU".to_string()),
            "{:?}",
            highlighted(&hits[0])
        );
        assert_eq!(hits[0]["docs"][0], "341-KH/TU");
    }
    let hits = search_json(dir.path(), &["--doc", "137-QD/TW"]);
    assert!(texts(&hits)[0].contains("137-QĐ/TW"));
}

#[test]
fn issue3_same_number_other_issuer_is_another_document() {
    let dir = seeds();
    index(dir.path());
    let tu = search_json(dir.path(), &["--doc", "15-NQ/TU"]);
    let tw = search_json(dir.path(), &["--doc", "15-nq/tw"]);
    assert!(!tu.is_empty() && !tw.is_empty());
    assert!(texts(&tu)
        .iter()
        .all(|t| t.contains("15-NQ/TU") || t.contains("Nghị quyết số 15")));
    assert!(texts(&tw).iter().all(|t| t.contains("15-NQ/TW")));
    assert!(places(&tu).iter().all(|p| !places(&tw).contains(p)));
}

#[test]
fn issue3_unknown_doc_suggests_the_closest() {
    let dir = seeds();
    index(dir.path());
    let err = one_line_error(vnsearch(dir.path()).args(["search", "--doc", "341-KH/TW"]));
    assert!(
        err.contains("no passage cites 341-KH/TW") && err.contains("341-KH/TU"),
        "{err}"
    );
    let err = one_line_error(vnsearch(dir.path()).args(["search", "--doc", "12/6/2025"]));
    assert!(err.contains("not a document number"), "{err}");
}

#[test]
fn issue3_docs_lists_every_number_with_counts() {
    let dir = seeds();
    index(dir.path());
    let docs = json_lines(dir.path(), &["docs"]);
    let numbers: Vec<&str> = docs.iter().map(|d| d["doc"].as_str().unwrap()).collect();
    assert_eq!(docs.len(), 19, "{numbers:?}");
    for expected in [
        "57-NQ/TW",
        "15-NQ/TU",
        "15-NQ/TW",
        "04/CTr-UBND",
        "137-QĐ/TW",
        "12-ĐA/TU",
        "01-KL/TBTCPV",
    ] {
        assert!(numbers.contains(&expected), "{expected} in {numbers:?}");
    }
    let plan = docs.iter().find(|d| d["doc"] == "341-KH/TU").unwrap();
    assert_eq!(plan["articles"], 2);
    assert_eq!(plan["kind"], "Kế hoạch");
    assert_eq!(plan["issuer"], "TU");
    let filtered = json_lines(dir.path(), &["docs", "nq/tw"]);
    assert_eq!(filtered.len(), 2, "57-NQ/TW and 15-NQ/TW");
}

#[test]
fn issue3_person_with_or_without_accents_acting_first() {
    let dir = seeds();
    index(dir.path());
    for typed in ["Tô Lâm", "to lam", "TO LAM"] {
        let hits = search_json(dir.path(), &["--person", typed, "-n", "20"]);
        assert_eq!(hits.len(), 5, "{typed}: every passage naming Tô Lâm");
        assert!(texts(&hits).iter().all(|t| t.contains("Tô Lâm")));
        assert!(hits[0]["persons"]
            .as_array()
            .unwrap()
            .iter()
            .any(|p| p == "Tô Lâm"));
        let first = texts(&hits)[0];
        assert!(
            first.contains("Tô Lâm nhấn mạnh") || first.contains("Tô Lâm đánh giá"),
            "{typed}: acting passage first, got {first}"
        );
    }
}

#[test]
fn issue3_partial_and_ambiguous_names() {
    let dir = seeds();
    index(dir.path());
    let output = vnsearch(dir.path())
        .args(["search", "--person", "Minh Hoài", "--json"])
        .output()
        .unwrap();
    assert!(output.status.success());
    assert!(String::from_utf8_lossy(&output.stderr).contains("Bùi Thị Minh Hoài"));
    let err = one_line_error(vnsearch(dir.path()).args(["search", "--person", "nguyen"]));
    assert!(
        err.contains("could be several persons") && err.contains("Nguyễn Văn Phong"),
        "{err}"
    );
    let err = one_line_error(vnsearch(dir.path()).args(["search", "--person", "Tô Lịch"]));
    assert!(err.contains("no person named"), "{err}");
}

#[test]
fn issue3_persons_lists_people_not_places() {
    let dir = seeds();
    index(dir.path());
    let persons = json_lines(dir.path(), &["persons"]);
    let names: Vec<&str> = persons
        .iter()
        .map(|p| p["name"].as_str().unwrap())
        .collect();
    for person in [
        "Tô Lâm",
        "Bùi Thị Minh Hoài",
        "Nguyễn Văn Phong",
        "Trần Sỹ Thanh",
        "Trần Cẩm Tú",
        "Phùng Thị Hồng Hà",
    ] {
        assert!(names.contains(&person), "{person} in {names:?}");
    }
    for place in [
        "Hà Nội",
        "Tô Lịch",
        "Hồng Hà",
        "Trần Hưng Đạo",
        "Văn Cao",
        "Nam Thăng Long",
    ] {
        assert!(
            !names.contains(&place),
            "{place} is not a person: {names:?}"
        );
    }
    let phong = persons
        .iter()
        .find(|p| p["name"] == "Nguyễn Văn Phong")
        .unwrap();
    assert!(phong["articles"].as_u64().unwrap() >= 3);
    assert!(phong["roles"]
        .as_array()
        .unwrap()
        .iter()
        .any(|r| r.as_str().unwrap().contains("Phó Bí thư")));
}

#[test]
fn issue3_keywords_person_and_doc_combine() {
    let dir = seeds();
    index(dir.path());
    let hits = search_json(dir.path(), &["chuyển đổi số", "--person", "Tô Lâm"]);
    assert!(!hits.is_empty());
    for text in texts(&hits) {
        assert!(
            text.contains("Tô Lâm") && text.contains("chuyển đổi số"),
            "{text}"
        );
    }
    let hits = search_json(
        dir.path(),
        &["--doc", "24-CT/TU", "--person", "Nguyễn Thị Tuyến"],
    );
    for hit in &hits {
        assert!(hit["docs"]
            .as_array()
            .unwrap()
            .iter()
            .any(|d| d == "24-CT/TU"));
    }
}

#[test]
fn bare_references_count_only_when_the_number_is_unambiguous() {
    let full = r#"{"id":"a","title":"A","summary":"Bộ Chính trị ban hành Nghị quyết số 57-NQ/TW về đột phá phát triển khoa học."}"#;
    let bare = r#"{"id":"b","title":"B","summary":"Các tỉnh triển khai Nghị quyết 57 về khoa học công nghệ và chuyển đổi số."}"#;
    let other = r#"{"id":"c","title":"C","summary":"Chính phủ ban hành Nghị quyết số 57/NQ-CP về cải cách thủ tục hành chính."}"#;
    let dir = corpus_of(&[("f.jsonl", &format!("{full}\n{bare}\n"))]);
    index(dir.path());
    let hits = search_json(dir.path(), &["--doc", "57-nq/tw"]);
    let ids: Vec<&str> = hits
        .iter()
        .map(|h| h["article"].as_str().unwrap())
        .collect();
    assert_eq!(
        ids,
        ["f.jsonl#a", "f.jsonl#b"],
        "full citation first, bare reference after"
    );
    assert_eq!(highlighted(&hits[1]), ["Nghị quyết 57"]);

    let dir = corpus_of(&[("f.jsonl", &format!("{full}\n{bare}\n{other}\n"))]);
    index(dir.path());
    let hits = search_json(dir.path(), &["--doc", "57-nq/tw"]);
    let ids: Vec<&str> = hits
        .iter()
        .map(|h| h["article"].as_str().unwrap())
        .collect();
    assert_eq!(
        ids,
        ["f.jsonl#a"],
        "two documents numbered 57: a bare reference is ambiguous"
    );
}
