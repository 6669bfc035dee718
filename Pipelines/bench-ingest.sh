#!/usr/bin/env bash
# bench-ingest.sh - throughput and memory benchmark of the ingest stage on a large,
# generated statements.csv, against a libcsv "floor" (parse + count, nothing else).
#
# Usage:
#   Pipelines/bench-ingest.sh [--enterprises N] [--participants N] [--runs N]
#     --enterprises N   enterprises in the generated corporate database (default 1400000,
#                       i.e. ~6.8M statement rows, ~357 MB)
#     --participants N  of which cluster participants (default 10000)
#     --runs N          timed runs per command; the median time is reported (default 3)
#
# Works from any directory.  Installs libcsv-dev/libgsl-dev (when /usr/include/csv.h is
# missing) and time (when /usr/bin/time is missing) with apt-get, builds cluster-ingest
# once (swift build -c release), compiles Pipelines/bench/*.c into .build/bench/, and
# generates the data once into .build/bench-data/statements-E<N>/ (reused afterwards).
# Prints MB/s, rows/s, median seconds, peak RSS and % of the floor.  Missing a target
# is only reported; a failing command (or a failed build) makes the script exit non-zero.
set -euo pipefail

PROG=bench-ingest
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=bench/common.sh
. "$ROOT/Pipelines/bench/common.sh"
ENTERPRISES=1400000
PARTICIPANTS=10000
RUNS=3
SEED=20051231
TARGET_PCT=75      # ingest throughput >= this % of the floor
TARGET_RSS_MIB=64  # ingest peak RSS below this

parse_posint_options enterprises=ENTERPRISES participants=PARTICIPANTS runs=RUNS -- "$@"
((PARTICIPANTS <= ENTERPRISES)) || { echo "bench-ingest: --participants must not exceed --enterprises" >&2; exit 64; }

TMP="$(mktemp -d "${TMPDIR:-/tmp}/$PROG.XXXXXX")"
trap 'rm -rf "$TMP"' EXIT

# ---- tools -----------------------------------------------------------------------
install_tools

# ---- build -------------------------------------------------------------------------
BENCH_BIN="$ROOT/.build/bench"
mkdir -p "$BENCH_BIN"
cc -O2 -o "$BENCH_BIN/gen_statements" "$ROOT/Pipelines/bench/gen_statements.c"
cc -O2 -o "$BENCH_BIN/limit_libcsv" "$ROOT/Pipelines/bench/limit_libcsv.c" -lcsv

HAVE_INGEST=1
if build_product cluster-ingest; then
    release_bin cluster-ingest
else
    HAVE_INGEST=0
    build_failed "swift build of cluster-ingest FAILED; the ingest rows are skipped"
fi

# ---- data (generated once, cached) -----------------------------------------------------
DATA="$ROOT/.build/bench-data/statements-E$ENTERPRISES"
stamp="enterprises=$ENTERPRISES participants=$PARTICIPANTS seed=$SEED generator=$(generator_sum gen_statements)"
generate_once "$DATA" "$stamp" "$ENTERPRISES enterprises, $PARTICIPANTS participants" \
    statements.csv participants.csv industries.csv sme_criteria.csv -- \
    "$BENCH_BIN/gen_statements" "$DATA" "$ENTERPRISES" "$PARTICIPANTS" "$SEED"
STATEMENTS="$DATA/statements.csv"
BYTES=$(stat -c %s "$STATEMENTS")
ROWS=$(( $(wc -l <"$STATEMENTS") - 1 ))
cat "$STATEMENTS" >/dev/null   # warm the page cache so that run 1 is not a disk benchmark

# ---- timing ----------------------------------------------------------------------------
# (timed: Pipelines/bench/common.sh)
echo "bench-ingest: floor (libcsv) x $RUNS..." >&2
timed floor "$BENCH_BIN/limit_libcsv" "$STATEMENTS"
read -r floor_records _ floor_bytes <"$TMP/floor.stdout"
[[ $floor_records == $((ROWS + 1)) && $floor_bytes == "$BYTES" ]] ||
    die "floor read $floor_records records / $floor_bytes bytes, expected $((ROWS + 1)) / $BYTES"
