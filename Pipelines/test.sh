#!/usr/bin/env bash
# The whole test suite: unit tests of the library and end-to-end cases that run the built
# stage executables on the fixture folders under Tests/Cases. Works from any directory.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
Pipelines/setup.sh
swift build --build-tests 2>&1 | grep -Ev '^\[[0-9]+/[0-9]+\]' || true
swift test --skip-build 2>&1
