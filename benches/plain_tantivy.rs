//! The plain-tantivy anchor of the scale run (`benches/scale.sh`): the same passages indexed
//! with tantivy's default tokenizer and nothing else (no folding, entities or topics), and the
//! same word and phrase queries ranked top 10 with tantivy's query parser. What vnsearch costs
//! over it is what its analysis and ranking cost.
//!
//! Each passage is indexed as vnsearch indexes it: its text and its article's title, two values
//! of one field. `--passages-only` leaves the title out (the anchor of the first scale runs,
//! whose posting lists are shorter than vnsearch's: a title word is in every passage of its
//! article).
//!
//!     cargo bench --bench plain_tantivy -- --corpus DIR --index DIR --queries FILE [--runs N]
//!         [--passages-only] [--fold]
//!     cargo bench --bench plain_tantivy -- --reuse --index DIR --queries FILE [--runs N] [--fold]
//!
//! `--reuse` queries the index an earlier run left at `--index` instead of building one from
//! `--corpus`.
//!
//! `--fold` indexes and queries with tantivy's ASCII folding filter after lower-casing, so that
//! "chinh" matches "chính" as in vnsearch: the anchor for words typed without marks, which the
//! default tokenizer matches only where the text writes them so (a few passages).
//!
//! Without arguments (as under a plain `cargo bench`) it says how to run it and exits.

use std::path::{Path, PathBuf};
use std::time::Instant;

use tantivy::collector::TopDocs;
use tantivy::query::QueryParser;
use tantivy::schema::{IndexRecordOption, Schema, TextFieldIndexing, TextOptions, STORED, TEXT};
use tantivy::tokenizer::{
    AsciiFoldingFilter, LowerCaser, RemoveLongFilter, SimpleTokenizer, TextAnalyzer,
};
use tantivy::{doc, Index, IndexWriter, TantivyDocument};
use vnsearch::corpus::{corpus_files, read_articles, Furniture, Quiet};
use vnsearch::passage::passages;
use vnsearch::search::bench::{percentile, CLASS_LINE};

struct Args {
    /// The corpus to index; `None` with `--reuse`.
    corpus: Option<PathBuf>,
    index: PathBuf,
    queries: PathBuf,
    runs: usize,
    /// Leave the article's title out of each passage.
    passages_only: bool,
    /// Fold Vietnamese marks away (tantivy's ASCII folding).
    fold: bool,
}

/// The analyzer of `--fold`.
const FOLDING: &str = "folding";

/// Registers the `--fold` analyzer: tantivy's default one, then ASCII folding.
fn register(index: &Index) {
    let analyzer = TextAnalyzer::builder(SimpleTokenizer::default())
        .filter(RemoveLongFilter::limit(40))
        .filter(LowerCaser)
        .filter(AsciiFoldingFilter)
        .build();
    index.tokenizers().register(FOLDING, analyzer);
}

fn parse_args() -> Result<Option<Args>, String> {
    let mut corpus = None;
    let mut index = None;
    let mut queries = None;
    let mut runs = 5;
    let mut passages_only = false;
    let mut fold = false;
    let mut reuse = false;
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        let mut value = || args.next().ok_or(format!("{arg} needs a value"));
        match arg.as_str() {
            "--corpus" => corpus = Some(PathBuf::from(value()?)),
            "--index" => index = Some(PathBuf::from(value()?)),
            "--queries" => queries = Some(PathBuf::from(value()?)),
            "--runs" => runs = value()?.parse().map_err(|_| "--runs takes a number")?,
            "--passages-only" => passages_only = true,
            "--fold" => fold = true,
            "--reuse" => reuse = true,
            "--bench" => {}
            other => return Err(format!("unknown argument {other}")),
        }
    }
    let corpus = if reuse { None } else { corpus };
    Ok(match (corpus, index, queries) {
        (corpus, Some(index), Some(queries)) if corpus.is_some() || reuse => Some(Args {
            corpus,
            index,
            queries,
            runs: runs.max(1),
            passages_only,
            fold,
        }),
        _ => None,
    })
}

/// Indexes every passage of the corpus, with its article's title unless `passages_only`, into a
/// fresh index at `dir`; returns the passage count.
fn build(corpus: &Path, dir: &Path, passages_only: bool, fold: bool) -> tantivy::Result<u64> {
    let mut builder = Schema::builder();
    let options = if fold {
        let indexing = TextFieldIndexing::default()
            .set_tokenizer(FOLDING)
            .set_index_option(IndexRecordOption::WithFreqsAndPositions);
        TextOptions::default().set_indexing_options(indexing)
    } else {
        TEXT
    };
    let text = builder.add_text_field("text", options | STORED);
    std::fs::create_dir_all(dir)?;
    let index = Index::create_in_dir(dir, builder.build())?;
    register(&index);
    let mut writer: IndexWriter = index.writer(256 * 1024 * 1024)?;
    let files = corpus_files(corpus, |_| {})
        .map_err(|e| tantivy::TantivyError::SystemError(e.to_string()))?;
    let furniture = Furniture::builtin();
    let mut count = 0;
    for file in &files {
        let mut failure = None;
        let read = read_articles(file, &furniture, &Quiet, &mut |article| {
            for passage in passages(&article) {
                count += 1;
                let mut document = doc!(text => passage);
                if !passages_only {
                    document.add_text(text, &article.title);
                }
                if let Err(err) = writer.add_document(document) {
                    failure.get_or_insert(err);
                }
            }
        });
        if let Some(err) = failure {
            return Err(err);
        }
        if let Err(err) = read {
            eprintln!("skipped {}: {err}", file.path.display());
        }
    }
    writer.commit()?;
    writer.wait_merging_threads()?;
    Ok(count)
}

