#!/usr/bin/env bash
# The annual run (SPEC 1): Pipelines/annual-run.sh INPUT_DIR OUTPUT_DIR
#
# Runs every stage for one survey year. Works from any directory. Installs libcsv-dev and
# libgsl-dev when missing and builds the release binaries once (quietly) when they are not
# built yet. The result is built in a folder beside OUTPUT_DIR and swapped in at the end, so
# OUTPUT_DIR only ever holds a complete run; a failed run leaves it untouched and puts what it
# could write (rejects.csv at least) in OUTPUT_DIR.failed/ (SPEC 6.11).
set -euo pipefail

usage() { echo "usage: annual-run.sh INPUT_DIR OUTPUT_DIR" >&2; exit 64; }
[ $# -eq 2 ] || usage
input=$1
output=${2%/}
[ -d "$input" ] || { echo "annual-run: $input: no such input folder" >&2; exit 66; }

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
if [ -n "${CLUSTER_BIN:-}" ]; then
  bin=$CLUSTER_BIN  # prebuilt stages (the test suite's); nothing is installed or built
else
  "$root/Pipelines/setup.sh"
  bin="$root/.build/release"
  stages=(cluster-ingest cluster-panel cluster-index cluster-tabulate cluster-compare cluster-report)
  stale=0
  for stage in "${stages[@]}"; do [ -x "$bin/$stage" ] || stale=1; done
  if [ $stale -eq 0 ] && [ -n "$(find "$root/Sources" "$root/Package.swift" -newer "$bin/cluster-ingest" -print -quit 2>/dev/null)" ]; then
    stale=1
  fi
  if [ $stale -eq 1 ]; then
    echo "annual-run: building the stages (swift build -c release), once" >&2
    (cd "$root" && swift build -c release -q >&2)
  fi
fi

parent=$(dirname "$output")
mkdir -p "$parent"
build=$(mktemp -d "$parent/.$(basename "$output").building.XXXXXX")
chmod 755 "$build"
build=$(cd "$build" && pwd)
work="$build/.work"
mkdir -p "$work"
trap 'rm -rf "$build"' EXIT

fail() {  # stage status: keep what was written in OUTPUT_DIR.failed/, leave OUTPUT_DIR alone
  local stage=$1 status=$2
  kill "${hashing:-}" "${tabulating:-}" 2>/dev/null || true
  wait 2>/dev/null || true
  rm -rf "$work"
  rm -rf "$output.failed"
  mv "$build" "$output.failed"
  trap - EXIT
  echo "annual-run: stage $stage failed (exit $status); what it wrote is in $output.failed/; $output is untouched" >&2
  exit "$status"
}

# The inputs' fingerprints for the report, computed beside the ingest.
# openssl uses the CPU's SHA instructions where it has them; coreutils' sha256sum otherwise.
if command -v openssl >/dev/null 2>&1; then digest=(openssl dgst -sha256 -r); else digest=(sha256sum); fi
{ (cd "$input" && "${digest[@]}" -- *.csv > "$work/fingerprints.txt"); } 2>/dev/null &
hashing=$!

status=0
"$bin/cluster-ingest" --input-dir "$input" --output-dir "$work" || status=$?
[ -f "$work/rejects.csv" ] && cp "$work/rejects.csv" "$build/rejects.csv"
[ $status -eq 0 ] || fail ingest $status

conf="$input/run.conf"
# The survey does not depend on the panel: tabulate beside it.
"$bin/cluster-tabulate" "$work/responses.csv" --codebook "$work/codebook.csv" \
  --participants "$work/participants.csv" --conf "$conf" -o "$build/survey_items.csv" &
tabulating=$!
"$bin/cluster-panel" "$work/statements.csv" --participants "$work/participants.csv" \
  --industries "$work/industries.csv" --sme-criteria "$work/sme_criteria.csv" --conf "$conf" \
  --log "$build/panel_log.csv" -o "$work/panel.csv" || fail panel $?
# The index stage corrects the benchmark itself (the same library call as cluster-correct,
# whose levels `cluster-index --totals` reads to the same bytes; a test checks it).
"$bin/cluster-index" "$work/panel.csv" --benchmark "$work/benchmark.csv" --conf "$conf" \
  -o "$build/index_series.csv" || fail index $?
wait "$tabulating" || fail tabulate $?


if [ -f "$input/published.csv" ]; then
  "$bin/cluster-compare" "$work/published.csv" --survey "$build/survey_items.csv" \
    --index "$build/index_series.csv" -o "$build/reproduction.csv" 2>"$work/verdict.txt" || fail compare $?
  sed 's/^cluster-compare: //' "$work/verdict.txt" | sed 's/^/annual-run: /' >&2
fi
fingerprints=()
wait "$hashing" && fingerprints=(--fingerprints "$work/fingerprints.txt")
"$bin/cluster-report" --inputs "$input" --results "$build" --summary "$work/ingest_summary.csv" \
  "${fingerprints[@]}" -o "$build/report.txt" --charts "$build/charts" || fail report $?

rm -rf "$work"
rm -rf "$output.old"
[ -e "$output" ] && mv "$output" "$output.old"
mv "$build" "$output"
trap - EXIT
rm -rf "$output.old" "$output.failed"
echo "annual-run: wrote $output" >&2
