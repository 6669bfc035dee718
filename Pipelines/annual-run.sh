#!/usr/bin/env bash
# The annual run's quick start: Pipelines/annual-run.sh [-q] INPUT_DIR OUTPUT_DIR
#
# Runs cluster-annual-run (the Swift command; `--help` tells all) with these arguments. The
# stages it starts: CLUSTER_BIN=DIR when set (the test suite's builds; nothing is built);
# else, in this checkout, .build/release, built once and again when a source is newer (one
# line of output; the compiler's only when the build fails), after setup.sh installed the C
# libraries when missing. Works from any directory.
set -euo pipefail
if [ -n "${CLUSTER_BIN:-}" ]; then exec "$CLUSTER_BIN/cluster-annual-run" "$@"; fi
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
"$root/Pipelines/setup.sh"
bin="$root/.build/release"
# The release build install.sh also makes (the same flags, so neither rebuilds the other's).
if [ ! -x "$bin/cluster-annual-run" ] \
  || [ -n "$(find "$root/Sources" "$root/Package.swift" -newer "$bin/cluster-annual-run" -print -quit)" ]; then
  echo "annual-run.sh: building the stages (swift build -c release --static-swift-stdlib; a few minutes, once)" >&2
  log=$(mktemp)
  if ! (cd "$root" && swift build -c release --static-swift-stdlib >"$log" 2>&1); then
    grep -Ev '^\[[0-9]+/[0-9]+\]' "$log" >&2
    rm -f "$log"
    echo "annual-run.sh: the build failed" >&2
    exit 70
  fi
  rm -f "$log"
fi
exec "$bin/cluster-annual-run" "$@"
