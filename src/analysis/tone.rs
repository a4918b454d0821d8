//! Tone-mark placement: moves the tone of one lower-case NFC syllable to its traditional
//! position (hoà → hòa, uỷ → ủy), so old- and new-style spellings index as one accented term.

use std::borrow::Cow;
use std::sync::LazyLock;

/// Every Vietnamese vowel in its six tones, in the column order of [`LEVEL`], huyền (grave),
/// sắc (acute), hỏi (hook), ngã (tilde) and nặng (dot below).
const VOWELS: [[char; 6]; 12] = [
    ['a', 'à', 'á', 'ả', 'ã', 'ạ'],
    ['ă', 'ằ', 'ắ', 'ẳ', 'ẵ', 'ặ'],
    ['â', 'ầ', 'ấ', 'ẩ', 'ẫ', 'ậ'],
    ['e', 'è', 'é', 'ẻ', 'ẽ', 'ẹ'],
    ['ê', 'ề', 'ế', 'ể', 'ễ', 'ệ'],
    ['i', 'ì', 'í', 'ỉ', 'ĩ', 'ị'],
    ['o', 'ò', 'ó', 'ỏ', 'õ', 'ọ'],
    ['ô', 'ồ', 'ố', 'ổ', 'ỗ', 'ộ'],
    ['ơ', 'ờ', 'ớ', 'ở', 'ỡ', 'ợ'],
    ['u', 'ù', 'ú', 'ủ', 'ũ', 'ụ'],
    ['ư', 'ừ', 'ứ', 'ử', 'ữ', 'ự'],
    ['y', 'ỳ', 'ý', 'ỷ', 'ỹ', 'ỵ'],
];

/// Column of [`VOWELS`] holding the vowel without a tone (thanh ngang).
const LEVEL: usize = 0;

/// Vowels with a hat, horn or breve: when present, one of them carries the tone.
const MARKED_VOWELS: [char; 6] = ['ă', 'â', 'ê', 'ô', 'ơ', 'ư'];

/// The consonant letters of the Vietnamese alphabet (f, j, w, z are foreign).
const CONSONANTS: [char; 17] = [
    'b', 'c', 'd', 'đ', 'g', 'h', 'k', 'l', 'm', 'n', 'p', 'q', 'r', 's', 't', 'v', 'x',
];

/// Longest vowel run a syllable can spell, counting the u of "qu" or the i of "gi" (quyê, giươ).
const MAX_VOWELS: usize = 4;

/// Longest vowel nucleus once "qu" / "gi" are set aside (oai, uyê, ươi).
const MAX_NUCLEUS: usize = 3;

#[derive(Clone, Copy)]
enum Letter {
    Consonant,
    /// A row and a column of [`VOWELS`].
    Vowel {
        row: usize,
        tone: usize,
    },
}

/// A syllable split as onset consonants, a vowel run and an optional final consonant.
struct Syllable {
    first: char,
    /// Number of consonant letters before the first vowel.
    onset: usize,
    /// Rows of [`VOWELS`]; the first `vowel_count` are used.
    vowels: [usize; MAX_VOWELS],
    vowel_count: usize,
    /// A final consonant follows the vowels.
    closed: bool,
    /// Column of [`VOWELS`] of the one tone mark.
    tone: usize,
    /// Character index of the vowel carrying the tone mark.
    tone_at: usize,
}

/// Moves the tone mark of one lower-case NFC syllable to its traditional position.
///
/// Borrows the input when the mark already sits there, when there is no mark, and when the
/// word is not a plausible Vietnamese syllable (foreign letters, digits, upper case, several
/// marks, several vowel runs, no vowel).
pub fn canonical_tone(syllable: &str) -> Cow<'_, str> {
    if syllable.is_ascii() {
        return Cow::Borrowed(syllable);
    }
    match parse(syllable).and_then(|s| tone_target(&s).map(|at| (s, at))) {
        Some((s, at)) if at != s.tone_at => Cow::Owned(retone(syllable, at, s.tone)),
        _ => Cow::Borrowed(syllable),
    }
}

/// Whether [`canonical_tone`] may change the syllable whose folded form (one ASCII letter for
/// each of its letters) is `folded`: a tone moves only within a run of two or more vowels, so
/// most syllables ("các", "trong", "đến") need not be parsed at all.
pub fn may_move(folded: &str) -> bool {
    let vowel = |byte: u8| is_folded_vowel(char::from(byte));
    folded
        .as_bytes()
        .windows(2)
        .any(|pair| vowel(pair[0]) && vowel(pair[1]))
}

