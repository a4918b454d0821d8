//! Vietnamese analysis: text → words in two indexed forms, accented and folded.
//!
//! The lossless steps (NFC, Ð→Đ, lower case, one tone-mark placement) give the *accented* form;
//! the lossy step (folding tones, hats and đ) gives the *folded* form. Both keep the byte range
//! of the word in the text as written, so highlights show the article exactly as it was.

mod fast;
pub mod fold;
pub mod normalize;
pub mod pairs;
pub mod segment;
pub mod tokenizer;
pub mod tone;

use std::ops::Range;

use compact_str::CompactString;
use tantivy::tokenizer::TextAnalyzer;
use tantivy::Index;

pub use tokenizer::{analyze_for_indexing, PairTokenizer, VietTokenizer};

/// Tokenizer name of the accented form (NFC, lower case, canonical tone placement).
pub const ACCENTED_TOKENIZER: &str = "vi_accented";
/// Tokenizer name of the folded form (no tones, no hats, đ → d).
pub const FOLDED_TOKENIZER: &str = "vi_folded";
/// Tokenizer name of the pairs of adjacent common syllables, folded ("trong nuoc").
pub const PAIRS_TOKENIZER: &str = "vi_pairs";

/// Which indexed form of a word.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Form {
    Accented,
    Folded,
}

/// One word of a text: where it stands and its two indexed forms.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Word {
    pub range: Range<usize>,
    /// Inline strings: a syllable fits in one, so a word costs no allocation.
    pub accented: CompactString,
    pub folded: CompactString,
}

impl Word {
    /// True when the word as written carries Vietnamese marks (tones, hats, đ).
    pub fn is_marked(&self) -> bool {
        self.accented != self.folded
    }

    /// The word in the given form.
    pub fn form(&self, form: Form) -> &str {
        match form {
            Form::Accented => &self.accented,
            Form::Folded => &self.folded,
        }
    }
}

/// Analyzes `text` into its words.
pub fn analyze(text: &str) -> Vec<Word> {
    fast::analyze(text).unwrap_or_else(|| general_analyze(text))
}

/// The range of every word of `text`, as [`analyze`] gives them, with what `of` makes of its
/// folded form; the accented forms are not built: what highlighting needs, at a fraction of the
/// cost. The text is read once; the rare text the fast path declines is read again in full.
pub fn map_folded<T>(text: &str, mut of: impl FnMut(&str) -> T) -> Vec<(Range<usize>, T)> {
    let mut words = Vec::new();
    if fast::scan_folded(text, |range, folded| words.push((range, of(folded)))) {
        return words;
    }
    general_analyze(text)
        .into_iter()
        .map(|word| (word.range, of(&word.folded)))
        .collect()
}

/// [`analyze`] for any text: Unicode word boundaries, then each word normalized and folded.
pub(crate) fn general_analyze(text: &str) -> Vec<Word> {
    segment::word_ranges(text)
        .into_iter()
        .map(|range| {
            let accented = CompactString::from(normalize::normalize_word(&text[range.clone()]));
            let folded = CompactString::from(fold::fold(&accented));
            Word {
                range,
                accented,
                folded,
            }
        })
        .collect()
}

/// Registers the analyzers on `index`. Custom tokenizers are not stored in the index, so this
/// must run after every create and every open.
pub fn register(index: &Index) {
    let tokenizers = index.tokenizers();
    tokenizers.register(
        ACCENTED_TOKENIZER,
        TextAnalyzer::from(VietTokenizer::new(Form::Accented)),
    );
    tokenizers.register(
        FOLDED_TOKENIZER,
        TextAnalyzer::from(VietTokenizer::new(Form::Folded)),
    );
    tokenizers.register(PAIRS_TOKENIZER, TextAnalyzer::from(PairTokenizer));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn map_folded_gives_the_ranges_and_folded_forms_of_analyze() {
        use unicode_normalization::UnicodeNormalization;
        let nfc = "Tổng Bí thư Tô Lâm: “Thành uỷ HÐND-UBND” tăng 7,63% (16.765 chi bộ) — 57-NQ/TW…";
        let nfd: String = nfc.nfd().collect();
        let long = format!("a {} b", "x".repeat(segment::MAX_WORD_LETTERS + 1));
        for text in [
            nfc,
            nfd.as_str(),
            "Tập Cận Bình 习近平 nói",
            long.as_str(),
            "",
        ] {
            let visited = map_folded(text, str::to_string);
            let analyzed: Vec<(Range<usize>, String)> = analyze(text)
                .into_iter()
                .map(|w| (w.range, w.folded.into()))
                .collect();
            assert_eq!(visited, analyzed, "{text:?}");
        }
    }

    fn forms(text: &str) -> Vec<(String, String)> {
        analyze(text)
            .into_iter()
            .map(|w| (w.accented.into(), w.folded.into()))
            .collect()
    }

    #[test]
    fn both_tone_styles_analyze_alike() {
        assert_eq!(forms("Cộng hoà"), forms("Cộng hòa"));
        assert_eq!(forms("Thành uỷ"), forms("Thành ủy"));
    }

    #[test]
    fn nfd_and_nfc_analyze_alike() {
        use unicode_normalization::UnicodeNormalization;
        let nfc = "Tổng Bí thư Tô Lâm chỉ đạo Thành uỷ Hà Nội";
        let nfd: String = nfc.nfd().collect();
        assert_eq!(forms(nfc), forms(&nfd));
    }

    proptest::proptest! {
        #[test]
        fn analysis_never_panics_and_ranges_are_char_boundaries(text in "\\PC*") {
            for word in analyze(&text) {
                proptest::prop_assert!(text.is_char_boundary(word.range.start));
                proptest::prop_assert!(text.is_char_boundary(word.range.end));
                let refolded = fold::fold(&word.folded).into_owned();
                proptest::prop_assert_eq!(refolded, word.folded);
            }
        }

        #[test]
        fn vietnamese_text_analyzes_alike_in_nfc_and_nfd(
            text in "[a-zA-Z àáảãạăằắẳẵặâầấẩẫậđèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵĐÐ.,]{0,60}"
        ) {
            use unicode_normalization::UnicodeNormalization;
            let nfd: String = text.nfd().collect();
            proptest::prop_assert_eq!(forms(&text), forms(&nfd));
        }
    }

    #[test]
    fn marked_words_are_told_apart() {
        let words = analyze("ban bàn");
        assert!(!words[0].is_marked());
        assert!(words[1].is_marked());
    }
}
