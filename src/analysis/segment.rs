//! Splits text into words (Vietnamese syllables, numbers) with byte ranges into the text as written.
//!
//! Word boundaries come from Unicode's rules (UAX #29, crate `unicode-segmentation`), which keep a
//! letter and its combining marks together, so NFD text ("Hà" written as `a` + U+0300) is one
//! word, and keep "16.765" or "7,63" whole. Inside such a word we still split at punctuation
//! between letters ("T.Ư", "HĐND-UBND"), because users type those parts on their own.

use std::ops::Range;

use unicode_normalization::char::is_combining_mark;
use unicode_segmentation::UnicodeSegmentation;

/// Words longer than this many letters (URLs, base64, run-together junk) are not indexed.
/// Combining marks do not count, so a word is kept or dropped alike in NFC and NFD.
pub const MAX_WORD_LETTERS: usize = 40;

/// The byte ranges of the words of `text`, in order.
pub fn word_ranges(text: &str) -> Vec<Range<usize>> {
    let mut ranges = Vec::new();
    for (start, segment) in text.split_word_bound_indices() {
        if segment.chars().any(char::is_alphanumeric) {
            split_inner_punctuation(segment, start, &mut ranges);
        }
    }
    ranges
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || is_mark(c)
}

/// Whether `c` is a combining mark. Below U+0300 and in U+1E00–U+1FFF (where the precomposed
/// Vietnamese letters are) there are none, so most letters are answered without the table.
pub fn is_mark(c: char) -> bool {
    let code = u32::from(c);
    code >= 0x300 && !(0x1E00..0x2000).contains(&code) && is_combining_mark(c)
}

/// Splits one UAX #29 word at punctuation, except a `.` or `,` between two digits.
fn split_inner_punctuation(segment: &str, offset: usize, out: &mut Vec<Range<usize>>) {
    let chars: Vec<(usize, char)> = segment.char_indices().collect();
    let mut start: Option<usize> = None;
    for (i, &(at, c)) in chars.iter().enumerate() {
        let keep = is_word_char(c) || (start.is_some() && is_digit_separator(&chars, i));
        match (keep, start) {
            (true, None) => start = Some(at),
            (false, Some(from)) => {
                push_word(&segment[from..at], offset + from, out);
                start = None;
            }
            _ => {}
        }
    }
    if let Some(from) = start {
        push_word(&segment[from..], offset + from, out);
    }
}

fn is_digit_separator(chars: &[(usize, char)], i: usize) -> bool {
    let is_digit_at = |j: usize| chars.get(j).is_some_and(|&(_, c)| c.is_ascii_digit());
    matches!(chars[i].1, '.' | ',') && i > 0 && is_digit_at(i - 1) && is_digit_at(i + 1)
}

/// Length in letters as a reader sees them: chars other than combining marks, so NFC and NFD
/// spellings of a text have the same length.
pub fn letter_count(text: &str) -> usize {
    if text.is_ascii() {
        return text.len();
    }
    text.chars().filter(|&c| !is_mark(c)).count()
}

fn push_word(word: &str, from: usize, out: &mut Vec<Range<usize>>) {
    let letters = letter_count(word);
    if letters > 0 && letters <= MAX_WORD_LETTERS {
        out.push(from..from + word.len());
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn letters_of_vietnamese_in_nfc_and_nfd_agree(text in "[a-zđĐàáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵ ,.–…“”]{0,40}") {
            use unicode_normalization::UnicodeNormalization;
            let nfd: String = text.nfd().collect();
            prop_assert_eq!(letter_count(&text), text.chars().count());
            prop_assert_eq!(letter_count(&nfd), letter_count(&text));
        }
    }

    #[test]
    fn is_mark_agrees_with_the_table() {
        for c in (0..0x3_0000).filter_map(char::from_u32) {
            assert_eq!(is_mark(c), is_combining_mark(c), "U+{:04X}", u32::from(c));
        }
    }

    fn assert_words(text: &str, expected: &[&str]) {
        let words: Vec<&str> = word_ranges(text).into_iter().map(|r| &text[r]).collect();
        assert_eq!(words, expected, "words of {text:?}");
    }

    #[test]
    fn splits_syllables_at_spaces_and_punctuation() {
        assert_words(
            "Tổng Bí thư Tô Lâm nhấn mạnh, với sự chỉ đạo…",
            &[
                "Tổng", "Bí", "thư", "Tô", "Lâm", "nhấn", "mạnh", "với", "sự", "chỉ", "đạo",
            ],
        );
    }

    #[test]
    fn keeps_nfd_letters_with_their_marks() {
        let nfd = "Tu\u{31b}\u{301}o\u{31b}ng Ha\u{300}";
        assert_words(nfd, &["Tu\u{31b}\u{301}o\u{31b}ng", "Ha\u{300}"]);
    }

    #[test]
    fn keeps_numbers_whole_but_splits_codes() {
        assert_words(
            "16.765/16.765 chi bộ, tăng 7,63% theo 341-KH/TU",
            &[
                "16.765", "16.765", "chi", "bộ", "tăng", "7,63", "theo", "341", "KH", "TU",
            ],
        );
        assert_words("T.Ư Đảng, HĐND-UBND", &["T", "Ư", "Đảng", "HĐND", "UBND"]);
    }

    #[test]
    fn skips_overlong_junk() {
        let junk = "x".repeat(MAX_WORD_LETTERS + 1);
        assert_words(&format!("a {junk} b"), &["a", "b"]);
    }

    #[test]
    fn ranges_point_into_the_original_text() {
        let text = "“Kỷ cương” – HÐND";
        for range in word_ranges(text) {
            assert!(text.is_char_boundary(range.start) && text.is_char_boundary(range.end));
        }
        assert_words(text, &["Kỷ", "cương", "HÐND"]);
    }
}
