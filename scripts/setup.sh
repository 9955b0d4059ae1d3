#!/usr/bin/env bash
# Set beslutsparser up on a fresh Debian or Ubuntu machine:
#   system packages  tesseract-ocr + tesseract-ocr-swe (OCR of scanned PDFs); with --test also
#                    LibreOffice Writer, Swedish hyphenation and DejaVu fonts (the PDF fixtures)
#   .venv/           a virtual environment with the package installed editable (--test: with test extras)
# The environment's interpreter: $PYTHON if set, else the distribution's /usr/bin/python3 when it is
# 3.11 or newer (Debian and Ubuntu build it with PGO and LTO, linked statically: the text pipeline runs
# about 10-15 % faster on it than on a plain source build such as pyenv's default), else python3 on PATH.
# Idempotent: packages already present are not fetched again.
set -euo pipefail
cd "$(dirname "$0")/.."

test_mode=0
[[ "${1:-}" == "--test" ]] && test_mode=1

fits() { "$1" -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; }
if [[ -n "${PYTHON:-}" ]]; then
  python="$PYTHON"
elif [[ -x /usr/bin/python3 ]] && fits /usr/bin/python3; then
  python=/usr/bin/python3
else
  python=python3
fi
fits "$python" || { echo "setup: $python is not Python 3.11 or newer (set PYTHON=...)" >&2; exit 1; }

need=0
command -v tesseract >/dev/null 2>&1 || need=1
tesseract --list-langs 2>/dev/null | grep -qx swe || need=1
packages=(tesseract-ocr tesseract-ocr-swe)
if [[ $test_mode == 1 ]]; then
  packages+=(libreoffice-writer-nogui hyphen-sv fonts-dejavu-core)
  command -v soffice >/dev/null 2>&1 || need=1
  [[ -f /usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf ]] || need=1
  ls /usr/share/hyphen 2>/dev/null | grep -q sv || need=1
fi
# Debian's interpreter makes environments only with its venv package.
if [[ ! -x .venv/bin/python && $python == /usr/bin/python3 ]] && ! "$python" -c 'import ensurepip' 2>/dev/null; then
  packages+=(python3-venv)
  need=1
fi
if [[ $need == 1 ]]; then
  sudo=""
  [[ $(id -u) == 0 ]] || sudo="sudo"
  if command -v apt-get >/dev/null 2>&1; then
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q --no-install-recommends "${packages[@]}"
  else
    echo "setup: install these system packages yourself: ${packages[*]}" >&2
  fi
fi

[[ -x .venv/bin/python ]] || "$python" -m venv .venv
.venv/bin/python -m pip install -q --upgrade pip
if [[ $test_mode == 1 ]]; then
  .venv/bin/python -m pip install -q -e '.[test]'
else
  .venv/bin/python -m pip install -q -e .
fi
