#!/usr/bin/env bash
# bench-scale.sh - the annual run's scaling curve: time and peak memory at 1/4, 1/2, 1, 2 and
# 4 times the national database of one input folder.
#
# Usage:
#   Pipelines/bench-scale.sh INPUT_DIR [--runs N]      (default 1 run per size; the median)
#
# INPUT_DIR is a national input folder (any SPEC 1.1 folder whose statements.csv starts each
# line with the 13-digit enterprise_id, e.g. the benchmark kit's annual preset). Each size's
# folder is INPUT_DIR with statements.csv rewritten by Pipelines/bench/scale_statements.c:
# every participant's statements once, the other enterprises' at 1/4 ... 4 times their number
# (subsets of whole enterprises below 1, renumbered copies above). The panel, the index and the
# survey are the same at every size; only the database the ingest filters grows, so time
# should grow linearly and memory stay flat. The scaled folders live in a scratch folder and
# are removed as soon as they are measured (4x national is about 1.3 GB). Not a test.
set -euo pipefail

PROG=bench-scale
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=bench/common.sh
. "$ROOT/Pipelines/bench/common.sh"
[[ $# -ge 1 && -d "$1" ]] || { echo "usage: bench-scale.sh INPUT_DIR [--runs N]" >&2; exit 64; }
INPUT="$(cd "$1" && pwd)"
shift
RUNS=1
parse_posint_options runs=RUNS -- "$@"

TMP="$(mktemp -d "${TMPDIR:-/tmp}/$PROG.XXXXXX")"
trap 'rm -rf "$TMP"' EXIT
install_tools
build_stages
SCALER="$(build_c scale_statements)"

printf '%-6s %10s %12s %9s %9s %10s %8s %8s\n' size "CSV MB" statements "wall s" "CPU s" "peak MiB" "time x" "mem x"
for per_mille in 250 500 1000 2000 4000; do
    folder="$TMP/in-$per_mille"
    mkdir -p "$folder"
    for f in "$INPUT"/*; do [[ $(basename "$f") == statements.csv ]] || ln -s "$f" "$folder/"; done
    echo "$PROG: $per_mille/1000 of the national database..." >&2
    "$SCALER" "$folder" "$INPUT/statements.csv" "$INPUT/participants.csv" "$per_mille"
    : >"$TMP/runs"
    for ((i = 1; i <= RUNS; i++)); do
        rm -rf "$TMP/out"
        : >"$TMP/stages"
        /usr/bin/time -o "$TMP/run" -f "%e %U %S" \
            env CLUSTER_BIN="$BIN" CLUSTER_TIMING="$TMP/stages" "$ROOT/Pipelines/annual-run.sh" "$folder" "$TMP/out" \
            2>"$TMP/run.stderr" || { cat "$TMP/run.stderr" >&2; exit 1; }
        # peak: the largest stage process (GNU time per stage, KiB)
        echo "$(cat "$TMP/run") $(awk 'BEGIN { m = 0 } $5 > m { m = $5 } END { print m }' "$TMP/stages")" >>"$TMP/runs"
    done
    bytes=$(cat "$folder"/*.csv | wc -c)
    rows=$(($(wc -l <"$folder/statements.csv") - 1))
    sort -n "$TMP/runs" | awk -v n="$RUNS" -v size="$per_mille" -v bytes="$bytes" -v rows="$rows" \
        'NR == int((n + 1) / 2) { printf "%-6s %10.1f %12d %9.2f %9.2f %10.1f\n", size / 1000 "x", bytes / 1e6, rows, $1, $2 + $3, $4 / 1024 }' \
        >>"$TMP/table"
    rm -rf "$folder" "$TMP/out"
done
awk '$1 == "1x" { t = $4; m = $6 } { line[NR] = $0; w[NR] = $4; p[NR] = $6 }
     END { for (i = 1; i <= NR; i++) printf "%s %8.2f %8.2f\n", line[i], w[i] / t, p[i] / m }' "$TMP/table"
echo
echo "(wall and CPU: the whole annual run, GNU time; peak MiB: its largest stage process; time x and"
echo " mem x: against the 1x row, the folder as given)"
