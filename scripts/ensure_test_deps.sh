#!/usr/bin/env bash
# System packages the test suite needs and pip/npm cannot provide: Debian's Chromium for the
# browser tests (Playwright cannot download its own browser here), fonts for rendering, and OCR.
# PostgreSQL is handled by scripts/with_postgres.sh.
set -euo pipefail
missing=()
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
[ -e /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ] || missing+=(fonts-dejavu-core)
# Compiled reports (reviews) export PDF through LibreOffice; Liberation Serif stands in for
# Times New Roman (same metrics, Vietnamese glyphs).
command -v soffice >/dev/null 2>&1 || missing+=(libreoffice-writer-nogui)
[ -e /usr/share/fonts/truetype/liberation2/LiberationSerif-Regular.ttf ] \
  || [ -e /usr/share/fonts/truetype/liberation/LiberationSerif-Regular.ttf ] \
  || missing+=(fonts-liberation)
# Scanned PDFs: pages rendered by poppler's pdftoppm, read by Tesseract with Vietnamese data.
command -v pdftoppm >/dev/null 2>&1 || missing+=(poppler-utils)
command -v tesseract >/dev/null 2>&1 || missing+=(tesseract-ocr)
[ -n "$(ls /usr/share/tesseract-ocr/*/tessdata/vie.traineddata 2>/dev/null)" ] \
  || missing+=(tesseract-ocr-vie)
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" != "0" ]; then
    echo "Missing system packages: ${missing[*]} (install them with apt-get as root)" >&2
    exit 1
  fi
  echo "== Installing Debian packages: ${missing[*]}" >&2
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
fi
