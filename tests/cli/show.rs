//! `vnsearch show`: an article's passages, numbered as search reports them.

use super::util::*;

#[test]
fn show_numbers_passages_as_search_reports_them() {
    let dir = seeds();
    index(dir.path());
    let hits = search_json(dir.path(), &["Kế hoạch số 341-KH/TU", "-n", "3"]);
    for hit in &hits {
        let article = hit["article"].as_str().unwrap();
        let output = vnsearch(dir.path())
            .args(["show", article, "--json"])
            .output()
            .unwrap();
        let shown: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
        let passage = shown["passages"]
            .as_array()
            .unwrap()
            .iter()
            .find(|p| p["passage"] == hit["passage"])
            .unwrap();
        assert_eq!(passage["text"], hit["text"]);
        assert_eq!(shown["title"], hit["title"]);
    }
}

#[test]
fn show_prints_title_then_numbered_passages() {
    let dir = corpus_of(&[("a.json", "{\"title\":\"Tiêu đề\",\"body\":\"Đoạn một có đủ nhiều chữ để là một đoạn văn riêng của bài báo này.\\nĐoạn hai cũng có đủ nhiều chữ để là một đoạn văn riêng của bài báo này.\"}")]);
    index(dir.path());
    let output = vnsearch(dir.path())
        .args(["show", "a.json"])
        .output()
        .unwrap();
    assert_eq!(
        String::from_utf8(output.stdout).unwrap(),
        "Tiêu đề\na.json\n\n#1\n    Đoạn một có đủ nhiều chữ để là một đoạn văn riêng của bài báo này.\n\n#2\n    Đoạn hai cũng có đủ nhiều chữ để là một đoạn văn riêng của bài báo này.\n"
    );
}

#[test]
fn show_unknown_article_is_one_clear_error() {
    let dir = seeds();
    index(dir.path());
    let err = one_line_error(vnsearch(dir.path()).args(["show", "nope.txt"]));
    assert!(err.contains("no article \"nope.txt\""), "{err}");
}
