#!/usr/bin/env bash
# Installs what the package needs from Debian (libcsv-dev, libgsl-dev, libxlsxwriter-dev, libglpk-dev,
# libminizip-dev, pkg-config) when missing.
# Quiet when everything is there already; else one line, and apt's output only when it fails.
# Needs root (or sudo) the first time.
set -euo pipefail
missing=()
[ -e /usr/include/csv.h ] || missing+=(libcsv-dev)
[ -e /usr/include/gsl/gsl_cdf.h ] || missing+=(libgsl-dev)
[ -e /usr/include/xlsxwriter.h ] || missing+=(libxlsxwriter-dev)
[ -e /usr/include/glpk.h ] || missing+=(libglpk-dev)
[ -e /usr/include/minizip/unzip.h ] || missing+=(libminizip-dev)
command -v pkg-config >/dev/null 2>&1 || missing+=(pkg-config)
if [ ${#missing[@]} -gt 0 ]; then
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  echo "setup: installing ${missing[*]} (apt-get${sudo:+ through sudo})" >&2
  log=$(mktemp)
  if ! { $sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}"; } >"$log" 2>&1; then
    cat "$log" >&2
    rm -f "$log"
    echo "setup: apt-get failed; install ${missing[*]} yourself" >&2
    exit 70
  fi
  rm -f "$log"
fi
