//! `vnsearch index`: build the index from the corpus folder.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use anyhow::Context;
use clap::Args;
use vnsearch::entities::topic::Taxonomy;
use vnsearch::index::{build_index, BuildOptions, BuildStats};

use super::progress::Progress;
use super::Paths;

/// Build the index from the corpus folder, replacing what it held.
///
/// Reads every .txt, .json, .jsonl, .ndjson and .jsonl.gz file under the corpus folder. A file
/// or record that cannot be read is named on stderr and skipped; the rest is indexed. The new
/// index replaces the old one in a single commit, so an interrupted run leaves the old index.
///
/// Example: vnsearch index --corpus ~/news --index ~/news-index
#[derive(Debug, Args)]
pub struct IndexArgs {
    #[command(flatten)]
    paths: Paths,
    /// Print the summary as one JSON object on stdout.
    #[arg(long)]
    json: bool,
    /// No progress bar and no summary (warnings are still printed).
    #[arg(long, short)]
    quiet: bool,
    /// Skip extracting persons, document numbers and topics (to measure what extraction
    /// costs; --person, --doc, --topic, `persons` and `docs` then find nothing).
    #[arg(long)]
    no_entities: bool,
    /// Tag passages with the topics of this taxonomy file instead of the built-in one (see
    /// src/entities/topics.toml for the format); the index keeps it for `search --topic`.
    #[arg(long, value_name = "FILE")]
    topics: Option<PathBuf>,
}

pub fn run(args: IndexArgs) -> anyhow::Result<()> {
    let taxonomy = match &args.topics {
        Some(path) => Taxonomy::from_file(path)?,
        None => Taxonomy::builtin(),
    };
    let options = BuildOptions {
        entities: !args.no_entities,
        taxonomy: Arc::new(taxonomy),
    };
    let stats = build(&args.paths.corpus, &args.paths.index, options, args.quiet)?;
    if args.json {
        super::search::print_json_line(&stats)?;
    } else if !args.quiet {
        eprintln!("{}", summary(&stats, &args.paths.index));
    }
    Ok(())
}

/// Builds the index with a progress bar; shared with `search`, which builds on first use.
pub fn build(
    corpus: &Path,
    index: &Path,
    options: BuildOptions,
    quiet: bool,
) -> anyhow::Result<BuildStats> {
    let progress = Progress::new(quiet);
    let stats = build_index(corpus, index, options, &progress).with_context(|| {
        format!(
            "indexing {} into {} failed",
            corpus.display(),
            index.display()
        )
    });
    progress.finish();
    stats
}

fn summary(stats: &BuildStats, index: &Path) -> String {
    let mut line = format!(
        "indexed {} files: {} articles, {} passages into {} in {:.1} s",
        stats.files,
        stats.articles,
        stats.passages,
        index.display(),
        stats.seconds
    );
    if stats.skipped_files + stats.skipped_records > 0 {
        line.push_str(&format!(
            " ({} files and {} records skipped, named above)",
            stats.skipped_files, stats.skipped_records
        ));
    }
    line
}
