#!/usr/bin/env bash
# Bounded libFuzzer run of the text pipeline and the review under ASan/UBSan.
#
#   scripts/fuzz.sh [seconds]      (default 60)
#
# Builds fuzz/text_reader_fuzz in build-fuzz/ with clang, seeds a working
# corpus (build-fuzz/corpus) from tests/corpus/seeds, and fuzzes. Exits
# non-zero when libFuzzer reports a crash, leak, sanitizer error or timeout;
# the reproducer is left in build-fuzz/artifacts/.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

seconds="${1:-60}"
if ! [[ "$seconds" =~ ^[0-9]+$ ]]; then
  echo "usage: scripts/fuzz.sh [seconds]" >&2
  exit 2
fi

BUILD=build-fuzz
generator=()
if command -v ninja >/dev/null 2>&1; then
  generator=(-G Ninja)
  if [[ -f "$BUILD/CMakeCache.txt" ]] && ! grep -qx 'CMAKE_GENERATOR:INTERNAL=Ninja' "$BUILD/CMakeCache.txt"; then
    rm -rf "$BUILD/CMakeCache.txt" "$BUILD/CMakeFiles"
  fi
fi

CC=clang CXX=clang++ cmake -S . -B "$BUILD" "${generator[@]}" -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DJIXIAO_FUZZ=ON -DJIXIAO_SANITIZE=ON -DJIXIAO_TESTS=OFF -DJIXIAO_BENCH=OFF
cmake --build "$BUILD" --target text_reader_fuzz

fuzzer="$BUILD/fuzz/text_reader_fuzz"
corpus="$BUILD/corpus"
artifacts="$BUILD/artifacts"
mkdir -p "$corpus" "$artifacts"
# The working corpus grows across runs; the checked-in seeds are never written to.
cp -f tests/corpus/seeds/*.txt "$corpus"/
# Other provinces' layouts (tests/templates/<trait>/) reach the grid, tree and
# web-text readers that the seeds alone do not.
for f in tests/templates/*/*.txt; do cp -f "$f" "$corpus/template_$(basename "$(dirname "$f")")_$(basename "$f")"; done

export ASAN_OPTIONS="${ASAN_OPTIONS:-abort_on_error=1:detect_leaks=1}"
export UBSAN_OPTIONS="${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}"

echo "fuzzing for ${seconds}s (corpus: $corpus, $(find "$corpus" -type f | wc -l) inputs)"
rc=0
"$fuzzer" "$corpus" -dict=fuzz/text_reader.dict -max_total_time="$seconds" -max_len=65536 \
  -timeout=10 -rss_limit_mb=2048 -artifact_prefix="$artifacts/" -print_final_stats=1 || rc=$?
if [[ $rc -ne 0 ]]; then
  echo "fuzz: libFuzzer exited with status $rc; reproducer(s) in $artifacts/:" >&2
  ls -l "$artifacts" >&2 || true
  echo "reproduce with: $fuzzer $artifacts/<file>" >&2
  exit "$rc"
fi
echo "fuzz: no crash in ${seconds}s"
