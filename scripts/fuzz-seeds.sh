#!/usr/bin/env bash
# Regenerates the fuzz seed corpora in Fixtures/fuzz/<target>/ from the repository's own test
# data: the ZVT, ESC/POS, Star and receipt fixtures, and byte strings taken from the unit tests
# (ISO 7816, BER-TLV, Star ASB, STU reports, part 10 features, configuration). Every seed is
# under 4 KiB (longer fixtures are cut) and holds no secrets: the only card number is the
# fixtures' masked test PAN, and the Registration password is overwritten with 00 00 00.
#
# Usage: scripts/fuzz-seeds.sh        (writes Fixtures/fuzz/*/; commit the result)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
OUT=Fixtures/fuzz
MAX=4095

# seed TARGET NAME < bytes: writes one seed, cut at $MAX bytes.
seed() { mkdir -p "$OUT/$1"; head -c "$MAX" > "$OUT/$1/$2"; }
# hexseed TARGET NAME "HEX BYTES"
hexseed() { printf '%s' "$3" | xxd -r -p | seed "$1" "$2"; }
# The bytes of a Fixtures/zvt/*.hex file (comments after '#' dropped).
zvtbytes() { sed 's/#.*//' "Fixtures/zvt/$1.hex" | xxd -r -p; }

for target in FuzzZVTAPDUStream FuzzZVTMessage FuzzZVTBMP FuzzZVTTLV FuzzZVTSerial FuzzESCPOS FuzzStarLine \
              FuzzPrinterStatus FuzzReceiptJSON FuzzISO7816APDU FuzzBERTLV FuzzVPCDCard FuzzPCSCFeatureList \
              FuzzSTUReport FuzzConfiguration; do
  rm -rf "${OUT:?}/$target"
done

# ZVT APDUs (TCP stream, single messages) and their BMP fields (data after the 3-byte header).
for name in status-information-approved intermediate-status-insert-card print-line-cp437 print-line-latin1 \
            authorization abort-6c refusal-wrong-currency completion-status-enquiry print-text-block-customer; do
  zvtbytes "$name" | seed FuzzZVTMessage "$name"
  zvtbytes "$name" | seed FuzzZVTAPDUStream "$name"
done
# Registration: the made-up password 12 34 56 replaced by zeros.
zvtbytes registration | xxd -p | tr -d '\n' | sed 's/^\(......\)123456/\1000000/' | xxd -r -p | seed FuzzZVTMessage registration
cat "$OUT/FuzzZVTMessage/registration" | seed FuzzZVTAPDUStream registration
{ zvtbytes authorization; zvtbytes intermediate-status-insert-card; zvtbytes status-information-approved; zvtbytes abort-6c; } \
  | seed FuzzZVTAPDUStream session-stream
for name in status-information-approved intermediate-status-insert-card authorization completion-status-enquiry; do
  zvtbytes "$name" | tail -c +4 | seed FuzzZVTBMP "$name"
done
# TLV lists from ZVTTLVTests and the intermediate status' TLV 24 with its 07 lines.
hexseed FuzzZVTTLV tags-and-text "1F 73 02 00 01 07 03 41 42 43 14 01 FF"
hexseed FuzzZVTTLV long-tags "5F 81 01 01 AA DF 82 83 04 00"
hexseed FuzzZVTTLV constructed "24 0A 07 03 41 42 43 07 03 44 45 46"
hexseed FuzzZVTTLV ber-long-length "26 81 04 0A 02 06 01"
# Serial frames.
for name in serial-session serial-ack-apdu serial-length-10 serial-crc-byte-10 serial-crc-byte-03; do
  zvtbytes "$name" | seed FuzzZVTSerial "$name"
done