/// One query of the file, with the class its `# class: NAME` line gave it.
struct Line {
    class: Option<String>,
    query: String,
}

/// The classes reported: words and phrases as plain tantivy's query parser sees them, then each
/// class the query file names (`vnsearch bench --list` names the generated set's).
fn classes(lines: &[Line]) -> Vec<String> {
    let mut classes: Vec<String> = ["words", "words-marked", "words-unmarked", "phrase"]
        .map(String::from)
        .to_vec();
    for class in lines.iter().filter_map(|l| l.class.as_ref()) {
        if !classes.contains(class) {
            classes.push(class.clone());
        }
    }
    classes
}

/// Runs each query `runs` times (after one warm-up) and prints the percentiles per class.
fn run_queries(dir: &Path, lines: &[Line], runs: usize) -> tantivy::Result<()> {
    let index = Index::open_in_dir(dir)?;
    register(&index);
    let text = index.schema().get_field("text")?;
    let reader = index.reader()?;
    let searcher = reader.searcher();
    let mut parser = QueryParser::for_index(&index, vec![text]);
    parser.set_conjunction_by_default();
    println!(
        "class     queries    p50 µs    p99 µs   (top 10; + stored: the 10 documents read too)"
    );
    for class in classes(lines) {
        let mut rank = Vec::new();
        let mut stored = Vec::new();
        let mut count = 0;
        for line in lines.iter().filter(|l| in_class(l, &class)) {
            let Ok(query) = parser.parse_query(&line.query) else {
                continue;
            };
            count += 1;
            for run in 0..=runs {
                let started = Instant::now();
                let top = searcher.search(&query, &TopDocs::with_limit(10).order_by_score())?;
                let ranked = started.elapsed();
                for (_, address) in &top {
                    let _: TantivyDocument = searcher.doc(*address)?;
                }
                if run > 0 {
                    rank.push(ranked.as_micros() as u64);
                    stored.push(started.elapsed().as_micros() as u64);
                }
            }
        }
        if count == 0 {
            continue;
        }
        rank.sort_unstable();
        stored.sort_unstable();
        for (name, samples) in [(class.clone(), &rank), (format!("{class}+stored"), &stored)] {
            println!(
                "{name:<14} {count:>5} {:>9} {:>9}",
                percentile(samples, 50.0),
                percentile(samples, 99.0)
            );
        }
    }
    Ok(())
}

/// Whether a query is of the class: the class its file named, or a phrase (quoted), a word,
/// and a word typed with Vietnamese marks or without (which plain tantivy, not folding,
/// matches only as written). Words unquoted (`words-2`, `words-3`: all of them required, as
/// the parser is set) are only in their named classes.
fn in_class(line: &Line, class: &str) -> bool {
    let phrase = line.query.starts_with('"');
    let word = !phrase && !line.query.contains(' ');
    match class {
        "phrase" => phrase,
        "words-marked" => word && !line.query.is_ascii(),
        "words-unmarked" => word && line.query.is_ascii(),
        "words" => word,
        named => line.class.as_deref() == Some(named),
    }
}

/// The word and phrase lines of a `vnsearch bench --list` file, unquoted once as a shell would,
/// with the classes the file names.
fn read_lines(path: &Path) -> Result<Vec<Line>, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let mut class = None;
    let mut lines = Vec::new();
    for line in text.lines().map(str::trim) {
        if let Some(name) = line.strip_prefix(CLASS_LINE) {
            class = Some(name.trim().to_string());
            continue;
        }
        if line.is_empty() || line.starts_with('#') || line.contains("--") {
            continue;
        }
        if let Ok(words) = shell_words::split(line) {
            let query = words.join(" ");
            lines.push(Line {
                class: class.clone(),
                query,
            });
        }
    }
    Ok(lines)
}

fn main() {
    let args = match parse_args() {
        Ok(Some(args)) => args,
        Ok(None) => {
            println!("plain_tantivy: the scale run's anchor; run by benches/scale.sh");
            return;
        }
        Err(message) => {
            eprintln!("plain_tantivy: {message}");
            std::process::exit(2);
        }
    };
    let folding = if args.fold { " (ASCII folding)" } else { "" };
    if let Some(corpus) = &args.corpus {
        let started = Instant::now();
        let passages = match build(corpus, &args.index, args.passages_only, args.fold) {
            Ok(n) => n,
            Err(err) => {
                eprintln!("plain_tantivy: indexing failed: {err}");
                std::process::exit(1);
            }
        };
        println!(
            "plain tantivy{folding}: {passages} passages indexed in {:.1} s",
            started.elapsed().as_secs_f64()
        );
    } else {
        let index = args.index.display();
        println!("plain tantivy{folding}: the index at {index}");
    }
    let lines = match read_lines(&args.queries) {
        Ok(lines) => lines,
        Err(message) => {
            eprintln!("plain_tantivy: {message}");
            std::process::exit(2);
        }
    };
    if let Err(err) = run_queries(&args.index, &lines, args.runs) {
        eprintln!("plain_tantivy: querying failed: {err}");
        std::process::exit(1);
    }
}
