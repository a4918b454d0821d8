//! Criterion benches of query latency on an index of the sample articles: an unaccented
//! query, an accented one, a quoted phrase, and a query that falls back to any word.

use criterion::{criterion_group, criterion_main, Criterion};
use std::hint::black_box;
use vnsearch::index::{build_index, BuildObserver, BuildOptions};
use vnsearch::search::Engine;

struct Silent;
impl vnsearch::corpus::ReadObserver for Silent {}
impl BuildObserver for Silent {}

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
    let mut group = c.benchmark_group("search_seeds");
    for (name, query) in [
        ("unaccented", "thanh uy ha noi"),
        ("accented", "Tổng Bí thư Tô Lâm"),
        ("phrase", "\"chuyển đổi số\""),
        ("fallback", "Tô Lâm zzyzx"),
    ] {
        group.bench_function(name, |b| {
            b.iter(|| {
                let outcome = engine.search(black_box(query), 10).expect("search");
                assert!(!outcome.hits.is_empty());
            })
        });
    }
    group.finish();
}

criterion_group!(benches, search);
criterion_main!(benches);
