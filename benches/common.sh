# Shared by the shell benches: where the data and the binary are, and a clean skip when the
# data is absent (a user's machine has no ../shared). Sourced, not run.
DATA=${DATA:-../shared/data}
BIN=${BIN:-target/release/vnsearch}
RUNS=${RUNS:-5}
if [ ! -f "$DATA/rss-2025-2026.jsonl.gz" ] || [ ! -f "$DATA/baomoi-2017.jsonl.gz" ]; then
    echo "skipped: $DATA is absent"
    exit 0
fi
if [ ! -x "$BIN" ]; then
    echo "no binary at $BIN: run cargo build --release first" >&2
    exit 1
fi
