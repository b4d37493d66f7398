#include "recognise/indicator_text.hpp"

#include <gtest/gtest.h>

#include <string>

namespace jixiao {
namespace {

struct Case {
  const char* text;
  std::size_t count;
  const char* first_name;
  const char* first_period;  // nullptr = absent
  const char* first_annual;
};

TEST(InlineIndicators, ReadsTheSeparatorsExportsAndOcrUse) {
  const Case cases[] = {
      {"1、1-产出指标；13-时效指标；按合同支付及时率；实施周期指标值:100%；年度指标值:100%。", 1,
       "按合同支付及时率", "100%", "100%"},
      {"1、1-产出指标: 11-数量指标: 聘用后勤人员数量: 实施周期指标值:12; 年度指标值:12。2、1-产出指标; "
       "12-质量指标; 合格率; "
       "实施周期指标值:≥95%, 年度指标值:≥95%。",
       2, "聘用后勤人员数量", "12", "12"},
      {"1、1-产出指标；12-质量指标；国家赔偿合规率；实施周期指标值:100%，如未发生则以完成认定。；年度指标值:"
       "100%。",
       1, "国家赔偿合规率", "100%，如未发生则以完成认定。", "100%"},
      {"1、1-产出指标；11-数量指标；资助受害人数；实施周期指标值:20。2、2-效益指标；22-"
       "社会效益；公正性；实施周期指标值:提升；"
       "年度指标值:提升。",
       2, "资助受害人数", "20", nullptr},
      {"1、1-产出指标; 11-数量指标; 交办任务完成率; 实施周期指标 值:100%; 年度指 标值:100%。", 1,
       "交办任务完成率", "100%", "100%"},
      {"1、1-产出指标；11-数量指标；面积；年度指标值:83000平方米。", 1, "面积", nullptr, "83000平方米"},
  };
  for (const Case& c : cases) {
    std::vector<InlineIndicatorProblem> problems;
    auto got = parse_inline_indicators(c.text, &problems);
    ASSERT_EQ(got.size(), c.count) << c.text;
    EXPECT_EQ(got[0].name, c.first_name) << c.text;
    EXPECT_EQ(got[0].period_target.has_value(), c.first_period != nullptr) << c.text;
    if (c.first_period) EXPECT_EQ(got[0].period_target->text, c.first_period) << c.text;
    EXPECT_EQ(got[0].annual_target.has_value(), c.first_annual != nullptr) << c.text;
    if (c.first_annual) EXPECT_EQ(got[0].annual_target->text, c.first_annual) << c.text;
    EXPECT_EQ(got[0].level1, Level1::Output) << c.text;
  }
}

TEST(InlineIndicators, GoalListsAreNotIndicators) {
  EXPECT_EQ(find_inline_indicator_start("1、保障本院办公办案系统正常运行。2、确保综合业务系统运行。"),
            std::string::npos);
  EXPECT_EQ(find_inline_indicator_start("1.质量良好，2.数量充足"), std::string::npos);
  std::string text = "目标：1、保障运行。1、1-产出指标；11-数量指标；面积；年度指标值:1。";
  EXPECT_EQ(find_inline_indicator_start(text), text.find("1、1-"));
}

// Scans: a stray bracket between the number and its 、, and a level code
// whose dash was misread or lost, still start an indicator.
TEST(InlineIndicators, OcrDamagedMarkersStillStartIndicators) {
  std::string text = "提高工作效能。1]、1-产出指标;12-质量指标;合格率;年度指标值:100%。2、1产出指标;11-数量指标;"
                     "人数;实施周期指标值:12;年度指标值:12。3、2一效益指标;22-社会效益指标;事故数;年度指标值:0。";
  EXPECT_EQ(find_inline_indicator_start(text), text.find("1]、"));
  std::vector<InlineIndicatorProblem> problems;
  auto got = parse_inline_indicators(std::string_view(text).substr(text.find("1]、")), &problems);
  ASSERT_EQ(got.size(), 3u);
  EXPECT_EQ(got[0].name, "合格率");
  EXPECT_EQ(got[1].name, "人数");
  EXPECT_EQ(got[1].level1, Level1::Output);
  EXPECT_EQ(got[2].level1, Level1::Benefit);
  EXPECT_EQ(got[2].name, "事故数");
}

// Every mark a number can carry, with spaces or a stray bracket before it;
// a number followed by anything else is no marker.
TEST(InlineIndicators, EachNumberMark) {
  const std::string levels = "1-产出指标;11-数量指标;人数;年度指标值:12。";
  for (const char* mark : {"、", ".", "，", ",", ")", "）", " 、", "  .", "]、", "| ,", "}."}) {
    const std::string text = std::string("12") + mark + levels;
    EXPECT_TRUE(begins_inline_indicator(text)) << text;
    EXPECT_EQ(find_inline_indicator_start("目标。" + text), std::string("目标。").size()) << text;
    EXPECT_EQ(parse_inline_indicators(text, nullptr).size(), 1u) << text;
  }
  for (const char* other : {"%", "年", "-", ":", "；", "。", "（", "】", " ", "]", ")x、"}) {
    const std::string text = std::string("12") + other + levels;
    EXPECT_FALSE(begins_inline_indicator(text)) << text;
  }
}

// A stray bracket before the 二级 code.
TEST(InlineIndicators, StrayMarksOfAScanAreSkipped) {
  std::vector<InlineIndicatorProblem> problems;
  auto got = parse_inline_indicators(
      "1、2- 效益指标;)22-社会效益;等级保护测评得分;实施周期指标值:70分;年度指标值:100%。", &problems);
  ASSERT_EQ(got.size(), 1u);
  EXPECT_EQ(got[0].level2, Level2::Social);
  EXPECT_EQ(got[0].name, "等级保护测评得分");
  EXPECT_EQ(got[0].annual_target->text, "100%");
  EXPECT_TRUE(problems.empty());
}

TEST(InlineIndicators, MissingPartsAreReportedNotDropped) {
  std::vector<InlineIndicatorProblem> problems;
  auto got = parse_inline_indicators(
      "1、1-产出指标；物业面积；年度指标值:100。2、2-效益指标；22-社会效益；无目标值", &problems);
  ASSERT_EQ(got.size(), 2u);
  EXPECT_FALSE(got[0].level2.has_value());
  EXPECT_EQ(got[1].name, "无目标值");
  ASSERT_GE(problems.size(), 2u);
  bool level2 = false, target = false;
  for (const auto& p : problems) {
    level2 = level2 || p.message.find("二级指标") != std::string::npos;
    target = target || p.message.find("target") != std::string::npos ||
             p.message.find("指标值") != std::string::npos;
  }
  EXPECT_TRUE(level2);
  EXPECT_TRUE(target);
}

// A number glued to the value before it ("年度指标值:1002、1-产出…"): of a run
// of digits only its last three can be the next indicator's number, so the
// value keeps the rest; digits not followed by a mark and the level names
// (figures, years, "100%") start nothing.
TEST(InlineIndicators, NumbersGluedToAValueEndInTheNextMarker) {
  const std::string text =
      "1、1-产出指标；11-数量指标；人数2023年；年度指标值:1002、1-产出指标；12-质量指标；合格率；年度指标值:"
      "100%。12、2-效益指标；22-社会效益指标；满意度；年度指标值:≥95%。";
  std::vector<std::size_t> offsets;
  std::vector<InlineIndicatorProblem> problems;
  auto got = parse_inline_indicators(text, &problems, &offsets);
  ASSERT_EQ(got.size(), 3u);
  EXPECT_EQ(got[0].name, "人数2023年");
  ASSERT_TRUE(got[0].annual_target.has_value());
  EXPECT_EQ(got[0].annual_target->text, "1");
  EXPECT_EQ(offsets[1], text.find("002、1-产出"));
  EXPECT_EQ(got[1].name, "合格率");
  EXPECT_EQ(offsets[2], text.find("12、2-效益"));
  EXPECT_EQ(got[2].level1, Level1::Benefit);
  EXPECT_EQ(got[2].annual_target->text, "≥95%");
  EXPECT_EQ(find_inline_indicator_start("人数2023年；100%；3、保障运行。4、1-产出指标；11-数量指标；x；年度指标值:1。"),
            std::string("人数2023年；100%；3、保障运行。").size());
}

// A project's body is read whole: the goal before the first indicator is not
// read (its numbered list starts nothing), the offsets are in the body, and
// the first is where find_inline_indicator_start says the goal ends.
TEST(InlineIndicators, AGoalBeforeTheIndicatorsIsSkippedAndOffsetsAreInTheWholeText) {
  const std::string text =
      "1、保障单位正常运转。2、完成2.0版系统建设。1、1-产出指标；11-数量指标；培训人数；实施周期指标值:20人；"
      "年度指标值:20人。2、3-满意度指标；31-服务对象满意度指标；满意度；实施周期指标值:≥90%；年度指标值:≥90%。";
  std::vector<std::size_t> offsets;
  std::vector<InlineIndicatorProblem> problems;
  auto got = parse_inline_indicators(text, &problems, &offsets);
  ASSERT_EQ(got.size(), 2u);
  ASSERT_EQ(offsets.size(), 2u);
  EXPECT_EQ(offsets[0], text.find("1、1-产出"));
  EXPECT_EQ(offsets[0], find_inline_indicator_start(text));
  EXPECT_EQ(offsets[1], text.find("2、3-满意度"));
  EXPECT_EQ(got[0].name, "培训人数");
  EXPECT_EQ(got[1].level1, Level1::Satisfaction);
  EXPECT_TRUE(problems.empty());
}

// The keywords are found whether or not spaces split them, and whether or
// not other fields hold spaces (a value or name with a space is read by the
// walk that allows them, one without by plain comparison).
TEST(InlineIndicators, KeywordsWithAndWithoutSpaces) {
  struct KeywordCase {
    const char* text;
    const char* name;
    const char* period;
    const char* annual;
  };
  const KeywordCase cases[] = {
      {"1、1-产出指标；11-数量指标；培训人数；实施周期指标值:20人；年度指标值:20人。", "培训人数", "20人", "20人"},
      {"1、1-产出指标；11-数量指标；培训 人数；实施周期指标值:20人；年度指标值:20人。", "培训 人数", "20人", "20人"},
      {"1、1-产出指标；11-数量指标；培训人数；实施 周期指标值:20 人；年度指标值:20人。", "培训人数", "20 人", "20人"},
      {"1、1-产出指标；11-数量指标；培训人数；实施期目标值:20人；年 度 指 标 值:20人。", "培训人数", "20人", "20人"},
      {"1、1-产出指标；11-数量指标；年度指标值:5。", "", nullptr, "5"},
      {"1、1-产出指标；11-数量指标；总体目标值:5。", "", "5", nullptr},
      {"1、1-产出指标；11-数量指标；值班次数；年度目标值:5。", "值班次数", nullptr, "5"},
      // 年度指标值 is the tail of 本年度指标值: the longer spelling is the keyword.
      {"1、1-产出指标；11-数量指标；培训人数；实施周期指标值:20人；本年度指标值:18人。", "培训人数", "20人", "18人"},
      {"1、1-产出指标；11-数量指标；培训人数；实施周期指标值:20人; 本 年度指标值:18人。", "培训人数", "20人", "18人"},
      {"1、1-产出指标；11-数量指标；本年度指标值:5。", "", nullptr, "5"},
  };
  for (const KeywordCase& c : cases) {
    std::vector<InlineIndicatorProblem> problems;
    auto got = parse_inline_indicators(c.text, &problems);
    ASSERT_EQ(got.size(), 1u) << c.text;
    EXPECT_EQ(got[0].name, c.name) << c.text;
    EXPECT_EQ(got[0].period_target.has_value(), c.period != nullptr) << c.text;
    if (c.period && got[0].period_target) EXPECT_EQ(got[0].period_target->text, c.period) << c.text;
    EXPECT_EQ(got[0].annual_target.has_value(), c.annual != nullptr) << c.text;
    if (c.annual && got[0].annual_target) EXPECT_EQ(got[0].annual_target->text, c.annual) << c.text;
  }
}

}  // namespace
}  // namespace jixiao
