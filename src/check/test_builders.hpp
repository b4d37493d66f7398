// For src/check/*_test.cpp only: small documents built in code, so each rule
// test shows exactly the shape it is about (and does not move when a reader
// changes).
#pragma once

#include <algorithm>
#include <optional>
#include <string>
#include <vector>

#include "check/report.hpp"
#include "check/rules.hpp"
#include "check/score.hpp"
#include "model/document.hpp"
#include "model/taxonomy.hpp"

namespace jixiao::check::testing {

// An indicator as a table prints it: printed levels (resolved as the readers
// resolve them), name, annual target and optionally a whole-period target.
inline Indicator ind(const std::string& level1, const std::string& level2, const std::string& name,
                     const std::string& annual, std::optional<std::string> period = std::nullopt) {
  Indicator i;
  i.level1_printed = level1;
  i.level2_printed = level2;
  if (!level1.empty()) i.level1 = resolve_level1(level1);
  if (!level2.empty()) i.level2 = resolve_level2(level2);
  i.name = name;
  i.annual_target = parse_target(annual);
  if (period) i.period_target = parse_target(*period);
  i.span = {10, 11, 0};
  return i;
}

// A project with a goal of its own (distinct per name, so no boilerplate).
inline Project project(const std::string& name, const std::string& total, std::vector<Indicator> indicators,
                       std::optional<std::string> goal = std::nullopt) {
  Project p;
  p.name = name;
  p.amounts.total = *Decimal::parse(total);
  p.amounts.fiscal = *Decimal::parse(total);
  p.goal = goal ? *goal : "通过实施" + name + "，完成全年工作任务，保障单位各项工作正常开展。";
  p.indicators = std::move(indicators);
  p.span = {5, 12, 0};
  return p;
}

// A project every rule passes: 产出, 效益 and 满意度 with measured targets.
inline Project good_project(const std::string& name, const std::string& total = "100.00") {
  return project(name, total,
                 {ind("产出指标", "数量指标", name + "服务次数", "≥12次", "≥12次"),
                  ind("产出指标", "质量指标", name + "验收合格率", "≥95%", "≥95%"),
                  ind("效益指标", "社会效益指标", name + "办结率", "≥90%", "≥90%"),
                  ind("满意度指标", "服务对象满意度指标", name + "服务对象满意度", "≥90%", "≥90%")});
}

// One unit holding the projects; unit and 合计 rows add up.
inline Document document(std::vector<Project> projects) {
  Document d;
  Unit u;
  u.name = "某单位";
  u.span = {4, 4, 0};
  Decimal sum(0, 2);
  for (const auto& p : projects) sum = sum + *p.amounts.total;
  u.amounts.total = sum;
  u.amounts.fiscal = sum;
  u.projects = std::move(projects);
  d.units.push_back(std::move(u));
  d.total = d.units[0].amounts;
  d.department = "某部门";
  return d;
}

// Kept (Finding::keep): tests check documents made in the call.
inline std::vector<Finding> findings_of(const Document& d, const Policy& p = default_policy()) {
  std::vector<Finding> found = check_document(d, p);
  for (Finding& f : found) f.keep();
  return found;
}

// A document checked and scored under the default policy, as `check` reports it.
inline CheckedDocument checked(const Document& d, std::string path) {
  CheckedDocument r;
  r.path = std::move(path);
  r.department = d.department;
  r.findings = findings_of(d);
  r.score = score_projects(d, r.findings, default_policy());
  return r;
}

// A corpus finding as the report tests need one: on unit 0's project 1, with
// a related place in another table and a difference.
inline Finding corpus_goal_finding(Severity severity) {
  Finding corpus;
  corpus.rule = "consist.corpus-boilerplate-goal";
  corpus.severity = severity;
  corpus.where.unit = 0;
  corpus.where.project = 1;
  corpus.where.span.first_line = 3;
  corpus.where.span.last_line = 9;
  Location other = corpus.where;
  other.document = "other.txt 某局 2024年";
  corpus.related.push_back(other);
  corpus.difference = "0.01";
  return corpus;
}

// An input that could not be read, its error holding text that needs escaping
// and bytes that are not UTF-8.
inline CheckedDocument unreadable_document() {
  CheckedDocument bad;
  bad.path = "missing.txt";
  bad.unreadable = "cannot open the file \"C:\\tables\\x.txt\"\x01 past eight plain bytes\x7f\xff";
  return bad;
}

inline int count_rule(const std::vector<Finding>& f, const std::string& rule) {
  return static_cast<int>(
      std::count_if(f.begin(), f.end(), [&](const Finding& x) { return x.rule == rule; }));
}

inline const Finding* first_of(const std::vector<Finding>& f, const std::string& rule) {
  for (const auto& x : f) {
    if (x.rule == rule) return &x;
  }
  return nullptr;
}

inline std::string rules_text(const std::vector<Finding>& f) {
  std::string out;
  for (const auto& x : f)
    out += std::string(x.rule) + " (" + std::string(x.where.project_name) + " / " +
           std::string(x.where.indicator_name) + "): " + x.message_en() + "\n";
  return out;
}

}  // namespace jixiao::check::testing
