// The summary recogniser on small tables written for one trait each.
#include "recognise/summary_table.hpp"

#include <gtest/gtest.h>

#include <algorithm>

#include "recognise/amount_text.hpp"
#include "recognise/parse.hpp"

namespace jixiao {
namespace {

const char* kHead =
    "项目支出绩效目标表\n部门名称：某区教育局 单位：万元\n"
    "项目名称（资金使用单位） 总计 财政拨款 财政专户拨款 其他资金 绩效目标 绩效指标\n";

std::string amounts(const Project& p) {
  auto t = [](const std::optional<Decimal>& d) { return d ? d->to_string() : std::string("-"); };
  return t(p.amounts.total) + "/" + t(p.amounts.fiscal) + "/" + t(p.amounts.special) + "/" +
         t(p.amounts.other);
}

TEST(SummaryTable, LoneFiguresGoToTheColumnThatMakesTheUnitAddUp) {
  struct Case {
    std::string rows;
    std::vector<std::string> want;
  };
  const Case cases[] = {
      // One project carries the unit's 其他资金.
      {"合计 40.00 30.00 10.00\n某区教育局 40.00 30.00 10.00\n    物业管理费 30.00 30.00\n保障。\n    "
       "区财政安排经费 10.00 10.00\n保障。\n",
       {"30.00/30.00/-/-", "10.00/-/-/10.00"}},
      // Two projects together carry it, and both say so in their names.
      {"合计 60.00 30.00 30.00\n某区教育局 60.00 30.00 30.00\n    物业管理费 30.00 30.00\n保障。\n    "
       "其他收入项目甲 10.00 10.00\n"
       "保障。\n    其他收入项目乙 20.00 20.00\n保障。\n",
       {"30.00/30.00/-/-", "10.00/-/-/10.00", "20.00/-/-/20.00"}},
      // Everything is 财政拨款: nothing moves.
      {"合计 40.00 40.00\n某区教育局 40.00 40.00\n    物业管理费 30.00 30.00\n保障。\n    维修费 10.00 "
       "10.00\n保障。\n",
       {"30.00/30.00/-/-", "10.00/10.00/-/-"}},
      // Four figures keep their printed columns.
      {"合计 10.00 4.00 3.00 3.00\n某区教育局 10.00 4.00 3.00 3.00\n    物业管理费 10.00 4.00 3.00 "
       "3.00\n保障。\n",
       {"10.00/4.00/3.00/3.00"}},
  };
  for (const Case& c : cases) {
    Document doc = parse_text(std::string(kHead) + c.rows, "t.txt");
    ASSERT_EQ(doc.units.size(), 1u) << c.rows;
    ASSERT_EQ(doc.units[0].projects.size(), c.want.size()) << c.rows;
    for (std::size_t k = 0; k < c.want.size(); ++k)
      EXPECT_EQ(amounts(doc.units[0].projects[k]), c.want[k]) << c.rows;
  }
}

TEST(SummaryTable, UnitsAreFlushLeftAndProjectsIndented) {
  std::string text =
      std::string(kHead) +
      "合计 30.00 30.00\n第一小学 10.00 10.00\n    图书购置 10.00 10.00\n购书。\n第二小学 20.00 20.00\n"
      "    校舍维修 20.00 20.00\n修缮。\n";
  Document doc = parse_text(text, "t.txt");
  ASSERT_EQ(doc.units.size(), 2u);
  EXPECT_EQ(doc.units[0].name, "第一小学");
  EXPECT_EQ(doc.units[1].name, "第二小学");
  EXPECT_EQ(doc.units[1].projects.at(0).name, "校舍维修");
  EXPECT_EQ(doc.department, "某区教育局");
}

TEST(SummaryTable, HeadWordsSpacedOutByAnExportAreStillHeads) {
  // OCR and some PDF exports put spaces, even ideographic ones, inside words.
  for (std::string name_head : {"项 目 名 称（资金使用单位）", "项目\xE3\x80\x80名称", "资 金 使 用 单 位"}) {
    std::string text = "项目支出绩效目标表\n部门名称：某区教育局 单位：万元\n" + name_head +
                       " 总计 财政拨款 财政专户拨款 其他资金 绩效目标 绩效指标\n"
                       "合计 10.00 10.00\n第一小学 10.00 10.00\n    图书购置 10.00 10.00\n购书。\n";
    Document doc = parse_text(text, "t.txt");
    ASSERT_EQ(doc.units.size(), 1u) << name_head;
    ASSERT_EQ(doc.units[0].projects.size(), 1u) << name_head;
    EXPECT_EQ(doc.units[0].projects[0].name, "图书购置") << name_head;
  }
  // 项目 alone, as in a goal, is not a head.
  Document doc = parse_text("项目支出绩效目标表\n部门名称：某区教育局\n本项目 名 称 变更\n", "t.txt");
  EXPECT_TRUE(doc.units.empty());
}

TEST(SummaryTable, TabSeparatedRowsWithoutIndentationFindUnitsBySums) {
  std::string text =
      "部门名称:某区教育局\t\t\t\t\t\t\n项目名称(资金使用单位)"
      "\t总计\t财政拨款\t财政专户拨款\t其他资金\t绩效目标\t绩效指标\n"
      "合计\t30.00\t30.00\t\t\t\t\n第一小学\t30.00\t30.00\t\t\t\t\n图书购置\t10.00\t10.00\t\t\t购书。\t"
      "1、1-产出指标; 11-数量指标; 图书册数; 实施周期指标值:≥500册; 年度指标值:≥500册。\n"
      "校舍维修\t20. 00\t20. 00\t\t\t修缮。\t1、1-产出指标; 12-质量指标; 验收合格率; 实施周期指标值:100%; "
      "年度指标值:100%。\n";
  Document doc = parse_text(text, "ocr.txt");
  ASSERT_EQ(doc.units.size(), 1u);
  EXPECT_EQ(doc.units[0].name, "第一小学");
  ASSERT_EQ(doc.units[0].projects.size(), 2u);
  EXPECT_EQ(amounts(doc.units[0].projects[1]), "20.00/20.00/-/-");
  EXPECT_EQ(doc.units[0].projects[0].indicators.at(0).annual_target->text, "≥500册");
}

// Word and LibreOffice close a row cut by a page break with a rule at the
// page's foot, so the reader cannot tell it was cut; the rest of the row
// comes after the header repeated on the next page, its figure cells empty.
TEST(SummaryTable, RowCutByAPageBreakGoesOnAfterTheRepeatedHeader) {
  const std::string head_row =
      "项目名称(资金使用单位)\t总计\t财政拨款\t财政专户拨款\t其他资金\t绩效目标\t绩效指标\n";
  std::string text = "部门名称:某区教育局\t\t\t\t\t\t\n" + head_row +
                     "合计\t30.00\t30.00\t\t\t\t\n"
                     "第一小学\t30.00\t30.00\t\t\t\t\n"
                     "校舍维修\t10.00\t10.00\t\t\t修缮教学楼屋面，\t"
                     "1、1-产出指标; 11-数量指标; 维修面\n" +
                     head_row +
                     "\t\t\t\t\t保障师生安全。\t积; 实施周期指标值:≥500平方米; 年度指标值:≥500平方米。\n"
                     "第二期校舍\t20.00\t20.00\t\t\t修缮。\t"
                     "1、1-产出指标; 12-质量指标; 验收合格率; 实施周期指标值:100%; 年度指标值:100%。\n" +
                     head_row + "维修工程\t\t\t\t\t\t\n";
  Document doc = parse_text(text, "cut.txt");
  ASSERT_EQ(doc.units.size(), 1u);
  ASSERT_EQ(doc.units[0].projects.size(), 2u);
  const Project& first = doc.units[0].projects[0];
  EXPECT_EQ(first.goal.value_or(""), "修缮教学楼屋面，保障师生安全。");
  ASSERT_EQ(first.indicators.size(), 1u);
  EXPECT_EQ(first.indicators[0].name, "维修面积");
  EXPECT_EQ(first.indicators[0].annual_target->text, "≥500平方米");
  EXPECT_EQ(doc.units[0].projects[1].name.value_or(""), "第二期校舍维修工程");
  EXPECT_EQ(amounts(doc.units[0].projects[1]), "20.00/20.00/-/-");
}

// After a page break, a row whose figure cells OCR garbled ("3.1T") is not
// the rest of the row above: that row has its figures, and a cut row's
// figures are printed on one side of the break only.
TEST(SummaryTable, ARowWithGarbledFiguresAfterAPageBreakIsARowOfItsOwn) {
  const std::string head_row =
      "项目名称(资金使用单位)\t总计\t财政拨款\t财政专户拨款\t其他资金\t绩效目标\t绩效指标\n";
  std::string text = "部门名称:某区教育局\t\t\t\t\t\t\n" + head_row +
                     "合计\t13.17\t13.17\t\t\t\t\n"
                     "第一小学\t13.17\t13.17\t\t\t\t\n"
                     "校舍维修\t10.00\t10.00\t\t\t修缮。\t"
                     "1、1-产出指标; 12-质量指标; 验收合格率; 实施周期指标值:100%; 年度指标值:100%。\n" +
                     head_row +
                     "图书购置\t3.1T\t3.1T\t\t\t购书。\t"
                     "1、1-产出指标; 11-数量指标; 图书册数; 年度指标值:≥500册。\n";
  Document doc = parse_text(text, "ocr.txt");
  std::vector<std::string> names;
  for (const Unit& u : doc.units) {
    for (const Project& p : u.projects) names.push_back(p.name.value_or(""));
  }
  EXPECT_EQ(std::count(names.begin(), names.end(), "校舍维修"), 1);
  EXPECT_EQ(std::count(names.begin(), names.end(), "图书购置"), 1);
  EXPECT_EQ(std::count(names.begin(), names.end(), "校舍维修图书购置"), 0);
}

// Without a page break between them, a row that has a name but no figures
// is a row of its own, not the end of the one above.
TEST(SummaryTable, ANamedRowWithoutFiguresIsNotJoinedWithoutAPageBreak) {
  std::string text =
      "部门名称:某区教育局\t\t\t\t\t\t\n项目名称(资金使用单位)"
      "\t总计\t财政拨款\t财政专户拨款\t其他资金\t绩效目标\t绩效指标\n"
      "合计\t20.00\t20.00\t\t\t\t\n第一小学\t20.00\t20.00\t\t\t\t\n"
      "校舍维修\t20.00\t20.00\t\t\t修缮。\t"
      "1、1-产出指标; 12-质量指标; 验收合格率; 实施周期指标值:100%; 年度指标值:100%。\n"
      "维修工程\t\t\t\t\t\t\n";
  Document doc = parse_text(text, "uncut.txt");
  std::vector<std::string> names;
  for (const Unit& u : doc.units) {
    for (const Project& p : u.projects) names.push_back(p.name.value_or(""));
  }
  EXPECT_EQ(std::count(names.begin(), names.end(), "校舍维修"), 1);
  EXPECT_EQ(std::count(names.begin(), names.end(), "校舍维修维修工程"), 0);
}

// A scan's unit row whose figures OCR garbled ("23中9") has neither goal nor
// indicators: it still heads its projects, its amounts summed from theirs and
// said so, and the garbled cells are not read as its goal.
TEST(SummaryTable, AUnitWithGarbledFiguresStillHeadsItsProjects) {
  std::string text =
      "部门名称:某区教育局\t\t\t\t\t\t\n项目名称(资金使用单位)"
      "\t总计\t财政拨款\t财政专户拨款\t其他资金\t绩效目标\t绩效指标\n"
      "合计\t40.00\t40.00\t\t\t\t\n第一小学\t10.00\t10.00\t\t\t\t\n图书购置\t10.00\t10.00\t\t\t购书。\t"
      "1、1-产出指标; 11-数量指标; 图书册数; 年度指标值:≥500册。\n"
      "第二小学\t23中9\t3z3\t\t\t\t\n"
      "校舍维修\t20.00\t20.00\t\t\t修缮。\t1、1-产出指标; 12-质量指标; 验收合格率; 年度指标值:100%。\n"
      "操场维修\t10.00\t10.00\t\t\t修缮。\t1、1-产出指标; 12-质量指标; 验收合格率; 年度指标值:100%。\n";
  Document doc = parse_text(text, "ocr.txt");
  ASSERT_EQ(doc.units.size(), 2u);
  EXPECT_EQ(doc.units[1].name, "第二小学");
  ASSERT_EQ(doc.units[1].projects.size(), 2u);
  EXPECT_EQ(doc.units[1].amounts.total, Decimal::parse("30.00"));
  EXPECT_EQ(doc.units[1].amounts.fiscal, Decimal::parse("30.00"));
  bool unreadable = false, summed = false;
  for (const Diagnostic& d : doc.diagnostics) {
    unreadable = unreadable || d.code == "amount.unreadable";
    summed = summed || d.code == "amount.summed";
  }
  EXPECT_TRUE(unreadable);
  EXPECT_TRUE(summed);
}

// A scan's second unit whose 总计 OCR misread (39.00 as 32.00) still heads
// its projects when its 财政拨款 is their sum, with a notice; a row whose
// figures add up in no column stays a project.
TEST(SummaryTable, AUnitWithAMisreadTotalIsFoundByItsFiscalColumn) {
  const std::string head =
      "部门名称:某区教育局\t\t\t\t\t\t\n项目名称(资金使用单位)"
      "\t总计\t财政拨款\t财政专户拨款\t其他资金\t绩效目标\t绩效指标\n"
      "合计\t49.00\t49.00\t\t\t\t\n第一小学\t10.00\t10.00\t\t\t\t\n图书购置\t10.00\t10.00\t\t\t购书。\t"
      "1、1-产出指标; 11-数量指标; 图书册数; 年度指标值:≥500册。\n";
  const std::string projects =
      "校舍维修\t20.00\t20.00\t\t\t修缮。\t1、1-产出指标; 12-质量指标; 验收合格率; 年度指标值:100%。\n"
      "操场维修\t19.00\t19.00\t\t\t修缮。\t1、1-产出指标; 12-质量指标; 验收合格率; 年度指标值:100%。\n";
  auto notice = [](const Document& doc) {
    return std::any_of(doc.diagnostics.begin(), doc.diagnostics.end(),
                       [](const Diagnostic& d) { return d.code == "unit.by-fiscal-sum"; });
  };
  Document doc = parse_text(head + "第二小学\t32.00\t39.00\t\t\t\t\n" + projects, "ocr.txt");
  ASSERT_EQ(doc.units.size(), 2u);
  EXPECT_EQ(doc.units[1].name, "第二小学");
  EXPECT_EQ(doc.units[1].amounts.total, Decimal::parse("32.00"));  // as read: the sum rules report it
  EXPECT_EQ(doc.units[1].projects.size(), 2u);
  EXPECT_TRUE(notice(doc));
  // Neither column adds up: a project without goal or indicators, under the first unit.
  doc = parse_text(head + "第二小学\t32.00\t33.00\t\t\t\t\n" + projects, "ocr.txt");
  ASSERT_EQ(doc.units.size(), 1u);
  EXPECT_FALSE(notice(doc));
}

// A scan's 合计 whose label OCR misread ("台计") is still the 合计 row when
// the units below it add up to its figures, and the unit under it is a unit,
// not a project; a two-character unit ("总队") heading projects is not taken
// for it, nor a misread label whose figures the units do not add up to.
TEST(SummaryTable, AMisreadTotalLabelIsTheTotalRowWhenTheUnitsAddUpToIt) {
  const std::string head =
      "部门名称:某区教育局\t\t\t\t\t\t\n项目名称(资金使用单位)"
      "\t总计\t财政拨款\t财政专户拨款\t其他资金\t绩效目标\t绩效指标\n";
  const std::string projects =
      "校舍维修\t20.00\t20.00\t\t\t修缮。\t1、1-产出指标; 12-质量指标; 验收合格率; 年度指标值:100%。\n"
      "操场维修\t10.00\t10.00\t\t\t修缮。\t1、1-产出指标; 12-质量指标; 验收合格率; 年度指标值:100%。\n";
  auto notice = [](const Document& doc) {
    return std::any_of(doc.diagnostics.begin(), doc.diagnostics.end(),
                       [](const Diagnostic& d) { return d.code == "total.label-misread"; });
  };
  {
    Document doc = parse_text(head + "台计\t30.00\t30.00\t\t\t\t\n第一小学\t30.00\t30.00\t\t\t\t\n" + projects,
                              "ocr.txt");
    ASSERT_TRUE(doc.total.has_value());
    EXPECT_EQ(doc.total->total, Decimal::parse("30.00"));
    ASSERT_EQ(doc.units.size(), 1u);
    EXPECT_EQ(doc.units[0].name, "第一小学");
    EXPECT_EQ(doc.units[0].amounts.total, Decimal::parse("30.00"));
    EXPECT_EQ(doc.units[0].projects.size(), 2u);
    EXPECT_TRUE(notice(doc));
  }
  {
    // The same label over units that add up to something else: a row as before.
    Document doc = parse_text(head + "台计\t31.00\t31.00\t\t\t\t\n第一小学\t30.00\t30.00\t\t\t\t\n" + projects,
                              "ocr.txt");
    EXPECT_FALSE(doc.total.has_value());
    EXPECT_FALSE(notice(doc));
  }
  {
    // A unit named in two characters, one of them 总, heading its projects.
    Document doc = parse_text(head + "总队\t30.00\t30.00\t\t\t\t\n" + projects, "ocr.txt");
    EXPECT_FALSE(doc.total.has_value());
    ASSERT_EQ(doc.units.size(), 1u);
    EXPECT_EQ(doc.units[0].name, "总队");
    EXPECT_EQ(doc.units[0].projects.size(), 2u);
    EXPECT_FALSE(notice(doc));
  }
}

// A PDF export repeats the page's header where a page break cuts a row: the
// title above the repeated column heads, or after the page number alone. The
// title is not part of the goal or of the value the break cut in two.
TEST(SummaryTable, ATitleRepeatedAtAPageBreakIsNotRowText) {
  const std::string page_break_with_heads =
      "\n第 1 页 共 2 页\n\n项目支出绩效目标表\n\n"
      "项目名称（资金使用单位） 总计 财政拨款 财政专户拨款 其他资金 绩效目标 绩效指标\n\n";
  const std::string page_break_title_only = "\n- 1 -\n\n项目支出绩效目标表\n\n";
  for (const std::string& page_break : {page_break_with_heads, page_break_title_only}) {
    std::string text = std::string(kHead) +
                       "合计 30.00 30.00\n某区教育局 30.00 30.00\n    校舍维修 30.00 30.00\n"
                       "修缮校舍，改善办学\n" +
                       page_break + "条件。\n1、1-产出指标；11-数量指标；维修面积；实施周期指标值:≥1\n" +
                       page_break + "2,000平方米；年度指标值:≥12,000平方米。\n";
    Document doc = parse_text(text, "t.txt");
    ASSERT_EQ(doc.units.size(), 1u);
    ASSERT_EQ(doc.units[0].projects.size(), 1u);
    const Project& p = doc.units[0].projects[0];
    EXPECT_EQ(p.goal, "修缮校舍，改善办学条件。");
    ASSERT_EQ(p.indicators.size(), 1u);
    ASSERT_TRUE(p.indicators[0].period_target);
    EXPECT_EQ(p.indicators[0].period_target->text, "≥12,000平方米");
  }
}

// Figures wider than their cells wrap inside the number: the heads end the
// row's line, the tails stand alone on the next line.
TEST(SummaryTable, FiguresWrappedInsideTheNumberAreJoined) {
  std::string text = std::string(kHead) +
                     "合计 1,153,27 1,153,27\n6.45 6.45\n某区教育局 1,153,276.45 1,153,276.45\n"
                     "    校舍维修 1,153, 1,153,\n276.45 276.45\n修缮。\n";
  Document doc = parse_text(text, "t.txt");
  ASSERT_TRUE(doc.total);
  EXPECT_EQ(doc.total->total, Decimal::parse("1153276.45"));
  ASSERT_EQ(doc.units.size(), 1u);
  ASSERT_EQ(doc.units[0].projects.size(), 1u);
  EXPECT_EQ(doc.units[0].projects[0].name, "校舍维修");
  EXPECT_EQ(amounts(doc.units[0].projects[0]), "1153276.45/1153276.45/-/-");
  EXPECT_EQ(doc.units[0].projects[0].goal, "修缮。");
}

TEST(AmountText, JoinWrappedFigures) {
  struct Case {
    const char* line;
    const char* next;
    const char* joined;  // nullptr: not joined
  };
  const Case cases[] = {
      {"某项目 1,153,27 1,153,27", "6.45 6.45", "某项目 1,153,276.45 1,153,276.45"},
      {"某项目 12,345.6 12,345.6", "7 7", "某项目 12,345.67 12,345.67"},
      {"合计 4,007,7", "76.45", "合计 4,007,776.45"},
      {"某项目 375.00 375.00", "12.00 12.00", nullptr},         // two rows, each whole
      {"637.85", "589.25", nullptr},                            // figures one a line
      {"保障办案 3", "2", nullptr},                             // no money figure
      {"某项目 1,153,27 1,153,27", "6.45 6.45 6.45", nullptr},  // tails without heads
      {"某项目", "6.45", nullptr},
      {"某项目 1,153,27 1,153,27", "  6.45  6.45 ", "某项目 1,153,276.45 1,153,276.45"},
      {"某项目 1,153,27 1,153,27", "6.45 6.45 元", nullptr},  // text after the tails
      {"某项目 1,153,27 1,153,27", "修缮校舍 6.45", nullptr},  // a line of text
      {"某项目 1,153,27 1,153,27", "   ", nullptr},
      {"某项目 1,153,27 1,153,27", "6.45 -6.45", nullptr},
  };
  for (const Case& c : cases) {
    std::string joined;
    bool ok = join_wrapped_figures(c.line, c.next, 4, &joined);
    EXPECT_EQ(ok, c.joined != nullptr) << c.line << " / " << c.next;
    if (ok && c.joined) EXPECT_EQ(joined, c.joined) << c.line;
  }
}

TEST(AmountText, TrailingAmounts) {
  struct Case {
    const char* line;
    std::size_t text_end;  // bytes of text before the figures
    std::vector<const char*> figures;
    const char* damaged;
  };
  const Case cases[] = {
      {"业务用房物业管理费 375.00 375.00", std::string("业务用房物业管理费").size(), {"375.00", "375.00"}, ""},
      {"业务用房物业管理费 375.00 375.00  ", std::string("业务用房物业管理费").size(), {"375.00", "375.00"}, ""},
      {"2021年信息化建设", std::string("2021年信息化建设").size(), {}, ""},
      {"保障办案 3", std::string("保障办案 3").size(), {}, ""},
      {"375.00 12 3", 0, {"375.00", "12", "3"}, ""},
      {"某项目 13, 586. 01 2,376.02", std::string("某项目").size(), {"13586.01", "2376.02"}, ""},
      {"费用 12.00 说明 375.00", std::string("费用 12.00 说明").size(), {"375.00"}, ""},
      {"退款 -5.00 -5.00", std::string("退款").size(), {"-5.00", "-5.00"}, ""},
      {"某项目 1.00 2.00 3.00 4.00 5.00", std::string("某项目 1.00").size(), {"2.00", "3.00", "4.00", "5.00"}, ""},
      {"某项目 37x.00 375.00", std::string("某项目").size(), {"375.00"}, "37x.00"},
      {"3.0版系统 12.00", std::string("3.0版系统").size(), {"12.00"}, ""},
      {"某项目12.00 13.00", std::string("某项目12.00").size(), {"13.00"}, ""},
      // Lines ending in a non-ASCII character, and blank ones, hold neither.
      {"培训人数；年度指标值:20人。", std::string("培训人数；年度指标值:20人。").size(), {}, ""},
      {"某项目 375.00 375.00 元  ", std::string("某项目 375.00 375.00 元  ").size(), {}, ""},
      {"   ", 3, {}, ""},
      {"", 0, {}, ""},
      // An ASCII ending that is no figure: a damaged one, or text.
      {"某项目 375.00 37x.0x", std::string("某项目 375.00").size(), {}, "37x.0x"},
      {"某项目 12.00 (注)", std::string("某项目 12.00 (注)").size(), {}, ""},
  };
  for (const Case& c : cases) {
    TrailingAmounts t = trailing_amounts(c.line, 4);
    EXPECT_EQ(t.text_end, c.text_end) << c.line;
    std::vector<std::string> got;
    for (const Decimal& d : t.figures) got.push_back(d.to_string());
    EXPECT_EQ(got, std::vector<std::string>(c.figures.begin(), c.figures.end())) << c.line;
    EXPECT_EQ(t.damaged, c.damaged) << c.line;
  }
}

// Each indicator of a goal cell wrapped over several lines is traced to the
// lines its text came from.
TEST(SummaryTable, IndicatorsKnowTheirLines) {
  std::string text = std::string(kHead) +
                     "合计 10.00 10.00\n某区教育局 10.00 10.00\n    图书购置 10.00 10.00\n"
                     "购书。1、1-产出指标；11-数量指标；\n册数；年度指标值:100册。2、1-产出指标；\n"
                     "13-时效指标；到货及时率；\n年度指标值:100%。\n"
                     "3、3-满意度指标；31-服务对象满意度指标；师生满意度；年度指标值:≥95%。\n";
  Document doc = parse_text(text, "t.txt");
  ASSERT_EQ(doc.units.size(), 1u);
  ASSERT_EQ(doc.units[0].projects.size(), 1u);
  const auto& inds = doc.units[0].projects[0].indicators;
  ASSERT_EQ(inds.size(), 3u);
  // Lines count from 1: the head is 3 lines, then 合计, the unit, the project.
  EXPECT_EQ(inds[0].span.first_line, 7);
  EXPECT_EQ(inds[0].span.last_line, 8);
  EXPECT_EQ(inds[1].span.first_line, 8);
  EXPECT_EQ(inds[1].span.last_line, 10);
  EXPECT_EQ(inds[2].span.first_line, 11);
  EXPECT_EQ(inds[2].span.last_line, 11);
}

// An export that keeps no indentation and prints every cell on a line of its
// own: the heads, 合计 and each figure one a line, unit names alone above
// their figures. Units are the rows their projects add up to.
TEST(SummaryTable, CellsOneALineWithoutIndentation) {
  std::string text =
      "项目支出绩效目标表\n部门名称:某区司法局\n单位:万元\n项目名称（资金使用单位）\n总计\n财政拨款\n"
      "财政专户拨款\n其他资金\n绩效目标\n绩效指标\n合计\n40.00\n30.00\n10.00\n某区司法局\n30.00\n30.00\n"
      "人民调解经费\n30.00\n30.00\n化解矛盾纠纷\n1、1-产出指标；11-"
      "数量指标；调解案件数量；实施周期指标值：≥3,500件；"
      "年度指标值：≥3,500件。\n某区公证处\n10.00\n10.00\n公证业务收入项目\n10.00\n10.00\n购置密集柜。\n"
      "1、1-产出指标；11-数量指标；购置密集柜；实施周期指标值：≥40组；年度指标值：≥40组。\n";
  Document doc = parse_text(text, "t.txt");
  ASSERT_TRUE(doc.total);
  EXPECT_EQ(doc.total->total, Decimal::parse("40.00"));
  EXPECT_EQ(doc.total->fiscal, Decimal::parse("30.00"));
  EXPECT_EQ(doc.total->other, Decimal::parse("10.00"));
  ASSERT_EQ(doc.units.size(), 2u);
  EXPECT_EQ(doc.units[0].name, "某区司法局");
  ASSERT_EQ(doc.units[0].projects.size(), 1u);
  EXPECT_EQ(doc.units[0].projects[0].name, "人民调解经费");
  EXPECT_EQ(amounts(doc.units[0].projects[0]), "30.00/30.00/-/-");
  EXPECT_EQ(doc.units[0].projects[0].goal, "化解矛盾纠纷");
  EXPECT_EQ(doc.units[0].projects[0].indicators.size(), 1u);
  EXPECT_EQ(doc.units[1].name, "某区公证处");
  ASSERT_EQ(doc.units[1].projects.size(), 1u);
  EXPECT_EQ(doc.units[1].projects[0].name, "公证业务收入项目");
  EXPECT_EQ(amounts(doc.units[1].projects[0]), "10.00/-/-/10.00");
  EXPECT_EQ(doc.units[1].projects[0].goal, "购置密集柜。");
}

}  // namespace
}  // namespace jixiao

