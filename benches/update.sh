#!/bin/sh
# Times `vnsearch index` on ../shared/data (issue 5): a full build, a rerun with nothing
# changed, a rerun after 100 new articles arrive in a new file, and a rerun after 1,000 records
# are appended to a JSON Lines file (as a new gzip member of rss-2025-2026.jsonl.gz). Each
# update figure is the median of RUNS runs, each from the same starting state (restored,
# untimed, between runs). Skips cleanly when the data is absent.
#
#   cargo build --release && sh benches/update.sh            # RUNS=5 by default
#   RUNS=9 BIN=target/release/vnsearch sh benches/update.sh
set -eu

. "$(dirname "$0")/common.sh"

WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
CORPUS="$WORK/corpus"
INDEX="$WORK/index"
mkdir -p "$CORPUS"
cp "$DATA/rss-2025-2026.jsonl.gz" "$DATA/baomoi-2017.jsonl.gz" "$CORPUS/"
cp "$CORPUS/rss-2025-2026.jsonl.gz" "$WORK/rss-original.jsonl.gz"
# 100 new articles (full bodies) and 1,000 more records, taken from the data with new ids.
gzip -dc "$DATA/baomoi-2017.jsonl.gz" | head -n 100 | sed 's/"id": *"/"id": "new-/' > "$WORK/new.jsonl"
gzip -dc "$DATA/baomoi-2017.jsonl.gz" | sed -n '101,1100p' | sed 's/"id": *"/"id": "more-/' |
    gzip > "$WORK/more.gz"

index() {
    "$BIN" index -q --corpus "$CORPUS" --index "$INDEX" "$@"
}

# Milliseconds one command takes, wall clock.
timed() {
    start=$(date +%s%N)
    "$@"
    end=$(date +%s%N)
    echo $(((end - start) / 1000000))
}

median() {
    sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'
}

report() {
    printf '%-48s median %6s ms   (runs: %s)\n' "$1" "$(echo "$2" | tr ' ' '\n' | median)" "$2"
}

full=""
for _ in 1 2; do full="$full $(timed index --rebuild)"; done
report "full build (--rebuild), 189,265 articles" "$full"

same=""
for _ in $(seq "$RUNS"); do same="$same $(timed index)"; done
report "rerun, nothing changed" "$same"

added=""
for _ in $(seq "$RUNS"); do
    rm -f "$CORPUS/new.jsonl"
    index
    cp "$WORK/new.jsonl" "$CORPUS/new.jsonl"
    added="$added $(timed index)"
done
report "rerun after 100 new articles in a new file" "$added"

appended=""
for _ in $(seq "$RUNS"); do
    cp "$WORK/rss-original.jsonl.gz" "$CORPUS/rss-2025-2026.jsonl.gz"
    index
    cat "$WORK/more.gz" >> "$CORPUS/rss-2025-2026.jsonl.gz"
    appended="$appended $(timed index)"
done
report "rerun after appending 1,000 records" "$appended"

echo "index on disk: $(du -sh "$INDEX" | cut -f1)"
