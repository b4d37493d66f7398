#!/usr/bin/env bash
# Load test of `jixiao serve`'s search API on loopback (issue 8).
#
# Generates a corpus of at least 100,000 projects (jixiao synth), ingests it
# (jixiao ingest, SQLite), starts jixiao serve on 127.0.0.1 and runs wrk
# against /api/search with 50 connections for a bounded time, cycling through
# 100 different searches (bench/serve_load.lua): once as served after each
# search was asked once (answers cached until the data changes), once with
# the cache off (every search computed by the store). Prints requests/s,
# latency percentiles and errors. Traffic goes to loopback only.
#
#   bench/serve_load.sh                 # 2,000 documents × 50 projects, 30 s
#   JIXIAO_LOAD_DOCS=4000 JIXIAO_LOAD_SECONDS=60 bench/serve_load.sh
#   JIXIAO_LOAD_DIR=/tmp/jixiao-load    # where the corpus and database stay (reused)
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
JIXIAO="${JIXIAO:-$ROOT/build/jixiao}"
DOCS="${JIXIAO_LOAD_DOCS:-2000}"
PROJECTS="${JIXIAO_LOAD_PROJECTS:-50}"
SECONDS_RUN="${JIXIAO_LOAD_SECONDS:-30}"
CONNECTIONS="${JIXIAO_LOAD_CONNECTIONS:-50}"
DIR="${JIXIAO_LOAD_DIR:-/tmp/jixiao-serve-load}"

for tool in wrk curl; do
  command -v "$tool" >/dev/null || { echo "serve_load.sh: '$tool' is needed (apt-get install $tool)" >&2; exit 1; }
done
[[ -x "$JIXIAO" ]] || { echo "serve_load.sh: build jixiao first ($JIXIAO)" >&2; exit 1; }

mkdir -p "$DIR"
DB="$DIR/load.db"
if [[ ! -f "$DB" ]]; then
  echo "==> synth: $DOCS documents × $PROJECTS projects"
  rm -rf "$DIR/corpus"
  "$JIXIAO" synth --docs "$DOCS" --projects "$PROJECTS" --seed 8 --layout mixed --no-gold --to "$DIR/corpus" >/dev/null
  echo "==> ingest into $DB"
  "$JIXIAO" ingest "$DIR/corpus" --db "$DB" | tail -n 2
fi
projects="$(sqlite3 "$DB" 'SELECT COUNT(*) FROM projects')"
indicators="$(sqlite3 "$DB" 'SELECT COUNT(*) FROM indicators')"
echo "==> corpus: $projects projects, $indicators indicators"
if [[ "$projects" -lt 100000 ]]; then
  echo "serve_load.sh: only $projects projects; the test wants at least 100,000 (raise JIXIAO_LOAD_DOCS)" >&2
  exit 1
fi

# The searches: both kinds, ten texts (none, then 维护 率 信息化 培训 满意度 设备
# 经费 及时 完成, percent-encoded), five pages each, some with the qualitative filter.
URLS="$DIR/urls.txt"
: >"$URLS"
ti=0
for text in "" %E7%BB%B4%E6%8A%A4 %E7%8E%87 %E4%BF%A1%E6%81%AF%E5%8C%96 %E5%9F%B9%E8%AE%AD \
  %E6%BB%A1%E6%84%8F%E5%BA%A6 %E8%AE%BE%E5%A4%87 %E7%BB%8F%E8%B4%B9 %E5%8F%8A%E6%97%B6 %E5%AE%8C%E6%88%90; do
  ti=$((ti + 1))
  for kind in projects indicators; do
    for page in 1 2 3 4 5; do
      path="/api/search?kind=$kind&per_page=50&page=$page"
      [[ -n "$text" ]] && path="$path&q=$text"
      [[ "$kind" == indicators && $(((ti + page) % 3)) -eq 0 ]] && path="$path&qualitative=1"
      echo "$path" >>"$URLS"
    done
  done
done

# run_wrk LABEL SECONDS WARM [serve options…]: one server, one bounded wrk
# run; WARM=1 asks every search once first (as reviewers before would have).
run_wrk() {
  local label="$1" seconds="$2" warm="$3"
  shift 3
  local log="$DIR/serve-$label.log"
  "$JIXIAO" serve --db "$DB" --host 127.0.0.1 --port 0 "$@" >"$log" 2>&1 &
  SERVER=$!
  for _ in $(seq 100); do
    grep -q 'listening on' "$log" 2>/dev/null && break
    sleep 0.1
  done
  local url
  url="$(grep -o 'http://127\.0\.0\.1:[0-9]*' "$log" | head -n 1)"
  [[ -n "$url" ]] || { echo "serve_load.sh: jixiao serve did not start:" >&2; cat "$log" >&2; exit 1; }
  # A broken API must not pass as fast: one real answer first.
  curl -sf "$url/api/search?kind=indicators&q=%E7%8E%87" | grep -q '"total"'
  if [[ "$warm" == 1 ]]; then
    local start=$SECONDS
    while read -r path; do curl -sf -o /dev/null "$url$path"; done <"$URLS"
    echo "==> [$label] warm-up: $(wc -l <"$URLS") searches, one at a time, in $((SECONDS - start)) s"
  fi
  echo "==> [$label] wrk: $CONNECTIONS connections, ${seconds}s, $url/api/search (serve $*)"
  wrk -t2 -c"$CONNECTIONS" -d"${seconds}s" --timeout 10s --latency -s "$ROOT/bench/serve_load.lua" "$url" -- "$URLS" \
    | tee "$DIR/wrk-$label.txt"
  echo "==> [$label] peak RSS of jixiao serve: $(grep VmHWM /proc/$SERVER/status | awk '{print $2, $3}')"
  kill "$SERVER"
  wait "$SERVER" 2>/dev/null || true
  SERVER=
}
SERVER=
trap '[[ -n "$SERVER" ]] && kill "$SERVER" 2>/dev/null; true' EXIT

# As served: repeated searches are answered from the response cache.
run_wrk cached "$SECONDS_RUN" 1
# Every search computed by the store (--cache-entries 0): the cost of a new question.
run_wrk uncached "${JIXIAO_LOAD_UNCACHED_SECONDS:-15}" 0 --cache-entries 0
