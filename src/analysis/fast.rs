//! The common case of analysis at table speed: text whose letters are ASCII or precomposed
//! Vietnamese letters (most articles). It gives exactly the words of the general path — a
//! property test holds the two equal — and declines any other text (NFD marks, other scripts,
//! other accented letters), which the general path then takes.
//!
//! Why the two agree: among these letters and digits the Unicode word rules never break
//! between two word characters, and the general path then splits its words at every other
//! character but a `.` or `,` between ASCII digits; precomposed letters are NFC already, so
//! normalizing a word is lower-casing it (Ð read as Đ) and placing its tone mark.

use std::borrow::Cow;
use std::ops::Range;
use std::sync::LazyLock;

use compact_str::CompactString;
use unicode_normalization::char::is_combining_mark;

use super::normalize::then;
use super::segment::MAX_WORD_LETTERS;
use super::{fold, tone, Word};

/// What one character is to the fast path.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Class {
    /// Part of a word: its lower-case form and its folded (plain ASCII) form.
    Letter(char, char),
    /// Between words.
    Separator,
    /// Not for the fast path.
    Decline,
}

/// The characters whose class is in [`TABLE`]: Latin up to Latin Extended-B (the Vietnamese
/// letters outside Latin Extended Additional are there), then Latin Extended Additional (the
/// other Vietnamese letters) through general punctuation. The scripts between are classified
/// when met: building their entries would cost every process a few milliseconds at start
/// (Unicode's alphanumeric look-up is slow), for characters a Vietnamese text rarely holds.
const LOW: Range<u32> = 0..0x250;
const HIGH: Range<u32> = 0x1E00..0x2070;

static TABLE: LazyLock<Vec<Class>> = LazyLock::new(|| {
    LOW.chain(HIGH)
        .map(|code| char::from_u32(code).map_or(Class::Decline, classify))
        .collect()
});

/// Where `c`'s class is in [`TABLE`], if it is there.
fn slot(c: char) -> Option<usize> {
    let code = u32::from(c);
    let at = if code < LOW.end {
        code
    } else if HIGH.contains(&code) {
        LOW.end + (code - HIGH.start)
    } else {
        return None;
    };
    usize::try_from(at).ok()
}

/// The class of `c`, from first principles (the table is built with it).
fn classify(c: char) -> Class {
    if c.is_ascii() {
        return if c.is_ascii_alphanumeric() {
            Class::Letter(c.to_ascii_lowercase(), c.to_ascii_lowercase())
        } else {
            Class::Separator
        };
    }
    if is_vietnamese_letter(c) {
        let mut lower = c.to_lowercase();
        if let (Some(lower), None) = (lower.next(), lower.next()) {
            let lower = if lower == 'ð' { 'đ' } else { lower };
            let folded = fold::fold(lower.encode_utf8(&mut [0; 4])).into_owned();
            let mut plain = folded.chars();
            if let (Some(plain), None) = (plain.next(), plain.next()) {
                if plain.is_ascii_alphabetic() {
                    return Class::Letter(lower, plain);
                }
            }
        }
        return Class::Decline;
    }
    if c.is_alphanumeric() || is_combining_mark(c) {
        Class::Decline
    } else {
        Class::Separator
    }
}

/// The precomposed letters of Vietnamese, both cases, and the Eth some pages type for Đ.
fn is_vietnamese_letter(c: char) -> bool {
    matches!(
        c,
        'À' | 'Á'
            | 'Â'
            | 'Ã'
            | 'È'
            | 'É'
            | 'Ê'
            | 'Ì'
            | 'Í'
            | 'Ò'
            | 'Ó'
            | 'Ô'
            | 'Õ'
            | 'Ù'
            | 'Ú'
            | 'Ý'
            | 'à'
            | 'á'
            | 'â'
            | 'ã'
            | 'è'
            | 'é'
            | 'ê'
            | 'ì'
            | 'í'
            | 'ò'
            | 'ó'
            | 'ô'
            | 'õ'
            | 'ù'
            | 'ú'
            | 'ý'
            | 'Ă'
            | 'ă'
            | 'Đ'
            | 'đ'
            | 'Ð'
            | 'ð'
            | 'Ĩ'
            | 'ĩ'
            | 'Ũ'
            | 'ũ'
            | 'Ơ'
            | 'ơ'
            | 'Ư'
            | 'ư'
            | '\u{1EA0}'..='\u{1EF9}'
    )
}

