//! Quality checks over the real news in `../shared/data`: ranking (recall@10, MRR, nDCG@10 of
//! `tests/relevance/queries.tsv`), entity extraction (precision and recall against
//! `tests/entities/labels.tsv`) and topic tagging (against `tests/topics/labels.tsv`). Ignored by default, since they index 189,000 articles (about
//! a minute in release); run them with
//! `cargo test --release --test shared_data -- --ignored --nocapture`.
//! Each skips, saying so, when the data is absent (a user's machine).

use std::path::{Path, PathBuf};
use std::sync::Mutex;

use assert_cmd::Command;
use serde_json::Value;

/// Ranking must not fall below what it was when the sets were made.
const MIN_RECALL: f64 = 0.95;
const MIN_NDCG: f64 = 0.90;
/// The targets of issue 3, on the labels' `holdout` split (never used for tuning).
const MIN_DOC_PRECISION: f64 = 0.98;
const MIN_DOC_RECALL: f64 = 0.95;
const MIN_PERSON_PRECISION: f64 = 0.95;
const MIN_PERSON_RECALL: f64 = 0.90;
/// Topic tagging has no target in its issue; these floors, a little under the figures reported
/// in the README for the `test` split, catch a taxonomy change that makes it worse.
const MIN_TOPIC_PRECISION: f64 = 0.55;
const MIN_TOPIC_RECALL: f64 = 0.58;

/// Both checks share one index, built by whichever runs first.
static INDEX: Mutex<()> = Mutex::new(());

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn data() -> Option<PathBuf> {
    let data = root().join("../shared/data");
    if data.join("rss-2025-2026.jsonl.gz").is_file() {
        Some(data)
    } else {
        eprintln!("skipped: {} is absent", data.display());
        None
    }
}

/// `vnsearch eval ARGS --json` over the shared data, parsed.
fn eval(data: &Path, args: &[&str]) -> Value {
    let _guard = INDEX
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner());
    let output = Command::cargo_bin("vnsearch")
        .unwrap()
        .arg("eval")
        .args(args)
        .arg("--corpus")
        .arg(data)
        .arg("--index")
        .arg(root().join("target/shared-data-index"))
        .arg("--json")
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let report: Value = serde_json::from_slice(&output.stdout).unwrap();
    println!("{}", serde_json::to_string_pretty(&report).unwrap());
    report
}

#[test]
#[ignore = "indexes ../shared/data; run with --ignored"]
fn issue2_relevance_on_shared_data() {
    let Some(data) = data() else { return };
    let queries = root().join("tests/relevance/queries.tsv");
    let report = eval(&data, &[queries.to_str().unwrap()]);
    let overall = &report["overall"];
    assert!(overall["queries"].as_u64().unwrap() >= 50);
    let recall = overall["recall"].as_f64().unwrap();
    let ndcg = overall["ndcg"].as_f64().unwrap();
    assert!(recall >= MIN_RECALL, "recall@10 {recall} < {MIN_RECALL}");
    assert!(ndcg >= MIN_NDCG, "nDCG@10 {ndcg} < {MIN_NDCG}");
}

#[test]
#[ignore = "indexes ../shared/data; run with --ignored"]
fn issue3_entity_extraction_on_shared_data() {
    let Some(data) = data() else { return };
    let labels = root().join("tests/entities/labels.tsv");
    let report = eval(&data, &["--entities", labels.to_str().unwrap()]);
    let test = &report["by_split"]["holdout"];
    assert!(test["passages"].as_u64().unwrap() >= 100);
    let figure = |kind: &str, name: &str| test[kind][name].as_f64().unwrap();
    assert!(
        figure("docs", "precision") >= MIN_DOC_PRECISION,
        "{}",
        test["docs"]
    );
    assert!(
        figure("docs", "recall") >= MIN_DOC_RECALL,
        "{}",
        test["docs"]
    );
    assert!(
        figure("persons", "precision") >= MIN_PERSON_PRECISION,
        "{}",
        test["persons"]
    );
    assert!(
        figure("persons", "recall") >= MIN_PERSON_RECALL,
        "{}",
        test["persons"]
    );
}

#[test]
#[ignore = "indexes ../shared/data; run with --ignored"]
fn issue4_topic_tagging_on_shared_data() {
    let Some(data) = data() else { return };
    let labels = root().join("tests/topics/labels.tsv");
    let report = eval(&data, &["--topics", labels.to_str().unwrap()]);
    let test = &report["by_split"]["test"];
    assert!(test["passages"].as_u64().unwrap() >= 100);
    let all = &test["all"];
    assert!(
        all["precision"].as_f64().unwrap() >= MIN_TOPIC_PRECISION,
        "{all}"
    );
    assert!(all["recall"].as_f64().unwrap() >= MIN_TOPIC_RECALL, "{all}");
}
