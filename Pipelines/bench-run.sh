#!/usr/bin/env bash
# bench-run.sh - where the annual run's time goes: each stage's wall time, CPU time and peak
# memory on one input folder (a national one: any SPEC 1.1 folder, e.g. from a generator),
# beside the libcsv floor (every input CSV through plain C libcsv, counting only).
#
# Usage:
#   Pipelines/bench-run.sh INPUT_DIR [--runs N]      (default 3 runs; the median of each)
#
# Works from any directory. Builds the release stages once (swift build -c release) and the
# floor into .build/bench/. Each run is the real Pipelines/annual-run.sh into a scratch folder,
# timed per stage through cluster-annual-run's CLUSTER_TIMING hook. Tabulate runs beside panel,
# correct and index: its wall time overlaps the others', so the stages' walls add up to more
# than the run's. The inputs' SHA-256 are computed inside the run, beside ingest (no line of
# their own: the run's CPU time holds them). Not a test: nothing is asserted.
set -euo pipefail

PROG=bench-run
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=bench/common.sh
. "$ROOT/Pipelines/bench/common.sh"
[[ $# -ge 1 && -d "$1" ]] || { echo "usage: bench-run.sh INPUT_DIR [--runs N]" >&2; exit 64; }
INPUT="$(cd "$1" && pwd)"
shift
RUNS=3
parse_posint_options runs=RUNS -- "$@"

TMP="$(mktemp -d "${TMPDIR:-/tmp}/$PROG.XXXXXX")"
trap 'rm -rf "$TMP"' EXIT
install_tools
build_stages
FLOOR="$(build_c limit_libcsv -lcsv)"

bytes=$(cat "$INPUT"/*.csv | wc -c)
for ((i = 1; i <= RUNS; i++)); do
    echo "$PROG: run $i/$RUNS..." >&2
    rm -rf "$TMP/out"
    /usr/bin/time -a -o "$TMP/times" -f "run %e %U %S %M" \
        env CLUSTER_BIN="$BIN" CLUSTER_TIMING="$TMP/times" "$ROOT/Pipelines/annual-run.sh" "$INPUT" "$TMP/out" \
        2>"$TMP/run.stderr" || { cat "$TMP/run.stderr" >&2; exit 1; }
    # The floor: every input CSV through libcsv, one after the other, one core.
    /usr/bin/time -a -o "$TMP/times" -f "floor %e %U %S %M" \
        sh -c 'for f in "$1"/*.csv; do "$2" "$f" >/dev/null || exit; done' sh "$INPUT" "$FLOOR"
done

echo
echo "annual run on $INPUT: $(awk -v b="$bytes" 'BEGIN { printf "%.1f MB", b / 1e6 }') of CSV; median of $RUNS runs; $(nproc) CPUs"
echo
awk -v runs="$RUNS" '
    function median(list, n,   a, i, j, t) {
        n = split(list, a, " ")
        for (i = 1; i <= n; i++) for (j = i + 1; j <= n; j++) if (a[j] + 0 < a[i] + 0) { t = a[i]; a[i] = a[j]; a[j] = t }
        return a[int((n + 1) / 2)]
    }
    {
        if (!($1 in wall)) order[++count] = $1
        wall[$1] = wall[$1] " " $2; cpu[$1] = cpu[$1] " " ($3 + $4); rss[$1] = rss[$1] " " $5
    }
    END {
        printf "%-14s %9s %9s %10s %10s\n", "stage", "wall s", "CPU s", "peak MiB", "of run"
        for (k = 1; k <= count; k++) if (order[k] == "run") total = median(wall["run"])
        for (k = 1; k <= count; k++) {
            s = order[k]
            if (s == "run" || s == "floor") continue
            printf "%-14s %9.2f %9.2f %10.1f %9.0f%%\n", s, median(wall[s]), median(cpu[s]), median(rss[s]) / 1024, 100 * median(wall[s]) / total
        }
        printf "%-14s %9.2f %9.2f %10.1f %9s\n", "annual run", total, median(cpu["run"]), median(rss["run"]) / 1024, "100%"
        printf "%-14s %9.2f %9.2f %10.1f %9.0f%%\n", "libcsv floor", median(wall["floor"]), median(cpu["floor"]), median(rss["floor"]) / 1024, 100 * median(wall["floor"]) / total
    }' "$TMP/times"
echo
echo "(wall and CPU: seconds, GNU time; peak MiB: the stage's largest process; \"of run\": the stage's"
echo " wall over the run's; tabulate overlaps panel, correct and index; the inputs' SHA-256, beside ingest, count in the run's CPU)"
