//! `vnsearch bench`: query latency on the user's own index. The default query set is generated
//! from the index itself, so it works on any corpus: frequent and rare words (typed with and
//! without accents), two- and three-syllable phrases from real passages and the same unquoted
//! (`words-2`, `words-3`: every word required, side by side scoring more), the most cited
//! persons and documents, the taxonomy's topics, and frequent words narrowed to a period. Each
//! query runs `warmup` times untimed, then `runs` times timed through the same code path as
//! `search` (top 10 with highlights), and as many times again for the ranking alone.

use std::collections::BTreeMap;
use std::time::Instant;

use serde::Serialize;
use tantivy::schema::Value;
use tantivy::TantivyDocument;

use super::{Engine, Filters, SearchRequest};
use crate::analysis::{analyze, fold::fold};
use crate::error::Result;
use crate::index::day_number;

/// Hits asked for per query, as `search` shows by default.
pub const BENCH_LIMIT: usize = 10;
/// How a query file names the class of the queries after it (`bench --list` writes it,
/// `bench --queries` and the scale run's plain tantivy anchor read it).
pub const CLASS_LINE: &str = "# class: ";
/// Queries generated per class.
const PER_CLASS: usize = 10;
/// The most frequent words are function words ("của", "và"): skip this many first.
const SKIP_MOST_FREQUENT: usize = 40;
/// Passages sampled for phrases and dates.
const SAMPLED_PASSAGES: u32 = 200;

/// One query of the set.
#[derive(Clone, Debug)]
pub struct BenchQuery {
    /// What kind of query it is ("word", "phrase-2", "person", ...).
    pub class: String,
    /// The query as a user would type it on the command line.
    pub label: String,
    pub request: SearchRequest,
}

impl BenchQuery {
    fn new(class: &str, label: String, request: SearchRequest) -> BenchQuery {
        BenchQuery {
            class: class.to_string(),
            label,
            request,
        }
    }

    fn words(class: &str, text: String) -> BenchQuery {
        let request = SearchRequest {
            text: text.clone(),
            ..SearchRequest::default()
        };
        BenchQuery::new(class, shell_words::quote(&text).into_owned(), request)
    }
}

/// Latency figures of one class of queries, in microseconds.
#[derive(Clone, Debug, Default, Serialize)]
pub struct Latency {
    pub class: String,
    pub queries: usize,
    /// Timed runs in all (queries × runs).
    pub samples: usize,
    pub p50_us: u64,
    pub p95_us: u64,
    pub p99_us: u64,
    pub max_us: u64,
    /// Queries per second on one thread: timed runs over their total time.
    pub qps: f64,
    /// The ranking alone (no stored passages, no highlights).
    pub rank_p50_us: u64,
    pub rank_p99_us: u64,
}

/// The whole report.
#[derive(Clone, Debug, Default, Serialize)]
pub struct BenchReport {
    pub passages: u64,
    pub runs: usize,
    pub warmup: usize,
    pub classes: Vec<Latency>,
    pub overall: Latency,
    /// Peak resident memory of the process (Linux only), in MiB.
    pub peak_rss_mib: Option<f64>,
}

