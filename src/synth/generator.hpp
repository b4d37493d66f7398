// Synthetic 绩效目标表 documents for round-trip tests and benchmarks.
//
// generate_document(seed, options) builds a Document that looks like the
// published tables (department, units, projects, goals, indicators over the
// classic 产出/效益/满意度 tree) and is internally exact: every project's
// total is the sum of its funding columns, every unit the sum of its projects
// and the 合计 the sum of the units, all as two-place Decimals.
//
// Promises:
//  - Deterministic: the same seed and options give the same document on every
//    platform and standard library (own bounded draws, no std::*_distribution).
//  - Readable back: what is generated is what a careful reader can recover
//    from the rendered text (render/text_render.hpp). In the summary layout a
//    row prints its non-empty amounts without column positions, so the
//    generator keeps the reading unique: 财政专户拨款 only appears together
//    with 财政拨款 and 其他资金 (four figures), three figures are always
//    总计/财政拨款/其他资金, and a unit has at most one project funded by
//    其他资金 alone, whose total no other two-figure project (nor, in units
//    of up to 200 such projects, any pair of them) repeats, so the unit's
//    sums single it out.
//  - Texts are already in the reader's normal form: ASCII digits and %,
//    no U+3000, no leading or trailing spaces.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>

#include "model/document.hpp"

namespace jixiao {

// SplitMix64: small, fast, and the same sequence everywhere. Bounded draws use
// rejection sampling so results do not depend on the standard library.
class SynthRng {
 public:
  explicit SynthRng(std::uint64_t seed) : state_(seed) {}

  std::uint64_t next() {
    std::uint64_t z = (state_ += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
  }
  // Uniform in [0, n); n == 0 gives 0.
  std::uint64_t below(std::uint64_t n) {
    if (n == 0) return 0;
    const std::uint64_t limit = UINT64_MAX - UINT64_MAX % n;  // reject the biased tail
    std::uint64_t x = next();
    while (x >= limit) x = next();
    return x % n;
  }
  // Uniform in [lo, hi] (inclusive); lo > hi gives lo.
  std::int64_t between(std::int64_t lo, std::int64_t hi) {
    if (hi <= lo) return lo;
    return lo + static_cast<std::int64_t>(below(static_cast<std::uint64_t>(hi - lo) + 1));
  }
  // True with probability percent/100.
  bool percent(int p) { return static_cast<int>(below(100)) < p; }
  template <typename T, std::size_t N>
  const T& pick(const T (&items)[N]) {
    return items[below(N)];
  }
  // An independent stream for a sub-task (so adding draws in one part of a
  // generator does not shift every later part).
  SynthRng fork(std::uint64_t salt) { return SynthRng(next() ^ (salt * 0xD1B54A32D192ED03ULL)); }

 private:
  std::uint64_t state_;
};

struct GenerateOptions {
  // "summary" (项目支出绩效目标表 with units, 合计 and inline indicators) or
  // "project-grid" (one 一级/二级/三级 table per project, seed 003).
  std::string layout = "summary";
  int min_units = 1, max_units = 3;         // summary only; grid has one unit
  int min_projects = 2, max_projects = 25;  // per unit (summary) or per document (grid)
  int min_indicators = 1, max_indicators = 12;
  // When > 0: exactly this many projects in the whole document, spread over
  // the units. Makes one arbitrarily large document for throughput tests.
  std::size_t projects = 0;
  // Percent chances of the rarer shapes the seeds show.
  int placeholder_percent = 2;     // an indicator left as 待单位补充...
  int period_differs_percent = 6;  // 实施周期指标值 ≠ 年度指标值 (summary)
  int other_only_percent = 35;     // a unit has one project funded by 其他资金 only
  int mixed_funding_percent = 5;   // a project with both 财政拨款 and 其他资金
  int special_percent = 2;         // a project with all of 财政拨款/财政专户拨款/其他资金
  int null_goal_percent = 1;       // a project row with no 绩效目标
};

// The layouts generate_document knows.
bool is_known_layout(const std::string& layout);

Document generate_document(std::uint64_t seed, const GenerateOptions& options);

}  // namespace jixiao