FLOOR_S=$MEDIAN_S FLOOR_KIB=$PEAK_KIB

if ((HAVE_INGEST)); then
    echo "bench-ingest: ingest (participants filter) x $RUNS..." >&2
    timed ingest_p "$BIN/cluster-ingest" statements "$DATA/statements.csv" --industries "$DATA/industries.csv" --participants "$DATA/participants.csv" --rejects "$TMP/rejects.csv" -o "$TMP/out.csv"
    P_S=$MEDIAN_S P_KIB=$PEAK_KIB
    P_OUT=$(( $(wc -l <"$TMP/out.csv") - 1 )) P_REJ=$(( $(wc -l <"$TMP/rejects.csv") - 1 ))

    echo "bench-ingest: ingest (unfiltered) x $RUNS..." >&2
    timed ingest_all "$BIN/cluster-ingest" statements "$DATA/statements.csv" --industries "$DATA/industries.csv" --rejects "$TMP/rejects.csv" -o "$TMP/out.csv"
    U_S=$MEDIAN_S U_KIB=$PEAK_KIB
    U_OUT=$(( $(wc -l <"$TMP/out.csv") - 1 )) U_REJ=$(( $(wc -l <"$TMP/rejects.csv") - 1 ))
fi

# ---- report ----------------------------------------------------------------------------
printf '\ningest benchmark: %s\n' "$STATEMENTS"
printf '  %d rows, %.1f MB (%d enterprises, %d participants); %s\n\n' \
    "$ROWS" "$(megabytes "$BYTES")" "$ENTERPRISES" "$PARTICIPANTS" "$(run_conditions)"

# row LABEL SECONDS PEAK_KIB IS_INGEST
row() {
    awk -v label="$1" -v s="$2" -v kib="$3" -v ingest="$4" -v bytes="$BYTES" -v rows="$ROWS" \
        -v floor_s="$FLOOR_S" -v tpct="$TARGET_PCT" -v trss="$TARGET_RSS_MIB" 'BEGIN {
        se = (s > 0) ? s : 0.01; fe = (floor_s > 0) ? floor_s : 0.01   # %e resolution is 0.01 s
        mib = kib / 1024; pct = 100 * fe / se
        verdict = ""
        if (ingest) {
            verdict = (pct >= tpct) ? "speed ok" : "speed MISSED"
            verdict = verdict ", " ((mib < trss) ? "RSS ok" : "RSS MISSED")
        }
        printf "%-30s %9.1f %12.0f %9.2f %10.1f %8.1f%%%s\n", label, bytes / 1e6 / se, rows / se, s, mib, pct, (verdict == "" ? "" : "   " verdict)
    }'
}
printf '%-30s %9s %12s %9s %10s %9s   %s\n' "" "MB/s" "rows/s" "median s" "peak MiB" "of floor" "target: >= ${TARGET_PCT}% of floor, peak RSS < ${TARGET_RSS_MIB} MiB"
row "floor (libcsv, count only)" "$FLOOR_S" "$FLOOR_KIB" 0
if ((HAVE_INGEST)); then
    row "ingest (participants filter)" "$P_S" "$P_KIB" 1
    row "ingest (unfiltered)" "$U_S" "$U_KIB" 1
    printf '\n  participants filter: %d output lines, %d rejects; unfiltered: %d output lines, %d rejects\n' \
        "$P_OUT" "$P_REJ" "$U_OUT" "$U_REJ"
    printf '  (MB = 10^6 bytes; %% of floor = floor median time / ingest median time)\n'
else
    printf '%-30s   (not measured: swift build of cluster-ingest failed, see above)\n' "ingest (participants filter)"
    printf '%-30s   (not measured: swift build of cluster-ingest failed, see above)\n' "ingest (unfiltered)"
    exit 1
fi