# Printer jobs: the golden fixtures and python-escpos' streams (images cut to 4 KiB).
for file in Fixtures/escpos/*.epson-tm-t20.bin Fixtures/escpos/*.epson-tm-t88.bin Fixtures/escpos/*.generic-58mm.bin \
            Fixtures/escpos/python-escpos/*.bin Fixtures/usb-printer/receipt.bin; do
  seed FuzzESCPOS "$(basename "$(dirname "$file")")-$(basename "$file")" < "$file"
done
for file in Fixtures/escpos/*.star-tsp*.bin Fixtures/usb-printer/star-receipt.bin; do
  seed FuzzStarLine "$(basename "$(dirname "$file")")-$(basename "$file")" < "$file"
done
for file in Fixtures/escpos/*.json; do seed FuzzReceiptJSON "$(basename "$file")" < "$file"; done

# Status replies: DLE EOT replies (ready, paper end, cover open) and Star ASBs from StarStatusTests.
hexseed FuzzPrinterStatus escpos-ready "16 12 12"
hexseed FuzzPrinterStatus escpos-paper-end "1E 12 72"
hexseed FuzzPrinterStatus escpos-cover-open "1E 16 12"
hexseed FuzzPrinterStatus star-asb-9 "23 06 00 00 00 00 00 00 00"
hexseed FuzzPrinterStatus star-asb-network "23 86 00 00 00 00 00 00 00 00 00"
hexseed FuzzPrinterStatus star-asb-status-data "23 86 00 00 00 00 00 00 00 03 00 30 31 3A"
hexseed FuzzPrinterStatus star-asb-paper-end "23 06 00 00 00 0C 00 00 00"

# ISO 7816-4: SELECT MF, SELECT by AID, READ BINARY short/extended, GET CHALLENGE, GET RESPONSE;
# responses 9000, 61xx, 6Cxx, data + 9000.
hexseed FuzzISO7816APDU select-mf "00 A4 00 0C 02 3F 00"
hexseed FuzzISO7816APDU select-aid "00 A4 04 0C 08 D2 76 00 01 44 48 41 4C"
hexseed FuzzISO7816APDU read-binary-sfi "00 B0 9C 00 00"
hexseed FuzzISO7816APDU read-binary-extended "00 B0 00 00 00 01 2C"
hexseed FuzzISO7816APDU get-challenge "00 84 00 00 08"
hexseed FuzzISO7816APDU case4-extended "00 22 C1 A4 00 00 03 80 01 02 00 00"
hexseed FuzzISO7816APDU response-ok "90 00"
hexseed FuzzISO7816APDU response-more "61 10"
hexseed FuzzISO7816APDU response-data "42 55 45 52 90 00"
# BER-TLV: EF.DIR of the simulated card, an FCP template, padding, long tags and lengths.
hexseed FuzzBERTLV ef-dir "61 16 4F 08 D2 76 00 01 44 48 41 4C 50 0A 42 75 65 72 67 65 72 48 41 4C"
hexseed FuzzBERTLV fcp "62 0F 82 01 01 83 02 2F 00 80 02 00 20 88 01 F0 00"
hexseed FuzzBERTLV padding "00 80 01 05 FF 81 00"
hexseed FuzzBERTLV long-forms "7F 21 81 05 5F 20 02 41 42 9F 1F 82 00 01 00"
# vpcd frames: power on, get ATR, SELECT MF, READ BINARY of EF.DIR by SFI, reset, power off.
hexseed FuzzVPCDCard session "00 01 01 00 01 04 00 07 00 A4 00 00 02 3F 00 00 05 00 B0 9E 00 00 00 01 02 00 01 00"
hexseed FuzzVPCDCard select-read "00 0D 00 A4 04 00 08 D2 76 00 01 44 48 41 4C 00 07 00 A4 02 00 02 01 01 00 05 00 B0 00 00 00"
hexseed FuzzVPCDCard chunked "00 05 00 84 00 00 08 00 07 00 A4 00 00 02 E0 00 00 05 00 B0 00 00 00 00 05 00 C0 00 00 00"
# Part 10 feature list (CardTransactionTests): VERIFY_PIN_DIRECT and EXECUTE_PACE.
hexseed FuzzPCSCFeatureList verify-pace "06 04 42 33 00 06 20 04 42 33 00 20"
hexseed FuzzPCSCFeatureList with-trailer "01 04 42 33 00 01 12 04 42 33 00 12 0A 02 00"
# STU reports (STUReportTests): information, capability, pen data, status, capture commands.
{ printf '\x08STU-540'; printf '\x00\x00\x01\x07\x00\x00\x00\x00\x00'; } | seed FuzzSTUReport information
hexseed FuzzSTUReport capability "09 25 80 17 70 03 FF 03 20 01 E0 C8 0B B8 01 00 00"
hexseed FuzzSTUReport pen-touching "01 91 23 10 00 05 DC"
hexseed FuzzSTUReport pen-time-count "34 91 23 10 00 05 DC 00 10 00 01"
hexseed FuzzSTUReport status-ready "03 00 00 00 00"
hexseed FuzzSTUReport start-capture "15 00 00 00 2A"

# Configuration: the README's example and small variants (no secrets: URIs and names only).
awk '/^Example configuration/{f=1} f&&/^```yaml/{p=1;next} p&&/^```/{exit} p' README.md | seed FuzzConfiguration readme-example.yaml
printf 'devices:\n  reader:\n    family: smartcard\n    backend: simulator\n' | seed FuzzConfiguration simulator.yaml
printf 'devices:\n  payment:\n    family: payment\n    backend: simulator\n    uri: "sim:?scenario=decline-05"\n' | seed FuzzConfiguration payment-sim.yaml
printf 'devices:\n  pad:\n    family: signaturepad\n    backend: usb\n    uri: "usb://056A:00A8"\n  printer:\n    family: printer\n    backend: usb\n    uri: "usb://04B8:0E03/X1"\n    profile: epson-tm-t88\n' | seed FuzzConfiguration usb.yaml
printf 'base: &b\n  family: printer\n  backend: tcp\ndevices:\n  p:\n    <<: *b\n    uri: "tcp://192.0.2.20:9100"\n' | seed FuzzConfiguration anchors.yaml

echo "fuzz-seeds.sh: $(find "$OUT" -mindepth 2 -maxdepth 2 -type f -not -path '*/regressions/*' | wc -l) seeds in $OUT"
