#!/usr/bin/env bash
# Makes the release tarball: Pipelines/package.sh [OUTDIR]   (OUTDIR defaults to .build)
#
# OUTDIR/cluster-monitor-VERSION-linux-ARCH.tar.gz holds one folder, an installation made by
# install.sh (bin/, share/man, share/doc, completions) that runs where it is unpacked, on a
# Debian machine without Swift: the Swift standard library is linked into the stages, which
# need only libc, libstdc++ and the Debian packages libcsv3, libgsl27, libxlsxwriter4 and libglpk40:
#
#   sudo apt-get install libcsv3 libgsl27 libxlsxwriter4 libglpk40
#   tar -xzf cluster-monitor-2.0.0-linux-x86_64.tar.gz -C /opt
#   export PATH=/opt/cluster-monitor-2.0.0-linux-x86_64/bin:$PATH
#   man -M /opt/cluster-monitor-2.0.0-linux-x86_64/share/man cluster-panel
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
[ $# -le 1 ] || { echo "usage: package.sh [OUTDIR]" >&2; exit 64; }
outdir=${1:-$root/.build}
mkdir -p "$outdir" && outdir="$(cd "$outdir" && pwd)"
version=$(sed -n 's/.*public static let number = "\(.*\)"/\1/p' "$root/Sources/Formats/DataPackage.swift")
name="cluster-monitor-$version-linux-$(uname -m)"
staging=$(mktemp -d)
trap 'rm -rf "$staging"' EXIT
"$root/Pipelines/install.sh" "$staging/$name"
cat >"$staging/$name/INSTALL" <<TEXT
ClusterMonitor $version: the stages of the annual monitoring survey pipeline.

Needs, on Debian: sudo apt-get install libcsv3 libgsl27 libxlsxwriter4 libglpk40   (no Swift)
Use from here, or move the folder anywhere:
  export PATH=\$PWD/bin:\$PATH
  cluster-annual-run INPUT_DIR OUTPUT_DIR
  man -M \$PWD/share/man cluster-ingest
Completions: share/bash-completion, share/zsh, share/fish. The contract (inputs, outputs,
run.conf keys, methods, exit codes): share/doc/cluster-monitor/Contract.md.
TEXT
tar -C "$staging" -czf "$outdir/$name.tar.gz" "$name"
echo "package: wrote $outdir/$name.tar.gz ($(du -h "$outdir/$name.tar.gz" | cut -f1))" >&2
