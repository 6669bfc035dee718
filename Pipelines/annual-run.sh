#!/usr/bin/env bash
# The annual run (SPEC 1): Pipelines/annual-run.sh INPUT_DIR OUTPUT_DIR
#
# Runs every stage for one survey year. Works from any directory. The stages it runs:
# CLUSTER_BIN=DIR when set; else, installed as PREFIX/bin/cluster-annual-run (install.sh), the
# stages beside it; else, in a checkout, .build/release, which it builds once (one line of
# output; the compiler's only when the build fails) after setup.sh installed libcsv-dev and
# libgsl-dev when missing (one line; asks sudo for it when not root).
#
# The output folder is never a way to lose data (SPEC 7):
# - before anything is read, OUTPUT_DIR is refused (exit 64) when it is, holds or lies inside
#   INPUT_DIR, is a file, or is a non-empty folder that is not a previous result (one with a
#   datapackage.json); a symlink is followed (the result replaces its target);
# - a lock (flock on .NAME.lock beside OUTPUT_DIR) makes a second run into the same folder
#   exit 75 at once;
# - the result is built in .NAME.building.XXXXXX beside OUTPUT_DIR and exchanged with the
#   previous result in one system call (renameat2 RENAME_EXCHANGE, cluster-publish swap): at
#   every instant OUTPUT_DIR is the old or the new complete result; a killed run's building
#   folder is removed by the next run;
# - a failed run leaves OUTPUT_DIR untouched and puts what it could write (rejects.csv at
#   least) in OUTPUT_DIR.failed/ (SPEC 6.11); a write failure is exit 74 naming the path.
#
# CLUSTER_TIMING=FILE appends one line per stage to FILE: `stage wall_s user_s sys_s peak_KiB`
# (GNU time; Pipelines/bench-run.sh reads it). Tabulate runs beside panel, correct and index.
set -euo pipefail

