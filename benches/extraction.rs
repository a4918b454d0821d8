//! Criterion benches of the stages between reading and indexing, on the sample articles:
//! passage splitting, person and document extraction, topic tagging. Each checks the count it
//! produces inside the timed loop, so a bench cannot time work that was skipped.

use std::hint::black_box;
use std::path::Path;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use vnsearch::corpus::{corpus_files, read_articles, Article, Furniture, Quiet};
use vnsearch::entities::article_entities;
use vnsearch::entities::topic::Taxonomy;
use vnsearch::passage::passages;

fn sample_articles() -> Vec<Article> {
    let corpus = Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus");
    let files = corpus_files(&corpus, |_| {}).expect("the sample corpus ships in corpus/");
    let furniture = Furniture::builtin();
    let mut articles = Vec::new();
    for file in &files {
        read_articles(file, &furniture, &Quiet, &mut |a| articles.push(a))
            .expect("readable sample page");
    }
    articles
}

fn extraction(c: &mut Criterion) {
    let articles = sample_articles();
    let bytes: u64 = articles
        .iter()
        .flat_map(|a| &a.paragraphs)
        .map(|p| p.len() as u64)
        .sum();
    let texts: Vec<Vec<String>> = articles.iter().map(passages).collect();
    let passage_count: usize = texts.iter().map(Vec::len).sum();
    let mentions = |texts: &[Vec<String>]| -> usize {
        texts
            .iter()
            .flat_map(|t| article_entities(t))
            .map(|e| e.persons.len() + e.docs.len())
            .sum()
    };
    let mention_count = mentions(&texts);
    let taxonomy = Taxonomy::builtin();
    let tags = |texts: &[Vec<String>]| -> usize {
        texts.iter().flatten().map(|t| taxonomy.tag(t).len()).sum()
    };
    let tag_count = tags(&texts);

    let mut group = c.benchmark_group("extraction");
    group.throughput(Throughput::Bytes(bytes));
    group.bench_function("passages", |b| {
        b.iter(|| {
            let count: usize = black_box(&articles).iter().map(|a| passages(a).len()).sum();
            assert_eq!(count, passage_count);
        })
    });
    group.bench_function("persons_and_documents", |b| {
        b.iter(|| assert_eq!(mentions(black_box(&texts)), mention_count))
    });
    group.bench_function("topics", |b| {
        b.iter(|| assert_eq!(tags(black_box(&texts)), tag_count))
    });
    group.finish();
}

criterion_group!(benches, extraction);
criterion_main!(benches);
