#!/usr/bin/env bash
# Regenerates the expected/ folders of the end-to-end cases (Tests/Cases) from what the built
# executables do now: all cases, or only the ones named. Works from any directory.
#
#   Pipelines/regen-cases.sh                      # every case
#   Pipelines/regen-cases.sh empty-file cp932     # only these
#
# SCRATCH_PATH=DIR uses that build folder instead of .build. Afterwards it prints
# `git status --short --untracked-files=all Tests/Cases`: read every changed expected file
# against the SPEC before committing it (a regenerated fixture is only as right as the binary
# that wrote it; cases whose README says "written by hand" hold what the SPEC requires).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
scratch=()
if [[ -n "${SCRATCH_PATH:-}" ]]; then scratch=(--scratch-path "$SCRATCH_PATH"); fi
for name in "$@"; do
    if [[ ! -f "Tests/Cases/$name/cmd" ]]; then
        echo "regen-cases: no case Tests/Cases/$name (a folder with a cmd file)" >&2
        exit 64
    fi
done
# The same flags as test.sh (so that neither rebuilds the other's build).
strict=(--explicit-target-dependency-import-check error -Xswiftc -warnings-as-errors)
if ! log="$(swift build --build-tests "${strict[@]}" "${scratch[@]}" 2>&1)"; then
    printf '%s\n' "$log" | grep -Ev '^\[[0-9]+/[0-9]+\]' >&2
    echo "regen-cases: the build failed; nothing regenerated" >&2
    exit 1
fi
status=0
UPDATE_CASES=1 E2E_CASES="$*" swift test --skip-build "${scratch[@]}" --filter EndToEnd || status=$?
echo
git status --short --untracked-files=all Tests/Cases
exit "$status"
