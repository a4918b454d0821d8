//! Renders hits and articles as JSON: one object per hit per line (JSON Lines), so scripts can
//! stream them; highlights are byte ranges into `text`.

use std::io::{self, Write};

use serde::Serialize;

/// Writes `value` as one line of JSON.
pub fn line<T: Serialize>(out: &mut dyn Write, value: &T) -> io::Result<()> {
    serde_json::to_writer(&mut *out, value).map_err(io::Error::other)?;
    writeln!(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::Hit;

    #[test]
    fn a_hit_is_one_line_with_the_contract_fields() {
        let hit = Hit {
            rank: 1,
            score: 2.0,
            article: "a.jsonl#x".into(),
            passage: 1,
            title: "T".into(),
            text: "Hà Nội".into(),
            highlights: std::iter::once(0..3).collect(),
            title_highlights: vec![],
            date: None,
            source: Some("S".into()),
            url: None,
            persons: vec!["Tô Lâm".into()],
            docs: vec!["57-NQ/TW".into()],
            topics: vec!["chuyen-doi-so".into()],
        };
        let mut out = Vec::new();
        line(&mut out, &hit).unwrap();
        let text = String::from_utf8(out).unwrap();
        assert_eq!(text.lines().count(), 1);
        let value: serde_json::Value = serde_json::from_str(&text).unwrap();
        for key in [
            "rank",
            "score",
            "article",
            "passage",
            "title",
            "text",
            "highlights",
            "date",
            "source",
            "persons",
            "docs",
            "topics",
        ] {
            assert!(value.get(key).is_some(), "missing {key}");
        }
        assert_eq!(value["highlights"], serde_json::json!([[0, 3]]));
    }
}
