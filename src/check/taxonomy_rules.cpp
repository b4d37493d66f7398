// Taxonomy rules: every indicator sits on a known 一级/二级 of one of the two
// accepted trees (成本 under 产出, or 成本 as its own 一级 — model/taxonomy.hpp
// decides validity), its printed code agrees with its printed name, and its
// name fits the level it was filed under.
#include <fmt/format.h>

#include <algorithm>

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

const CodedReading& LevelReadings::add(const std::string& printed, const Print& print, std::size_t at) {
  CodedReading r;
  CodedLevel c = split_code(printed);
  r.code = c.code;
  r.has_name = !c.name.empty();
  if (!c.code.empty() && r.has_name) {
    r.level1_by_name = resolve_level1(c.name);
    r.level2_by_name = resolve_level2(c.name);
    r.level1_code_differs = r.level1_by_name && r.code != level1_code(*r.level1_by_name);
    r.level2_code_differs = r.level2_by_name && r.code != level2_code(*r.level2_by_name);
  }
  // A level recognised by its code whose printed name is none (misspelled),
  // or whose code is not its name's.
  const bool coded = !r.code.empty() && r.has_name;
  if (coded && !r.level1_by_name) r.level1_traits |= trait::kLevelMisspelled;
  if (coded && !r.level2_by_name) r.level2_traits |= trait::kLevelMisspelled;
  if (r.level1_code_differs) r.level1_traits |= trait::kLevelCodeDiffers;
  if (r.level2_code_differs) r.level2_traits |= trait::kLevelCodeDiffers;
  last_ = &entries_.emplace_back(printed, std::move(r));
  last_print_ = print;
  slots_[at] = {print, last_};
  if (++count_ * 2 > slots_.size()) {
    std::vector<Slot> old(slots_.size() * 2);
    old.swap(slots_);
    const std::size_t grown = slots_.size() - 1;
    for (const Slot& s : old) {
      if (!s.entry) continue;
      std::size_t i = slot_of(s.print);
      while (slots_[i].entry) i = (i + 1) & grown;
      slots_[i] = s;
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
    ctx.emit(ctx.at_indicator(u, p, i, no1 ? "level1" : "level2"), MessageId::LevelMissing,
             {ind.name, zh, en});
  };
  f.indicator_when = trait::kLevelGap;
  return f;
}

RuleFns taxonomy_level_unknown() {
  RuleFns f;
  f.indicator = [](Context& ctx, int u, int p, int i, const Indicator& ind, const IndicatorFacts& fi) {
    if (!fi.real()) return;  // placeholders and withheld cells have their own findings
    if (!ind.level1 && !utf8::trim(ind.level1_printed).empty()) {
      ctx.emit(ctx.at_indicator(u, p, i, "level1"), MessageId::Level1Unknown, {ind.level1_printed});
    }
    if (!ind.level2 && !utf8::trim(ind.level2_printed).empty()) {
      ctx.emit(ctx.at_indicator(u, p, i, "level2"), MessageId::Level2Unknown, {ind.level2_printed});
    }
  };
  f.indicator_when = trait::kLevelGap;
  return f;
}

RuleFns taxonomy_level_misspelled() {
  RuleFns f;
  f.indicator = [](Context& ctx, int u, int p, int i, const Indicator& ind, const IndicatorFacts& fi) {
    if (!fi.real()) return;  // placeholders and withheld cells have their own findings
    // Only a coded level can be read despite its name ("22-社会郊益").
    auto report = [&](const std::string& printed, const std::string& code, const char* canonical,
                      const char* field) {
      MessageArgs args{printed, canonical};
      args.copy(code);  // the document's facts hold it, and they go first
      ctx.emit(ctx.at_indicator(u, p, i, field), MessageId::LevelMisspelled, std::move(args));
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
  f.indicator_when = trait::kLevelMisspelled;
  return f;
}

RuleFns taxonomy_code_mismatch() {
  RuleFns f;
  f.indicator = [](Context& ctx, int u, int p, int i, const Indicator& ind, const IndicatorFacts& fi) {
    if (!fi.real()) return;  // placeholders and withheld cells have their own findings
    auto report = [&](const std::string& printed, const std::string& code, const char* name,
                      const char* expected, const char* field) {
      MessageArgs args{printed};
      args.copy(code);  // the document's facts hold it, and they go first
      args.view(name);
      args.view(expected);
      ctx.emit(ctx.at_indicator(u, p, i, field), MessageId::CodeMismatch, std::move(args));
    };
    if (ind.level1 && has_published_code(*ind.level1) && fi.level1_reading) {
      const CodedReading& r = *fi.level1_reading;
      if (r.level1_code_differs) {
        report(ind.level1_printed, r.code, level1_name(*r.level1_by_name), level1_code(*r.level1_by_name),
               "level1");
      }
    }
    if (ind.level2 && has_published_code(*ind.level2) && !(ind.level1 == Level1::Cost) && fi.level2_reading) {
      const CodedReading& r = *fi.level2_reading;
      if (r.level2_code_differs) {
        report(ind.level2_printed, r.code, level2_name(*r.level2_by_name), level2_code(*r.level2_by_name),
               "level2");
      }
    }
  };
  f.indicator_when = trait::kLevelCodeDiffers;
  return f;
}

RuleFns taxonomy_wrong_parent() {
  RuleFns f;
  f.indicator = [](Context& ctx, int u, int p, int i, const Indicator& ind, const IndicatorFacts& fi) {
    if (!fi.real()) return;  // placeholders and withheld cells have their own findings
    if (!ind.level1 || !ind.level2 || is_valid_parent(*ind.level1, *ind.level2)) return;
    const char* natural = level1_name(natural_parent(*ind.level2));
    ctx.emit(ctx.at_indicator(u, p, i, "level2"), MessageId::WrongParent,
             {level2_name(*ind.level2), level1_name(*ind.level1), natural});
  };
  f.indicator_when = trait::kWrongParent;
  return f;
}

RuleFns taxonomy_misfiled() {
  RuleFns f;
  f.indicator = [](Context& ctx, int u, int p, int i, const Indicator& ind, const IndicatorFacts& fi) {
    if (!fi.real()) return;  // placeholders and withheld cells have their own findings
    const Lexicon& lex = ctx.lex;
    std::string_view key = fi.name_key;
    // A count or size filed as a quality (domain.md §2: 效益/数量 content under 质量).
    if (ind.level2 == Level2::Quality && name_fact(fi, &TextMemo::Entry::quantity, [&] {
          return ends_in_cue(key, lex.quantity_suffix, lex.quantity_exempt);
        })) {
      ctx.emit(ctx.at_indicator(u, p, i, "level2"), MessageId::MisfiledQuantity, {ind.name});
      return;
    }
    // An effect stated as an output ("提高办公效率…" under 产出).
    if (level1_of(ind) != Level1::Output) return;
    if (!name_fact(fi, &TextMemo::Entry::outcome, [&] {
          return std::any_of(lex.outcome_prefix.begin(), lex.outcome_prefix.end(),
                             [&](const std::string& prefix) { return key.starts_with(prefix); });
        }))
      return;
    const char* filed = ind.level2 ? level2_name(*ind.level2) : level1_name(Level1::Output);
    ctx.emit(ctx.at_indicator(u, p, i, ind.level2 ? "level2" : "level1"), MessageId::MisfiledEffect,
             {ind.name, filed});
  };
  f.indicator_when = trait::kReal;
  return f;
}

}  // namespace jixiao::check::detail
