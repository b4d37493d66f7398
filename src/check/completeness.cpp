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

// Whether a project's real indicators include one that satisfies `pred`.
template <typename Pred>
bool covers(const Project& project, const ProjectFacts& pf, Pred pred) {
  for (std::size_t i = 0; i < project.indicators.size(); ++i) {
    if (pf.indicators[i].real() && pred(project.indicators[i])) return true;
  }
  return false;
}

// Coverage applies to projects that set indicators of their own.
bool coverage_applies(const ProjectFacts& pf) { return pf.real_indicators > 0 && !pf.withheld; }

// A figure with nothing else: no unit and no comparator. Printed junk
// ("88100") looks like this.
const Decimal* bare_figure(const Target* t) {
  if (!t || t->kind != TargetKind::Quantitative || !t->number || !t->unit.empty() ||
      t->comparator != Comparator::None) {
    return nullptr;
  }
  return &*t->number;
}

// Figures the policy lets repeat (0, 100).
bool exempt(const Decimal& d, const Lexicon& lex) {
  for (const Decimal& e : lex.junk_exempt) {
    if (d == e) return true;
  }
  return false;
}

void junk_message(Finding& f) {
  f.fix_zh = "逐项填写真实的指标值和计量单位";
  f.fix_en = "fill in each indicator's real target value and unit";
}

}  // namespace

RuleFns complete_no_indicators() {
  RuleFns f;
  f.project = [](Context& ctx, int u, int p, const Project& project, const ProjectFacts& pf) {
    if (!project.indicators.empty() || pf.withheld) return;
    Finding& found = ctx.emit(ctx.at_project(u, p, "indicators"), "项目没有设置任何绩效指标",
                              "the project sets no performance indicators");
    found.fix_zh = "按产出、效益、满意度设置绩效指标";
    found.fix_en = "set indicators for 产出, 效益 and 满意度";
  };
  return f;
}

RuleFns complete_withheld() {
  RuleFns f;
  f.project = [](Context& ctx, int u, int p, const Project& project, const ProjectFacts& pf) {
    if (!pf.withheld) return;
    std::string evidence;
    std::string field = "goal";
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
    Finding& found =
        ctx.emit(ctx.at_project(u, p, field), fmt::format("项目内容以保密为由未公开（“{}”）", evidence),
                 fmt::format("the project's content is withheld as confidential ('{}')", evidence));
    found.fix_zh = "确属涉密的可不公开；否则补全绩效目标和指标";
    found.fix_en = "if it is truly classified this is expected; otherwise publish its goal and indicators";
  };
  return f;
}

RuleFns complete_empty_goal() {
  RuleFns f;
  f.project = [](Context& ctx, int u, int p, const Project&, const ProjectFacts& pf) {
    if (!pf.goal_empty || pf.withheld) return;
    Finding& found = ctx.emit(ctx.at_project(u, p, "goal"), "项目没有填写绩效目标",
                              "the project states no 绩效目标 (goal)");
    found.fix_zh = "写明项目预期达到的产出和效果";
    found.fix_en = "state the outputs and effects the project is expected to achieve";
  };
  return f;
}

