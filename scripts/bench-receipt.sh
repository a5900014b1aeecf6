#!/usr/bin/env bash
# Receipt encoding: BuergerHAL's ESC/POS encoder (`bhal bench receipt`, release build) against
# python-escpos 3.1 (`scripts/bench_escpos.py`, Dummy printer) in the same run, on the same pixels
# and the same 40-line text. Cases: a 576x2000-dot photo (Floyd-Steinberg dithering + GS v 0 raster
# on both sides) and a 40-line German text receipt in PC858. Prints both figures (median of
# BENCH_RECEIPT_ITERATIONS runs, best of BENCH_RECEIPT_ROUNDS rounds) and the ratio
# python-escpos / BuergerHAL. Targets (issue 4, item 8): at least 10x faster than python-escpos, and a
# whole receipt encoded in well under the time the printer needs for one line. Needs no services;
# called at the end of scripts/bench.sh (`make bench`). The venv is the one scripts/test.sh uses
# (scripts/escpos-venv.sh, in ${BHAL_CACHE_DIR:-/var/cache/buergerhal}/venv-escpos).
set -euo pipefail

SCRIPT_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO_ROOT=$(cd "$SCRIPT_DIR/.." && pwd)
RUN_DIR=${BHAL_RUN_DIR:-/tmp/bhal-bench}
ITERATIONS=${BENCH_RECEIPT_ITERATIONS:-30}
ROUNDS=${BENCH_RECEIPT_ROUNDS:-3}
# The printer the per-line comparison is for: 203 dpi, 250 mm/s, font A lines 24 dots high.
PRINTER_DPI=203
PRINTER_MM_PER_S=250
LINE_DOTS=24
cd "$REPO_ROOT"

mkdir -p "$RUN_DIR"
PYTHON=$("$SCRIPT_DIR/escpos-venv.sh" "${BHAL_CACHE_DIR:-/var/cache/buergerhal}/venv-escpos")

# The photo both sides encode: written by the Python side, read by both.
PGM=$RUN_DIR/receipt-photo-576x2000.pgm
"$PYTHON" "$SCRIPT_DIR/bench_escpos.py" --write-pgm "$PGM.tmp"
mv "$PGM.tmp" "$PGM"

swift build -c release --product bhal >/dev/null
BHAL="$(swift build -c release --show-bin-path)/bhal"

ms() { sed -n "s/^$1 ms=\([0-9.]*\).*/\1/p" <<<"$2"; }
hash_line() { grep '^image ' <<<"$1"; }
min() { awk -v a="$1" -v b="$2" 'BEGIN { print (b == "" || a < b ? a : b) }'; }

py_image='' py_text='' sw_image='' sw_text=''
for round in $(seq "$ROUNDS"); do
  py=$("$PYTHON" "$SCRIPT_DIR/bench_escpos.py" --image "$PGM" --iterations "$ITERATIONS")
  sw=$("$BHAL" bench receipt --image "$PGM" --iterations "$ITERATIONS")
  if [[ $(hash_line "$py") != "$(hash_line "$sw")" ]]; then
    echo "bench-receipt: the two sides read different pixels: '$(hash_line "$py")' vs '$(hash_line "$sw")'" >&2
    exit 1
  fi
  [[ $round == 1 ]] && versions=$(head -n 1 <<<"$py") && pixels=$(hash_line "$sw")
  printf '  round %d: image python-escpos %9.3f ms  BuergerHAL %7.3f ms | text python-escpos %7.4f ms  BuergerHAL %7.4f ms\n' \
    "$round" "$(ms receipt-image "$py")" "$(ms receipt-image "$sw")" "$(ms receipt-text "$py")" "$(ms receipt-text "$sw")"
  py_image=$(min "$(ms receipt-image "$py")" "$py_image")
  py_text=$(min "$(ms receipt-text "$py")" "$py_text")
  sw_image=$(min "$(ms receipt-image "$sw")" "$sw_image")
  sw_text=$(min "$(ms receipt-text "$sw")" "$sw_text")
done

echo "Receipt encoding on the epson-tm-t20 profile (PC858), median of $ITERATIONS runs, best of $ROUNDS rounds"
echo "peer: $versions; $pixels (same pixels on both sides)"
awk -v pi="$py_image" -v si="$sw_image" -v pt="$py_text" -v st="$sw_text" \
    -v dpi="$PRINTER_DPI" -v speed="$PRINTER_MM_PER_S" -v dots="$LINE_DOTS" 'BEGIN {
  verdict = "target: at least 10x faster than python-escpos"
  printf "%-46s %14s %12s %8s  %s\n", "case", "python-escpos", "BuergerHAL", "ratio", verdict
  printf "%-46s %11.3f ms %9.3f ms %7.1fx  %s\n", "photo 576x2000 (Floyd-Steinberg + GS v 0)", pi, si, pi / si, (pi / si >= 10 ? "met" : "MISSED")
  printf "%-46s %11.4f ms %9.4f ms %7.1fx  %s\n", "text receipt, 40 lines with umlauts and EUR", pt, st, pt / st, (pt / st >= 10 ? "met" : "MISSED")
  line = dots / dpi * 25.4 / speed * 1000
  printf "one %d-dot text line on a %d dpi printer at %d mm/s: %d / %d in x 25.4 mm/in / %d mm/s = %.2f ms\n", dots, dpi, speed, dots, dpi, speed, line
  printf "whole 40-line text receipt encoded in %.4f ms = %.2f %% of one line (%.0fx faster than the printer prints one line)\n", st, st / line * 100, line / st
  printf "photo: encoded in %.3f ms; the printer needs %.0f ms for its %d mm of paper\n", si, 2000 / dpi * 25.4 / speed * 1000, 2000 / dpi * 25.4
}'
