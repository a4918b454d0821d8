//! `vnsearch show`: one cleaned article, its passages numbered as search reports them.

use std::io::{self, BufWriter, Write};

use clap::Args;
use vnsearch::output::{json, Terminal};
use vnsearch::search::Engine;

use super::IndexPath;

/// Print one article as indexed, to read around a hit.
///
/// Title, id, date, source and URL, then every passage numbered as `search` reports them.
///
/// Example: vnsearch show 000_cf7e50b398e10c32.txt
#[derive(Debug, Args)]
pub struct ShowArgs {
    /// The article id, as search prints it (e.g. 000_cf7e50b398e10c32.txt or feed.jsonl#42).
    #[arg(value_name = "ARTICLE")]
    article: String,
    /// The article as one JSON object.
    #[arg(long)]
    json: bool,
    #[command(flatten)]
    index: IndexPath,
}

pub fn run(args: ShowArgs) -> anyhow::Result<()> {
    let engine = Engine::open(&args.index.index)?;
    let article = engine.article(&args.article)?;
    let mut out = BufWriter::new(io::stdout().lock());
    if args.json {
        json::line(&mut out, &article)?;
    } else {
        Terminal {
            color: super::stdout_color(),
        }
        .article(&mut out, &article)?;
    }
    out.flush()?;
    Ok(())
}
