//! Which bytes of a stored text to highlight for a query: every word whose folded form the
//! query asks for (so a folded-only match shows why it matched), phrases only where the whole
//! phrase stands, and neighbouring highlighted words joined into one range.

use std::ops::Range;

use super::query::{Group, QueryPlan};
use crate::analysis::map_folded;

/// Byte ranges of `text` to highlight for `plan`, sorted, not overlapping.
pub fn highlights(text: &str, plan: &QueryPlan) -> Vec<Range<usize>> {
    // Each folded form the query asks for, as a number (its place in this list: a query has
    // few words, and most words of a text differ from them in length, so comparing beats
    // hashing every word); other words are `OTHER`.
    let mut ids: Vec<&str> = Vec::new();
    for word in plan.groups.iter().flat_map(Group::words) {
        if !ids.contains(&word.folded.as_str()) {
            ids.push(&word.folded);
        }
    }
    let id = |word: &str| ids.iter().position(|&id| id == word).unwrap_or(OTHER);
    let (ranges, folded): (Vec<Range<usize>>, Vec<usize>) =
        map_folded(text, id).into_iter().unzip();
    let single: Vec<usize> = plan
        .groups
        .iter()
        .filter_map(|g| match g {
            Group::Word(w) => Some(id(&w.folded)),
            Group::Phrase(_) => None,
        })
        .collect();
    let mut marked: Vec<bool> = folded.iter().map(|w| single.contains(w)).collect();
    for group in &plan.groups {
        if let Group::Phrase(phrase) = group {
            let wanted: Vec<usize> = phrase.iter().map(|w| id(&w.folded)).collect();
            mark_phrase(&folded, &wanted, &mut marked);
        }
    }
    join_neighbours(text, &ranges, &marked)
}

/// The number of a word the query does not ask for.
const OTHER: usize = usize::MAX;

fn mark_phrase(folded: &[usize], wanted: &[usize], marked: &mut [bool]) {
    if wanted.is_empty() || folded.len() < wanted.len() {
        return;
    }
    for start in 0..=folded.len() - wanted.len() {
        if folded[start..start + wanted.len()] == *wanted {
            marked[start..start + wanted.len()].fill(true);
        }
    }
}

/// Marked words separated only by spaces become one range: "Hà Nội", not "Hà" and "Nội".
fn join_neighbours(text: &str, ranges: &[Range<usize>], marked: &[bool]) -> Vec<Range<usize>> {
    let mut out: Vec<Range<usize>> = Vec::new();
    for (range, _) in ranges.iter().zip(marked).filter(|(_, &m)| m) {
        match out.last_mut() {
            Some(last) if text[last.end..range.start].trim().is_empty() => last.end = range.end,
            _ => out.push(range.clone()),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn assert_highlights(text: &str, query: &str, expected: &[&str]) {
        let got: Vec<&str> = highlights(text, &QueryPlan::parse(query))
            .into_iter()
            .map(|r| &text[r])
            .collect();
        assert_eq!(got, expected, "highlights of {query:?} in {text:?}");
    }

    #[test]
    fn highlights_words_as_written() {
        let text = "Thành uỷ Hà Nội, HÐND và UBND TP Hà Nội";
        assert_highlights(text, "ha noi", &["Hà Nội", "Hà Nội"]);
        assert_highlights(text, "Thành ủy", &["Thành uỷ"]);
        assert_highlights(text, "hdnd", &["HÐND"]);
    }

    #[test]
    fn highlights_folded_matches_of_accented_queries() {
        assert_highlights("Ban Chấp hành để bàn việc", "bàn", &["Ban", "bàn"]);
    }

    #[test]
    fn phrases_only_where_whole() {
        let text = "Nội dung của Hà Giang và Hà Nội";
        assert_highlights(text, "\"hà nội\"", &["Hà Nội"]);
    }

    #[test]
    fn highlights_nfd_text_at_its_own_offsets() {
        let nfd = "Thu\u{309} đô Ha\u{300} No\u{323}\u{302}i";
        assert_highlights(nfd, "Hà Nội", &["Ha\u{300} No\u{323}\u{302}i"]);
    }
}
