#!/usr/bin/env bash
# What SQLite itself costs to hold a corpus in jixiao's schema, against the
# bare parse of the same corpus, in the same run (issue 5 asks ingest/parse
# ≤ 2 on SQLite; this says how much of that budget SQLite alone needs).
#
#   bench/store_floor.sh [BUILD_DIR]
#
# Steps, each timed as CPU (user + system):
#   1. jixiao parse --jsonl FILES >/dev/null          the bare parse
#   2. jixiao ingest DIR --db full.db                  the real thing, with
#      JIXIAO_INGEST_TIMINGS=1 so the writer reports its phases; the FTS5
#      fills are already INSERT … SELECT from the stored rows, so their thread
#      CPU is SQLite's (and the tokenizer's) own cost
#   3. the sqlite3 shell copies every row of full.db into an empty store of
#      the same schema with its indexes dropped:
#        INSERT INTO main.t SELECT * FROM o.t WHERE 1
#      (the WHERE keeps SQLite from copying raw records, its "transfer
#      optimisation", so each row is decoded and encoded as an insert would)
#   4. the same shell builds the schema's indexes on the copied rows.
# The floor is 3 + 4 + the FTS fills of 2: what any program that stores these
# rows, indexes and text search in SQLite pays before it has parsed a byte.
# Step 3 also reads the rows back from full.db, so it slightly overstates
# the insert alone.
#
# Environment: JIXIAO_BENCH_DOCS (default 7800 generated documents, as
# bench/ingest_bench.sh), JIXIAO_BENCH_DIR (keeps the corpus and stores there;
# an existing corpus/ is reused). Needs the sqlite3 shell (Debian: sqlite3).
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-$root/build}
[ -d "$build" ] || { echo "no build directory $build" >&2; exit 1; }
bin=$(cd "$build" && pwd)/jixiao
docs=${JIXIAO_BENCH_DOCS:-7800}
[ -x "$bin" ] || { echo "no $bin: build first" >&2; exit 1; }
command -v sqlite3 >/dev/null || { echo "needs the sqlite3 shell (apt-get install sqlite3)" >&2; exit 1; }
. "$root/bench/lib.sh"
bench_need_time
bench_workdir "${JIXIAO_BENCH_DIR:-}" 0
corpus=$work/corpus
if [ ! -d "$corpus" ]; then
  echo "generating $docs documents ..." >&2
  "$bin" synth --docs "$docs" --seed 11 --layout mixed --no-gold --to "$corpus" >&2
fi

# cpu_of CMD... → prints user + system seconds of the command (its stdout is
# dropped, its stderr kept in $work/stderr.txt).
cpu_of() {
  bench_run "$@"
  echo "$cpu"
}

echo "corpus: $(ls "$corpus" | wc -l) files, $(du -sm "$corpus/" | cut -f1) MB, load average $(cut -d' ' -f1 /proc/loadavg)"

parse_cpu=$(cd "$corpus" && cpu_of sh -c "ls | sort | xargs $bin parse --jsonl")
echo "bare parse --jsonl             ${parse_cpu} s cpu"

rm -f "$work"/full.db*
ingest_cpu=$(JIXIAO_INGEST_TIMINGS=1 cpu_of "$bin" ingest "$corpus" --db "$work/full.db")
fts_cpu=$(awk '/^timing: [a-z_]*_fts / { s += $(NF - 1) } END { printf "%.2f", s }' "$work/stderr.txt")
echo "ingest                         ${ingest_cpu} s cpu   ratio to parse $(bench_ratio "$ingest_cpu" "$parse_cpu")"
parser_cpu=$(sed -n 's/^timing: parser threads \([0-9.]*\) s cpu.*/\1/p' "$work/stderr.txt")
review_cpu=$(sed -n 's/^timing: parser threads .*the review \([0-9.]*\) s.*/\1/p' "$work/stderr.txt")
echo "  of which the parser threads  ${parser_cpu} s cpu (the review ${review_cpu} s of it)"
echo "  and the FTS5 fills           ${fts_cpu} s thread cpu"

# An empty store of the same schema, written by jixiao itself, without its
# indexes (they are built after the copy, as a bulk load does).
rm -rf "$work/none" "$work"/floor.db*
mkdir -p "$work/none"
"$bin" ingest "$work/none" --db "$work/floor.db" >/dev/null
index_sql=$(sqlite3 "$work/floor.db" "SELECT sql || ';' FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL")
# The drop list is read first: a sqlite3 reading it inside the pipe would hold
# the file open while the one after the pipe switches the journal mode, which
# fails ("database is locked") whenever the two overlap.
drop_sql=$(sqlite3 "$work/floor.db" "SELECT 'DROP INDEX ' || name || ';' FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL")
printf 'PRAGMA journal_mode = truncate;\n%s\n' "$drop_sql" | sqlite3 "$work/floor.db" >/dev/null
tables=$(sqlite3 "$work/floor.db" "SELECT name FROM sqlite_master WHERE type = 'table' AND sql NOT LIKE 'CREATE VIRTUAL%'
  AND name NOT LIKE '%fts%' AND name NOT LIKE 'sqlite%' AND name <> 'meta'")
{
  echo "ATTACH '$work/full.db' AS o;"
  echo "BEGIN;"
  for t in $tables; do echo "INSERT INTO main.$t SELECT * FROM o.$t WHERE 1;"; done
  echo "COMMIT;"
} >"$work/copy.sql"
rows_cpu=$(cpu_of sqlite3 "$work/floor.db" ".read $work/copy.sql")
{ echo "BEGIN;"; echo "$index_sql"; echo "COMMIT;"; } >"$work/index.sql"
index_cpu=$(cpu_of sqlite3 "$work/floor.db" ".read $work/index.sql")
echo "sqlite3 shell: copy the rows   ${rows_cpu} s cpu  ($(echo $tables | wc -w) tables)"
echo "sqlite3 shell: the indexes     ${index_cpu} s cpu  ($(echo "$index_sql" | grep -c 'CREATE'))"

floor=$(awk -v a="$rows_cpu" -v b="$index_cpu" -v c="$fts_cpu" 'BEGIN { printf "%.2f", a + b + c }')
echo "SQLite's floor (rows + indexes + FTS5 fills)  ${floor} s cpu = $(bench_ratio "$floor" "$parse_cpu") × the bare parse"
echo "ingest/parse ≤ 2 leaves $(awk -v p="$parse_cpu" -v f="$floor" 'BEGIN { printf "%.2f", 2 * p - f }') s cpu" \
  "for reading, recognising and reviewing the files; ingest's parser threads took ${parser_cpu} s," \
  "the review left out $(awk -v p="$parser_cpu" -v r="$review_cpu" 'BEGIN { printf "%.2f", p - r }') s"
