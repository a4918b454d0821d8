//! Accent folding for the folded field: strips tones, hats, horns and breves and maps đ to d,
//! so "Hà Nội" and "ha noi" meet. Lossy by design; the accented field keeps what this drops.

use std::borrow::Cow;
use unicode_normalization::char::decompose_canonical;
use unicode_normalization::{is_nfc_quick, IsNormalized, UnicodeNormalization};

/// Combining diacritical marks: every tone, hat, horn and breve once a letter is decomposed.
const COMBINING_MARKS: std::ops::RangeInclusive<char> = '\u{0300}'..='\u{036F}';

/// Folds NFC or NFD text to plain letters, keeping case: "Đắk Lắk" → "Dak Lak".
///
/// Vietnamese Đ/đ and its look-alike Eth Ð/ð both become D/d, because pages type either.
/// Marks in U+0300..U+036F are dropped whatever letter they sit on. The result is NFC and
/// folding it again changes nothing. Borrows the input when nothing changes.
pub fn fold(text: &str) -> Cow<'_, str> {
    if text.is_ascii() || (is_nfc(text) && !text.chars().any(needs_folding)) {
        return Cow::Borrowed(text);
    }
    let folded: String = text
        .nfd()
        .filter(|c| !COMBINING_MARKS.contains(c))
        .map(|c| plain_d(c).unwrap_or(c))
        .nfc()
        .collect();
    if folded == text {
        Cow::Borrowed(text)
    } else {
        Cow::Owned(folded)
    }
}

fn is_nfc(text: &str) -> bool {
    is_nfc_quick(text.chars()) == IsNormalized::Yes
}

fn plain_d(c: char) -> Option<char> {
    match c {
        'đ' | 'ð' => Some('d'),
        'Đ' | 'Ð' => Some('D'),
        _ => None,
    }
}

/// Whether folding changes `c`; lets text without accents skip the allocation.
fn needs_folding(c: char) -> bool {
    if c.is_ascii() {
        return false;
    }
    let mut marked = COMBINING_MARKS.contains(&c) || plain_d(c).is_some();
    decompose_canonical(c, |part| marked |= COMBINING_MARKS.contains(&part));
    marked
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// Checks the result, and that unchanged text comes back borrowed.
    fn check(input: &str, expected: &str) {
        let out = fold(input);
        assert_eq!(out, expected, "fold({input:?})");
        assert_eq!(
            matches!(out, Cow::Borrowed(_)),
            input == expected,
            "borrowed iff unchanged for {input:?}"
        );
    }

    #[test]
    fn strips_tones_and_hats() {
        for word in ["ban", "bàn", "bán", "bạn", "bản", "bẩn"] {
            check(word, "ban");
        }
        check("Hà Nội", "Ha Noi");
        check("Nguyễn", "Nguyen");
        check("Tô Lâm", "To Lam");
        check("Cộng hoà", "Cong hoa");
        check("Cộng hòa", "Cong hoa");
        check("Thành uỷ", "Thanh uy");
        check("Thành ủy", "Thanh uy");
        check("người được chuyển", "nguoi duoc chuyen");
        check("ĂÂÊÔƠƯ ăâêôơư", "AAEOOU aaeoou");
    }

    #[test]
    fn maps_both_d_with_stroke_and_eth() {
        check("đ", "d");
        check("Đắk Lắk", "Dak Lak");
        check("HĐND", "HDND");
        check("H\u{00D0}ND", "HDND");
        check("\u{00F0}ường", "duong");
    }

    #[test]
    fn folds_nfd_like_nfc() {
        check("Tu\u{031B}\u{0301}o\u{031B}ng", "Tuong");
        check("Ho\u{0300}a", "Hoa");
        check("a\u{0323}\u{0302}", "a");
    }

    #[test]
    fn keeps_plain_text_borrowed() {
        for text in ["", "ha noi", "57-NQ/TW", "HDND", "北京", "Москва", "ﬁ"] {
            check(text, text);
        }
    }

    /// Vietnamese letters in both cases, both D's, and the combining marks of NFD text.
    fn vietnamese_text() -> impl Strategy<Value = String> {
        const LETTERS: &str =
            "aàáảãạăằắẳẵặâầấẩẫậeèéẻẽẹêềếểễệiìíỉĩịoòóỏõọôồốổỗộơờớởỡợuùúủũụưừứửữựyỳýỷỹỵ\
            AÀÁẢÃẠĂẰẮẲẴẶÂẦẤẨẪẬEÈÉẺẼẸÊỀẾỂỄỆIÌÍỈĨỊOÒÓỎÕỌÔỒỐỔỖỘƠỜỚỞỠỢUÙÚỦŨỤƯỪỨỬỮỰYỲÝỶỸỴ\
            bcdđghklmnpqrstvxđðĐÐ fjwz0 \u{300}\u{301}\u{302}\u{303}\u{306}\u{309}\u{31B}\u{323}";
        let letters: Vec<char> = LETTERS.chars().collect();
        prop::collection::vec(prop::sample::select(letters), 0..16)
            .prop_map(|chars| chars.into_iter().collect())
    }

    proptest! {
        #[test]
        fn is_idempotent(text in any::<String>()) {
            let once = fold(&text);
            prop_assert_eq!(fold(&once), once.clone());
        }

        #[test]
        fn is_idempotent_on_vietnamese(text in vietnamese_text()) {
            let once = fold(&text);
            prop_assert_eq!(fold(&once), once.clone());
            prop_assert!(once.is_ascii(), "{:?} folded to {:?}", text, once);
        }
    }
}
