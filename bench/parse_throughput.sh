#!/usr/bin/env bash
# Parser throughput against the floor of merely decoding the same text.
#
# Generates one summary document of at least 300 MB (hundreds of thousands of
# projects: the parser reads a file as one document, so the input must be one
# large document, not many concatenated), then in the same run times
#   wc -m FILE                        (UTF-8 decoding and counting, C.UTF-8 locale)
#   jixiao parse --json FILE >/dev/null
# and prints wall time, MB/s, peak RSS for both and the ratio.
#
#   bench/parse_throughput.sh [BUILD_DIR]
#
# Environment: JIXIAO_THROUGHPUT_MB (minimum input size, default 300),
# JIXIAO_THROUGHPUT_DIR (where the input goes; default a temporary directory
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

seed=7
file=$work/synth_${seed}_0.txt
min_bytes=$((min_mb * 1000 * 1000))

# About 1 KB of text per project; if the first try falls short, scale up once.
projects=$((min_bytes / 950))
for attempt in 1 2; do
  echo "generating one summary document with $projects projects ..." >&2
  "$bin" synth --docs 1 --seed "$seed" --layout summary --projects "$projects" --no-gold --to "$work" >&2
  bytes=$(stat -c %s "$file")
  [ "$bytes" -ge "$min_bytes" ] && break
  projects=$((projects * min_bytes / bytes * 105 / 100 + 1))
done
[ "$bytes" -ge "$min_bytes" ] || { echo "input is only $bytes bytes" >&2; exit 1; }

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

echo "input: $file"
echo "       $bytes bytes ($(awk -v b="$bytes" 'BEGIN {printf "%.1f", b / 1e6}') MB), $projects projects"
# Warm the page cache so both tools read from memory.
cat "$file" >/dev/null

measure "wc -m (C.UTF-8)" env LC_ALL=C.UTF-8 wc -m "$file"
wc_secs=$secs
measure "jixiao parse --json" "$bin" parse --json "$file"
parse_secs=$secs

awk -v p="$parse_secs" -v w="$wc_secs" 'BEGIN {
  if (w > 0) printf "ratio: jixiao parse takes %.1fx the time of wc -m\n", p / w
}'
[ "$have_time" = 1 ] || echo "note: /usr/bin/time is missing; wall time from date, peak RSS not measured"
