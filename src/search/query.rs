//! User text → tantivy query. Words are matched in the folded form, so a query typed without
//! accents finds accented text. A query typed with accents is searched as typed first (marked
//! words in their accented form); when that finds too few, it matches any marks and also scores
//! the accented form, so exact-accent matches rank above folded-only ones. Adjacent query words
//! score again as a phrase; a quoted phrase must match as a phrase. Phrases are matched in the
//! folded form, whose positions are indexed, and their adjacent common syllables read from their
//! pair term (see `analysis::pairs`). The title's words are indexed with every passage of the
//! article (see the schema), so they lift all its passages.

use tantivy::query::{BooleanQuery, BoostQuery, Occur, Query, QueryClone, TermQuery};
use tantivy::schema::IndexRecordOption;
use tantivy::Term;

use super::all_words::AllWordsQuery;
use super::checked_phrase::{required_term, CheckedPhraseQuery};
use super::pair_phrase::PairPhraseQuery;
use crate::analysis::{analyze, pairs, Word};
use crate::index::Fields;

/// Weight of an exact-accent match over a folded one, for queries typed with accents.
pub const ACCENT_BOOST: f32 = 2.0;
/// Weight of two query words found side by side in the passage.
pub const ADJACENT_BOOST: f32 = 1.0;

/// A parsed query: what the user asked for, before it becomes a tantivy query.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct QueryPlan {
    pub groups: Vec<Group>,
    /// The user typed Vietnamese marks somewhere: prefer exact-accent matches.
    pub accented: bool,
}

/// One required part of a query.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Group {
    /// A bare word.
    Word(Word),
    /// A quoted phrase of two or more words.
    Phrase(Vec<Word>),
}

/// Which spellings of the typed words a query matches, when the user typed marks somewhere.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Spelling {
    /// Marked words as typed (their accented form), unmarked words with any marks: "đồng" is
    /// neither "dong" nor "động", "dong" is all of them. Searched first: one term per word, so
    /// the ranking prunes as well as on a plain index.
    AsTyped,
    /// Every word with any marks, the typed spelling scoring higher.
    AnyMarks,
    /// Every word with any marks, no spelling scoring higher: how [`Spelling::AnyMarks`] scores
    /// the passages that hold no marked word as typed.
    Folded,
}

/// Whether every group must match, or any one.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mode {
    All,
    Any,
}

impl QueryPlan {
    /// Parses user text: `"quoted words"` (straight or curly quotes) form phrases.
    pub fn parse(text: &str) -> QueryPlan {
        let mut groups = Vec::new();
        for (index, part) in text.split(['"', '“', '”']).enumerate() {
            let words = analyze(part);
            let quoted = index % 2 == 1;
            if quoted && words.len() > 1 {
                groups.push(Group::Phrase(words));
            } else {
                groups.extend(words.into_iter().map(Group::Word));
            }
        }
        let accented = groups.iter().flat_map(Group::words).any(Word::is_marked);
        QueryPlan { groups, accented }
    }

    pub fn is_empty(&self) -> bool {
        self.groups.is_empty()
    }

    /// The tantivy query for this plan.
    pub fn to_query(&self, fields: &Fields, mode: Mode, spelling: Spelling) -> Box<dyn Query> {
        let occur = match mode {
            Mode::All => Occur::Must,
            Mode::Any => Occur::Should,
        };
        let mut clauses: Vec<(Occur, Box<dyn Query>)> = self
            .groups
            .iter()
            .map(|group| (occur, self.phrase_in(group.words(), fields, spelling)))
            .collect();
        let mut adjacent = Vec::new();
        let mut pair_terms = Vec::new();
        for pair in self.groups.windows(2) {
            if let [Group::Word(a), Group::Word(b)] = pair {
                let phrase = self.phrase_in(&[a.clone(), b.clone()], fields, spelling);
                let phrase = boost(phrase, ADJACENT_BOOST);
                adjacent.push(phrase.box_clone());
                pair_terms.push(pair_term(fields, a, b));
                clauses.push((Occur::Should, phrase));
            }
        }
        let exact = all_of(clauses);
        match self.word_terms(fields, spelling) {
            Some((words, folded)) if mode == Mode::All && words.len() > 1 => Box::new(
                AllWordsQuery::new(words, folded, adjacent, pair_terms, ADJACENT_BOOST, exact),
            ),
            _ => exact,
        }
    }

    /// When every group is a bare word matched as one term: each word's scored term, and its
    /// folded term (see [`AllWordsQuery`]).
    fn word_terms(&self, fields: &Fields, spelling: Spelling) -> Option<(Vec<Term>, Vec<Term>)> {
        let mut words = Vec::with_capacity(self.groups.len());
        let mut folded = Vec::with_capacity(self.groups.len());
        for group in &self.groups {
            let Group::Word(word) = group else {
                return None;
            };
            words.push(self.word_term(fields, word, spelling)?);
            folded.push(Term::from_field_text(fields.text_folded, &word.folded));
        }
        Some((words, folded))
    }

