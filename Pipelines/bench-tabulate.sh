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

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
RESPONDENTS=1000000
RUNS=3
SEED=20051231
TARGET_S=2        # tabulate median time below this (seconds)
TARGET_RSS_MB=200 # tabulate peak RSS below this (10^6 bytes)

usage() { sed -n '2,19s/^# \{0,1\}//p' "${BASH_SOURCE[0]}"; }
die() { echo "bench-tabulate: $*" >&2; exit 1; }
posint() { [[ $2 =~ ^[0-9]+$ ]] && (( 10#$2 >= 1 )) || { echo "bench-tabulate: $1 needs a positive integer, got '$2'" >&2; exit 64; }; }

while (($#)); do
    case $1 in
        --respondents|--runs)
            (($# >= 2)) || { echo "bench-tabulate: $1 needs a value" >&2; exit 64; }
            opt=$1 val=$2; shift 2 ;;
        --respondents=*|--runs=*)
            opt=${1%%=*} val=${1#*=}; shift ;;
        -h|--help) usage; exit 0 ;;
        *) echo "bench-tabulate: unknown argument '$1'" >&2; usage >&2; exit 64 ;;
    esac
    posint "$opt" "$val"
    val=$((10#$val))
    case $opt in
        --respondents) RESPONDENTS=$val ;;
        --runs) RUNS=$val ;;
    esac
done
((RESPONDENTS <= 100000000)) || { echo "bench-tabulate: --respondents must be at most 100000000" >&2; exit 64; }

TMP="$(mktemp -d "${TMPDIR:-/tmp}/bench-tabulate.XXXXXX")"
trap 'rm -rf "$TMP"' EXIT

# ---- tools -----------------------------------------------------------------------
pkgs=()
[[ -e /usr/include/csv.h ]] || pkgs+=(libcsv-dev libgsl-dev)
[[ -x /usr/bin/time ]] || pkgs+=(time)
if ((${#pkgs[@]})); then
    SUDO=""
    if [[ $(id -u) -ne 0 ]]; then SUDO=sudo; fi
    echo "bench-tabulate: installing ${pkgs[*]}" >&2
    $SUDO apt-get update -qq
    $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${pkgs[@]}" >/dev/null
fi

# ---- build -------------------------------------------------------------------------
BENCH_BIN="$ROOT/.build/bench"
mkdir -p "$BENCH_BIN"
cc -O2 -o "$BENCH_BIN/gen_survey" "$ROOT/Pipelines/bench/gen_survey.c"

for product in cluster-tabulate cluster-ingest; do
    echo "bench-tabulate: building $product (swift build -c release)..." >&2
    if ! swift build --package-path "$ROOT" -c release --product "$product" -q >"$TMP/build.log" 2>&1; then
        {
            echo "bench-tabulate: *** swift build of $product FAILED ***"
            tail -n 25 "$TMP/build.log" | sed 's/^/    /'
        } >&2
        exit 1
    fi
done
BIN="$(swift build --package-path "$ROOT" -c release --show-bin-path)"
for product in cluster-tabulate cluster-ingest; do
    [[ -x "$BIN/$product" ]] || die "swift build succeeded but $BIN/$product is missing"
done

# ---- data (generated once, cached) -----------------------------------------------------
DATA="$ROOT/.build/bench-data/survey-$RESPONDENTS"
stamp="respondents=$RESPONDENTS seed=$SEED generator=$(cksum <"$ROOT/Pipelines/bench/gen_survey.c" | cut -d' ' -f1)"
have_data=1
for f in codebook.csv participants.csv responses.csv responses-weighted.csv run.conf run-cp.conf; do
    [[ -s "$DATA/$f" ]] || have_data=0
done
if ((have_data)) && [[ -f "$DATA/.params" && "$(cat "$DATA/.params")" == "$stamp" ]]; then
    echo "bench-tabulate: reusing $DATA" >&2
else
    echo "bench-tabulate: generating $DATA ($RESPONDENTS respondents)..." >&2
    mkdir -p "$DATA"
    rm -f "$DATA/.params"
    gen_start=$(date +%s.%N)
    "$BENCH_BIN/gen_survey" "$DATA" "$RESPONDENTS" --weights --seed "$SEED"
    gen_end=$(date +%s.%N)
    printf '%s\n' "$stamp" >"$DATA/.params"
    awk -v a="$gen_start" -v b="$gen_end" 'BEGIN { printf "bench-tabulate: generated in %.2f s\n", b - a }' >&2
fi
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
# timed KEY CMD... : runs CMD $RUNS times under /usr/bin/time; sets MEDIAN_S and PEAK_KIB.
# A non-zero exit of CMD ends the script with that status (after showing its stderr).
timed() {
    local key=$1; shift
    local i rc times="" peak=0 e m
    for ((i = 1; i <= RUNS; i++)); do
        rc=0
        /usr/bin/time -f '%e %M' -o "$TMP/$key.time" "$@" >"$TMP/$key.stdout" 2>"$TMP/$key.stderr" || rc=$?
        if ((rc != 0)); then
            {
                echo "bench-tabulate: command failed (exit $rc): $*"
                tail -n 30 "$TMP/$key.stderr" | sed 's/^/    /'
            } >&2
            exit "$rc"
        fi
        read -r e m < <(tail -n 1 "$TMP/$key.time")
        times+="$e"$'\n'
        ((m > peak)) && peak=$m
        echo "bench-tabulate:   $key run $i/$RUNS: $e s, $m KiB" >&2
    done
    MEDIAN_S=$(printf '%s' "$times" | sort -g | awk '{ t[NR] = $1 } END { print (NR % 2) ? t[(NR + 1) / 2] : (t[NR / 2] + t[NR / 2 + 1]) / 2 }')
    PEAK_KIB=$peak
}

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
cpu=$(awk -F': *' '/^model name/ { print $2; exit }' /proc/cpuinfo 2>/dev/null || true)
printf '\ntabulate benchmark: %s\n' "$RESPONSES"
printf '  %d response rows, %.1f MB (%d respondents, %d normalised rows); %d runs each, median time, peak RSS; %s CPUs %s\n' \
    "$ROWS" "$(awk -v b="$BYTES" 'BEGIN { print b / 1e6 }')" "$RESPONDENTS" "$NORM_ROWS" "$RUNS" "$(nproc)" "${cpu:+($cpu)}"
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
