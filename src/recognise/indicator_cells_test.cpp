#include "recognise/indicator_cells.hpp"

#include <gtest/gtest.h>

#include "recognise/grid_rows.hpp"

namespace jixiao {
namespace {

TEST(IndicatorCells, JoinsASplitTargetInPrintedOrder) {
  struct Case {
    const char *comparator, *value, *unit, *joined;
  } cases[] = {
      {"大于等于", "98", "%", "大于等于98%"},
      {"≥", "77", "台", "≥77台"},
      {"=", "2023年11月", "", "=2023年11月"},
      {"定量", "100", "%", "100%"},  // 指标性质 printed as 定量/定性 is no comparator
      {"≥", "≥90", "%", "≥90%"},     // the value already has one
      {"", "100%", "%", "100%"},     // the value already ends with its unit
      {"", "持续改善", "", "持续改善"},
      {"小于等于", "2000", "元/亩", "小于等于2000元/亩"},
  };
  for (const Case& c : cases) EXPECT_EQ(join_target(c.comparator, c.value, c.unit), c.joined) << c.joined;
}

TEST(IndicatorCells, ATargetWithoutItsFigureIsTold) {
  EXPECT_TRUE(target_lacks_number("≥%"));
  EXPECT_TRUE(target_lacks_number("大于等于个"));
  EXPECT_TRUE(target_lacks_number("百分比"));
  EXPECT_FALSE(target_lacks_number("≥90%"));
  EXPECT_FALSE(target_lacks_number("及时"));
  EXPECT_FALSE(target_lacks_number(""));
}

TEST(IndicatorCells, NamesLoseNumberingAndTemplateResidue) {
  struct Case {
    const char *printed, *name;
  } cases[] = {
      {"指标1：集中供养人数（≥**人）", "集中供养人数"},
      {"指标2:新增存储容量", "新增存储容量"},
      {"1.供养资金发放准确率(≥**%)", "供养资金发放准确率"},
      {"2、供养服务机构达标率", "供养服务机构达标率"},
      {"（1）资金按月发放率", "资金按月发放率"},
      {"①集中供养人均标准（≤**万元）", "集中供养人均标准"},
      {"12368热线人工服务接通率", "12368热线人工服务接通率"},  // a figure that is the name's own
      {"1.5吨以下车辆检测数", "1.5吨以下车辆检测数"},
      {"设备购置数量（含安装）", "设备购置数量（含安装）"},  // a bracket that is no residue
  };
  for (const Case& c : cases) EXPECT_EQ(clean_indicator_name(c.printed), c.name) << c.printed;
}

// An empty name cell: since a grid row's cells are views into the text, an
// empty one may point nowhere (the fuzzer's crash of 2026-12-07: the name
// was read at its byte 0).
TEST(IndicatorCells, AnEmptyNameIsCleanedToNothing) {
  EXPECT_EQ(clean_indicator_name(std::string_view()), "");
  EXPECT_EQ(clean_indicator_name("   "), "");
  EXPECT_EQ(clean_indicator_name("\xE3\x80\x80"), "");  // U+3000 alone
}

TEST(IndicatorCells, SplitsATargetWrittenAfterTheName) {
  auto a = split_trailing_target("机柜数量(≥77台)", false);
  ASSERT_TRUE(a);
  EXPECT_EQ(a->name, "机柜数量");
  EXPECT_EQ(a->target, "≥77台");
  EXPECT_FALSE(split_trailing_target("设备购置数量（含安装）", false));
  EXPECT_FALSE(split_trailing_target("覆盖率100%", false))
      << "a glued figure only where the caller allows it";
  auto b = split_trailing_target("农村义务教育学校改造覆盖率100%", true);
  ASSERT_TRUE(b);
  EXPECT_EQ(b->name, "农村义务教育学校改造覆盖率");
  EXPECT_EQ(b->target, "100%");
  auto c = split_trailing_target("新建校舍面积≥6000平方米", true);
  ASSERT_TRUE(c);
  EXPECT_EQ(c->name, "新建校舍面积");
  EXPECT_EQ(c->target, "≥6000平方米");
  EXPECT_FALSE(split_trailing_target("2023年度工作任务完成情况", true));
  EXPECT_FALSE(split_trailing_target("100%", true)) << "no name before the figure";
}

TEST(GridRows, BarsSplitCellsAndRulesAreNoRow) {
  auto cells = split_bar_cells("| 产出指标 | | 培训人数 | ≥100人 |");
  ASSERT_EQ(cells.size(), 4u);
  EXPECT_EQ(cells[0], "产出指标");
  EXPECT_EQ(cells[1], "");
  EXPECT_EQ(cells[3], "≥100人");
  EXPECT_TRUE(split_bar_cells("|---|:---:|---|").empty());
  EXPECT_TRUE(split_bar_cells("no bars here").empty());
}

}  // namespace
}  // namespace jixiao