RuleFns complete_placeholder() {
  RuleFns f;
  f.project = [](Context& ctx, int u, int p, const Project& project, const ProjectFacts& pf) {
    if (pf.goal != Fill::Unfilled) return;
    Finding& found = ctx.emit(
        ctx.at_project(u, p, "goal"), fmt::format("绩效目标是未填写的模板文字：“{}”", snippet(*project.goal)),
        fmt::format("the goal is template text, not a goal: '{}'", snippet(*project.goal)));
    found.fix_zh = "填写项目的绩效目标";
    found.fix_en = "write the project's goal";
  };
  f.indicator = [](Context& ctx, int u, int p, int i, const Indicator& ind, const IndicatorFacts& fi) {
    if (fi.withheld() || !fi.unfilled()) return;
    std::vector<std::string> fields_zh, fields_en;
    std::string field, text;
    auto note = [&](Fill fill, const char* zh, const char* name, const std::string& t) {
      if (fill != Fill::Unfilled) return;
      fields_zh.push_back(zh);
      fields_en.push_back(name);
      if (field.empty()) {
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
    Finding& found = ctx.emit(ctx.at_indicator(u, p, i, field),
                              fmt::format("{}未填写，只有模板文字“{}”", which, snippet(text)),
                              fmt::format("left unfilled ({}): template text '{}'", which_en, snippet(text)));
    found.fix_zh = "填写具体的指标名称和指标值";
    found.fix_en = "fill in the indicator's name and target value";
  };
  return f;
}

RuleFns complete_no_target() {
  RuleFns f;
  f.indicator = [](Context& ctx, int u, int p, int i, const Indicator& ind, const IndicatorFacts& fi) {
    if (!fi.real() || fi.annual_target || fi.period_target) return;
    Finding& found =
        ctx.emit(ctx.at_indicator(u, p, i, "annual_target"), fmt::format("指标“{}”没有指标值", ind.name),
                 fmt::format("indicator '{}' has no target value", ind.name));
    found.fix_zh = "填写年度指标值（和实施周期指标值）";
    found.fix_en = "fill in the annual (and whole-period) target value";
  };
  return f;
}

RuleFns complete_no_output() {
  RuleFns f;
  f.project = [](Context& ctx, int u, int p, const Project& project, const ProjectFacts& pf) {
    if (!ctx.policy.require_output || !coverage_applies(pf)) return;
    if (covers(project, pf, [](const Indicator& i) { return level1_of(i) == Level1::Output; })) return;
    Finding& found = ctx.emit(ctx.at_project(u, p, "indicators"), "项目没有产出指标",
                              "the project has no 产出 (output) indicator");
    found.fix_zh = "按数量、质量、时效设置产出指标";
    found.fix_en = "set output indicators for 数量, 质量 and 时效";
  };
  return f;
}

RuleFns complete_no_benefit() {
  RuleFns f;
  f.project = [](Context& ctx, int u, int p, const Project& project, const ProjectFacts& pf) {
    if (!ctx.policy.require_benefit || !coverage_applies(pf)) return;
    if (covers(project, pf, [](const Indicator& i) { return level1_of(i) == Level1::Benefit; })) return;
    bool satisfaction =
        covers(project, pf, [](const Indicator& i) { return level1_of(i) == Level1::Satisfaction; });
    // domain.md §2: reviewers report 满意度 used in place of 效益.
    Finding& found =
        ctx.emit(ctx.at_project(u, p, "indicators"),
                 satisfaction ? "项目只有满意度指标，没有效益指标（满意度不能代替效益）" : "项目没有效益指标",
                 satisfaction ? "the project has 满意度 but no 效益 (benefit) indicator; satisfaction is "
                                "no substitute for effect"
                              : "the project has no 效益 (benefit) indicator");
    found.fix_zh = "设置反映项目效果的效益指标（社会效益、经济效益、生态效益或可持续影响）";
    found.fix_en =
        "set benefit indicators for the project's effect (social, economic, ecological or sustained)";
  };
  return f;
}

RuleFns complete_no_satisfaction() {
  RuleFns f;
  f.project = [](Context& ctx, int u, int p, const Project& project, const ProjectFacts& pf) {
    if (!ctx.policy.require_satisfaction || !coverage_applies(pf)) return;
    if (covers(project, pf, [](const Indicator& i) {
          return level1_of(i) == Level1::Satisfaction || i.level2 == Level2::Satisfaction;
        })) {
      return;
    }
    Finding& found = ctx.emit(ctx.at_project(u, p, "indicators"), "项目没有服务对象满意度指标",
                              "the project has no 满意度 (service-user satisfaction) indicator");
    found.fix_zh = "设置服务对象满意度指标（政策 require-satisfaction 可关闭本项检查）";
    found.fix_en = "set a satisfaction indicator (policy require-satisfaction turns this check off)";
  };
  return f;
}

RuleFns complete_no_cost() {
  RuleFns f;
  f.project = [](Context& ctx, int u, int p, const Project& project, const ProjectFacts& pf) {
    if (!ctx.policy.require_cost || !coverage_applies(pf) || covers(project, pf, is_cost)) return;
    Finding& found = ctx.emit(ctx.at_project(u, p, "indicators"), "项目没有成本指标",
                              "the project has no 成本 (cost) indicator");
    found.fix_zh = "设置成本指标（财预〔2021〕101号：经济成本、社会成本、生态环境成本）";
    found.fix_en = "set cost indicators (101号: economic, social and ecological cost)";
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
    std::optional<Decimal> same;
    bool uniform = true;
    for (const IndicatorFacts& fi : pf.indicators) {
      if (!fi.real()) continue;
      for (const Target* t : {fi.period_target, fi.annual_target}) {
        if (!t) continue;
        ++st.junk_cells;
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
        Finding& found =
            ctx.emit(ctx.at_document(),
                     fmt::format("{} 个指标值中有 {} 个是同一个数字 {}，不是真实的指标值", cells, count,
                                 number.to_string()),
                     fmt::format("{} of {} target values are the same bare figure {}: numeric junk, not "
                                 "targets",
                                 count, cells, number.to_string()));
        junk_message(found);
        return;
      }
    }
    for (const auto& j : st.junk_projects) {
      Finding& found =
          ctx.emit(ctx.at_project(j.unit, j.project, "indicators"),
                   fmt::format("项目的 {} 个指标的指标值都是同一个数字 {}，不是真实的指标值", j.indicators,
                               j.figure.to_string()),
                   fmt::format("every target of the project's {} indicators is the same bare figure {}: "
                               "numeric junk, not targets",
                               j.indicators, j.figure.to_string()));
      junk_message(found);
    }
  };
  return f;
}

}  // namespace jixiao::check::detail
