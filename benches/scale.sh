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

# The word and phrase queries of the default set: what the anchors can run too.
"$BIN" bench --index "$WORK/index" --list | grep -v -- '--' > "$WORK/queries.txt"
"$BIN" bench --index "$WORK/index" --queries "$WORK/queries.txt" --runs "$RUNS" > "$WORK/ours.txt"
# The words again, those typed with Vietnamese marks apart from those typed without: plain
# tantivy does not fold, so it matches "chinh" only where the text writes "chinh".
grep -v '"' "$WORK/queries.txt" | LC_ALL=C grep '[^ -~]' > "$WORK/words-marked.txt" || true
grep -v '"' "$WORK/queries.txt" | LC_ALL=C grep -v '[^ -~]' > "$WORK/words-unmarked.txt" || true
for form in marked unmarked; do
    "$BIN" bench --index "$WORK/index" --queries "$WORK/words-$form.txt" --runs "$RUNS" \
        > "$WORK/ours-$form.txt"
done

echo
echo "== anchor: plain tantivy on the same passages and queries"
cargo bench -q --bench plain_tantivy -- --corpus "$WORK/corpus" --index "$WORK/plain" \
    --queries "$WORK/queries.txt" --runs "$RUNS" | tee "$WORK/plain.txt"

echo
echo "== anchor: plain tantivy folding marks away (ASCII folding), the same passages and queries"
cargo bench -q --bench plain_tantivy -- --corpus "$WORK/corpus" --index "$WORK/plain-folded" \
    --queries "$WORK/queries.txt" --runs "$RUNS" --fold | tee "$WORK/plain-folded.txt"

echo
if command -v rg > /dev/null; then
    echo "== anchor: rg -c -i -F over the raw text, each word query once (after one warm-up)"
    : > "$WORK/rg.txt"
    grep -v '"' "$WORK/queries.txt" | sed "s/^'//; s/'\$//" | while read -r word; do
        rg -c -i -F -- "$word" "$WORK/raw" > /dev/null || true
        START=$(date +%s%N)
        rg -c -i -F -- "$word" "$WORK/raw" > /dev/null || true
        END=$(date +%s%N)
        echo $(((END - START) / 1000)) >> "$WORK/rg.txt"
    done
    RG_US=$(sort -n "$WORK/rg.txt" | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }')
    echo "rg median: $RG_US µs per word over $(wc -l < "$WORK/rg.txt") words"
else
    echo "== anchor: rg not installed, skipped"
    RG_US=
fi

echo
echo "== ratios (p50; rank: top 10 ranked; whole: with the 10 passages read, and for vnsearch highlighted)"
awk -v rg="$RG_US" '
    FILENAME ~ /ours\.txt$/ && $1 == "words" { ours_word = $3; ours_word_rank = $8 }
    FILENAME ~ /ours\.txt$/ && $1 == "phrase" { ours_phrase = $3; ours_phrase_rank = $8 }
    FILENAME ~ /ours-marked\.txt$/ && $1 == "words" { ours_marked = $3; ours_marked_rank = $8 }
    FILENAME ~ /ours-unmarked\.txt$/ && $1 == "words" { ours_unmarked = $3; ours_unmarked_rank = $8 }
    FILENAME ~ /plain\.txt$/ && $1 == "word" { plain_word = $3 }
    FILENAME ~ /plain\.txt$/ && $1 == "word+stored" { plain_word_stored = $3 }
    FILENAME ~ /plain\.txt$/ && $1 == "word-marked" { plain_marked = $3 }
    FILENAME ~ /plain\.txt$/ && $1 == "word-marked+stored" { plain_marked_stored = $3 }
    FILENAME ~ /plain\.txt$/ && $1 == "word-unmarked" { plain_unmarked = $3 }
    FILENAME ~ /plain\.txt$/ && $1 == "word-unmarked+stored" { plain_unmarked_stored = $3 }
    FILENAME ~ /plain\.txt$/ && $1 == "phrase" { plain_phrase = $3 }
    FILENAME ~ /plain\.txt$/ && $1 == "phrase+stored" { plain_phrase_stored = $3 }
    FILENAME ~ /plain-folded\.txt$/ && $1 == "word" { folded_word = $3 }
    FILENAME ~ /plain-folded\.txt$/ && $1 == "word+stored" { folded_word_stored = $3 }
    FILENAME ~ /plain-folded\.txt$/ && $1 == "word-unmarked" { folded_unmarked = $3 }
    FILENAME ~ /plain-folded\.txt$/ && $1 == "word-unmarked+stored" { folded_unmarked_stored = $3 }
    function ratio(a, b) { return b > 0 ? sprintf("%.1fx", a / b) : "n/a" }
    function line(name, rank, whole, plain, plain_whole) {
        printf "%s vnsearch rank %s µs, whole %s µs; plain tantivy rank %s µs, whole %s µs; rank %s, whole %s\n",
            name, rank, whole, plain, plain_whole, ratio(rank, plain), ratio(whole, plain_whole)
    }
    END {
        line("words:  ", ours_word_rank, ours_word, plain_word, plain_word_stored)
        line("  typed with marks:   ", ours_marked_rank, ours_marked, plain_marked, plain_marked_stored)
        line("  typed without marks:", ours_unmarked_rank, ours_unmarked, plain_unmarked, plain_unmarked_stored)
        line("phrases:", ours_phrase_rank, ours_phrase, plain_phrase, plain_phrase_stored)
        print "against plain tantivy folding marks away (it too finds \"chính\" for \"chinh\"):"
        line("words:  ", ours_word_rank, ours_word, folded_word, folded_word_stored)
        line("  typed without marks:", ours_unmarked_rank, ours_unmarked, folded_unmarked, folded_unmarked_stored)
        if (rg != "") printf "rg over the raw text / vnsearch whole word query: %s\n", ratio(rg, ours_word)
    }' "$WORK/ours.txt" "$WORK/ours-marked.txt" "$WORK/ours-unmarked.txt" "$WORK/plain.txt" \
    "$WORK/plain-folded.txt"
