#!/usr/bin/env bash
# Fault injection over a small annual run (SQLite's way): counts the injectable system calls
# (read, pread, write, rename, renameat2, fsync) the run and its stages make, then runs it again
# once per call N (every STRIDE-th) with the N-th call failing, for each EFFECT, and checks:
#   ENOSPC, EIO   exit 74 (a write, rename or sync) or 66 (a read), stderr naming the path and
#                 the cause; OUTPUT_DIR still the previous result, byte for byte; no building
#                 folder left; no empty file in OUTPUT_DIR.failed (a half-written file is
#                 emptied, then not kept); the next run without a fault exits 0 with the
#                 previous result's bytes and leaves no building folder;
#   EINTR, short  exit 0 and the same bytes (an interrupted call is retried, a short read or
#                 write continued).
# Prints one line per effect (calls walked, outcomes) and every finding; exit 1 on a finding.
#
#   Pipelines/fault-walk.sh                  every call, every effect (about 40 minutes in all)
#   STRIDE=37 Pipelines/fault-walk.sh        every 37th call (the end-to-end case `fault-walk`)
#   EFFECTS="EIO short" Pipelines/fault-walk.sh
#
# Needs the debug build (the seam is compiled only there): BIN (default .build/debug).
set -uo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
bin=${BIN:-$root/.build/debug}
stride=${STRIDE:-1}
effects=${EFFECTS:-ENOSPC EIO EINTR short}
work=$(mktemp -d "${TMPDIR:-/tmp}/fault-walk.XXXXXX")
trap 'rm -rf "$work"' EXIT
cd "$work"

# A small annual run: Inputs/fy2005 with its first 400 participants and their statements and
# questionnaires (1 s in a debug build).
mkdir in
I="$root/Inputs/fy2005"
cp "$I"/{benchmark,codebook,industries,published,sme_criteria}.csv "$I/run.conf" in/
awk 'NR <= 401' "$I/participants.csv" > in/participants.csv
for f in statements responses; do
  awk -F, 'NR == FNR { if (FNR > 1) keep[$1] = 1; next } FNR == 1 || ($1 in keep)' in/participants.csv "$I/$f.csv" > "in/$f.csv"
done

run() {  # run N EFFECT: the annual run into out with the fault; sets status
  head -c 8 /dev/zero > counter
  CLUSTER_FAULT="$1:$2:$work/counter" "$bin/cluster-annual-run" -q in out 2> err
  status=$?
}
"$bin/cluster-annual-run" -q in ref 2>/dev/null || { echo "fault-walk: the run without a fault failed" >&2; exit 1; }
cp -a ref out
run 0 EIO
[ $status = 0 ] || { echo "fault-walk: the counting run failed (exit $status)" >&2; exit 1; }
calls=$(od -An -t d8 counter | tr -d ' ')
diff -r ref out > /dev/null || { echo "fault-walk: a rerun is not byte-identical" >&2; exit 1; }
findings=0
finding() { echo "fault-walk: FINDING: $*"; findings=$((findings + 1)); }
leftovers() { ls -A | grep -q '^\.out\.building' && echo yes || echo no; }

for effect in $effects; do
  walked=0; declare -A outcome=()
  for ((n = 1; n <= calls; n += stride)); do
    rm -rf out out.failed; cp -a ref out
    run "$n" "$effect"
    walked=$((walked + 1))
    outcome[$status]=$(( ${outcome[$status]:-0} + 1 ))
    case $effect in
      EINTR|short)
        [ $status = 0 ] || finding "$effect at call $n: exit $status: $(head -c 300 err)"
        diff -r ref out > /dev/null || finding "$effect at call $n: the result differs from the run without a fault" ;;
      *)
        case $status in
          74|66) grep -qE "cannot (read|write)|No space left|Input/output error" err \
                   || finding "$effect at call $n: exit $status without the path and cause: $(head -c 300 err)" ;;
          0) ;;  # the call's failure changed nothing the run reports (a read of a file already read whole)
          *) finding "$effect at call $n: exit $status: $(head -c 300 err)" ;;
        esac
        if [ $status != 0 ]; then
          diff -r ref out > /dev/null || finding "$effect at call $n: OUTPUT_DIR is not the previous result"
        fi
        [ "$(leftovers)" = no ] || finding "$effect at call $n: a building folder is left"
        if [ -d out.failed ] && [ -n "$(find out.failed -type f -empty)" ]; then
          finding "$effect at call $n: an empty file in out.failed: $(find out.failed -type f -empty | head -3 | tr '\n' ' ')"
        fi
        "$bin/cluster-annual-run" -q in out 2> err2 || finding "$effect at call $n: the next good run failed: $(head -c 300 err2)"
        diff -r ref out > /dev/null || finding "$effect at call $n: the next good run's result differs"
        [ "$(leftovers)" = no ] || finding "$effect at call $n: the next good run left a building folder"
        rm -rf .out.building.* ;;  # one finding is reported once, not again at every later call
    esac
  done
  summary=""
  for s in $(printf '%s\n' "${!outcome[@]}" | sort -n); do summary+=" exit $s: ${outcome[$s]};"; done
  echo "fault-walk: $effect: $walked of $calls calls walked (every $stride);$summary findings so far: $findings"
  unset outcome
done
[ $findings = 0 ]
