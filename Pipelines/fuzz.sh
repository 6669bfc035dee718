#!/usr/bin/env bash
# Builds the libFuzzer targets of Tests/Fuzz (SwiftPM, CLUSTER_FUZZ=1, release with
# -sanitize=fuzzer,address and testable imports, in .build-fuzz/spm) and runs each for SECONDS in
# process, with a seed corpus gathered from the case fixtures and Inputs/fy2005. Prints each
# target's executions, executions per second and findings.
#
#   Pipelines/fuzz.sh 1800                 # every target, 30 minutes each, one after the other
#   Pipelines/fuzz.sh 600 reader fields    # only these
#   JOBS=2 Pipelines/fuzz.sh 1800          # two targets at once (two cores)
#   SANITIZE=none Pipelines/fuzz.sh 1800 reader   # without AddressSanitizer (.build-fuzz/plain)
#
# With AddressSanitizer (the default) an input costs about three times as much: the reader runs
# about 6,000 inputs a second with it, 17,000 without. Run both: the differential checks find
# logic faults fastest without it, memory faults (the reader's arena, libcsv) need it.
#
# Findings (crash-*, timeout-*, leak-*, oom-*) go to .build-fuzz/findings/TARGET/; each becomes
# a regression test and a fix. Not part of the test suite (it runs for as long as it is told).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
[ $# -ge 1 ] || { echo "usage: fuzz.sh SECONDS [TARGET...]" >&2; exit 64; }
seconds=$1; shift
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(reader fields cp932 runconf)
for t in "${targets[@]}"; do [ -d "Tests/Fuzz/$t" ] || { echo "fuzz: no target Tests/Fuzz/$t" >&2; exit 64; }; done
Pipelines/setup.sh
out="$root/.build-fuzz"
mkdir -p "$out"

# swiftc keeps the last -sanitize= it is given: the two go together to the Swift code (given
# apart, libFuzzer sees no coverage of it); the C code gets the fuzzer's coverage only, and
# swift-crypto's none (Tests/Fuzz/coverage-ignore.txt: its counters would be scanned after
# every input for nothing a target tests).
sanitize=${SANITIZE:-address}
case $sanitize in
  address) scratch="$out/spm"; swift_sanitize=fuzzer,address ;;
  none) scratch="$out/plain"; swift_sanitize=fuzzer ;;
  *) echo "fuzz: SANITIZE is address or none" >&2; exit 64 ;;
esac
build=(-c release --scratch-path "$scratch" --sanitize fuzzer -Xswiftc -sanitize=$swift_sanitize -Xswiftc -enable-testing
  -Xcc "-fsanitize-coverage-ignorelist=$root/Tests/Fuzz/coverage-ignore.txt")
for t in "${targets[@]}"; do
  echo "fuzz: building fuzz-$t" >&2
  if ! log=$(CLUSTER_FUZZ=1 swift build "${build[@]}" --product "fuzz-$t" 2>&1); then
    printf '%s\n' "$log" | grep -Ev '^\[[0-9]+/[0-9]+\]' >&2
    echo "fuzz: fuzz-$t did not build" >&2; exit 1
  fi
done
bin=$(CLUSTER_FUZZ=1 swift build "${build[@]}" --show-bin-path)