/// Whether `c` is what a Vietnamese vowel folds to.
pub fn is_folded_vowel(c: char) -> bool {
    matches!(c, 'a' | 'e' | 'i' | 'o' | 'u' | 'y')
}

/// Code points past the last Vietnamese letter (ỹ, U+1EF9): no letter of the table is here.
const TABLE_END: usize = 0x1F00;

/// Every letter of [`CONSONANTS`] and [`VOWELS`] at its code point, as a byte: 0 for no
/// letter, 1 for a consonant, 2 + row × 6 + tone for a vowel.
static LETTERS: LazyLock<Vec<u8>> = LazyLock::new(|| {
    let mut table = vec![0u8; TABLE_END];
    for &c in &CONSONANTS {
        table[c as usize] = 1;
    }
    for (row, tones) in VOWELS.iter().enumerate() {
        for (tone, &c) in tones.iter().enumerate() {
            table[c as usize] = (2 + row * 6 + tone) as u8;
        }
    }
    table
});

fn classify(c: char) -> Option<Letter> {
    classify_in(&LETTERS, c)
}

/// [`classify`] with the table at hand (a loop reads it once, not once a letter).
fn classify_in(letters: &[u8], c: char) -> Option<Letter> {
    match letters.get(c as usize).copied().unwrap_or(0) {
        0 => None,
        1 => Some(Letter::Consonant),
        code => {
            let code = usize::from(code - 2);
            Some(Letter::Vowel {
                row: code / 6,
                tone: code % 6,
            })
        }
    }
}

/// Splits a syllable that carries exactly one tone mark; `None` when there is nothing to move
/// or the word is not a syllable.
fn parse(word: &str) -> Option<Syllable> {
    let mut s = Syllable {
        first: word.chars().next()?,
        onset: 0,
        vowels: [0; MAX_VOWELS],
        vowel_count: 0,
        closed: false,
        tone: LEVEL,
        tone_at: 0,
    };
    let letters: &[u8] = &LETTERS;
    for (i, c) in word.chars().enumerate() {
        match classify_in(letters, c)? {
            Letter::Consonant if s.vowel_count == 0 => s.onset += 1,
            Letter::Consonant => s.closed = true,
            Letter::Vowel { .. } if s.closed || s.vowel_count == MAX_VOWELS => return None,
            Letter::Vowel { row, tone } => {
                s.vowels[s.vowel_count] = row;
                s.vowel_count += 1;
                if tone != LEVEL {
                    if s.tone != LEVEL {
                        return None;
                    }
                    s.tone = tone;
                    s.tone_at = i;
                }
            }
        }
    }
    (s.tone != LEVEL).then_some(s)
}

/// Character index where the tone belongs.
fn tone_target(s: &Syllable) -> Option<usize> {
    let glide = onset_glide(s);
    let nucleus = &s.vowels[glide..s.vowel_count];
    Some(s.onset + glide + nucleus_slot(nucleus, s.closed)?)
}

/// 1 when the first vowel belongs to the initial consonant: the u of "qu", and the i of "gi"
/// when another vowel follows (giữa, già, but gì).
fn onset_glide(s: &Syllable) -> usize {
    let glide = match s.first {
        'q' => 'u',
        'g' => 'i',
        _ => return 0,
    };
    usize::from(s.onset == 1 && s.vowel_count >= 2 && VOWELS[s.vowels[0]][LEVEL] == glide)
}

/// Position of the tone inside the vowel nucleus, in the traditional style.
fn nucleus_slot(nucleus: &[usize], closed: bool) -> Option<usize> {
    if nucleus.len() > MAX_NUCLEUS {
        return None;
    }
    // In ươ and ươi both vowels are marked and the tone goes on the ơ: take the last.
    let marked = nucleus
        .iter()
        .rposition(|&row| MARKED_VOWELS.contains(&VOWELS[row][LEVEL]));
    marked.or(match (nucleus.len(), closed) {
        (1, _) => Some(0),
        (2, true) => Some(1),
        (2, false) => Some(0),
        (3, _) => Some(1),
        _ => None,
    })
}

