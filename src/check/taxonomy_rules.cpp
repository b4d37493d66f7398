// Taxonomy rules: every indicator sits on a known 一级/二级 of one of the two
// accepted trees (成本 under 产出, or 成本 as its own 一级 — model/taxonomy.hpp
// decides validity), its printed code agrees with its printed name, and its
// name fits the level it was filed under.
#include <fmt/format.h>

#include "check/rule_context.hpp"
#include "model/taxonomy.hpp"
#include "text/utf8.hpp"

namespace jixiao::check::detail {
namespace {

struct CodedLevel {
  std::string code;       // "12" of "12-时效指标"; "" when none is printed
  std::string_view name;  // "时效指标"
};

// Splits a printed level into its numeric code and its name ("22-社会效益",
// "1.产出指标", "3、满意度指标"); the whole text is the name when no code leads.
CodedLevel split_code(std::string_view printed) {
  std::string_view s = utf8::trim(printed);
  std::size_t i = 0;
  while (i < s.size() && s[i] >= '0' && s[i] <= '9') ++i;
  if (i == 0) return {"", s};
  std::size_t j = i;
  while (j < s.size() && s[j] == ' ') ++j;
  for (std::string_view sep : {"-", ".", "_", "－", "、", "．"}) {
    if (s.substr(j).starts_with(sep))
      return {std::string(s.substr(0, i)), utf8::trim(s.substr(j + sep.size()))};
  }
  return {"", s};
}

// Codes the tables print; the 101号 cost levels have none (model/taxonomy.hpp
// gives them internal codes, which a printed code must not be held against).
bool has_published_code(Level1 l) { return l != Level1::Cost; }
bool has_published_code(Level2 l) {
  return l != Level2::EconomicCost && l != Level2::SocialCost && l != Level2::EcologicalCost;
}

}  // namespace

const CodedReading& LevelReadings::get(const std::string& printed) {
  // Consecutive indicators mostly repeat the level they sit under.
  if (last_ && last_->first == printed) return last_->second;
  if (index_.empty()) {
    for (const Entry& e : entries_) {
      if (e.first == printed) {
        last_ = &e;
        return e.second;
      }
    }
  } else if (auto it = index_.find(printed); it != index_.end()) {
    last_ = it->second;
    return last_->second;
  }
  CodedReading r;
  CodedLevel c = split_code(printed);
  r.code = c.code;
  r.has_name = !c.name.empty();
  if (!c.code.empty() && r.has_name) {
    r.level1_by_name = resolve_level1(c.name);
    r.level2_by_name = resolve_level2(c.name);
  }
  last_ = &entries_.emplace_back(printed, std::move(r));
  if (entries_.size() > kLinear) {
    if (index_.empty()) {
      for (const Entry& e : entries_) index_.emplace(e.first, &e);
    } else {
      index_.emplace(last_->first, last_);
    }
  }
  return last_->second;
}

RuleFns taxonomy_level_missing() {
  RuleFns f;
  f.indicator = [](Context& ctx, int u, int p, int i, const Indicator& ind, const IndicatorFacts& fi) {
    if (!fi.real()) return;  // placeholders and withheld cells have their own findings
    bool no1 = !ind.level1 && utf8::trim(ind.level1_printed).empty();
    bool no2 = !ind.level2 && utf8::trim(ind.level2_printed).empty();
    if (!no1 && !no2) return;
    const char* zh = no1 && no2 ? "一级和二级指标" : no1 ? "一级指标" : "二级指标";
    const char* en = no1 && no2 ? "its 一级 and 二级 levels" : no1 ? "its 一级 level" : "its 二级 level";
    Finding& found = ctx.emit(ctx.at_indicator(u, p, i, no1 ? "level1" : "level2"),
                              fmt::format("指标“{}”缺少{}", ind.name, zh),
                              fmt::format("indicator '{}' lacks {}", ind.name, en));
    found.fix_zh = "补上该指标所属的指标层级";
    found.fix_en = "state the level the indicator belongs to";
  };
  return f;
}

RuleFns taxonomy_level_unknown() {
  RuleFns f;
  f.indicator = [](Context& ctx, int u, int p, int i, const Indicator& ind, const IndicatorFacts& fi) {
    if (!fi.real()) return;  // placeholders and withheld cells have their own findings
    if (!ind.level1 && !utf8::trim(ind.level1_printed).empty()) {
      Finding& found = ctx.emit(ctx.at_indicator(u, p, i, "level1"),
                                fmt::format("一级指标“{}”不是已知的指标层级", ind.level1_printed),
                                fmt::format("一级 '{}' is not a known level", ind.level1_printed));
      found.fix_zh = "改为 产出指标、效益指标、满意度指标 或 成本指标";
      found.fix_en = "use 产出指标, 效益指标, 满意度指标 or 成本指标";
    }
    if (!ind.level2 && !utf8::trim(ind.level2_printed).empty()) {
      Finding& found = ctx.emit(ctx.at_indicator(u, p, i, "level2"),
                                fmt::format("二级指标“{}”不是已知的指标层级", ind.level2_printed),
                                fmt::format("二级 '{}' is not a known level", ind.level2_printed));
      found.fix_zh =
          "改为 数量、质量、时效、成本、经济效益、社会效益、生态效益、可持续影响 或 服务对象满意度指标";
      found.fix_en = "use one of the 二级 levels of the accepted trees (数量指标 … 服务对象满意度指标)";
    }
  };
  return f;
}

RuleFns taxonomy_level_misspelled() {
  RuleFns f;
  f.indicator = [](Context& ctx, int u, int p, int i, const Indicator& ind, const IndicatorFacts& fi) {
    if (!fi.real()) return;  // placeholders and withheld cells have their own findings
    // Only a coded level can be read despite its name ("22-社会郊益").
    auto report = [&](const std::string& printed, const std::string& code, const char* canonical,
                      const char* field) {
      Finding& found =
          ctx.emit(ctx.at_indicator(u, p, i, field),
                   fmt::format("指标层级“{}”名称有误，按编码读作{}", printed, canonical),
                   fmt::format("level '{}' is misspelled; read by its code as {}", printed, canonical));
      found.fix_zh = fmt::format("改为 {}-{}", code, canonical);
      found.fix_en = fmt::format("write {}-{}", code, canonical);
    };
    if (ind.level1 && fi.level1_reading) {
      const CodedReading& r = *fi.level1_reading;
      if (!r.code.empty() && r.has_name && !r.level1_by_name) {
        report(ind.level1_printed, r.code, level1_name(*ind.level1), "level1");
      }
    }
    if (ind.level2 && fi.level2_reading) {
      const CodedReading& r = *fi.level2_reading;
      if (!r.code.empty() && r.has_name && !r.level2_by_name) {
        report(ind.level2_printed, r.code, level2_name(*ind.level2), "level2");
      }
    }
  };
  return f;
}

RuleFns taxonomy_code_mismatch() {
  RuleFns f;
  f.indicator = [](Context& ctx, int u, int p, int i, const Indicator& ind, const IndicatorFacts& fi) {
    if (!fi.real()) return;  // placeholders and withheld cells have their own findings
    auto report = [&](const std::string& printed, const std::string& code, const char* name,
                      const char* expected, const char* field) {
      Finding& found = ctx.emit(
          ctx.at_indicator(u, p, i, field),
          fmt::format("指标层级“{}”的编码 {} 与名称不符：{}的编码是 {}", printed, code, name, expected),
          fmt::format("level '{}': code {} does not match the name; {} is coded {}", printed, code, name,
                      expected));
      found.fix_zh = fmt::format("改为 {}-{}，或核对该指标应属的层级", expected, name);
      found.fix_en =
          fmt::format("write {}-{}, or check which level the indicator belongs to", expected, name);
    };
    if (ind.level1 && has_published_code(*ind.level1) && fi.level1_reading) {
      const CodedReading& r = *fi.level1_reading;
      if (!r.code.empty() && r.level1_by_name && r.code != level1_code(*r.level1_by_name)) {
        report(ind.level1_printed, r.code, level1_name(*r.level1_by_name), level1_code(*r.level1_by_name),
               "level1");
      }
    }
    if (ind.level2 && has_published_code(*ind.level2) && !(ind.level1 == Level1::Cost) && fi.level2_reading) {
      const CodedReading& r = *fi.level2_reading;
      if (!r.code.empty() && r.level2_by_name && r.code != level2_code(*r.level2_by_name)) {
        report(ind.level2_printed, r.code, level2_name(*r.level2_by_name), level2_code(*r.level2_by_name),
               "level2");
      }
    }
  };
  return f;
}

RuleFns taxonomy_wrong_parent() {
  RuleFns f;
  f.indicator = [](Context& ctx, int u, int p, int i, const Indicator& ind, const IndicatorFacts& fi) {
    if (!fi.real()) return;  // placeholders and withheld cells have their own findings
    if (!ind.level1 || !ind.level2 || is_valid_parent(*ind.level1, *ind.level2)) return;
    const char* natural = level1_name(natural_parent(*ind.level2));
    Finding& found = ctx.emit(ctx.at_indicator(u, p, i, "level2"),
                              fmt::format("二级指标{}不属于一级指标{}（应在{}下）", level2_name(*ind.level2),
                                          level1_name(*ind.level1), natural),
                              fmt::format("二级 {} does not belong under 一级 {} (it belongs under {})",
                                          level2_name(*ind.level2), level1_name(*ind.level1), natural));
    found.fix_zh = fmt::format("把该指标移到{}下，或改正二级指标", natural);
    found.fix_en = fmt::format("move the indicator under {}, or correct its 二级", natural);
  };
  return f;
}

RuleFns taxonomy_misfiled() {
  RuleFns f;
  f.indicator = [](Context& ctx, int u, int p, int i, const Indicator& ind, const IndicatorFacts& fi) {
    if (!fi.real()) return;  // placeholders and withheld cells have their own findings
    const Lexicon& lex = ctx.lex;
    std::string_view key = fi.name_key;
    // A count or size filed as a quality (domain.md §2: 效益/数量 content under 质量).
    if (ind.level2 == Level2::Quality && ends_in_cue(key, lex.quantity_suffix, lex.quantity_exempt)) {
      Finding& found = ctx.emit(ctx.at_indicator(u, p, i, "level2"),
                                fmt::format("“{}”是数量类指标，却填在质量指标下", ind.name),
                                fmt::format("'{}' counts a quantity but is filed under 质量指标", ind.name));
      found.fix_zh = "移到数量指标下，或改为衡量质量的指标（如验收合格率）";
      found.fix_en = "move it under 数量指标, or replace it with a quality measure (such as a pass rate)";
      return;
    }
    // An effect stated as an output ("提高办公效率…" under 产出).
    if (level1_of(ind) != Level1::Output) return;
    for (const auto& prefix : lex.outcome_prefix) {
      if (!key.starts_with(prefix)) continue;
      std::string filed = ind.level2 ? level2_name(*ind.level2) : level1_name(Level1::Output);
      Finding& found =
          ctx.emit(ctx.at_indicator(u, p, i, ind.level2 ? "level2" : "level1"),
                   fmt::format("“{}”描述的是效果，却填在产出指标（{}）下", ind.name, filed),
                   fmt::format("'{}' states an effect but is filed under 产出指标 ({})", ind.name, filed));
      found.fix_zh = "移到效益指标下，或改写为可计量的产出";
      found.fix_en = "move it under 效益指标, or restate it as a measurable output";
      return;
    }
  };
  return f;
}

}  // namespace jixiao::check::detail
