#!/usr/bin/env bash
# Builds the libFuzzer targets of Tests/Fuzz (the library targets they test compiled module by
# module with -sanitize=fuzzer,address, then each target over them) and runs each for SECONDS, with a seed corpus gathered from the
# case fixtures and Inputs/fy2005. Prints each target's executions, seconds and findings.
#
#   Pipelines/fuzz.sh 900                 # every target, 900 s each, one after the other
#   Pipelines/fuzz.sh 600 csv fields      # only these
#   JOBS=2 Pipelines/fuzz.sh 900          # two targets at once (two cores)
#
# Findings (crash-*, timeout-*, leak-*) go to .build-fuzz/findings/TARGET/; each becomes a
# regression case and a fix. Not part of the test suite (it runs for as long as it is told).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
[ $# -ge 1 ] || { echo "usage: fuzz.sh SECONDS [TARGET...]" >&2; exit 64; }
seconds=$1; shift
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(csv fields runconf)
Pipelines/setup.sh
out="$root/.build-fuzz"
mkdir -p "$out"
gsl_flags=$(pkg-config --cflags gsl 2>/dev/null || true)
# The library targets the fuzz targets reach, lowest first (Package.swift's layers).
modules=(Values CSVKit Rules)
mods="$out/modules"

modules_build() {  # the modules, rebuilt when a source is newer than the last build
  if [ -f "$mods/.built" ] && [ -z "$(find "${modules[@]/#/Sources/}" -newer "$mods/.built" -print -quit)" ]; then
    return
  fi
  rm -rf "$mods"; mkdir -p "$mods"
  for m in "${modules[@]}"; do
    echo "fuzz: building module $m" >&2
    # shellcheck disable=SC2046,SC2086
    swiftc -O -sanitize=fuzzer,address -parse-as-library -enable-testing -package-name ClusterMonitor -wmo \
      -module-name "$m" -emit-module -emit-module-path "$mods/$m.swiftmodule" -c -o "$mods/$m.o" -I "$mods" \
      -I Sources/CCSV -I Sources/CGSL -I Sources/CLinux ${gsl_flags:+-Xcc $gsl_flags} \
      $(find "Sources/$m" -name '*.swift' | LC_ALL=C sort) 2>&1 | grep -E 'error' >&2 || true
    [ -f "$mods/$m.o" ] || { echo "fuzz: module $m did not build" >&2; exit 1; }
  done
  touch "$mods/.built"
}

build() {  # build TARGET
  local target=$1
  if [ -x "$out/fuzz-$target" ] && [ "$out/fuzz-$target" -nt "$mods/.built" ] \
    && [ "$out/fuzz-$target" -nt "Tests/Fuzz/$target.swift" ]; then
    return  # up to date
  fi
  echo "fuzz: building $target" >&2
  local objects=() m
  for m in "${modules[@]}"; do objects+=("$mods/$m.o"); done
  # shellcheck disable=SC2086
  swiftc -O -sanitize=fuzzer,address -parse-as-library -package-name ClusterMonitor -module-name "Fuzz$target" \
    -I "$mods" -I Sources/CCSV -I Sources/CGSL -I Sources/CLinux ${gsl_flags:+-Xcc $gsl_flags} \
    "Tests/Fuzz/$target.swift" "${objects[@]}" -lcsv -lm -o "$out/fuzz-$target" 2>&1 \
    | grep -E 'error' >&2 || true
  [ -x "$out/fuzz-$target" ] || { echo "fuzz: $target did not build" >&2; exit 1; }
}

seeds() {  # seeds TARGET DIR
  local target=$1 dir=$2
  mkdir -p "$dir"
  case $target in
    csv)
      find Tests/Cases Inputs/fy2005 -name '*.csv' -size -64k -print0 | while IFS= read -r -d '' f; do
        cp "$f" "$dir/$(echo "$f" | tr '/' '_')"; done
      head -c 60000 Inputs/fy2005/statements.csv > "$dir/statements-head.csv" ;;
    fields)
      for v in 1180301018771 '１１８０３０１０１８７７１' '1,234,567' '△12,345' '▲1' '－5' '−7' '12' \
        '2001-03' '2001/03' '200103' 'H13.3' 'H13.03' 'H13/3' '平成13年3月' '令和元年5月' 'R1.5' 'S63.3' 'H31.4' \
        '2005-09-01' '2005-09-01T10:00:00' '2005-09-01 10:00:00+09:00' '2005-09-01T01:00:00Z' '2005-09-01T10:00-0500' \
        '0.95' '1e-3' '○' '◯' '1' '0'; do printf '%s' "$v" > "$dir/$(printf '%s' "$v" | sha256sum | cut -c1-16)"; done
      printf '\x8a\x94\x8e\xae\x89\xef\x8e\xd0' > "$dir/cp932-kabushikigaisha" ;;
    runconf)
      cp Inputs/fy2005/run.conf "$dir/fy2005"
      find Tests/Cases -name '*.conf' -print0 | while IFS= read -r -d '' f; do cp "$f" "$dir/$(echo "$f" | tr '/' '_')"; done ;;
  esac
}

run() {  # run TARGET
  local target=$1
  local corpus="$out/corpus/$target" findings="$out/findings/$target"
  mkdir -p "$corpus" "$findings"
  local seed="$out/seeds/$target"
  rm -rf "$seed"; seeds "$target" "$seed"
  local started execs
  started=$(date +%s)
  "$out/fuzz-$target" "$corpus" "$seed" -max_total_time="$seconds" -max_len=8192 -timeout=10 \
    -rss_limit_mb=2048 -artifact_prefix="$findings/" -print_final_stats=1 > "$out/$target.log" 2>&1 || true
  # Executions: the final stats, or (a run stopped by a finding) the last progress line.
  execs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$out/$target.log" | grep -o '[0-9]*$' || true)
  [ -n "$execs" ] || execs=$(grep -o '^#[0-9]*' "$out/$target.log" | tail -1 | tr -d '#' || true)
  echo "fuzz: $target: ${execs:-0} executions in $(( $(date +%s) - started )) s, findings: $(ls "$findings" | wc -l) (log $out/$target.log)"
}

for t in "${targets[@]}"; do [ -f "Tests/Fuzz/$t.swift" ] || { echo "fuzz: no target Tests/Fuzz/$t.swift" >&2; exit 64; }; done
modules_build
for t in "${targets[@]}"; do build "$t"; done
if [ "${JOBS:-1}" -gt 1 ]; then
  for t in "${targets[@]}"; do run "$t" & done; wait
else
  for t in "${targets[@]}"; do run "$t"; done
fi
