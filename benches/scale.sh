#!/bin/sh
# The scale run (issue 6): indexes ../shared/data, replicated COPIES times (each copy in its own
# folder, so its articles get new ids), and prints the indexing time, MB/s of raw text (the
# uncompressed JSON Lines), peak memory, index size on disk, then the bench table. Then the
# anchors on the same passages and queries: a plain tantivy index (default tokenizer, top 10 by
# its query parser), the same folding marks away (tantivy's ASCII folding: it too finds "chính"
# for "chinh") and rg scanning the raw text for the same words; and the ratios.
# Skips cleanly when the data is absent.
#
#   cargo build --release && sh benches/scale.sh     # 1 copy: 398,679 passages
#   COPIES=3 sh benches/scale.sh                     # 1.2 million passages
#   COPIES=13 sh benches/scale.sh                    # 5.2 million passages (about 20 min)
#   RUNS=9 KEEP=/tmp/scale sh benches/scale.sh       # more runs per query; keep the work dir
set -eu

COPIES=${COPIES:-1}
. "$(dirname "$0")/common.sh"

if [ -n "${KEEP:-}" ]; then
    WORK=$KEEP
    rm -rf "$WORK"
    mkdir -p "$WORK"
else
    WORK=$(mktemp -d)
    trap 'rm -rf "$WORK"' EXIT
fi

# rg for its anchor: the machine's, else built once from crates.io into target/tools, so that a
# fresh machine runs the anchor too (before indexing, so as not to disturb the timings).
RG=$(command -v rg || true)
if [ -z "$RG" ] && [ -x target/tools/bin/rg ]; then
    RG=target/tools/bin/rg
fi
if [ -z "$RG" ]; then
    echo "== rg not installed: building ripgrep into target/tools (once)"
    if cargo install -q --locked --root target/tools ripgrep; then
        RG=target/tools/bin/rg
    else
        echo "could not build ripgrep: its anchor will be skipped"
    fi
fi

# The corpus: COPIES folders of the data files; the raw text: the same, uncompressed, for rg.
mkdir -p "$WORK/corpus" "$WORK/raw"
gzip -dc "$DATA/rss-2025-2026.jsonl.gz" "$DATA/baomoi-2017.jsonl.gz" > "$WORK/raw/copy-1.jsonl"
i=1
while [ "$i" -le "$COPIES" ]; do
    mkdir -p "$WORK/corpus/copy-$i"
    cp "$DATA/rss-2025-2026.jsonl.gz" "$DATA/baomoi-2017.jsonl.gz" "$WORK/corpus/copy-$i/"
    [ "$i" -gt 1 ] && cp "$WORK/raw/copy-1.jsonl" "$WORK/raw/copy-$i.jsonl"
    i=$((i + 1))