/// The default query set, generated from the index.
pub fn default_queries(engine: &Engine) -> Result<Vec<BenchQuery>> {
    let mut queries = Vec::new();
    let (frequent, rare) = vocabulary(engine)?;
    for word in &frequent {
        queries.push(BenchQuery::words("word", word.clone()));
    }
    for word in &frequent {
        let unaccented = fold(word).into_owned();
        if &unaccented != word {
            queries.push(BenchQuery::words("word-unaccented", unaccented));
        }
    }
    for word in &rare {
        queries.push(BenchQuery::words("word-rare", word.clone()));
    }
    let Sample { phrases, dates } = sample_passages(engine)?;
    for (length, phrase) in phrases {
        // The same words unquoted: all required, neighbours side by side scoring more (what
        // users type for a topic: "chuyển đổi số").
        queries.push(BenchQuery::words(
            &format!("words-{length}"),
            phrase.clone(),
        ));
        queries.push(BenchQuery::words(
            &format!("phrase-{length}"),
            format!("\"{phrase}\""),
        ));
    }
    for person in engine.persons("")?.into_iter().take(PER_CLASS) {
        let request = SearchRequest {
            person: Some(person.name.clone()),
            ..SearchRequest::default()
        };
        queries.push(BenchQuery::new(
            "person",
            format!("--person \"{}\"", person.name),
            request,
        ));
    }
    for doc in engine.docs("")?.into_iter().take(PER_CLASS) {
        let request = SearchRequest {
            doc: Some(doc.doc.clone()),
            ..SearchRequest::default()
        };
        queries.push(BenchQuery::new(
            "doc",
            format!("--doc {}", doc.doc),
            request,
        ));
    }
    for topic in engine.topics()?.into_iter().filter(|t| t.passages > 0) {
        let request = SearchRequest {
            topic: Some(topic.name.clone()),
            ..SearchRequest::default()
        };
        queries.push(BenchQuery::new(
            "topic",
            format!("--topic \"{}\"", topic.name),
            request,
        ));
    }
    if let Some(since) = median(dates) {
        for word in frequent.iter().take(PER_CLASS) {
            let request = SearchRequest {
                text: word.clone(),
                filters: Filters {
                    since: Some(since),
                    ..Filters::default()
                },
                ..SearchRequest::default()
            };
            let label = format!(
                "{} --since {}-{:02}-{:02}",
                shell_words::quote(word),
                since / 10_000,
                since / 100 % 100,
                since % 100
            );
            queries.push(BenchQuery::new("word+since", label, request));
        }
    }
    Ok(queries)
}

/// Frequent and rare words of the passages' accented vocabulary.
fn vocabulary(engine: &Engine) -> Result<(Vec<String>, Vec<String>)> {
    let counts =
        crate::index::term_counts(&engine.reader.searcher(), engine.index.fields.text, "")?;
    let words: Vec<(String, u64)> = counts
        .into_iter()
        .filter(|(term, _)| term.chars().count() >= 2 && term.chars().all(char::is_alphabetic))
        .collect();
    let mut by_frequency = words.clone();
    by_frequency.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    let frequent = by_frequency
        .iter()
        .skip(SKIP_MOST_FREQUENT)
        .take(PER_CLASS)
        .map(|(w, _)| w.clone())
        .collect();
    let rare: Vec<String> = words
        .iter()
        .filter(|(_, n)| (2..=5).contains(n))
        .map(|(w, _)| w.clone())
        .collect();
    let step = (rare.len() / PER_CLASS).max(1);
    let rare = rare.into_iter().step_by(step).take(PER_CLASS).collect();
    Ok((frequent, rare))
}

/// What passages spread over the index give the query set.
struct Sample {
    /// `(words, phrase)`: phrases of two and three words.
    phrases: Vec<(usize, String)>,
    /// The passages' days (YYYYMMDD), where known.
    dates: Vec<u64>,
}

/// Phrases of two and three words from passages spread over the index, and their dates.
fn sample_passages(engine: &Engine) -> Result<Sample> {
    let searcher = engine.reader.searcher();
    let fields = &engine.index.fields;
    let mut phrases: BTreeMap<usize, Vec<String>> = BTreeMap::new();
    let mut dates = Vec::new();
    for (ord, segment) in searcher.segment_readers().iter().enumerate() {
        let docs = segment.max_doc();
        let step = (docs / SAMPLED_PASSAGES).max(1);
        for doc in (0..docs).step_by(step as usize) {
            if segment
                .alive_bitset()
                .is_some_and(|alive| !alive.is_alive(doc))
            {
                continue;
            }
            let address = tantivy::DocAddress::new(ord as u32, doc);
            let stored: TantivyDocument = searcher.doc(address)?;
            let text = stored
                .get_first(fields.text)
                .and_then(|v| v.as_str())
                .unwrap_or_default();
            if let Some(day) = stored
                .get_first(fields.date)
                .and_then(|v| v.as_str())
                .and_then(day_number)
            {
                dates.push(day);
            }
            let words: Vec<String> = analyze(text)
                .into_iter()
                .map(|w| w.accented.into())
                .collect();
            for length in [2, 3] {
                let taken = phrases.entry(length).or_default();
                if taken.len() < PER_CLASS && words.len() > 2 * length {
                    let middle = words.len() / 2;
                    taken.push(words[middle..middle + length].join(" "));
                }
            }
        }
    }
    let phrases = phrases
        .into_iter()
        .flat_map(|(length, list)| list.into_iter().map(move |p| (length, p)))
        .collect();
    Ok(Sample { phrases, dates })
}

