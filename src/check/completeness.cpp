// Completeness rules: a project has a goal and indicators, covers the 一级
// the policy requires, and fills every cell with content rather than template
// text. A project whose cells are all placeholders or withheld gets the
// placeholder/withheld finding only: the coverage findings would repeat it.
#include <fmt/format.h>

#include <map>

#include "check/rule_context.hpp"
#include "model/taxonomy.hpp"
#include "text/utf8.hpp"

namespace jixiao::check::detail {
namespace {

std::string snippet(std::string_view text, std::size_t chars = 30) {
  std::string_view t = utf8::trim(text);
  std::string_view head = utf8::prefix(t, chars);
  return head.size() < t.size() ? std::string(head) + "…" : std::string(head);
}

// Coverage applies to projects that set indicators of their own.
bool coverage_applies(const ProjectFacts& pf) { return pf.real_indicators > 0 && !pf.withheld; }

// Figures the policy lets repeat (0, 100).
bool exempt(const Decimal& d, const Lexicon& lex) {
  for (const Decimal& e : lex.junk_exempt) {
    if (d == e) return true;
  }
  return false;
}

}  // namespace

RuleFns complete_no_indicators() {
  RuleFns f;
  f.project = [](Context& ctx, int u, int p, const Project& project, const ProjectFacts& pf) {
    if (!project.indicators.empty() || pf.withheld) return;
    ctx.emit(ctx.at_project(u, p, "indicators"), MessageId::NoIndicators);
  };
  return f;
}

RuleFns complete_withheld() {
  RuleFns f;
  f.project = [](Context& ctx, int u, int p, const Project& project, const ProjectFacts& pf) {
    if (!pf.withheld) return;
    std::string evidence;
    const char* field = "goal";
    if (pf.goal == Fill::Withheld) {
      evidence = snippet(*project.goal);
    } else {
      for (std::size_t i = 0; i < project.indicators.size(); ++i) {
        if (pf.indicators[i].withheld()) {
          evidence = snippet(project.indicators[i].name);
          field = "indicators";
          break;
        }
      }
    }
    MessageArgs args;
    args.copy(evidence);
    ctx.emit(ctx.at_project(u, p, field), MessageId::Withheld, std::move(args));
  };
  return f;
}

RuleFns complete_empty_goal() {
  RuleFns f;
  f.project = [](Context& ctx, int u, int p, const Project&, const ProjectFacts& pf) {
    if (!pf.goal_empty || pf.withheld) return;
    ctx.emit(ctx.at_project(u, p, "goal"), MessageId::EmptyGoal);
  };
  return f;
}

RuleFns complete_placeholder() {
  RuleFns f;
  f.project = [](Context& ctx, int u, int p, const Project& project, const ProjectFacts& pf) {
    if (pf.goal != Fill::Unfilled) return;
    MessageArgs args;
    args.copy(snippet(*project.goal));
    ctx.emit(ctx.at_project(u, p, "goal"), MessageId::PlaceholderGoal, std::move(args));
  };
  f.indicator = [](Context& ctx, int u, int p, int i, const Indicator& ind, const IndicatorFacts& fi) {
    if (fi.withheld() || !fi.unfilled()) return;
    std::vector<std::string> fields_zh, fields_en;
    const char* field = nullptr;
    std::string text;
    auto note = [&](Fill fill, const char* zh, const char* name, const std::string& t) {
      if (fill != Fill::Unfilled) return;
      fields_zh.push_back(zh);
      fields_en.push_back(name);
      if (!field) {
        field = name;
        text = t;
      }
    };
    note(fi.name, "指标名称", "name", ind.name);
    note(fi.period, "实施周期指标值", "period_target", ind.period_target ? ind.period_target->text : "");
    note(fi.annual, "年度指标值", "annual_target", ind.annual_target ? ind.annual_target->text : "");
    std::string which, which_en;
    for (const auto& w : fields_zh) which += (which.empty() ? "" : "、") + w;
    for (const auto& w : fields_en) which_en += (which_en.empty() ? "" : ", ") + w;
    MessageArgs args;
    args.copy(which);
    args.copy(which_en);
    args.copy(snippet(text));
    ctx.emit(ctx.at_indicator(u, p, i, field ? field : ""), MessageId::PlaceholderIndicator, std::move(args));
  };
  f.indicator_when = trait::kUnfilled;
  return f;
}

RuleFns complete_no_target() {
  RuleFns f;
  f.indicator = [](Context& ctx, int u, int p, int i, const Indicator& ind, const IndicatorFacts& fi) {
    if (!fi.real() || fi.annual_target || fi.period_target) return;
    ctx.emit(ctx.at_indicator(u, p, i, "annual_target"), MessageId::NoTarget, {ind.name});
  };
  f.indicator_when = trait::kNoTarget;
  return f;
}

RuleFns complete_no_output() {
  RuleFns f;
  f.project = [](Context& ctx, int u, int p, const Project&, const ProjectFacts& pf) {
    if (!ctx.policy.require_output || !coverage_applies(pf)) return;
    if (pf.covered & cover::kOutput) return;
    ctx.emit(ctx.at_project(u, p, "indicators"), MessageId::NoOutput);
  };
  return f;
}

RuleFns complete_no_benefit() {
  RuleFns f;
  f.project = [](Context& ctx, int u, int p, const Project&, const ProjectFacts& pf) {
    if (!ctx.policy.require_benefit || !coverage_applies(pf)) return;
    if (pf.covered & cover::kBenefit) return;
    const bool satisfaction = pf.covered & cover::kSatisfaction;
    // domain.md §2: reviewers report 满意度 used in place of 效益.
    ctx.emit(ctx.at_project(u, p, "indicators"),
             satisfaction ? MessageId::NoBenefitOnlySatisfaction : MessageId::NoBenefit);
  };
  return f;
}

RuleFns complete_no_satisfaction() {
  RuleFns f;
  f.project = [](Context& ctx, int u, int p, const Project&, const ProjectFacts& pf) {
    if (!ctx.policy.require_satisfaction || !coverage_applies(pf)) return;
    if (pf.covered & cover::kSatisfactionAny) return;
    ctx.emit(ctx.at_project(u, p, "indicators"), MessageId::NoSatisfaction);
  };
  return f;
}

RuleFns complete_no_cost() {
  RuleFns f;
  f.project = [](Context& ctx, int u, int p, const Project&, const ProjectFacts& pf) {
    if (!ctx.policy.require_cost || !coverage_applies(pf) || (pf.covered & cover::kCost)) return;
    ctx.emit(ctx.at_project(u, p, "indicators"), MessageId::NoCost);
  };
  return f;
}

RuleFns complete_junk_number() {
  RuleFns f;
  // Tally during the pass; decide at the end: junk filling most cells of a
  // document with one or two indicators per project is one document finding,
  // not one per project.
  f.project = [](Context& ctx, int u, int p, const Project&, const ProjectFacts& pf) {
    RuleState& st = ctx.state;
    st.junk_cells += pf.target_cells;
    // No bare figure: none to tally, and the project is not wholly one figure.
    if (pf.bare_cells == 0) return;
    std::optional<Decimal> same;
    bool uniform = true;
    for (const IndicatorFacts& fi : pf.indicators) {
      if (!fi.real()) continue;
      for (const Target* t : {fi.period_target, fi.annual_target}) {
        if (!t) continue;
        const Decimal* d = bare_figure(t);
        if (d) ++st.junk_bare[*d];
        if (!d || (same && *same != *d)) uniform = false;
        if (d && !same) same = *d;
      }
    }
    if (uniform && same && pf.real_indicators >= std::max(1, ctx.policy.junk_min_indicators) &&
        !exempt(*same, ctx.lex)) {
      st.junk_projects.push_back({u, p, pf.real_indicators, *same});
    }
  };
  f.after = [](Context& ctx) {
    const RuleState& st = ctx.state;
    const int cells = st.junk_cells;
    for (const auto& [number, count] : st.junk_bare) {
      if (exempt(number, ctx.lex)) continue;
      if (cells >= ctx.policy.junk_document_min_cells &&
          count * 100 >= ctx.policy.junk_document_share * cells) {
        MessageArgs args;
        args.copy(std::to_string(cells));
        args.copy(std::to_string(count));
        args.copy(number.to_string());
        ctx.emit(ctx.at_document(), MessageId::JunkDocument, std::move(args));
        return;
      }
    }
    for (const auto& j : st.junk_projects) {
      MessageArgs args;
      args.copy(std::to_string(j.indicators));
      args.copy(j.figure.to_string());
      ctx.emit(ctx.at_project(j.unit, j.project, "indicators"), MessageId::JunkProject, std::move(args));
    }
  };
  return f;
}

}  // namespace jixiao::check::detail