done
RAW_BYTES=$(cat "$WORK/raw"/*.jsonl | wc -c)

echo "== indexing $COPIES cop(ies) of $DATA: $RAW_BYTES bytes of raw JSON Lines"
START=$(date +%s%N)
if [ -x /usr/bin/time ]; then
    /usr/bin/time -f "%M" -o "$WORK/rss" "$BIN" index -q --corpus "$WORK/corpus" --index "$WORK/index"
    PEAK="$(($(cat "$WORK/rss") / 1024)) MiB"
else
    "$BIN" index -q --corpus "$WORK/corpus" --index "$WORK/index"
    PEAK="not measured (no /usr/bin/time)"
fi
END=$(date +%s%N)
MS=$(((END - START) / 1000000))
INDEX_BYTES=$(du -sb "$WORK/index" | cut -f1)
awk -v ms="$MS" -v raw="$RAW_BYTES" -v size="$INDEX_BYTES" -v peak="$PEAK" 'BEGIN {
    printf "indexing: %.1f s, %.1f MB/s of raw text, peak memory %s\n", ms / 1000, raw / 1e6 / (ms / 1000), peak
    printf "index on disk: %.1f MB = %.2f x the raw text (%.1f MB)\n", size / 1e6, size / raw, raw / 1e6
}'

# The build leaves gigabytes of writes to flush; a bench run during the flush is slower.
sync
echo
echo "== vnsearch bench (default query set, $RUNS runs)"
"$BIN" bench --index "$WORK/index" --runs "$RUNS"

# The word and phrase queries of the default set, what the anchors can run too: once with
# their classes (frequent words typed with marks, the same without, rare words, two and three
# words unquoted, phrases of 2 and 3 syllables: queries that plain tantivy answers alike or
# not, see BENCHMARKS.md), and once pooled (words, phrases).
# Words unquoted (classes words-2 and words-3) are compared by class only: plain tantivy's
# parser requires all of them too, but scores no nearness; the pooled words are single words.
"$BIN" bench --index "$WORK/index" --list | grep -v -- '--' > "$WORK/queries.txt"
awk '/^# class: /{ keep = ($0 !~ /^# class: words-/) } keep' "$WORK/queries.txt" |
    grep -v '^#' > "$WORK/queries-pooled.txt"
"$BIN" bench --index "$WORK/index" --queries "$WORK/queries-pooled.txt" --runs "$RUNS" \
    > "$WORK/ours.txt"
"$BIN" bench --index "$WORK/index" --queries "$WORK/queries.txt" --runs "$RUNS" \
    > "$WORK/ours-classes.txt"

echo
echo "== anchor: plain tantivy on the same passages and queries"
cargo bench -q --bench plain_tantivy -- --corpus "$WORK/corpus" --index "$WORK/plain" \
    --queries "$WORK/queries.txt" --runs "$RUNS" | tee "$WORK/plain.txt"

echo
echo "== anchor: plain tantivy folding marks away (ASCII folding), the same passages and queries"
cargo bench -q --bench plain_tantivy -- --corpus "$WORK/corpus" --index "$WORK/plain-folded" \
    --queries "$WORK/queries.txt" --runs "$RUNS" --fold | tee "$WORK/plain-folded.txt"

echo
if [ -n "$RG" ]; then
    echo "== anchor: $("$RG" --version | head -n 1) -c -i -F over the raw text, each word query once (after one warm-up)"
    : > "$WORK/rg.txt"
    grep -v '"' "$WORK/queries-pooled.txt" | sed "s/^'//; s/'\$//" | while read -r word; do
        "$RG" -c -i -F -- "$word" "$WORK/raw" > /dev/null || true
        START=$(date +%s%N)
        "$RG" -c -i -F -- "$word" "$WORK/raw" > /dev/null || true
        END=$(date +%s%N)
        echo $(((END - START) / 1000)) >> "$WORK/rg.txt"
    done
    RG_US=$(sort -n "$WORK/rg.txt" | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }')
    echo "rg median: $RG_US µs per word over $(wc -l < "$WORK/rg.txt") words"
else
    echo "== anchor: rg not available, skipped"
    RG_US=
fi

echo
echo "== ratios (p50; rank: top 10 ranked; whole: with the 10 passages read, and for vnsearch highlighted)"
awk -v rg="$RG_US" '
    FILENAME ~ /ours\.txt$/ && $1 == "words" { ours["words"] = $3; ours_rank["words"] = $8 }
    FILENAME ~ /ours\.txt$/ && $1 == "phrase" { ours["phrase"] = $3; ours_rank["phrase"] = $8 }
    FILENAME ~ /ours-classes\.txt$/ { ours[$1] = $3; ours_rank[$1] = $8 }
    FILENAME ~ /plain\.txt$/ && $1 ~ /\+stored$/ { sub(/\+stored$/, "", $1); plain_whole[$1] = $3; next }
    FILENAME ~ /plain\.txt$/ { plain[$1] = $3 }
    FILENAME ~ /plain-folded\.txt$/ && $1 ~ /\+stored$/ { sub(/\+stored$/, "", $1); folded_whole[$1] = $3; next }
    FILENAME ~ /plain-folded\.txt$/ { folded[$1] = $3 }
    function ratio(a, b) { return b > 0 ? sprintf("%.1fx", a / b) : "n/a" }
    function line(name, class, anchor, anchor_whole) {
        if (ours[class] == "") return
        printf "%s vnsearch rank %s µs, whole %s µs; plain tantivy rank %s µs, whole %s µs; rank %s, whole %s\n",
            name, ours_rank[class], ours[class], anchor[class], anchor_whole[class],
            ratio(ours_rank[class], anchor[class]), ratio(ours[class], anchor_whole[class])
    }
    END {
        line("words:  ", "words", plain, plain_whole)
        line("  frequent, typed with marks:   ", "word", plain, plain_whole)
        line("  frequent, typed without marks:", "word-unaccented", plain, plain_whole)
        line("  rare, typed with marks:       ", "word-rare", plain, plain_whole)
        line("  two words unquoted:           ", "words-2", plain, plain_whole)
        line("  three words unquoted:         ", "words-3", plain, plain_whole)
        line("phrases:", "phrase", plain, plain_whole)
        print "against plain tantivy folding marks away (it too finds \"chính\" for \"chinh\"):"
        line("words:  ", "words", folded, folded_whole)
        line("  frequent, typed without marks:", "word-unaccented", folded, folded_whole)
        line("  rare, typed with marks:       ", "word-rare", folded, folded_whole)
        line("  two words unquoted:           ", "words-2", folded, folded_whole)
        line("  three words unquoted:         ", "words-3", folded, folded_whole)
        if (rg != "") printf "rg over the raw text / vnsearch whole word query: %s\n", ratio(rg, ours["words"])
    }' "$WORK/ours.txt" "$WORK/ours-classes.txt" "$WORK/plain.txt" "$WORK/plain-folded.txt"
