//! Sentence boundaries by the rules of UAX #29 that news text exercises, in one cheap pass: a
//! sentence ends after a newline, or after `.`, `!` or `?` with any closing quotes or brackets
//! and spaces after them, unless the text goes on in lower case, with a digit or a capital
//! right after a full stop ("7.63", "TP.HCM"), or with a comma-like mark.

/// The sentences of `text`, each with its byte offset, spaces and one newline after it
/// included; together they are the whole text.
pub fn sentences(text: &str) -> impl Iterator<Item = (usize, &str)> {
    let mut start = 0;
    std::iter::from_fn(move || {
        if start >= text.len() {
            return None;
        }
        let end = sentence_end(text, start);
        let sentence = (start, &text[start..end]);
        start = end;
        Some(sentence)
    })
}

/// Where the sentence starting at `from` ends (a byte offset after `from`). Only a newline or a
/// terminator can end one, so the text is searched for their bytes (the first byte of a
/// newline outside ASCII, U+0085, U+2028 and U+2029, is 0xC2 or 0xE2), not read character by
/// character.
fn sentence_end(text: &str, from: usize) -> usize {
    let bytes = text.as_bytes();
    let mut at = from;
    while let Some(found) = bytes
        .get(at..)
        .and_then(|rest| rest.iter().position(may_end))
    {
        let at_candidate = at + found;
        let Some(c) = text
            .get(at_candidate..)
            .and_then(|rest| rest.chars().next())
        else {
            break;
        };
        if is_paragraph_separator(c) {
            return after_newline(text, at_candidate, c);
        }
        if let Some(full_stop) = terminator(c) {
            let previous = text[from..at_candidate]
                .chars()
                .rev()
                .find(|&c| !is_ignored(c));
            if let Some(end) = end_after_terminator(text, at_candidate, full_stop, previous) {
                return end;
            }
        }
        at = at_candidate + c.len_utf8();
    }
    text.len()
}

/// Whether a byte may start a character that ends a sentence (see [`sentence_end`]).
fn may_end(byte: &u8) -> bool {
    matches!(byte, b'.' | b'!' | b'?' | b'\n' | b'\r' | 0xC2 | 0xE2)
}

/// The end of a sentence whose newline `c` is at `at` (CR LF counts as one).
fn after_newline(text: &str, at: usize, c: char) -> usize {
    let end = at + c.len_utf8();
    if c == '\r' && text[end..].starts_with('\n') {
        end + 1
    } else {
        end
    }
}

/// Some(true) for a full stop, Some(false) for `!` and `?`, None for other characters.
fn terminator(c: char) -> Option<bool> {
    match c {
        '.' => Some(true),
        '!' | '?' => Some(false),
        _ => None,
    }
}

/// The end of the sentence if the terminator at `at` ends it; `previous` is the character
/// before it.
fn end_after_terminator(
    text: &str,
    at: usize,
    full_stop: bool,
    previous: Option<char>,
) -> Option<usize> {
    let rest = &text[at + 1..];
    let next = rest.chars().find(|&c| !is_ignored(c));
    if let Some(next) = next {
        if terminator(next).is_some() {
            // "...", "?!": the last one decides.
            return None;
        }
        if full_stop && next.is_ascii_digit() {
            return None;
        }
        if full_stop && next.is_uppercase() && previous.is_some_and(is_cased) {
            return None;
        }
    }
    let end = skip(text, skip(text, at + 1, is_close), is_space);
    let after = &text[end..];
    if full_stop && goes_on_in_lower_case(after) {
        return None;
    }
    match after.chars().find(|&c| !is_ignored(c)) {
        Some(c) if is_continuation(c) || terminator(c).is_some() => None,
        Some(c) if is_paragraph_separator(c) => Some(after_newline(text, end, c)),
        _ => Some(end),
    }
}

