#!/usr/bin/env bash
# The query benchmark of issue 5: each `jixiao query` example on a SQLite
# store of at least 100,000 projects, timed as a whole command (process
# start, open, query, print to /dev/null), against the target of 100 ms.
#
#   bench/query_bench.sh [BUILD_DIR]
#
# Generates the corpus (`jixiao synth`, 7,800 documents, seed 11: the corpus
# of bench/ingest_bench.sh, about 125,000 projects and 507,000 indicators)
# and ingests it, unless JIXIAO_BENCH_DIR already holds them. Each example
# runs once to warm the page cache, then JIXIAO_BENCH_RUNS times (default 5);
# the table shows the median and the best wall time and the median CPU time
# (user + sys: on a shared machine wall time also measures the neighbours).
# The load average is printed before and after: read the figures with it.
# "query" is the median CPU time less that of `jixiao --help` (the process
# start-up alone: loading a binary linked with the PDF, OCR and Office
# libraries), i.e. what the question itself costs.
#
# Environment: JIXIAO_BENCH_DOCS (7800), JIXIAO_BENCH_DIR (default
# /tmp/jixiao-query-bench, kept for the next run), JIXIAO_BENCH_RUNS (5).
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-$root/build}
bin=$build/jixiao
docs=${JIXIAO_BENCH_DOCS:-7800}
runs=${JIXIAO_BENCH_RUNS:-5}
work=${JIXIAO_BENCH_DIR:-/tmp/jixiao-query-bench}
target_ms=100
[ -x "$bin" ] || { echo "no $bin: build first" >&2; exit 1; }
[ -x /usr/bin/time ] || { echo "query_bench.sh: /usr/bin/time is needed (apt-get install time)" >&2; exit 1; }

mkdir -p "$work"
db=$work/query.db
if [ ! -f "$db" ]; then
  if [ ! -d "$work/corpus" ]; then
    echo "generating $docs documents ..." >&2
    "$bin" synth --docs "$docs" --seed 11 --layout mixed --no-gold --to "$work/corpus" >/dev/null
  fi
  echo "ingesting into $db ..." >&2
  "$bin" ingest "$work/corpus" --db "$db" 2>/dev/null | tail -n 1 >&2
else
  # An older schema is brought forward once (queries open the store read-only).
  mkdir -p "$work/empty"
  "$bin" ingest "$work/empty" --db "$db" >/dev/null 2>&1 || true
fi

count() { "$bin" sql --db "$db" --json "$1" | python3 -c 'import json,sys; print(list(json.load(sys.stdin)[0].values())[0])'; }
projects=$(count "SELECT COUNT(*) AS n FROM projects")
indicators=$(count "SELECT COUNT(*) AS n FROM indicators")
documents=$(count "SELECT COUNT(*) AS n FROM documents")
dept=$(count "SELECT department FROM documents WHERE department IS NOT NULL ORDER BY id LIMIT 1")
project=$(count "SELECT name FROM projects WHERE name IS NOT NULL ORDER BY document_id, project_no LIMIT 1")
echo "store: $documents documents, $projects projects, $indicators indicators ($(du -m "$db" | cut -f1) MB), schema $(count "SELECT value FROM meta WHERE key = 'schema_version'")"
[ "$projects" -ge 100000 ] || echo "warning: fewer than 100,000 projects (raise JIXIAO_BENCH_DOCS)" >&2
echo "$(nproc) cores, load average before: $(cut -d' ' -f1-3 /proc/loadavg)"

examples=(
  "documents"
  "documents --department $dept"
  "projects --text 信息化"
  "projects --text 维护"
  "projects --department $dept --year 2024"
  "projects --unit 中心"
  "indicators --text 满意度"
  "indicators --text 率"
  "indicators --level2 时效指标"
  "qualitative"
  "totals --by department"
  "totals --by unit"
  "totals --by category"
  "totals --by year"
  "history $project"
  "rank"
  "rank --worst"
  "rank --departments"
  "findings"
)

# "median_wall_ms best_wall_ms median_cpu_ms" of `runs` runs of a command.
timed() {
  local walls=() cpus=() e u s i
  "$@" >/dev/null 2>&1 || true
  for ((i = 0; i < runs; i++)); do
    /usr/bin/time -f '%e %U %S' -o "$work/t.txt" "$@" >/dev/null 2>&1 || true
    read -r e u s <"$work/t.txt"
    walls+=("$(echo "$e * 1000 / 1" | bc)")
    cpus+=("$(echo "($u + $s) * 1000 / 1" | bc)")
  done
  local sw sc
  sw=$(printf '%s\n' "${walls[@]}" | sort -n)
  sc=$(printf '%s\n' "${cpus[@]}" | sort -n)
  echo "$(echo "$sw" | sed -n "$(((runs + 1) / 2))p") $(echo "$sw" | head -n 1) $(echo "$sc" | sed -n "$(((runs + 1) / 2))p")"
}

printf '%8s %8s %8s %8s  %-6s %s\n' "median" "best" "cpu" "query" "≤${target_ms}" "command (ms; whole process, $runs runs)"
read -r mw bw start_cpu < <(timed "$bin" --help)
printf '%8s %8s %8s %8s  %-6s %s\n' "$mw" "$bw" "$start_cpu" "" "" "jixiao --help (start-up alone)"
met=0
for e in "${examples[@]}"; do
  read -r -a args <<<"$e"
  read -r mw bw mc < <(timed "$bin" query "${args[@]}" --db "$db")
  verdict="no"
  if [ "$mw" -le "$target_ms" ]; then verdict="yes"; met=$((met + 1)); fi
  printf '%8s %8s %8s %8s  %-6s jixiao query %s\n' "$mw" "$bw" "$mc" "$((mc > start_cpu ? mc - start_cpu : 0))" \
    "$verdict" "$e"
done
echo "$met of ${#examples[@]} examples within ${target_ms} ms (median wall); load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
