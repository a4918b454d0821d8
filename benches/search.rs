//! Criterion benches of query latency per class on a fixture index (the sample articles): a
//! frequent word with and without accents, a phrase, several words, a person, a document
//! number, a topic, and words with a date filter; each top 10 with highlights, and once ranked
//! only. Each checks its hit count inside the timed loop, so a bench cannot time a query that
//! found nothing.

use criterion::{criterion_group, criterion_main, Criterion};
use std::hint::black_box;
use vnsearch::index::{build_index, BuildObserver, BuildOptions};
use vnsearch::search::{Engine, Filters, SearchRequest};

struct Silent;
impl vnsearch::corpus::ReadObserver for Silent {}
impl BuildObserver for Silent {}

fn words(text: &str) -> SearchRequest {
    SearchRequest {
        text: text.to_string(),
        ..SearchRequest::default()
    }
}

/// One request per class, on what the sample articles hold.
fn classes() -> Vec<(&'static str, SearchRequest)> {
    vec![
        ("word", words("Hà Nội")),
        ("word_unaccented", words("ha noi")),
        ("phrase", words("\"chuyển đổi số\"")),
        ("words", words("thanh uy ha noi")),
        (
            "person",
            SearchRequest {
                person: Some("to lam".into()),
                ..SearchRequest::default()
            },
        ),
        (
            "doc",
            SearchRequest {
                doc: Some("57-nq/tw".into()),
                ..SearchRequest::default()
            },
        ),
        (
            "topic",
            SearchRequest {
                topic: Some("chuyển đổi số".into()),
                ..SearchRequest::default()
            },
        ),
        (
            "word_since",
            SearchRequest {
                text: "Hà Nội".into(),
                filters: Filters {
                    since: Some(20250101),
                    ..Filters::default()
                },
                ..SearchRequest::default()
            },
        ),
    ]
}

fn search(c: &mut Criterion) {
    let dir = tempfile::tempdir().expect("temp dir");
    let corpus = concat!(env!("CARGO_MANIFEST_DIR"), "/corpus");
    build_index(
        corpus.as_ref(),
        dir.path(),
        BuildOptions::default(),
        &Silent,
    )
    .expect("index the sample corpus");
    let engine = Engine::open(dir.path()).expect("open the index");
    let mut group = c.benchmark_group("search_fixture");
    for (name, request) in classes() {
        let expected = engine
            .search_request(&request, 10)
            .expect("search")
            .hits
            .len();
        assert!(expected > 0, "{name}: the fixture index has hits for it");
        group.bench_function(name, |b| {
            b.iter(|| {
                let outcome = engine
                    .search_request(black_box(&request), 10)
                    .expect("search");
                assert_eq!(outcome.hits.len(), expected);
            })
        });
        group.bench_function(format!("{name}_rank_only"), |b| {
            b.iter(|| {
                let found = engine.rank_only(black_box(&request), 10).expect("rank");
                assert_eq!(found, expected);
            })
        });
    }
    group.finish();
}

criterion_group!(benches, search);
criterion_main!(benches);
