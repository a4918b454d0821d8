//! A two-word phrase of common syllables read from its pair term (see `analysis::pairs`), scored
//! exactly as tantivy scores the phrase: BM25 over the phrase's count in the passage (the pair
//! term's count), the passage's length in the folded field and the idf of both words. Instead of
//! intersecting two posting lists that hold most passages and checking positions, it reads one.
//!
//! The pair term's posting list carries no block maxima that fit this score (the pairs field has
//! no lengths), so the ranking visits every passage holding the phrase; that is a few hundred
//! thousand at most in millions of passages, scored from the postings alone.

use std::fmt;

use tantivy::fieldnorm::FieldNormReader;
use tantivy::postings::{Postings, SegmentPostings};
use tantivy::query::{Bm25Weight, EmptyScorer, EnableScoring, Explanation, Query, Scorer, Weight};
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::{DocId, DocSet, Score, SegmentReader, TantivyError, Term};

/// The phrase of two folded words whose pair is indexed.
#[derive(Clone)]
pub struct PairPhraseQuery {
    /// The pair term, in the pairs field.
    pair: Term,
    /// The two words, in the folded field: their statistics and lengths score the phrase.
    words: [Term; 2],
}

impl PairPhraseQuery {
    pub fn new(pair: Term, words: [Term; 2]) -> PairPhraseQuery {
        PairPhraseQuery { pair, words }
    }
}

impl fmt::Debug for PairPhraseQuery {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("PairPhraseQuery")
            .field("pair", &self.pair)
            .finish()
    }
}

/// The BM25 weight tantivy gives a phrase of `words` (the sum of their idfs); `None` when
/// scoring is disabled.
pub(super) fn phrase_similarity(
    scoring: EnableScoring<'_>,
    words: &[Term],
) -> tantivy::Result<Option<Bm25Weight>> {
    Ok(match scoring {
        EnableScoring::Enabled {
            statistics_provider,
            ..
        } => Some(Bm25Weight::for_terms(statistics_provider, words)?),
        EnableScoring::Disabled { .. } => None,
    })
}

/// The passages' lengths in `field` of a segment, as tantivy's phrase scorer reads them (all
/// one when the field keeps none).
pub(super) fn lengths(reader: &SegmentReader, field: Field) -> tantivy::Result<FieldNormReader> {
    Ok(reader
        .fieldnorms_readers()
        .get_field(field)?
        .unwrap_or_else(|| FieldNormReader::constant(reader.max_doc(), 1)))
}

impl Query for PairPhraseQuery {
    fn weight(&self, scoring: EnableScoring<'_>) -> tantivy::Result<Box<dyn Weight>> {
        Ok(Box::new(PairPhraseWeight {
            pair: self.pair.clone(),
            field: self.words[0].field(),
            similarity: phrase_similarity(scoring, &self.words)?,
        }))
    }

    fn query_terms<'a>(&'a self, visitor: &mut dyn FnMut(&'a Term, bool)) {
        visitor(&self.pair, false);
        for word in &self.words {
            visitor(word, false);
        }
    }
}

struct PairPhraseWeight {
    pair: Term,
    /// The folded field, whose lengths score the phrase.
    field: Field,
    /// `None` when scoring is disabled.
    similarity: Option<Bm25Weight>,
}

impl PairPhraseWeight {
    fn pair_scorer(
        &self,
        reader: &SegmentReader,
        boost: Score,
    ) -> tantivy::Result<Option<PairScorer>> {
        let postings = reader
            .inverted_index(self.pair.field())?
            .read_postings(&self.pair, IndexRecordOption::WithFreqs)?;
        let Some(postings) = postings else {
            return Ok(None);
        };
        Ok(Some(PairScorer {
            postings,
            lengths: lengths(reader, self.field)?,
            similarity: self.similarity.as_ref().map(|w| w.boost_by(boost)),
        }))
    }
}

impl Weight for PairPhraseWeight {
    fn scorer(&self, reader: &SegmentReader, boost: Score) -> tantivy::Result<Box<dyn Scorer>> {
        Ok(match self.pair_scorer(reader, boost)? {
            Some(scorer) => Box::new(scorer),
            None => Box::new(EmptyScorer),
        })
    }

    fn explain(&self, reader: &SegmentReader, doc: DocId) -> tantivy::Result<Explanation> {
        if let Some(mut scorer) = self.pair_scorer(reader, 1.0)? {
            if scorer.doc() < doc {
                scorer.seek(doc);
            }
            if scorer.doc() == doc {
                return Ok(scorer.explain());
            }
        }
        Err(TantivyError::InvalidArgument(format!(
            "document #{doc} does not hold the phrase"
        )))
    }
}

/// The passages holding the pair, scored as the phrase.
struct PairScorer {
    postings: SegmentPostings,
    lengths: FieldNormReader,
    similarity: Option<Bm25Weight>,
}

impl PairScorer {
    fn explain(&self) -> Explanation {
        let length = self.lengths.fieldnorm_id(self.doc());
        match &self.similarity {
            Some(similarity) => similarity.explain(length, self.postings.term_freq()),
            None => Explanation::new("phrase (scoring disabled)", 1.0),
        }
    }
}

