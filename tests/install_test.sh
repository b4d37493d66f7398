#!/usr/bin/env bash
# `cmake --install` gives a working jixiao: installed into a temporary prefix,
# the program (in bin/) finds its modules in lib/jixiao/ by itself and reads a
# Word file through them exactly as the build tree's program does; without
# the module it says which module is missing instead of failing silently.
#
#   tests/install_test.sh BUILD_DIR TESTS_DIR
set -euo pipefail
build=$1 tests=$2
prefix=$(mktemp -d); trap 'rm -rf "$prefix"' EXIT
unset JIXIAO_MODULE_DIR

cmake --install "$build" --prefix "$prefix" >/dev/null
fail() { echo "install_test: $*" >&2; exit 1; }
[ -x "$prefix/bin/jixiao" ] || fail "no bin/jixiao under the prefix"
ls "$prefix/bin" | grep -q '\.so$' && fail "modules were installed beside the program, not in lib/jixiao"
modules=$(find "$prefix" -path '*/jixiao/jixiao-originals.so')
[ -n "$modules" ] || fail "no jixiao-originals.so in a lib/.../jixiao directory"
[ -f "$(dirname "$modules")/jixiao-postgres.so" ] || fail "jixiao-postgres.so is not beside jixiao-originals.so"
find "$prefix" -name README.md -path '*doc*' | grep -q . || fail "the documentation was not installed"

docx="$tests/originals/000_9ff4f0a50c4ebbc0.docx"
"$build/jixiao" parse --json "$docx" > "$prefix/built.json"
"$prefix/bin/jixiao" parse --json "$docx" > "$prefix/installed.json" || fail "the installed jixiao could not read $docx"
cmp -s "$prefix/built.json" "$prefix/installed.json" || fail "the installed jixiao reads $docx differently"
grep -q '"format": *"jixiao/1"' "$prefix/installed.json" || fail "no jixiao/1 document from the installed jixiao"

rm "$modules"
if "$prefix/bin/jixiao" parse --json "$docx" > /dev/null 2> "$prefix/err"; then
  fail "the installed jixiao read $docx without its module"
fi
grep -q 'jixiao-originals.so' "$prefix/err" || fail "the error does not name the missing module: $(cat "$prefix/err")"
echo "install_test: ok ($prefix)"
