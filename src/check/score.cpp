#include "check/score.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <string_view>

#include "check/rule_context.hpp"

namespace jixiao::check {
namespace {

using namespace detail;

int clamp_round(double v) { return static_cast<int>(std::lround(std::clamp(v, 0.0, 100.0))); }

std::uint64_t key_of(int u, int p) { return (std::uint64_t(std::uint32_t(u)) << 32) | std::uint32_t(p); }

// What a finding means for the score, decided once per finding.
enum Kind : unsigned {
  kNoOutput = 1,
  kNoBenefit = 2,
  kNoSatisfaction = 4,
  kNoCost = 8,
  kUnfilled = 16,  // completeness parts
  kMeasure = 32,   // measurability deduction
  kPenalty = 64,   // consistency penalty
};

unsigned kind_of(const Finding& f) {
  const std::string_view r = f.rule;
  if (r == "complete.no-output") return kNoOutput;
  if (r == "complete.no-benefit") return kNoBenefit;
  if (r == "complete.no-satisfaction") return kNoSatisfaction;
  if (r == "complete.no-cost") return kNoCost;
  if (r == "complete.placeholder" || r == "complete.no-target" || r == "complete.junk-number")
    return kUnfilled;
  std::string_view family = family_of(r);
  if (family == "measurability") return kMeasure;
  if (family == "arithmetic" || family == "taxonomy" || family == "consistency") return kPenalty;
  return 0;
}

struct Keyed {
  std::uint64_t key;  // the project concerned
  const Finding* finding;
  unsigned kind;
  bool here;  // located at that project (not only related to it)
};

// Findings by the project they concern (where, or among related), each once
// per project, sorted by project so the projects are walked with one cursor;
// and (*document_junk) whether complete.junk-number reported the whole
// document, learnt in the same pass over the findings (they are large, and
// were read twice).
std::vector<Keyed> by_project(const std::vector<Finding>& findings, bool* document_junk) {
  std::vector<Keyed> out;
  out.reserve(findings.size());
  *document_junk = false;
  for (const Finding& f : findings) {
    unsigned kind = kind_of(f);
    if (!kind) continue;
    if (kind == kUnfilled && f.where.unit < 0 && f.rule == "complete.junk-number") *document_junk = true;
    if (f.where.unit >= 0 && f.where.project >= 0)
      out.push_back({key_of(f.where.unit, f.where.project), &f, kind, true});
    for (const Location& l : f.related) {
      if (l.unit < 0 || l.project < 0 || (l.unit == f.where.unit && l.project == f.where.project)) continue;
      out.push_back({key_of(l.unit, l.project), &f, kind, false});
    }
  }
  // Findings come in document order, so the keys are mostly sorted already
  // (only boilerplate's related projects come out of place).
  auto by_key = [](const Keyed& a, const Keyed& b) { return a.key < b.key; };
  if (!std::is_sorted(out.begin(), out.end(), by_key)) std::stable_sort(out.begin(), out.end(), by_key);
  out.erase(
      std::unique(out.begin(), out.end(),
                  [](const Keyed& a, const Keyed& b) { return a.key == b.key && a.finding == b.finding; }),
      out.end());
  return out;
}

}  // namespace

DocumentScore score_projects(const Document& doc, const std::vector<Finding>& findings,
                             const Policy& policy) {
  Lexicon lex(policy);
  return score_with_facts(doc, findings, policy, gather_facts(doc, lex));
}

namespace detail {

DocumentScore score_with_facts(const Document& doc, const std::vector<Finding>& findings,
                               const Policy& policy, const Facts& facts) {
  bool document_junk = false;
  const auto keyed = by_project(findings, &document_junk);
  std::size_t cursor = 0;
  std::vector<double> deduction;  // per indicator of the current project

  DocumentScore out;
  out.projects.reserve(facts.flat.size());
  long total = 0;
  for (std::size_t u = 0; u < doc.units.size(); ++u) {
    for (std::size_t p = 0; p < doc.units[u].projects.size(); ++p) {
      const Project& project = doc.units[u].projects[p];
      const ProjectFacts& pf = facts.at(int(u), int(p));
      const int iu = int(u), ip = int(p);
      const std::uint64_t key = key_of(iu, ip);
      while (cursor < keyed.size() && keyed[cursor].key < key) ++cursor;
      unsigned kinds = 0;  // completeness findings located here
      int penalty =
          0;  // consistency: what the other families found here (boilerplate counts for all it names)
      deduction.assign(project.indicators.size(), 0.0);
      for (; cursor < keyed.size() && keyed[cursor].key == key; ++cursor) {
        const Keyed& k = keyed[cursor];
        const Finding& f = *k.finding;
        if (k.here) kinds |= k.kind & (kNoOutput | kNoBenefit | kNoSatisfaction | kNoCost | kUnfilled);
        if (k.kind == kPenalty)
          penalty += f.severity == Severity::Error ? 40 : f.severity == Severity::Warning ? 20 : 10;
        if (k.kind == kMeasure && k.here && f.where.indicator >= 0 &&
            f.where.indicator < static_cast<int>(deduction.size())) {
          deduction[f.where.indicator] += f.severity == Severity::Notice ? 0.25 : 0.5;
        }
      }

      // Completeness: the parts a reviewer expects, each pass or fail.
      int items = 0, passed = 0;
      auto item = [&](bool ok) {
        ++items;
        passed += ok ? 1 : 0;
      };
      item(!pf.goal_empty && pf.goal == Fill::Filled);
      bool own = pf.real_indicators > 0 && !pf.withheld;
      item(own);
      if (policy.require_output) item(own && !(kinds & kNoOutput));
      if (policy.require_benefit) item(own && !(kinds & kNoBenefit));
      if (policy.require_satisfaction) item(own && !(kinds & kNoSatisfaction));
      if (policy.require_cost) item(own && !(kinds & kNoCost));
      item(own && !document_junk && !(kinds & kUnfilled));

      // Measurability: each indicator's best cell, less what the measure.* rules found on it.
      double credit = 0;
      int counted = 0;
      for (std::size_t i = 0; i < project.indicators.size(); ++i) {
        const IndicatorFacts& fi = pf.indicators[i];
        if (!fi.real()) continue;
        credit += std::max(0.0, fi.credit - deduction[i]);
        ++counted;
      }

      ProjectScore s;
      s.unit = iu;
      s.project = ip;
      s.unit_name = doc.units[u].name;
      s.project_name = project.name.value_or("");
      s.completeness = items ? clamp_round(100.0 * passed / items) : 0;
      s.measurability = counted ? clamp_round(100.0 * credit / counted) : 0;
      s.consistency = clamp_round(100.0 - penalty);
      int weights = policy.weight_completeness + policy.weight_measurability + policy.weight_consistency;
      s.score = weights > 0 ? clamp_round(double(policy.weight_completeness * s.completeness +
                                                 policy.weight_measurability * s.measurability +
                                                 policy.weight_consistency * s.consistency) /
                                          weights)
                            : 0;
      total += s.score;
      out.projects.push_back(std::move(s));
    }
  }
  if (!out.projects.empty()) out.mean = clamp_round(double(total) / double(out.projects.size()));
  return out;
}

}  // namespace detail

}  // namespace jixiao::check