namespace jixiao {
namespace {

TEST(SummaryTable, HeadSearchKeepsOnlyTheWordsItNeeds) {
  using V = std::vector<std::string>;
  // From an offset on: a word ending in another goes (and one of two equals);
  // a word holding another elsewhere stays (its match may end past the
  // offset while the other's ends before it).
  EXPECT_EQ(words_a_search_needs(V{"年度绩效目标", "绩效指标", "绩效目标", "年度目标", "绩效目标", "整体绩效目标"}, false),
            (V{"绩效指标", "绩效目标", "年度目标"}));
  EXPECT_EQ(words_a_search_needs(V{"项目名称(资金使用单位)", "项目名称"}, false), (V{"项目名称(资金使用单位)", "项目名称"}));
  // From the start: a word holding another anywhere goes.
  EXPECT_EQ(words_a_search_needs(V{"项目名称(资金使用单位)", "转移支付项目名称", "资金使用单位", "项目名称"}, true),
            (V{"资金使用单位", "项目名称"}));
  EXPECT_EQ(words_a_search_needs(V{}, true), V{});
}

// The head search with the words it dropped: a head printed only as a longer
// spelling (年度绩效目标, wrapped over two lines) is still found.
TEST(SummaryTable, HeadsFoundByALongerSpellingOfTheirWord) {
  const std::string text =
      "项目支出绩效目标表\n部门名称：某区教育局 单位：万元\n"
      "转移支付项目名称 总计 财政拨款 财政专户拨款 其他资金 年度绩\n效目标\n"
      "某区教育局\n  校舍维修 10 10 0 0 完成维修 完成率≥95%\n";
  const Document doc = parse_text(text, "t.txt");
  EXPECT_EQ(doc.layout, "summary");
}

}  // namespace
}  // namespace jixiao
