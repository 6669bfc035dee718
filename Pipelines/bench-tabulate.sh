#!/usr/bin/env bash
# bench-tabulate.sh - time and memory benchmark of the survey tabulation stage
# (cluster-tabulate) on a large, generated responses.csv.
#
# Usage:
#   Pipelines/bench-tabulate.sh [--respondents N] [--runs N]
#     --respondents N   respondents (= participants) in the generated survey (default 1000000;
#                       ~1% of them also submit an earlier, superseded questionnaire)
#     --runs N          timed runs per command; the median time is reported (default 3)
#
# Works from any directory.  Installs libcsv-dev/libgsl-dev (when /usr/include/csv.h is
# missing) and time (when /usr/bin/time is missing) with apt-get, builds cluster-tabulate and
# cluster-ingest once (swift build -c release), compiles Pipelines/bench/gen_survey.c into
# .build/bench/, and generates the data once into .build/bench-data/survey-<N>/ (reused
# afterwards).  Times cluster-tabulate on the raw responses (Wilson), on the raw responses with
# a weight column (Clopper-Pearson) and on the normalised responses that cluster-ingest writes
# (Wilson, as the annual run feeds it).  Prints rows/s, median seconds and peak RSS beside the
# targets (under 2 s, under 200 MB).  Missing a target is only reported; a failing command (or a
# failed build) makes the script exit non-zero.
set -euo pipefail

PROG=bench-tabulate
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=bench/common.sh
. "$ROOT/Pipelines/bench/common.sh"
RESPONDENTS=1000000
RUNS=3
SEED=20051231
TARGET_S=2        # tabulate median time below this (seconds)
TARGET_RSS_MB=200 # tabulate peak RSS below this (10^6 bytes)

parse_posint_options respondents=RESPONDENTS runs=RUNS -- "$@"
((RESPONDENTS <= 100000000)) || { echo "bench-tabulate: --respondents must be at most 100000000" >&2; exit 64; }

TMP="$(mktemp -d "${TMPDIR:-/tmp}/$PROG.XXXXXX")"
trap 'rm -rf "$TMP"' EXIT

# ---- tools -----------------------------------------------------------------------
install_tools

# ---- build -------------------------------------------------------------------------
BENCH_BIN="$ROOT/.build/bench"
mkdir -p "$BENCH_BIN"
cc -O2 -o "$BENCH_BIN/gen_survey" "$ROOT/Pipelines/bench/gen_survey.c"

for product in cluster-tabulate cluster-ingest; do
    build_product "$product" || { build_failed "swift build of $product FAILED"; exit 1; }
done
release_bin cluster-tabulate cluster-ingest

# ---- data (generated once, cached) -----------------------------------------------------
DATA="$ROOT/.build/bench-data/survey-$RESPONDENTS"
stamp="respondents=$RESPONDENTS seed=$SEED generator=$(generator_sum gen_survey)"
generate_once "$DATA" "$stamp" "$RESPONDENTS respondents" \
    codebook.csv participants.csv responses.csv responses-weighted.csv run.conf run-cp.conf -- \
    "$BENCH_BIN/gen_survey" "$DATA" "$RESPONDENTS" --weights --seed "$SEED"
RESPONSES="$DATA/responses.csv"
WEIGHTED="$DATA/responses-weighted.csv"
ROWS=$(( $(wc -l <"$RESPONSES") - 1 ))
BYTES=$(stat -c %s "$RESPONSES")

# The normalised responses as the annual run hands them to cluster-tabulate (not timed).
echo "bench-tabulate: normalising the responses with cluster-ingest (not timed)..." >&2
"$BIN/cluster-ingest" responses "$RESPONSES" --codebook "$DATA/codebook.csv" --participants "$DATA/participants.csv" \
    --rejects "$TMP/ingest-rejects.csv" -o "$TMP/normalised.csv" 2>"$TMP/ingest.stderr" ||
    { rc=$?; tail -n 20 "$TMP/ingest.stderr" | sed 's/^/    /' >&2; die "cluster-ingest failed (exit $rc)"; }
