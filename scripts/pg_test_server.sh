#!/usr/bin/env bash
# A throwaway PostgreSQL cluster for the store's tests and benchmarks.
#
#   scripts/pg_test_server.sh start   initdb in a temp folder, start on a Unix
#                                     socket there (no TCP), create the database
#                                     jixiao_test; prints the libpq URL
#   scripts/pg_test_server.sh url     prints the URL of the running cluster
#   scripts/pg_test_server.sh stop    stops it and removes the folder
#
# Uses Debian's binaries (/usr/lib/postgresql/<version>/bin). As root the
# cluster runs as the `postgres` user (PostgreSQL refuses to run as root).
# JIXIAO_PG_DIR and JIXIAO_PG_PORT override the folder and port.
set -euo pipefail

DIR="${JIXIAO_PG_DIR:-${TMPDIR:-/tmp}/jixiao-pg-test-$(id -u)}"
PORT="${JIXIAO_PG_PORT:-54329}"
BIN="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)"
URL="postgresql:///jixiao_test?host=${DIR}&port=${PORT}&user=postgres"

as_owner() {
  if [[ "$(id -u)" -eq 0 ]]; then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

start() {
  if [[ -z "$BIN" || ! -x "$BIN/initdb" ]]; then
    echo "pg_test_server: no PostgreSQL server binaries under /usr/lib/postgresql (apt-get install postgresql)" >&2
    exit 1
  fi
  if [[ -f "$DIR/data/postmaster.pid" ]] && as_owner "$BIN/pg_ctl" -D "$DIR/data" status >/dev/null 2>&1; then
    echo "$URL"
    return 0
  fi
  rm -rf "$DIR"
  mkdir -p "$DIR"
  if [[ "$(id -u)" -eq 0 ]]; then chown postgres: "$DIR"; fi
  as_owner "$BIN/initdb" -D "$DIR/data" -A trust -U postgres -E UTF8 --locale=C.UTF-8 >"$DIR/initdb.log" 2>&1 ||
    { cat "$DIR/initdb.log" >&2; exit 1; }
  # Unix socket only; commits are durable against a crash of the server
  # process but not flushed one by one (like SQLite's WAL + synchronous=NORMAL).
  as_owner "$BIN/pg_ctl" -D "$DIR/data" -l "$DIR/server.log" -w \
    -o "-k $DIR -c listen_addresses= -p $PORT -c synchronous_commit=off -c max_wal_size=2GB" start >/dev/null ||
    { cat "$DIR/server.log" >&2; exit 1; }
  as_owner "$BIN/createdb" -h "$DIR" -p "$PORT" -U postgres jixiao_test
  echo "$URL"
}

stop() {
  if [[ -n "$BIN" && -d "$DIR/data" ]]; then
    as_owner "$BIN/pg_ctl" -D "$DIR/data" -m fast -w stop >/dev/null 2>&1 || true
  fi
  rm -rf "$DIR"
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  url) echo "$URL" ;;
  *)
    echo "usage: scripts/pg_test_server.sh start|url|stop" >&2
    exit 2
    ;;
esac
