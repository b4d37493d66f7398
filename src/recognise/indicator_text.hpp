// Indicators written inline as running text, the way the summary table's
// 绩效指标 cell prints them:
//   1、1-产出指标；13-时效指标；按合同支付及时率；实施周期指标值:100%；年度指标值:100%。2、…
// Separators may be ；;:：,， (OCR mixes them) and words may be split by spaces.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "model/document.hpp"

namespace jixiao {

// Byte offset where the first inline indicator starts ("N、" then a 一级 and
// a 二级 level name), or npos. Numbered lists in goal text ("1、保障…") do
// not match because no level names follow.
std::size_t find_inline_indicator_start(std::string_view text);

// True when `text` itself begins with an inline indicator (a cheap test for
// one line; find_inline_indicator_start searches).
bool begins_inline_indicator(std::string_view text);

struct InlineIndicatorProblem {
  std::size_t offset;   // byte offset in the parsed text
  std::string message;  // what was expected
};

// Parses the running text from its first indicator to the end (what comes
// before that, a goal, is not read; offsets are in `text` all the same). Each
// indicator gets level1/level2 (printed and resolved), name and targets.
// A part that is missing is reported in `problems`; the indicator is kept.
// `offsets`, when given, receives each indicator's start offset in `text`
// (for provenance: the caller maps offsets back to source lines).
std::vector<Indicator> parse_inline_indicators(std::string_view text,
                                               std::vector<InlineIndicatorProblem>* problems,
                                               std::vector<std::size_t>* offsets = nullptr);

}  // namespace jixiao
