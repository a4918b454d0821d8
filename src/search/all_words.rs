//! Unquoted words, every one required and each pair of neighbours scoring again when side by
//! side: the boolean query `+a +b (a b)`, ranked without reading positions where they cannot
//! change the top.
//!
//! tantivy prunes an intersection of terms by its blocks' best scores, but not one with an
//! optional phrase: it scores every passage holding every word, and the phrase's scorer, sought
//! to each, reads positions until it finds the next passage holding the phrase. Here the words
//! are intersected block by block, and a block is skipped when its words' best scores and the
//! most the phrases could add there do not beat the score the top asks for. A phrase cannot
//! stand in a passage more often than either of its words, and tantivy scores it as BM25 over
//! that count with its words' summed idf: so the words' counts in the folded form bound each
//! phrase's score, in a passage and in a block (a word typed with marks is scored in its
//! accented form, and its folded postings are read alongside for the bound), and a phrase's
//! positions are read only when that bound could lift the passage into the top; where the
//! lead word is scored folded, its count in the passage bounds the phrases beside it before
//! the other words are sought. A phrase read from a pair term no longer than the lead word's
//! list is ranked first, from the pair's list (the words sought only where the phrase's score
//! and their best could enter the top; blocks of the pair's and the words' lists skipped where
//! their best scores, read from the skip lists without decoding, cannot), then any other pair
//! whose list is at most half the lead word's, and the rest without their passages,
//! blocks skipped undecoded wherever the skip lists bound every phrase left. The
//! passages and scores are exactly the boolean query's, which this query runs as such wherever
//! it is not the whole ranking (inside another query, counting, explaining).

use std::io;
use std::sync::Mutex;

use tantivy::directory::{Directory, FileSlice};
use tantivy::fieldnorm::FieldNormReader;
use tantivy::index::SegmentId;
use tantivy::query::{Bm25Weight, EnableScoring, Explanation, Query, QueryClone, Scorer, Weight};
use tantivy::schema::Field;
use tantivy::{DocId, DocSet, Score, SeekDangerResult, SegmentReader, Term, TERMINATED};

use super::block_maxima::{field_postings, BlockMaxima};
use super::pair_phrase::{lengths, phrase_similarity, PairPhraseQuery};
use super::word_cursor::WordCursor;

/// How much a bound built from block maxima is raised before it is compared: the maxima and
/// the ratios between weights are rounded floats, and a bound must never fall below a score.
const MARGIN: Score = 1.0001;

/// A list this many times longer than the lead word's takes no part in the blocks.
const DENSE: u32 = 4;

/// A pair's list this many times shorter than the lead word's is ranked before the lead
/// word's list is walked, after the shortest pair's (see [`SegmentWords::short_phrase`]).
const SHORT_PAIR: u64 = 2;

/// Every word required, scored as `words`, each neighbouring pair scoring again as `adjacent`.
#[derive(Debug)]
pub struct AllWordsQuery {
    /// Each word's scored term: folded, or accented for a word typed with marks.
    words: Vec<Term>,
    /// Each word's folded term, whose counts bound the phrases' (the same as `words[i]` for a
    /// word scored folded).
    folded: Vec<Term>,
    /// Words `i` and `i + 1` side by side, as the boolean query scores them.
    adjacent: Vec<Box<dyn Query>>,
    /// The pair term of words `i` and `i + 1`, when they are common syllables: its list holds
    /// the passages where they stand side by side, and can drive the ranking.
    pair_terms: Vec<Option<Term>>,
    /// How much `adjacent` is boosted.
    boost: Score,
    /// The boolean query itself.
    exact: Box<dyn Query>,
}

impl AllWordsQuery {
    /// `words` and `folded` hold one term per word, two words or more; `adjacent` one query
    /// per neighbouring pair, boosted by `boost` in `exact`.
    pub fn new(
        words: Vec<Term>,
        folded: Vec<Term>,
        adjacent: Vec<Box<dyn Query>>,
        pair_terms: Vec<Option<Term>>,
        boost: Score,
        exact: Box<dyn Query>,
    ) -> AllWordsQuery {
        debug_assert!(words.len() >= 2 && words.len() == folded.len());
        debug_assert_eq!(adjacent.len() + 1, words.len());
        debug_assert_eq!(adjacent.len(), pair_terms.len());
        AllWordsQuery {
            words,
            folded,
            adjacent,
            pair_terms,
            boost,
            exact,
        }
    }
}

impl Clone for AllWordsQuery {
    fn clone(&self) -> AllWordsQuery {
        AllWordsQuery {
            words: self.words.clone(),
            folded: self.folded.clone(),
            adjacent: self.adjacent.iter().map(|q| q.box_clone()).collect(),
            pair_terms: self.pair_terms.clone(),
            boost: self.boost,
            exact: self.exact.box_clone(),
        }
    }
}

impl Query for AllWordsQuery {
    fn weight(&self, scoring: EnableScoring<'_>) -> tantivy::Result<Box<dyn Weight>> {
        let exact = self.exact.weight(scoring)?;
        let EnableScoring::Enabled {
            statistics_provider,
            searcher,
        } = scoring
        else {
            return Ok(exact);
        };
        let similarity =
            |term: &Term| Bm25Weight::for_terms(statistics_provider, std::slice::from_ref(term));
        let mut words = Vec::with_capacity(self.words.len());
        for (term, folded) in self.words.iter().zip(&self.folded) {
            words.push(WordWeight {
                term: term.clone(),
                similarity: similarity(term)?,
                folded: match folded != term {
                    true => Some((folded.clone(), similarity(folded)?)),
                    false => None,
                },
            });
        }
        let mut adjacent = Vec::with_capacity(self.adjacent.len());
        for (i, query) in self.adjacent.iter().enumerate() {
            let pair = [self.folded[i].clone(), self.folded[i + 1].clone()];
            let Some(similarity) = phrase_similarity(scoring, &pair)? else {
                return Ok(exact);
            };
            let pair = match &self.pair_terms[i] {
                Some(term) => Some(PairPhraseQuery::new(term.clone(), pair).weight(scoring)?),
                None => None,
            };
            adjacent.push(AdjacentWeight {
                weight: query.weight(scoring)?,
                pair,
                pair_term: self.pair_terms[i].clone(),
                similarity: similarity.boost_by(self.boost),
            });
        }
        Ok(Box::new(AllWordsWeight {
            words,
            adjacent,
            boost: self.boost,
            folded_field: self.folded[0].field(),
            directory: Box::new(searcher.index().directory().clone()),
            postings: Mutex::new(Vec::new()),
            exact,
        }))
    }

    fn query_terms<'a>(&'a self, visitor: &mut dyn FnMut(&'a Term, bool)) {
        self.exact.query_terms(visitor);
    }
}

struct WordWeight {
    term: Term,
    similarity: Bm25Weight,
    /// The folded term and its weight, for a word scored in another form.
    folded: Option<(Term, Bm25Weight)>,
}

impl WordWeight {
    /// The weight of the word's folded form.
    fn folded_similarity(&self) -> &Bm25Weight {
        self.folded
            .as_ref()
            .map_or(&self.similarity, |(_, similarity)| similarity)
    }
}

