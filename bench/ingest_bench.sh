#!/usr/bin/env bash
# Storing against parsing, whole processes, same corpus, same run:
#   jixiao parse --jsonl FILES >/dev/null        (the bare parse, one thread)
#   jixiao ingest DIR --db bench.db              (parse on every core + review + SQLite)
#   jixiao ingest DIR --db postgresql://…        (the same into a throwaway PostgreSQL)
# then each `jixiao query` example on the SQLite database (and on PostgreSQL),
# timed as a whole command (process start, open, query, print).
#
#   bench/ingest_bench.sh [BUILD_DIR]
#
# Environment: JIXIAO_BENCH_DOCS (documents to generate, default 7800, about
# 125,000 projects and 506,000 indicators), JIXIAO_BENCH_DIR (default a temp
# folder, removed afterwards unless JIXIAO_BENCH_KEEP=1), JIXIAO_BENCH_PG=0
# skips PostgreSQL, JIXIAO_BENCH_QUERIES_ONLY=1 (with JIXIAO_BENCH_DIR) only
# times the queries on the SQLite database a kept run left. Targets (issue 5): ingest/parse ≤ 2 on SQLite; each
# query ≤ 100 ms on SQLite.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-$root/build}
bin=$build/jixiao
docs=${JIXIAO_BENCH_DOCS:-7800}
[ -x "$bin" ] || { echo "no $bin: build first" >&2; exit 1; }

. "$root/bench/lib.sh"
bench_workdir "${JIXIAO_BENCH_DIR:-}" "${JIXIAO_BENCH_KEEP:-0}"
corpus=$work/corpus
if [ ! -d "$corpus" ]; then
  echo "generating $docs documents ..." >&2
  "$bin" synth --docs "$docs" --seed 11 --layout mixed --no-gold --to "$corpus" >&2
fi
mb=$(du -sm "$corpus" | cut -f1)

# Runs a command; prints "wall_seconds peak_rss_kb cpu_seconds" (cpu = user +
# sys of the process and its threads: on a shared machine the wall time
# mostly measures the neighbours, the CPU time what jixiao costs).
measure() {
  local out=$work/time.txt
  if [ -x /usr/bin/time ]; then
    /usr/bin/time -f '%e %M %U %S' -o "$out" "$@" >"$work/stdout.txt" 2>"$work/stderr.txt" || true
    tail -n 1 "$out" | awk '{ printf "%s %s %.2f\n", $1, $2, $3 + $4 }'
  else
    local start end
    start=$(date +%s.%N)
    "$@" >"$work/stdout.txt" 2>"$work/stderr.txt" || true
    end=$(date +%s.%N)
    echo "$(echo "$end - $start" | bc) 0 0"
  fi
}

echo "corpus: $(ls "$corpus" | wc -l) files, $mb MB, $(nproc) cores, load average $(cut -d' ' -f1 /proc/loadavg)"
if [ "${JIXIAO_BENCH_QUERIES_ONLY:-0}" != 1 ]; then
read -r parse_s parse_kb parse_cpu < <(cd "$corpus" && measure sh -c "ls | sort | xargs $bin parse --jsonl")
echo "parse --jsonl      ${parse_s} s wall, ${parse_cpu} s cpu  peak RSS $((parse_kb / 1024)) MB"
fi

report_ingest() {
  local name=$1 db=$2
  read -r s kb cpu < <(measure "$bin" ingest "$corpus" --db "$db")
  local line
  line=$(tail -n 1 "$work/stdout.txt")
  echo "$line" >&2
  local documents projects indicators
  documents=$(echo "$line" | sed -n 's/.*stored (\([0-9]*\) documents.*/\1/p')
  projects=$(echo "$line" | sed -n 's/.* \([0-9]*\) projects.*/\1/p')
  indicators=$(echo "$line" | sed -n 's/.* \([0-9]*\) indicators.*/\1/p')
  printf '%-18s %s s wall, %s s cpu  %s docs/s  %s projects/s  %s indicators/s  peak RSS %s MB\n' \
    "ingest $name" "$s" "$cpu" "$(echo "$documents / $s" | bc)" "$(echo "$projects / $s" | bc)" \
    "$(echo "$indicators / $s" | bc)" "$((kb / 1024))"
  printf '%-18s ratio to parse: wall %s, cpu %s\n' "" "$(echo "scale=2; $s / $parse_s" | bc)" \
    "$(echo "scale=2; $cpu / $parse_cpu" | bc)"
  echo "                   ($documents documents, $projects projects, $indicators indicators)"
}

