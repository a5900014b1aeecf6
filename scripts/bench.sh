#!/usr/bin/env bash
# `make bench`: APDU round trips per second through BuergerHAL against a C loop on libpcsclite,
# on the same reader and card (our simulated card behind Debian's vpcd driver), in the same run.
# Also reports the rate of Debian's vicc card for comparison. Prints figures and ratios; targets:
# BuergerHAL overhead under 5 % of the C loop, our virtual card at least 3000 APDUs/s.
set -euo pipefail

SCRIPT_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO_ROOT=$(cd "$SCRIPT_DIR/.." && pwd)
export BHAL_RUN_DIR=${BHAL_RUN_DIR:-/tmp/bhal-bench}
COUNT=${BENCH_COUNT:-5000}
ROUNDS=${BENCH_ROUNDS:-3}
cd "$REPO_ROOT"

"$SCRIPT_DIR/install-deps.sh"
swift build -c release --product bhal
BHAL="$(swift build -c release --show-bin-path)/bhal"
mkdir -p .build
gcc -O2 -o .build/pcsc_loop bench/pcsc_loop.c $(pkg-config --cflags --libs libpcsclite)

cleanup() {
  local rc=$?
  trap - EXIT
  if [[ -n ${SIM_PID:-} ]]; then
    kill "$SIM_PID" 2>/dev/null || true
    wait "$SIM_PID" 2>/dev/null || true
  fi
  "$SCRIPT_DIR/services.sh" stop >/dev/null || true
  exit "$rc"
}
trap cleanup EXIT
"$SCRIPT_DIR/services.sh" start >/dev/null
# shellcheck source=/dev/null
source "$BHAL_RUN_DIR/env"

"$BHAL" simulate card --vpcd "127.0.0.1:$BHAL_TEST_VPCD_EMPTY_PORT" >/dev/null 2>&1 &
SIM_PID=$!
for _ in $(seq 100); do
  "$BHAL" card readers --json 2>/dev/null | grep -q '3B8A80014255455247455248414C5B' && break
  sleep 0.1
done

rate() { sed -n 's/.*rate=\([0-9.]*\).*/\1/p'; }
reader=$BHAL_TEST_PCSC_EMPTY_READER
echo "APDU round trips (SELECT MF) on '$reader' (BuergerHAL's simulated card behind vpcd), $COUNT per run, $ROUNDS rounds"
max() { awk -v a="$1" -v b="$2" 'BEGIN { print (a > b ? a : b) }'; }
c_best=0
call_best=0
iso_best=0
for round in $(seq "$ROUNDS"); do
  c=$(.build/pcsc_loop "$reader" "$COUNT" | rate)
  s=$("$BHAL" bench card --reader "$reader" --count "$COUNT" | rate)
  i=$("$BHAL" bench card --reader "$reader" --count "$COUNT" --isolated | rate)
  printf '  round %d: C loop %9.1f/s   BuergerHAL per call %9.1f/s   card transaction %9.1f/s\n' "$round" "$c" "$s" "$i"
  c_best=$(max "$c" "$c_best")
  call_best=$(max "$s" "$call_best")
  iso_best=$(max "$i" "$iso_best")
done
awk -v c="$c_best" -v s="$call_best" -v i="$iso_best" 'BEGIN {
  printf "best of rounds: C loop %.1f/s\n", c
  printf "  BuergerHAL, one await per APDU (thread hop each): %.1f/s, ratio %.3f, overhead %.1f %% (target < 10 %%)\n", s, s / c, (c / s - 1) * 100
  printf "  BuergerHAL, APDUs in one card transaction:        %.1f/s, ratio %.3f, overhead %.1f %% (target < 5 %%)\n", i, i / c, (c / i - 1) * 100
  printf "virtual card behind vpcd: %.1f APDUs/s (target >= 3000/s)\n", c
}'

vicc=$(.build/pcsc_loop "$BHAL_TEST_PCSC_READER" 40 | rate)
printf "Debian's vicc behind vpcd (same C loop, 40 APDUs): %.1f APDUs/s; our card serves %.0fx that\n" "$vicc" \
  "$(awk -v a="$c_best" -v b="$vicc" 'BEGIN { print a / b }')"
"$SCRIPT_DIR/bench-zvt.sh"
"$SCRIPT_DIR/bench-receipt.sh"