struct AdjacentWeight {
    weight: Box<dyn Weight>,
    /// The phrase read from its pair term alone, when it has one: with the words required, it
    /// is the phrase, and scores as it does.
    pair: Option<Box<dyn Weight>>,
    pair_term: Option<Term>,
    /// The phrase's BM25 weight, boosted as in the query.
    similarity: Bm25Weight,
}

/// A field's postings in a segment (`None` when the segment has none).
type OpenedPostings = ((SegmentId, Field), Option<FileSlice>);

struct AllWordsWeight {
    words: Vec<WordWeight>,
    adjacent: Vec<AdjacentWeight>,
    /// How much the phrases are boosted.
    boost: Score,
    folded_field: Field,
    /// The index's files, where the words' skip lists are read (see [`BlockMaxima`]).
    directory: Box<dyn Directory>,
    /// The postings of a field in a segment, as opened.
    postings: Mutex<Vec<OpenedPostings>>,
    exact: Box<dyn Weight>,
}

impl Weight for AllWordsWeight {
    fn scorer(&self, reader: &SegmentReader, boost: Score) -> tantivy::Result<Box<dyn Scorer>> {
        self.exact.scorer(reader, boost)
    }

    fn explain(&self, reader: &SegmentReader, doc: DocId) -> tantivy::Result<Explanation> {
        self.exact.explain(reader, doc)
    }

    fn count(&self, reader: &SegmentReader) -> tantivy::Result<u32> {
        self.exact.count(reader)
    }

    fn for_each_pruning(
        &self,
        threshold: Score,
        reader: &SegmentReader,
        callback: &mut dyn FnMut(DocId, Score) -> Score,
    ) -> tantivy::Result<()> {
        let Some(mut segment) = self.segment(reader)? else {
            return Ok(());
        };
        let mut threshold = threshold;
        while let Some(phrase) = segment.short_phrase() {
            // The passages holding a phrase of common syllables first, read from its pair's
            // list, the phrase with the fewest first: they lead the top, which then asks more
            // of the rest than the words alone can score, most of the time.
            self.read_maxima(reader, &mut segment)?;
            threshold = segment.rank_by_phrase(phrase, 0, threshold, callback);
            segment.opening_error()?;
            segment.pass_over(phrase);
            if segment.most() * MARGIN <= threshold {
                return Ok(());
            }
            // The rest, passing over the passages ranked, from the start of the segment.
            let Some(mut rest) = self.segment(reader)? else {
                return Ok(());
            };
            rest.take_over(&mut segment);
            segment = rest;
        }
        if let Some(required) = segment.rank(threshold, callback) {
            let Required {
                phrase,
                from,
                threshold,
            } = required;
            self.read_maxima(reader, &mut segment)?;
            segment.rank_by_phrase(phrase, from, threshold, callback);
        }
        segment.opening_error()
    }
}

impl AllWordsWeight {
    /// The words' postings and the phrases' scorers in one segment; `None` when a word is
    /// absent.
    fn segment<'a>(
        &'a self,
        reader: &'a SegmentReader,
    ) -> tantivy::Result<Option<SegmentWords<'a>>> {
        let mut scored = Vec::with_capacity(self.words.len());
        let mut folded = Vec::with_capacity(self.words.len());
        for word in &self.words {
            let Some(cursor) = WordCursor::open(reader, &word.term, word.similarity.clone())?
            else {
                return Ok(None);
            };
            scored.push(cursor);
            if let Some((term, similarity)) = &word.folded {
                let Some(cursor) = WordCursor::open(reader, term, similarity.clone())? else {
                    return Ok(None);
                };
                folded.push(Some(cursor));
            } else {
                folded.push(None);
            }
        }
        // tantivy's intersection drives from the rarest word, and adds the scores up in this
        // order (a stable sort).
        let mut order: Vec<usize> = (0..scored.len()).collect();
        order.sort_by_key(|&i| scored[i].len());
        let mut adjacent = Vec::with_capacity(self.adjacent.len());
        for (i, phrase) in self.adjacent.iter().enumerate() {
            let pair = match &phrase.pair {
                Some(pair) => Some(pair.scorer(reader, self.boost)?),
                None => None,
            };
            let ratio = |w: &WordWeight| {
                let unit = w.folded_similarity().score(0, 1);
                phrase.similarity.score(0, 1) / unit * MARGIN
            };
            adjacent.push(SegmentAdjacent {
                maxima: None,
                next: 0,
                found: None,
                cost: pair.as_ref().map_or(u64::MAX, |pair| pair.cost()),
                pair,
                passed_over: false,
                scorer: PhraseScorer::Closed(&*phrase.weight, reader),
                similarity: phrase.similarity.clone(),
                most: most(&phrase.similarity),
                ratios: [ratio(&self.words[i]), ratio(&self.words[i + 1])],
            });
        }
        Ok(Some(SegmentWords {
            shallow: Vec::new(),
            word_best: vec![0.0; scored.len()],
            block_most: vec![0.0; scored.len()],
            folded_block_most: vec![0.0; scored.len()],
            scored,
            folded,
            order,
            folded_lengths: lengths(reader, self.folded_field)?,
            adjacent,
        }))
    }

    /// Reads the blocks of the words' lists and of the pair terms from their skip lists, once
    /// per segment (`None` for a list without a full block): for ranking by a pair's list,
    /// and then the rest (see [`SegmentWords::take_over`]).
    fn read_maxima(
        &self,
        reader: &SegmentReader,
        segment: &mut SegmentWords<'_>,
    ) -> tantivy::Result<()> {
        if !segment.shallow.is_empty() {
            return Ok(());
        }
        let read = |term: &Term, similarity: &Bm25Weight| -> tantivy::Result<_> {
            Ok(match self.field_postings(reader, term.field())? {
                Some(slice) => {
                    BlockMaxima::read(&slice, reader, term, similarity, most(similarity))?
                }
                None => None,
            })
        };
        // The driving phrase's blocks bound its passages; the other pairs' bound what those
        // phrases add there.
        for (i, adjacent) in segment.adjacent.iter_mut().enumerate() {
            if let Some(term) = &self.adjacent[i].pair_term {
                adjacent.maxima = read(term, &adjacent.similarity)?;
            }
        }
        for word in &self.words {
            segment.shallow.push(read(&word.term, &word.similarity)?);
        }
        Ok(())
    }

    /// The postings of `field` in the segment, opened once per query.
    fn field_postings(
        &self,
        reader: &SegmentReader,
        field: Field,
    ) -> io::Result<Option<FileSlice>> {
        let key = (reader.segment_id(), field);
        let mut opened = self
            .postings
            .lock()
            .map_err(|_| io::Error::other("poisoned"))?;
        if let Some((_, slice)) = opened.iter().find(|(k, _)| *k == key) {
            return Ok(slice.clone());
        }
        let slice = field_postings(&*self.directory, reader, field)?;
        opened.push((key, slice.clone()));
        Ok(slice)
    }
}

