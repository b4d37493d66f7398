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

// A rate's name: once per distinct name (name_fact).
bool is_rate(const IndicatorFacts& fi, const Lexicon& lex) {
  return name_fact(fi, &TextMemo::Entry::rate,
                   [&] { return ends_in_cue(fi.name_key, lex.rate_suffix, lex.rate_exempt); });
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
// per distinct name, kept in its memo entry (IndicatorFacts::name_entry).
int name_direction(const IndicatorFacts& fi, const Lexicon& lex) {
  TextMemo::Entry* e = fi.name_entry;
  const std::string_view key = fi.name_key;
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
    // The whole period's words mostly repeat the year's: asked once.
    const std::string* plain = nullptr;  // words found not vague
    for (const Cell& c : cells) {
      if (c.target->kind != TargetKind::Qualitative) continue;
      if (plain && *plain == c.target->qualitative) continue;
      if (!vague_words(c.target->qualitative, ctx.lex)) {
        plain = &c.target->qualitative;
        continue;
      }
      ctx.emit(ctx.at_indicator(u, p, i, c.field),
               is_rate(fi, ctx.lex) ? MessageId::VagueRate : MessageId::Vague,
               {c.target->qualitative});
      return;
    }
  };
  f.indicator_when = trait::kQualitative;
  return f;
}

RuleFns measure_descriptive() {
  RuleFns f;
  f.indicator = [](Context& ctx, int u, int p, int i, const Indicator&, const IndicatorFacts& fi) {
    if (!fi.real()) return;
    const Cells cells = cells_of(fi);
    const std::string* plain = nullptr;  // a text found not to be prose (the period's mostly repeats it)
    for (const Cell& c : cells) {
      const std::string& text = c.target->text;
      if (c.target->kind != TargetKind::Text || (plain && *plain == text)) continue;
      if (!descriptive(text, ctx)) {
        plain = &text;
        continue;
      }
      ctx.emit(ctx.at_indicator(u, p, i, c.field), MessageId::Descriptive, {text});
      return;
    }
  };
  f.indicator_when = trait::kText;
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
      MessageArgs args{ind.name, t.text};
      args.copy(ctx.policy.percent_limit.to_string());
      Finding& f = ctx.emit(ctx.at_indicator(u, p, i, c.field), MessageId::PercentOver, std::move(args));
      f.difference = (*t.number - ctx.policy.percent_limit).to_string();
      return;
    }
  };
  f.indicator_when = trait::kPercentOver;
  return f;
}

RuleFns measure_comparator_direction() {
  RuleFns f;
  f.indicator = [](Context& ctx, int u, int p, int i, const Indicator& ind, const IndicatorFacts& fi) {
    if (!fi.real()) return;
    const Cells cells = cells_of(fi);
    // Only a bounded target can point the wrong way.
    if (std::none_of(cells.begin(), cells.end(), [](const Cell& c) { return bounded_figure(*c.target); }))
      return;
    int direction = 0;
    if (ind.direction && ind.direction->find("正向") != std::string::npos) direction = +1;
    if (ind.direction && ind.direction->find("反向") != std::string::npos) direction = -1;
    if (direction == 0) direction = name_direction(fi, ctx.lex);
    if (direction == 0) return;
    for (const Cell& c : cells) {
      const Target& t = *c.target;
      if (t.kind != TargetKind::Quantitative) continue;
      bool caps = t.comparator == Comparator::LessEqual || t.comparator == Comparator::Less;
      bool floors = t.comparator == Comparator::GreaterEqual || t.comparator == Comparator::Greater;
      if (!(direction > 0 ? caps : floors)) continue;
      MessageArgs args{ind.name, t.text};
      args.copy(t.number ? t.number->to_string() : "");
      args.view(t.unit);
      ctx.emit(ctx.at_indicator(u, p, i, c.field),
               direction > 0 ? MessageId::CeilingOnHigher : MessageId::FloorOnLower, std::move(args));
      return;
    }
  };
  f.indicator_when = trait::kBounded;
  return f;
}

RuleFns measure_rate_without_percent() {
  RuleFns f;
  f.indicator = [](Context& ctx, int u, int p, int i, const Indicator& ind, const IndicatorFacts& fi) {
    if (!fi.real()) return;
    const Cells cells = cells_of(fi);
    // A figure without a rate unit first, the name's ending after: most
    // figures pass the first test, and the lookup showed in the profile.
    auto without_percent = [&](const Target& t) { return figure_without_rate_unit(t, ctx.lex); };
    if (std::none_of(cells.begin(), cells.end(), [&](const Cell& c) { return without_percent(*c.target); }))
      return;
    if (!is_rate(fi, ctx.lex)) return;
    for (const Cell& c : cells) {
      const Target& t = *c.target;
      if (!without_percent(t)) continue;
      MessageArgs args{ind.name, t.text};
      args.copy(comparator_symbol(t.comparator));
      args.copy(t.number->to_string());
      ctx.emit(ctx.at_indicator(u, p, i, c.field), MessageId::RateWithoutPercent, std::move(args));
      return;
    }
  };
  f.indicator_when = trait::kRateless;
  return f;
}

RuleFns measure_unit_missing() {
  RuleFns f;
  f.indicator = [](Context& ctx, int u, int p, int i, const Indicator& ind, const IndicatorFacts& fi) {
    if (!fi.real()) return;
    const Cells cells = cells_of(fi);
    // Most figures have their unit: the name's endings are looked up only
    // for an indicator with a bare figure (the lookups showed in the profile).
    auto bare = [](const Target& t) { return unitless_figure(t); };
    if (std::none_of(cells.begin(), cells.end(), [&](const Cell& c) { return bare(*c.target); })) return;
    if (is_rate(fi, ctx.lex)) return;  // measure.rate-without-percent speaks for rates
    int tag = 0;
    if (!ctx.lex.unit_cue.ending_of(fi.name_key, &tag)) return;
    const std::string& units = ctx.lex.unit_cue_units[tag];
    for (const Cell& c : cells) {
      const Target& t = *c.target;
      if (!bare(t)) continue;
      MessageArgs args{ind.name};
      args.copy(figure(t));
      args.copy(units);  // the Lexicon's: a finding may outlive its Checker
      ctx.emit(ctx.at_indicator(u, p, i, c.field), MessageId::UnitMissing, std::move(args));
      return;
    }
  };
  f.indicator_when = trait::kUnitless;
  return f;
}

}  // namespace jixiao::check::detail