NORM_ROWS=$(( $(wc -l <"$TMP/normalised.csv") - 1 ))
cat "$RESPONSES" "$WEIGHTED" "$DATA/participants.csv" >/dev/null   # warm the page cache

# ---- timing ----------------------------------------------------------------------------
# (timed: Pipelines/bench/common.sh)
TAB=("$BIN/cluster-tabulate" --codebook "$DATA/codebook.csv" --participants "$DATA/participants.csv")

echo "bench-tabulate: tabulate raw responses, Wilson x $RUNS..." >&2
timed raw "${TAB[@]}" "$RESPONSES" --conf "$DATA/run.conf" -o "$TMP/raw.csv"
RAW_S=$MEDIAN_S RAW_KIB=$PEAK_KIB

echo "bench-tabulate: tabulate raw weighted responses, Clopper-Pearson x $RUNS..." >&2
timed weighted "${TAB[@]}" "$WEIGHTED" --conf "$DATA/run-cp.conf" -o "$TMP/weighted.csv"
W_S=$MEDIAN_S W_KIB=$PEAK_KIB

echo "bench-tabulate: tabulate normalised responses, Wilson x $RUNS..." >&2
timed normalised "${TAB[@]}" "$TMP/normalised.csv" --conf "$DATA/run.conf" -o "$TMP/normalised-out.csv"
N_S=$MEDIAN_S N_KIB=$PEAK_KIB

# The same table from the raw and the normalised responses (a failed check is reported only).
same="yes"
cmp -s "$TMP/raw.csv" "$TMP/normalised-out.csv" || same="NO"
OUT_ROWS=$(( $(wc -l <"$TMP/raw.csv") - 1 ))
DOMAINS=$(awk -F, 'NR > 1 { d[$1] = 1 } END { print length(d) }' "$TMP/raw.csv")
BASE=$(awk -F, 'NR == 2 { print $5 }' "$TMP/raw.csv")

# ---- report ----------------------------------------------------------------------------
printf '\ntabulate benchmark: %s\n' "$RESPONSES"
printf '  %d response rows, %.1f MB (%d respondents, %d normalised rows); %s\n' \
    "$ROWS" "$(megabytes "$BYTES")" "$RESPONDENTS" "$NORM_ROWS" "$(run_conditions)"
printf '  output: %d rows (%d domains x 18 items); base of Q1 in domain all: %s\n\n' "$OUT_ROWS" "$DOMAINS" "$BASE"

# row LABEL SECONDS PEAK_KIB ROWS
row() {
    awk -v label="$1" -v s="$2" -v kib="$3" -v rows="$4" -v ts="$TARGET_S" -v trss="$TARGET_RSS_MB" 'BEGIN {
        se = (s > 0) ? s : 0.01   # %e resolution is 0.01 s
        mb = kib * 1024 / 1e6
        verdict = ((s < ts) ? "time ok" : "time MISSED") ", " ((mb < trss) ? "RSS ok" : "RSS MISSED")
        printf "%-40s %12.0f %9.2f %10.1f   %s\n", label, rows / se, s, mb, verdict
    }'
}
printf '%-40s %12s %9s %10s   %s\n' "" "rows/s" "median s" "peak MB" "target: < ${TARGET_S} s, peak RSS < ${TARGET_RSS_MB} MB"
row "tabulate raw (Wilson)" "$RAW_S" "$RAW_KIB" "$ROWS"
row "tabulate raw weighted (Clopper-Pearson)" "$W_S" "$W_KIB" "$ROWS"
row "tabulate normalised (Wilson)" "$N_S" "$N_KIB" "$NORM_ROWS"
printf '\n  raw and normalised input give the same survey_items.csv: %s\n' "$same"
printf '  (rows/s = data rows of the input / median time; MB = 10^6 bytes)\n'