/// Where a list bounds the current blocks from `doc` on: the last passage and the best score
/// of its block holding `doc` or the first passage after it, or, for a list longer than
/// `dense`, no end and its best score anywhere; `None` when it has no passage left.
fn block_of(cursor: &mut WordCursor, doc: DocId, dense: u32) -> Option<(DocId, Score)> {
    if cursor.len() > dense {
        return (cursor.doc() != TERMINATED).then(|| (TERMINATED, cursor.most()));
    }
    let end = cursor.block_at(doc)?;
    Some((end, cursor.block_most()))
}

/// More than a term can score anywhere: its weight, which the count's share in BM25
/// (`count / (count + k)`) never reaches. (tantivy's `max_score` assumes a passage's count
/// is below its length, as an upper bound only almost.)
pub(super) fn most(similarity: &Bm25Weight) -> Score {
    similarity.score(0, u32::MAX)
}

/// Where ranking by blocks stopped: from `from` on, every passage beating `threshold` must
/// hold the phrase `phrase` (index of its first word), whose passages are then the fewest
/// to read.
struct Required {
    phrase: usize,
    from: DocId,
    threshold: Score,
}

/// One segment's words and phrases.
struct SegmentWords<'a> {
    /// The words as scored, in the query's order.
    scored: Vec<WordCursor>,
    /// The folded form of a word scored in another form.
    folded: Vec<Option<WordCursor>>,
    /// The words rarest first: the first drives, and scores add up in this order.
    order: Vec<usize>,
    folded_lengths: FieldNormReader,
    /// Words `i` and `i + 1` side by side.
    adjacent: Vec<SegmentAdjacent<'a>>,
    /// Each word's best score in its current block.
    block_most: Vec<Score>,
    /// Each word's best score in its folded form's current block.
    folded_block_most: Vec<Score>,
    /// Each word's blocks read from its skip list, when a phrase has a pair term (empty
    /// until read, with the pair terms', by [`AllWordsWeight::read_maxima`]; `None` for a
    /// word without a full block).
    shallow: Vec<Option<BlockMaxima>>,
    /// Each word's best score in its block, read from its skip list, holding the passage
    /// looked at last (see [`SegmentWords::blocks_at`]).
    word_best: Vec<Score>,
}

/// The phrase of two neighbouring words in one segment.
struct SegmentAdjacent<'a> {
    /// The blocks of its pair term, read from the skip list: the pairs field has the folded
    /// field's lengths, so each block's best is the phrase's best there.
    maxima: Option<BlockMaxima>,
    scorer: PhraseScorer<'a>,
    /// No passage before this holds the phrase: where its scorer stands, or the lower bound
    /// its last `seek_danger` returned (0 until it is opened).
    next: DocId,
    /// The last passage found holding the phrase, and its score there.
    found: Option<(DocId, Score)>,
    /// How many passages hold its pair term; the most for a phrase without one.
    cost: u64,
    /// The phrase read from its pair term, when it has one, to drive the ranking.
    pair: Option<Box<dyn Scorer>>,
    /// Its passages were ranked already, from its pair's list: passed over now.
    passed_over: bool,
    similarity: Bm25Weight,
    /// The phrase's best score anywhere.
    most: Score,
    /// The phrase's weight over each of its two words' folded weight (raised by the margin):
    /// where a word's folded form scores at most `m`, the phrase scores at most `m` times this.
    ratios: [Score; 2],
}

/// A phrase's scorer, opened when a passage first needs it: tantivy's phrase scorer reads
/// positions up to its first passage as it opens, and many segments, or the second walk over
/// one, never need it.
enum PhraseScorer<'a> {
    Closed(&'a dyn Weight, &'a SegmentReader),
    Open(Box<dyn Scorer>),
    /// Opening failed: the error, until [`SegmentWords::opening_error`] takes it.
    Failed(Option<tantivy::TantivyError>),
}

impl PhraseScorer<'_> {
    /// The scorer, opened now if it was not; `None` when opening failed (kept for
    /// [`SegmentWords::opening_error`]).
    fn open(&mut self) -> Option<&mut Box<dyn Scorer>> {
        if let PhraseScorer::Closed(weight, reader) = self {
            *self = match weight.scorer(reader, 1.0) {
                Ok(scorer) => PhraseScorer::Open(scorer),
                Err(error) => PhraseScorer::Failed(Some(error)),
            };
        }
        match self {
            PhraseScorer::Open(scorer) => Some(scorer),
            _ => None,
        }
    }
}

impl SegmentAdjacent<'_> {
    /// The most the phrase can score where its words' folded forms score at most `first` and
    /// `second`.
    fn block_most(&self, first: Score, second: Score) -> Score {
        (first * self.ratios[0])
            .min(second * self.ratios[1])
            .min(self.most)
    }

    /// The phrase's score in `doc`, if it holds the phrase. `doc` never falls from call to call;
    /// the same passage asked again is answered from the last one found.
    fn score(&mut self, doc: DocId) -> Option<Score> {
        if let Some((found, score)) = self.found {
            if found == doc {
                return Some(score);
            }
        }
        if doc < self.next {
            return None;
        }
        let closed = matches!(self.scorer, PhraseScorer::Closed(..));
        let scorer = self.scorer.open()?;
        if closed {
            // Opened on its first passage holding the phrase.
            self.next = scorer.doc();
            if doc < self.next {
                return None;
            }
        }
        match scorer.seek_danger(doc) {
            SeekDangerResult::Found => {
                self.next = doc + 1;
                let score = scorer.score();
                self.found = Some((doc, score));
                Some(score)
            }
            SeekDangerResult::SeekLowerBound(next) => {
                self.next = next;
                None
            }
        }
    }
}

