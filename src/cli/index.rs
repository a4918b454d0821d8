//! `vnsearch index`: bring the index up to date with the corpus folder, once or watching it.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use anyhow::Context;
use clap::Args;
use notify_debouncer_mini::{new_debouncer, notify::RecursiveMode};
use vnsearch::entities::topic::Taxonomy;
use vnsearch::index::{build_index, BuildOptions, BuildStats};

use super::progress::Progress;
use super::Paths;

/// Bring the index up to date with the corpus folder (built from scratch the first time).
///
/// Reads every .txt, .json, .jsonl, .ndjson and .jsonl.gz file under the corpus folder, except
/// in hidden folders and in index folders (so the index may live inside the corpus). A
/// manifest kept with the index (size, modification time and content hash of each file) lets
/// it skip unchanged files after a stat, add new files, replace the passages of changed files,
/// index only the new records of a JSON Lines file that grew by appending, and remove the
/// passages of deleted files, all in one commit: an interrupted run (even killed) leaves the
/// index of the last commit, and the next run finishes the work. A file or record that cannot
/// be read is named on stderr and skipped; the rest is indexed.
///
/// Examples: vnsearch index --corpus ~/news --index ~/news-index
///           vnsearch index --watch
///           vnsearch index --rebuild --json
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
    /// Build the index from scratch instead of updating it (also repairs a damaged index).
    #[arg(long)]
    rebuild: bool,
    /// After updating, keep watching the corpus folder and index new and changed files as they
    /// land, with a line per update, until interrupted (Ctrl-C).
    #[arg(long)]
    watch: bool,
    /// Skip extracting persons and document numbers (to measure what extraction costs;
    /// --person, --doc, `persons` and `docs` then find nothing).
    #[arg(long)]
    no_entities: bool,
    /// Skip tagging passages with topics (to measure what tagging costs; --topic then finds
    /// nothing).
    #[arg(long)]
    no_topics: bool,
    /// Tag passages with the topics of this taxonomy file (see src/entities/topics.toml for
    /// the format); the index keeps it for `search --topic` and later runs. Without it, the
    /// index keeps the taxonomy it has (the built-in one for a new index).
    #[arg(long, value_name = "FILE")]
    topics: Option<PathBuf>,
}

/// Wait after the last change in the corpus before updating, in watch mode.
const WATCH_DEBOUNCE: Duration = Duration::from_secs(1);

pub fn run(args: IndexArgs) -> anyhow::Result<()> {
    let taxonomy = match &args.topics {
        Some(path) => Some(Arc::new(Taxonomy::from_file(path)?)),
        None => None,
    };
    let options = BuildOptions {
        entities: !args.no_entities,
        topics: !args.no_topics,
        taxonomy,
        rebuild: args.rebuild,
    };
    let stats = build(
        &args.paths.corpus,
        &args.paths.index,
        options.clone(),
        args.quiet,
    )?;
    if args.json {
        super::search::print_json_line(&stats)?;
    } else if !args.quiet {
        eprintln!("{}", summary(&stats, &args.paths.index));
    }
    if args.watch {
        let options = BuildOptions {
            rebuild: false,
            ..options
        };
        watch(&args, options)?;
    }
    Ok(())
}

/// Updates the index whenever files under the corpus folder change, until interrupted.
fn watch(args: &IndexArgs, options: BuildOptions) -> anyhow::Result<()> {
    let corpus = &args.paths.corpus;
    let index = &args.paths.index;
    let (events, changes) = std::sync::mpsc::channel();
    let mut debouncer =
        new_debouncer(WATCH_DEBOUNCE, events).context("cannot watch the corpus folder")?;
    debouncer
        .watcher()
        .watch(corpus, RecursiveMode::Recursive)
        .with_context(|| format!("cannot watch {}", corpus.display()))?;
    let index_dir = std::fs::canonicalize(index).unwrap_or_else(|_| index.clone());
    eprintln!(
        "vnsearch: watching {} for new and changed files (Ctrl-C to stop)",
        corpus.display()
    );
    for batch in changes {
        let relevant = match batch {
            Ok(events) => events.iter().any(|e| !e.path.starts_with(&index_dir)),
            Err(err) => {
                eprintln!("vnsearch: watching {}: {err}", corpus.display());
                false
            }
        };
        if !relevant {
            continue;
        }
        match build(corpus, index, options.clone(), true) {
            Ok(stats) if args.json => super::search::print_json_line(&stats)?,
            Ok(stats) if !args.quiet && stats.added + stats.updated + stats.removed > 0 => {
                eprintln!("[{}] {}", clock(), summary(&stats, index));
            }
            Ok(_) => {}
            Err(err) => eprintln!("vnsearch: {}", super::one_line(&err)),
        }
    }
    Ok(())
}

/// The time of day in UTC, HH:MM:SS.
fn clock() -> String {
    let seconds = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs())
        % 86_400;
    format!(
        "{:02}:{:02}:{:02} UTC",
        seconds / 3600,
        seconds / 60 % 60,
        seconds % 60
    )
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
        "{} {} files: {} added, {} updated, {} removed, {} unchanged, {} skipped with errors; {} passages in {} ({:.1} s)",
        if stats.rebuilt { "rebuilt from" } else { "scanned" },
        stats.scanned,
        stats.added,
        stats.updated,
        stats.removed,
        stats.unchanged,
        stats.skipped_files,
        stats.passages,
        index.display(),
        stats.seconds
    );
    if stats.skipped_records > 0 {
        line.push_str(&format!(
            "; {} records skipped (named above)",
            stats.skipped_records
        ));
    }
    line
}
