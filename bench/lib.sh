# Shared by the whole-process benchmarks in bench/: where their inputs go and
# how one run of a command is timed. Source it after `set -euo pipefail`:
#   . "$(dirname "$0")/lib.sh"
#
# Times are read by /usr/bin/time (Debian package `time`): CPU = user +
# system of the process and its threads. On a shared machine the wall time
# mostly measures the neighbours and the CPU time what the command costs, so
# the benchmarks report both and compare by the least of several runs (the
# least disturbed run is the truest).

# bench_workdir KEEP_DIR KEEP_FLAG: sets `work` to KEEP_DIR (created, kept)
# when it is given, else to a new temporary directory that is removed at exit
# unless KEEP_FLAG is 1.
bench_workdir() {
  if [ -n "$1" ]; then
    work=$1
    mkdir -p "$work"
  else
    work=$(mktemp -d)
    [ "${2:-0}" = 1 ] || trap 'rm -rf "$work"' EXIT
  fi
}

bench_need_time() {
  [ -x /usr/bin/time ] || { echo "$(basename "$0"): needs /usr/bin/time (apt-get install time)" >&2; exit 1; }
}

# bench_run CMD...: runs CMD once with its standard output dropped and sets
#   wall (s), user (s), sys (s), cpu (user + sys, s), rss_kb (peak RSS).
# A command that fails stops the benchmark with its last lines of stderr:
# timing a failure would report a number that means nothing.
bench_run() {
  /usr/bin/time -f '%e %U %S %M' -o "$work/time.txt" "$@" >/dev/null 2>"$work/stderr.txt" || {
    echo "failed: $*" >&2
    tail -n 5 "$work/stderr.txt" >&2
    exit 1
  }
  read -r wall user sys rss_kb < <(tail -n 1 "$work/time.txt")
  cpu=$(awk -v u="$user" -v s="$sys" 'BEGIN { printf "%.2f", u + s }')
}

# bench_least A B: the lesser of two figures; B empty (no run yet) gives A.
bench_least() { awk -v a="$1" -v b="$2" 'BEGIN { print (b == "" || a + 0 < b + 0) ? a : b }'; }

# bench_ratio A B: A / B to two places.
bench_ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", (b > 0 ? a / b : 0) }'; }

# bench_mb BYTES: megabytes (10^6) to one place.
bench_mb() { awk -v b="$1" 'BEGIN { printf "%.1f", b / 1e6 }'; }
