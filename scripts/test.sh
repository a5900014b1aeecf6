#!/usr/bin/env bash
# The project's test command: installs missing Debian packages, prepares the
# python-escpos venv (cached), starts the harness services (pcscd + virtual card,
# private CUPS + byte sink), runs `swift test` with the harness environment, and
# always stops the services.
#
# Usage: scripts/test.sh [swift test arguments...]
#   e.g. scripts/test.sh --filter PCSCTests
# Needs root (pcscd and its fixed socket /run/pcscd/pcscd.comm).
set -euo pipefail

SCRIPT_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO_ROOT=$(cd "$SCRIPT_DIR/.." && pwd)
RUN_DIR=${BHAL_RUN_DIR:-/tmp/bhal-services}
export BHAL_RUN_DIR=$RUN_DIR

"$SCRIPT_DIR/install-deps.sh"

# python-escpos from PyPI for PythonEscposLiveTests, in a venv kept between runs (reused while it
# has the pinned version). Without it those tests fail under the harness, saying why.
CACHE_DIR=${BHAL_CACHE_DIR:-/var/cache/buergerhal}
if ESCPOS_PYTHON=$("$SCRIPT_DIR/escpos-venv.sh" "$CACHE_DIR/venv-escpos"); then
  export BHAL_TEST_PYTHON_ESCPOS=$ESCPOS_PYTHON
else
  echo "test.sh: could not prepare the python-escpos venv in $CACHE_DIR/venv-escpos (is PyPI reachable?); the python-escpos tests will fail" >&2
fi

# Stop the services however we leave (success, test failure, Ctrl-C), keeping
# the exit status of what ran before. Set before `start`, so a half-finished
# start is cleaned up too.
cleanup() {
  local rc=$?
  trap - EXIT INT TERM
  "$SCRIPT_DIR/services.sh" stop || true
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

"$SCRIPT_DIR/services.sh" start

# shellcheck source=/dev/null # written by services.sh start
source "$RUN_DIR/env"

cd "$REPO_ROOT"
# Everything the suite writes to temporary files (journals, spools, logs of background `bhal`
# runs, rendered receipts) and what each `bhal` run printed go to one directory, so the secrets
# sweep below can read it.
SUITE_TMP="$RUN_DIR/suite-tmp"
rm -rf "$SUITE_TMP"
mkdir -p "$SUITE_TMP"
TMPDIR="$SUITE_TMP" BHAL_TEST_TRANSCRIPTS="$SUITE_TMP/transcripts" swift test "$@"

# After a whole run (no arguments), the secrets sweep scans what the suite and the services left
# behind, and the fixtures: no full card number, track data, labelled PIN/password or MRZ line.
if [ "$#" -eq 0 ]; then
  BHAL_SWEEP_DIRS="$RUN_DIR:$REPO_ROOT/Fixtures" swift test --skip-build --filter SuiteOutputSweepTests
fi
