#!/usr/bin/env bash
# Installs ClusterMonitor: Pipelines/install.sh [PREFIX]   (PREFIX defaults to /usr/local)
#
#   PREFIX/bin/cluster-*                the commands (the stages and cluster-annual-run, which
#                                       starts the stages beside it), release builds with the
#                                       Swift standard library linked in (they run where no
#                                       Swift is installed); `cluster-annual-run --commands`
#                                       lists them (Package.swift's one list)
#   PREFIX/share/man/man1/*.1           a manual page per command (argument-parser's
#                                       generate-manual): man -M PREFIX/share/man cluster-panel
#   PREFIX/share/bash-completion/completions/, PREFIX/share/zsh/site-functions/,
#   PREFIX/share/fish/vendor_completions.d/
#                                       completions (files complete as files, KIND's values)
#   PREFIX/share/doc/cluster-monitor/   the contract (Contract.md), README.md, LICENSE
#
# The stages need libcsv3, libgsl27, libxlsxwriter4 and libglpk40 at run time (Debian packages; setup.sh
# installs their -dev packages, which bring them). Builds in .build (release); prints one line per step.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
[ $# -le 1 ] || { echo "usage: install.sh [PREFIX]" >&2; exit 64; }
prefix=${1:-/usr/local}
mkdir -p "$prefix" || { echo "install: $prefix: cannot create the folder" >&2; exit 74; }
prefix="$(cd "$prefix" && pwd)"
cd "$root"
"$root/Pipelines/setup.sh"
log=$(mktemp)
trap 'rm -f "$log"' EXIT
quietly() {  # runs a build step, showing its output only when it fails
  if ! "$@" >"$log" 2>&1; then
    grep -Ev '^\[[0-9]+/[0-9]+\]' "$log" >&2
    echo "install: failed: $*" >&2
    exit 1
  fi
}

echo "install: release build (swift build -c release --static-swift-stdlib)" >&2
quietly swift build -c release --static-swift-stdlib
# The manual pages: the generate-manual tool of argument-parser's plugin of that name, run on
# the stages just built (the plugin would build the whole package again, without the static
# standard library, and the next build would undo that).
echo "install: manual pages (argument-parser's generate-manual)" >&2
quietly swift build -c release --static-swift-stdlib --product generate-manual
date=$(git -C "$root" log -1 --format=%cs 2>/dev/null || date -u +%F)
manuals=$(mktemp -d)
trap 'rm -f "$log"; rm -rf "$manuals"' EXIT
bin="$root/.build/release"
mapfile -t commands < <("$bin/cluster-annual-run" --commands)

mkdir -p "$prefix/bin" "$prefix/share/man/man1" "$prefix/share/doc/cluster-monitor" \
  "$prefix/share/bash-completion/completions" "$prefix/share/zsh/site-functions" \
  "$prefix/share/fish/vendor_completions.d"
for stage in "${commands[@]}"; do
  install -m 755 -s "$bin/$stage" "$prefix/bin/$stage"
  # argument-parser gives every command a `help` subcommand in its manual and completions;
  # the stages (cluster-publish aside) have no subcommands, so it is left out.
  subcommands=0; [ "$stage" = cluster-publish ] && subcommands=1
  quietly "$bin/generate-manual" "$bin/$stage" --date "$date" --authors ClusterMonitor -o "$manuals"
  awk -v subcommands=$subcommands -f "$root/Pipelines/manpage.awk" "$manuals/$stage.1" \
    >"$prefix/share/man/man1/$stage.1"
  "$root/Pipelines/completion.sh" "$bin/$stage" bash >"$prefix/share/bash-completion/completions/$stage"
  "$root/Pipelines/completion.sh" "$bin/$stage" zsh >"$prefix/share/zsh/site-functions/_$stage"
  "$root/Pipelines/completion.sh" "$bin/$stage" fish >"$prefix/share/fish/vendor_completions.d/$stage.fish"
done
install -m 644 "$root/Sources/Stages/Stages.docc/Contract.md" "$root/README.md" "$root/LICENSE" \
  "$prefix/share/doc/cluster-monitor/"
echo "install: installed $("$prefix/bin/cluster-ingest" --version) in $prefix" >&2
