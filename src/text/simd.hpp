// Which vector instructions the byte scans may use: SSE2 wherever the build
// targets it (every x86-64), AVX2 only where the processor running the
// program has it (asked once at run time; the AVX2 functions are compiled
// for it alone, with __attribute__((target("avx2"))), so the program still
// runs on processors without it).
#pragma once

#if defined(__SSE2__)
#include <emmintrin.h>
#endif
#if defined(__x86_64__) && defined(__GNUC__)
#include <immintrin.h>
#define JIXIAO_SCAN_AVX2 1
#endif

namespace jixiao {

#if defined(JIXIAO_SCAN_AVX2)
// Whether this processor has AVX2.
inline bool processor_has_avx2() {
  static const bool has = __builtin_cpu_supports("avx2");
  return has;
}
#endif

}  // namespace jixiao
