// Shared by the store's own sources: exact amounts as hundredths.
#pragma once

#include <chrono>
#include <cstdint>
#include <ctime>
#include <optional>
#include <string>

#include "model/decimal.hpp"

namespace jixiao::store {

// Hundredths of the amount unit; nullopt when the decimal has non-zero digits
// beyond the second place or does not fit 64 bits.
std::optional<std::int64_t> to_cents(const Decimal& d);
std::optional<Decimal> from_cents(const std::optional<std::string>& text);

// JIXIAO_INGEST_TIMINGS=1: an ingest prints, on stderr, the wall time and the
// calling thread's CPU time of each of its phases (rows, index build, text
// search fill, ANALYZE, checkpoint), so a whole-corpus run can be split
// without a profiler. Off, a mark costs one branch.
class PhaseTimer {
 public:
  PhaseTimer();
  // Prints "NAME wall W s, thread cpu C s" since the previous mark (or the
  // construction), when enabled.
  void mark(const char* name);
  static bool enabled();

 private:
  std::chrono::steady_clock::time_point wall_;
  double cpu_ = 0;
};
double thread_cpu_seconds();

}  // namespace jixiao::store