# "wall_ms cpu_ms", the best of three runs (after one to warm the cache).
best_of_3() {
  local best_wall=999999 best_cpu=999999 i e u s w c
  "$@" >/dev/null 2>&1 || true
  for i in 1 2 3; do
    /usr/bin/time -f '%e %U %S' -o "$work/q.txt" "$@" >/dev/null 2>&1 || true
    read -r e u s <"$work/q.txt"
    w=$(echo "$e * 1000 / 1" | bc)
    c=$(echo "($u + $s) * 1000 / 1" | bc)
    [ "$w" -lt "$best_wall" ] && best_wall=$w
    [ "$c" -lt "$best_cpu" ] && best_cpu=$c
  done
  echo "$best_wall $best_cpu"
}

time_queries() {
  local db=$1
  local dept project
  dept=$("$bin" sql --db "$db" --json "SELECT department FROM documents WHERE department IS NOT NULL ORDER BY id LIMIT 1" |
    python3 -c 'import json,sys; print(json.load(sys.stdin)[0]["department"])')
  project=$("$bin" sql --db "$db" --json "SELECT name FROM projects WHERE name IS NOT NULL ORDER BY document_id, project_no LIMIT 1" |
    python3 -c 'import json,sys; print(json.load(sys.stdin)[0]["name"])')
  local -a examples=(
    "documents"
    "documents --department $dept"
    "projects --text 信息化"
    "projects --department $dept --year 2024"
    "projects --unit 中心"
    "indicators --text 满意度"
    "indicators --level2 时效指标"
    "qualitative"
    "totals --by department"
    "totals --by unit"
    "totals --by category"
    "history $project"
    "rank"
    "rank --worst"
    "rank --departments"
    "findings"
  )
  # Wall time is what a user waits for; CPU time (user+sys of the jixiao
  # process) is what the query costs when the machine is shared. Best of 3.
  local e
  read -r base_wall base_cpu < <(best_of_3 "$bin" --help)
  printf '  %5s ms wall %5s ms cpu  (jixiao --help: the process alone)\n' "$base_wall" "$base_cpu"
  for e in "${examples[@]}"; do
    read -r -a args <<<"$e"
    read -r wall cpu < <(best_of_3 "$bin" query "${args[@]}" --db "$db")
    printf '  %5s ms wall %5s ms cpu  jixiao query %s\n' "$wall" "$cpu" "$e"
  done
}

if [ "${JIXIAO_BENCH_QUERIES_ONLY:-0}" != 1 ]; then
  rm -f "$work/bench.db" "$work/bench.db-wal" "$work/bench.db-shm"
  report_ingest sqlite "$work/bench.db"
  echo "SQLite file: $(du -m "$work/bench.db" | cut -f1) MB"
fi

pg_url=""
if [ "${JIXIAO_BENCH_PG:-1}" = 1 ] && [ "${JIXIAO_BENCH_QUERIES_ONLY:-0}" != 1 ]; then
  # Its own folder: the server user must be able to reach it (a mktemp dir is 0700).
  export JIXIAO_PG_DIR="${TMPDIR:-/tmp}/jixiao-pg-bench-$$" JIXIAO_PG_PORT=54331
  if pg_url=$(bash "$root/scripts/pg_test_server.sh" start); then
    trap 'bash "$root/scripts/pg_test_server.sh" stop; [ "${JIXIAO_BENCH_KEEP:-0}" = 1 ] || rm -rf "$work"' EXIT
    report_ingest postgresql "$pg_url"
  else
    echo "PostgreSQL: could not start a server, skipped" >&2
    pg_url=""
  fi
fi

echo "queries on SQLite (whole command, warm cache):"
time_queries "$work/bench.db"
if [ -n "$pg_url" ]; then
  echo "queries on PostgreSQL:"
  time_queries "$pg_url"
fi
