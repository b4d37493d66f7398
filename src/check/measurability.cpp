// Measurability rules (domain.md §2: 具体细化, "尽量定量", else 定性 分级分档;
// 101号: 量化易评): can a year-end reviewer tell whether the target was met?
// Each rule reports an indicator once, at the first cell that shows the
// problem (the annual target before the whole-period one).
#include <fmt/format.h>

#include <algorithm>

#include "check/rule_context.hpp"
#include "text/key.hpp"
#include "text/utf8.hpp"

namespace jixiao::check::detail {
namespace {

struct Cell {
  const Target* target;
  const char* field;
};

// At most two cells (annual, whole-period): no allocation per indicator.
struct Cells {
  Cell cell[2];
  int n = 0;
  const Cell* begin() const { return cell; }
  const Cell* end() const { return cell + n; }
};

// The filled cells of an indicator, annual first.
Cells cells_of(const IndicatorFacts& fi) {
  Cells cells;
  if (fi.annual == Fill::Filled && fi.annual_target)
    cells.cell[cells.n++] = {fi.annual_target, "annual_target"};
  if (fi.period == Fill::Filled && fi.period_target)
    cells.cell[cells.n++] = {fi.period_target, "period_target"};
  return cells;
}

bool is_rate(std::string_view key, const Lexicon& lex) {
  return ends_in_cue(key, lex.rate_suffix, lex.rate_exempt);
}

bool has_digit(std::string_view s) {
  for (std::size_t i = 0; i < s.size();) {
    std::size_t len = 0;
    char32_t cp = utf8::decode(s, i, &len);
    if ((cp >= '0' && cp <= '9') || (cp >= 0xFF10 && cp <= 0xFF19)) return true;
    i += len;
  }
  return false;
}

bool has_comparator_sign(std::string_view s) {
  for (std::string_view sign : {"≥", "≤", "≧", "≦", "⩾", "⩽", "<", ">", "＜", "＞", "="}) {
    if (s.find(sign) != std::string_view::npos) return true;
  }
  return false;
}

// Whether the words' key holds a vague word or qualifier; once per distinct
// words (有效提升, 明显改善 recur across a corpus).
bool vague_words(std::string_view words, const Lexicon& lex) {
  TextMemo::Entry* e = TextMemo::of(lex).find(words);
  if (e && e->vague >= 0) return e->vague != 0;
  const KeyForms key(words);
  const bool vague = lex.vague.found_in(key.key) || lex.vague_qualifiers.found_in(key.key);
  if (e) e->vague = vague ? 1 : 0;
  return vague;
}

// The direction an indicator's name says (+1 higher is better, -1 lower, 0
// neither): the longest ending decides, unless a neutral word occurs. Once
// per distinct name; `key` is the name's name form (IndicatorFacts::name_key).
int name_direction(std::string_view name, std::string_view key, const Lexicon& lex) {
  TextMemo::Entry* e = TextMemo::of(lex).find(name);
  if (e && e->direction != 2) return e->direction;
  int direction = 0;
  if (!lex.direction_neutral.found_in(key)) lex.direction.ending_of(key, &direction);
  if (e) e->direction = static_cast<std::int8_t>(direction);
  return direction;
}

// A text target that is prose: no figure, no comparator, at least the
// policy's length, and not a yes/no statement. Once per distinct text.
bool descriptive(std::string_view text, const Context& ctx) {
  TextMemo::Entry* e = TextMemo::of(ctx.lex).find(text);
  if (e && e->descriptive >= 0) return e->descriptive != 0;
  const bool prose =
      !has_digit(text) && !has_comparator_sign(text) &&
      utf8::length(utf8::trim(text)) >= static_cast<std::size_t>(ctx.policy.descriptive_min_chars) &&
      !ctx.lex.yes_no.ending_of(name_key(text));  // a verifiable yes/no statement
  if (e) e->descriptive = prose ? 1 : 0;
  return prose;
}

std::string figure(const Target& t) {
  return std::string(comparator_symbol(t.comparator)) + (t.number ? t.number->to_string() : "") + t.unit;
}

}  // namespace

RuleFns measure_vague_qualitative() {
  RuleFns f;
  f.indicator = [](Context& ctx, int u, int p, int i, const Indicator&, const IndicatorFacts& fi) {
    if (!fi.real()) return;
    const Cells cells = cells_of(fi);
    for (const Cell& c : cells) {
      if (c.target->kind != TargetKind::Qualitative) continue;
      if (!vague_words(c.target->qualitative, ctx.lex)) continue;
      const std::string& words = c.target->qualitative;
      Finding& f = ctx.emit(
          ctx.at_indicator(u, p, i, c.field),
          fmt::format("指标值“{}”只有方向或口径，没有可考核的程度", words),
          fmt::format("target '{}' gives a direction or a yardstick but no degree that can be assessed",
                      words));
      if (is_rate(fi.name_key, ctx.lex)) {
        f.fix_zh = "该指标是比率，写成百分比，如“≥95%”";
        f.fix_en = "the indicator is a rate: state it as a percentage, e.g. ≥95%";
      } else {
        f.fix_zh = "能量化的给出数值（如“≥x%”“≤x天”），不能量化的写明分级分档标准";
        f.fix_en = "give a figure where one is possible (≥x%, ≤x days), else graded levels (分级分档)";
      }
      return;
    }
  };
  return f;
}

RuleFns measure_descriptive() {
  RuleFns f;
  f.indicator = [](Context& ctx, int u, int p, int i, const Indicator&, const IndicatorFacts& fi) {
    if (!fi.real()) return;
    const Cells cells = cells_of(fi);
    for (const Cell& c : cells) {
      const std::string& text = c.target->text;
      if (c.target->kind != TargetKind::Text || !descriptive(text, ctx)) continue;
      Finding& f = ctx.emit(
          ctx.at_indicator(u, p, i, c.field), fmt::format("指标值是一段描述“{}”，不是可考核的目标值", text),
          fmt::format("the target is a description ('{}'), not a value that can be assessed", text));
      f.fix_zh = "给出数值目标，或写明可判定达成与否的分级标准";
      f.fix_en = "give a figure, or graded levels that decide whether it was met";
      return;
    }
  };
  return f;
}

RuleFns measure_percent_over_limit() {
  RuleFns f;
  f.indicator = [](Context& ctx, int u, int p, int i, const Indicator& ind, const IndicatorFacts& fi) {
    if (!fi.real()) return;
    const Cells cells = cells_of(fi);
    for (const Cell& c : cells) {
      const Target& t = *c.target;
      if (t.kind != TargetKind::Quantitative || t.unit != "%" || !t.number) continue;
      if (t.number->compare(ctx.policy.percent_limit) <= 0) continue;
      if (ctx.lex.percent_may_exceed.found_in(fi.name_key)) return;
      Finding& f = ctx.emit(
          ctx.at_indicator(u, p, i, c.field),
          fmt::format("“{}”的指标值 {} 超过 {}%", ind.name, t.text, ctx.policy.percent_limit.to_string()),
          fmt::format("'{}': target {} is above {}%", ind.name, t.text,
                      ctx.policy.percent_limit.to_string()));
      f.difference = (*t.number - ctx.policy.percent_limit).to_string();
      f.fix_zh = "比率不超过 100%；核对数值或计量单位";
      f.fix_en = "a share cannot exceed 100%; check the figure or its unit";
      return;
    }
  };
  return f;
}

RuleFns measure_comparator_direction() {
  RuleFns f;
  f.indicator = [](Context& ctx, int u, int p, int i, const Indicator& ind, const IndicatorFacts& fi) {
    if (!fi.real()) return;
    const Cells cells = cells_of(fi);
    bool bounded = false;  // only a bounded target can point the wrong way
    for (const Cell& c : cells) {
      const Comparator k = c.target->comparator;
      bounded = bounded || (c.target->kind == TargetKind::Quantitative && k != Comparator::None &&
                            k != Comparator::Equal);
    }
    if (!bounded) return;
    int direction = 0;
    if (ind.direction && ind.direction->find("正向") != std::string::npos) direction = +1;
    if (ind.direction && ind.direction->find("反向") != std::string::npos) direction = -1;
    if (direction == 0) direction = name_direction(ind.name, fi.name_key, ctx.lex);
    if (direction == 0) return;
    for (const Cell& c : cells) {
      const Target& t = *c.target;
      if (t.kind != TargetKind::Quantitative) continue;
      bool caps = t.comparator == Comparator::LessEqual || t.comparator == Comparator::Less;
      bool floors = t.comparator == Comparator::GreaterEqual || t.comparator == Comparator::Greater;
      if (!(direction > 0 ? caps : floors)) continue;
      Finding& f = ctx.emit(
          ctx.at_indicator(u, p, i, c.field),
          direction > 0 ? fmt::format("“{}”越高越好，指标值“{}”却是上限", ind.name, t.text)
                        : fmt::format("“{}”越低越好，指标值“{}”却是下限", ind.name, t.text),
          direction > 0
              ? fmt::format("'{}' is better when higher, but the target '{}' is a ceiling", ind.name, t.text)
              : fmt::format("'{}' is better when lower, but the target '{}' is a floor", ind.name, t.text));
      const char* right = direction > 0 ? "≥" : "≤";
      f.fix_zh = fmt::format("改为“{}{}{}”", right, t.number ? t.number->to_string() : "", t.unit);
      f.fix_en = fmt::format("write {}{}{}", right, t.number ? t.number->to_string() : "", t.unit);
      return;
    }
  };
  return f;
}

RuleFns measure_rate_without_percent() {
  RuleFns f;
  f.indicator = [](Context& ctx, int u, int p, int i, const Indicator& ind, const IndicatorFacts& fi) {
    if (!fi.real()) return;
    const Cells cells = cells_of(fi);
    // A figure without a rate unit first, the name's ending after: most
    // figures pass the first test, and the lookup showed in the profile.
    auto without_percent = [&](const Target& t) {
      if (t.kind != TargetKind::Quantitative || !t.number || t.number->is_zero()) return false;
      for (const auto& unit : ctx.lex.rate_unit) {
        if (t.unit == unit) return false;
      }
      return true;
    };
    if (std::none_of(cells.begin(), cells.end(), [&](const Cell& c) { return without_percent(*c.target); }))
      return;
    if (!is_rate(fi.name_key, ctx.lex)) return;
    for (const Cell& c : cells) {
      const Target& t = *c.target;
      if (!without_percent(t)) continue;
      Finding& f = ctx.emit(ctx.at_indicator(u, p, i, c.field),
                            fmt::format("“{}”是比率，指标值“{}”却没有 %", ind.name, t.text),
                            fmt::format("'{}' is a rate, but its target '{}' has no %", ind.name, t.text));
      f.fix_zh = fmt::format("写成“{}{}%”", comparator_symbol(t.comparator), t.number->to_string());
      f.fix_en = fmt::format("write {}{}%", comparator_symbol(t.comparator), t.number->to_string());
      return;
    }
  };
  return f;
}

RuleFns measure_unit_missing() {
  RuleFns f;
  f.indicator = [](Context& ctx, int u, int p, int i, const Indicator& ind, const IndicatorFacts& fi) {
    if (!fi.real()) return;
    const Cells cells = cells_of(fi);
    // Most figures have their unit: the name's endings are looked up only
    // for an indicator with a bare figure (the lookups showed in the profile).
    auto bare = [](const Target& t) {
      return t.kind == TargetKind::Quantitative && t.number && !t.number->is_zero() && t.unit.empty();
    };
    if (std::none_of(cells.begin(), cells.end(), [&](const Cell& c) { return bare(*c.target); })) return;
    if (is_rate(fi.name_key, ctx.lex)) return;  // measure.rate-without-percent speaks for rates
    int tag = 0;
    if (!ctx.lex.unit_cue.ending_of(fi.name_key, &tag)) return;
    const std::string& units = ctx.lex.unit_cue_units[tag];
    for (const Cell& c : cells) {
      const Target& t = *c.target;
      if (!bare(t)) continue;
      Finding& f = ctx.emit(ctx.at_indicator(u, p, i, c.field),
                            fmt::format("“{}”的指标值“{}”没有计量单位", ind.name, figure(t)),
                            fmt::format("'{}': the target '{}' has no unit", ind.name, figure(t)));
      f.fix_zh = fmt::format("补上计量单位（如{}）", units);
      f.fix_en = fmt::format("add the unit ({})", units);
      return;
    }
  };
  return f;
}

}  // namespace jixiao::check::detail