/// `from` moved past the run of characters of `text` that `kind` accepts (and the marks on them).
fn skip(text: &str, from: usize, kind: fn(char) -> bool) -> usize {
    let run: usize = text[from..]
        .chars()
        .take_while(|&c| kind(c) || is_ignored(c))
        .map(char::len_utf8)
        .sum();
    from + run
}

/// Whether the first letter of `text`, before any newline or terminator, is lower case.
fn goes_on_in_lower_case(text: &str) -> bool {
    text.chars()
        .find(|&c| c.is_alphabetic() || is_paragraph_separator(c) || terminator(c).is_some())
        .is_some_and(char::is_lowercase)
}

fn is_cased(c: char) -> bool {
    c.is_uppercase() || c.is_lowercase()
}

fn is_paragraph_separator(c: char) -> bool {
    matches!(c, '\n' | '\r' | '\u{85}' | '\u{2028}' | '\u{2029}')
}

fn is_space(c: char) -> bool {
    c.is_whitespace() && !is_paragraph_separator(c)
}

/// Quotes and brackets, opening or closing, that may follow a terminator.
fn is_close(c: char) -> bool {
    matches!(
        c,
        '"' | '\'' | '(' | ')' | '[' | ']' | '{' | '}' | '«' | '»' | '‘' | '’' | '“' | '”' | '„'
    )
}

/// Marks after which a sentence goes on: `, ; : -` and the dashes.
fn is_continuation(c: char) -> bool {
    matches!(c, ',' | ';' | ':' | '-' | '–' | '—' | '，' | '；' | '：')
}

/// Combining marks and format characters, which belong to the character before them.
fn is_ignored(c: char) -> bool {
    crate::analysis::segment::is_mark(c) || matches!(c, '\u{ad}' | '\u{200c}'..='\u{200f}')
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use unicode_segmentation::UnicodeSegmentation;

    fn split(text: &str) -> Vec<&str> {
        sentences(text).map(|(_, s)| s).collect()
    }

    #[test]
    fn cuts_after_terminators_and_keeps_spaces_and_quotes() {
        assert_eq!(
            split("Ông nói: “Tôi đồng ý.” Bà hỏi: Vì sao? Không ai trả lời!"),
            [
                "Ông nói: “Tôi đồng ý.” ",
                "Bà hỏi: Vì sao? ",
                "Không ai trả lời!"
            ]
        );
        assert_eq!(
            split("Dòng một\nDòng hai\r\nBa"),
            ["Dòng một\n", "Dòng hai\r\n", "Ba"]
        );
    }

    #[test]
    fn does_not_cut_numbers_abbreviations_or_lower_case() {
        for text in [
            "Tăng 7,63% lên 16.765 chi bộ tại TP.HCM và Q.1 hôm nay.",
            "Theo Nghị quyết số 57-NQ/TW. và các văn bản khác.",
            "Đạt 3. 5 người khác.",
            "Xem trang v.v... rồi tính, tiếp.",
        ] {
            assert_eq!(split(text), [text], "{text:?}");
        }
    }

    #[test]
    fn offsets_cover_the_text() {
        let text = "Một. Hai! Ba? Bốn\nNăm.";
        let mut expected = 0;
        for (at, sentence) in sentences(text) {
            assert_eq!(at, expected);
            expected += sentence.len();
        }
        assert_eq!(expected, text.len());
        assert_eq!(sentences("").count(), 0);
    }

    proptest! {
        /// On the letters, digits, spaces and punctuation of news text, the cuts are those of
        /// UAX #29 (unicode-segmentation).
        #[test]
        fn agrees_with_uax29(text in "([A-Za-zĐđÂâÊêÔôƠơƯưÀàẾếỆệỌọ0-9]{1,6}|[ \u{a0}]{1,2}|[.!?,;:\n\r\"“”()\\-…’»«\t\\[\\]\u{ad}\u{300}²中–—/%]|\\.\\.\\.){0,40}") {
            let ours = split(&text);
            let uax: Vec<&str> = text.split_sentence_bounds().collect();
            prop_assert_eq!(ours, uax);
        }
    }
}
