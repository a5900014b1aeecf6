#!/usr/bin/env bash
# ZVT payment benchmark (issue 5, item 8): codec throughput of Status Information 04 0F and Print Text
# Block 06 D3, and a whole simulated authorization over loopback TCP against ZVTTerminalSimulator with
# scripted delays, against a raw socket loop sending the same bytes (no codec, no session) in the
# same run. Prints `bhal bench zvt`'s parseable lines, then a table.
# Environment: ZVT_BENCH_ITERATIONS (codec operations, default 20000), ZVT_BENCH_AUTHORIZATIONS
# (per variant, default 30), ZVT_BENCH_DELAY_MS (simulator pause per message, default 5).
set -euo pipefail

SCRIPT_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO_ROOT=$(cd "$SCRIPT_DIR/.." && pwd)
cd "$REPO_ROOT"

swift build -c release --product bhal
BHAL="$(swift build -c release --show-bin-path)/bhal"

out=$("$BHAL" bench zvt --iterations "${ZVT_BENCH_ITERATIONS:-20000}" \
  --authorizations "${ZVT_BENCH_AUTHORIZATIONS:-30}" --delay-ms "${ZVT_BENCH_DELAY_MS:-5}")
echo "$out"

# field NAME KEY: the value of KEY= on the line starting with NAME.
field() { awk -v name="$1" -v key="$2" '$1 == name { for (i = 2; i <= NF; i++) { split($i, kv, "="); if (kv[1] == key) print kv[2] } }' <<<"$out"; }

echo
echo "ZVT codec (release build)"
printf '  %-28s %14s %10s %8s\n' message msgs/s MB/s bytes
for name in zvt-decode-status-info zvt-encode-status-info zvt-decode-print-text-block zvt-encode-print-text-block zvt-stream-split; do
  printf '  %-28s %14.0f %10.2f %8s\n' "$name" "$(field "$name" msgs_per_s)" "$(field "$name" mb_per_s)" "$(field "$name" bytes_per_msg)"
done
echo
echo "Simulated authorization over loopback TCP (median ms per authorization)"
printf '  %-26s %10s %12s %12s %10s\n' variant ms scripted_ms overhead_ms overhead_%
for name in zvt-authorization zvt-raw-roundtrip zvt-authorization-nodelay zvt-raw-roundtrip-nodelay; do
  printf '  %-26s %10.2f %12.1f %12.2f %10s\n' "$name" "$(field "$name" ms)" "$(field "$name" scripted_ms)" \
    "$(field "$name" overhead_ms)" "$(field "$name" overhead_pct)"
done
printf '  session/raw: %s with delays, %s without; BuergerHAL cost per authorization: %s ms (%s ms without delays)\n' \
  "$(field zvt-ratio session_over_raw)" "$(field zvt-ratio session_over_raw_nodelay)" \
  "$(field zvt-ratio session_minus_raw_ms)" "$(field zvt-ratio session_minus_raw_nodelay_ms)"