/// The class of `c` in `table` ([`TABLE`], which a loop reads once, not once a character).
fn class_in(table: &[Class], c: char) -> Class {
    match slot(c).and_then(|at| table.get(at)) {
        Some(&class) => class,
        None if c.is_alphanumeric() || is_combining_mark(c) => Class::Decline,
        None => Class::Separator,
    }
}

/// `word` lower-cased (Ð read as Đ) with its tone mark placed, borrowed when already so;
/// `None` when it has a character other than ASCII and the precomposed Vietnamese letters.
/// Such a word is NFC already.
pub fn normalize_word(word: &str) -> Option<Cow<'_, str>> {
    let table: &[Class] = &TABLE;
    let mut changed = false;
    // Vowels in a row so far, and whether two ever were: see [`tone::may_move`].
    let mut vowels = 0;
    let mut may_move = false;
    for c in word.chars() {
        match class_in(table, c) {
            Class::Letter(lower, plain) => {
                changed |= lower != c;
                vowels = if tone::is_folded_vowel(plain) {
                    vowels + 1
                } else {
                    0
                };
                may_move |= vowels >= 2;
            }
            _ if c.is_ascii() => vowels = 0,
            _ => return None,
        }
    }
    let lowered = if changed {
        let mut lowered = String::with_capacity(word.len());
        for c in word.chars() {
            lowered.push(match class_in(table, c) {
                Class::Letter(lower, _) => lower,
                _ => c,
            });
        }
        Cow::Owned(lowered)
    } else {
        Cow::Borrowed(word)
    };
    if !may_move {
        return Some(lowered);
    }
    Some(then(lowered, tone::canonical_tone))
}

/// The words of `text`, or `None` when it is not for the fast path.
pub fn analyze(text: &str) -> Option<Vec<Word>> {
    // News text has a word every 6 bytes or so: room for most texts' words at once.
    let mut words = Vec::with_capacity(text.len() / 4);
    let taken = scan(text, |range, lower, folded| {
        words.push(Word {
            range,
            accented: if tone::may_move(folded) {
                CompactString::from(tone::canonical_tone(lower))
            } else {
                CompactString::from(lower)
            },
            folded: CompactString::from(folded),
        });
    });
    taken.then_some(words)
}

/// Calls `on_word` with the range, lower-case form and folded form of each word of `text`, in
/// order; `false` when it met a character that is not for the fast path (the words seen
/// before it were visited already: a caller keeps them only when it returns `true`).
pub fn scan(text: &str, on_word: impl FnMut(Range<usize>, &str, &str)) -> bool {
    scan_forms::<true>(text, on_word)
}

/// [`scan`] without the lower-case forms: the range and folded form of each word.
pub fn scan_folded(text: &str, mut on_word: impl FnMut(Range<usize>, &str)) -> bool {
    scan_forms::<false>(text, |range, _, folded| on_word(range, folded))
}

/// [`scan`], the lower-case forms built only when `LOWER` (otherwise given empty).
fn scan_forms<const LOWER: bool>(
    text: &str,
    mut on_word: impl FnMut(Range<usize>, &str, &str),
) -> bool {
    let mut word = Building::<LOWER>::default();
    let bytes = text.as_bytes();
    let digit_at = |i: usize| bytes.get(i).is_some_and(u8::is_ascii_digit);
    let table: &[Class] = &TABLE;
    for (at, c) in text.char_indices() {
        match class_in(table, c) {
            Class::Letter(lower, plain) => word.push(at, lower, plain),
            Class::Decline => return false,
            Class::Separator => {
                if (c == '.' || c == ',')
                    && word.started()
                    && at > 0
                    && digit_at(at - 1)
                    && digit_at(at + 1)
                {
                    word.push(at, c, c);
                } else {
                    word.finish(at, &mut on_word);
                }
            }
        }
    }
    word.finish(text.len(), &mut on_word);
    true
}

