//! Writes `src/analysis/common_syllables.tsv` from an index: the share of passages holding each
//! folded syllable, for every syllable common enough to be half of an indexed pair (see
//! `vnsearch::analysis::pairs`): standing in at least the pair threshold's share of passages.
//!
//! ```sh
//! cargo run --release --example common_syllables -- target/shared-data-index \
//!     > src/analysis/common_syllables.tsv
//! ```

use std::collections::HashMap;
use std::process::ExitCode;

use tantivy::Index;
use vnsearch::analysis::pairs::PAIR_THRESHOLD;
use vnsearch::index::schema::TEXT_FOLDED;

fn main() -> ExitCode {
    let Some(path) = std::env::args().nth(1) else {
        eprintln!("usage: common_syllables INDEX_DIR");
        return ExitCode::FAILURE;
    };
    match shares(&path) {
        Ok(lines) => {
            print!("{lines}");
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("common_syllables: {path}: {e}");
            ExitCode::FAILURE
        }
    }
}

/// The table's text: a header, then `syllable\tshare` by share, largest first.
fn shares(path: &str) -> tantivy::Result<String> {
    let index = Index::open_in_dir(path)?;
    let searcher = index.reader()?.searcher();
    let field = index.schema().get_field(TEXT_FOLDED)?;
    let mut doc_freqs: HashMap<String, u64> = HashMap::new();
    for segment in searcher.segment_readers() {
        let inverted = segment.inverted_index(field)?;
        let mut terms = inverted.terms().stream()?;
        while terms.advance() {
            let syllable = String::from_utf8_lossy(terms.key()).into_owned();
            *doc_freqs.entry(syllable).or_default() += u64::from(terms.value().doc_freq);
        }
    }
    let passages = searcher
        .segment_readers()
        .iter()
        .map(|s| f64::from(s.max_doc()))
        .sum::<f64>()
        .max(1.0);
    let mut shares: Vec<(String, f64)> = doc_freqs
        .into_iter()
        .map(|(syllable, n)| (syllable, n as f64 / passages))
        .collect();
    shares.sort_by(|a, b| b.1.total_cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    let mut text = format!(
        "# Folded syllables and the share of passages (with their title) holding each, from an\n\
         # index of {} passages of Vietnamese news; only those in at least the pair threshold's\n\
         # share ({PAIR_THRESHOLD}). Written by examples/common_syllables.rs.\n",
        searcher.num_docs()
    );
    for (syllable, share) in shares {
        if share < f64::from(PAIR_THRESHOLD) {
            break;
        }
        text.push_str(&format!("{syllable}\t{share:.4}\n"));
    }
    Ok(text)
}
