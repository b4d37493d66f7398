// Measurability rules, table-driven: one indicator added to a well-set project.
#include <gtest/gtest.h>

#include "check/test_builders.hpp"

namespace jixiao::check::testing {
namespace {

struct Case {
  const char *level2, *name, *annual;
  const char* rule;  // expected measure.* rule, "" for none
};

std::vector<std::string> measure_rules(const Case& c, std::optional<std::string> direction = std::nullopt) {
  Project p = good_project("项目");
  const char* level1 = std::string(c.level2) == "服务对象满意度指标"             ? "满意度指标"
                       : std::string(c.level2).find("效益") != std::string::npos ? "效益指标"
                                                                                 : "产出指标";
  p.indicators.push_back(ind(level1, c.level2, c.name, c.annual));
  p.indicators.back().direction = direction;
  std::vector<std::string> out;
  for (const auto& f : findings_of(document({p}))) {
    if (f.rule.starts_with("measure.")) out.emplace_back(f.rule);
  }
  return out;
}

void expect_rule(const Case& c, std::optional<std::string> direction = std::nullopt) {
  SCOPED_TRACE(std::string(c.name) + ": " + c.annual);
  auto rules = measure_rules(c, direction);
  if (*c.rule) {
    ASSERT_EQ(rules.size(), 1u) << (rules.empty() ? "none" : rules[0] + " …");
    EXPECT_EQ(rules[0], c.rule);
  } else {
    EXPECT_TRUE(rules.empty()) << rules[0];
  }
}

TEST(CheckMeasurability, VagueQualitativeTargets) {
  const Case cases[] = {
      {"社会效益指标", "司法公正性水平", "提升", "measure.vague-qualitative"},
      {"时效指标", "国家赔偿及时性", "达标", "measure.vague-qualitative"},
      {"时效指标", "报酬支付及时率", "及时", "measure.vague-qualitative"},
      {"社会效益指标", "社会效果", "效果明显", "measure.vague-qualitative"},
      {"社会效益指标", "司法公正性水平", "维持", "measure.vague-qualitative"},
      {"社会效益指标", "司法公正性水平", "与去年同比提升", "measure.vague-qualitative"},
      {"社会效益指标", "沟通渠道", "进一步畅通", "measure.vague-qualitative"},
      {"时效指标", "诉讼费退费及时性", "达标（在规定时间内完成退费手续。）", "measure.vague-qualitative"},
      // Pass/fail outcomes and grades are a grading, not vague.
      {"质量指标", "项目第三方验收测试", "通过", ""},
      {"可持续影响指标", "信息系统安全性", "安全", ""},
      {"质量指标", "修缮工程验收合格情况", "验收合格", ""},
      {"质量指标", "办公设备质量", "优", ""},
      {"社会效益指标", "工程施工的安全性", "安全无事故", ""},
      {"质量指标", "验收合格率", "≥95%", ""},
  };
  for (const Case& c : cases) expect_rule(c);
}

TEST(CheckMeasurability, AVagueRateIsToldToUseAPercentage) {
  Project p = good_project("项目");
  p.indicators.push_back(ind("产出指标", "时效指标", "报酬支付及时率", "及时", "及时"));
  auto f = findings_of(document({p}));
  ASSERT_EQ(count_rule(f, "measure.vague-qualitative"), 1);  // one finding for both cells
  EXPECT_EQ(first_of(f, "measure.vague-qualitative")->where.field, "annual_target");
  EXPECT_NE(first_of(f, "measure.vague-qualitative")->fix_zh()->find("百分比"), std::string::npos);
}

TEST(CheckMeasurability, ProseWhereATargetBelongs) {
  const Case cases[] = {
      {"社会效益指标", "促进司法公正", "陪审员参与案件审计，行使权利，促进司法公正", "measure.descriptive"},
      {"质量指标", "物业管理水平", "保障物业管理正常运行", "measure.descriptive"},
      {"质量指标", "采购程序规范性", "采购程序流程合法合规", ""},                 // verifiable yes/no
      {"时效指标", "发放工资及时性", "按月发放", ""},                             // short
      {"社会效益指标", "更新办案用车", "更新2辆办案用车，改善办案出行条件", ""},  // has a figure
      {"成本指标", "设备采购成本控制", "采购金额≤预算金额", ""},                  // a comparison
  };
  for (const Case& c : cases) expect_rule(c);
}

TEST(CheckMeasurability, PercentagesAboveTheLimit) {
  const Case cases[] = {
      {"质量指标", "验收合格率", "≥120%", "measure.percent-over-100"},
      {"质量指标", "验收合格率", "100%", ""},
      {"经济效益指标", "收入增长率", "≥120%", ""},  // growth may exceed 100%
  };
  for (const Case& c : cases) expect_rule(c);
}

TEST(CheckMeasurability, ComparatorAgainstTheDirection) {
  const Case cases[] = {
      {"服务对象满意度指标", "群众满意度", "≤90%", "measure.comparator-direction"},
      {"质量指标", "验收合格率", "<95%", "measure.comparator-direction"},
      {"质量指标", "故障投诉率", "≥5%", "measure.comparator-direction"},
      {"时效指标", "故障响应时间", "≥2小时", "measure.comparator-direction"},
      {"服务对象满意度指标", "群众满意度", "≥90%", ""},
      {"质量指标", "故障投诉率", "≤5%", ""},
      {"社会效益指标", "信息化系统平均运行无故障率", "≥95%", ""},  // 无故障率 is not 故障率
      {"数量指标", "陪审案件数量", "≤1867件", ""},                 // no direction known
      {"成本指标", "节约运行成本", "≥27万元", ""},                 // a saving, not a cost
  };
  for (const Case& c : cases) expect_rule(c);
  // The table's own 指标方向 column decides where it is printed.
  expect_rule({"社会效益指标", "错案案件比率", "≥5%", "measure.comparator-direction"}, "反向");
  expect_rule({"社会效益指标", "错案案件比率", "≤5%", ""}, "反向");
}

TEST(CheckMeasurability, UnitsTheNameImplies) {
  const Case cases[] = {
      {"质量指标", "年度预算资金使用率", "95或以上", "measure.rate-without-percent"},
      {"质量指标", "年度预算资金使用率", "≥95%", ""},
      {"质量指标", "营区安全事故发生率", "0", ""},                 // zero needs no unit
      {"质量指标", "案件质量常态化评查频率", "≥3件/年/法官", ""},  // a frequency is no percentage
      {"数量指标", "物业服务面积", "11733.38", "measure.unit-missing"},
      {"数量指标", "物业服务面积", "11733.38平方米", ""},
      {"数量指标", "聘用后勤人员数量", "12", ""},  // a count needs no unit
  };
  for (const Case& c : cases) expect_rule(c);
}

}  // namespace
}  // namespace jixiao::check::testing
