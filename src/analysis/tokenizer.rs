//! The tantivy tokenizers: one syllable per token, in the accented or the folded form, with
//! byte offsets into the text as written; and the pairs of adjacent common syllables (see
//! [`pairs`]).

use std::cell::RefCell;
use std::sync::{Arc, LazyLock, Mutex};

use crossbeam_utils::CachePadded;
use rustc_hash::FxHashMap;
use tantivy::tokenizer::{Token, TokenStream, Tokenizer};

use super::{analyze, pairs, Form, Word};

/// Texts whose analysis an indexing thread keeps, the most recently used last: a passage is
/// indexed in three fields, and its article's title in three more with every passage. The
/// preparing threads add their articles' passages interleaved, so an indexing thread sees a few
/// titles in turn; each is analyzed once while its article is being added.
const RECENT: usize = 8;

/// Most analyses waiting in the hand-off; beyond it they are dropped (and redone), so a text
/// handed off but never indexed cannot hold memory for long.
const MAX_HANDED_OFF: usize = 100_000;

thread_local! {
    static RECENT_WORDS: RefCell<Vec<(String, Arc<Vec<Word>>)>> = const { RefCell::new(Vec::new()) };
}

/// Analyses made by the thread that prepares documents (for topic tagging), waiting for the
/// tantivy thread that indexes the same text. On a cache line of its own: every thread of a
/// build locks it for every text, and the read-only tables that shared its line (the syllable
/// shares, looked up for every word) were re-read from memory on each of those writes.
static HANDED_OFF: LazyLock<CachePadded<Mutex<Analyses>>> =
    LazyLock::new(|| CachePadded::new(Mutex::new(FxHashMap::default())));

/// Texts and their words.
type Analyses = FxHashMap<String, Arc<Vec<Word>>>;

/// Analyzes a text about to be indexed, and hands the words on to the tokenizer that will
/// index it, so the text is analyzed once in all.
pub fn analyze_for_indexing(text: &str) -> Arc<Vec<Word>> {
    let words = Arc::new(analyze(text));
    if let Ok(mut waiting) = HANDED_OFF.lock() {
        if waiting.len() >= MAX_HANDED_OFF {
            waiting.clear();
        }
        waiting.insert(text.to_string(), Arc::clone(&words));
    }
    words
}

/// The words of `text`: from this thread's recent analyses, from the hand-off, or analyzed.
fn words_of(text: &str) -> Arc<Vec<Word>> {
    RECENT_WORDS.with(|recent| {
        let mut recent = recent.borrow_mut();
        if let Some(at) = recent.iter().position(|(seen, _)| seen == text) {
            recent[at..].rotate_left(1);
            return Arc::clone(&recent[recent.len() - 1].1);
        }
        let handed = HANDED_OFF.lock().ok().and_then(|mut w| w.remove(text));
        let words = handed.unwrap_or_else(|| Arc::new(analyze(text)));
        if recent.len() == RECENT {
            recent.remove(0);
        }
        recent.push((text.to_string(), Arc::clone(&words)));
        words
    })
}

/// A tantivy tokenizer producing the given [`Form`] of every word.
#[derive(Clone, Copy, Debug)]
pub struct VietTokenizer {
    form: Form,
}

impl VietTokenizer {
    pub fn new(form: Form) -> Self {
        VietTokenizer { form }
    }
}

/// The tokens of one text, read from its words one at a time into a single reused token, so
/// indexing allocates nothing per token.
pub struct VietTokenStream {
    words: Arc<Vec<Word>>,
    form: Form,
    next: usize,
    token: Token,
}

impl Tokenizer for VietTokenizer {
    type TokenStream<'a> = VietTokenStream;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> VietTokenStream {
        VietTokenStream {
            words: words_of(text),
            form: self.form,
            next: 0,
            token: Token::default(),
        }
    }
}