    /// The one term a bare word is matched by: its folded form, or its accented form for a
    /// marked word searched as typed; `None` when both spellings score it
    /// ([`Spelling::AnyMarks`]).
    fn word_term(&self, fields: &Fields, word: &Word, spelling: Spelling) -> Option<Term> {
        let marked = self.accented && word.is_marked();
        match spelling {
            Spelling::AsTyped if marked => Some(Term::from_field_text(fields.text, &word.accented)),
            Spelling::AnyMarks if marked => None,
            _ => Some(Term::from_field_text(fields.text_folded, &word.folded)),
        }
    }

    /// The words side by side (one word: the word alone), in the passage or its article's
    /// title (one field: see the schema). Positions are kept in the folded form only: a phrase
    /// typed with marks is the folded phrase, in passages that also hold its marked words as
    /// typed ([`Spelling::AsTyped`]), or scoring its marked words' accented forms again
    /// ([`Spelling::AnyMarks`]).
    fn phrase_in(&self, words: &[Word], fields: &Fields, spelling: Spelling) -> Box<dyn Query> {
        if let [word] = words {
            return match self.word_term(fields, word, spelling) {
                Some(term) => term_query(term),
                None => with_accented(folded_term(fields, word), accented_term(fields, word)),
            };
        }
        // As typed, the marked words are required in their accented form.
        let as_typed: Vec<Term> = match spelling {
            Spelling::AsTyped if self.accented => words
                .iter()
                .filter(|w| w.is_marked())
                .map(|w| Term::from_field_text(fields.text, &w.accented))
                .collect(),
            _ => Vec::new(),
        };
        let phrase = folded_phrase(fields, words, as_typed);
        if !(self.accented && spelling == Spelling::AnyMarks) {
            return phrase;
        }
        let mut clauses = vec![(Occur::Must, phrase)];
        for word in words.iter().filter(|w| w.is_marked()) {
            clauses.push((
                Occur::Should,
                boost(accented_term(fields, word), ACCENT_BOOST),
            ));
        }
        all_of(clauses)
    }
}

/// The folded query, the accented one scoring again where it matches too. Every passage
/// holding the accented form holds the folded one, so this matches and scores as the union of
/// the two; but a passage is found by seeking the folded term alone, not a union of two.
fn with_accented(folded: Box<dyn Query>, accented: Box<dyn Query>) -> Box<dyn Query> {
    Box::new(BooleanQuery::new(vec![
        (Occur::Must, folded),
        (Occur::Should, boost(accented, ACCENT_BOOST)),
    ]))
}

fn accented_term(fields: &Fields, word: &Word) -> Box<dyn Query> {
    term_query(Term::from_field_text(fields.text, &word.accented))
}

pub(super) fn term_query(term: Term) -> Box<dyn Query> {
    Box::new(TermQuery::new(term, IndexRecordOption::WithFreqs))
}

impl Group {
    pub fn words(&self) -> &[Word] {
        match self {
            Group::Word(word) => std::slice::from_ref(word),
            Group::Phrase(words) => words,
        }
    }
}

fn folded_term(fields: &Fields, word: &Word) -> Box<dyn Query> {
    term_query(Term::from_field_text(fields.text_folded, &word.folded))
}

/// Two or more words side by side in the folded form, in passages holding the `required`
/// terms too (scoring nothing). Adjacent common syllables are read from their pair term: a
/// phrase of two is the pair's posting list, scored as the phrase; in a longer one the pairs
/// are required too, and positions are read only where the passage holds every term and could
/// still rank (see [`CheckedPhraseQuery`]).
fn folded_phrase(fields: &Fields, words: &[Word], mut required: Vec<Term>) -> Box<dyn Query> {
    let terms: Vec<Term> = words
        .iter()
        .map(|w| Term::from_field_text(fields.text_folded, &w.folded))
        .collect();
    let pairs: Vec<Term> = words
        .windows(2)
        .filter_map(|pair| pair_term(fields, &pair[0], &pair[1]))
        .collect();
    if let ([first, second], [pair]) = (terms.as_slice(), pairs.as_slice()) {
        let phrase = PairPhraseQuery::new(pair.clone(), [first.clone(), second.clone()]);
        let mut clauses: Vec<(Occur, Box<dyn Query>)> = vec![(Occur::Must, Box::new(phrase))];
        clauses.extend(required.into_iter().map(required_term));
        return all_of(clauses);
    }
    required.extend(pairs);
    Box::new(CheckedPhraseQuery::new(terms, required))
}

/// The pair term of two neighbouring words, when both are common syllables (see
/// `analysis::pairs`).
fn pair_term(fields: &Fields, first: &Word, second: &Word) -> Option<Term> {
    let pair = pairs::pair_term(&first.folded, &second.folded)?;
    Some(Term::from_field_text(fields.text_pairs, &pair))
}

