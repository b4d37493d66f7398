// The traits that decide which indicator rules the engine calls for an
// indicator (trait:: and RuleFns::indicator_when in rule_context.hpp): a
// rule the engine skips must be one that, called, would find nothing and
// change nothing. Each indicator rule is called here for every indicator of
// many documents whose traits it does not ask for, the way the engine called
// every rule for every indicator before, and must stay silent; and each is
// shown to act (find, or tally) where it is called, so the inputs reach it.
#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "check/policy.hpp"
#include "check/rule_context.hpp"
#include "check/test_builders.hpp"
#include "synth/generator.hpp"

namespace jixiao::check::testing {
namespace {

using namespace detail;

struct NamedRule {
  const char* id;
  RuleFns fns;
};

std::vector<NamedRule> indicator_rules() {
  std::vector<NamedRule> out = {
      {"complete.placeholder", complete_placeholder()},
      {"complete.no-target", complete_no_target()},
      {"taxonomy.level-missing", taxonomy_level_missing()},
      {"taxonomy.level-unknown", taxonomy_level_unknown()},
      {"taxonomy.level-misspelled", taxonomy_level_misspelled()},
      {"taxonomy.code-mismatch", taxonomy_code_mismatch()},
      {"taxonomy.wrong-parent", taxonomy_wrong_parent()},
      {"taxonomy.misfiled", taxonomy_misfiled()},
      {"measure.vague-qualitative", measure_vague_qualitative()},
      {"measure.descriptive", measure_descriptive()},
      {"measure.percent-over-100", measure_percent_over_limit()},
      {"measure.comparator-direction", measure_comparator_direction()},
      {"measure.rate-without-percent", measure_rate_without_percent()},
      {"measure.unit-missing", measure_unit_missing()},
      {"consist.comparator-spelling", consist_comparator_spelling()},
      {"consist.period-annual", consist_period_annual()},
      {"consist.cost-over-budget", consist_cost_over_budget()},
  };
  for (const NamedRule& r : out) EXPECT_NE(r.fns.indicator, nullptr) << r.id;
  return out;
}

// Indicators of every shape the rules tell apart: printed levels coded,
// misspelled, unknown, missing or under the wrong parent; names that are
// rates, counts, effects, costs, directions or template text; targets that
// are figures with and without units and comparators, zero, over 100%,
// word-spelled bounds, full-width forms, gradings, prose, placeholders,
// withheld text and empty cells, as the annual and the whole-period cell.
Document varied_document(std::uint64_t seed) {
  // clang-format off
  static const char* const levels[][2] = {
      {"产出指标", "数量指标"},           {"产出指标", "质量指标"},      {"1-产出指标", "12-质量指标"},
      {"1-产出指标", "12-时效指标"},      {"2-效益指标", "22-社会郊益"}, {"效益指标", "社会效益指标"},
      {"满意度指标", "服务对象满意度指标"}, {"成本指标", "经济成本指标"}, {"产出指标", "成本指标"},
      {"", "数量指标"},                   {"产出指标", ""},              {"", ""},
      {"某某指标", "数量指标"},           {"效益指标", "数量指标"},      {"3、满意度指标", "31-满意度"},
      {"  1.产出指标", "  11-数量指标"}};
  static const char* const names[] = {
      "验收合格率", "按时完成率", "设备采购数量", "培训人数", "提高办公效率", "服务对象满意度",
      "投诉率", "故障响应时间", "项目成本", "建设面积", "资金金额", "频率", "价格指数",
      "待单位补充", "保密项目", "（待填）", "办公设备（终端等）数量", "差错率", "运维费用", "x"};
  static const char* const targets[] = {
      "≥95%",   "≤5%",     "90%以上",     "100",       "0",      "120%",    "≥0",      "=100%",
      "5万元",  "≤280.25万元", "≤5000元", "≥12次",   "≧90%",   "＞3次",   "不低于95%", "12",
      "有效提升", "按时完成", "达标",      "明显改善",  "待定",   "保密",    "",        "待单位补充",
      "≤2小时", "≥1000平方米", "全面提高群众的获得感和满意度，推动各项工作取得实效", "是",
      "1.5",    "≤3",      "＜10%",      "100%",      "≥90",    "不超过10万元", "≥100件"};
  // clang-format on
  SynthRng rng(seed);
  std::vector<Project> projects;
  for (int p = 0; p < 30; ++p) {
    std::vector<Indicator> inds;
    const int n = static_cast<int>(rng.between(0, 8));
    for (int i = 0; i < n; ++i) {
      const auto& level = rng.pick(levels);
      std::optional<std::string> period;
      if (rng.percent(70)) period = rng.percent(50) ? std::string(rng.pick(targets)) : std::string();
      Indicator x = ind(level[0], level[1], rng.pick(names), rng.pick(targets), period);
      if (rng.percent(10)) x.direction = rng.percent(50) ? "正向" : "反向";
      if (rng.percent(5)) x.annual_target.reset();
      inds.push_back(std::move(x));
    }
    projects.push_back(
        project("项目" + std::to_string(p), rng.percent(50) ? "10.00" : "300.00", std::move(inds)));
  }
  Document d = document(std::move(projects));
  d.amount_unit = "万元";
  return d;
}

std::vector<Document> documents() {
  std::vector<Document> docs;
  for (std::uint64_t seed = 1; seed <= 40; ++seed) docs.push_back(varied_document(seed));
  for (const char* layout : {"summary", "project-grid"}) {
    for (std::uint64_t seed = 1; seed <= 6; ++seed) {
      GenerateOptions options;
      options.layout = layout;
      docs.push_back(generate_document(seed, options));
    }
  }
  return docs;
}

TEST(RuleTraits, ARuleTheEngineSkipsWouldFindNothing) {
  const Policy& policy = default_policy();
  const Lexicon lex(policy);
  const std::vector<NamedRule> rules = indicator_rules();
  std::vector<int> acted(rules.size(), 0);
  int skipped = 0;
  for (const Document& doc : documents()) {
    const Facts facts = gather_facts(doc, lex);
    for (std::size_t r = 0; r < rules.size(); ++r) {
      ActiveRule active{static_cast<int>(r), rules[r].id, Severity::Warning};
      for (std::size_t u = 0; u < doc.units.size(); ++u) {
        for (std::size_t p = 0; p < doc.units[u].projects.size(); ++p) {
          const Project& project = doc.units[u].projects[p];
          const ProjectFacts& pf = facts.at(int(u), int(p));
          for (std::size_t i = 0; i < project.indicators.size(); ++i) {
            std::vector<Finding> found;
            std::vector<int> rule_of;
            Context ctx(doc, policy, lex, facts, &found, &rule_of);
            ctx.rule = &active;
            rules[r].fns.indicator(ctx, int(u), int(p), int(i), project.indicators[i], pf.indicators[i]);
            const bool asked = (rules[r].fns.indicator_when & pf.indicators[i].traits) != 0;
            if (asked) {  // a finding, or a tally for the document's finding (comparator spelling)
              acted[r] += static_cast<int>(found.size() + ctx.state.spellings.size());
              continue;
            }
            ++skipped;
            EXPECT_TRUE(found.empty())
                << rules[r].id << " found " << found.size() << " on " << project.indicators[i].name
                << " with traits " << pf.indicators[i].traits;
            EXPECT_TRUE(ctx.state.spellings.empty() && !ctx.state.variant_glyph)
                << rules[r].id << " changed its state on " << project.indicators[i].name;
          }
        }
      }
    }
  }
  EXPECT_GT(skipped, 0);
  for (std::size_t r = 0; r < rules.size(); ++r)
    EXPECT_GT(acted[r], 0) << rules[r].id << " did nothing: the inputs do not reach it";
}

// Through the engine: a document checked with every rule on gives each
// rule's findings, the same as with that rule alone (the engine's skipping
// does not depend on which other rules run).
TEST(RuleTraits, EachRuleFindsTheSameAloneAsWithTheOthers) {
  const std::vector<NamedRule> rules = indicator_rules();
  for (std::uint64_t seed : {3u, 7u}) {
    const Document doc = varied_document(seed);
    const std::vector<Finding> all = findings_of(doc);
    for (const NamedRule& r : rules) {
      Policy alone = default_policy();
      for (const RuleInfo& info : rule_table()) {
        if (info.id != r.id) alone.severity[std::string(info.id)] = std::nullopt;
      }
      const std::vector<Finding> own = findings_of(doc, alone);
      EXPECT_EQ(static_cast<int>(own.size()), count_rule(all, r.id)) << r.id;
    }
  }
}

// The engine calls an indicator rule exactly where the rule asks for one
// of the indicator's traits (it finds an indicator's rules by its traits,
// not by testing each rule): its findings are those of the rule called by
// hand at those indicators. (Comparator spelling reports at the end, from
// a tally: it is left out.)
TEST(RuleTraits, TheEngineCallsARuleWhereItAsksForATrait) {
  const Policy& policy = default_policy();
  const Lexicon lex(policy);
  const std::vector<NamedRule> rules = indicator_rules();
  for (const Document& doc : documents()) {
    const std::vector<Finding> engine = findings_of(doc, policy);
    const Facts facts = gather_facts(doc, lex);
    for (std::size_t r = 0; r < rules.size(); ++r) {
      if (std::string_view(rules[r].id) == "consist.comparator-spelling") continue;
      ActiveRule active{static_cast<int>(r), rules[r].id, Severity::Warning};
      std::vector<Finding> found;
      std::vector<int> rule_of;
      Context ctx(doc, policy, lex, facts, &found, &rule_of);
      ctx.rule = &active;
      for (std::size_t u = 0; u < doc.units.size(); ++u) {
        for (std::size_t p = 0; p < doc.units[u].projects.size(); ++p) {
          const Project& project = doc.units[u].projects[p];
          const ProjectFacts& pf = facts.at(int(u), int(p));
          for (std::size_t i = 0; i < project.indicators.size(); ++i) {
            if (rules[r].fns.indicator_when & pf.indicators[i].traits)
              rules[r].fns.indicator(ctx, int(u), int(p), int(i), project.indicators[i], pf.indicators[i]);
          }
        }
      }
      // (complete.placeholder reports goals too, at their project.)
      const auto at_indicators = std::count_if(engine.begin(), engine.end(), [&](const Finding& f) {
        return f.rule == rules[r].id && f.where.indicator >= 0;
      });
      EXPECT_EQ(static_cast<std::ptrdiff_t>(found.size()), at_indicators) << rules[r].id;
    }
  }
}

// The coverage the facts gather (ProjectFacts::covered), and the target
// cells and bare figures they count, are what the rules asked of a
// project's real indicators one by one: some real indicator's 一级 (its
// own, else its 二级's parent) is 产出, 效益 or 满意度, its 二级 is 满意度,
// or it is a 成本 indicator; the cells complete.junk-number tallies. Each
// bit is seen both set and clear, and projects with and without bare
// figures, so a fact gathered wrong cannot pass unseen.
TEST(RuleTraits, CoverageIsWhatTheRealIndicatorsCover) {
  const Lexicon lex(default_policy());
  int set[5] = {}, clear[5] = {}, bare_projects = 0, plain_projects = 0;
  for (const Document& doc : documents()) {
    const Facts facts = gather_facts(doc, lex);
    for (std::size_t u = 0; u < doc.units.size(); ++u) {
      for (std::size_t p = 0; p < doc.units[u].projects.size(); ++p) {
        const Project& project = doc.units[u].projects[p];
        const ProjectFacts& pf = facts.at(int(u), int(p));
        auto covers = [&](auto pred) {
          for (std::size_t i = 0; i < project.indicators.size(); ++i) {
            if (pf.indicators[i].real() && pred(project.indicators[i])) return true;
          }
          return false;
        };
        const bool expected[5] = {
            covers([](const Indicator& i) { return level1_of(i) == Level1::Output; }),
            covers([](const Indicator& i) { return level1_of(i) == Level1::Benefit; }),
            covers([](const Indicator& i) { return level1_of(i) == Level1::Satisfaction; }),
            covers([](const Indicator& i) {
              return level1_of(i) == Level1::Satisfaction || i.level2 == Level2::Satisfaction;
            }),
            covers(is_cost)};
        const std::uint8_t bits[5] = {cover::kOutput, cover::kBenefit, cover::kSatisfaction,
                                      cover::kSatisfactionAny, cover::kCost};
        for (int b = 0; b < 5; ++b) {
          EXPECT_EQ((pf.covered & bits[b]) != 0, expected[b]) << "bit " << b << " of " << *project.name;
          ++(expected[b] ? set : clear)[b];
        }
        // The cells complete.junk-number tallies: real indicators' targets, and the bare figures.
        int cells = 0, bare = 0;
        for (const IndicatorFacts& fi : pf.indicators) {
          if (!fi.real()) continue;
          for (const Target* t : {fi.period_target, fi.annual_target}) {
            cells += t != nullptr;
            bare += t && t->kind == TargetKind::Quantitative && t->number && t->unit.empty() &&
                    t->comparator == Comparator::None;
          }
        }
        EXPECT_EQ(pf.target_cells, cells) << *project.name;
        EXPECT_EQ(pf.bare_cells, bare) << *project.name;
        bare_projects += bare > 0;
        plain_projects += bare == 0 && cells > 0;
      }
    }
  }
  for (int b = 0; b < 5; ++b) {
    EXPECT_GT(set[b], 0) << "bit " << b << " never set";
    EXPECT_GT(clear[b], 0) << "bit " << b << " never clear";
  }
  EXPECT_GT(bare_projects, 0);
  EXPECT_GT(plain_projects, 0);
}

// kPercentOver is set exactly where the figure exceeds the policy's limit,
// whether or not the two are written to one scale (the trait compares
// mantissas when they are): 100.5% and 100.00% against 100, 120% and
// 99.99% against 100.0, and negative figures.
TEST(RuleTraits, PercentOverIsTheFigureAboveTheLimit) {
  const char* const figures[] = {"100%",  "101%",   "99%",     "100.5%", "100.00%", "100.01%", "99.99%",
                                 "120%",  "0%",     "-5%",     "1000%",  "100.0%",  "100.1%",  "0.5%"};
  for (const char* limit : {"100", "100.0", "99.5", "0"}) {
    Policy policy = default_policy();
    policy.percent_limit = *Decimal::parse(limit);
    const Lexicon lex(policy);
    std::vector<Indicator> inds;
    for (const char* figure : figures) inds.push_back(ind("产出指标", "质量指标", "验收合格率", figure));
    const Document doc = document({project("项目", "100.00", std::move(inds))});
    const Facts facts = gather_facts(doc, lex);
    const Project& project = doc.units[0].projects[0];
    int over = 0;
    for (std::size_t i = 0; i < project.indicators.size(); ++i) {
      const Target& t = *project.indicators[i].annual_target;
      ASSERT_TRUE(t.number) << t.text;
      const bool expected = t.number->compare(policy.percent_limit) > 0;
      EXPECT_EQ((facts.at(0, 0).indicators[i].traits & trait::kPercentOver) != 0, expected)
          << t.text << " against " << limit;
      over += expected;
    }
    EXPECT_GT(over, 0) << limit;
    EXPECT_LT(over, static_cast<int>(std::size(figures))) << limit;
  }
}

// A Checker makes its plan of rules (which are on, at what severity, which
// an indicator's traits call) once and reviews every document with it: one
// Checker reviewing many documents in turn finds, rule by rule and severity
// by severity, what a Checker made afresh for each finds, under a policy
// that switches rules off and changes severities.
TEST(RuleTraits, OneCheckerForManyDocumentsFindsAsAFreshOneForEach) {
  Policy policy = default_policy();
  policy.severity["measure.vague-qualitative"] = std::nullopt;
  policy.severity["complete.no-satisfaction"] = std::nullopt;
  policy.severity["consist.comparator-spelling"] = Severity::Error;
  policy.severity["taxonomy.misfiled"] = Severity::Notice;
  const Checker shared(policy);
  int findings = 0, errors = 0;
  for (const Document& doc : documents()) {
    const std::vector<Finding> reused = shared.check(doc);
    const std::vector<Finding> fresh = Checker(policy).check(doc);
    EXPECT_EQ(rules_text(reused), rules_text(fresh));
    ASSERT_EQ(reused.size(), fresh.size());
    for (std::size_t k = 0; k < reused.size(); ++k) {
      EXPECT_EQ(reused[k].severity, fresh[k].severity) << reused[k].rule;
      EXPECT_NE(reused[k].rule, "measure.vague-qualitative");
      EXPECT_NE(reused[k].rule, "complete.no-satisfaction");
      if (reused[k].rule == "consist.comparator-spelling") {
        EXPECT_EQ(reused[k].severity, Severity::Error);
        ++errors;
      }
    }
    findings += static_cast<int>(reused.size());
  }
  EXPECT_GT(findings, 0);
  EXPECT_GT(errors, 0);
}

// IndicatorFacts' withheld(), unfilled() and real() (the three fills tested
// by their bits) over all 27 combinations of the three cells, against what
// they mean: any cell withheld; any cell unfilled; a filled name and nothing
// withheld.
TEST(RuleTraits, FillTestsMeanWhatTheySay) {
  const Fill fills[] = {Fill::Filled, Fill::Unfilled, Fill::Withheld};
  int real = 0;
  for (Fill name : fills) {
    for (Fill period : fills) {
      for (Fill annual : fills) {
        IndicatorFacts f;
        f.name = name;
        f.period = period;
        f.annual = annual;
        const bool withheld = name == Fill::Withheld || period == Fill::Withheld || annual == Fill::Withheld;
        const bool unfilled = name == Fill::Unfilled || period == Fill::Unfilled || annual == Fill::Unfilled;
        EXPECT_EQ(f.withheld(), withheld);
        EXPECT_EQ(f.unfilled(), unfilled);
        EXPECT_EQ(f.real(), name == Fill::Filled && !withheld);
        real += f.real();
      }
    }
  }
  EXPECT_EQ(real, 4);  // name filled, period and annual each filled or unfilled
}

// compare_decimals is Decimal::compare, whether or not the two are written
// to one scale (its fast path compares mantissas when they are).
TEST(RuleTraits, CompareDecimalsIsDecimalCompare) {
  const char* const values[] = {"0",   "0.00", "1",    "-1",  "10",   "9.99", "10.0", "10.01", "-10",
                                "-9.9", "100", "99.5", "1e3", "1000", "0.5",  "0.05", "-0.00", "12345678.9"};
  int less = 0, equal = 0, greater = 0;
  for (const char* x : values) {
    for (const char* y : values) {
      const std::optional<Decimal> a = Decimal::parse(x), b = Decimal::parse(y);
      if (!a || !b) continue;
      const int expected = a->compare(*b);
      EXPECT_EQ(compare_decimals(*a, *b), expected) << x << " against " << y;
      ++(expected < 0 ? less : expected > 0 ? greater : equal);
    }
  }
  EXPECT_GT(less, 0);
  EXPECT_GT(equal, 0);
  EXPECT_GT(greater, 0);
}

// A Facts reused from document to document (the engine keeps one per
// thread) holds, once prepared and gathered for a document, the same facts
// as one made afresh for it: nothing of the document before is left,
// whether that one was larger or smaller.
TEST(RuleTraits, ReusedFactsAreTheFactsOfTheDocumentAlone) {
  const Lexicon lex(default_policy());
  const std::vector<Document> docs = documents();
  ASSERT_GE(docs.size(), 3u);
  Facts reused;
  for (const Document& doc : {docs[2], docs[0], docs[1], docs[2]}) {
    prepare_facts(reused, doc);
    for (std::size_t u = 0; u < doc.units.size(); ++u) {
      for (std::size_t p = 0; p < doc.units[u].projects.size(); ++p)
        gather_project(reused, doc, int(u), int(p), lex);
    }
    const Facts fresh = gather_facts(doc, lex);
    ASSERT_EQ(reused.flat.size(), fresh.flat.size());
    ASSERT_EQ(reused.indicator_pool.size(), fresh.indicator_pool.size());
    for (std::size_t k = 0; k < fresh.flat.size(); ++k) {
      const ProjectFacts &a = reused.flat[k], &b = fresh.flat[k];
      EXPECT_EQ(a.goal_key, b.goal_key);
      EXPECT_EQ(a.goal_hash, b.goal_hash);
      EXPECT_EQ(a.real_indicators, b.real_indicators);
      EXPECT_EQ(a.real_names_sum, b.real_names_sum);
      EXPECT_EQ(a.corpus_keys, b.corpus_keys);
      EXPECT_EQ(a.withheld, b.withheld);
      EXPECT_EQ(a.covered, b.covered);
      EXPECT_EQ(a.target_cells, b.target_cells);
      EXPECT_EQ(a.bare_cells, b.bare_cells);
      ASSERT_EQ(a.indicators.size(), b.indicators.size());
      EXPECT_EQ(a.indicators.data(), reused.indicator_pool.data() + a.first_indicator);
    }
    for (std::size_t k = 0; k < fresh.indicator_pool.size(); ++k) {
      const IndicatorFacts &a = reused.indicator_pool[k], &b = fresh.indicator_pool[k];
      EXPECT_EQ(a.name_key, b.name_key);
      EXPECT_EQ(a.key, b.key);
      EXPECT_EQ(a.name_hash, b.name_hash);
      EXPECT_EQ(a.name_hash, std::hash<std::string_view>{}(b.name_key));
      EXPECT_EQ(a.annual_target, b.annual_target);
      EXPECT_EQ(a.period_target, b.period_target);
      EXPECT_EQ(a.traits, b.traits);
      EXPECT_EQ(a.credit, b.credit);
      EXPECT_TRUE(a.name == b.name && a.period == b.period && a.annual == b.annual);
    }
  }
}

}  // namespace
}  // namespace jixiao::check::testing
