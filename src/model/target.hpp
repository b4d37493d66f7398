// A target value (指标值) read into a structured form, keeping the printed text.
//
// "≥95%" → {comparator: GreaterEqual, number: 95, unit: "%"}; "90%或以上" →
// GreaterEqual 90 %; "及时" → qualitative "及时"; "2023年1-12月" → a period
// text the reader keeps as qualitative with kind Period. Parsing never fails:
// what cannot be structured stays as text with kind Text.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "model/decimal.hpp"

namespace jixiao {

enum class Comparator { None, GreaterEqual, LessEqual, Greater, Less, Equal };

enum class TargetKind {
  Quantitative,  // a number, maybe with comparator and unit
  Qualitative,   // a grading word or phrase: 达标, 提升, 及时, 安全, 通过 …
  Period,        // a date or time span: 2023年1-12月, 2023年底前
  Text,          // anything else, kept verbatim (placeholders, sentences)
  Empty,
};

struct Target {
  std::string text;  // as printed (after the reader's normalisation)
  TargetKind kind = TargetKind::Empty;
  Comparator comparator = Comparator::None;
  std::optional<Decimal> number;  // the figure, exact
  std::string unit;               // "%", "个", "万元", "小时", "元/页" … ("" when none)
  std::string qualitative;        // the qualitative word(s) when kind is Qualitative
};

// Reads a printed target value. Accepts ≥ ≧ ≤ ≦ > ＞ < ＜ = and the word forms
// 大于等于/不低于/不少于/以上/或以上/及以上 (→ ≥), 小于等于/不高于/不超过/以下/以内/内 (→ ≤),
// 大于/超过 (→ >), 小于/低于 (→ <), 等于 (→ =); "百分比" as "%".
Target parse_target(std::string_view text);

// "≥", "≤", ">", "<", "=" or "".
const char* comparator_symbol(Comparator c);
const char* target_kind_name(TargetKind k);

}  // namespace jixiao
