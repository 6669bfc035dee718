#!/usr/bin/env bash
# Installs what the package needs from Debian (libcsv-dev, libgsl-dev, pkg-config) when missing.
# Quiet when everything is there already. Needs root (or sudo) the first time.
set -euo pipefail
missing=()
[ -e /usr/include/csv.h ] || missing+=(libcsv-dev)
[ -e /usr/include/gsl/gsl_cdf.h ] || missing+=(libgsl-dev)
command -v pkg-config >/dev/null 2>&1 || missing+=(pkg-config)
if [ ${#missing[@]} -gt 0 ]; then
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  echo "setup: installing ${missing[*]}" >&2
  $sudo apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >&2
fi
