//! Ranking by a taxonomy topic's weight: how much each passage is about it.
//!
//! A topic alone ranks its passages by their weight. Reading the weight of every passage it
//! tags is slow for a broad topic, which tags nearly a tenth of the passages. Instead its weight
//! bands (see `index::topic_band`) are read from the top band down, and weights only in the
//! bands that reach the top: a lower band weighs less than any passage above it, so the top and
//! its ties are those that reading every passage gives. With words, a person or a document, the
//! weight lifts their score, and every matching passage's weight is read.

use tantivy::collector::TopDocs;
use tantivy::query::{EnableScoring, Query, TermQuery, Weight};
use tantivy::schema::IndexRecordOption;
use tantivy::{DocAddress, DocId, Score, Searcher, SegmentReader, Term};

use super::topic_query::{weight_of, TOPIC_SCALE};
use crate::error::Result;
use crate::index::schema::TOPIC_WEIGHT;
use crate::index::topic_band::band_prefix;
use crate::index::{terms_with_prefix, Fields};

/// The taxonomy topic to rank by: its slug and its position in the taxonomy.
pub struct RankedTopic<'a> {
    pub slug: &'a str,
    pub position: usize,
}

/// The `fetch` passages that weigh most for `topic`, with their weights as scores, best first,
/// equal weights in index order, among those `in_band` matches: the query requiring the topic
/// and the clause it is given (a band), built with that clause inside any period filter, so
/// that the period is checked on the band's passages only.
pub fn top_by_weight(
    searcher: &Searcher,
    fields: &Fields,
    topic: &RankedTopic,
    in_band: &dyn Fn(Box<dyn Query>) -> Box<dyn Query>,
    fetch: usize,
) -> Result<Vec<(Score, DocAddress)>> {
    let bands = terms_with_prefix(searcher, fields.topic_band, &band_prefix(topic.slug))?;
    let mut found = Vec::new();
    for band in bands.iter().rev() {
        if found.len() >= fetch {
            break;
        }
        let term = Term::from_field_text(fields.topic_band, band);
        let query = in_band(Box::new(TermQuery::new(term, IndexRecordOption::Basic)));
        let weight = query.weight(EnableScoring::disabled_from_searcher(searcher))?;
        for (ord, reader) in searcher.segment_readers().iter().enumerate() {
            let segment = u32::try_from(ord).unwrap_or(u32::MAX);
            weigh_band(&*weight, reader, segment, topic.position, &mut found)?;
        }
    }
    found.sort_by(|(a, x), (b, y)| b.total_cmp(a).then(x.cmp(y)));
    found.truncate(fetch);
    Ok(found)
}

/// The `fetch` passages matching `query` whose score, lifted by their weight for the topic at
/// `position` (× (1 + weight / TOPIC_SCALE)), is highest; best first.
pub fn top_lifted(
    searcher: &Searcher,
    query: &dyn Query,
    position: usize,
    fetch: usize,
) -> Result<Vec<(Score, DocAddress)>> {
    let lifted = |weight: Score, score: Score| score * (1.0 + weight / TOPIC_SCALE);
    top_reading_every_weight(searcher, query, position, lifted, fetch)
}

/// The `fetch` best passages matching `query` by `rank(weight, score)`, reading the weight of
/// every one.
fn top_reading_every_weight(
    searcher: &Searcher,
    query: &dyn Query,
    position: usize,
    rank: fn(Score, Score) -> Score,
    fetch: usize,
) -> Result<Vec<(Score, DocAddress)>> {
    let ranking = TopDocs::with_limit(fetch).tweak_score(move |segment: &SegmentReader| {
        let weight = weights_in(segment, position);
        move |doc: DocId, score: Score| rank(weight(doc), score)
    });
    Ok(searcher.search(query, &ranking)?)
}

/// The weight of each passage of a segment for the topic at `position`; 0 when the segment
/// keeps no weights.
fn weights_in(reader: &SegmentReader, position: usize) -> impl Fn(DocId) -> Score {
    let column = reader.fast_fields().u64(TOPIC_WEIGHT).ok();
    move |doc| {
        column.as_ref().map_or(0.0, |column| {
            weight_of(column.values_for_doc(doc), position)
        })
    }
}