impl TokenStream for VietTokenStream {
    fn advance(&mut self) -> bool {
        // Unmarked, a word's accented form is its folded one, which the folded field holds:
        // the accented field holds marked words only.
        let skip_unmarked = self.form == Form::Accented;
        while self
            .words
            .get(self.next)
            .is_some_and(|word| skip_unmarked && !word.is_marked())
        {
            self.next += 1;
        }
        let Some(word) = self.words.get(self.next) else {
            return false;
        };
        let token = &mut self.token;
        token.offset_from = word.range.start;
        token.offset_to = word.range.end;
        token.position = self.next;
        token.position_length = 1;
        token.text.clear();
        token.text.push_str(word.form(self.form));
        self.next += 1;
        true
    }

    fn token(&self) -> &Token {
        &self.token
    }

    fn token_mut(&mut self) -> &mut Token {
        &mut self.token
    }
}

/// A tantivy tokenizer producing, for every word, the pair term it ends with the word before
/// when the two form an indexed pair ("trong nuoc", at the first syllable's position), and
/// [`pairs::FILLER`] otherwise: one term per word, as in the folded field.
#[derive(Clone, Copy, Debug, Default)]
pub struct PairTokenizer;

/// The pair tokens of one text.
pub struct PairTokenStream {
    words: Arc<Vec<Word>>,
    /// The next word, to pair with the one before it.
    next: usize,
    /// The share of passages holding the word before `next`.
    previous_share: f32,
    token: Token,
}

impl Tokenizer for PairTokenizer {
    type TokenStream<'a> = PairTokenStream;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> PairTokenStream {
        PairTokenStream {
            words: words_of(text),
            next: 0,
            previous_share: 0.0,
            token: Token::default(),
        }
    }
}

impl TokenStream for PairTokenStream {
    fn advance(&mut self) -> bool {
        let Some(word) = self.words.get(self.next) else {
            return false;
        };
        let share = pairs::share(&word.folded);
        let previous_share = std::mem::replace(&mut self.previous_share, share);
        self.next += 1;
        let token = &mut self.token;
        token.text.clear();
        match self.next.checked_sub(2).map(|at| &self.words[at]) {
            Some(first) if pairs::is_pair(previous_share, share) => {
                token.offset_from = first.range.start;
                token.position = self.next - 2;
                token.position_length = 2;
                pairs::push_pair(&mut token.text, &first.folded, &word.folded);
            }
            _ => {
                token.offset_from = word.range.start;
                token.position = self.next - 1;
                token.position_length = 1;
                token.text.push_str(pairs::FILLER);
            }
        }
        token.offset_to = word.range.end;
        true
    }

    fn token(&self) -> &Token {
        &self.token
    }

