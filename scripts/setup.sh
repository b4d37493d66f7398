#!/usr/bin/env bash
# One entry point for developers and CI.
#
#   scripts/setup.sh run    install what is missing, build, ingest the bundled example tables
#                           into jixiao.db and show documents, totals and the worst findings
#   scripts/setup.sh test   same set-up, then ctest (SQLite and a throwaway PostgreSQL,
#                           scripts/pg_test_server.sh), a bounded fuzz run and the referee
#
# Works from any directory; targets a fresh Debian 12 machine (as root, or
# with sudo). When every package is already installed apt is not touched.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

PACKAGES=(
  build-essential cmake ninja-build pkg-config
  nlohmann-json3-dev libcli11-dev libfmt-dev libutf8proc-dev
  libgtest-dev libgmock-dev libbenchmark-dev
  clang libclang-rt-14-dev python3 ccache libjemalloc-dev
  # store
  libsqlite3-dev sqlite3 libpq-dev postgresql libssl-dev
  # read: PDF, scans, Office, HTML
  libpoppler-cpp-dev libpoppler-private-dev poppler-utils libtesseract-dev libleptonica-dev
  tesseract-ocr tesseract-ocr-chi-sim libzip-dev libpugixml-dev libxml2-dev
  libfreexl-dev imagemagick
  # render / export / serve
  libxlsxwriter-dev libcpp-httplib-dev chromium fonts-noto-cjk wrk nodejs
  # bench/: timing of whole processes
  time
)
# 120 s: each input is parsed and then reviewed twice (check, corpus, reports): about
# 110 inputs a second against 260 when it was only parsed, so that about as many
# inputs are tried as in the 60 s of parsing alone.
FUZZ_SECONDS="${JIXIAO_FUZZ_SECONDS:-120}"

usage() {
  echo "usage: scripts/setup.sh run|test" >&2
  exit 2
}

log() { printf '\n==> %s\n' "$*"; }

install_packages() {
  if ! command -v dpkg-query >/dev/null 2>&1 || ! command -v apt-get >/dev/null 2>&1; then
    echo "setup.sh: no dpkg/apt here; assuming the build dependencies are installed" >&2
    return 0
  fi
  local missing=() pkg
  for pkg in "${PACKAGES[@]}"; do
    if [[ "$(dpkg-query -W -f='${db:Status-Status}' "$pkg" 2>/dev/null || true)" != "installed" ]]; then
      missing+=("$pkg")
    fi
  done
  # npm: Debian's own package, unless a node with its own npm (NodeSource)
  # is installed already; both conflict, so it is checked by command.
  local extra=()
  if ! command -v npm >/dev/null 2>&1; then
    missing+=(npm)
    extra+=(npm)
  fi
  if [[ ${#missing[@]} -eq 0 ]]; then
    log "all packages present, skipping apt"
    return 0
  fi
  local sudo=()
  if [[ "$(id -u)" -ne 0 ]]; then
    if command -v sudo >/dev/null 2>&1; then
      sudo=(sudo)
    else
      echo "setup.sh: missing packages (${missing[*]}) and neither root nor sudo" >&2
      exit 1
    fi
  fi
  log "installing: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  ${sudo[@]+"${sudo[@]}"} apt-get update
  ${sudo[@]+"${sudo[@]}"} apt-get install -y "${PACKAGES[@]}" ${extra[@]+"${extra[@]}"}
}

# The web front end (web/, npm) is built before the C++ build, which embeds
# it; build_web.sh fails with a clear message when node or npm is missing.
build_web() {
  log "web front end (npm)"
  bash scripts/build_web.sh "$ROOT/build/web"
}

build() {
  # A build dir configured earlier with another generator cannot be reused by -G Ninja.
  if [[ -f build/CMakeCache.txt ]] && ! grep -qx 'CMAKE_GENERATOR:INTERNAL=Ninja' build/CMakeCache.txt; then
    log "build/ was configured with another generator; reconfiguring"
    rm -rf build/CMakeCache.txt build/CMakeFiles
  fi
  log "configure"
  local launcher=()
  if command -v ccache >/dev/null 2>&1; then
    launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
  fi
  cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo ${launcher[@]+"${launcher[@]}"}
  log "build"
  cmake --build build
}

referee() {
  local score="../shared/corpus/score.py"
  if [[ ! -f "$score" ]]; then
    log "referee: $score not found beside the repo, skipped"
    return 0
  fi
  log "referee (informational; ctest checks the scores)"
  local out="build/referee.log" rc=0
  python3 "$score" --gold-dir tests/corpus/gold --src-dir tests/corpus/seeds \
    --cmd 'build/jixiao parse --json {}' >"$out" 2>&1 || rc=$?
  tail -n 12 "$out"
  if [[ $rc -ne 0 ]]; then
    echo "referee exited with status $rc (informational, not a failure)"
  fi
}

[[ $# -eq 1 ]] || usage
mode="$1"
case "$mode" in
  run | test) ;;
  *) usage ;;
esac

install_packages
build_web
build

case "$mode" in
  run)
    log "jixiao ingest tests/corpus/seeds --db jixiao.db"
    build/jixiao ingest tests/corpus/seeds --db jixiao.db
    log "jixiao query documents"
    build/jixiao query documents --db jixiao.db
    log "jixiao query totals --by department"
    build/jixiao query totals --by department --db jixiao.db
    log "jixiao query rank --departments (quality score, docs/CHECK.md)"
    build/jixiao query rank --departments --db jixiao.db
    log "jixiao query findings --limit 15 (most serious first)"
    build/jixiao query findings --limit 15 --db jixiao.db
    echo
    echo "More: build/jixiao query --help, build/jixiao sql \"SELECT …\" (docs/STORE.md)"
    ;;
  test)
    # The store's tests run on SQLite and on this PostgreSQL; without it they
    # would fail (CI) rather than pass on one backend.
    log "PostgreSQL for the store tests (scripts/pg_test_server.sh)"
    JIXIAO_TEST_PG="$(bash scripts/pg_test_server.sh start)"
    export JIXIAO_TEST_PG CI="${CI:-true}"
    trap 'bash scripts/pg_test_server.sh stop' EXIT
    echo "JIXIAO_TEST_PG=$JIXIAO_TEST_PG"
    log "ctest"
    ctest --test-dir build --output-on-failure -j2
    log "fuzz (${FUZZ_SECONDS}s)"
    bash scripts/fuzz.sh "$FUZZ_SECONDS"
    referee
    ;;
esac