impl SegmentWords<'_> {
    /// The error met opening a phrase's scorer, if any: the ranking read that phrase as absent,
    /// so its result must not be used.
    fn opening_error(&mut self) -> tantivy::Result<()> {
        for adjacent in &mut self.adjacent {
            if let PhraseScorer::Failed(error) = &mut adjacent.scorer {
                if let Some(error) = error.take() {
                    return Err(error);
                }
            }
        }
        Ok(())
    }

    /// Calls `callback` with every passage holding every word whose score beats the
    /// threshold, the threshold rising as `callback` returns, walking the lead word's list
    /// block by block; stops where a phrase becomes required, and its passages are fewer
    /// than the lead word's (see [`Required`]).
    fn rank(
        &mut self,
        mut threshold: Score,
        callback: &mut dyn FnMut(DocId, Score) -> Score,
    ) -> Option<Required> {
        let most = self.most();
        // The skip lists (read after a pair's list was ranked) bound a block closely where
        // they bound every phrase left.
        let shallow =
            !self.shallow.is_empty() && (0..self.adjacent.len()).all(|i| self.skip_lists_bound(i));
        let mut doc = self.scored[self.order[0]].doc();
        while doc < TERMINATED && most * MARGIN > threshold {
            if let Some(phrase) = self.required_phrase(most, threshold) {
                return Some(Required {
                    phrase,
                    from: doc,
                    threshold,
                });
            }
            if shallow {
                // The blocks' bests read from the skip lists first: no block decoded where
                // they cannot beat the threshold.
                let (_, words, phrases, end) = self.blocks_at(None, doc);
                if (words + phrases) * MARGIN <= threshold {
                    doc = end.saturating_add(1);
                    continue;
                }
            }
            let end = self.block(doc)?;
            let bound = self.block_bound();
            if bound * MARGIN > threshold {
                threshold = self.rank_block(end, bound, threshold, callback);
            }
            doc = end.saturating_add(1);
        }
        None
    }

    /// A phrase that every passage beating `threshold` must hold, when its pair term drives
    /// (see [`Self::pair_drives`]): all the words and the other phrases at their
    /// best (`most` with this phrase) do not beat the threshold.
    fn required_phrase(&self, most: Score, threshold: Score) -> Option<usize> {
        (0..self.adjacent.len())
            .find(|&i| self.pair_drives(i) && (most - self.adjacent[i].most) * MARGIN <= threshold)
    }

    /// Whether the skip lists bound phrase `i` block by block: passed over, read from a pair
    /// term, or beside a word scored folded (whose count bounds the phrase's).
    fn skip_lists_bound(&self, i: usize) -> bool {
        let phrase = &self.adjacent[i];
        phrase.passed_over
            || phrase.cost != u64::MAX
            || self.folded[i].is_none()
            || self.folded[i + 1].is_none()
    }

    /// More than a passage can score: every word and phrase at its best (a phrase passed over
    /// counts none).
    fn most(&self) -> Score {
        let words: Score = self.scored.iter().map(WordCursor::most).sum();
        let phrases: Score = self.adjacent.iter().map(|a| a.most).sum();
        words + phrases
    }

    /// The phrase with the fewest passages among those whose pair term drives (see
    /// [`Self::pair_drives`]), to be ranked before the lead word's list is walked: the
    /// first such, or another one when its pair's list is [`SHORT_PAIR`] times shorter than
    /// the lead word's (else the walk over the lead word's blocks costs less than seeking
    /// every word in each of its passages: "sắp xếp đơn vị hành chính", its second pair's list
    /// 53% of the lead word's, took 1.36× the instructions ranked first).
    fn short_phrase(&self) -> Option<usize> {
        let first = !self.adjacent.iter().any(|a| a.passed_over);
        let lead = u64::from(self.scored[self.order[0]].len());
        (0..self.adjacent.len())
            .filter(|&i| self.pair_drives(i))
            .min_by_key(|&i| self.adjacent[i].cost)
            .filter(|&i| first || self.adjacent[i].cost.saturating_mul(SHORT_PAIR) <= lead)
    }

    /// Whether the phrase's pair term (not passed over) drives the ranking, first or once the
    /// phrase is required: when its list is no longer than the lead word's. Driving costs
    /// little per passage of the pair: its score is read from the pair's postings, and the
    /// words are sought only where that score and their best could still enter the top.
    fn pair_drives(&self, phrase: usize) -> bool {
        let lead = u64::from(self.scored[self.order[0]].len());
        !self.adjacent[phrase].passed_over && self.adjacent[phrase].cost <= lead
    }

    /// Takes over from `walked`, the same segment after pairs' lists were ranked: the blocks
    /// read from its skip lists (see [`AllWordsWeight::read_maxima`]), to be looked up again
    /// from the start, and the phrases it passed over.
    fn take_over(&mut self, walked: &mut SegmentWords<'_>) {
        self.shallow = std::mem::take(&mut walked.shallow);
        for (i, walked) in walked.adjacent.iter_mut().enumerate() {
            self.adjacent[i].maxima = walked.maxima.take();
            if walked.passed_over {
                self.pass_over(i);
            }
        }
        let maxima = self
            .shallow
            .iter_mut()
            .chain(self.adjacent.iter_mut().map(|a| &mut a.maxima));
        maxima.flatten().for_each(BlockMaxima::rewind);
    }

    /// From now on, passes over the passages holding `phrase` (ranked already), and leaves
    /// the phrase out of the bounds.
    fn pass_over(&mut self, phrase: usize) {
        self.adjacent[phrase].passed_over = true;
        self.adjacent[phrase].most = 0.0;
    }

    /// Ranks the passages holding `phrase` from `from` on, reading them from its pair's list;
    /// returns the threshold reached. A passage's words are sought only while the phrase's
    /// score there, with the words at their best, could beat the threshold.
    fn rank_by_phrase(
        &mut self,
        phrase: usize,
        from: DocId,
        mut threshold: Score,
        callback: &mut dyn FnMut(DocId, Score) -> Score,
    ) -> Score {
        let Some(mut driver) = self.adjacent[phrase].pair.take() else {
            return threshold;
        };
        let mut doc = match driver.doc() < from {
            true => driver.seek(from),
            false => driver.doc(),
        };
        // The passages up to `end` lie in the same blocks of the pair's, the words' and the
        // other pairs' lists, where the words score at most `words` together and the other
        // phrases add at most `phrases`.
        let (mut end, mut words, mut phrases): (Option<DocId>, Score, Score) = (None, 0.0, 0.0);
        while doc != TERMINATED {
            if end.is_none_or(|end| doc > end) {
                let (best, words_best, others, blocks_end) = self.blocks_at(Some(phrase), doc);
                (end, words, phrases) = (Some(blocks_end), words_best, others);
                if (best + words + phrases) * MARGIN <= threshold {
                    // No passage of these blocks can enter the top.
                    doc = match blocks_end {
                        TERMINATED => TERMINATED,
                        blocks_end => driver.seek(blocks_end + 1),
                    };
                    continue;
                }
            }
            let score = driver.score();
            if self.holds_words_beating(doc, score + words + phrases, threshold) {
                let words = self.words_score();
                if self.phrases_could_beat(doc, words + score, phrase, threshold) {
                    if let Some(score) = self.with_phrases(doc, words, Some((phrase, score))) {
                        if score > threshold {
                            threshold = callback(doc, score);
                        }
                    }
                }
            }
            doc = driver.advance();
        }
        threshold
    }

    /// Whether `doc`, which holds every word and the phrase `known` and scores `score` by
    /// them, could beat `threshold` with the other phrases: those read from a pair term are
    /// scored (their postings are cheap to seek), the others bounded by their words' folded
    /// counts, then their positions read one at a time while the bound still beats it.
    fn phrases_could_beat(
        &mut self,
        doc: DocId,
        score: Score,
        known: usize,
        threshold: Score,
    ) -> bool {
        let positional = |words: &Self, i: usize| {
            i != known && words.adjacent[i].cost == u64::MAX && !words.adjacent[i].passed_over
        };
        let mut bound = score;
        for i in (0..self.adjacent.len()).filter(|&i| i != known) {
            bound += match positional(self, i) {
                true => self.count_bound(i, doc),
                false => self.adjacent[i].score(doc).unwrap_or(0.0),
            };
        }
        for i in 0..self.adjacent.len() {
            if positional(self, i) {
                if bound * MARGIN <= threshold {
                    return false;
                }
                bound += self.adjacent[i].score(doc).unwrap_or(0.0) - self.count_bound(i, doc);
            }
        }
        bound * MARGIN > threshold
    }

    /// The most phrase `i` can score in `doc`, which holds every word: as often as the rarer
    /// of its two words. The word with the shorter folded list is counted first; where it
    /// stands once, the other (there at least once: a passage holding a word's accented form
    /// holds its folded one) is not sought.
    fn count_bound(&mut self, i: usize, doc: DocId) -> Score {
        let length = self.folded_lengths.fieldnorm_id(doc);
        let (first, second) = match self.folded_len(i) <= self.folded_len(i + 1) {
            true => (i, i + 1),
            false => (i + 1, i),
        };
        let mut count = self.folded_count(first, doc);
        if count > 1 {
            count = count.min(self.folded_count(second, doc));
        }
        self.adjacent[i].similarity.score(length, count)
    }

    /// From the blocks of the pair terms' and the words' lists holding `doc` (or the first
    /// passage after it), read from their skip lists: the best there of the phrase `phrase`
    /// (0 for none), of the words (each one's kept in `word_best`) and of the other phrases,
    /// and the last passage all these blocks cover. A phrase without a pair term is bounded
    /// by the blocks of its words scored folded, or by its best anywhere.
    fn blocks_at(&mut self, phrase: Option<usize>, doc: DocId) -> (Score, Score, Score, DocId) {
        let mut words = 0.0;
        let mut end = TERMINATED;
        for (i, cursor) in self.scored.iter().enumerate() {
            let (best, block_end) = match self.shallow.get_mut(i) {
                Some(Some(maxima)) => maxima.at(doc),
                _ => (cursor.most(), TERMINATED),
            };
            self.word_best[i] = best;
            words += best;
            end = end.min(block_end);
        }
        // A word scored in another form than folded does not bound its phrases' counts.
        let folded_best = |i: usize| match self.folded[i] {
            None => self.word_best[i],
            Some(_) => Score::INFINITY,
        };
        let (mut best, mut others) = (0.0, 0.0);
        for (i, adjacent) in self.adjacent.iter_mut().enumerate() {
            let (most, block_end) = match &mut adjacent.maxima {
                Some(maxima) => maxima.at(doc),
                None => (
                    adjacent.block_most(folded_best(i), folded_best(i + 1)),
                    TERMINATED,
                ),
            };
            // A phrase passed over adds nothing (`most` is 0).
            let most = most.min(adjacent.most);
            if Some(i) == phrase {
                best = most;
            } else {
                others += most;
            }
            end = end.min(block_end);
        }
        (best, words, others, end)
    }

    /// Whether `doc` holds every word and could still beat `threshold`, where it scores at
    /// most `bound` with every word at its best (`word_best`): the words are sought rarest
    /// first, each one's best replaced by its score as it is found.
    fn holds_words_beating(&mut self, doc: DocId, mut bound: Score, threshold: Score) -> bool {
        for &i in &self.order {
            if bound * MARGIN <= threshold || self.scored[i].seek(doc) != doc {
                return false;
            }
            bound += self.scored[i].score() - self.word_best[i];
        }
        bound * MARGIN > threshold
    }

    /// Moves every list to its block holding `doc` or the first passage after it, noting each
    /// block's best score; returns the last passage all these blocks cover, `None` when a word
    /// has no passage left. A list much longer than the lead word's stands for its best score
    /// anywhere and is only sought to the passages that need it: its blocks would cut the
    /// lead word's into many, each decoded for a bound little below its best.
    fn block(&mut self, doc: DocId) -> Option<DocId> {
        let dense = self.scored[self.order[0]].len().saturating_mul(DENSE);
        let mut end = TERMINATED;
        for i in 0..self.scored.len() {
            let (block_end, most) = block_of(&mut self.scored[i], doc, dense)?;
            end = end.min(block_end);
            self.block_most[i] = most;
            self.folded_block_most[i] = match &mut self.folded[i] {
                Some(folded) => {
                    let (block_end, most) = block_of(folded, doc, dense)?;
                    end = end.min(block_end);
                    most
                }
                None => most,
            };
        }
        Some(end)
    }

    /// The most a passage of the current blocks can score.
    fn block_bound(&self) -> Score {
        let words: Score = self.block_most.iter().sum();
        let most = &self.folded_block_most;
        let phrases: Score = (self.adjacent.iter().enumerate())
            .map(|(i, phrase)| phrase.block_most(most[i], most[i + 1]))
            .sum();
        words + phrases
    }

    /// Ranks the passages of the current blocks up to `end`; returns the threshold reached.
    fn rank_block(
        &mut self,
        end: DocId,
        bound: Score,
        mut threshold: Score,
        callback: &mut dyn FnMut(DocId, Score) -> Score,
    ) -> Score {
        let lead = self.order[0];
        // What the other words and the phrases add at most, over the lead word's score.
        let rest = bound - self.block_most[lead];
        // The phrases beside the lead word, with their part of `rest`.
        let most = &self.folded_block_most;
        let folded = self.folded[lead].is_none();
        let beside = [lead.checked_sub(1), Some(lead)].map(|phrase| {
            let phrase = phrase.filter(|&i| folded && i < self.adjacent.len())?;
            Some((
                phrase,
                self.adjacent[phrase].block_most(most[phrase], most[phrase + 1]),
            ))
        });
        loop {
            let doc = self.scored[lead].doc();
            if doc > end {
                return threshold;
            }
            let passage = self.scored[lead].score() + rest;
            let mut beside_less = 0.0;
            if folded && passage * MARGIN > threshold {
                beside_less = self.beside_lead(doc, &beside);
            }
            if (passage - beside_less) * MARGIN > threshold {
                if let Some(score) = self.score(doc, passage, threshold) {
                    threshold = callback(doc, score);
                }
            }
            self.scored[lead].advance();
        }
    }

    /// How much less than their block's bound `beside` the phrases beside the lead word can
    /// score in `doc`: no more often than the lead word stands there in its folded form.
    fn beside_lead(&mut self, doc: DocId, beside: &[Option<(usize, Score)>; 2]) -> Score {
        let length = self.folded_lengths.fieldnorm_id(doc);
        let count = self.folded_count(self.order[0], doc);
        let mut less = 0.0;
        for &(phrase, block) in beside.iter().flatten() {
            let here = self.adjacent[phrase].similarity.score(length, count);
            less += (block - here).max(0.0);
        }
        less
    }

    /// The score of `doc`, where the lead word stands, when every word is in it and the score
    /// beats `threshold`; `bound` is the most it can score with the other words and the
    /// phrases at their blocks' best.
    fn score(&mut self, doc: DocId, mut bound: Score, threshold: Score) -> Option<Score> {
        // Each word's best replaced by its score as it is found, while the passage could
        // still beat the threshold.
        for &i in &self.order[1..] {
            if bound * MARGIN <= threshold || self.scored[i].seek(doc) != doc {
                return None;
            }
            bound += self.scored[i].score() - self.block_most[i];
        }
        let words = self.words_score();
        // Each phrase scores at most as if it stood as often as the rarer of its two words:
        // each phrase's block best replaced in turn by that (or by its score, read from its
        // pair term, which costs less) while the passage could still beat the threshold.
        let block_most = |words: &Self, i: usize| {
            let most = &words.folded_block_most;
            words.adjacent[i].block_most(most[i], most[i + 1])
        };
        let mut most = 0.0;
        for i in 0..self.adjacent.len() {
            if bound * MARGIN <= threshold {
                return None;
            }
            let adjacent = &mut self.adjacent[i];
            let here = match (adjacent.passed_over, adjacent.cost) {
                (true, _) => 0.0,
                (false, u64::MAX) => self.count_bound(i, doc),
                (false, _) => adjacent.score(doc).unwrap_or(0.0),
            };
            bound += here - block_most(self, i);
            most += here;
        }
        if words + most <= threshold {
            return None;
        }
        let score = self.with_phrases(doc, words, None)?;
        (score > threshold).then_some(score)
    }

    /// The score of `doc`, which holds every word, where they score `words`: the phrases
    /// it holds added, as the boolean query adds them (first together, in the query's order).
    /// `known` is one phrase's score, read already. `None` when the passage holds the phrase
    /// passed over: it was ranked already.
    fn with_phrases(
        &mut self,
        doc: DocId,
        words: Score,
        known: Option<(usize, Score)>,
    ) -> Option<Score> {
        let mut phrases: Option<Score> = None;
        for (i, adjacent) in self.adjacent.iter_mut().enumerate() {
            let score = match known {
                Some((phrase, score)) if phrase == i => Some(score),
                _ => adjacent.score(doc),
            };
            if let Some(score) = score {
                if adjacent.passed_over {
                    return None;
                }
                phrases = Some(phrases.unwrap_or(0.0) + score);
            }
        }
        Some(phrases.map_or(words, |phrases| words + phrases))
    }

    /// The words' scores in the current passage, added as tantivy's intersection adds them.
    fn words_score(&self) -> Score {
        let [first, second, rest @ ..] = self.order.as_slice() else {
            return 0.0;
        };
        let rest: Score = rest.iter().map(|&i| self.scored[i].score()).sum();
        self.scored[*first].score() + self.scored[*second].score() + rest
    }

    /// How many passages hold word `i` in the folded form.
    fn folded_len(&self, i: usize) -> u32 {
        self.folded[i].as_ref().unwrap_or(&self.scored[i]).len()
    }

    /// How many times word `i` stands in `doc` in the folded form.
    fn folded_count(&mut self, i: usize, doc: DocId) -> u32 {
        let cursor = self.folded[i].as_mut().unwrap_or(&mut self.scored[i]);
        if cursor.seek(doc) == doc {
            cursor.count()
        } else {
            0
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use tantivy::Index;

    use crate::index::schema::Fields;
    use crate::search::fixture::{index_of, ranked};
    use crate::search::query::{Mode, QueryPlan, Spelling};

    /// Passages on the economy and "cấp phòng" (a civil-defence grade), in three segments
    /// (one deleted passage), long enough lists for several blocks: the words apart, side by
    /// side once or more, typed with and without marks ("cua ba" is "của bà" and "cửa bà"),
    /// in passages of different lengths, many of them alike so that scores tie; "của bà" side
    /// by side in few passages and apart in many.
    fn fixture() -> (Index, Fields) {
        let sentences = [
            "Chính phủ thúc đẩy kinh tế tư nhân phát triển.",
            "Kinh tế tư nhân là một động lực quan trọng nhất của nền kinh tế.",
            "Phát triển kinh tế xã hội gắn với bảo đảm quốc phòng, an ninh.",
            "Tư nhân đầu tư vào kinh tế số, nhà nước tạo lập môi trường.",
            "Của bà con nông dân, cửa bà cụ vẫn mở, bà của các cháu.",
            "Ban chỉ huy cấp phòng cháy, cấp phòng không nhân dân tập huấn.",
            "Phòng cấp cứu tiếp nhận bệnh nhân; cấp trên chỉ đạo phòng dịch.",
            "Cuộc đời bà gắn với cửa biển, đời bà là cuộc đời của biển.",
        ];
        let segments: Vec<Vec<String>> = (0..3)
            .map(|segment| {
                (0..420usize)
                    .map(|n| {
                        let first = sentences[(n + segment) % sentences.len()];
                        let second = sentences[(n * 7 + segment * 3) % sentences.len()];
                        let filler = "Tin tổng hợp. ".repeat(n % 5);
                        match n % 4 {
                            0 => first.to_string(),
                            1 => format!("{first} {second}"),
                            2 => format!("{filler}{first}"),
                            _ => format!("{first} {filler}{second} {first}"),
                        }
                    })
                    .chain((0..4).map(|n| {
                        let filler = "Tin tổng hợp. ".repeat(n);
                        format!("Quốc phòng toàn dân vững mạnh; {filler}nông dân phấn khởi.")
                    }))
                    // "của bà" side by side in few passages, apart in many: a pair term
                    // fewer than either word, required once the top fills.
                    .chain((0..300).map(|n| format!("Bà cụ kể chuyện của làng {n}.")))
                    .chain((0..6).map(|n| format!("Của bà, của bà {n}.")))
                    .chain((0..12).map(|n| format!("Bà con {n} kể chuyện của bà con.")))
                    .chain((0..8).map(|n| format!("Bà con, bà con {n}.")))
                    // "quốc phòng" a pair term, "ninh quốc" read from positions: "an ninh"
                    // apart from it in many passages, next to it in some, short and long.
                    .chain((0..200).map(|n| format!("Giữ vững an ninh chính trị {n}.")))
                    .chain((0..60).map(|n| {
                        let filler = "Tin tổng hợp. ".repeat(n % 6);
                        match n % 3 {
                            0 => format!("An ninh quốc phòng {filler}vững chắc {n}."),
                            1 => format!("Quốc phòng {filler}và an ninh {n}."),
                            _ => format!("{filler}Quốc phòng, an ninh {n}; an ninh quốc phòng."),
                        }
                    }))
                    .collect()
            })
            .collect();
        index_of(&segments, "Thời sự trong nước", "1-17")
    }

    /// The query the words become, and the boolean query it stands for.
    fn queries(
        fields: &Fields,
        text: &str,
        spelling: Spelling,
    ) -> (Box<dyn Query>, Box<dyn Query>) {
        let query = QueryPlan::parse(text).to_query(fields, Mode::All, spelling);
        let exact = match query.downcast_ref::<AllWordsQuery>() {
            Some(words) => words.exact.box_clone(),
            None => panic!("{text}: not ranked as all words"),
        };
        (query, exact)
    }

    /// Asserts that over an index of `segments`, each of `texts`, typed as it is, ranks its
    /// top `k` (for each of `ks`) as the boolean query does.
    fn ranks_as_the_boolean_query(segments: &[Vec<String>], texts: &[&str], ks: &[usize]) {
        let (index, fields) = index_of(segments, "Tin tổng hợp", "0-1");
        let searcher = index.reader().expect("reader").searcher();
        for text in texts {
            let (query, exact) = queries(&fields, text, Spelling::AsTyped);
            for &k in ks {
                let ours = ranked(&searcher, &*query, k);
                assert_eq!(ours, ranked(&searcher, &*exact, k), "{text}, k = {k}");
            }
        }
    }

    /// Numbers below `n` drawn at random from `seed` (a linear congruential generator): the
    /// same passages on every run.
    fn draws(mut seed: u64) -> impl FnMut(u64) -> u64 {
        move |n| {
            seed = seed
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            (seed >> 33) % n
        }
    }

    #[test]
    fn ranks_and_scores_as_the_boolean_query() {
        let (index, fields) = fixture();
        let searcher = index.reader().expect("reader").searcher();
        assert_eq!(searcher.segment_readers().len(), 3);
        let cases = [
            ("kinh tế", Spelling::AsTyped),
            ("kinh te", Spelling::AsTyped),
            ("tư nhân", Spelling::AsTyped),
            ("kinh tế tư nhân", Spelling::AsTyped),
            ("kinh te tu nhan", Spelling::AsTyped),
            ("cấp phòng", Spelling::AsTyped),
            ("cap phong", Spelling::AsTyped),
            ("phòng cấp", Spelling::AsTyped),
            ("của bà", Spelling::AsTyped),
            ("cua ba", Spelling::AsTyped),
            ("của bà", Spelling::Folded),
            ("cuộc đời bà", Spelling::AsTyped),
            ("đời bà", Spelling::AsTyped),
            ("phát triển kinh tế xã hội", Spelling::AsTyped),
            ("nhân dân", Spelling::AsTyped),
            ("của bà con", Spelling::AsTyped),
            ("bà của các", Spelling::AsTyped),
            ("chuyện của bà", Spelling::AsTyped),
            ("cua ba con", Spelling::AsTyped),
            ("ninh quốc phòng", Spelling::AsTyped),
            ("an ninh quốc phòng", Spelling::AsTyped),
            ("an ninh quoc phong", Spelling::AsTyped),
        ];
        for (text, spelling) in cases {
            let (query, exact) = queries(&fields, text, spelling);
            for k in [1, 3, 10, 40, 2000] {
                let ours = ranked(&searcher, &*query, k);
                let theirs = ranked(&searcher, &*exact, k);
                assert!(!ours.is_empty(), "{text}");
                assert_eq!(ours, theirs, "{text} ({spelling:?}), k = {k}");
            }
        }
    }

    /// "Quốc hội" side by side in half the passages, long ones but for a short one holding it
    /// twice or more three passages into every fourth block of 128: read from the pair's list,
    /// the blocks of long passages are skipped by their best scores, and not one short passage
    /// after them.
    #[test]
    fn skips_the_blocks_that_cannot_reach_the_top_and_no_passage_after_them() {
        let filler = "các đại biểu thảo luận nhiều vấn đề kinh tế trong kỳ họp thường lệ";
        let segments: Vec<Vec<String>> = (0..2)
            .map(|segment| {
                (0..2600usize)
                    .map(|n| match (n % 2, n / 2 % 512) {
                        (1, _) => format!("Thời tiết hôm nay nắng nhẹ {n}."),
                        // Each later one holds it once more: it beats those before.
                        (_, 3) => format!("{}{segment}.", "Quốc hội, ".repeat(n / 1024 + 2)),
                        _ => format!("Quốc hội: {filler}; {filler} {n}."),
                    })
                    .collect()
            })
            .collect();
        let (index, fields) = index_of(&segments, "Tin tổng hợp", "0-1");
        let searcher = index.reader().expect("reader").searcher();
        for text in ["quốc hội", "quoc hoi"] {
            let (query, exact) = queries(&fields, text, Spelling::AsTyped);
            for k in [1, 3, 5, 6, 7, 10, 40] {
                let ours = ranked(&searcher, &*query, k);
                assert_eq!(ours, ranked(&searcher, &*exact, k), "{text}, k = {k}");
            }
            // The short passages lead: three in each segment.
            let top: Vec<u32> = ranked(&searcher, &*query, 6).iter().map(|r| r.1).collect();
            assert!(top.iter().all(|doc| doc % 10_000 / 2 % 512 == 3), "{top:?}");
        }
    }

    /// A weight whose scorer cannot be opened, as when a segment's file cannot be read.
    struct Unreadable;

    impl Weight for Unreadable {
        fn scorer(&self, _: &SegmentReader, _: Score) -> tantivy::Result<Box<dyn Scorer>> {
            Err(tantivy::TantivyError::InternalError("unreadable".into()))
        }

        fn explain(&self, _: &SegmentReader, _: DocId) -> tantivy::Result<Explanation> {
            Err(tantivy::TantivyError::InternalError("unreadable".into()))
        }
    }

    #[test]
    fn a_phrase_scorer_opens_when_first_needed_and_keeps_its_error() {
        let (index, fields) = fixture();
        let searcher = index.reader().expect("reader").searcher();
        let reader = searcher.segment_reader(0);
        let (query, _) = queries(&fields, "an ninh quốc phòng", Spelling::AsTyped);
        let words = query.downcast_ref::<AllWordsQuery>().expect("all words");
        // "an ninh", read from positions.
        let weight = words.adjacent[0]
            .weight(EnableScoring::enabled_from_searcher(&searcher))
            .expect("weight");
        let mut lazy = PhraseScorer::Closed(&*weight, reader);
        let expected = weight.scorer(reader, 1.0).expect("scorer").doc();
        assert!(expected < TERMINATED, "the fixture has the phrase");
        assert!(matches!(lazy, PhraseScorer::Closed(..)));
        assert_eq!(lazy.open().map(|scorer| scorer.doc()), Some(expected));
        assert!(matches!(lazy, PhraseScorer::Open(_)));
        let unreadable = Unreadable;
        let mut failing = PhraseScorer::Closed(&unreadable, reader);
        assert!(failing.open().is_none());
        assert!(matches!(failing, PhraseScorer::Failed(_)));
    }

    /// Four words, three pair terms, in passages of every length and mix drawn at random (a
    /// fixed seed): while a pair's list drives, the other pairs' block bests bound what their
    /// phrases add. (Where those blocks end rarely matters here: the words' denser blocks
    /// nearly always end first.)
    #[test]
    fn ranks_as_the_boolean_query_over_random_passages_of_three_pairs() {
        let mut draw = draws(0x5eed);
        let segments: Vec<Vec<String>> = vec![(0..4000)
            .map(|n| {
                let filler =
                    "Tin tổng hợp trong ngày. ".repeat(usize::try_from(draw(7)).unwrap_or(0));
                match draw(10) {
                    0 => format!("Kinh tế xã hội {filler}{n}."),
                    1 | 2 => format!("Xã hội {filler}{n}."),
                    3 => format!("{filler}Kinh tế, xã hội {n}."),
                    4 => format!("Kinh tế {filler}xã hội và kinh tế xã {n}."),
                    5 => format!("Tế xã hội {filler}{n}."),
                    6 => format!("Kinh tế {filler}{n}."),
                    _ => format!("Thời tiết {filler}{n}."),
                }
            })
            .collect()];
        ranks_as_the_boolean_query(
            &segments,
            &["kinh tế xã hội", "kinh te xa hoi", "tế xã hội"],
            &[1, 2, 3, 5, 10, 40, 200],
        );
    }

    /// Four words, one pair term ("quốc phòng") and two phrases without one beside the
    /// rarest word ("ninh"), in passages drawn at random (a fixed seed): once the pair's list
    /// is ranked, the rest is walked from "ninh", whose count in a passage bounds both phrases
    /// beside it; typed without marks, every word is scored folded. Some passages are written
    /// partly without marks, so that "quốc" stands there fewer times than "quoc"; some hold
    /// "an ninh quốc" apart from "phòng", to be found in the rest, whose blocks are bounded
    /// from the skip lists.
    #[test]
    fn ranks_as_the_boolean_query_over_random_passages_with_phrases_beside_the_rarest_word() {
        let mut draw = draws(0xa9);
        let segments: Vec<Vec<String>> = (0..2)
            .map(|_| {
                (0..3000)
                    .map(|n| {
                        let filler = "Tin tổng hợp trong ngày. "
                            .repeat(usize::try_from(draw(6)).unwrap_or(0));
                        match draw(14) {
                            0 => format!("An ninh quốc phòng {filler}{n}."),
                            1 => format!("An ninh {filler}quốc phòng {n}."),
                            2 => format!("Quốc phòng {filler}an ninh, ninh quốc {n}."),
                            3 => format!("Ninh {filler}an quốc phòng {n}."),
                            4 => format!("An ninh, an ninh {filler}quốc phòng an {n}."),
                            5 => format!("Quốc phòng {filler}{n}."),
                            6 => format!("An ninh {filler}{n}."),
                            7 => format!("Ninh quốc phòng {filler}an {n}."),
                            8 => format!(
                                "{} an {filler}quốc phòng {n}.",
                                "Ninh quoc, ".repeat(usize::try_from(draw(6)).unwrap_or(0))
                            ),
                            9 => format!("An ninh quốc {filler}và phòng {n}."),
                            10 => format!("Phòng {filler}an ninh quốc {n}."),
                            _ => format!("Thời tiết {filler}{n}."),
                        }
                    })
                    .collect()
            })
            .collect();
        ranks_as_the_boolean_query(
            &segments,
            &[
                "an ninh quoc phong",
                "an ninh quốc phòng",
                "ninh quoc phong",
            ],
            &[1, 2, 3, 5, 10, 40, 200],
        );
    }

    /// Three words apart in most passages, side by side in few, drawn at random (a fixed
    /// seed): both pairs' lists are ranked before the lead word's, the second passing over the
    /// passages the first ranked.
    #[test]
    fn ranks_as_the_boolean_query_after_two_pairs_lists() {
        let mut draw = draws(0x2b);
        let passages: Vec<String> = (0..6000)
            .map(|n| {
                let filler =
                    "Tin tổng hợp trong ngày. ".repeat(usize::try_from(draw(5)).unwrap_or(0));
                match draw(30) {
                    0 => format!("Kinh tế xã {filler}{n}."),
                    1 => format!("Kinh tế {filler}và xã {n}."),
                    2 => format!("Kinh {filler}và tế xã {n}."),
                    3..=20 => format!("Kinh và tế, với xã {filler}{n}."),
                    _ => format!("Thời tiết {filler}{n}."),
                }
            })
            .collect();
        ranks_as_the_boolean_query(
            &[passages],
            &["kinh tế xã", "kinh te xa"],
            &[1, 3, 10, 40, 200, 1000],
        );
    }

    /// After a pair's list is ranked, the rest is bounded by the words' blocks read again from
    /// the start: short passages holding "kinh" and "tế" apart first, then long ones holding
    /// the phrase, where the pair's walk leaves the words' blocks, then long ones apart, and
    /// many without the words.
    #[test]
    fn ranks_the_rest_by_the_words_blocks_from_the_start_after_the_pair_s_list() {
        let filler = "Tin tổng hợp trong ngày. ".repeat(8);
        let passages: Vec<String> = (0..8000)
            .map(|n| match n {
                0..1000 => format!("Kinh và tế {n}."),
                1000..1100 => format!("Kinh tế {filler}{n}."),
                1100..2000 => format!("Kinh {filler}tế {n}."),
                _ => format!("Thời tiết {n}."),
            })
            .collect();
        ranks_as_the_boolean_query(&[passages], &["kinh tế", "kinh te"], &[1, 10, 200, 1050]);
    }

    /// The rest after a pair's list, its blocks bounded from the skip lists with the phrases
    /// beside words scored folded: "an ninh quốc" apart from "phòng", in passages shorter and
    /// shorter, so that each block of them asks more than the words alone can score.
    #[test]
    fn bounds_the_rest_s_blocks_by_its_phrases_too() {
        let passages: Vec<String> = (0..8000)
            .map(|n| match n {
                0..100 => format!("An ninh quốc phòng {}{n}.", "Tin tổng hợp. ".repeat(10)),
                100..1100 => {
                    let filler = "Tin tổng hợp. ".repeat(4 - (n - 100) / 250);
                    format!("An ninh quốc {filler}và phòng {n}.")
                }
                _ => format!("Thời tiết {n}."),
            })
            .collect();
        ranks_as_the_boolean_query(&[passages], &["an ninh quoc phong"], &[1, 10, 100, 400]);
    }

    #[test]
    fn words_apart_or_absent() {
        let (index, fields) = fixture();
        let searcher = index.reader().expect("reader").searcher();
        // Never side by side: ranked by the words alone.
        let (query, exact) = queries(&fields, "quốc phòng nông dân", Spelling::AsTyped);
        let ours = ranked(&searcher, &*query, 20);
        assert_eq!(ours.len(), 12);
        assert_eq!(ours, ranked(&searcher, &*exact, 20));
        // A word no passage holds: nothing, whichever way run.
        let (query, exact) = queries(&fields, "kinh tế lũ", Spelling::AsTyped);
        assert!(ranked(&searcher, &*query, 10).is_empty());
        assert!(ranked(&searcher, &*exact, 10).is_empty());
    }

    #[test]
    fn bare_words_only() {
        let schema = crate::index::schema::schema();
        let fields = Fields::of(&schema).expect("fields");
        let is_words = |text: &str, spelling| {
            let query = QueryPlan::parse(text).to_query(&fields, Mode::All, spelling);
            query.downcast_ref::<AllWordsQuery>().is_some()
        };
        assert!(is_words("kinh tế", Spelling::AsTyped));
        assert!(
            !is_words("kinh", Spelling::AsTyped),
            "one word stays a term"
        );
        assert!(
            !is_words("\"kinh tế\" tư nhân", Spelling::AsTyped),
            "a quoted phrase"
        );
        assert!(
            !is_words("kinh tế", Spelling::AnyMarks),
            "both spellings score a marked word"
        );
        assert!(is_words("kinh te", Spelling::AnyMarks), "no marked word");
        let any = QueryPlan::parse("kinh tế").to_query(&fields, Mode::Any, Spelling::AsTyped);
        assert!(
            any.downcast_ref::<AllWordsQuery>().is_none(),
            "any of the words"
        );
    }
}
