//! `vnsearch persons`, `vnsearch docs` and `vnsearch topics`: the persons, document numbers
//! and topics the index knows, with how many articles and passages name, cite or are about
//! them.

use std::io::{self, BufWriter, Write};

use clap::Args;
use vnsearch::output::json;
use vnsearch::search::{DocEntry, Engine, PersonEntry, TopicEntry};

use super::IndexPath;

/// Roles shown per person in the listing for people (JSON has them all).
const ROLES_SHOWN: usize = 3;

/// List the persons named in the index, most mentioned first.
///
/// A name seen once with a title or role ("Tổng Bí thư Tô Lâm", "ông …", "đồng chí …") counts
/// as a person everywhere. FILTER keeps names containing it, accents optional.
///
/// Example: vnsearch persons "nguyen van" --json
#[derive(Debug, Args)]
pub struct PersonsArgs {
    /// Keep only names containing this text (accents optional).
    #[arg(value_name = "FILTER", default_value = "")]
    filter: String,
    /// One JSON object per person per line (name, key, roles, articles, passages).
    #[arg(long)]
    json: bool,
    #[command(flatten)]
    index: IndexPath,
}

/// List the document numbers cited in the index, most cited first.
///
/// FILTER keeps numbers or type names containing it ("nq/tw", "nghi quyet").
///
/// Example: vnsearch docs "nq/tw"
#[derive(Debug, Args)]
pub struct DocsArgs {
    /// Keep only numbers or type names containing this text (accents optional).
    #[arg(value_name = "FILTER", default_value = "")]
    filter: String,
    /// One JSON object per document per line (doc, key, kind, code, issuer, year, articles,
    /// passages).
    #[arg(long)]
    json: bool,
    #[command(flatten)]
    index: IndexPath,
}

/// List the topics of the index's taxonomy with how many passages and articles have each.
///
/// The taxonomy is the one the index was built with (the default, or `vnsearch index --topics
/// FILE`). A passage has a topic when its key phrases add up to a threshold; an article has
/// the topics of its passages.
///
/// Example: vnsearch topics --json
#[derive(Debug, Args)]
pub struct TopicsArgs {
    /// One JSON object per topic per line (name, slug, articles, passages).
    #[arg(long)]
    json: bool,
    #[command(flatten)]
    index: IndexPath,
}

pub fn run_topics(args: TopicsArgs) -> anyhow::Result<()> {
    let entries = Engine::open(&args.index.index)?.topics()?;
    print_all(&entries, args.json, write_topic)
}

fn write_topic(out: &mut dyn Write, entry: &TopicEntry) -> io::Result<()> {
    writeln!(
        out,
        "{:<52} {:<24} {:>7} passages {:>7} articles",
        entry.name, entry.slug, entry.passages, entry.articles
    )
}

pub fn run_persons(args: PersonsArgs) -> anyhow::Result<()> {
    let entries = Engine::open(&args.index.index)?.persons(&args.filter)?;
    print_all(&entries, args.json, write_person)
}

pub fn run_docs(args: DocsArgs) -> anyhow::Result<()> {
    let entries = Engine::open(&args.index.index)?.docs(&args.filter)?;
    print_all(&entries, args.json, write_doc)
}

/// Every entry as a JSON line, or as a line for people.
fn print_all<T: serde::Serialize>(
    entries: &[T],
    as_json: bool,
    for_people: fn(&mut dyn Write, &T) -> io::Result<()>,
) -> anyhow::Result<()> {
    let mut out = BufWriter::new(io::stdout().lock());
    for entry in entries {
        if as_json {
            json::line(&mut out, entry)?;
        } else {
            for_people(&mut out, entry)?;
        }
    }
    out.flush()?;
    Ok(())
}

fn write_person(out: &mut dyn Write, entry: &PersonEntry) -> io::Result<()> {
    let mut roles = entry
        .roles
        .iter()
        .take(ROLES_SHOWN)
        .cloned()
        .collect::<Vec<_>>()
        .join("; ");
    if entry.roles.len() > ROLES_SHOWN {
        roles.push_str("; …");
    }
    writeln!(
        out,
        "{}\t{} articles\t{} passages\t{}",
        entry.name, entry.articles, entry.passages, roles
    )
}

fn write_doc(out: &mut dyn Write, entry: &DocEntry) -> io::Result<()> {
    let year = entry.year.map(|y| y.to_string()).unwrap_or_default();
    writeln!(
        out,
        "{}\t{}\t{}\t{}\t{} articles\t{} passages",
        entry.doc, entry.kind, entry.issuer, year, entry.articles, entry.passages
    )
}
