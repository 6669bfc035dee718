# common.sh - functions shared by the Pipelines/bench-*.sh scripts.
# Sourced (bash); defines functions only.  They use these variables of the calling script:
#   PROG  the name that prefixes the messages (e.g. bench-ingest)
#   ROOT  the package root                     TMP   the script's scratch directory
#   RUNS  timed runs per command

# usage: the leading comment block of the running script (after the shebang), without '# '.
usage() { sed -n '2,/^[^#]/s/^# \{0,1\}//p' "$0"; }
die() { echo "$PROG: $*" >&2; exit 1; }
posint() { [[ $2 =~ ^[0-9]+$ ]] && (( 10#$2 >= 1 )) || { echo "$PROG: $1 needs a positive integer, got '$2'" >&2; exit 64; }; }

# parse_posint_options NAME=VAR... -- ARG... : parses the script's arguments ARG..., each
# `--NAME N` or `--NAME=N` with N a positive decimal integer (stored in VAR, without leading
# zeros) or -h/--help (usage, exit 0).  Anything else exits 64 with a message.
parse_posint_options() {
    local -a names=() vars=()
    while (($#)) && [[ $1 != -- ]]; do names+=("--${1%%=*}") vars+=("${1#*=}"); shift; done
    (($#)) && shift
    local arg opt val i k
    while (($#)); do
        arg=$1
        [[ $arg == -h || $arg == --help ]] && { usage; exit 0; }
        opt=${arg%%=*} k=-1
        for i in "${!names[@]}"; do [[ $opt == "${names[i]}" ]] && k=$i; done
        if ((k < 0)); then echo "$PROG: unknown argument '$arg'" >&2; usage >&2; exit 64; fi
        if [[ $arg == *=* ]]; then
            val=${arg#*=}; shift
        else
            (($# >= 2)) || { echo "$PROG: $arg needs a value" >&2; exit 64; }
            val=$2; shift 2
        fi
        posint "$opt" "$val"
        printf -v "${vars[k]}" '%s' "$((10#$val))"
    done
}

# install_tools: apt-get installs libcsv-dev/libgsl-dev (when /usr/include/csv.h is missing)
# and time (when /usr/bin/time is missing), with sudo when not root.
install_tools() {
    local pkgs=() sudo=""
    [[ -e /usr/include/csv.h ]] || pkgs+=(libcsv-dev libgsl-dev)
    [[ -x /usr/bin/time ]] || pkgs+=(time)
    ((${#pkgs[@]})) || return 0
    if [[ $(id -u) -ne 0 ]]; then sudo=sudo; fi
    echo "$PROG: installing ${pkgs[*]}" >&2
    $sudo apt-get update -qq
    $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${pkgs[@]}" >/dev/null
}

# build_product PRODUCT: swift build -c release of PRODUCT, quiet; its log in $TMP/build.log.
build_product() {
    echo "$PROG: building $1 (swift build -c release)..." >&2
    swift build --package-path "$ROOT" -c release --product "$1" -q >"$TMP/build.log" 2>&1
}
# build_failed MESSAGE: "*** MESSAGE ***" and the end of $TMP/build.log on stderr.
build_failed() {
    {
        echo "$PROG: *** $* ***"
        tail -n 25 "$TMP/build.log" | sed 's/^/    /'
    } >&2
}
# release_bin PRODUCT...: sets BIN to the release bin directory; dies if a PRODUCT is not there.
release_bin() {
    local product
    BIN="$(swift build --package-path "$ROOT" -c release --show-bin-path)"
    for product in "$@"; do
        [[ -x "$BIN/$product" ]] || die "swift build succeeded but $BIN/$product is missing"
    done
}

# generator_sum GEN: checksum of Pipelines/bench/GEN.c and gen_common.h (for the data stamp).
generator_sum() {
    cat "$ROOT/Pipelines/bench/$1.c" "$ROOT/Pipelines/bench/gen_common.h" | cksum | cut -d' ' -f1
}

# generate_once DIR STAMP WHAT FILE... -- CMD... : unless DIR holds every FILE (non-empty)
# and DIR/.params reads STAMP, runs CMD (which writes the FILEs into DIR; WHAT describes the
# data in the message), then writes STAMP into DIR/.params.
generate_once() {
    local dir=$1 stamp=$2 what=$3 have=1 start end
    shift 3
    while (($#)) && [[ $1 != -- ]]; do
        [[ -s "$dir/$1" ]] || have=0
        shift
    done
    (($#)) && shift
    if ((have)) && [[ -f "$dir/.params" && "$(cat "$dir/.params")" == "$stamp" ]]; then
        echo "$PROG: reusing $dir" >&2
        return 0
    fi
    echo "$PROG: generating $dir ($what)..." >&2
    mkdir -p "$dir"
    rm -f "$dir/.params"
    start=$(date +%s.%N)
    "$@"
    end=$(date +%s.%N)
    printf '%s\n' "$stamp" >"$dir/.params"
    awk -v a="$start" -v b="$end" -v prog="$PROG" 'BEGIN { printf "%s: generated in %.2f s\n", prog, b - a }' >&2
}

# timed KEY CMD... : runs CMD $RUNS times under /usr/bin/time; sets MEDIAN_S and PEAK_KIB.
# stdout and stderr of the last run are in $TMP/KEY.stdout and $TMP/KEY.stderr.
# A non-zero exit of CMD ends the script with that status (after showing its stderr).
timed() {
    local key=$1; shift
    local i rc times="" peak=0 e m
    for ((i = 1; i <= RUNS; i++)); do
        rc=0
        /usr/bin/time -f '%e %M' -o "$TMP/$key.time" "$@" >"$TMP/$key.stdout" 2>"$TMP/$key.stderr" || rc=$?
        if ((rc != 0)); then
            {
                echo "$PROG: command failed (exit $rc): $*"
                tail -n 30 "$TMP/$key.stderr" | sed 's/^/    /'
            } >&2
            exit "$rc"
        fi
        read -r e m < <(tail -n 1 "$TMP/$key.time")
        times+="$e"$'\n'
        ((m > peak)) && peak=$m
        echo "$PROG:   $key run $i/$RUNS: $e s, $m KiB" >&2
    done
    MEDIAN_S=$(printf '%s' "$times" | sort -g | awk '{ t[NR] = $1 } END { print (NR % 2) ? t[(NR + 1) / 2] : (t[NR / 2] + t[NR / 2 + 1]) / 2 }')
    PEAK_KIB=$peak
}

# ---- report ----
# megabytes BYTES: BYTES / 10^6 (for printf %.1f).
megabytes() { awk -v b="$1" 'BEGIN { print b / 1e6 }'; }
# run_conditions: "N runs each, median time, peak RSS; N CPUs (model)" for the report header.
run_conditions() {
    local cpu
    cpu=$(awk -F': *' '/^model name/ { print $2; exit }' /proc/cpuinfo 2>/dev/null || true)
    printf '%d runs each, median time, peak RSS; %s CPUs %s' "$RUNS" "$(nproc)" "${cpu:+($cpu)}"
}

# build_stages: swift build -c release of every stage, quiet, with the flags annual-run.sh and
# install.sh use (so that none rebuilds the others'); sets BIN to the binaries' folder.
build_stages() {
    echo "$PROG: building the stages (swift build -c release --static-swift-stdlib)..." >&2
    swift build --package-path "$ROOT" -c release --static-swift-stdlib -q >"$TMP/build.log" 2>&1 || { build_failed "swift build FAILED"; exit 1; }
    BIN="$(swift build --package-path "$ROOT" -c release --static-swift-stdlib --show-bin-path)"
}
# build_c NAME [LIBS...]: Pipelines/bench/NAME.c compiled into .build/bench/NAME when missing or
# older than its source; prints the binary's path.
build_c() {
    local name=$1; shift
    local out="$ROOT/.build/bench/$name" src="$ROOT/Pipelines/bench/$name.c"
    if [[ ! -x "$out" || "$src" -nt "$out" ]]; then
        mkdir -p "$(dirname "$out")"
        cc -O2 -o "$out" "$src" "$@"
    fi
    echo "$out"
}
