#!/usr/bin/env bash
# The whole test suite under sanitizers, through the same service harness as `make test`:
#   1. AddressSanitizer, built in .build-asan (Swift 6.3 on Linux refuses `-sanitize=undefined`:
#      "unsupported option '-sanitize=undefined' for target 'x86_64-unknown-linux-gnu'"; the
#      project compiles no C of its own that UBSan could instrument, and Swift itself traps on
#      overflow and out-of-bounds access);
#   2. ThreadSanitizer, built in .build-tsan.
# Each pass is `scripts/test.sh` (packages, python-escpos venv, pcscd + vpcd, private cupsd,
# always stopped) with the sanitizer and its own build path, so the normal .build stays intact.
# The tests that run `bhal` run the sanitized binary next to the test bundle.
#
# Usage: scripts/test-sanitize.sh [address|thread] [swift test arguments...]
#   e.g. scripts/test-sanitize.sh address --filter ZVT
# Needs root, like scripts/test.sh. Exits non-zero when a pass fails or a sanitizer reports.
set -euo pipefail

SCRIPT_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
passes=(address thread)
case "${1:-}" in
  address|thread) passes=("$1"); shift ;;
esac

# A sanitizer report fails the test process. ASan stops at its first report; TSan
# reports every race and exits 66 at the end. Leak checking is off unless ASAN_OPTIONS asks for
# it (detect_leaks=1): with it on, LeakSanitizer fails the run on 144 bytes that XCTest's own
# runner (libXCTest.so, run before the Swift Testing tests) never frees.
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=0:abort_on_error=0}
export TSAN_OPTIONS=${TSAN_OPTIONS:-halt_on_error=0:exitcode=66}

status=0
for pass in "${passes[@]}"; do
  case "$pass" in
    address) args=(--sanitize=address --build-path "${BHAL_ASAN_BUILD_PATH:-.build-asan}") ;;
    thread) args=(--sanitize=thread --build-path "${BHAL_TSAN_BUILD_PATH:-.build-tsan}") ;;
  esac
  echo "test-sanitize.sh: $pass pass: scripts/test.sh ${args[*]} $*"
  if "$SCRIPT_DIR/test.sh" "${args[@]}" "$@"; then
    echo "test-sanitize.sh: $pass pass clean"
  else
    rc=$?
    echo "test-sanitize.sh: $pass pass FAILED (exit $rc)" >&2
    status=1
  fi
done
exit "$status"
