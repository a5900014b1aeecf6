#!/usr/bin/env bash
# Prepares a Python venv with python-escpos from PyPI, the peer that the receipt tests
# (PythonEscposLiveTests, via scripts/test.sh) and the receipt benchmark (scripts/bench-receipt.sh)
# run, and prints the path of its python. The version is pinned here; a venv that already has it is
# reused as it is, so PyPI is needed only the first time.
#
# Usage: scripts/escpos-venv.sh VENV_DIR      (needs python3-venv: scripts/install-deps.sh)
set -euo pipefail

PYTHON_ESCPOS_VERSION=3.1
VENV=${1:?usage: escpos-venv.sh VENV_DIR}

if ! "$VENV/bin/python" -c "import escpos, sys; sys.exit(escpos.__version__ != '$PYTHON_ESCPOS_VERSION')" 2>/dev/null; then
  echo "escpos-venv: installing python-escpos==$PYTHON_ESCPOS_VERSION from PyPI into $VENV" >&2
  mkdir -p "$(dirname "$VENV")"
  python3 -m venv --clear "$VENV" >&2
  "$VENV/bin/pip" install --quiet --disable-pip-version-check "python-escpos==$PYTHON_ESCPOS_VERSION" >&2
fi
echo "$VENV/bin/python"
