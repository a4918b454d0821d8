//! `vnsearch bench`: query latency on the user's own index, per class of query, with the
//! process's peak memory.

use std::io::{self, BufWriter, Write};
use std::path::PathBuf;

use anyhow::Context;
use clap::builder::RangedU64ValueParser;
use clap::{Args, Parser};
use vnsearch::search::bench::{
    default_queries, run_bench, BenchQuery, BenchReport, Latency, CLASS_LINE,
};
use vnsearch::search::Engine;

use super::search::{class_of, request_of, SearchArgs};
use super::IndexPath;

/// Measure query latency on the index: p50, p95, p99 and max per class of query.
///
/// Opens the index once, warms up, then runs every query of the set RUNS times through the
/// same code path as `search` (top 10 with highlights) and RUNS times more for the ranking
/// alone, and prints per class and overall: queries, p50, p95, p99 and max latency in
/// microseconds, queries per second on one thread, and the process's peak memory. The default
/// query set is generated from the index itself: frequent and rare words with and without
/// accents, two- and three-syllable phrases, persons, document numbers, topics, and words
/// narrowed to a period. --queries FILE takes one query per line in `search`'s own syntax
/// (flags allowed: --person "Tô Lâm" chuyển đổi số); blank lines and lines starting with #
/// are skipped, but a line `# class: NAME` puts the queries after it in class NAME (otherwise
/// a query's class is what it asks for: words, phrase, person, doc, topic). --list prints the
/// set with those lines.
///
/// Examples: vnsearch bench    vnsearch bench --queries my-queries.txt --runs 20 --json
#[derive(Debug, Args)]
pub struct BenchArgs {
    /// One query per line, in the syntax of `vnsearch search` (without the word "search").
    #[arg(long, value_name = "FILE")]
    queries: Option<PathBuf>,
    /// Timed runs of each query.
    #[arg(long, value_name = "N", default_value_t = 5,
          value_parser = RangedU64ValueParser::<usize>::new().range(1..))]
    runs: usize,
    /// Untimed runs of each query first.
    #[arg(long, value_name = "N", default_value_t = 1)]
    warmup: usize,
    /// Print the report as one JSON object.
    #[arg(long)]
    json: bool,
    /// Print the queries, one per line in the syntax `--queries` reads, instead of running
    /// them (a start for a query file of your own).
    #[arg(long)]
    list: bool,
    #[command(flatten)]
    index: IndexPath,
}

/// One line of a query file, parsed like `search`'s arguments.
#[derive(Debug, Parser)]
#[command(no_binary_name = true)]
struct QueryLine {
    #[command(flatten)]
    search: SearchArgs,
}

pub fn run(args: BenchArgs) -> anyhow::Result<()> {
    let engine = Engine::open(&args.index.index)?;
    let queries = match &args.queries {
        Some(path) => read_queries(path)?,
        None => default_queries(&engine)?,
    };
    if queries.is_empty() {
        anyhow::bail!("no query to run (the index or the query file has none)");
    }
    if args.list {
        let mut out = BufWriter::new(io::stdout().lock());
        let mut class = None;
        for query in &queries {
            if class != Some(&query.class) {
                class = Some(&query.class);
                writeln!(out, "{CLASS_LINE}{}", query.class)?;
            }
            writeln!(out, "{}", query.label)?;
        }
        out.flush()?;
        return Ok(());
    }
    let report = run_bench(&engine, &queries, args.runs, args.warmup)?;
    if args.json {
        super::search::print_json_line(&report)?;
    } else {
        print_table(&report)?;
    }
    Ok(())
}

/// The queries of a file, one per line in `search`'s syntax.
fn read_queries(path: &PathBuf) -> anyhow::Result<Vec<BenchQuery>> {
    let text =
        std::fs::read_to_string(path).with_context(|| format!("cannot read {}", path.display()))?;
    let mut queries = Vec::new();
    let mut named_class: Option<&str> = None;
    for (number, line) in text.lines().enumerate() {
        let line = line.trim();
        if let Some(name) = line.strip_prefix(CLASS_LINE) {
            named_class = Some(name.trim()).filter(|name| !name.is_empty());
            continue;
        }
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let place = || format!("{} line {}", path.display(), number + 1);
        let words = shell_words::split(line).with_context(place)?;
        let parsed = QueryLine::try_parse_from(&words)
            .map_err(|e| anyhow::anyhow!("{}", e.kind()))
            .with_context(place)?;
        let request = request_of(&parsed.search).with_context(place)?;
        queries.push(BenchQuery {
            class: named_class.map_or_else(|| class_of(&parsed.search), str::to_string),
            label: line.to_string(),
            request,
        });
    }
    Ok(queries)
}

fn print_table(report: &BenchReport) -> io::Result<()> {
    let mut out = BufWriter::new(io::stdout().lock());
    writeln!(
        out,
        "{} passages; {} timed runs per query after {} warm-up; top 10 with highlights (rank only: ranking alone)",
        report.passages, report.runs, report.warmup
    )?;
    writeln!(
        out,
        "{:<16} {:>7} {:>9} {:>9} {:>9} {:>9} {:>9} {:>14} {:>14}",
        "class",
        "queries",
        "p50 µs",
        "p95 µs",
        "p99 µs",
        "max µs",
        "qps",
        "rank p50 µs",
        "rank p99 µs"
    )?;
    for latency in report
        .classes
        .iter()
        .chain(std::iter::once(&report.overall))
    {
        row(&mut out, latency)?;
    }
    match report.peak_rss_mib {
        Some(mib) => writeln!(out, "peak memory: {mib:.1} MiB")?,
        None => writeln!(out, "peak memory: not known on this system")?,
    }
    out.flush()
}

fn row(out: &mut dyn Write, l: &Latency) -> io::Result<()> {
    writeln!(
        out,
        "{:<16} {:>7} {:>9} {:>9} {:>9} {:>9} {:>9.0} {:>14} {:>14}",
        l.class,
        l.queries,
        l.p50_us,
        l.p95_us,
        l.p99_us,
        l.max_us,
        l.qps,
        l.rank_p50_us,
        l.rank_p99_us
    )
}
