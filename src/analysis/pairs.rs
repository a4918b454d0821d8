//! Pairs of adjacent common syllables, indexed together as one term (Lucene's "common grams").
//!
//! Vietnamese words are built of syllables, and the commonest syllables ("có", "các", "trong",
//! "nước", "quốc", "gia") each stand in a fifth to a half of all passages. A phrase of two such
//! syllables is slow as positions: its passages are the intersection of two posting lists that
//! hold most of the index, each checked position by position. Indexed as a pair term, the same
//! phrase reads one posting list of the passages that hold it.
//!
//! Which pairs: those whose syllables each stand in at least one passage in twenty. A query of
//! two words is as slow as the rarer word's list is long, and most Vietnamese words are two
//! syllables ("quốc hội", "giai đoạn", "nghiệp vụ"): with their pair indexed, the passages where
//! they stand side by side are read from one short list, scored from its counts. The shares come
//! from 398,679 passages of Vietnamese news (`common_syllables.tsv`), so the set of pairs is
//! fixed, whatever the corpus: an index is built and queried with the same pairs.

use std::sync::LazyLock;

use rustc_hash::FxHashMap;

/// A pair is indexed when each syllable stands in at least this share of passages. (Until
/// format `vnsearch-13`, when their shares had to multiply to 3% or more: 29% of the words of
/// news began a pair then, 61% now; two-word queries of less common syllables read positions.)
pub const PAIR_THRESHOLD: f32 = 0.05;

/// Separates the two syllables of a pair term: no folded syllable holds a space.
const SEPARATOR: char = ' ';

/// The term standing for a word that ends no pair, so that the pairs field counts one term per
/// word, as the folded field does: its lengths are then the folded field's, by which a phrase
/// is scored, and the best score tantivy keeps for each block of a pair's postings is the
/// phrase's (see `search::block_maxima`). A lone separator: a pair term holds a syllable on
/// each side of it.
pub const FILLER: &str = " ";

/// `syllable\tshare` lines (folded form, share of passages in 0..1), comments after `#`.
const TABLE: &str = include_str!("common_syllables.tsv");

/// The shares by [`key`]: every word of every text indexed is looked up, so the look-up hashes
/// one integer and compares no strings.
static SHARES: LazyLock<FxHashMap<u64, f32>> = LazyLock::new(|| parse(TABLE));

fn parse(table: &str) -> FxHashMap<u64, f32> {
    table
        .lines()
        .filter(|line| !line.starts_with('#'))
        .filter_map(|line| {
            let (syllable, share) = line.split_once('\t')?;
            Some((key(syllable)?, share.trim().parse().ok()?))
        })
        .collect()
}

/// A word of at most 8 bytes as one integer, its bytes zero-padded (no word holds a zero
/// byte); longer words are no common syllable.
fn key(word: &str) -> Option<u64> {
    let bytes = word.as_bytes();
    // Built in a register: copying into a padded array called memcpy, and reading the array
    // back as one integer stalled on the copy's narrower stores.
    (bytes.len() <= 8).then(|| {
        bytes
            .iter()
            .rev()
            .fold(0, |key, &byte| key << 8 | u64::from(byte))
    })
}

/// The share of passages holding the folded syllable, 0 for one outside the table.
pub fn share(folded: &str) -> f32 {
    key(folded)
        .and_then(|key| SHARES.get(&key).copied())
        .unwrap_or(0.0)
}

/// Whether two adjacent syllables whose shares are given form an indexed pair.
pub fn is_pair(first_share: f32, second_share: f32) -> bool {
    first_share.min(second_share) >= PAIR_THRESHOLD
}

/// The pair term of two adjacent folded syllables, when they form an indexed pair.
pub fn pair_term(first: &str, second: &str) -> Option<String> {
    is_pair(share(first), share(second)).then(|| join(first, second))
}

/// The text of the pair term of two folded syllables.
pub fn join(first: &str, second: &str) -> String {
    let mut term = String::with_capacity(first.len() + second.len() + 1);
    push_pair(&mut term, first, second);
    term
}

