// Completeness rules: goal, indicators, required 一级, filled cells, junk.
#include <gtest/gtest.h>

#include "check/policy.hpp"
#include "check/test_builders.hpp"

namespace jixiao::check::testing {
namespace {

TEST(CheckCompleteness, AWellSetProjectHasNoFindings) {
  auto f = findings_of(document({good_project("甲"), good_project("乙")}));
  EXPECT_TRUE(f.empty()) << rules_text(f);
}

TEST(CheckCompleteness, CoverageOfTheRequiredLevels) {
  struct Case {
    std::vector<Indicator> indicators;
    std::vector<std::string> rules;
  };
  const Case cases[] = {
      {{ind("产出指标", "数量指标", "服务次数", "≥12次"), ind("效益指标", "社会效益指标", "办结率", "≥90%"),
        ind("满意度指标", "服务对象满意度指标", "满意度", "≥90%")},
       {}},
      {{ind("效益指标", "社会效益指标", "办结率", "≥90%"),
        ind("满意度指标", "服务对象满意度指标", "满意度", "≥90%")},
       {"complete.no-output"}},
      {{ind("产出指标", "数量指标", "服务次数", "≥12次"),
        ind("满意度指标", "服务对象满意度指标", "满意度", "≥90%")},
       {"complete.no-benefit"}},
      {{ind("产出指标", "数量指标", "服务次数", "≥12次"), ind("效益指标", "社会效益指标", "办结率", "≥90%")},
       {"complete.no-satisfaction"}},
      {{ind("产出指标", "数量指标", "服务次数", "≥12次")},
       {"complete.no-benefit", "complete.no-satisfaction"}},
      // Levels known only by their 二级 still count for their 一级.
      {{ind("", "数量指标", "服务次数", "≥12次"), ind("", "社会效益指标", "办结率", "≥90%"),
        ind("", "服务对象满意度指标", "满意度", "≥90%")},
       {"taxonomy.level-missing", "taxonomy.level-missing", "taxonomy.level-missing"}},
  };
  for (const Case& c : cases) {
    auto f = findings_of(document({project("项目", "10.00", c.indicators)}));
    std::vector<std::string> got;
    for (const auto& x : f) got.emplace_back(x.rule);
    EXPECT_EQ(got, c.rules) << rules_text(f);
  }
}

TEST(CheckCompleteness, SatisfactionUsedInPlaceOfBenefitIsSaidSo) {
  auto f = findings_of(document({project("项目", "10.00",
                                         {ind("产出指标", "数量指标", "服务次数", "≥12次"),
                                          ind("满意度指标", "服务对象满意度指标", "满意度", "≥90%")})}));
  ASSERT_NE(first_of(f, "complete.no-benefit"), nullptr);
  EXPECT_NE(first_of(f, "complete.no-benefit")->message_zh().find("满意度不能代替效益"), std::string::npos);
}

TEST(CheckCompleteness, SatisfactionAndCostFollowPolicy) {
  Document d = document({project("项目", "10.00",
                                 {ind("产出指标", "数量指标", "服务次数", "≥12次"),
                                  ind("效益指标", "社会效益指标", "办结率", "≥90%")})});
  Policy p = default_policy();
  std::string error;
  ASSERT_TRUE(apply_policy("require-satisfaction = false\nrequire-cost = true\n", p, &error)) << error;
  auto f = findings_of(d, p);
  EXPECT_EQ(count_rule(f, "complete.no-satisfaction"), 0);
  EXPECT_EQ(count_rule(f, "complete.no-cost"), 1);
  EXPECT_EQ(count_rule(findings_of(d), "complete.no-cost"), 0);  // off by default

  // Either tree's 成本 satisfies require-cost.
  for (auto cost : {ind("产出指标", "成本指标", "采购成本", "≤8万元"),
                    ind("成本指标", "经济成本指标", "采购成本", "≤8万元")}) {
    Document with = d;
    with.units[0].projects[0].indicators.push_back(cost);
    EXPECT_EQ(count_rule(findings_of(with, p), "complete.no-cost"), 0);
  }
}

TEST(CheckCompleteness, NoIndicatorsAndEmptyGoal) {
  auto f = findings_of(document({project("项目", "10.00", {}, std::string(""))}));
  EXPECT_EQ(count_rule(f, "complete.no-indicators"), 1);
  EXPECT_EQ(first_of(f, "complete.no-indicators")->severity, Severity::Error);
  EXPECT_EQ(count_rule(f, "complete.empty-goal"), 1);
  EXPECT_EQ(count_rule(f, "complete.no-output"), 0);  // said once, by no-indicators
  EXPECT_EQ(f.size(), 2u) << rules_text(f);

  Project without_goal = good_project("项目");
  without_goal.goal.reset();
  EXPECT_EQ(count_rule(findings_of(document({without_goal})), "complete.empty-goal"), 1);
}

TEST(CheckCompleteness, PlaceholdersAreReportedOnceAndInsteadOfCoverage) {
  // 001/004's shape: one indicator left as 待单位补充.
  auto f = findings_of(document(
      {project("项目", "10.00",
               {ind("1-产出指标", "11-数量指标", "待单位补充...", "待单位补充...", "待单位补充...")})}));
  ASSERT_EQ(f.size(), 1u) << rules_text(f);
  EXPECT_EQ(f[0].rule, "complete.placeholder");
  EXPECT_EQ(f[0].where.indicator, 0);
  EXPECT_EQ(f[0].where.field, "name");

  // A goal that says there is no goal.
  Project p = good_project("项目");
  p.goal = "该项目无总体绩效目标及年度绩效目标，因此不编报总体绩效目标及年度绩效目标。";
  f = findings_of(document({p}));
  ASSERT_EQ(f.size(), 1u) << rules_text(f);
  EXPECT_EQ(f[0].where.field, "goal");

  // A target that is no value (000's 当年预计值), brackets and all.
  p = good_project("项目");
  p.indicators[0] = ind("产出指标", "数量指标", "制服购置数量", "(法院制服购置数量)当年预计值", "当年预计值");
  f = findings_of(document({p}));
  ASSERT_EQ(count_rule(f, "complete.placeholder"), 1) << rules_text(f);
  EXPECT_EQ(f.size(), 1u) << rules_text(f);

  // Real values that merely contain such words are not placeholders.
  p = good_project("项目");
  p.indicators[0] = ind("产出指标", "数量指标", "有效投诉次数", "无");
  EXPECT_EQ(count_rule(findings_of(document({p})), "complete.placeholder"), 0);
}

TEST(CheckCompleteness, AWithheldProjectIsOneNotice) {
  // 002's 保密项目: the goal explains, the indicator repeats it.
  Project p = project("GZIT2023-SM-N-C-059028", "37.33",
                      {ind("1-产出指标", "11-数量指标", "保密项目", "保密项目", "保密项目")},
                      "根据项目库管理要求,项目库不能储备涉密信息,该项目信息不宜公开。");
  auto f = findings_of(document({p}));
  ASSERT_EQ(f.size(), 1u) << rules_text(f);
  EXPECT_EQ(f[0].rule, "complete.withheld");
  EXPECT_EQ(f[0].severity, Severity::Notice);
  EXPECT_EQ(f[0].where.indicator, -1);
}

TEST(CheckCompleteness, IndicatorWithoutTarget) {
  Project p = good_project("项目");
  p.indicators.push_back(ind("产出指标", "时效指标", "完成时限", ""));
  p.indicators.back().annual_target.reset();
  auto f = findings_of(document({p}));
  ASSERT_EQ(count_rule(f, "complete.no-target"), 1) << rules_text(f);
  EXPECT_EQ(first_of(f, "complete.no-target")->where.indicator, 4);
}

TEST(CheckCompleteness, NumericJunk) {
  // The same bare figure in every cell of a project (domain.md: "88100").
  auto junk = [](const std::string& name, const std::string& value) {
    return project(name, "10.00",
                   {ind("产出指标", "数量指标", name + "服务次数", value, value),
                    ind("产出指标", "质量指标", name + "验收合格率", value, value),
                    ind("效益指标", "社会效益指标", name + "办结率", value, value),
                    ind("满意度指标", "服务对象满意度指标", name + "满意度", value, value)});
  };
  auto f = findings_of(document({junk("甲", "88100"), good_project("乙")}));
  ASSERT_EQ(count_rule(f, "complete.junk-number"), 1) << rules_text(f);
  EXPECT_EQ(first_of(f, "complete.junk-number")->where.project_name, "甲");

  // 100 and 0 legitimately repeat; a figure with a unit is a target.
  EXPECT_EQ(
      count_rule(findings_of(document({junk("甲", "100"), good_project("乙")})), "complete.junk-number"), 0);
  EXPECT_EQ(
      count_rule(findings_of(document({junk("甲", "≥95%"), good_project("乙")})), "complete.junk-number"), 0);

  // Spread over a whole document of small projects: one document finding.
  std::vector<Project> projects;
  for (const char* n : {"甲", "乙", "丙", "丁"}) {
    projects.push_back(
        project(n, "1.00",
                {ind("产出指标", "数量指标", std::string(n) + "次数", "88100", "88100"),
                 ind("效益指标", "社会效益指标", std::string(n) + "办结率", "88100", "88100")}));
  }
  f = findings_of(document(projects));
  ASSERT_EQ(count_rule(f, "complete.junk-number"), 1) << rules_text(f);
  EXPECT_EQ(first_of(f, "complete.junk-number")->where.unit, -1);
}

}  // namespace
}  // namespace jixiao::check::testing
