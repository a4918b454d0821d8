//! `vnsearch eval`: the relevance check — recall@k and MRR of a judged query set against
//! the index, to rerun whenever ranking changes.

use std::path::PathBuf;

use anyhow::Context;
use clap::Args;
use vnsearch::search::entity_eval::{evaluate_entities, parse_entity_labels};
use vnsearch::search::eval::{evaluate, Judgments};
use vnsearch::search::topic_eval::{evaluate_topics, parse_topic_labels};

use super::Paths;

/// Measure quality: ranking (recall@k, MRR), or with --entities entity extraction, or with
/// --topics topic tagging.
///
/// FILE is tab-separated: query, expected article id(s) separated by `|`, kind (e.g. written,
/// unaccented, other-tone), note. Lines starting with # are comments; the first line is a
/// header. Articles are ranked by their best passage.
///
/// With --entities, FILE holds labelled passages: article, passage, documents, persons (values
/// separated by `|`), note, split; precision and recall of both extractors are reported per split.
///
/// With --topics, FILE holds labelled passages: article, passage, topic slugs (separated by
/// `|`), note, split; precision and recall are reported per topic and split.
///
/// Examples: vnsearch eval tests/relevance/queries.tsv --corpus ../shared/data --index /tmp/data-index
///           vnsearch eval --entities tests/entities/labels.tsv --corpus ../shared/data --index /tmp/data-index
///           vnsearch eval --topics tests/topics/labels.tsv --corpus ../shared/data --index /tmp/data-index
#[derive(Debug, Args)]
pub struct EvalArgs {
    /// The judged queries (TSV).
    #[arg(value_name = "FILE")]
    file: PathBuf,
    /// Cut-off rank for recall.
    #[arg(short, long, default_value_t = 10)]
    k: usize,
    /// FILE labels entities in passages: report precision and recall of the extractors.
    #[arg(long, conflicts_with = "topics")]
    entities: bool,
    /// FILE labels topics of passages: report precision and recall of the topic tagger.
    #[arg(long)]
    topics: bool,
    /// Print the report as one JSON object.
    #[arg(long)]
    json: bool,
    #[command(flatten)]
    paths: Paths,
}

pub fn run(args: EvalArgs) -> anyhow::Result<()> {
    let text = std::fs::read_to_string(&args.file)
        .with_context(|| format!("cannot read {}", args.file.display()))?;
    let context = || format!("in {}", args.file.display());
    let engine = super::search::open_or_build(&args.paths)?;
    if args.entities {
        let labels = parse_entity_labels(&text).with_context(context)?;
        return print_report(&evaluate_entities(&engine, &labels)?, args.json);
    }
    if args.topics {
        let labels = parse_topic_labels(&text).with_context(context)?;
        return print_report(&evaluate_topics(&engine, &labels)?, args.json);
    }
    let judgments = Judgments::parse(&text).with_context(context)?;
    print_report(&evaluate(&engine, &judgments, args.k)?, args.json)
}

fn print_report<R: serde::Serialize + std::fmt::Display>(
    report: &R,
    json: bool,
) -> anyhow::Result<()> {
    if json {
        super::search::print_json_line(report)?;
    } else {
        print!("{report}");
    }
    Ok(())
}
