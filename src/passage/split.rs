//! Cuts a long paragraph at sentence boundaries ([`sentences`]) into chunks of a few
//! sentences, and a run-on sentence at spaces, never inside a word.

use unicode_segmentation::UnicodeSegmentation;

use super::sentence::sentences;
use crate::analysis::segment::letter_count;

// Lengths count letters as a reader sees them (combining marks excluded), so NFD and NFC
// text are cut at the same places.

/// A paragraph up to this many letters stays one passage.
pub const MAX_CHARS: usize = 900;
/// Chunks of a long paragraph aim at about this many letters (3-5 Vietnamese sentences).
pub const TARGET_CHARS: usize = 500;
/// A last chunk smaller than this joins the one before it.
const MIN_TAIL: usize = 150;

/// `text` as one passage, or cut into several when longer than [`MAX_CHARS`].
pub fn split_long(text: &str) -> Vec<String> {
    let text = text.trim();
    // A letter takes at least one byte: a text this short in bytes is short in letters.
    if text.len() <= MAX_CHARS {
        return vec![text.to_string()];
    }
    let letters = letter_count(text);
    if letters <= MAX_CHARS {
        return vec![text.to_string()];
    }
    // Without combining marks (NFC text), every piece's letters are its characters, which std
    // counts a word of bytes at a time.
    let count: fn(&str) -> usize = if letters == text.chars().count() {
        |piece| piece.chars().count()
    } else {
        letter_count
    };
    let mut chunks: Vec<&str> = Vec::new();
    let mut start = 0;
    let mut end = 0;
    let mut chunk_len = 0;
    for (at, piece, piece_len) in pieces(text, count) {
        if end > start && chunk_len + piece_len > TARGET_CHARS {
            chunks.push(&text[start..end]);
            start = at;
            chunk_len = 0;
        }
        end = at + piece.len();
        chunk_len += piece_len;
    }
    chunks.push(&text[start..]);
    merge_small_tail(text, &mut chunks);
    chunks.into_iter().map(|c| c.trim().to_string()).collect()
}

/// Sentences, with any sentence longer than the target cut further at spaces; each with where
/// it starts and its length in letters, as `count` counts them.
fn pieces(text: &str, count: fn(&str) -> usize) -> Vec<(usize, &str, usize)> {
    let mut out = Vec::new();
    for (at, sentence) in sentences(text) {
        let letters = count(sentence);
        if letters <= TARGET_CHARS {
            out.push((at, sentence, letters));
        } else {
            out.extend(
                sentence
                    .split_word_bound_indices()
                    .map(|(i, w)| (at + i, w, count(w))),
            );
        }
    }
    out
}

fn merge_small_tail<'a>(text: &'a str, chunks: &mut Vec<&'a str>) {
    if chunks.len() < 2 || letter_count(chunks[chunks.len() - 1]) >= MIN_TAIL {
        return;
    }
    let (Some(last), Some(previous)) = (chunks.pop(), chunks.pop()) else {
        return;
    };
    let from = previous.as_ptr() as usize - text.as_ptr() as usize;
    let to = last.as_ptr() as usize - text.as_ptr() as usize + last.len();
    chunks.push(&text[from..to]);
}

#[cfg(test)]
mod tests {
    use super::*;

    const SENTENCE: &str = "Thành phố quyết liệt triển khai các nghị quyết chiến lược, kết luận của Trung ương, Bộ Chính trị trong thời gian gần đây.";

    fn assert_cut(text: &str) -> Vec<String> {
        let chunks = split_long(text);
        for chunk in &chunks {
            assert!(
                letter_count(chunk) <= MAX_CHARS,
                "chunk too long: {}",
                chunk.len()
            );
            assert!(!chunk.is_empty());
        }
        let words: Vec<&str> = text.split_whitespace().collect();
        let rejoined = chunks.join(" ");
        assert_eq!(
            rejoined.split_whitespace().collect::<Vec<_>>(),
            words,
            "no word lost or cut"
        );
        chunks
    }

    #[test]
    fn short_text_is_one_passage() {
        assert_eq!(assert_cut(SENTENCE), [SENTENCE]);
    }

    #[test]
    fn long_text_is_cut_between_sentences() {
        let text = [SENTENCE; 20].join(" ");
        let chunks = assert_cut(&text);
        assert!(chunks.len() > 3);
        for chunk in &chunks {
            assert!(
                chunk.starts_with("Thành phố") && chunk.ends_with("gần đây."),
                "{chunk}"
            );
        }
    }

    #[test]
    fn nfd_text_is_cut_where_nfc_text_is() {
        use unicode_normalization::UnicodeNormalization;
        let nfc = [SENTENCE; 20].join(" ");
        let nfd: String = nfc.nfd().collect();
        let recomposed: Vec<String> = assert_cut(&nfd).iter().map(|c| c.nfc().collect()).collect();
        assert_eq!(recomposed, assert_cut(&nfc));
    }

    #[test]
    fn nfd_text_counts_its_letters_not_its_marks() {
        use unicode_normalization::UnicodeNormalization;
        let nfd: String = [SENTENCE; 7].join(" ").nfd().collect();
        assert!(nfd.chars().count() > MAX_CHARS && letter_count(&nfd) <= MAX_CHARS);
        assert_eq!(assert_cut(&nfd), [nfd.as_str()]);
    }

    #[test]
    fn a_run_on_sentence_is_cut_at_spaces() {
        let text = "chuyển đổi số ".repeat(200);
        let chunks = assert_cut(&text);
        assert!(chunks.len() > 3);
    }
}
