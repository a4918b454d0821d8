//! Article → passages, the unit of search: a paragraph is a passage; a tiny line (a caption, a
//! subheading) joins the passage after it; a long paragraph, or a whole body on one line, is cut
//! at sentence boundaries into passages of a few sentences.

mod sentence;
mod split;

use unicode_segmentation::UnicodeSegmentation;

use crate::corpus::Article;

pub use split::{split_long, MAX_CHARS, TARGET_CHARS};

use crate::analysis::segment::letter_count;

/// A paragraph with fewer words than this is a caption or subheading, not a passage of its own.
pub const MIN_WORDS: usize = 12;

/// The passages of `article`, in reading order; passage `n` of the article is `passages[n - 1]`.
/// An article with no text but a title gets its title as its one passage.
pub fn passages(article: &Article) -> Vec<String> {
    let mut passages = Vec::new();
    let mut pending: Vec<&str> = Vec::new();
    for paragraph in article.paragraphs.iter().map(|p| p.trim()) {
        if paragraph.is_empty() {
            continue;
        }
        pending.push(paragraph);
        if has_words(paragraph, MIN_WORDS) {
            passages.extend(split_long(&pending.join("\n")));
            pending.clear();
        }
    }
    if !pending.is_empty() {
        let tail = pending.join("\n");
        match passages.last_mut() {
            Some(last) if letter_count(last) + letter_count(&tail) < MAX_CHARS => {
                last.push('\n');
                last.push_str(&tail);
            }
            _ => passages.extend(split_long(&tail)),
        }
    }
    if passages.is_empty() && !article.title.trim().is_empty() {
        passages.push(article.title.trim().to_string());
    }
    passages
}

/// Whether `text` has at least `count` words (counting stops there).
fn has_words(text: &str, count: usize) -> bool {
    count == 0 || text.unicode_words().nth(count - 1).is_some()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn article(paragraphs: &[&str]) -> Article {
        Article {
            title: "Tiêu đề".into(),
            paragraphs: paragraphs.iter().map(|p| p.to_string()).collect(),
            ..Article::default()
        }
    }

    const LONG: &str = "Ban Thường vụ Thành ủy đã ban hành Kế hoạch số 341-KH/TU, ngày 12/6/2025 để vận hành thử nghiệm mô hình chính quyền địa phương 2 cấp.";

    #[test]
    fn a_paragraph_is_a_passage_and_captions_join_the_next() {
        let got = passages(&article(&["Quang cảnh hội nghị.", LONG, "", LONG]));
        assert_eq!(
            got,
            [format!("Quang cảnh hội nghị.\n{LONG}"), LONG.to_string()]
        );
    }

    #[test]
    fn trailing_captions_join_the_last_passage() {
        let got = passages(&article(&[LONG, "Hoàng Phúc"]));
        assert_eq!(got, [format!("{LONG}\nHoàng Phúc")]);
    }

    #[test]
    fn short_texts_still_make_a_passage_and_empty_ones_use_the_title() {
        assert_eq!(
            passages(&article(&["Giá vàng tăng mạnh."])),
            ["Giá vàng tăng mạnh."]
        );
        assert_eq!(passages(&article(&[])), ["Tiêu đề"]);
    }

    #[test]
    fn a_body_on_one_line_is_cut_into_several_passages() {
        let body = [LONG; 12].join(" ");
        let got = passages(&article(&[&body]));
        assert!(got.len() >= 3, "{got:?}");
        assert_eq!(got.join(" "), body);
    }
}
