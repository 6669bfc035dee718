#!/usr/bin/env bash
# Regenerates the synthetic FY2005 input folder, Inputs/fy2005 (every file but published.csv,
# which is our transcription of the published charts), from the seeded generator
# (Sources/Synthesis). Same seed, same bytes. Works from any directory.
#
#   Pipelines/make-fy2005.sh [SEED]        # default seed 2005
#
# Then `Pipelines/annual-run.sh Inputs/fy2005 Outputs/fy2005` remakes the committed outputs.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
seed=${1:-2005}
"$root/Pipelines/setup.sh"
(cd "$root" && swift build -c release -q --product cluster-synthesize >&2)
bin=$(cd "$root" && swift build -c release --show-bin-path)
"$bin/cluster-synthesize" "$root/Inputs/fy2005" --seed "$seed"