fn median(mut values: Vec<u64>) -> Option<u64> {
    values.sort_unstable();
    values.get(values.len() / 2).copied()
}

/// Runs every query `warmup` times untimed, then `runs` times timed, as a whole search and as
/// the ranking alone. Queries that fail (a person no longer in the index) are left out.
pub fn run_bench(
    engine: &Engine,
    queries: &[BenchQuery],
    runs: usize,
    warmup: usize,
) -> Result<BenchReport> {
    let mut full: BTreeMap<String, (usize, Vec<u64>, Vec<u64>)> = BTreeMap::new();
    for query in queries {
        let search = || {
            engine
                .search_request(&query.request, BENCH_LIMIT)
                .map(|o| o.hits.len())
        };
        let rank = || engine.rank_only(&query.request, BENCH_LIMIT);
        if search().is_err() {
            continue;
        }
        for _ in 0..warmup {
            search()?;
            rank()?;
        }
        let entry = full.entry(query.class.clone()).or_default();
        entry.0 += 1;
        for _ in 0..runs {
            entry.1.push(time(search)?);
            entry.2.push(time(rank)?);
        }
    }
    let mut report = BenchReport {
        passages: engine.passage_count(),
        runs,
        warmup,
        peak_rss_mib: peak_rss_mib(),
        ..BenchReport::default()
    };
    let (mut all_search, mut all_rank, mut all_queries) = (Vec::new(), Vec::new(), 0);
    for (class, (count, search, rank)) in full {
        report.classes.push(latency(&class, count, &search, &rank));
        all_queries += count;
        all_search.extend(search);
        all_rank.extend(rank);
    }
    report.overall = latency("all", all_queries, &all_search, &all_rank);
    Ok(report)
}

/// Microseconds one call takes; the call's result is checked, then dropped.
fn time(call: impl Fn() -> Result<usize>) -> Result<u64> {
    let started = Instant::now();
    let hits = call()?;
    let elapsed = started.elapsed();
    // Keep the result alive until timed, so the work cannot be skipped.
    std::hint::black_box(hits);
    Ok(u64::try_from(elapsed.as_micros()).unwrap_or(u64::MAX))
}

fn latency(class: &str, queries: usize, search: &[u64], rank: &[u64]) -> Latency {
    let total_us: u64 = search.iter().sum();
    Latency {
        class: class.to_string(),
        queries,
        samples: search.len(),
        p50_us: percentile(search, 50.0),
        p95_us: percentile(search, 95.0),
        p99_us: percentile(search, 99.0),
        max_us: search.iter().copied().max().unwrap_or(0),
        qps: if total_us == 0 {
            0.0
        } else {
            search.len() as f64 / (total_us as f64 / 1e6)
        },
        rank_p50_us: percentile(rank, 50.0),
        rank_p99_us: percentile(rank, 99.0),
    }
}

/// Nearest-rank percentile of unsorted samples (0 for none).
pub fn percentile(samples: &[u64], p: f64) -> u64 {
    if samples.is_empty() {
        return 0;
    }
    let mut sorted = samples.to_vec();
    sorted.sort_unstable();
    let rank = ((p / 100.0) * sorted.len() as f64).ceil() as usize;
    sorted[rank.clamp(1, sorted.len()) - 1]
}

/// The process's peak resident memory, from `/proc/self/status` (None elsewhere).
fn peak_rss_mib() -> Option<f64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kib: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kib / 1024.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nearest_rank_percentiles() {
        let samples: Vec<u64> = (1..=100).rev().collect();
        assert_eq!(percentile(&samples, 50.0), 50);
        assert_eq!(percentile(&samples, 95.0), 95);
        assert_eq!(percentile(&samples, 99.0), 99);
        assert_eq!(percentile(&samples, 100.0), 100);
        assert_eq!(percentile(&[7], 99.0), 7);
        assert_eq!(percentile(&[], 50.0), 0);
    }

    #[test]
    fn medians() {
        assert_eq!(median(vec![3, 1, 2]), Some(2));
        assert_eq!(median(vec![]), None);
    }
}