/// The word being read: where it started, its lower-case (when `LOWER`) and folded forms so
/// far.
#[derive(Default)]
struct Building<const LOWER: bool> {
    start: Option<usize>,
    lower: String,
    folded: String,
    letters: usize,
}

impl<const LOWER: bool> Building<LOWER> {
    fn started(&self) -> bool {
        self.start.is_some()
    }

    fn push(&mut self, at: usize, lower: char, plain: char) {
        if self.start.is_none() {
            self.start = Some(at);
            self.lower.clear();
            self.folded.clear();
            self.letters = 0;
        }
        if LOWER {
            self.lower.push(lower);
        }
        self.folded.push(plain);
        self.letters += 1;
    }

    fn finish(&mut self, end: usize, on_word: &mut impl FnMut(Range<usize>, &str, &str)) {
        let Some(start) = self.start.take() else {
            return;
        };
        if self.letters <= MAX_WORD_LETTERS {
            on_word(start..end, &self.lower, &self.folded);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::general_analyze;
    use proptest::prelude::*;
    use unicode_normalization::UnicodeNormalization;

    fn same_as_general(text: &str) {
        if let Some(fast) = analyze(text) {
            assert_eq!(fast, general_analyze(text), "words of {text:?}");
        }
    }

    #[test]
    fn takes_plain_vietnamese_and_agrees() {
        let text =
            "Tổng Bí thư Tô Lâm: “Thành uỷ HÐND-UBND” tăng 7,63% (16.765 chi bộ) — 57-NQ/TW…";
        assert!(analyze(text).is_some());
        same_as_general(text);
        let words = analyze("Hoà ĐẢNG").unwrap_or_default();
        let forms: Vec<(&str, &str)> = words
            .iter()
            .map(|w| (w.accented.as_str(), w.folded.as_str()))
            .collect();
        assert_eq!(forms, [("hòa", "hoa"), ("đảng", "dang")]);
    }

    #[test]
    fn declines_nfd_other_scripts_and_other_accents() {
        let nfd: String = "Hà Nội".nfd().collect();
        assert_eq!(analyze(&nfd), None);
        assert_eq!(analyze("Tập Cận Bình 习近平"), None);
        assert_eq!(analyze("Müller"), None);
        assert_eq!(analyze("x²"), None);
    }

    #[test]
    fn every_character_has_its_class_whether_in_the_table_or_not() {
        for c in (0..0x3_0000).filter_map(char::from_u32) {
            assert_eq!(class_in(&TABLE, c), classify(c), "U+{:04X}", u32::from(c));
        }
        // Greek and Cyrillic letters are outside the table, and declined all the same.
        assert_eq!(slot('α'), None);
        assert_eq!(analyze("Путин"), None);
        assert_eq!(slot('ệ').map(|at| TABLE[at]), Some(Class::Letter('ệ', 'e')));
    }

    #[test]
    fn skips_overlong_words_like_the_general_path() {
        same_as_general(&format!("a {} b", "x".repeat(MAX_WORD_LETTERS + 1)));
        same_as_general(&format!("a {} b", "ấ".repeat(MAX_WORD_LETTERS)));
    }

    proptest! {
        /// Text drawn from Vietnamese letters in both cases, digits, and the punctuation and
        /// spaces articles use (and a few characters the fast path must decline).
        #[test]
        fn agrees_with_the_general_path(text in "[a-zA-Z0-9àáảãạăằắẳẵặâầấẩẫậđèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵÀÁÂÃĂĐÐðÊÔƠƯỦỨỰ .,;:!?'’“”()/%&_–—…\u{a0}\u{ad}\u{200b}\u{200d}\u{301}²ü中\n-]{0,40}") {
            same_as_general(&text);
        }
    }
}