    fn token_mut(&mut self) -> &mut Token {
        &mut self.token
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn assert_tokens(form: Form, text: &str, expected: &[(&str, usize, usize)]) {
        let mut tokenizer = VietTokenizer::new(form);
        let mut stream = tokenizer.token_stream(text);
        let mut got = Vec::new();
        let mut previous = None;
        while let Some(token) = stream.next() {
            assert!(previous < Some(token.position), "positions rise");
            previous = Some(token.position);
            got.push((token.text.clone(), token.offset_from, token.offset_to));
        }
        let expected: Vec<(String, usize, usize)> = expected
            .iter()
            .map(|&(t, a, b)| (t.to_string(), a, b))
            .collect();
        assert_eq!(got, expected);
    }

    #[test]
    fn accented_tokens_keep_offsets_into_nfd_source() {
        // "Hà Nội" in NFD: "Ha" + U+0300, "No" + U+0323 + U+0302 + "i".
        let nfd = "Ha\u{300} No\u{323}\u{302}i";
        assert_tokens(Form::Accented, nfd, &[("hà", 0, 4), ("nội", 5, 12)]);
        assert_tokens(Form::Folded, nfd, &[("ha", 0, 4), ("noi", 5, 12)]);
    }

    #[test]
    fn the_accented_form_holds_marked_words_only() {
        let text = "Trong nước có Hà Nội 2025";
        assert_tokens(
            Form::Accented,
            text,
            &[
                ("nước", 6, 13),
                ("có", 14, 17),
                ("hà", 18, 21),
                ("nội", 22, 27),
            ],
        );
        let mut tokenizer = VietTokenizer::new(Form::Accented);
        let mut stream = tokenizer.token_stream(text);
        let positions: Vec<usize> =
            std::iter::from_fn(|| stream.next().map(|t| t.position)).collect();
        assert_eq!(positions, [1, 2, 3, 4], "each word keeps its place");
        assert_eq!(analyze(text).len(), 6);
    }

    #[test]
    fn eth_reads_as_d_with_stroke() {
        assert_tokens(Form::Accented, "HÐND", &[("hđnd", 0, 5)]);
        assert_tokens(Form::Folded, "HÐND", &[("hdnd", 0, 5)]);
    }

    #[test]
    fn pairs_of_common_syllables_become_tokens() {
        let text = "Trong nước, của các tỉnh chuyển đổi số";
        let mut tokenizer = PairTokenizer;
        let mut stream = tokenizer.token_stream(text);
        let mut got = Vec::new();
        while let Some(token) = stream.next() {
            let written = &text[token.offset_from..token.offset_to];
            got.push((token.text.clone(), token.position, written));
        }
        assert_eq!(
            got,
            [
                // The first word ends no pair.
                (pairs::FILLER.to_string(), 0, "Trong"),
                ("trong nuoc".to_string(), 0, "Trong nước"),
                // Punctuation does not part a pair, as it does not part a phrase.
                ("nuoc cua".to_string(), 1, "nước, của"),
                ("cua cac".to_string(), 2, "của các"),
                ("cac tinh".to_string(), 3, "các tỉnh"),
                ("tinh chuyen".to_string(), 4, "tỉnh chuyển"),
                ("chuyen doi".to_string(), 5, "chuyển đổi"),
                ("doi so".to_string(), 6, "đổi số"),
            ]
        );
    }

    #[test]
    fn a_title_is_analyzed_once_while_articles_come_interleaved() {
        // Two preparing threads add their articles' passages in turn: an indexing thread sees
        // passage and title of one article, then of the other, then of the first again.
        let (title_a, title_b) = ("Tổng Bí thư Tô Lâm làm việc", "Kỳ họp thứ 9 Quốc hội");
        let first = words_of(title_a);
        for passage in ["Đoàn công tác", "thăm và làm việc", "tại tỉnh Nghệ An"] {
            words_of(passage);
            words_of(title_b);
            words_of(&format!("{passage} hôm nay"));
            assert!(Arc::ptr_eq(&first, &words_of(title_a)), "analyzed again");
        }
    }

    #[test]
    fn rare_syllables_make_no_pairs() {
        let mut tokenizer = PairTokenizer;
        let mut stream = tokenizer.token_stream("Xoá nghèo bền vững");
        let texts: Vec<String> =
            std::iter::from_fn(|| stream.next().map(|t| t.text.clone())).collect();
        assert_eq!(texts, [pairs::FILLER; 4]);
    }

    #[test]
    fn the_pairs_count_one_term_per_word_as_the_folded_form_does() {
        let texts = [
            "",
            "Quốc hội",
            "Trong nước, của các tỉnh chuyển đổi số; xoá nghèo bền vững.",
            "Tổng Bí thư Tô Lâm làm việc với Ban Thường vụ Tỉnh ủy Nghệ An 2025",
            "Ha\u{300} No\u{323}\u{302}i -- 57-NQ/TW ... !!",
        ];
        for text in texts {
            let count = |mut stream: Box<dyn TokenStream>| {
                let mut n = 0;
                while stream.advance() {
                    n += 1;
                }
                n
            };
            let folded = count(Box::new(
                VietTokenizer::new(Form::Folded).token_stream(text),
            ));
            let pairs = count(Box::new(PairTokenizer.token_stream(text)));
            assert_eq!(pairs, folded, "{text}");
            assert_eq!(pairs, analyze(text).len(), "{text}");
        }
    }
}
