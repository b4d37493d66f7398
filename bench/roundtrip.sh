#!/usr/bin/env bash
# Round-trip agreement at scale: every (layout × format) case of
# src/render/roundtrip_test.cpp over N generated documents (default 5,000),
# undamaged and damaged, with the time each case took. Formats without a
# reader in parse_file are reported as skipped.
#
#   bench/roundtrip.sh [N] [build-dir]      e.g. bench/roundtrip.sh 5000 build
#   JIXIAO_ROUNDTRIP_DOCS_PDF=100 bench/roundtrip.sh  (PDF: one browser prints every document,
#                                                      a few seconds a document on this machine)
set -euo pipefail
N="${1:-5000}"
BUILD="${2:-build}"
TESTS="$BUILD/jixiao_tests"
[[ -x "$TESTS" ]] || { echo "roundtrip.sh: $TESTS not built" >&2; exit 2; }
out="$(mktemp)"
trap 'rm -f "$out"' EXIT
JIXIAO_ROUNDTRIP_DOCS="$N" JIXIAO_ROUNDTRIP_DAMAGED_DOCS="${JIXIAO_ROUNDTRIP_DAMAGED_DOCS:-$N}" "$TESTS" --gtest_filter='Formats/RoundTrip.*' \
  --gtest_output="json:$out" >/dev/null 2>&1 || true
python3 - "$out" "$N" <<'PY'
import json, sys
report = json.load(open(sys.argv[1]))
print(f"{'case':45} {'result':8} {'docs':>6} {'failures':>8} {'seconds':>8}")
bad = 0
for suite in report["testsuites"]:
    for t in suite["testsuite"]:
        name = t["name"]
        skipped = t.get("result") == "SKIPPED"
        failed = bool(t.get("failures"))
        bad += failed
        result = "skipped" if skipped else ("FAILED" if failed else "ok")
        secs = float(t.get("time", "0s").rstrip("s"))
        print(f"{name:45} {result:8} {t.get('documents', ''):>6} {t.get('failed_documents', '') if not skipped else '':>8} {secs:8.1f}")
        if failed:
            for f in t["failures"]:
                print("    " + "\n    ".join(f["failure"].splitlines()[:8]))
sys.exit(1 if bad else 0)
PY
