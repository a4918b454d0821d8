//! `vnsearch eval`: the relevance check — recall@k and MRR of a judged query set against
//! the index, to rerun whenever ranking changes.

use std::path::PathBuf;

use anyhow::Context;
use clap::Args;
use vnsearch::search::eval::{evaluate, Judgments};

use super::Paths;

/// Measure ranking quality: recall@k and mean reciprocal rank over a judged query set.
///
/// FILE is tab-separated: query, expected article id(s) separated by `|`, kind (e.g. written,
/// unaccented, other-tone), note. Lines starting with # are comments; the first line is a
/// header. Articles are ranked by their best passage.
///
/// Example: vnsearch eval tests/relevance/queries.tsv --corpus ../shared/data --index /tmp/data-index
#[derive(Debug, Args)]
pub struct EvalArgs {
    /// The judged queries (TSV).
    #[arg(value_name = "FILE")]
    file: PathBuf,
    /// Cut-off rank for recall.
    #[arg(short, long, default_value_t = 10)]
    k: usize,
    /// Print the report as one JSON object.
    #[arg(long)]
    json: bool,
    #[command(flatten)]
    paths: Paths,
}

pub fn run(args: EvalArgs) -> anyhow::Result<()> {
    let text = std::fs::read_to_string(&args.file)
        .with_context(|| format!("cannot read {}", args.file.display()))?;
    let judgments =
        Judgments::parse(&text).with_context(|| format!("in {}", args.file.display()))?;
    let engine = super::search::open_or_build(&args.paths)?;
    let report = evaluate(&engine, &judgments, args.k)?;
    if args.json {
        super::search::print_json_line(&report)?;
    } else {
        print!("{report}");
    }
    Ok(())
}
