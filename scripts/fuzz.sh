#!/usr/bin/env bash
# Coverage-guided fuzzing of every parser of outside data (libFuzzer + AddressSanitizer).
#
# Builds the targets of Fuzz/Package.swift in .build-fuzz (release, -sanitize=fuzzer,address;
# the normal .build stays untouched), then runs each for FUZZ_SECONDS, starting from its seeds
# in Fixtures/fuzz/<target>/ and the crash inputs kept in Fixtures/fuzz/regressions/<target>/.
# Prints per target: executions, coverage (libFuzzer's cov: edges and ft: features), corpus size
# and whether it crashed. Exits 1 when any target crashed, leaked, timed out or ran out of memory;
# the input is kept in .build-fuzz/artifacts/ and the way to minimise it is printed.
#
# Usage: scripts/fuzz.sh [TARGET...]          (default: every target; `make fuzz`, `make fuzz-ci`)
# Environment:
#   FUZZ_SECONDS     seconds per target (default 600)
#   FUZZ_JOBS        targets run at once (default 1; `make fuzz-ci` uses 2 on the 2-core machine)
#   FUZZ_MAX_LEN     largest input libFuzzer makes (default 4096 bytes)
#   FUZZ_BUILD_PATH  build directory (default .build-fuzz); the growing corpora live in it too
#   FUZZ_SKIP_BUILD  set to 1 to run what was built last
set -euo pipefail

SCRIPT_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO_ROOT=$(cd "$SCRIPT_DIR/.." && pwd)
cd "$REPO_ROOT"
# libFuzzer prints the stack of a crash itself; the Swift runtime's backtracer would read memory
# behind ASan's back and add a second, spurious ASan report.
export SWIFT_BACKTRACE=${SWIFT_BACKTRACE:-enable=no}

SECONDS_PER_TARGET=${FUZZ_SECONDS:-600}
JOBS=${FUZZ_JOBS:-1}
MAX_LEN=${FUZZ_MAX_LEN:-4096}
BUILD_PATH=${FUZZ_BUILD_PATH:-.build-fuzz}
SEEDS=Fixtures/fuzz
ALL_TARGETS=(FuzzZVTAPDUStream FuzzZVTMessage FuzzZVTBMP FuzzZVTTLV FuzzZVTSerial FuzzESCPOS FuzzStarLine
             FuzzPrinterStatus FuzzReceiptJSON FuzzISO7816APDU FuzzBERTLV FuzzVPCDCard FuzzPCSCFeatureList
             FuzzSTUReport FuzzConfiguration)
