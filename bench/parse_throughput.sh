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
# Each input is read by `wc -m` and by `jixiao parse`, alternately,
# JIXIAO_THROUGHPUT_RUNS times (default 3), and the least CPU time and the
# least wall time of each are kept (bench/lib.sh says why). The ratio is
# printed both ways; CPU time is the steadier on a shared machine.
#
# Environment: JIXIAO_THROUGHPUT_MB (size of each input, default 300),
# JIXIAO_THROUGHPUT_RUNS (default 3), JIXIAO_THROUGHPUT_DIR (where inputs go,
# and are reused from; default a temporary directory removed afterwards),
# JIXIAO_THROUGHPUT_KEEP=1 keeps it.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-$root/build}
bin=$build/jixiao
min_mb=${JIXIAO_THROUGHPUT_MB:-300}
runs=${JIXIAO_THROUGHPUT_RUNS:-3}
[ -x "$bin" ] || { echo "no $bin: build first (cmake --build $build)" >&2; exit 1; }
. "$root/bench/lib.sh"
bench_need_time
bench_workdir "${JIXIAO_THROUGHPUT_DIR:-}" "${JIXIAO_THROUGHPUT_KEEP:-0}"
min_bytes=$((min_mb * 1000 * 1000))

# Inputs already in the work directory are reused: the generator gives the
# same text for the same seed and size.
# corpus: documents of every size the generator makes, concatenated.
# grid: per-project grid documents concatenated the same way.
concatenated() {  # LAYOUT FILE
  [ -s "$2" ] && return
  echo "generating a $1 corpus of about $min_mb MB ..." >&2
  rm -rf "$work/parts"
  "$bin" synth --seed 11 --layout "$1" --bytes "${min_mb}M" --no-gold --to "$work/parts" >&2
  find "$work/parts" -name '*.txt' -print0 | sort -z | xargs -0 cat >"$2.part"
  mv "$2.part" "$2"
  rm -rf "$work/parts"
}
corpus=$work/corpus_${min_mb}MB.txt
grid=$work/grid_${min_mb}MB.txt
concatenated summary "$corpus"
concatenated project-grid "$grid"

# single: one document, about 1 KB of text per project.
seed=7
projects=$((min_bytes / 950))
single=$work/single_${min_mb}MB.txt
if [ ! -s "$single" ]; then
  echo "generating one summary document with $projects projects ..." >&2
  rm -rf "$work/parts"
  "$bin" synth --docs 1 --seed "$seed" --layout summary --projects "$projects" --no-gold --to "$work/parts" >&2
  mv "$work/parts/synth_${seed}_0.txt" "$single"
  rm -rf "$work/parts"
fi

# bench_file LABEL FILE: wc -m and jixiao parse on FILE, alternately.
bench_file() {
  local label=$1 file=$2 bytes r
  bytes=$(stat -c %s "$file")
  echo
  echo "$label: $file, $bytes bytes ($(bench_mb "$bytes") MB), least of $runs runs"
  cat "$file" >/dev/null  # warm the page cache so both tools read from memory
  local wc_cpu="" wc_wall="" wc_rss=0 p_cpu="" p_wall="" p_rss=0
  for ((r = 0; r < runs; r++)); do
    bench_run env LC_ALL=C.UTF-8 wc -m "$file"
    wc_cpu=$(bench_least "$cpu" "$wc_cpu") wc_wall=$(bench_least "$wall" "$wc_wall")
    wc_rss=$((rss_kb > wc_rss ? rss_kb : wc_rss))
    bench_run "$bin" parse --jsonl "$file"
    p_cpu=$(bench_least "$cpu" "$p_cpu") p_wall=$(bench_least "$wall" "$p_wall")
    p_rss=$((rss_kb > p_rss ? rss_kb : p_rss))
  done
  show() {
    printf '  %-22s %7s s CPU %7s s wall %8s MB/s (CPU)  peak RSS %s MB\n' "$1" "$2" "$3" \
      "$(awk -v b="$bytes" -v s="$2" 'BEGIN { printf "%.1f", (s > 0 ? b / 1e6 / s : 0) }')" $(($4 / 1024))
  }
  show "wc -m (C.UTF-8)" "$wc_cpu" "$wc_wall" "$wc_rss"
  show "jixiao parse --jsonl" "$p_cpu" "$p_wall" "$p_rss"
  echo "  ratio: jixiao parse runs at $(bench_ratio "$wc_cpu" "$p_cpu")x the speed of wc -m by CPU time," \
    "$(bench_ratio "$wc_wall" "$p_wall")x by wall time"
}

bench_file corpus "$corpus"
bench_file grid "$grid"
bench_file single "$single"
