//! `vnsearch search`: ranked passages for a query, for people or as JSON Lines.

use std::io::{self, BufWriter, Write};

use clap::builder::RangedU64ValueParser;
use clap::Args;
use vnsearch::entities::person::person_key;
use vnsearch::index::{recorded_corpus, BuildOptions};
use vnsearch::output::{json, Terminal};
use vnsearch::search::{
    parse_day, End, Engine, Filters, QueryPlan, SearchRequest, TopicTarget, DEFAULT_LIMIT,
};

use super::Paths;

/// Search the index for passages.
///
/// Words are matched with or without accents: "ha noi", "Hà Nội" and "Hà Nội" written in NFD
/// all find "Hà Nội"; a query typed with accents ranks exact-accent matches first. Every word
/// is required (when nothing has them all, any word is accepted and stderr says so); words
/// side by side in the query score higher side by side in the passage; "quoted words" must
/// appear as a phrase. --person, --doc and --topic narrow or replace the words; --since,
/// --until and --source filter every kind of search. When there is no index yet, it is built
/// from the corpus first.
///
/// Examples: vnsearch search "Tô Lâm"    vnsearch search thanh uy ha noi -n 5 --json
///           vnsearch search --topic "chuyển đổi số" --since 2025-08 --source vnexpress --facets
#[derive(Debug, Args)]
pub struct SearchArgs {
    /// The query: words, and "quoted phrases" (optional with --person, --doc or --topic).
    #[arg(required_unless_present_any = ["person", "doc", "topic"], num_args = 1.., value_name = "QUERY")]
    query: Vec<String>,
    /// Only passages naming this person, with or without accents, whole or a unique part
    /// ("to lam", "Minh Hoài"); passages where the person acts or speaks come first.
    #[arg(long, value_name = "NAME")]
    person: Option<String>,
    /// Only passages citing this document number, in any spelling ("57-nq/tw", "57 NQ-TW",
    /// "137-QD/TW"); passages that issue or define it come first.
    #[arg(long, value_name = "NUMBER")]
    doc: Option<String>,
    /// Only passages about this topic: a topic of the index's taxonomy by name or slug,
    /// accents optional ("chuyển đổi số", "moi-truong"; see `vnsearch topics`), or else words
    /// describing a topic. Passages most about it come first.
    #[arg(long, value_name = "NAME")]
    topic: Option<String>,
    /// Only articles published on or after this date: YYYY-MM-DD, YYYY-MM or YYYY.
    #[arg(long, value_name = "DATE")]
    since: Option<String>,
    /// Only articles published on or before this date (a month or year includes all of it).
    #[arg(long, value_name = "DATE")]
    until: Option<String>,
    /// Only articles from this source: any words of its name, accents and case optional
    /// ("vnexpress", "thanh nien", "Tuổi Trẻ").
    #[arg(long, value_name = "NAME")]
    source: Option<String>,
    /// Under the hits, the top persons, document numbers, topics and sources of the whole
    /// result set with passage counts (with --json: one final object {"facets": ...}).
    #[arg(long)]
    facets: bool,
    /// How many passages to show.
    #[arg(short = 'n', long = "limit", value_name = "N", default_value_t = DEFAULT_LIMIT,
          value_parser = RangedU64ValueParser::<usize>::new().range(1..))]
    limit: usize,
    /// One JSON object per hit per line (fields: rank, score, article, passage, title, text,
    /// highlights, title_highlights, date, source, url, persons, docs, topics).
    #[arg(long)]
    json: bool,
    #[command(flatten)]
    paths: Paths,
}

pub fn run(args: SearchArgs) -> anyhow::Result<()> {
    let query = args.query.join(" ");
    let blank = |typed: &Option<String>| typed.as_deref().is_some_and(|t| t.trim().is_empty());
    let nothing_asked = QueryPlan::parse(&query).is_empty()
        && args.person.is_none()
        && args.doc.is_none()
        && args.topic.is_none();
    if nothing_asked || blank(&args.person) || blank(&args.doc) || blank(&args.topic) {
        return Err(vnsearch::Error::EmptyQuery.into());
    }
    let request = request_of(&args)?;
    let engine = open_or_build(&args.paths)?;
    let outcome = engine.search_request(&request, args.limit)?;
    if let Some(TopicTarget::Words(_)) = &outcome.topic {
        eprintln!(
            "vnsearch: no topic named {:?} (see `vnsearch topics`); ranking passages by its words",
            args.topic.as_deref().unwrap_or_default()
        );
    }
    if let Some(person) = &outcome.person {
        if args.person.as_deref().map(person_key) != Some(person.key.clone()) {
            eprintln!("vnsearch: person {}", person.name);
        }
    }
    if outcome.relaxed {
        eprintln!(
            "vnsearch: no passage has every word of the query; showing passages with any of them"
        );
    }
    if outcome.hits.is_empty() {
        eprintln!("vnsearch: no passage matches");
    }
    let mut out = BufWriter::new(io::stdout().lock());
    let terminal = Terminal {
        color: super::stdout_color(),
    };
    for hit in &outcome.hits {
        if args.json {
            json::line(&mut out, hit)?;
        } else {
            terminal.hit(&mut out, hit)?;
        }
    }
    if let Some(facets) = &outcome.facets {
        if args.json {
            json::line(&mut out, &FacetsLine { facets })?;
        } else {
            terminal.facets(&mut out, facets)?;
        }
    }
    out.flush()?;
    Ok(())
}

