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

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
ENTERPRISES=1400000
PARTICIPANTS=10000
RUNS=3
SEED=20051231
TARGET_PCT=75      # ingest throughput >= this % of the floor
TARGET_RSS_MIB=64  # ingest peak RSS below this

usage() { sed -n '2,17s/^# \{0,1\}//p' "${BASH_SOURCE[0]}"; }
die() { echo "bench-ingest: $*" >&2; exit 1; }
posint() { [[ $2 =~ ^[0-9]+$ ]] && (( 10#$2 >= 1 )) || { echo "bench-ingest: $1 needs a positive integer, got '$2'" >&2; exit 64; }; }

while (($#)); do
    case $1 in
        --enterprises|--participants|--runs)
            (($# >= 2)) || { echo "bench-ingest: $1 needs a value" >&2; exit 64; }
            opt=$1 val=$2; shift 2 ;;
        --enterprises=*|--participants=*|--runs=*)
            opt=${1%%=*} val=${1#*=}; shift ;;
        -h|--help) usage; exit 0 ;;
        *) echo "bench-ingest: unknown argument '$1'" >&2; usage >&2; exit 64 ;;
    esac
    posint "$opt" "$val"
    val=$((10#$val))
    case $opt in
        --enterprises) ENTERPRISES=$val ;;
        --participants) PARTICIPANTS=$val ;;
        --runs) RUNS=$val ;;
    esac
done
((PARTICIPANTS <= ENTERPRISES)) || { echo "bench-ingest: --participants must not exceed --enterprises" >&2; exit 64; }

TMP="$(mktemp -d "${TMPDIR:-/tmp}/bench-ingest.XXXXXX")"
trap 'rm -rf "$TMP"' EXIT

# ---- tools -----------------------------------------------------------------------
pkgs=()
[[ -e /usr/include/csv.h ]] || pkgs+=(libcsv-dev libgsl-dev)
[[ -x /usr/bin/time ]] || pkgs+=(time)
if ((${#pkgs[@]})); then
    SUDO=""
    if [[ $(id -u) -ne 0 ]]; then SUDO=sudo; fi
    echo "bench-ingest: installing ${pkgs[*]}" >&2
    $SUDO apt-get update -qq
    $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${pkgs[@]}" >/dev/null
fi

# ---- build -------------------------------------------------------------------------
BENCH_BIN="$ROOT/.build/bench"
mkdir -p "$BENCH_BIN"
cc -O2 -o "$BENCH_BIN/gen_statements" "$ROOT/Pipelines/bench/gen_statements.c"
cc -O2 -o "$BENCH_BIN/limit_libcsv" "$ROOT/Pipelines/bench/limit_libcsv.c" -lcsv

HAVE_INGEST=1
echo "bench-ingest: building cluster-ingest (swift build -c release)..." >&2
if swift build --package-path "$ROOT" -c release --product cluster-ingest -q >"$TMP/build.log" 2>&1; then
    BIN="$(swift build --package-path "$ROOT" -c release --show-bin-path)"
    [[ -x "$BIN/cluster-ingest" ]] || die "swift build succeeded but $BIN/cluster-ingest is missing"
else
    HAVE_INGEST=0
    {
        echo "bench-ingest: *** swift build of cluster-ingest FAILED; the ingest rows are skipped ***"
        tail -n 25 "$TMP/build.log" | sed 's/^/    /'
    } >&2
fi

# ---- data (generated once, cached) -----------------------------------------------------
DATA="$ROOT/.build/bench-data/statements-E$ENTERPRISES"
stamp="enterprises=$ENTERPRISES participants=$PARTICIPANTS seed=$SEED generator=$(cksum <"$ROOT/Pipelines/bench/gen_statements.c" | cut -d' ' -f1)"
have_data=1
for f in statements participants industries sme_criteria; do
    [[ -s "$DATA/$f.csv" ]] || have_data=0
done
if ((have_data)) && [[ -f "$DATA/.params" && "$(cat "$DATA/.params")" == "$stamp" ]]; then
    echo "bench-ingest: reusing $DATA" >&2
else
    echo "bench-ingest: generating $DATA ($ENTERPRISES enterprises, $PARTICIPANTS participants)..." >&2
    mkdir -p "$DATA"
    rm -f "$DATA/.params"
    gen_start=$(date +%s.%N)
    "$BENCH_BIN/gen_statements" "$DATA" "$ENTERPRISES" "$PARTICIPANTS" "$SEED"
    gen_end=$(date +%s.%N)
    printf '%s\n' "$stamp" >"$DATA/.params"
    awk -v a="$gen_start" -v b="$gen_end" 'BEGIN { printf "bench-ingest: generated in %.2f s\n", b - a }' >&2
fi
STATEMENTS="$DATA/statements.csv"
BYTES=$(stat -c %s "$STATEMENTS")
ROWS=$(( $(wc -l <"$STATEMENTS") - 1 ))
cat "$STATEMENTS" >/dev/null   # warm the page cache so that run 1 is not a disk benchmark

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
                echo "bench-ingest: command failed (exit $rc): $*"
                tail -n 30 "$TMP/$key.stderr" | sed 's/^/    /'
            } >&2
            exit "$rc"
        fi
        read -r e m < <(tail -n 1 "$TMP/$key.time")
        times+="$e"$'\n'
        ((m > peak)) && peak=$m
        echo "bench-ingest:   $key run $i/$RUNS: $e s, $m KiB" >&2
    done
    MEDIAN_S=$(printf '%s' "$times" | sort -g | awk '{ t[NR] = $1 } END { print (NR % 2) ? t[(NR + 1) / 2] : (t[NR / 2] + t[NR / 2 + 1]) / 2 }')
    PEAK_KIB=$peak
}

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
cpu=$(awk -F': *' '/^model name/ { print $2; exit }' /proc/cpuinfo 2>/dev/null || true)
printf '\ningest benchmark: %s\n' "$STATEMENTS"
printf '  %d rows, %.1f MB (%d enterprises, %d participants); %d runs each, median time, peak RSS; %s CPUs %s\n\n' \
    "$ROWS" "$(awk -v b="$BYTES" 'BEGIN { print b / 1e6 }')" "$ENTERPRISES" "$PARTICIPANTS" "$RUNS" "$(nproc)" "${cpu:+($cpu)}"

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
