#!/usr/bin/env bash
# Checks an installation made by install.sh: Pipelines/check-install.sh PREFIX
# (.ci/run runs it on a fresh clone after the test suite). Prints one line per check and exits
# 1 when one fails:
# - every command (`cluster-annual-run --commands`) answers --version with a PATH that holds
#   no Swift, and links no libswift;
# - man -M PREFIX/share/man shows each command's page;
# - the installed bash completion completes a file for --conf, KIND's values, and a folder for
#   cluster-annual-run's INPUT_DIR;
# - cluster-annual-run --help and -q work, and from PREFIX/bin alone it reproduces the
#   shipped FY2005 result.
set -uo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
[ $# -eq 1 ] || { echo "usage: check-install.sh PREFIX" >&2; exit 64; }
prefix="$(cd "$1" && pwd)" || exit 66
failures=0
check() {  # check WHAT COMMAND...: runs COMMAND, prints ok/FAILED
  local what=$1; shift
  if "$@" >/dev/null 2>&1; then echo "check-install: ok: $what"; else echo "check-install: FAILED: $what" >&2; failures=$((failures + 1)); fi
}
noswift=/usr/bin:/bin
mapfile -t commands < <(env -i PATH=$noswift "$prefix/bin/cluster-annual-run" --commands)
check "cluster-annual-run --commands lists the commands (${#commands[@]})" test "${#commands[@]}" -ge 11
for stage in "${commands[@]}"; do
  check "$stage --version without Swift on PATH: $(env -i PATH=$noswift "$prefix/bin/$stage" --version 2>&1)" \
    env -i PATH=$noswift "$prefix/bin/$stage" --version
  check "$stage links no libswift and finds its libraries" \
    bash -c "! ldd '$prefix/bin/$stage' | grep -E 'libswift|not found'"
  check "man -M $prefix/share/man $stage" \
    bash -c "MANPAGER=cat MANWIDTH=80 man -M '$prefix/share/man' $stage 2>/dev/null | grep -q 'EXIT STATUS'"
done
completes() {  # completes STAGE EXPECTED WORD...: bash completion of the last word offers EXPECTED
  local stage=$1 expected=$2; shift 2
  bash -c '
    source "$1"; stage=$2; expected=$3; shift 3
    COMP_WORDS=("$stage" "$@"); COMP_CWORD=$(( ${#COMP_WORDS[@]} - 1 ))
    COMP_LINE="${COMP_WORDS[*]}"; COMP_POINT=${#COMP_LINE}; COMPREPLY=()
    "_$stage" "$stage" "${COMP_WORDS[$COMP_CWORD]}" "${COMP_WORDS[$((COMP_CWORD - 1))]}"
    printf "%s\n" "${COMPREPLY[@]}" | grep -qx -- "$expected"' \
    _ "$prefix/share/bash-completion/completions/$stage" "$stage" "$expected" "$@"
}
cd "$root"
check "bash: cluster-panel --conf Inputs/fy2005/ru<TAB> completes the file" \
  completes cluster-panel Inputs/fy2005/run.conf --conf Inputs/fy2005/ru
check "bash: cluster-ingest st<TAB> offers statements" completes cluster-ingest statements st
check "bash: cluster-annual-run Inp<TAB> offers the folder Inputs" completes cluster-annual-run Inputs Inp
check "cluster-annual-run --help without Swift on PATH shows its usage and examples" \
  bash -c "env -i PATH=$noswift '$prefix/bin/cluster-annual-run' --help | grep -q 'USAGE: cluster-annual-run \[--quiet\] <INPUT_DIR> <OUTPUT_DIR>' \
    && env -i PATH=$noswift '$prefix/bin/cluster-annual-run' --help | grep -q '^Examples'"
out=$(mktemp -d)
check "cluster-annual-run Inputs/fy2005 from PREFIX/bin alone reproduces Outputs/fy2005" \
  bash -c "env -i PATH='$prefix/bin:$noswift' HOME=/tmp cluster-annual-run Inputs/fy2005 '$out/fy2005' 2>/dev/null \
    && diff -r -x datapackage.json Outputs/fy2005 '$out/fy2005' >/dev/null"
check "cluster-annual-run -q prints nothing and exits 0; a second run into the folder replaces it" \
  bash -c "env -i PATH='$noswift' HOME=/tmp '$prefix/bin/cluster-annual-run' -q Inputs/fy2005 '$out/fy2005' 2>'$out/quiet.err' \
    && [ ! -s '$out/quiet.err' ] && diff -r -x datapackage.json Outputs/fy2005 '$out/fy2005' >/dev/null"
rm -rf "$out"
[ $failures -eq 0 ] || { echo "check-install: $failures checks failed" >&2; exit 1; }
echo "check-install: all checks passed"
