//! JSON article records (`.json`, `.jsonl`, `.ndjson`, gzip too) → [`Article`].
//!
//! Field names vary between feeds, so a record is read leniently from a JSON object: the first
//! present of each field's aliases wins, numbers are accepted as ids, other fields are ignored.

use serde_json::{Map, Value};

use super::Article;

const ID: &[&str] = &["id"];
const TITLE: &[&str] = &["title"];
const SUMMARY: &[&str] = &["summary", "sapo", "abstract", "description"];
const BODY: &[&str] = &["body", "content", "text"];
const URL: &[&str] = &["url"];
const SOURCE: &[&str] = &["source"];
const PUBLISHED: &[&str] = &["published", "date", "published_at"];
const CATEGORY: &[&str] = &["category"];

/// Reads one record. `file_id` is the file's relative path; `position` (1-based line number or
/// array index) names the record when it has no `id`. Errors describe what is wrong.
pub fn article_from_value(value: Value, file_id: &str, position: usize) -> Result<Article, String> {
    let Value::Object(record) = value else {
        return Err(format!("record {position} is not a JSON object"));
    };
    let key = field(&record, ID).unwrap_or_else(|| position.to_string());
    Ok(article_from_record(&record, format!("{file_id}#{key}")))
}

/// Reads a record that is the only article of its file: the id is the file's path.
pub fn single_article_from_value(value: Value, file_id: &str) -> Result<Article, String> {
    let Value::Object(record) = value else {
        return Err("expected a JSON object or an array of objects".to_string());
    };
    Ok(article_from_record(&record, file_id.to_string()))
}

fn article_from_record(record: &Map<String, Value>, id: String) -> Article {
    let mut paragraphs = Vec::new();
    paragraphs.extend(field(record, SUMMARY));
    if let Some(body) = field(record, BODY) {
        paragraphs.extend(split_paragraphs(&body));
    }
    Article {
        id,
        title: field(record, TITLE).unwrap_or_default(),
        date: field(record, PUBLISHED),
        source: field(record, SOURCE),
        url: field(record, URL),
        category: field(record, CATEGORY),
        paragraphs,
    }
}

/// The first non-empty value among `names`, as trimmed text.
fn field(record: &Map<String, Value>, names: &[&str]) -> Option<String> {
    names.iter().find_map(|name| match record.get(*name)? {
        Value::String(s) if !s.trim().is_empty() => Some(s.trim().to_string()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    })
}

fn split_paragraphs(body: &str) -> impl Iterator<Item = String> + '_ {
    body.lines()
        .map(str::trim)
        .filter(|line| !line.is_empty())
        .map(str::to_string)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn read(value: Value) -> Article {
        article_from_value(value, "feed.jsonl", 7).unwrap()
    }

    #[test]
    fn reads_fields_and_aliases() {
        let article = read(json!({
            "id": "abc", "title": " Hà Nội ", "sapo": "Tóm tắt.", "content": "Đoạn 1.\n\nĐoạn 2.",
            "published_at": "2025-08-07T22:00:00+07:00", "source": "VnExpress", "extra": 1
        }));
        assert_eq!(article.id, "feed.jsonl#abc");
        assert_eq!(article.title, "Hà Nội");
        assert_eq!(article.paragraphs, ["Tóm tắt.", "Đoạn 1.", "Đoạn 2."]);
        assert_eq!(article.date.as_deref(), Some("2025-08-07T22:00:00+07:00"));
        assert_eq!(article.source.as_deref(), Some("VnExpress"));
    }

    #[test]
    fn numeric_ids_and_missing_ids() {
        assert_eq!(
            read(json!({"id": 21395276, "title": "x"})).id,
            "feed.jsonl#21395276"
        );
        assert_eq!(read(json!({"title": "x"})).id, "feed.jsonl#7");
        assert_eq!(read(json!({"id": "", "title": "x"})).id, "feed.jsonl#7");
    }

    #[test]
    fn first_present_alias_wins_and_wrong_types_are_ignored() {
        let article =
            read(json!({"summary": "", "description": "Mô tả", "title": 3, "body": null}));
        assert_eq!(article.paragraphs, ["Mô tả"]);
        assert_eq!(article.title, "3");
    }

    #[test]
    fn non_objects_are_errors() {
        assert!(article_from_value(json!([1, 2]), "f.jsonl", 3).is_err());
        assert!(single_article_from_value(json!("text"), "f.json").is_err());
    }
}