/// Rewrites the syllable with `tone` on the character at `target` and no tone elsewhere.
fn retone(word: &str, target: usize, tone: usize) -> String {
    word.chars()
        .enumerate()
        .map(|(i, c)| match classify(c) {
            Some(Letter::Vowel { row, .. }) => VOWELS[row][if i == target { tone } else { LEVEL }],
            _ => c,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use unicode_normalization::UnicodeNormalization;

    /// The letter `c` is, by search through the consonants and the vowel table.
    fn classify_by_search(c: char) -> Option<Letter> {
        if CONSONANTS.contains(&c) {
            return Some(Letter::Consonant);
        }
        VOWELS.iter().enumerate().find_map(|(row, tones)| {
            let tone = tones.iter().position(|&v| v == c)?;
            Some(Letter::Vowel { row, tone })
        })
    }

    /// Checks the result, and that an unchanged word comes back borrowed.
    fn check(input: &str, expected: &str) {
        let out = canonical_tone(input);
        assert_eq!(out, expected, "canonical_tone({input:?})");
        assert_eq!(
            matches!(out, Cow::Borrowed(_)),
            input == expected,
            "borrowed iff unchanged for {input:?}"
        );
    }

    #[test]
    fn the_letter_table_agrees_with_the_search() {
        let same = |a: Option<Letter>, b: Option<Letter>| match (a, b) {
            (None, None) | (Some(Letter::Consonant), Some(Letter::Consonant)) => true,
            (Some(Letter::Vowel { row, tone }), Some(Letter::Vowel { row: r, tone: t })) => {
                (row, tone) == (r, t)
            }
            _ => false,
        };
        for c in (0..0x30000).filter_map(char::from_u32) {
            assert!(same(classify(c), classify_by_search(c)), "{c:?}");
        }
        assert!(matches!(
            classify('ự'),
            Some(Letter::Vowel { row: 10, tone: 5 })
        ));
    }

    #[test]
    fn moves_new_style_marks_to_traditional() {
        for (new, old) in [
            ("hoà", "hòa"),
            ("uỷ", "ủy"),
            ("khoẻ", "khỏe"),
            ("thuỷ", "thủy"),
            ("hoá", "hóa"),
            ("toà", "tòa"),
        ] {
            check(new, old);
            check(old, old);
        }
    }

    #[test]
    fn keeps_canonical_syllables() {
        for word in [
            "quý",
            "quỳnh",
            "giữa",
            "gì",
            "già",
            "hoàng",
            "toàn",
            "thuyết",
            "khuyến",
            "người",
            "thuở",
            "ngoài",
            "khoảng",
            "hoài",
            "muốn",
            "việt",
            "được",
            "chuyển",
            "ngoái",
            "khuỷu",
            "cộng",
            "thành",
            "ban",
            "bàn",
            "bán",
            "bạn",
            "bản",
            "bẩn",
            "đắk",
            "lắk",
            "nguyễn",
            "tô",
            "lâm",
            "hà",
            "nội",
            "của",
            "mùa",
            "máy",
            "kéo",
            "rượu",
            "yêu",
            "hoặc",
            "tuần",
            "thuế",
            "huỳnh",
            "quốc",
            "giường",
        ] {
            check(word, word);
        }
    }

    #[test]
    fn moves_misplaced_marks_in_other_shapes() {
        check("ngòai", "ngoài");
        check("hòang", "hoàng");
        check("khủyu", "khuỷu");
        check("thủơ", "thuở");
        check("nguờì", "nguờì");
        check("ngừơi", "người");
        check("gìa", "già");
        check("qúy", "quý");
        check("muón", "muón");
        check("múon", "muón");
        check("đuợc", "đuợc");
    }

    #[test]
    fn leaves_implausible_words_alone() {
        for word in [
            "", "hoà2", "2hoà", "whoà", "zoà", "fá", "joà", "hoàhoà", "hòà", "ngoẩiu", "ñoà",
            "HOÀ", "Hoà", "hđnd", "tp", "x", "ꙮà",
        ] {
            check(word, word);
        }
    }

    #[test]
    fn vowel_table_matches_unicode() {
        const MARKS: [&str; 6] = ["", "\u{300}", "\u{301}", "\u{309}", "\u{303}", "\u{323}"];
        for tones in VOWELS {
            for (tone, mark) in MARKS.iter().enumerate() {
                let composed: String = format!("{}{mark}", tones[LEVEL]).nfc().collect();
                assert_eq!(
                    composed,
                    tones[tone].to_string(),
                    "{}{mark:?}",
                    tones[LEVEL]
                );
            }
        }
    }

    const ONSETS: &[&str] = &[
        "", "b", "c", "ch", "d", "đ", "g", "gh", "gi", "h", "k", "kh", "l", "m", "n", "ng", "ngh",
        "nh", "p", "ph", "qu", "r", "s", "t", "th", "tr", "v", "x",
    ];
    const NUCLEI: &[&str] = &[
        "a", "ă", "â", "e", "ê", "i", "o", "ô", "ơ", "u", "ư", "y", "ai", "ao", "au", "ay", "âu",
        "ây", "eo", "êu", "ia", "iê", "iu", "oa", "oă", "oe", "oi", "ôi", "ơi", "oo", "ua", "uâ",
        "uê", "ui", "uô", "uơ", "uy", "ưa", "ưi", "ươ", "ưu", "iêu", "oai", "oay", "oeo", "uây",
        "uôi", "uya", "uyê", "uyu", "ươi", "ươu", "yê", "yêu",
    ];
    const CODAS: &[&str] = &["", "c", "ch", "m", "n", "ng", "nh", "p", "t"];

    /// A syllable and the same syllable with the tone put on each of its nucleus vowels.
    fn syllable_placements() -> impl Strategy<Value = Vec<String>> {
        (
            prop::sample::select(ONSETS),
            prop::sample::select(NUCLEI),
            prop::sample::select(CODAS),
            1..6usize,
        )
            .prop_filter("at most three nucleus vowels", |(onset, nucleus, _, _)| {
                let vowels = |w: &str| w.chars().filter(|&c| is_vowel(c)).count();
                let glide = matches!(*onset, "gi" | "qu")
                    && !nucleus.starts_with(['i', 'u'])
                    && vowels(nucleus) <= MAX_NUCLEUS;
                glide || vowels(onset) + vowels(nucleus) <= MAX_NUCLEUS
            })
            .prop_map(|(onset, nucleus, coda, tone)| {
                (0..nucleus.chars().count())
                    .map(|at| {
                        let toned = nucleus.chars().enumerate().map(|(i, c)| match classify(c) {
                            Some(Letter::Vowel { row, .. }) if i == at => VOWELS[row][tone],
                            _ => c,
                        });
                        onset.chars().chain(toned).chain(coda.chars()).collect()
                    })
                    .collect()
            })
    }

    fn is_vowel(c: char) -> bool {
        matches!(classify(c), Some(Letter::Vowel { .. }))
    }

    fn tone_marks(word: &str) -> usize {
        word.chars()
            .filter(|&c| matches!(classify(c), Some(Letter::Vowel { tone, .. }) if tone != LEVEL))
            .count()
    }

    fn strip(word: &str) -> String {
        retone(word, usize::MAX, LEVEL)
    }

    /// Lower-case Vietnamese letters, a few foreign ones, and the combining marks of NFD text.
    fn vietnamese_word() -> impl Strategy<Value = String> {
        const LETTERS: &str = "aàáảãạăằắẳẵặâầấẩẫậeèéẻẽẹêềếểễệiìíỉĩịoòóỏõọôồốổỗộơờớởỡợ\
            uùúủũụưừứửữựyỳýỷỹỵbcdđghklmnpqrstvxfjwzðÀ1\u{300}\u{301}\u{303}\u{309}\u{323}";
        let letters: Vec<char> = LETTERS.chars().collect();
        prop::collection::vec(prop::sample::select(letters), 0..8)
            .prop_map(|chars| chars.into_iter().collect())
    }

    proptest! {
        #[test]
        fn never_panics_and_is_idempotent(word in any::<String>()) {
            let once = canonical_tone(&word);
            prop_assert_eq!(canonical_tone(&once), once.clone());
        }

        #[test]
        fn only_moves_marks_in_vietnamese_words(word in vietnamese_word()) {
            let once = canonical_tone(&word);
            prop_assert_eq!(canonical_tone(&once), once.clone());
            prop_assert_eq!(strip(&once), strip(&word));
            prop_assert_eq!(tone_marks(&once), tone_marks(&word));
        }

        #[test]
        fn a_syllable_may_move_only_with_adjacent_vowels(word in vietnamese_word()) {
            let folded = crate::analysis::fold::fold(&word);
            if !may_move(&folded) {
                prop_assert!(matches!(canonical_tone(&word), Cow::Borrowed(_)), "{}", word);
            }
        }

        #[test]
        fn every_placement_gives_one_answer(placements in syllable_placements()) {
            let first = canonical_tone(&placements[0]).into_owned();
            prop_assert_eq!(tone_marks(&first), 1);
            prop_assert_eq!(canonical_tone(&first), first.as_str());
            for word in &placements {
                prop_assert_eq!(canonical_tone(word), first.as_str());
                prop_assert_eq!(strip(word), strip(&first));
            }
        }
    }
}
