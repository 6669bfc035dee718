#!/usr/bin/env bash
# The whole test suite: unit tests of the library and end-to-end cases that run the built
# stage executables on the fixture folders under Tests/Cases. Works from any directory.
#
#   Pipelines/test.sh              debug build in .build
#   Pipelines/test.sh --sanitize   the same suite built with AddressSanitizer in .build-sanitize
#                                  (Swift on Linux has no UBSan: its own checks trap instead)
#
# A build failure fails the script (with the compiler's messages). The data-package case uses
# PyPI's frictionless, the tables.xlsx case openpyxl, the disclosure cases scipy, as test helpers; they are installed here
# when missing.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
build=()
case "${1:-}" in
  "") ;;
  --sanitize)  # the cases' annual runs take about three times as long
    build=(--scratch-path .build-sanitize --sanitize address)
    export CASE_TIMEOUT=${CASE_TIMEOUT:-1800}
    # Leak reports at exit come from Foundation's and XCTest's own allocations in the test
    # runner; address errors (overflows, use after free) stay fatal in every process.
    export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=0} ;;
  *) echo "usage: test.sh [--sanitize]" >&2; exit 64 ;;
esac
Pipelines/setup.sh
for helper in frictionless openpyxl scipy; do
  if ! python3 -c "import $helper" 2>/dev/null; then
    echo "test: installing the test helper $helper (PyPI)" >&2
    python3 -m pip install -q --disable-pip-version-check --root-user-action=ignore "$helper" >&2
  fi
done
# The layers are the compiler's to enforce: an import of a target not declared as a dependency
# is an error, and so is every warning.
strict=(--explicit-target-dependency-import-check error -Xswiftc -warnings-as-errors)
if ! log="$(swift build --build-tests "${strict[@]}" "${build[@]}" 2>&1)"; then
  printf '%s\n' "$log" | grep -Ev '^\[[0-9]+/[0-9]+\]' >&2
  echo "test: the build failed" >&2
  exit 1
fi
printf '%s\n' "$log" | grep -E 'warning:' >&2 || true
# What passed is counted, not listed: the lines saying a test (or one argument of a
# parameterised test, a case folder) started or passed are left out (VERBOSE=1 keeps them);
# failures, their expectations and the totals are shown.
if [ "${VERBOSE:-0}" = 1 ]; then
  swift test --skip-build "${build[@]}" 2>&1
else
  set +e
  swift test --skip-build "${build[@]}" 2>&1 |
    awk '/^◇ (Test|Suite) .* started\.$/ { next } /^✔ (Test|Suite) .* passed after / && !/^✔ Test run with / { next } { print; fflush() }'
  status=("${PIPESTATUS[@]}")
  set -e
  exit "${status[0]}"
fi
