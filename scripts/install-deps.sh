#!/usr/bin/env bash
# Installs the Debian 12 packages BuergerHAL needs to build and to run its
# test harness (scripts/services.sh). Only missing packages are installed;
# `apt-get update` runs once, and only if something is missing.
#
# Usage: scripts/install-deps.sh        (as root when anything is missing)
set -euo pipefail

PACKAGES=(
  # PC/SC stack, a virtual reader (vpcd) and Debian's virtual card (vicc)
  pcscd libpcsclite-dev pcsc-tools opensc
  vsmartcard-vpcd vsmartcard-vpicc python3-virtualsmartcard python3-pycryptodome
  # USB access and USB device mocking
  libusb-1.0-0-dev umockdev libumockdev-dev
  # CUPS: client library, a private scheduler and its command line tools.
  # `cups` is needed for the socket:// backend (/usr/lib/cups/backend/socket);
  # cups-daemon alone only ships the ipp backends.
  libcups2-dev cups-daemon cups-client cups-ipp-utils cups
  # Misc build and harness tools
  libssl-dev libsqlite3-dev socat pkg-config
  # Receipt simulator: console fonts (glyph source of scripts/generate-receipt-font.py) and
  # zbarimg, which the QR/barcode render-back tests scan the rendered PNGs with
  console-setup-linux zbar-tools
  # `python3 -m venv` for python-escpos from PyPI (scripts/escpos-venv.sh): the peer whose byte
  # streams the simulator renders in the tests, and the receipt benchmark's peer
  python3-venv
)

# is_installed PACKAGE: true if dpkg reports the package fully installed.
is_installed() {
  local status
  status=$(dpkg-query -W -f='${Status}' "$1" 2>/dev/null) || return 1
  [[ $status == "install ok installed" ]]
}

missing=()
for pkg in "${PACKAGES[@]}"; do
  is_installed "$pkg" || missing+=("$pkg")
done

if ((${#missing[@]} == 0)); then
  echo "install-deps: all ${#PACKAGES[@]} packages already present"
  exit 0
fi

if ((EUID != 0)); then
  echo "install-deps: missing packages: ${missing[*]}" >&2
  echo "install-deps: run this script as root (e.g. sudo $0) to install them" >&2
  exit 1
fi

export DEBIAN_FRONTEND=noninteractive
log=$(mktemp /tmp/bhal-install-deps.XXXXXX.log)

# run CMD...: runs a command with its output in $log; on failure shows the tail.
run() {
  if ! "$@" >>"$log" 2>&1; then
    echo "install-deps: failed: $*" >&2
    tail -n 20 "$log" >&2
    echo "install-deps: full log: $log" >&2
    exit 1
  fi
}

run apt-get update
run apt-get install -y --no-install-recommends "${missing[@]}"

# Double-check: apt-get can succeed while a package ends up half-configured.
still_missing=()
for pkg in "${missing[@]}"; do
  is_installed "$pkg" || still_missing+=("$pkg")
done
if ((${#still_missing[@]} > 0)); then
  echo "install-deps: still not installed after apt-get: ${still_missing[*]} (log: $log)" >&2
  exit 1
fi

rm -f "$log"
echo "install-deps: installed ${#missing[@]} package(s): ${missing[*]}"