/// The clauses as one boolean query; a single clause as itself, so that one word stays a bare
/// term query or a flat union of terms, which tantivy ranks with block-max WAND (several times
/// faster than the same inside a boolean query of one clause).
pub(super) fn all_of(mut clauses: Vec<(Occur, Box<dyn Query>)>) -> Box<dyn Query> {
    match clauses.len() {
        1 => clauses.remove(0).1,
        _ => Box::new(BooleanQuery::new(clauses)),
    }
}

pub(super) fn boost(query: Box<dyn Query>, weight: f32) -> Box<dyn Query> {
    Box::new(BoostQuery::new(query, weight))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shape(text: &str) -> Vec<String> {
        QueryPlan::parse(text)
            .groups
            .iter()
            .map(|g| match g {
                Group::Word(w) => w.folded.to_string(),
                Group::Phrase(ws) => {
                    let words: Vec<&str> = ws.iter().map(|w| w.folded.as_str()).collect();
                    format!("\"{}\"", words.join(" "))
                }
            })
            .collect()
    }

    #[test]
    fn parses_words_and_quoted_phrases() {
        assert_eq!(shape("ha noi"), ["ha", "noi"]);
        assert_eq!(
            shape("\"Thành uỷ Hà Nội\" chuyển đổi"),
            ["\"thanh uy ha noi\"", "chuyen", "doi"]
        );
        assert_eq!(shape("“Tô Lâm” “x"), ["\"to lam\"", "x"]);
        assert_eq!(shape("\"bàn\""), ["ban"]);
        assert!(QueryPlan::parse(" , … \"\" ").is_empty());
    }

    /// The (field, term) pairs a query reads, as "text:đồng" or "text_folded:dong".
    fn terms(text: &str, spelling: Spelling) -> Vec<String> {
        let schema = crate::index::schema::schema();
        let fields = Fields::of(&schema).expect("fields");
        let query = QueryPlan::parse(text).to_query(&fields, Mode::All, spelling);
        let mut terms = Vec::new();
        query.query_terms(&mut |term, _| {
            let field = schema.get_field_name(term.field());
            let value = term.value();
            terms.push(format!("{field}:{}", value.as_str().unwrap_or_default()));
        });
        terms.sort();
        terms.dedup();
        terms
    }

    #[test]
    fn as_typed_reads_marked_words_accented_and_the_rest_folded() {
        // "dong dong" is a pair of common syllables: the adjacency reads it too.
        assert_eq!(
            terms("đồng dong", Spelling::AsTyped),
            ["text:đồng", "text_folded:dong", "text_pairs:dong dong"]
        );
        // The accented field holds marked words only: "dong" is read folded.
        assert_eq!(
            terms("đồng dong", Spelling::AnyMarks),
            ["text:đồng", "text_folded:dong", "text_pairs:dong dong"]
        );
        assert_eq!(
            terms("đồng", Spelling::AnyMarks),
            ["text:đồng", "text_folded:dong"]
        );
        assert_eq!(terms("đồng", Spelling::AsTyped), ["text:đồng"]);
        assert_eq!(terms("đồng", Spelling::Folded), ["text_folded:dong"]);
        // Unmarked queries read the folded form whichever the spelling.
        assert_eq!(terms("dong", Spelling::AsTyped), ["text_folded:dong"]);
        assert_eq!(terms("dong", Spelling::AnyMarks), ["text_folded:dong"]);
    }

    #[test]
    fn phrases_of_common_syllables_read_their_pairs() {
        // Two common syllables: the pair alone stands for the folded phrase.
        assert_eq!(
            terms("\"trong nuoc\"", Spelling::AsTyped),
            [
                "text_folded:nuoc",
                "text_folded:trong",
                "text_pairs:trong nuoc"
            ]
        );
        // Typed with marks: the folded phrase, with the marked words as typed.
        assert_eq!(
            terms("\"của các\"", Spelling::AsTyped),
            [
                "text:các",
                "text:của",
                "text_folded:cac",
                "text_folded:cua",
                "text_pairs:cua cac"
            ]
        );
        assert_eq!(
            terms("\"trong nước\"", Spelling::AsTyped),
            [
                "text:nước",
                "text_folded:nuoc",
                "text_folded:trong",
                "text_pairs:trong nuoc"
            ]
        );
        // Three syllables: positions checked where both pairs are.
        assert_eq!(
            terms("\"chuyen doi so\"", Spelling::AsTyped),
            [
                "text_folded:chuyen",
                "text_folded:doi",
                "text_folded:so",
                "text_pairs:chuyen doi",
                "text_pairs:doi so"
            ]
        );
        // A rare syllable: positions only, its posting list is short.
        assert_eq!(
            terms("\"xoa ngheo\"", Spelling::AsTyped),
            ["text_folded:ngheo", "text_folded:xoa"]
        );
    }

    #[test]
    fn accents_typed_anywhere_mark_the_query() {
        assert!(!QueryPlan::parse("thanh uy ha noi").accented);
        assert!(QueryPlan::parse("Ban chấp hành").accented);
        assert!(QueryPlan::parse("HĐND").accented);
        assert!(!QueryPlan::parse("hdnd").accented);
    }
}
