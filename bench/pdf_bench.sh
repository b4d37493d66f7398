#!/usr/bin/env bash
# PDF and OCR throughput of jixiao's readers against poppler's and
# tesseract's own command-line tools, on the same files in the same run.
#
#   bench/pdf_bench.sh [DIR] [REPEAT]
#
# DIR holds the PDFs (default tests/originals); every *.pdf with a text
# layer is timed with `jixiao parse --jsonl` (read + recognise + JSON) and
# with `pdftotext -layout` (text only), REPEAT times each (default 20); the
# scans (*.png) are OCR'd once by `jixiao parse` (two pages at once on two
# cores) and by `tesseract IMG - -l chi_sim` (its own threads), pages/s.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
DIR="${1:-$ROOT/tests/originals}"
REPEAT="${2:-20}"
JIXIAO="${JIXIAO:-$ROOT/build/jixiao}"

now() { date +%s.%N; }
elapsed() { echo "$2 - $1" | bc -l; }

mapfile -t pdfs < <(for f in "$DIR"/*.pdf; do
  [[ -f "$f" ]] || continue
  if [[ -n "$(pdftotext -l 1 "$f" - 2>/dev/null | tr -d '[:space:]' | head -c 1)" ]]; then echo "$f"; fi
done)
pages=0
for f in "${pdfs[@]}"; do pages=$((pages + $(pdfinfo "$f" | awk '/^Pages:/{print $2}'))); done
echo "text PDFs: ${#pdfs[@]} files, $pages pages, $REPEAT rounds"

t0=$(now)
for ((r = 0; r < REPEAT; r++)); do for f in "${pdfs[@]}"; do pdftotext -layout "$f" - >/dev/null; done; done
t1=$(now)
for ((r = 0; r < REPEAT; r++)); do for f in "${pdfs[@]}"; do "$JIXIAO" parse --jsonl "$f" >/dev/null || true; done; done
t2=$(now)
pt=$(elapsed "$t0" "$t1")
jx=$(elapsed "$t1" "$t2")
printf 'pdftotext -layout : %7.3f s  %7.1f pages/s\n' "$pt" "$(echo "$pages * $REPEAT / $pt" | bc -l)"
printf 'jixiao parse      : %7.3f s  %7.1f pages/s  (%.2fx pdftotext)\n' "$jx" \
  "$(echo "$pages * $REPEAT / $jx" | bc -l)" "$(echo "$jx / $pt" | bc -l)"

mapfile -t scans < <(ls "$DIR"/*.png 2>/dev/null || true)
if [[ ${#scans[@]} -gt 0 ]]; then
  echo "scans: ${#scans[@]} pages"
  t0=$(now)
  for f in "${scans[@]}"; do tesseract "$f" - -l chi_sim >/dev/null 2>&1; done
  t1=$(now)
  # jixiao reads one image per file: two files at once use both cores, as
  # the page-parallel reader does within a scanned PDF.
  printf '%s\n' "${scans[@]}" | xargs -P 2 -n 1 "$JIXIAO" parse --jsonl >/dev/null 2>&1 || true
  t2=$(now)
  ts=$(elapsed "$t0" "$t1")
  js=$(elapsed "$t1" "$t2")
  printf 'tesseract         : %7.2f s  %5.3f pages/s\n' "$ts" "$(echo "${#scans[@]} / $ts" | bc -l)"
  printf 'jixiao (2 cores)  : %7.2f s  %5.3f pages/s  (%.2fx tesseract time)\n' "$js" \
    "$(echo "${#scans[@]} / $js" | bc -l)" "$(echo "$js / $ts" | bc -l)"
  for f in "$DIR"/*scan*.pdf; do
    [[ -f "$f" ]] || continue
    n=$(pdfinfo "$f" | awk '/^Pages:/{print $2}')
    t0=$(now); "$JIXIAO" parse --jsonl "$f" >/dev/null 2>&1 || true; t1=$(now)
    printf 'jixiao scanned PDF %s: %d pages, %.2f s, %.3f pages/s\n' "$(basename "$f")" "$n" \
      "$(elapsed "$t0" "$t1")" "$(echo "$n / $(elapsed "$t0" "$t1")" | bc -l)"
  done
fi
