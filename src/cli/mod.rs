//! Command-line interface: clap definitions (doc comments are the help text), one file per
//! subcommand, each ending in a library call.

mod bench;
mod entities;
mod eval;
mod index;
mod progress;
mod search;
mod show;

use std::io::IsTerminal;
use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

/// Default corpus folder, relative to the working directory.
pub const DEFAULT_CORPUS: &str = "corpus";
/// Default index folder, relative to the working directory.
pub const DEFAULT_INDEX: &str = "index";
/// Environment variables overriding the defaults.
pub const CORPUS_ENV: &str = "VNSEARCH_CORPUS";
pub const INDEX_ENV: &str = "VNSEARCH_INDEX";

/// Full-text search for Vietnamese political news, with or without accents.
///
/// Index a folder of articles (scraped .txt pages, .json, .jsonl, .jsonl.gz) once, then search
/// it by keyword. Queries typed without accents ("ha noi") match accented text; queries typed
/// with accents rank exact-accent matches first.
#[derive(Debug, Parser)]
#[command(name = "vnsearch", version, about, long_about)]
pub struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    Index(index::IndexArgs),
    Search(search::SearchArgs),
    Show(show::ShowArgs),
    Persons(entities::PersonsArgs),
    Docs(entities::DocsArgs),
    Topics(entities::TopicsArgs),
    Eval(eval::EvalArgs),
    Bench(bench::BenchArgs),
}

/// Where the corpus and the index are.
#[derive(Debug, Args, Clone)]
pub struct Paths {
    /// Folder of articles to index, searched recursively.
    #[arg(long, value_name = "DIR", env = CORPUS_ENV, default_value = DEFAULT_CORPUS)]
    pub corpus: PathBuf,
    /// Folder holding the index.
    #[arg(long, value_name = "DIR", env = INDEX_ENV, default_value = DEFAULT_INDEX)]
    pub index: PathBuf,
}

/// Where the index is (commands that never read the corpus).
#[derive(Debug, Args, Clone)]
pub struct IndexPath {
    /// Folder holding the index.
    #[arg(long, value_name = "DIR", env = INDEX_ENV, default_value = DEFAULT_INDEX)]
    pub index: PathBuf,
}

/// Parses the command line and runs the command.
pub fn run() -> anyhow::Result<()> {
    let cli = Cli::parse();
    match cli.command {
        Command::Index(args) => index::run(args),
        Command::Search(args) => search::run(args),
        Command::Show(args) => show::run(args),
        Command::Persons(args) => entities::run_persons(args),
        Command::Docs(args) => entities::run_docs(args),
        Command::Topics(args) => entities::run_topics(args),
        Command::Eval(args) => eval::run(args),
        Command::Bench(args) => bench::run(args),
    }
}

/// An error and its causes on one line, whatever their messages hold.
pub fn one_line(err: &anyhow::Error) -> String {
    // Each cause once: the library's errors name their source in their own message too.
    let mut line = String::new();
    for cause in err.chain() {
        let text = cause.to_string();
        if line.contains(&text) {
            continue;
        }
        if !line.is_empty() {
            line.push_str(": ");
        }
        line.push_str(&text);
    }
    line.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// True when the error is a closed stdout (`vnsearch search x | head`): not a failure.
pub fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain().any(|cause| {
        cause
            .downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
    })
}

/// Colour on stdout only for a terminal, and never when NO_COLOR is set.
pub fn stdout_color() -> bool {
    std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;
    use anyhow::Context;

    #[test]
    fn an_error_is_one_line_with_each_cause_once() {
        let io = std::io::Error::new(std::io::ErrorKind::AlreadyExists, "File exists");
        let read = vnsearch::Error::Read {
            path: "chỉ mục".into(),
            source: io,
        };
        let err = Err::<(), _>(read)
            .context("indexing corpus\ninto chỉ mục failed")
            .unwrap_err();
        assert_eq!(
            one_line(&err),
            "indexing corpus into chỉ mục failed: cannot read chỉ mục: File exists"
        );
    }
}
