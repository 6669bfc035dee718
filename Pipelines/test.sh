#!/usr/bin/env bash
# The whole test suite: unit tests of the library and end-to-end cases that run the built
# stage executables on the fixture folders under Tests/Cases. Works from any directory.
#
#   Pipelines/test.sh              debug build in .build
#   Pipelines/test.sh --sanitize   the same suite built with AddressSanitizer in .build-sanitize
#                                  (Swift on Linux has no UBSan: its own checks trap instead)
#
# A build failure fails the script (with the compiler's messages). The data-package case uses
# PyPI's frictionless as a test helper; it is installed here when missing.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
build=()
case "${1:-}" in
  "") ;;
  --sanitize) build=(--scratch-path .build-sanitize --sanitize address) ;;
  *) echo "usage: test.sh [--sanitize]" >&2; exit 64 ;;
esac
Pipelines/setup.sh
if ! python3 -c 'import frictionless' 2>/dev/null; then
  echo "test: installing the test helper frictionless (PyPI)" >&2
  python3 -m pip install -q --disable-pip-version-check --root-user-action=ignore frictionless >&2
fi
if ! log="$(swift build --build-tests "${build[@]}" 2>&1)"; then
  printf '%s\n' "$log" | grep -Ev '^\[[0-9]+/[0-9]+\]' >&2
  echo "test: the build failed" >&2
  exit 1
fi
printf '%s\n' "$log" | grep -E 'warning:' >&2 || true
swift test --skip-build "${build[@]}" 2>&1
