//! Criterion benches of indexing throughput, with and without entity extraction, on a corpus
//! of the sample articles copied 20 times (100 pages). `vnsearch index --no-entities` against
//! `vnsearch index` on a real corpus gives the same comparison at scale.

use std::path::Path;

use criterion::{criterion_group, criterion_main, BatchSize, Criterion, Throughput};
use vnsearch::corpus::ReadObserver;
use vnsearch::index::{build_index, BuildObserver, BuildOptions};

const COPIES: usize = 20;

struct Silent;
impl ReadObserver for Silent {}
impl BuildObserver for Silent {}

/// A temp corpus of the sample pages copied `COPIES` times; returns it and its size in bytes.
fn corpus() -> (tempfile::TempDir, u64) {
    let dir = tempfile::tempdir().expect("temp dir");
    let seeds = Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus");
    let mut bytes = 0;
    for copy in 0..COPIES {
        for entry in std::fs::read_dir(&seeds).expect("the sample corpus ships in corpus/") {
            let path = entry.expect("readable corpus entry").path();
            let name = format!(
                "{copy:02}_{}",
                path.file_name().and_then(|n| n.to_str()).unwrap_or("x.txt")
            );
            bytes += std::fs::copy(&path, dir.path().join(name)).expect("copy a sample page");
        }
    }
    (dir, bytes)
}

fn indexing(c: &mut Criterion) {
    let (corpus, bytes) = corpus();
    let mut group = c.benchmark_group("index_100_pages");
    group.sample_size(10);
    group.throughput(Throughput::Bytes(bytes));
    let variants = [
        ("with_entities", true, true),
        ("without_entities", false, true),
        ("without_entities_or_topics", false, false),
    ];
    for (name, entities, topics) in variants {
        group.bench_function(name, |b| {
            b.iter_batched(
                || tempfile::tempdir().expect("temp index dir"),
                |index| {
                    let stats = build_index(
                        corpus.path(),
                        index.path(),
                        BuildOptions {
                            entities,
                            topics,
                            ..BuildOptions::default()
                        },
                        &Silent,
                    )
                    .expect("index the corpus");
                    assert_eq!(stats.articles, 5 * COPIES);
                },
                BatchSize::PerIteration,
            )
        });
    }
    group.finish();
}

criterion_group!(benches, indexing);
criterion_main!(benches);
