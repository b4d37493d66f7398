#!/usr/bin/env bash
# Parser throughput against the floor of merely decoding the same text, in
# the same run, on one core:
#   wc -m FILE                              (UTF-8 decoding and counting, C.UTF-8 locale)
#   jixiao parse --jsonl FILE >/dev/null    (read, recognise, model, JSON out)
# on two generated inputs:
#   corpus  many documents one after another in one file (a budget book or a
#           crawl), parsed one document at a time: memory should stay at the
#           largest document whatever the file's size;
#   grid    the same for per-project grids, whose books have no 部门名称 line
#           between departments (cut at the line under each table title);
#   single  one document of hundreds of thousands of projects: memory is
#           that document's.
#
#   bench/parse_throughput.sh [BUILD_DIR]
#
# Environment: JIXIAO_THROUGHPUT_MB (size of each input, default 300),
# JIXIAO_THROUGHPUT_DIR (where inputs go; default a temporary directory
# removed afterwards), JIXIAO_THROUGHPUT_KEEP=1 keeps it.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-$root/build}
bin=$build/jixiao
min_mb=${JIXIAO_THROUGHPUT_MB:-300}
[ -x "$bin" ] || { echo "no $bin: build first (cmake --build $build)" >&2; exit 1; }

if [ -n "${JIXIAO_THROUGHPUT_DIR:-}" ]; then
  work=$JIXIAO_THROUGHPUT_DIR
  mkdir -p "$work"
else
  work=$(mktemp -d)
  [ "${JIXIAO_THROUGHPUT_KEEP:-0}" = 1 ] || trap 'rm -rf "$work"' EXIT
fi
min_bytes=$((min_mb * 1000 * 1000))

# corpus: documents of every size the generator makes, concatenated.
mkdir -p "$work/corpus"
echo "generating a corpus of about $min_mb MB ..." >&2
"$bin" synth --seed 11 --layout summary --bytes "${min_mb}M" --no-gold --to "$work/corpus" >&2
corpus=$work/corpus.txt
find "$work/corpus" -name '*.txt' -print0 | sort -z | xargs -0 cat >"$corpus"
rm -rf "$work/corpus"

# grid: per-project grid documents concatenated the same way.
mkdir -p "$work/grid"
echo "generating a project-grid corpus of about $min_mb MB ..." >&2
"$bin" synth --seed 11 --layout project-grid --bytes "${min_mb}M" --no-gold --to "$work/grid" >&2
grid=$work/grid.txt
find "$work/grid" -name '*.txt' -print0 | sort -z | xargs -0 cat >"$grid"
rm -rf "$work/grid"

# single: one document, about 1 KB of text per project.
seed=7
single=$work/synth_${seed}_0.txt
projects=$((min_bytes / 950))
echo "generating one summary document with $projects projects ..." >&2
"$bin" synth --docs 1 --seed "$seed" --layout summary --projects "$projects" --no-gold --to "$work" >&2

have_time=0
[ -x /usr/bin/time ] && have_time=1

# measure LABEL CMD... → sets secs and rss_kb (rss_kb empty when unknown).
measure() {
  local label=$1
  shift
  if [ "$have_time" = 1 ]; then
    /usr/bin/time -v -o "$work/time.txt" "$@" >/dev/null
    secs=$(awk -F': ' '/Elapsed \(wall clock\)/ {
             n = split($2, p, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + p[i]; print s }' "$work/time.txt")
    rss_kb=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$work/time.txt")
  else
    local t0 t1
    t0=$(date +%s.%N)
    "$@" >/dev/null
    t1=$(date +%s.%N)
    secs=$(awk -v a="$t0" -v b="$t1" 'BEGIN {print b - a}')
    rss_kb=""
  fi
  local mbs
  mbs=$(awk -v b="$bytes" -v s="$secs" 'BEGIN {printf "%.1f", (s > 0 ? b / 1e6 / s : 0)}')
  printf '%-28s %8.2f s  %8s MB/s  peak RSS %s\n' "$label" "$secs" "$mbs" \
    "$([ -n "$rss_kb" ] && awk -v k="$rss_kb" 'BEGIN {printf "%.0f MB", k / 1024}' || echo "unknown (no /usr/bin/time)")"
}

bench_file() {
  local label=$1 file=$2
  bytes=$(stat -c %s "$file")
  echo
  echo "$label: $file, $bytes bytes ($(awk -v b="$bytes" 'BEGIN {printf "%.1f", b / 1e6}') MB)"
  cat "$file" >/dev/null  # warm the page cache so both tools read from memory
  measure "  wc -m (C.UTF-8)" env LC_ALL=C.UTF-8 wc -m "$file"
  local wc_secs=$secs
  measure "  jixiao parse --jsonl" "$bin" parse --jsonl "$file"
  local parse_secs=$secs
  awk -v p="$parse_secs" -v w="$wc_secs" 'BEGIN {
    if (p > 0) printf "  ratio: jixiao parse runs at %.2fx the speed of wc -m\n", w / p
  }'
}

bench_file corpus "$corpus"
bench_file grid "$grid"
bench_file single "$single"
[ "$have_time" = 1 ] || echo "note: /usr/bin/time is missing; wall time from date, peak RSS not measured"
