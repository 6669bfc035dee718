#!/usr/bin/env bash
# Prints a stage's completion script: completion.sh STAGE_EXECUTABLE bash|zsh|fish
#
# argument-parser's own (--generate-completion-script), less the `help` subcommand it offers
# for every command: only cluster-publish has subcommands; the others would complete a `help`
# that they would take for a file name. Used by install.sh and the completion test case.
set -euo pipefail
[ $# -eq 2 ] || { echo "usage: completion.sh STAGE_EXECUTABLE bash|zsh|fish" >&2; exit 64; }
stage=$1
shell=$2
case "$shell" in bash|zsh|fish) ;; *) echo "completion: unknown shell $shell" >&2; exit 64 ;; esac
script=$("$stage" --generate-completion-script "$shell")
if [ "$(basename "$stage")" = cluster-publish ]; then
  printf '%s\n' "$script"
else
  printf '%s\n' "$script" | sed \
    -e "/COMPREPLY+=(\$(compgen -W 'help' -- \"\${cur}\"))/d" \
    -e "/'help:Show subcommand help information.'/d" \
    -e "/-fa 'help' -d 'Show subcommand help information.'/d"
fi