/// The library request for the command line's query, person, document, topic and filters.
pub fn request_of(args: &SearchArgs) -> anyhow::Result<SearchRequest> {
    Ok(SearchRequest {
        text: args.query.join(" "),
        person: args.person.clone(),
        doc: args.doc.clone(),
        topic: args.topic.clone(),
        filters: filters(args)?,
        facets: args.facets,
    })
}

/// Which kind of search the command line asks for, to group `bench` figures: a topic, a
/// document, a person, a phrase or words, with "+filter" when a period or source narrows it.
pub fn class_of(args: &SearchArgs) -> String {
    let base = if args.topic.is_some() {
        "topic"
    } else if args.doc.is_some() {
        "doc"
    } else if args.person.is_some() {
        "person"
    } else if args.query.iter().any(|q| q.contains('"')) {
        "phrase"
    } else {
        "words"
    };
    let filtered = args.since.is_some() || args.until.is_some() || args.source.is_some();
    format!("{base}{}", if filtered { "+filter" } else { "" })
}

/// The final JSON line of `search --json --facets`.
#[derive(serde::Serialize)]
struct FacetsLine<'a> {
    facets: &'a vnsearch::search::Facets,
}

/// The period and source filters, with the dates checked.
fn filters(args: &SearchArgs) -> anyhow::Result<Filters> {
    let since = args
        .since
        .as_deref()
        .map(|d| parse_day(d, End::Start))
        .transpose()?;
    let until = args
        .until
        .as_deref()
        .map(|d| parse_day(d, End::Finish))
        .transpose()?;
    if let (Some(since), Some(until)) = (since, until) {
        if since > until {
            anyhow::bail!(
                "--since {} is after --until {}: nothing can match",
                args.since.as_deref().unwrap_or_default(),
                args.until.as_deref().unwrap_or_default()
            );
        }
    }
    if args.source.as_deref().is_some_and(|s| s.trim().is_empty()) {
        anyhow::bail!("--source is empty: give words of the source's name");
    }
    Ok(Filters {
        since,
        until,
        source: args.source.clone(),
    })
}

/// Opens the index, building it first from the corpus when there is none yet, or rebuilding
/// it when it was built by another version: from the corpus folder it records, when it
/// records one (another `--corpus` would make another index).
pub fn open_or_build(paths: &Paths) -> anyhow::Result<Engine> {
    let index = &paths.index;
    // Opened once when it is usable, as it is for every search but the first.
    let corpus = match Engine::open(index) {
        Ok(engine) => return Ok(engine),
        Err(vnsearch::Error::NoIndex(_)) if paths.corpus.is_dir() => {
            eprintln!(
                "vnsearch: no index at {} yet; building it from {}",
                index.display(),
                paths.corpus.display()
            );
            paths.corpus.clone()
        }
        Err(vnsearch::Error::NoIndex(_)) => anyhow::bail!(
            "no index at {} and no corpus folder at {} to build one from (give --corpus DIR or --index DIR)",
            index.display(),
            paths.corpus.display()
        ),
        Err(old @ vnsearch::Error::OldIndex { .. }) => {
            let corpus = match recorded_corpus(index) {
                Some(recorded) if recorded.is_dir() => recorded,
                Some(recorded) => anyhow::bail!(
                    "{old}; it was built from {}, which is gone: run `vnsearch index --rebuild --corpus DIR --index {}`",
                    recorded.display(),
                    index.display()
                ),
                None if paths.corpus.is_dir() => paths.corpus.clone(),
                None => return Err(old.into()),
            };
            eprintln!("vnsearch: {old}; rebuilding it from {}", corpus.display());
            corpus
        }
        Err(err) => return Err(err.into()),
    };
    super::index::build(&corpus, index, BuildOptions::default(), false)?;
    Ok(Engine::open(index)?)
}

/// Writes one JSON line on stdout.
pub fn print_json_line<T: serde::Serialize>(value: &T) -> anyhow::Result<()> {
    let mut out = io::stdout().lock();
    json::line(&mut out, value)?;
    Ok(())
}