seeds() {  # seeds TARGET DIR
  local target=$1 dir=$2 f
  mkdir -p "$dir"
  case $target in
    reader)  # two bytes first: the chunk size less one, and the parallel flag
      local k=0
      find Tests/Cases Inputs/fy2005 -name '*.csv' -size -16k -print0 | LC_ALL=C sort -z | while IFS= read -r -d '' f; do
        k=$((k + 1))
        { printf "\\x$(printf %02x $((k * 37 % 256)))\\x$(printf %02x $((k % 2)))"; cat "$f"; } > "$dir/$(echo "$f" | tr '/' '_')"
      done
      { printf '\x0f\x01'; head -c 4000 Inputs/fy2005/statements.csv; } > "$dir/statements-head"
      printf '\x02\x01a,b\n"1,a\n2,b\n3,c"d\n4,e\n' > "$dir/stray-quotes"
      printf '\x03\x00a,b\r1,"x\ry"\r2,z\r' > "$dir/lone-cr" ;;
    fields)  # one byte first: the check (0-8, as Check in Tests/Fuzz/fields), each value with each
      local v k
      for v in 1180301018771 '１１８０３０１０１８７７１' '1,234,567' '△12,345' '▲1' '－5' '−7' '12' \
        '2001-03' '2001/03' '200103' 'H13.3' 'H13.03' 'H13/3' '平成13年3月' '令和元年5月' 'R1.5' 'S63.3' 'H31.4' \
        '2005-09-01' '2005-09-01T10:00:00' '2005-09-01 10:00:00+09:00' '2005-09-01T01:00:00Z' '2005-09-01T10:00-0500' \
        '0.95' '1e-3' '○' '◯' '1' '0' $'\x8a\x94\x8e\xae\x89\xef\x8e\xd0' $'\x81\x7c5' $'\xe2\x88\x925'; do
        for k in 0 1 2 3 4 5 6 7 8; do
          { printf "\\x0$k"; printf '%s' "$v"; } > "$dir/$k-$(printf '%s' "$v" | sha256sum | cut -c1-16)"
        done
      done ;;
    cp932)
      printf '\x8a\x94\x8e\xae\x89\xef\x8e\xd0,\x95\xbd\x90\xac13\x94N3\x8c\x8e' > "$dir/kabushikigaisha"
      printf 'Price in \xc2\xa5, \xe2\x80\xbe' > "$dir/yen-overline"
      printf '\x81\x7c5,\x81\x60,\x5c' > "$dir/minus-wave"
      head -c 2000 Inputs/fy2005/participants.csv > "$dir/participants" ;;
    runconf)
      cp Inputs/fy2005/run.conf "$dir/fy2005"
      find Tests/Cases -name '*.conf' -print0 | while IFS= read -r -d '' f; do cp "$f" "$dir/$(echo "$f" | tr '/' '_')"; done ;;
  esac
}

run() {  # run TARGET
  local target=$1
  local corpus="$out/corpus/$target" findings="$out/findings/$target" seed="$out/seeds/$target-$sanitize"
  mkdir -p "$corpus" "$findings"
  rm -rf "$seed"; seeds "$target" "$seed"
  local started execs elapsed log="$out/$target-$sanitize.log"
  started=$(date +%s)
  # The reader's inputs are files read whole twice: 256 bytes hold every state of the parser
  # and many cuts, at thousands of inputs a second.
  # A field is short: 256 bytes for the field parsers too.
  local max_len=4096; case $target in reader|fields) max_len=256 ;; esac
  # Allocation stacks are not recorded (a report still shows where the bad access was): a third
  # of the time of an input otherwise. New memory is not filled (ASan writes 4 KiB of each
  # allocation otherwise; a parser's arena is several).
  # Swift's own crash backtracer is off: libFuzzer's handler must see the signal of a failed
  # check to save the input that failed it.
  SWIFT_BACKTRACE=enable=no ASAN_OPTIONS=${ASAN_OPTIONS:-malloc_context_size=0:max_malloc_fill_size=0} \
  "$bin/fuzz-$target" "$corpus" "$seed" -max_total_time="$seconds" -max_len=$max_len -timeout=10 \
    -rss_limit_mb=2048 -detect_leaks=0 -artifact_prefix="$findings/" -print_final_stats=1 > "$log" 2>&1 || true
  elapsed=$(( $(date +%s) - started ))
  # Executions: the final stats, or (a run stopped by a finding) the last progress line.
  execs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$' || true)
  [ -n "$execs" ] || execs=$(grep -o '^#[0-9]*' "$log" | tail -1 | tr -d '#' || true)
  echo "fuzz: $target ($sanitize): ${execs:-0} executions in $elapsed s ($(( ${execs:-0} / (elapsed > 0 ? elapsed : 1) )) per second), findings: $(ls "$findings" | wc -l) (log $log)"
}

if [ "${JOBS:-1}" -gt 1 ]; then
  for t in "${targets[@]}"; do run "$t" & done; wait
else
  for t in "${targets[@]}"; do run "$t"; done
fi
