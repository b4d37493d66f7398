#!/usr/bin/env bash
# What `jixiao check` adds to `jixiao parse`, whole process (issue 4: at most
# 20%). Both commands read and recognise the same generated files; parse then
# writes the model as JSON Lines, check reviews every document, looks for
# boilerplate across the tables and writes its jixiao-check/1 report.
#
#   bench/check_cost.sh [BUILD_DIR]
#
# For each layout (summary, project-grid) a corpus of about
# JIXIAO_CHECK_MB megabytes (default 50) of separate files is generated, then
#   jixiao parse --jsonl FILES >/dev/null
#   jixiao check --jsonl FILES >/dev/null
#   jixiao check --json  FILES >/dev/null
# run alternately JIXIAO_CHECK_RUNS times (default 3). The best run of each
# is kept (the machine is shared: the least disturbed run is the truest),
# and the ratios to parse are printed for CPU time (user + system, the
# steadier figure on a loaded machine; the best run's split is shown) and
# wall time. The headline, `check / parse`, compares like with like: check
# --jsonl and parse --jsonl both stream compact JSON Lines, a line per
# document as it is read. `check --json / parse` follows: the pretty-printed
# report, which lists the corpus findings inside each document and so is
# written in two passes.
# JIXIAO_CHECK_DIR keeps the inputs there (else a temporary directory).
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-$root/build}
bin=$build/jixiao
mb=${JIXIAO_CHECK_MB:-50}
runs=${JIXIAO_CHECK_RUNS:-3}
[ -x "$bin" ] || { echo "no $bin: build first (cmake --build $build)" >&2; exit 1; }
. "$root/bench/lib.sh"
bench_need_time
bench_workdir "${JIXIAO_CHECK_DIR:-}" 0

for layout in summary project-grid; do
  dir=$work/$layout
  if [ ! -d "$dir" ] || [ -z "$(ls -A "$dir")" ]; then
    echo "generating about $mb MB of $layout documents ..." >&2
    "$bin" synth --seed 17 --layout "$layout" --bytes "${mb}M" --no-gold --to "$dir" >/dev/null
  fi
  mapfile -t files < <(find "$dir" -name '*.txt' | sort)
  bytes=$(cat "${files[@]}" | wc -c)
  cat "${files[@]}" >/dev/null  # warm the page cache for both commands
  p_cpu="" p_wall="" p_split="" l_cpu="" l_wall="" l_split="" c_cpu="" c_wall="" c_split=""
  for ((r = 0; r < runs; r++)); do
    bench_run "$bin" parse --jsonl "${files[@]}"
    [ "$(bench_least "$cpu" "$p_cpu")" = "$cpu" ] && p_split="user $user, sys $sys"
    p_cpu=$(bench_least "$cpu" "$p_cpu") p_wall=$(bench_least "$wall" "$p_wall") p_rss=$rss_kb
    bench_run "$bin" check --jsonl "${files[@]}"
    [ "$(bench_least "$cpu" "$l_cpu")" = "$cpu" ] && l_split="user $user, sys $sys"
    l_cpu=$(bench_least "$cpu" "$l_cpu") l_wall=$(bench_least "$wall" "$l_wall") l_rss=$rss_kb
    bench_run "$bin" check --json "${files[@]}"
    [ "$(bench_least "$cpu" "$c_cpu")" = "$cpu" ] && c_split="user $user, sys $sys"
    c_cpu=$(bench_least "$cpu" "$c_cpu") c_wall=$(bench_least "$wall" "$c_wall") c_rss=$rss_kb
  done
  echo
  echo "$layout: ${#files[@]} files, $(bench_mb "$bytes") MB, best of $runs runs"
  printf '  %-22s %7s s CPU (%s) %7s s wall  peak RSS %s MB\n' "jixiao parse --jsonl" "$p_cpu" "$p_split" "$p_wall" $((p_rss / 1024))
  printf '  %-22s %7s s CPU (%s) %7s s wall  peak RSS %s MB\n' "jixiao check --jsonl" "$l_cpu" "$l_split" "$l_wall" $((l_rss / 1024))
  printf '  %-22s %7s s CPU (%s) %7s s wall  peak RSS %s MB\n' "jixiao check --json" "$c_cpu" "$c_split" "$c_wall" $((c_rss / 1024))
  # ratio LABEL CHECK_CPU CHECK_WALL: one line of ratios to parse. time(1)
  # counts in hundredths of a second: a parse too short to register has no
  # ratio, which is said rather than printed as inf.
  ratio() {
    awk -v label="$1" -v pc="$p_cpu" -v cc="$2" -v pw="$p_wall" -v cw="$3" 'BEGIN {
      if (pc <= 0 || pw <= 0) { printf "  %s: no ratio, parse took under 0.01 s: give more input\n", label; exit }
      printf "  %s: %.2fx CPU (check adds %+.0f%%), %.2fx wall (%+.0f%%)\n",
        label, cc / pc, (cc / pc - 1) * 100, cw / pw, (cw / pw - 1) * 100 }'
  }
  ratio "check / parse" "$l_cpu" "$l_wall"
  echo "    (check --jsonl against parse --jsonl: both streamed, compact, a line per document)"
  ratio "check --json / parse" "$c_cpu" "$c_wall"
  echo "    (the pretty-printed report, corpus findings inside each document: two passes)"
done
