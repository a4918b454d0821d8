//! The accented form of one word for the accented field and for accented queries: NFC, Eth
//! Ð/ð read as Vietnamese Đ/đ, lower case, and the tone mark in its traditional place.

use std::borrow::Cow;
use unicode_normalization::{is_nfc_quick, IsNormalized, UnicodeNormalization};

use super::{fold, tone};

/// Normalizes one word as written in an article: "Tướng" (NFD) → "tướng", "HÐND" → "hđnd",
/// "uỷ" → "ủy", "hoà" → "hòa". Borrows the input when it is already normalized.
pub fn normalize_word(word: &str) -> Cow<'_, str> {
    super::fast::normalize_word(word).unwrap_or_else(|| general_normalize(word))
}

/// [`normalize_word`] for any word.
fn general_normalize(word: &str) -> Cow<'_, str> {
    // Lower-casing before NFC keeps the result NFC even when a lower-case letter composes
    // differently from its capital.
    let word = then(Cow::Borrowed(word), lower_case);
    let word = then(word, nfc);
    then(word, tone::canonical_tone)
}

/// Whether the word was typed with tones, hats, horns or đ, so an accented query can prefer
/// exact-accent matches: "Hà" and "đi" yes, "ha" and "di" no.
pub fn has_vietnamese_marks(word: &str) -> bool {
    if word.is_ascii() {
        return false;
    }
    let word = normalize_word(word);
    fold::fold(&word) != word
}

/// Applies one step, keeping the current borrow when the step changes nothing.
pub(super) fn then<'a>(
    word: Cow<'a, str>,
    step: impl FnOnce(&str) -> Cow<'_, str>,
) -> Cow<'a, str> {
    let changed = match step(&word) {
        Cow::Owned(s) => Some(s),
        Cow::Borrowed(_) => None,
    };
    changed.map_or(word, Cow::Owned)
}

/// Lower-cases, reading the Icelandic Eth that some pages type for Đ as Vietnamese đ.
fn lower_case(word: &str) -> Cow<'_, str> {
    let changes = |c: char| c == 'ð' || !c.to_lowercase().eq(std::iter::once(c));
    if word.chars().any(changes) {
        Cow::Owned(word.to_lowercase().replace('ð', "đ"))
    } else {
        Cow::Borrowed(word)
    }
}

/// `text` in NFC, borrowed when it is so already (most text: checking costs far less than
/// composing).
pub fn nfc(text: &str) -> Cow<'_, str> {
    if is_nfc_quick(text.chars()) == IsNormalized::Yes {
        return Cow::Borrowed(text);
    }
    let composed: String = text.nfc().collect();
    if composed == text {
        Cow::Borrowed(text)
    } else {
        Cow::Owned(composed)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// Checks the result, and that an already normalized word comes back borrowed.
    fn check(input: &str, expected: &str) {
        let out = normalize_word(input);
        assert_eq!(out, expected, "normalize_word({input:?})");
        assert_eq!(
            matches!(out, Cow::Borrowed(_)),
            input == expected,
            "borrowed iff unchanged for {input:?}"
        );
    }

    proptest! {
        /// The fast path for ASCII and precomposed Vietnamese gives what the general one does.
        #[test]
        fn fast_path_agrees(word in "[a-zA-Z0-9ÀÁÂÃĂĐÐðÊÔƠƯàáảãạăằắẳẵặâầấẩẫậđèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵỦỨỰỲ./-]{0,12}") {
            prop_assert_eq!(normalize_word(&word), general_normalize(&word));
        }
    }

    #[test]
    fn composes_nfd() {
        check("Tu\u{031B}\u{0301}o\u{031B}ng", "tướng");
        check("tu\u{031B}\u{0301}o\u{031B}ng", "tướng");
        check("Ho\u{0300}a", "hòa");
        check("ngu\u{031B}o\u{031B}\u{0300}i", "người");
    }

    #[test]
    fn reads_eth_as_d_with_stroke() {
        check("H\u{00D0}ND", "hđnd");
        check("H\u{0110}ND", "hđnd");
        check("\u{00F0}ường", "đường");
        check("\u{00D0}ắk", "đắk");
    }

    #[test]
    fn lower_cases_and_places_tones() {
        check("Cộng", "cộng");
        check("hoà", "hòa");
        check("hòa", "hòa");
        check("Thành", "thành");
        check("uỷ", "ủy");
        check("ủy", "ủy");
        check("KHOẺ", "khỏe");
        check("Đắk", "đắk");
        check("Lắk", "lắk");
        check("Nguyễn", "nguyễn");
        check("Tô", "tô");
        check("Lâm", "lâm");
        check("57-NQ/TW", "57-nq/tw");
        check("quý", "quý");
        check("", "");
    }

    #[test]
    fn tells_whether_marks_were_typed() {
        for word in [
            "Hà",
            "đi",
            "HĐND",
            "H\u{00D0}ND",
            "uỷ",
            "Tu\u{031B}\u{0301}o\u{031B}ng",
        ] {
            assert!(has_vietnamese_marks(word), "{word:?} has marks");
        }
        for word in ["ha", "di", "HDND", "", "2025", "北京"] {
            assert!(!has_vietnamese_marks(word), "{word:?} has no marks");
        }
    }

    /// Vietnamese letters in both cases, both D's, and the combining marks of NFD text.
    fn vietnamese_word() -> impl Strategy<Value = String> {
        const LETTERS: &str = "aàáảãạăằắẳẵặâầấẩẫậeèéẻẽẹêềếểễệiìíỉĩịoòóỏõọôồốổỗộơờớởỡợuùúủũụưừứửữựyỳýỷỹỵ\
            AÀÁẢÃẠĂẰẮẲẴẶÂẦẤẨẪẬEÈÉẺẼẸÊỀẾỂỄỆIÌÍỈĨỊOÒÓỎÕỌÔỒỐỔỖỘƠỜỚỞỠỢUÙÚỦŨỤƯỪỨỬỮỰYỲÝỶỸỴ\
            bcdđghklmnpqrstvxBCDĐGHKLMNPQRSTVXðÐ\u{300}\u{301}\u{302}\u{303}\u{306}\u{309}\u{31B}\u{323}";
        let letters: Vec<char> = LETTERS.chars().collect();
        prop::collection::vec(prop::sample::select(letters), 0..10)
            .prop_map(|chars| chars.into_iter().collect())
    }

    proptest! {
        #[test]
        fn never_panics_and_is_idempotent(word in any::<String>()) {
            let once = normalize_word(&word);
            prop_assert_eq!(normalize_word(&once), once.clone());
        }

        #[test]
        fn is_idempotent_on_vietnamese(word in vietnamese_word()) {
            let once = normalize_word(&word);
            prop_assert_eq!(normalize_word(&once), once.clone());
        }

        #[test]
        fn folds_like_the_lower_cased_word(word in vietnamese_word()) {
            let normalized = normalize_word(&word);
            let lower = word.to_lowercase();
            prop_assert_eq!(fold::fold(&normalized), fold::fold(&lower));
        }
    }
}