usage() { echo "usage: annual-run.sh INPUT_DIR OUTPUT_DIR" >&2; exit 64; }
[ $# -eq 2 ] || usage
input=$1
output=$2
[ -n "$input" ] && [ -n "$output" ] || usage
[ -d "$input" ] || { echo "annual-run: $input: no such input folder" >&2; exit 66; }

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/.." && pwd)"
stages=(cluster-ingest cluster-panel cluster-correct cluster-index cluster-tabulate cluster-compare cluster-report cluster-package cluster-publish)
if [ -n "${CLUSTER_BIN:-}" ]; then
  bin=$CLUSTER_BIN  # stages built elsewhere (the test suite's); nothing is installed or built
elif [ -x "$here/cluster-ingest" ]; then
  bin=$here  # installed as PREFIX/bin/cluster-annual-run, beside the stages (install.sh)
else
  # In a checkout: the release build install.sh also makes (the same flags, so neither
  # rebuilds the other's), built once and again when a source is newer than the binaries.
  "$root/Pipelines/setup.sh"
  bin="$root/.build/release"
  stale=0
  for stage in "${stages[@]}"; do [ -x "$bin/$stage" ] || stale=1; done
  if [ $stale -eq 0 ] && [ -n "$(find "$root/Sources" "$root/Package.swift" -newer "$bin/cluster-ingest" -print -quit 2>/dev/null)" ]; then
    stale=1
  fi
  if [ $stale -eq 1 ]; then
    echo "annual-run: building the stages (swift build -c release --static-swift-stdlib; a few minutes, once)" >&2
    log=$(mktemp)
    if ! (cd "$root" && swift build -c release --static-swift-stdlib >"$log" 2>&1); then
      grep -Ev '^\[[0-9]+/[0-9]+\]' "$log" >&2
      rm -f "$log"
      echo "annual-run: the build failed" >&2
      exit 70
    fi
    rm -f "$log"
  fi
fi
for stage in "${stages[@]}"; do
  [ -x "$bin/$stage" ] || { echo "annual-run: $bin/$stage: no such stage (build with swift build -c release, or set CLUSTER_BIN)" >&2; exit 66; }
done

# SPEC 7.1: refuse a dangerous OUTPUT_DIR before anything is read or written.
target=$("$bin/cluster-publish" check "$input" "$output") || exit $?
# Messages name the folders as given (the resolved target when OUTPUT_DIR is a symlink).
failed_shown="${output%/}.failed"
[ -L "${output%/}" ] && failed_shown="$target.failed"
parent=$(dirname "$target")
name=$(basename "$target")
mkdir -p "$parent" 2>/dev/null || { echo "annual-run: $parent: cannot create the folder of OUTPUT_DIR $output" >&2; exit 74; }

# SPEC 7.3: one run at a time into one folder. The lock is held by this shell's descriptor 9
# (and the stages it starts) and released by the kernel however the run ends.
lock="$parent/.$name.lock"
{ exec 9>>"$lock"; } 2>/dev/null || { echo "annual-run: $lock: cannot create the lock file of OUTPUT_DIR $output" >&2; exit 74; }
if ! flock -n 9; then
  echo "annual-run: OUTPUT_DIR $output is in use by another run (lock $lock held); try again when it has finished" >&2
  exit 75
fi
# Checked again under the lock: the folder may have changed while we waited for nothing.
target=$("$bin/cluster-publish" check "$input" "$output") || exit $?
# What a killed run left beside OUTPUT_DIR (SPEC 7.2).
rm -rf "$parent/.$name.building."*

build=$(mktemp -d "$parent/.$name.building.XXXXXX" 2>/dev/null) || { echo "annual-run: $parent: cannot write beside OUTPUT_DIR $output" >&2; exit 74; }
chmod 755 "$build"
work="$build/.work"
mkdir -p "$work" 2>/dev/null || { echo "annual-run: $work: cannot write" >&2; rm -rf "$build"; exit 74; }
trap 'rm -rf "$build"' EXIT

fail() {  # stage status: keep what was written in OUTPUT_DIR.failed/, leave OUTPUT_DIR alone
  local stage=$1 status=$2
  kill "${hashing:-}" "${tabulating:-}" 2>/dev/null || true
  wait 2>/dev/null || true
  rm -rf "$work"
  rm -rf "$target.failed"
  mv "$build" "$target.failed"
  trap - EXIT
  echo "annual-run: stage $stage failed (exit $status); what it wrote is in $failed_shown/; $output is untouched" >&2
  exit "$status"
}
copy() {  # copy FROM TO, a write failure being exit 74 (SPEC 7.4)
  cp "$1" "$2" 2>/dev/null || { echo "annual-run: $2: cannot write" >&2; fail copy 74; }
}

# stage NAME COMMAND...: runs a stage, timed into CLUSTER_TIMING when that is set. In a
# background subshell the command replaces the subshell (exec), so that `kill $!` reaches it.
stage() {
  local name=$1; shift
  local run=("$@")
  [ -z "${CLUSTER_TIMING:-}" ] || run=(/usr/bin/time -a -o "$CLUSTER_TIMING" -f "$name %e %U %S %M" "$@")
  [ "$BASHPID" = "$$" ] || exec "${run[@]}"
  "${run[@]}"
}

# The inputs' fingerprints (run.conf included) for the report and the data package, computed
# beside the ingest. openssl uses the CPU's SHA instructions where it has them; sha256sum otherwise.
if command -v openssl >/dev/null 2>&1; then digest=(openssl dgst -sha256 -r); else digest=(sha256sum); fi
{ (cd "$input" && stage fingerprints "${digest[@]}" -- *.csv run.conf > "$work/fingerprints.txt"); } 2>/dev/null &
hashing=$!

status=0
# Participants, responses and the panel go to the later stages as binary work files
# (participants.frame, responses.table, panel.work): validated once, loaded without a second
# parse. The stages take the CSVs as well; those stay the documented interface.
stage ingest "$bin/cluster-ingest" --input-dir "$input" --output-dir "$work" --work-files || status=$?
[ -f "$work/rejects.csv" ] && copy "$work/rejects.csv" "$build/rejects.csv"
[ $status -eq 0 ] || fail ingest $status

conf="$input/run.conf"
# The survey does not depend on the panel: tabulate beside it.
stage tabulate "$bin/cluster-tabulate" "$work/responses.table" --codebook "$work/codebook.csv" \
  --participants "$work/participants.frame" --conf "$conf" -o "$build/survey_items.csv" \
  --single "$build/survey_single.csv" --weights "$build/weights.csv" --audit "$build/survey_audit.csv" &
tabulating=$!
stage panel "$bin/cluster-panel" "$work/statements.csv" --participants "$work/participants.frame" \
  --industries "$work/industries.csv" --sme-criteria "$work/sme_criteria.csv" --conf "$conf" \
  --log "$build/panel_log.csv" --members "$build/panel_members.csv" --work-file -o "$work/panel.work" || fail panel $?
stage correct "$bin/cluster-correct" "$work/panel.work" --benchmark "$work/benchmark.csv" --conf "$conf" \
  -o "$work/totals.csv" || fail correct $?
stage index "$bin/cluster-index" "$work/panel.work" --totals "$work/totals.csv" --conf "$conf" \
  -o "$build/index_series.csv" --by-project "$build/index_by_project.csv" \
  --participants "$work/participants.frame" --benchmark "$work/benchmark.csv" --audit "$build/index_audit.csv" || fail index $?
wait "$tabulating" || fail tabulate $?
# SPEC 11: one disclosure audit of everything published (the stages' parts gathered, then
# removed); a withheld cell that can be worked out fails the run (exit 65), the stage's part or
# the whole audit left in OUTPUT_DIR.failed/.
"$bin/cluster-publish" audit "$build/index_audit.csv" "$build/survey_audit.csv" -o "$build/disclosure_audit.csv" || fail audit $?
rm -f "$build/index_audit.csv" "$build/survey_audit.csv"

# STRICT_REPRODUCTION=yes: a value not reproduced is exit 65 from compare; the run then writes
# everything all the same and ends as a failed run (the result in OUTPUT_DIR.failed/, exit 65).
unreproduced=0
if [ -f "$input/published.csv" ]; then
  status=0
  stage compare "$bin/cluster-compare" "$work/published.csv" --survey "$build/survey_items.csv" \
    --index "$build/index_series.csv" --conf "$conf" -o "$build/reproduction.csv" 2>"$work/verdict.txt" || status=$?
  sed 's/^cluster-compare: //' "$work/verdict.txt" | sed 's/^/annual-run: /' >&2
  if [ $status -eq 65 ] && grep -q '^cluster-compare: STRICT_REPRODUCTION=yes' "$work/verdict.txt"; then
    unreproduced=1
  elif [ $status -ne 0 ]; then
    fail compare $status
  fi
fi
fingerprints=()
wait "$hashing" && fingerprints=(--fingerprints "$work/fingerprints.txt")
stage report "$bin/cluster-report" --results "$build" --summary "$work/ingest_summary.csv" --conf "$conf" \
  "${fingerprints[@]}" -o "$build/report.txt" --charts "$build/charts" --tables "$build/tables.xlsx" \
  --participants "$work/participants.frame" || fail report $?
# The settings files beside the outputs have served (each stage checked its inputs' against
# its run.conf, the report took its settings from them); the published folder's record of
# the settings is datapackage.json.
rm -f "$build"/*.settings

# CSV_ENCODING: the finished tables in UTF-8 with a BOM or CP932 (for Excel), before the data
# package records their hashes; a character CP932 cannot hold fails the run (exit 65).
# (Run inside the folder, so that a message names the table, not the temporary folder.)
conf_path="$(cd "$(dirname "$conf")" && pwd)/$(basename "$conf")"
bin_path="$(cd "$bin" && pwd)"
(cd "$build" && "$bin_path/cluster-publish" encode --conf "$conf_path" *.csv) || fail encode $?

# The finished files' SHA-256 with the same tool as the inputs' (openssl uses the CPU's SHA
# instructions: a national panel_members.csv in a tenth of the time); cluster-package hashes any
# file not listed itself.
digests=()
(cd "$build" && find . -type f -not -path './.*' | LC_ALL=C sort | xargs "${digest[@]}" --) > "$work/outputs.sha256" 2>/dev/null \
  && digests=(--digests "$work/outputs.sha256")
stage package "$bin/cluster-package" --results "$build" --inputs "$input" --summary "$work/ingest_summary.csv" \
  "${fingerprints[@]}" "${digests[@]}" -o "$build/datapackage.json" || fail package $?

[ $unreproduced -eq 0 ] || fail compare 65
rm -rf "$work"
# SPEC 7.2: the new result for the old in one system call; the old one is then at $build.
"$bin/cluster-publish" swap "$build" "$target" || fail swap $?
rm -rf "$build" "$target.failed"
trap - EXIT
echo "annual-run: wrote $output" >&2