impl DocSet for PairScorer {
    fn advance(&mut self) -> DocId {
        self.postings.advance()
    }

    fn seek(&mut self, target: DocId) -> DocId {
        self.postings.seek(target)
    }

    fn doc(&self) -> DocId {
        self.postings.doc()
    }

    fn size_hint(&self) -> u32 {
        self.postings.size_hint()
    }
}

impl Scorer for PairScorer {
    fn score(&mut self) -> Score {
        match &self.similarity {
            Some(similarity) => similarity.score(
                self.lengths.fieldnorm_id(self.doc()),
                self.postings.term_freq(),
            ),
            None => 1.0,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use tantivy::collector::TopDocs;
    use tantivy::query::PhraseQuery;
    use tantivy::{Index, IndexWriter, TantivyDocument};

    use crate::analysis::pairs::pair_term;
    use crate::index::schema::{schema, Fields};
    use crate::search::fixture::index_of;

    /// An index of passages on "trong nước" and "quốc gia", some holding the phrase twice, some
    /// the words apart, in several segments, one passage deleted.
    fn fixture() -> (Index, Fields) {
        let bodies = [
            "Hàng trong nước tăng giá.",
            "Thị trường trong nước và thị trường quốc tế trong năm nay.",
            "Trong nước, sản xuất trong nước phục hồi; trong nước còn khó khăn.",
            "Nước sạch trong các tỉnh, trong khi nước ngầm cạn.",
            "An ninh quốc gia, lợi ích quốc gia và quốc gia láng giềng.",
            "Quốc hội thông qua; gia đình trong nước.",
            "Biên giới quốc gia.",
        ];
        let segments: Vec<Vec<String>> = (0..3)
            .map(|round| {
                let texts = bodies.iter().enumerate();
                texts
                    .map(|(n, body)| format!("{body} Số {round} {n}."))
                    .collect()
            })
            .collect();
        index_of(&segments, "Kinh tế trong nước", "1-2")
    }

    fn pair_query(fields: &Fields, first: &str, second: &str) -> PairPhraseQuery {
        let pair = pair_term(first, second).expect("an indexed pair");
        PairPhraseQuery::new(
            Term::from_field_text(fields.text_pairs, &pair),
            [
                Term::from_field_text(fields.text_folded, first),
                Term::from_field_text(fields.text_folded, second),
            ],
        )
    }

    #[test]
    fn same_passages_and_scores_as_the_phrase_query() {
        let (index, fields) = fixture();
        let searcher = index.reader().expect("reader").searcher();
        assert_eq!(searcher.segment_readers().len(), 3);
        for (first, second) in [("trong", "nuoc"), ("quoc", "gia")] {
            let phrase = PhraseQuery::new(vec![
                Term::from_field_text(fields.text_folded, first),
                Term::from_field_text(fields.text_folded, second),
            ]);
            let pair = pair_query(&fields, first, second);
            let top = TopDocs::with_limit(100).order_by_score();
            let expected = searcher.search(&phrase, &top).expect("phrase");
            let got = searcher.search(&pair, &top).expect("pair");
            assert!(expected.len() >= 6, "{first} {second}: {expected:?}");
            assert_eq!(got, expected, "{first} {second}");
            let count = searcher.search(&pair, &tantivy::collector::Count);
            assert_eq!(count.expect("count"), expected.len());
        }
    }

    #[test]
    fn the_title_counts_but_a_pair_does_not_run_into_it() {
        let (index, fields) = fixture();
        let searcher = index.reader().expect("reader").searcher();
        // Every title holds "trong nước": every live passage matches.
        let pair = pair_query(&fields, "trong", "nuoc");
        let count = searcher.search(&pair, &tantivy::collector::Count);
        assert_eq!(count.expect("count"), searcher.num_docs() as usize);

        // A passage ending "… trong" and a title "Nước …": no pair across the two values.
        let index = Index::create_in_ram(schema());
        crate::analysis::register(&index);
        let mut writer: IndexWriter = index.writer(15_000_000).expect("writer");
        for (passage, title) in [("Giá vàng trong", "Nước ngoài"), ("Hàng trong nước", "Tin")]
        {
            let mut document = TantivyDocument::default();
            document.add_text(fields.text_pairs, passage);
            document.add_text(fields.text_pairs, title);
            writer.add_document(document).expect("add");
        }
        writer.commit().expect("commit");
        let searcher = index.reader().expect("reader").searcher();
        let term = Term::from_field_text(fields.text_pairs, "trong nuoc");
        assert_eq!(searcher.doc_freq(&term).expect("doc freq"), 1);
    }

    #[test]
    fn explains_a_match_and_refuses_a_miss() {
        let (index, fields) = fixture();
        let searcher = index.reader().expect("reader").searcher();
        let pair = pair_query(&fields, "quoc", "gia");
        let top = searcher
            .search(&pair, &TopDocs::with_limit(1).order_by_score())
            .expect("search");
        let (score, address) = top[0];
        let explanation = pair.explain(&searcher, address).expect("explain");
        assert!((explanation.value() - score).abs() < 1e-4);
        let miss = tantivy::DocAddress::new(address.segment_ord, 0);
        assert!(pair.explain(&searcher, miss).is_err());
    }
}
