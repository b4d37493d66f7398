#!/usr/bin/env bash
# Builds the web workbench's front end (web/) into OUT_DIR: index.html,
# app.js, app.css and web_assets.cpp (the same files as C++ string literals,
# compiled into jixiao). Runs `npm ci` first when web/node_modules is missing
# or older than package-lock.json. Needs node and npm: fails with a clear
# message when they are missing, so CI cannot build a binary without its UI.
#
#   scripts/build_web.sh [OUT_DIR]     (default: build/web)
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
OUT="${1:-$ROOT/build/web}"
WEB="$ROOT/web"

for tool in node npm; do
  if ! command -v "$tool" >/dev/null 2>&1; then
    echo "build_web.sh: '$tool' not found: the web front end (web/) needs Node.js 18+ and npm" >&2
    echo "  on Debian: apt-get install -y nodejs npm" >&2
    exit 1
  fi
done

major="$(node -p 'process.versions.node.split(".")[0]')"
if [[ "$major" -lt 18 ]]; then
  echo "build_web.sh: node $(node --version) is too old; the front end build needs Node.js 18+" >&2
  exit 1
fi

stamp="$WEB/node_modules/.package-lock.json"
if [[ ! -f "$stamp" || "$WEB/package-lock.json" -nt "$stamp" ]]; then
  echo "build_web.sh: npm ci (web/)"
  (cd "$WEB" && npm ci --no-audit --no-fund --loglevel=error)
fi

node "$WEB/build.mjs" "$OUT"
