#!/usr/bin/env bash
# Screenshots of the pilot year's reports as a superior receives them (docs/REPORTS.md): builds the jar, runs `demo`
# into a fresh home, writes the 2025 statistics and ledger workbooks, converts them to PDF with LibreOffice
# (headless) and renders 汇总, 按月 and the ledger's first page as PNG into docs/screenshots/, printing each PDF's
# page count. Needs soffice (Debian: libreoffice-calc-nogui) and pdftoppm/pdfinfo (poppler-utils), and a CJK font
# (fonts-wqy-zenhei or Noto Sans CJK). SKIP_BUILD=1 reuses target/lujing.jar. MAVEN_ARGS=-o builds offline.
set -euo pipefail
cd "$(dirname "$0")/.."
for tool in soffice pdftoppm pdfinfo; do
  command -v "$tool" >/dev/null || { echo "needs $tool (apt-get install libreoffice-calc-nogui poppler-utils)" >&2; exit 1; }
done
[ "${SKIP_BUILD:-}" = 1 ] || ./mvnw -q -B -DskipTests package
work="target/screenshots"
rm -rf "$work" && mkdir -p "$work/pdf"
export LUJING_LANG=zh
# the application logs to stderr; kept in target/screenshots/run.log
java -jar target/lujing.jar demo --home "$work/home" >/dev/null 2>>"$work/run.log"
java -jar target/lujing.jar report --home "$work/home" --period 2025 --kind statistics --out "$work/xlsx" >/dev/null 2>>"$work/run.log"
java -jar target/lujing.jar report --home "$work/home" --period 2025 --kind ledger --out "$work/xlsx" >/dev/null 2>>"$work/run.log"
# a private LibreOffice profile, so a desktop session or another run is never disturbed
soffice -env:UserInstallation="file://$PWD/$work/lo-profile" --headless --convert-to pdf --outdir "$work/pdf" \
  "$work/xlsx/statistics-2025.xlsx" "$work/xlsx/ledger-2025.xlsx" >/dev/null 2>&1
pages() { pdfinfo "$1" | awk '/^Pages:/ {print $2}'; }
stats="$work/pdf/statistics-2025.pdf"
ledger="$work/pdf/ledger-2025.pdf"
echo "statistics-2025.pdf: $(pages "$stats") pages; ledger-2025.pdf: $(pages "$ledger") pages"
out="docs/screenshots"
mkdir -p "$out"
# 汇总 is the statistics PDF's first page, 按月 its last (each prints on one page)
pdftoppm -png -r 90 -f 1 -l 1 -singlefile "$stats" "$out/statistics-summary"
last=$(pages "$stats")
pdftoppm -png -r 90 -f "$last" -l "$last" -singlefile "$stats" "$out/statistics-by-month"
pdftoppm -png -r 90 -f 1 -l 1 -singlefile "$ledger" "$out/ledger-first-page"
ls -l "$out"