if [ $# -gt 0 ]; then TARGETS=("$@"); else TARGETS=("${ALL_TARGETS[@]}"); fi

if [ "${FUZZ_SKIP_BUILD:-0}" != 1 ]; then
  echo "fuzz.sh: building ${#TARGETS[@]} targets in $BUILD_PATH (release, -sanitize=fuzzer,address)"
  build_start=$(date +%s)
  swift build --package-path Fuzz --build-path "$BUILD_PATH" -c release --sanitize=fuzzer --sanitize=address
  echo "fuzz.sh: build took $(( $(date +%s) - build_start )) s"
fi
BIN_DIR=$(swift build --package-path Fuzz --build-path "$BUILD_PATH" -c release --show-bin-path)
RUN_DIR=$BUILD_PATH/runs
ARTIFACTS=$BUILD_PATH/artifacts
mkdir -p "$RUN_DIR" "$ARTIFACTS"

# run_target NAME: fuzzes one target; its log is $RUN_DIR/NAME.log, its status $RUN_DIR/NAME.rc.
run_target() {
  local name=$1 corpus=$BUILD_PATH/corpus/$1 log=$RUN_DIR/$1.log
  local dirs=("$corpus" "$SEEDS/$name")
  mkdir -p "$corpus"
  [ -d "$SEEDS/regressions/$name" ] && dirs+=("$SEEDS/regressions/$name")
  rm -f "$ARTIFACTS/$name-"*
  local rc=0
  # New inputs go into the first directory (the growing corpus, never committed); the committed
  # seeds and regressions are read and run first.
  "$BIN_DIR/$name" -max_total_time="$SECONDS_PER_TARGET" -max_len="$MAX_LEN" -timeout=25 -rss_limit_mb=2048 \
    -print_final_stats=1 -artifact_prefix="$ARTIFACTS/$name-" "${dirs[@]}" > "$log" 2>&1 || rc=$?
  echo "$rc" > "$RUN_DIR/$name.rc"
  echo "fuzz.sh: $name finished (exit $rc)"
}

echo "fuzz.sh: ${#TARGETS[@]} targets, $SECONDS_PER_TARGET s each, $JOBS at a time"
running=0
for name in "${TARGETS[@]}"; do
  [ -x "$BIN_DIR/$name" ] || { echo "fuzz.sh: no target $name in $BIN_DIR (targets: ${ALL_TARGETS[*]})" >&2; exit 2; }
  run_target "$name" &
  running=$((running + 1))
  if [ "$running" -ge "$JOBS" ]; then wait -n || true; running=$((running - 1)); fi
done
wait

failed=0
printf '\n%-22s %14s %8s %8s %8s  %s\n' target executions cov ft corpus result
for name in "${TARGETS[@]}"; do
  log=$RUN_DIR/$name.log
  rc=$(cat "$RUN_DIR/$name.rc" 2>/dev/null || echo 1)
  execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
  # The last status line (`#N ... cov: E ft: F corp: C/...`) has the final coverage.
  status=$(grep -E ' cov: [0-9]+ ft: [0-9]+' "$log" | tail -1 || true)
  cov=$(sed -nE 's/.* cov: ([0-9]+).*/\1/p' <<< "$status")
  ft=$(sed -nE 's/.* ft: ([0-9]+).*/\1/p' <<< "$status")
  corp=$(sed -nE 's/.* corp: ([0-9]+).*/\1/p' <<< "$status")
  result="no crash"
  # A binary whose Swift code lost its coverage instrumentation fuzzes blind: count it as failed.
  if grep -q 'Is the code instrumented for coverage' "$log"; then
    failed=1
    result="FAILED (no coverage instrumentation: rebuild with rm -rf $BUILD_PATH/*/release)"
  fi
  artifact=$(ls "$ARTIFACTS/$name-"* 2>/dev/null | head -1 || true)
  if [ "$rc" != 0 ] || [ -n "$artifact" ]; then
    failed=1
    kind=$(grep -oE 'ERROR: libFuzzer: [a-z-]+|ERROR: AddressSanitizer: [a-z-]+|Fatal error: [^:]*' "$log" | head -1 || true)
    result="FAILED (exit $rc${kind:+: $kind})"
  fi
  printf '%-22s %14s %8s %8s %8s  %s\n' "$name" "${execs:-?}" "${cov:-?}" "${ft:-?}" "${corp:-?}" "$result"
done

if [ "$failed" != 0 ]; then
  echo
  for name in "${TARGETS[@]}"; do
    for artifact in "$ARTIFACTS/$name-"*; do
      [ -e "$artifact" ] || continue
      echo "fuzz.sh: $name: input kept in $artifact (log: $RUN_DIR/$name.log). Minimise it, then commit it:"
      echo "  $BIN_DIR/$name -minimize_crash=1 -runs=200000 -exact_artifact_path=$ARTIFACTS/$name.min $artifact"
      echo "  mkdir -p $SEEDS/regressions/$name && cp $ARTIFACTS/$name.min $SEEDS/regressions/$name/<what-it-broke>"
      echo "  and add a Swift Testing regression test that feeds it to the parser (see Tests/*/FuzzRegressionTests.swift)."
    done
  done
  exit 1
fi
echo "fuzz.sh: no target crashed"