/// Appends the pair term of two folded syllables to `out`.
pub fn push_pair(out: &mut String, first: &str, second: &str) {
    out.push_str(first);
    out.push(SEPARATOR);
    out.push_str(second);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::analyze;

    #[test]
    fn every_line_of_the_table_parses_into_a_folded_syllable() {
        let rows = TABLE.lines().filter(|line| !line.starts_with('#'));
        let mut previous = f32::INFINITY;
        for row in rows {
            let (syllable, share) = row.split_once('\t').expect("syllable\\tshare");
            let share: f32 = share.parse().expect("a share");
            assert!((0.0..=1.0).contains(&share), "{row}");
            assert!(share <= previous, "sorted by share, largest first: {row}");
            previous = share;
            let words = analyze(syllable);
            assert_eq!(words.len(), 1, "{row}");
            assert_eq!(words[0].folded, syllable, "{row}");
            assert!(!syllable.contains(SEPARATOR));
            assert_eq!(super::share(syllable), share, "{row}");
        }
        assert_eq!(
            SHARES.len(),
            TABLE.lines().filter(|l| !l.starts_with('#')).count()
        );
    }

    #[test]
    fn a_key_is_the_word_s_bytes_zero_padded_up_to_eight_bytes() {
        assert_eq!(key("trong"), Some(u64::from_le_bytes(*b"trong\0\0\0")));
        assert_eq!(key("nghiêng"), Some(u64::from_le_bytes(*b"nghi\xc3\xaang")));
        assert_eq!(key("nghiêngg"), None);
        assert_ne!(key("tr"), key("rt"));
        assert!(
            share("trong") > 0.1,
            "a common syllable is found by its key"
        );
    }

    #[test]
    fn common_syllables_pair_and_others_do_not() {
        // "trong nước", "của các", "quốc gia": the phrases the bench found slowest.
        assert_eq!(pair_term("trong", "nuoc").as_deref(), Some("trong nuoc"));
        assert!(pair_term("cua", "cac").is_some());
        assert!(pair_term("quoc", "gia").is_some());
        // A common syllable beside a rare one: the rare one's posting list is short anyway.
        assert_eq!(pair_term("co", "ngheo"), None);
        assert_eq!(pair_term("xoa", "doi"), None);
        // "bền vững": "vững" stands in fewer than one passage in twenty (0.047).
        assert_eq!(pair_term("ben", "vung"), None);
        // Two-syllable words of syllables each in one passage in twenty or more, whose shares
        // multiply to 1% or less: pairs since format 13.
        assert_eq!(pair_term("nghiep", "vu").as_deref(), Some("nghiep vu"));
        assert!(pair_term("giai", "doan").is_some());
        assert!(pair_term("han", "quoc").is_some());
        assert_eq!(pair_term("to", "lam").as_deref(), Some("to lam"));
        assert_eq!(share("xyzzy"), 0.0);
        // Longer than a key holds, and a listed syllable's prefix or extension.
        assert_eq!(share("chuyendoiso"), 0.0);
        assert_eq!(share("tron"), 0.0);
        assert_eq!(share("trongg"), 0.0);
    }

    /// The pairs are part of the index format: an index built with other pairs would miss
    /// phrases. A change to the table, the threshold or the rule must bump `FORMAT_VERSION` (so
    /// that older indexes are rebuilt) and then this fingerprint: how many pair terms the
    /// table's syllables make, and a hash of them in the table's order (a syllable outside the
    /// table pairs with none, asserted in `common_syllables_pair_and_others_do_not`).
    #[test]
    fn the_pairs_are_those_of_the_format_version() {
        let syllables: Vec<&str> = TABLE
            .lines()
            .filter(|line| !line.starts_with('#'))
            .filter_map(|line| line.split_once('\t').map(|(syllable, _)| syllable))
            .collect();
        let mut terms = String::new();
        for first in &syllables {
            for second in &syllables {
                if let Some(term) = pair_term(first, second) {
                    terms.push_str(&term);
                    terms.push('\n');
                }
            }
        }
        assert_eq!(
            (
                crate::index::schema::FORMAT_VERSION,
                terms.lines().count(),
                xxhash_rust::xxh3::xxh3_64(terms.as_bytes())
            ),
            ("vnsearch-14", 104_976, 15_871_662_201_167_128_491),
            "the pairs changed: bump FORMAT_VERSION, then this fingerprint"
        );
    }

    #[test]
    fn the_rule_is_symmetric_and_monotone_in_the_shares() {
        assert!(is_pair(0.5, 0.05));
        assert!(is_pair(0.05, 0.5));
        assert!(is_pair(0.06, 0.06), "whatever their product");
        assert!(!is_pair(0.5, 0.049));
        assert!(!is_pair(0.049, 0.9));
        assert_eq!(join("quoc", "gia"), "quoc gia");
    }
}
