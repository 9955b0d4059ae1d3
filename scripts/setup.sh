#!/usr/bin/env bash
# Set beslutsparser up on a fresh Debian or Ubuntu machine:
#   system packages  tesseract-ocr + tesseract-ocr-swe (OCR of scanned PDFs); with --test also
#                    LibreOffice Writer, Swedish hyphenation and DejaVu fonts (the PDF fixtures)
#   .venv/           a virtual environment with the package installed editable (--test: with test extras)
# Idempotent: packages already present are not fetched again.
set -euo pipefail
cd "$(dirname "$0")/.."

test_mode=0
[[ "${1:-}" == "--test" ]] && test_mode=1

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

[[ -x .venv/bin/python ]] || python3 -m venv .venv
.venv/bin/python -m pip install -q --upgrade pip
if [[ $test_mode == 1 ]]; then
  .venv/bin/python -m pip install -q -e '.[test]'
else
  .venv/bin/python -m pip install -q -e .
fi
