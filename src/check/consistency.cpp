// Consistency rules: targets that contradict each other or the budget, and
// text copied rather than written (domain.md §2: 相应匹配 — targets match the
// task and the money; reviewers report whole-period amounts entered as the
// annual one, and boilerplate).
#include <algorithm>
#include <charconv>
#include <map>

#include "check/rule_context.hpp"
#include "model/taxonomy.hpp"
#include "text/key.hpp"
#include "text/utf8.hpp"

namespace jixiao::check::detail {
namespace {

bool quantitative(const Target* t) { return t && t->kind == TargetKind::Quantitative && t->number; }

bool is_ceiling(Comparator c) { return c == Comparator::LessEqual || c == Comparator::Less; }

// Units of an amount that adds up over years (件, 台, 万元, 平方米), as opposed
// to a level (%, 小时, 分) or a ratio (元/页). A bare figure accumulates when
// the name says it counts (…数量, …人数).
bool accumulates(const Target& t, const IndicatorFacts& fi, const Lexicon& lex) {
  if (t.unit.empty()) {
    return ends_in_cue(fi.name_key, lex.quantity_suffix, lex.quantity_exempt);
  }
  if (t.unit.find('/') != std::string::npos) return false;
  for (const auto& u : lex.non_accumulating_unit) {
    if (t.unit == u) return false;
  }
  return true;
}

std::optional<int> money_power(const std::string& unit, const Lexicon& lex) {
  for (const auto& [name, power] : lex.money_unit) {
    if (unit == name) return power;
  }
  return std::nullopt;
}

std::string names_list(const Context& ctx, const std::vector<std::pair<int, int>>& members,
                       std::size_t max = 5) {
  std::string out;
  for (std::size_t k = 0; k < members.size() && k < max; ++k) {
    if (!out.empty()) out += "、";
    out += ctx.doc.units[members[k].first].projects[members[k].second].name.value_or("(未命名)");
  }
  if (members.size() > max) out += " 等";
  return out;
}

void emit_groups(Context& ctx, const std::vector<std::vector<std::pair<int, int>>>& groups, bool goal,
                 int size) {
  for (const auto& members : groups) {
    if (members.size() < 2) continue;
    MessageArgs args;
    args.copy(std::to_string(members.size()));
    args.copy(names_list(ctx, members));
    if (!goal) args.copy(std::to_string(size));
    Finding& f =
        ctx.emit(ctx.at_project(members[0].first, members[0].second, goal ? "goal" : "indicators"),
                 goal ? MessageId::BoilerplateGoal : MessageId::BoilerplateIndicators, std::move(args));
    for (std::size_t k = 1; k < members.size(); ++k) {
      f.related.push_back(ctx.at_project(members[k].first, members[k].second, goal ? "goal" : "indicators"));
    }
  }
}

}  // namespace

RuleFns consist_period_annual() {
  RuleFns f;
  f.indicator = [](Context& ctx, int u, int p, int i, const Indicator&, const IndicatorFacts& fi) {
    if (!fi.real()) return;
    const Target* period = fi.period_target;
    const Target* annual = fi.annual_target;
    if (!quantitative(period) || !quantitative(annual) || period->unit != annual->unit) return;
    if (is_ceiling(period->comparator) != is_ceiling(annual->comparator)) return;
    if (compare_decimals(*annual->number, *period->number) <= 0) return;
    if (!accumulates(*annual, fi, ctx.lex)) return;
    Finding& found = ctx.emit(ctx.at_indicator(u, p, i, "annual_target"), MessageId::PeriodAnnual,
                              {annual->text, period->text});
    found.difference = (*annual->number - *period->number).to_string();
  };
  f.indicator_when = trait::kTwoFigures;
  return f;
}

RuleFns consist_cost_over_budget() {
  RuleFns f;
  f.indicator = [](Context& ctx, int u, int p, int i, const Indicator& ind, const IndicatorFacts& fi) {
    if (!fi.real() || !is_cost(ind)) return;
    const Project& project = ctx.doc.units[u].projects[p];
    if (!project.amounts.total) return;
    std::optional<int> doc_power = money_power(ctx.doc.amount_unit, ctx.lex);
    if (!doc_power) return;
    const Decimal& budget = *project.amounts.total;
    for (bool annual : {true, false}) {
      const Target* t = annual ? fi.annual_target : fi.period_target;
      if (!quantitative(t) || t->comparator == Comparator::GreaterEqual ||
          t->comparator == Comparator::Greater)
        continue;
      std::optional<int> power = money_power(t->unit, ctx.lex);
      if (!power) continue;  // per-unit costs (元/页, 万元/人) are not the project's cost
      // The target in the document's unit (≤280.25万元 against 280.24 万元; ≤5000元 against 0.4 万元).
      std::optional<Decimal> in_doc_unit = shift_decimal(*t->number, *power - *doc_power);
      if (!in_doc_unit || in_doc_unit->compare(budget) <= 0) continue;
      Decimal over = *in_doc_unit - budget;
      MessageArgs args{t->text};
      args.copy(budget.to_string());
      args.view(ctx.doc.amount_unit);
      args.copy(over.to_string());
      Finding& found = ctx.emit(ctx.at_indicator(u, p, i, annual ? "annual_target" : "period_target"),
                                MessageId::CostOverBudget, std::move(args));
      found.difference = over.to_string();
      return;
    }
  };
  f.indicator_when = trait::kCost;
  return f;
}

RuleFns consist_duplicate_indicator() {
  RuleFns f;
  f.project = [](Context& ctx, int u, int p, const Project& project, const ProjectFacts& pf) {
    // Projects set a handful of indicators: comparing pairs beats hashing.
    for (std::size_t i = 1; i < pf.indicators.size(); ++i) {
      const IndicatorFacts& fi = pf.indicators[i];
      if (!fi.real() || fi.name_key.empty()) continue;
      std::size_t first = i;
      for (std::size_t j = 0; j < i && first == i; ++j) {
        const IndicatorFacts& fj = pf.indicators[j];
        if (fj.real() && fj.name_hash == fi.name_hash && fj.name_key == fi.name_key) first = j;
      }
      if (first == i) continue;
      const std::string& name = project.indicators[i].name;
      MessageArgs args{name};
      args.copy(std::to_string(first + 1));
      args.copy(std::to_string(i + 1));
      Finding& found =
          ctx.emit(ctx.at_indicator(u, p, int(i)), MessageId::DuplicateIndicator, std::move(args));
      found.related.push_back(ctx.at_indicator(u, p, int(first)));
    }
  };
  return f;
}

// Candidates by hash, as (hash, first-seen order, unit, project) sorted by
// hash: one allocation however many projects, most of them alone.
struct Candidate {
  std::uint64_t hash;
  std::size_t order;
  int unit, project;
};

template <typename SameText>
std::vector<std::vector<std::pair<int, int>>> confirmed_groups(std::vector<Candidate>& candidates,
                                                               SameText same) {
  std::sort(candidates.begin(), candidates.end(), [](const Candidate& a, const Candidate& b) {
    return a.hash != b.hash ? a.hash < b.hash : a.order < b.order;
  });
  std::vector<std::pair<std::size_t, std::vector<std::pair<int, int>>>> groups;  // (first order, members)
  for (std::size_t i = 0; i < candidates.size();) {
    std::size_t j = i;
    while (j < candidates.size() && candidates[j].hash == candidates[i].hash) ++j;
    if (j - i >= 2) {
      // Confirm on the texts themselves: equal hashes may hide different texts.
      std::vector<std::vector<std::pair<int, int>>> exact;
      for (std::size_t k = i; k < j; ++k) {
        std::pair<int, int> m{candidates[k].unit, candidates[k].project};
        auto it = std::find_if(exact.begin(), exact.end(), [&](const auto& e) { return same(e.front(), m); });
        if (it == exact.end())
          exact.push_back({m});
        else
          it->push_back(m);
      }
      for (std::size_t e = 0; e < exact.size(); ++e) {
        if (exact[e].size() >= 2) groups.emplace_back(candidates[i].order, std::move(exact[e]));
      }
    }
    i = j;
  }
  std::sort(groups.begin(), groups.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
  std::vector<std::vector<std::pair<int, int>>> out;
  for (auto& g : groups) out.push_back(std::move(g.second));
  return out;
}

RuleFns consist_boilerplate_goal() {
  RuleFns f;
  f.after = [](Context& ctx) {
    std::vector<Candidate> candidates;
    for (std::size_t u = 0; u < ctx.doc.units.size(); ++u) {
      for (std::size_t p = 0; p < ctx.doc.units[u].projects.size(); ++p) {
        const ProjectFacts& pf = ctx.project_facts(int(u), int(p));
        if (pf.goal_empty || pf.goal != Fill::Filled) continue;
        if (pf.goal_chars < static_cast<std::size_t>(ctx.policy.boilerplate_min_goal_chars)) continue;
        candidates.push_back({pf.goal_hash, candidates.size(), int(u), int(p)});
      }
    }
    auto goal = [&](std::pair<int, int> m) { return ctx.project_facts(m.first, m.second).goal_key; };
    auto groups = confirmed_groups(
        candidates, [&](std::pair<int, int> a, std::pair<int, int> b) { return goal(a) == goal(b); });
    emit_groups(ctx, groups, true, 0);
  };
  return f;
}

RuleFns consist_boilerplate_indicators() {
  RuleFns f;
  f.after = [](Context& ctx) {
    // An order-free hash of each project's indicator names finds candidates;
    // the sorted names confirm them.
    const std::size_t min = static_cast<std::size_t>(std::max(1, ctx.policy.boilerplate_min_indicators));
    std::vector<Candidate> candidates;
    for (std::size_t u = 0; u < ctx.doc.units.size(); ++u) {
      for (std::size_t p = 0; p < ctx.doc.units[u].projects.size(); ++p) {
        const ProjectFacts& pf = ctx.project_facts(int(u), int(p));
        if (static_cast<std::size_t>(pf.real_indicators) < min) continue;
        const std::uint64_t h =
            static_cast<std::uint64_t>(pf.real_indicators) * 0x9E3779B97F4A7C15ULL + pf.real_names_sum;
        candidates.push_back({h, candidates.size(), int(u), int(p)});
      }
    }
    auto names = [&](std::pair<int, int> m) {
      std::vector<std::string_view> out;
      for (const auto& fi : ctx.project_facts(m.first, m.second).indicators) {
        if (fi.real()) out.push_back(fi.name_key);
      }
      std::sort(out.begin(), out.end());
      return out;
    };
    auto groups = confirmed_groups(
        candidates, [&](std::pair<int, int> a, std::pair<int, int> b) { return names(a) == names(b); });
    for (const auto& g : groups) {
      emit_groups(ctx, {g}, false, ctx.project_facts(g.front().first, g.front().second).real_indicators);
    }
  };
  return f;
}

namespace {

// The Lexicon::spelling a bounded target uses (spelling.size() for none).
// The spelling is nearly always at the start ("≥95%") or the end ("90%以上"):
// those are looked at before the whole text is searched.
std::size_t find_spelling(const Target& t, const Lexicon& lex) {
  std::string folded_storage;
  std::string_view folded = t.text;
  if (folded.find('\xEF') != std::string_view::npos) folded = folded_storage = fold_width(t.text);
  const auto& spellings = lex.spelling;
  const std::vector<int>& own = lex.spelling_of[static_cast<std::size_t>(t.comparator)];
  for (int pass = 0; pass < 3; ++pass) {
    for (const int index : own) {  // longest spelling first
      const auto k = static_cast<std::size_t>(index);
      const std::string& sp = spellings[k].folded;
      bool hit = pass == 0   ? folded.starts_with(sp)
                 : pass == 1 ? folded.ends_with(sp)
                             : folded.find(sp) != std::string_view::npos;
      if (hit) return k;
    }
  }
  return spellings.size();
}

// find_spelling, once per distinct text and comparator (targets such as
// ≥95% recur on every page).
std::size_t memo_spelling(const Target& t, const Lexicon& lex) {
  // Most cells open with the comparator's symbol (≥95%, >99%): settled by
  // its first bytes, without a lookup whose entry was mostly out of cache.
  const auto c = static_cast<std::size_t>(t.comparator);
  if (const int k = lex.symbol_spelling[c]; k >= 0) {
    const std::string& symbol = lex.spelling[static_cast<std::size_t>(k)].symbol;
    if (std::string_view(t.text).starts_with(symbol)) return static_cast<std::size_t>(k);
  }
  TextMemo::Entry* e = TextMemo::of(lex).find(t.text);
  const auto comparator = static_cast<std::int8_t>(t.comparator);
  if (e && e->spelling_for == comparator) return static_cast<std::size_t>(e->spelling);
  const std::size_t k = find_spelling(t, lex);
  if (e) {
    e->spelling_for = comparator;
    e->spelling = static_cast<int>(k);
  }
  return k;
}

}  // namespace

RuleFns consist_comparator_spelling() {
  RuleFns f;
  // Tally the spellings indicator by indicator, then report once per document.
  f.indicator = [](Context& ctx, int u, int p, int i, const Indicator&, const IndicatorFacts& fi) {
    if (!fi.real()) return;
    auto& state = ctx.state;
    int counted = -1;  // an indicator counts once per spelling
    const Target* before = nullptr;  // the annual target, when looked up (the period's mostly repeats it)
    for (bool annual : {true, false}) {
      const Target* t = annual ? fi.annual_target : fi.period_target;
      if (!quantitative(t) || (annual ? fi.annual : fi.period) != Fill::Filled) continue;
      if (t->comparator == Comparator::None || t->comparator == Comparator::Equal) continue;
      const auto& spellings = ctx.lex.spelling;
      // The same text with the same comparator has the same spelling, already counted.
      if (before && before->comparator == t->comparator && before->text == t->text) continue;
      before = t;
      const std::size_t match = memo_spelling(*t, ctx.lex);
      if (match == spellings.size() || counted == int(match)) continue;
      const std::size_t k = match;
      counted = int(k);
      state.variant_glyph = state.variant_glyph || spellings[k].variant;
      if (state.spelling_slot.empty()) state.spelling_slot.assign(spellings.size(), -1);
      int& slot = state.spelling_slot[k];
      if (slot < 0) {
        slot = int(state.spellings.size());
        state.spellings.push_back(
            {int(k), 0, ctx.at_indicator(u, p, i, annual ? "annual_target" : "period_target")});
      }
      ++state.spellings[slot].indicators;
    }
  };
  f.after = [](Context& ctx) {
    const auto& uses = ctx.state.spellings;
    const auto& lex = ctx.lex.spelling;
    auto spellings_of = [&](const std::string& symbol) {
      return std::count_if(uses.begin(), uses.end(),
                           [&](const auto& e) { return lex[e.spelling].symbol == symbol; });
    };
    bool mixed = false;
    for (const auto& e : uses) mixed = mixed || spellings_of(lex[e.spelling].symbol) > 1;
    if (!mixed && !ctx.state.variant_glyph) return;
    // List each comparator that is mixed or uses a variant glyph, in first-seen order.
    std::vector<std::string> symbols;
    for (const auto& e : uses) {
      const std::string& symbol = lex[e.spelling].symbol;
      if (std::find(symbols.begin(), symbols.end(), symbol) == symbols.end()) symbols.push_back(symbol);
    }
    std::string zh, en;
    std::vector<Location> related;
    for (const auto& symbol : symbols) {
      bool listed = spellings_of(symbol) > 1;
      for (const auto& e : uses)
        listed = listed || (lex[e.spelling].symbol == symbol && lex[e.spelling].variant);
      if (!listed) continue;
      // Appended piece by piece: most documents mix spellings, and
      // formatting each piece through fmt cost more than the rest of the rule.
      zh += zh.empty() ? "" : "；";
      zh += symbol;
      zh += " 写作 ";
      en += en.empty() ? "" : "; ";
      en += symbol;
      en += " written as ";
      bool first = true;
      for (const auto& e : uses) {
        if (lex[e.spelling].symbol != symbol) continue;
        const std::string& spelling = lex[e.spelling].spelling;
        char count[16];
        const char* end = std::to_chars(count, count + sizeof count, e.indicators).ptr;
        const std::string_view n(count, static_cast<std::size_t>(end - count));
        zh += first ? "“" : "、“";
        zh += spelling;
        zh += "”（";
        zh += n;
        zh += " 个指标）";
        en += first ? "'" : ", '";
        en += spelling;
        en += "' (";
        en += n;
        en += e.indicators == 1 ? " indicator)" : " indicators)";
        first = false;
        related.push_back(e.first);
      }
    }
    MessageArgs args;
    args.copy(zh);
    args.copy(en);
    Finding& found = ctx.emit(ctx.at_document(), MessageId::ComparatorSpelling, std::move(args));
    found.related = std::move(related);
  };
  f.indicator_when = trait::kBounded;
  f.document_summary = true;
  return f;
}

}  // namespace jixiao::check::detail
