// Consistency rules: horizons, budget, duplicates, boilerplate, spelling.
#include <gtest/gtest.h>

#include "check/rule_context.hpp"
#include "check/test_builders.hpp"

namespace jixiao::check::testing {
namespace {

TEST(CheckConsistency, AnnualAbovePeriodForAccumulatingQuantities) {
  struct Case {
    const char *name, *period, *annual;
    bool fires;
  };
  const Case cases[] = {
      {"培训场次", "≥100场", "≥120场", true},
      {"数字档案扫描数量", "183万页", "200万页", true},
      {"聘用人员数量", "12", "15", true},  // a bare count
      {"培训场次", "≥100场", "≥40场", false},
      {"培训场次", "≥100场", "≥100场", false},
      {"验收合格率", "≥90%", "≥95%", false},                  // a level, not an amount
      {"故障修复时间", "≤24小时", "≤48小时", false},          // a time limit
      {"档案扫描单位成本", "≤0.3元/页", "≤0.4元/页", false},  // a ratio
      {"采购成本", "≤80万元", "≤90万元", true},               // caps accumulate too
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    Project p = good_project("项目", "1000.00");
    p.indicators.push_back(ind("产出指标", "数量指标", c.name, c.annual, c.period));
    auto f = findings_of(document({p}));
    EXPECT_EQ(count_rule(f, "consist.period-annual"), c.fires ? 1 : 0) << rules_text(f);
  }
  Project p = good_project("项目");
  p.indicators.push_back(ind("产出指标", "数量指标", "培训场次", "≥120场", "≥100场"));
  EXPECT_EQ(first_of(findings_of(document({p})), "consist.period-annual")->difference, "20");
}

TEST(CheckConsistency, CostAboveTheBudgetMindsTheUnits) {
  struct Case {
    const char *level1, *level2, *target, *amount_unit;
    const char* difference;  // "" when it must not fire
  };
  const Case cases[] = {
      {"产出指标", "成本指标", "≤280.25万元", "万元", "0.01"},  // 003's 搬迁项目支出
      {"产出指标", "成本指标", "≤280.24万元", "万元", ""},
      {"产出指标", "成本指标", "≤2802400元", "万元", ""},  // the same in 元
      {"产出指标", "成本指标", "≤2802500元", "万元", "0.0100"},
      {"成本指标", "经济成本指标", "≤300万元", "万元", "19.76"},  // the 101号 tree
      {"产出指标", "成本指标", "≤6.6万元/人", "万元", ""},        // per person
      {"产出指标", "成本指标", "≥300万元", "万元", ""},           // a floor is no cap
      {"产出指标", "数量指标", "≤300万元", "万元", ""},           // not a cost indicator
      {"产出指标", "成本指标", "≤280万元", "元", ""},             // 2,802,400 元 budget
      {"产出指标", "成本指标", "≤2802401元", "元", "1"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.target);
    bool yuan = std::string(c.amount_unit) == "元";
    Project p = good_project("项目", yuan ? "2802400" : "280.24");
    p.indicators.push_back(ind(c.level1, c.level2, "搬迁项目支出", c.target));
    Document d = document({p});
    d.amount_unit = c.amount_unit;
    auto f = findings_of(d);
    const Finding* cost = first_of(f, "consist.cost-over-budget");
    if (*c.difference) {
      ASSERT_NE(cost, nullptr) << rules_text(f);
      EXPECT_EQ(cost->difference, c.difference);
      EXPECT_EQ(cost->where.indicator_name, "搬迁项目支出");
    } else {
      EXPECT_EQ(cost, nullptr) << rules_text(f);
    }
  }
}

TEST(CheckConsistency, DuplicatedIndicators) {
  Project p = good_project("项目");
  p.indicators.push_back(ind("产出指标", "质量指标", "合同签订合规率", "100%"));
  EXPECT_EQ(count_rule(findings_of(document({p})), "consist.duplicate-indicator"), 0);
  p.indicators.push_back(ind("产出指标", "质量指标", "合同签订 合规率", "100%"));
  auto f = findings_of(document({p}));
  ASSERT_EQ(count_rule(f, "consist.duplicate-indicator"), 1);
  EXPECT_EQ(first_of(f, "consist.duplicate-indicator")->where.indicator, 5);
  ASSERT_EQ(first_of(f, "consist.duplicate-indicator")->related.size(), 1u);
  EXPECT_EQ(first_of(f, "consist.duplicate-indicator")->related[0].indicator, 4);
}

TEST(CheckConsistency, BoilerplateAcrossProjects) {
  const std::string goal = "通过实现信息化系统运维工作，提高本院软、硬件的运行维护效率。";
  Project a = good_project("2022年运维项目"), b = good_project("2023年运维项目"),
          c = good_project("2024年运维项目");
  a.goal = b.goal = goal;
  auto f = findings_of(document({a, b, c}));
  ASSERT_EQ(count_rule(f, "consist.boilerplate-goal"), 1) << rules_text(f);
  const Finding* g = first_of(f, "consist.boilerplate-goal");
  EXPECT_EQ(g->where.project_name, "2022年运维项目");
  ASSERT_EQ(g->related.size(), 1u);
  EXPECT_EQ(g->related[0].project_name, "2023年运维项目");
  EXPECT_EQ(count_rule(f, "consist.boilerplate-indicators"), 0);

  // The same indicator names in three projects (targets may differ).
  b.indicators = a.indicators;
  c.indicators = a.indicators;
  c.indicators[0].annual_target = parse_target("≥24次");
  b.goal = "另一个目标，内容与其他项目的绩效目标不同。";
  f = findings_of(document({a, b, c}));
  ASSERT_EQ(count_rule(f, "consist.boilerplate-indicators"), 1) << rules_text(f);
  EXPECT_EQ(first_of(f, "consist.boilerplate-indicators")->related.size(), 2u);
  EXPECT_EQ(count_rule(f, "consist.boilerplate-goal"), 0);

  // Below the policy's minimum size a shared set is not boilerplate.
  Project small1 =
      project("甲", "1.00",
              {ind("产出指标", "数量指标", "次数", "1次"), ind("效益指标", "社会效益指标", "办结率", "90%")});
  Project small2 = project("乙", "1.00", small1.indicators);
  EXPECT_EQ(count_rule(findings_of(document({small1, small2})), "consist.boilerplate-indicators"), 0);
}

TEST(CheckConsistency, BoilerplateGoalsAreTheSameKey) {
  // Goals equal once spacing and bracket width are set aside are the same
  // goal; goals that differ in figures or Latin letters only are not (the
  // goal's hash once took only its ideographs, and confirmation told them apart).
  const std::string goal = "完成（一期）系统建设，覆盖率达到95%，保障业务系统稳定运行。";
  Project a = good_project("甲项目"), b = good_project("乙项目"), c = good_project("丙项目");
  a.goal = goal;
  b.goal = "完成(一期) 系统建设，覆盖率达到95%，保障业务系统稳定运行。";
  c.goal = "完成（一期）系统建设，覆盖率达到90%，保障业务系统稳定运行。";
  auto f = findings_of(document({a, b, c}));
  ASSERT_EQ(count_rule(f, "consist.boilerplate-goal"), 1) << rules_text(f);
  const Finding* g = first_of(f, "consist.boilerplate-goal");
  EXPECT_EQ(g->where.project_name, "甲项目");
  ASSERT_EQ(g->related.size(), 1u);
  EXPECT_EQ(g->related[0].project_name, "乙项目");

  // Two groups, each reported at its first project, in document order.
  Project d = good_project("丁项目");
  d.goal = c.goal;
  f = findings_of(document({c, a, b, d}));
  ASSERT_EQ(count_rule(f, "consist.boilerplate-goal"), 2) << rules_text(f);
  EXPECT_EQ(first_of(f, "consist.boilerplate-goal")->where.project_name, "丙项目");
}

TEST(CheckConsistency, ComparatorSpellings) {
  struct Case {
    const char *a, *b;
    bool fires;
  };
  const Case cases[] = {
      {"≥95%", "≥90%", false},
      {"＞99%", ">10个", false},  // full-width is the same spelling
      {"≧95%", "≥90%", true},     // mixed
      {"≥95%", "90%以上", true},  // mixed
      {"≧95%", "≧90%", true},     // consistent, but a variant glyph
      {"90%或以上", "95%或以上", false},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(std::string(c.a) + " / " + c.b);
    Project p = good_project("项目");
    for (std::size_t i = 0; i < p.indicators.size(); ++i) {
      p.indicators[i].annual_target = parse_target(i % 2 ? c.b : c.a);
      p.indicators[i].period_target = parse_target(i % 2 ? c.b : c.a);
    }
    auto f = findings_of(document({p}));
    EXPECT_EQ(count_rule(f, "consist.comparator-spelling"), c.fires ? 1 : 0) << rules_text(f);
    if (c.fires) EXPECT_EQ(first_of(f, "consist.comparator-spelling")->where.unit, -1);
  }
}

// A cell opening with its comparator's symbol (≥95%) is settled by that
// symbol without a lookup, unless a longer spelling opens with the symbol:
// then the rest of the cell decides, as for any other cell.
TEST(CheckConsistency, ASymbolAtTheStartSettlesTheSpelling) {
  const detail::Lexicon lex(default_policy());
  const int ge = lex.symbol_spelling[static_cast<std::size_t>(Comparator::GreaterEqual)];
  ASSERT_GE(ge, 0);
  EXPECT_EQ(lex.spelling[static_cast<std::size_t>(ge)].spelling, "≥");

  Policy longer = default_policy();
  longer.vocabulary["comparator-spelling"].push_back({"≥", "≥="});
  const detail::Lexicon extended(longer);
  EXPECT_EQ(extended.symbol_spelling[static_cast<std::size_t>(Comparator::GreaterEqual)], -1);
  EXPECT_GE(extended.symbol_spelling[static_cast<std::size_t>(Comparator::LessEqual)], 0);

  // Either way ≥95% and ≥90% are one spelling, and ≧90% another.
  for (const char* other : {"≥90%", "≧90%"}) {
    Project p = good_project("项目");
    for (std::size_t i = 0; i < p.indicators.size(); ++i) {
      p.indicators[i].annual_target = parse_target(i % 2 ? other : "≥95%");
      p.indicators[i].period_target = p.indicators[i].annual_target;
    }
    const Document d = document({p});
    const int fires = std::string_view(other) == "≧90%" ? 1 : 0;
    EXPECT_EQ(count_rule(findings_of(d, longer), "consist.comparator-spelling"), fires) << other;
    EXPECT_EQ(count_rule(findings_of(d), "consist.comparator-spelling"), fires) << other;
  }
}

}  // namespace
}  // namespace jixiao::check::testing