/// Adds the live passages `band` matches in one segment, each with its weight for the topic at
/// `position`.
fn weigh_band(
    band: &dyn Weight,
    reader: &SegmentReader,
    segment: u32,
    position: usize,
    found: &mut Vec<(Score, DocAddress)>,
) -> Result<()> {
    let weight = weights_in(reader, position);
    let alive = reader.alive_bitset();
    band.for_each_no_score(reader, &mut |docs| {
        for &doc in docs {
            if alive.is_none_or(|alive| alive.is_alive(doc)) {
                found.push((weight(doc), DocAddress::new(segment, doc)));
            }
        }
    })?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use tantivy::query::{ConstScoreQuery, Occur};

    use super::*;
    use crate::corpus::Quiet;
    use crate::entities::topic::Taxonomy;
    use crate::index::{build_index, open_index, BuildOptions, VnIndex};
    use crate::search::filter::Filters;
    use crate::search::query::all_of;

    /// Articles about defence, each saying so a different number of times at a different
    /// length (so weights spread over many bands), every twelfth the same as another (ties);
    /// dated over nine months, from two outlets. Indexed in three rounds, the second rewriting
    /// a file of the first: several segments, some passages deleted.
    fn defence_index(dir: &Path) -> VnIndex {
        let corpus = dir.join("corpus");
        std::fs::create_dir(&corpus).expect("corpus");
        let article = |id: usize, round: usize| {
            let kind = (id % 12) * (round + 1);
            let body = format!(
                "{}{}{}",
                "Lực lượng vũ trang bảo vệ Tổ quốc. ".repeat(kind % 5),
                "Quân đội huấn luyện, diễn tập. ".repeat(1 + kind % 3),
                "Người dân phấn khởi đón tin vui. ".repeat(kind * 7 % 25),
            );
            let source = ["Nhân Dân", "Tuổi Trẻ"][id % 2];
            let date = format!("2025-{:02}-15", 1 + id % 9);
            let json = serde_json::json!({
                "id": format!("{round}-{id}"), "title": "Tin quốc phòng", "content": body,
                "date": date, "source": source,
            });
            format!("{json}\n")
        };
        let write = |file: &str, ids: std::ops::Range<usize>, round: usize| {
            let lines: String = ids.map(|id| article(id, round)).collect();
            std::fs::write(corpus.join(file), lines).expect("write");
        };
        let build = || {
            build_index(&corpus, &dir.join("index"), BuildOptions::default(), &Quiet)
                .expect("build");
        };
        write("a.jsonl", 0..30, 0);
        write("b.jsonl", 30..200, 0);
        build();
        // A seventh of the first segment is deleted: too little for the writer to merge it.
        write("a.jsonl", 0..30, 1);
        build();
        write("c.jsonl", 200..260, 0);
        build();
        open_index(&dir.join("index")).expect("open")
    }

    #[test]
    fn reading_the_top_bands_ranks_as_reading_every_weight() {
        let dir = tempfile::tempdir().expect("tempdir");
        let index = defence_index(dir.path());
        let fields = &index.fields;
        let searcher = index.index.reader().expect("reader").searcher();
        assert!(searcher.segment_readers().len() > 1);
        assert!(searcher.segment_readers().iter().any(|r| r.has_deletes()));
        let taxonomy = Taxonomy::builtin();
        let position = taxonomy.find("quoc-phong-an-ninh").expect("topic");
        let slug = &taxonomy.topics()[position].slug;
        let topic = RankedTopic { slug, position };
        let bands = terms_with_prefix(&searcher, fields.topic_band, &band_prefix(slug));
        let bands = bands.expect("bands");
        assert!(bands.len() > 5, "weights spread over bands: {bands:?}");
        let recent = Filters {
            since: Some(20250601),
            ..Filters::default()
        };
        let one_outlet = Filters {
            source: Some("tuoi tre".into()),
            ..Filters::default()
        };
        for filters in [Filters::default(), recent, one_outlet] {
            let query_with = |band: Option<Box<dyn Query>>| {
                let term = Term::from_field_text(fields.topic, slug);
                let tagged = TermQuery::new(term, IndexRecordOption::Basic);
                let mut clauses = vec![(
                    Occur::Must,
                    Box::new(ConstScoreQuery::new(Box::new(tagged), 0.0)) as Box<dyn Query>,
                )];
                clauses.extend(
                    filters
                        .queries(fields)
                        .into_iter()
                        .map(|q| (Occur::Must, q)),
                );
                clauses.extend(band.map(|band| (Occur::Must, band)));
                filters.narrow(all_of(clauses))
            };
            let query = query_with(None);
            let in_band = |band| query_with(Some(band));
            let by_weight = |weight: Score, _: Score| weight;
            for fetch in [1, 3, 11, 40, 1000] {
                let banded = top_by_weight(&searcher, fields, &topic, &in_band, fetch);
                let every =
                    top_reading_every_weight(&searcher, &*query, position, by_weight, fetch);
                let banded = banded.expect("banded");
                assert!(!banded.is_empty());
                assert_eq!(banded, every.expect("every"), "{filters:?}, fetch {fetch}");
            }
        }
    }
}
