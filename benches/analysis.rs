//! Criterion benches of the analysis stage: words per second through both indexed forms, on
//! the sample articles.

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use std::hint::black_box;
use vnsearch::analysis::analyze;

fn sample_text() -> String {
    let corpus = concat!(env!("CARGO_MANIFEST_DIR"), "/corpus");
    let mut text = String::new();
    for entry in std::fs::read_dir(corpus).expect("the sample corpus ships in corpus/") {
        let path = entry.expect("readable corpus entry").path();
        text.push_str(&std::fs::read_to_string(path).expect("UTF-8 sample"));
    }
    text
}

fn analysis(c: &mut Criterion) {
    let text = sample_text();
    let nfd: String = unicode_normalization::UnicodeNormalization::nfd(text.as_str()).collect();
    let words = analyze(&text).len();
    let mut group = c.benchmark_group("analyze");
    group.throughput(Throughput::Bytes(text.len() as u64));
    group.bench_function("seeds_nfc", |b| {
        b.iter(|| assert_eq!(analyze(black_box(&text)).len(), words))
    });
    group.throughput(Throughput::Bytes(nfd.len() as u64));
    group.bench_function("seeds_nfd", |b| {
        b.iter(|| assert_eq!(analyze(black_box(&nfd)).len(), words))
    });
    group.finish();
}

criterion_group!(benches, analysis);
criterion_main!(benches);
