#!/usr/bin/env bash
# Makes originals of every seed from its gold reading, as users get them:
# HTML, DOCX and XLSX (scripts/originals_from_gold.py, or `jixiao render`
# once that command exists), PDF printed from the HTML by headless Chromium,
# PDF printed from the DOCX and XLSX by LibreOffice when it is installed
# (and the XLSX saved as a legacy .xls),
# a PDF whose rows are taller than a page (rows cut by page breaks), and
# scans: pages rasterised by pdftoppm at 300 dpi, then noise, blur, a slight
# rotation (ImageMagick), as PNG pages and as a scanned PDF without a text
# layer.
#
#   scripts/make_originals.sh OUT_DIR [GOLD_DIR] [SCAN_PAGES]
#
# SCAN_PAGES (default 2) pages of each seed are scanned; 0 for none.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
OUT="${1:?usage: make_originals.sh OUT_DIR [GOLD_DIR] [SCAN_PAGES]}"
GOLD="${2:-$ROOT/tests/corpus/gold}"
SCAN_PAGES="${3:-2}"
GEN="$ROOT/scripts/originals_from_gold.py"
mkdir -p "$OUT"
OUT="$(cd "$OUT" && pwd)"
TMP="$(mktemp -d)"
trap 'rm -rf "$TMP"' EXIT

print_pdf() {  # HTML → PDF, A4, no header or footer lines
  chromium --headless --no-sandbox --disable-gpu --no-pdf-header-footer \
    --user-data-dir="$TMP/chromium" --print-to-pdf="$2" "file://$1" >/dev/null 2>&1
}

JIXIAO="${JIXIAO:-$ROOT/build/jixiao}"
# The project's own renderer when built (jixiao render); else the standalone generator.
if "$JIXIAO" render --help >/dev/null 2>&1; then RENDER=1; else RENDER=0; fi

for gold in "$GOLD"/*.json; do
  stem="$(basename "$gold" .json)"
  if [[ $RENDER -eq 1 ]]; then
    for ext in html docx xlsx pdf; do "$JIXIAO" render "$gold" --to "$ext" -o "$OUT/$stem.$ext"; done
  else
    for ext in html docx xlsx; do python3 "$GEN" "$gold" "$OUT/$stem.$ext"; done
    print_pdf "$OUT/$stem.html" "$OUT/$stem.pdf"
  fi
  # PDFs from another producer, as offices make them: the DOCX printed by
  # LibreOffice Writer, the XLSX by Calc (their tables close a row cut by a
  # page break with a rule, unlike Chromium's). Skipped without LibreOffice.
  if command -v soffice >/dev/null; then
    for pair in docx:writer xlsx:calc; do
      ext=${pair%%:*} app=${pair#*:}
      soffice --headless -env:UserInstallation="file://$TMP/lo-profile" --convert-to pdf \
        --outdir "$TMP/lo-$app" "$OUT/$stem.$ext" >/dev/null 2>&1
      mv "$TMP/lo-$app/$stem.pdf" "$OUT/$stem.lo-$app.pdf"
    done
    # Legacy Excel 97 (.xls, read through freexl), as Calc saves it.
    soffice --headless -env:UserInstallation="file://$TMP/lo-profile" --convert-to "xls:MS Excel 97" \
      --outdir "$OUT" "$OUT/$stem.xlsx" >/dev/null 2>&1
  fi
  # Rows taller than a page: every project row is cut by a page break.
  python3 "$GEN" --row-height 900 "$gold" "$TMP/$stem.tall.html"
  print_pdf "$TMP/$stem.tall.html" "$OUT/$stem.tall.pdf"
  if [[ "$SCAN_PAGES" -gt 0 ]]; then
    # 300 dpi, as office scanners are set for documents to be read back.
    pdftoppm -r 300 -gray -png -l "$SCAN_PAGES" "$OUT/$stem.pdf" "$TMP/$stem"
    imgs=()
    n=0
    for page in "$TMP/$stem"-*.png; do
      n=$((n + 1))
      # Alternate the damage: a clockwise and an anticlockwise skew.
      angle=$([[ $((n % 2)) -eq 1 ]] && echo 1.2 || echo -0.8)
      convert "$page" -attenuate 0.4 +noise Gaussian -blur 0x0.6 -background white -rotate "$angle" \
        -colorspace Gray -depth 8 "$OUT/$stem.scan-$n.png"
      imgs+=("$OUT/$stem.scan-$n.png")
    done
    # A scanned PDF: the page images printed without any text layer.
    # Printed at the pages' own orientation (the tables are A4 landscape):
    # a landscape scan squeezed onto a portrait page would be distorted.
    read -r w h < <(identify -format '%w %h\n' "${imgs[0]}" | head -1)
    if [[ $w -gt $h ]]; then size="A4 landscape" pw=297mm ph=210mm; else size="A4" pw=210mm ph=297mm; fi
    {
      echo "<!DOCTYPE html><html><head><style>@page{size:$size;margin:0}body{margin:0}"
      echo "img{width:$pw;height:$ph;display:block;page-break-after:always}</style></head><body>"
      for img in "${imgs[@]}"; do echo "<img src='file://$img'>"; done
      echo "</body></html>"
    } >"$TMP/$stem.scan.html"
    print_pdf "$TMP/$stem.scan.html" "$OUT/$stem.scan.pdf"
  fi
  echo "$stem: $(ls "$OUT/$stem".* | wc -l) originals"
done
