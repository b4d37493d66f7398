// The per-project grid on small tables written for one trait each.
#include "recognise/project_grid.hpp"

#include <gtest/gtest.h>

#include <random>
#include <thread>

#include "model/json.hpp"
#include "read/table_source.hpp"
#include "recognise/header_meta.hpp"
#include "recognise/parse.hpp"
#include "recognise/summary_table.hpp"
#include "test_support.hpp"
#include "text/key.hpp"

namespace jixiao {
namespace {

// recognise tells a grid from the line where its labels complete
// (project_grid_labels_end) and the first summary head block before a
// bound; both must agree with the searches they stand for.
TEST(ProjectGrid, LabelsEndAndFirstHeadsAgreeWithTheWholeSearches) {
  for (const testing::Seed& seed : testing::seeds()) {
    const Source source = read_text(seed.text, seed.stem);
    const std::size_t end = project_grid_labels_end(source);
    for (std::size_t limit : {std::size_t(0), std::size_t(1), std::size_t(20), std::size_t(60), std::size_t(100),
                              source.lines.size(), end, end > 0 ? end - 1 : 0}) {
      EXPECT_EQ(looks_like_project_grid(source, limit), end != 0 && end <= limit) << seed.stem << " " << limit;
      EXPECT_EQ(project_grid_labels_end(source, limit), end != 0 && end <= limit ? end : 0) << seed.stem;
    }
    const SummaryHeads all = find_summary_heads(source);
    for (int before : {0, 1, 10, 60, static_cast<int>(source.lines.size())}) {
      const SummaryHeads first = find_first_summary_heads(source, before);
      const bool expect = all.found() && all.blocks.front().first < before;
      ASSERT_EQ(first.found(), expect) << seed.stem << " " << before;
      if (expect) {
        EXPECT_EQ(first.blocks.size(), 1u);
        EXPECT_EQ(first.blocks.front().first, all.blocks.front().first);
        EXPECT_EQ(first.blocks.front().last, all.blocks.front().last);
        EXPECT_EQ(first.blocks.front().columns, all.blocks.front().columns);
      }
    }
  }
}

// The grid remembers each cell's field in a bounded table per thread: with
// the table full of other cells, a grid reads as with an empty one. Each
// reading runs on a thread of its own, so each starts with an empty table.
TEST(ProjectGrid, ReadsTheSameOnceTheRememberedFieldsAreFull) {
  auto read_seeds = [](bool fill_first) {
    std::vector<std::string> out;
    std::thread reader([&] {
      if (fill_first) {
        std::string junk = "\t项目名称\n\t某项目\n\n\t一级指标\n\t二级指标\n\t三级指标\n\t指标值\n\n";
        for (int k = 0; k < 20000; ++k)
          junk += "\t单元格" + std::to_string(k) + "（分）\n\t值" + std::to_string(k) + "\n\n";
        EXPECT_EQ(recognise_project_grid(read_text(junk, "junk.txt")).layout, "project-grid");
      }
      for (const testing::Seed& seed : testing::seeds())
        out.push_back(json_text(recognise(read_text(seed.text, seed.stem))));
    });
    reader.join();
    return out;
  };
  EXPECT_EQ(read_seeds(true), read_seeds(false));
}

// is_table_title answers at once for a line without 标; a title whose 目标
// is split by white space is still one.
TEST(ProjectGrid, TableTitlesWhereverTheirWordsAreSplit) {
  EXPECT_TRUE(is_table_title("2025年项目支出绩效目标表"));
  EXPECT_TRUE(is_table_title("某某项目绩效目 标表"));
  EXPECT_TRUE(is_table_title("某某项目绩效目\xE3\x80\x80标表"));
  EXPECT_TRUE(is_table_title("某某项目绩效目标申报表"));
  EXPECT_TRUE(is_table_title("1.应急物资储备经费绩效目标"));
  EXPECT_FALSE(is_table_title("项目名称"));
  EXPECT_FALSE(is_table_title("产出指标"));
  EXPECT_FALSE(is_table_title("目标"));
  EXPECT_FALSE(is_table_title(""));
}

// A line is turned away before its key is built only when the key could not
// hold 目标: the same answers as reading every line's key, on lines made of
// the characters that matter (目, 标, white space, U+3000, brackets, stray
// bytes) in random order.
TEST(ProjectGrid, TableTitleShortcutAgreesWithTheKey) {
  auto by_key = [](std::string_view text) {
    const std::string key = vocabulary_key(text);
    if (key.size() > 300) return false;
    return key.find("目标表") != std::string::npos || key.find("目标申报表") != std::string::npos ||
           key.ends_with("绩效目标") || (key.find("绩效目标") != std::string::npos && key.ends_with("表"));
  };
  const std::vector<std::string> pieces = {
      "目", "标",   "表",       "绩效",     "申报", " ",  "\t",       "\r",   "\n", "\xE3\x80\x80", "（",
      "）", "\xE7", "\x9B\xAE", "\xE7\x9B", "指",   "项", "\xE6\xA0", "\x87", "a",  "：",           "\f"};
  std::mt19937 random(7);
  int titles = 0;
  for (int round = 0; round < 200000; ++round) {
    std::string line;
    const int n = static_cast<int>(random() % 12);
    for (int k = 0; k < n; ++k) line += pieces[random() % pieces.size()];
    const bool expected = by_key(line);
    titles += expected;
    ASSERT_EQ(is_table_title(line), expected) << line;
  }
  EXPECT_GT(titles, 50);  // the rounds did reach titles
}

TEST(ProjectGrid, HeaderLabelsOtherThanThePurposeKeepTheirValuesOut) {
  std::string text =
      "\t项目名称\n\t某项目\n\n\t主管部门及代码\n\t[209]"
      "某区法院\n\t实施单位\n\t某区法院\n\n\t预算规模及资金用途\n\t预算数\n"
      "\t10.00\n\t其中：财政资金\n\t10."
      "00\n\t其他资金\n\t\n\n\t用于办案\n\n\t绩效目标\n\t保障办案。\n\n\t一级指标\n\t二级指标\n"
      "\t三级指标\n\t绩效指标描述\n\t指标值\n\n\t产出指标\n\t数量指标\n\t案件数\n\t案件数\n\t≥10件\n\n\t\n\t"
      "质量指标\n\t结案率\n"
      "\t结案率\n\t≥90%\n";
  Document doc = parse_text(text, "grid.txt");
  EXPECT_EQ(doc.layout, "project-grid");
  EXPECT_EQ(doc.department, "某区法院");
  EXPECT_EQ(doc.department_code, "209");
  ASSERT_EQ(doc.units.size(), 1u);
  ASSERT_EQ(doc.units[0].projects.size(), 1u);
  const Project& p = doc.units[0].projects[0];
  EXPECT_EQ(p.purpose, "用于办案");
  EXPECT_EQ(p.goal, "保障办案。");
  ASSERT_EQ(p.indicators.size(), 2u);
  // The merged 一级 cell is carried down to the second row.
  EXPECT_EQ(p.indicators[1].level1, Level1::Output);
  EXPECT_EQ(p.indicators[1].level2, Level2::Quality);
  EXPECT_EQ(p.indicators[1].annual_target->text, "≥90%");
}

// A cell equal to the cell on its left takes that cell's field (the grid
// does not look it up again); each is still read as its own column's, and a
// cell of the same length as its neighbour but other bytes (某项目名 beside
// 项目名称) is looked up as itself.
TEST(ProjectGrid, CellsEqualToTheirLeftNeighbourKeepTheirOwnColumns) {
  std::string text =
      "项目名称\t某项目名\n预算数\t5.00\n其中：财政资金\t5.00\n其他资金\t\n绩效目标\t完成采购。\n"
      "一级指标\t二级指标\t三级指标\t绩效指标描述\t指标值\n产出指标\t数量指标\t采购数量\t采购数量\t2辆\n"
      "\t质量指标\t验收合格\t达标\t达标\n";
  Document doc = parse_text(text, "grid-equal-cells.txt");
  EXPECT_EQ(doc.layout, "project-grid");
  ASSERT_EQ(doc.units.size(), 1u);
  ASSERT_EQ(doc.units[0].projects.size(), 1u);
  const Project& p = doc.units[0].projects[0];
  EXPECT_EQ(p.name, "某项目名");
  ASSERT_EQ(p.indicators.size(), 2u);
  EXPECT_EQ(p.indicators[0].name, "采购数量");
  EXPECT_EQ(p.indicators[0].description, "采购数量");
  ASSERT_TRUE(p.indicators[0].annual_target);
  EXPECT_EQ(p.indicators[0].annual_target->text, "2辆");
  EXPECT_EQ(p.indicators[1].level2, Level2::Quality);
  EXPECT_EQ(p.indicators[1].description, "达标");
  ASSERT_TRUE(p.indicators[1].annual_target);
  EXPECT_EQ(p.indicators[1].annual_target->text, "达标");
}

TEST(ProjectGrid, RowsOnOneLineSeparatedByTabs) {
  std::string text =
      "项目名称\t某项目\n预算数\t5.00\n其中：财政资金\t5.00\n其他资金\t\n绩效目标\t完成采购。\n"
      "一级指标\t二级指标\t三级指标\t绩效指标描述\t指标值\n产出指标\t数量指标\t采购数量\t采购数量\t2辆\n"
      "\t时效指标\t完成时间\t完成时间\t2023年底前\n效益指标\t社会效益指标\t出行条件\t改善出行\t有效改善\n";
  Document doc = parse_text(text, "grid-tabs.txt");
  ASSERT_EQ(doc.layout, "project-grid");
  const Project& p = doc.units.at(0).projects.at(0);
  EXPECT_EQ(p.amounts.total->to_string(), "5.00");
  ASSERT_EQ(p.indicators.size(), 3u);
  EXPECT_EQ(p.indicators[1].level1, Level1::Output);
  EXPECT_EQ(p.indicators[1].name, "完成时间");
  EXPECT_EQ(p.indicators[2].level2, Level2::Social);
}

// Rows as the scan reader gives them: lines outside the rules are
// paragraphs, the table's cells come from its rules.
TableRow paragraph(std::string text) {
  TableRow r;
  r.paragraph = true;
  r.cells.push_back({std::move(text)});
  return r;
}
TableRow cells(std::initializer_list<const char*> texts) {
  TableRow r;
  for (const char* t : texts) r.cells.push_back({t});
  return r;
}
std::vector<TableRow> scanned_project(const char* title, const char* head, const char* name) {
  return {paragraph(title),
          paragraph(head),
          cells({"项目名称", name}),
          cells({"预算规模及资金用途", "预算数", "10.00", "其中：财政资金", "10.00", "其他资金", ""}),
          cells({"", "用于办案"}),
          cells({"绩效目标", "保障办案。"}),
          cells({"一级指标", "二级指标", "三级指标", "绩效指标描述", "指标值"}),
          cells({"产出指标", "数量指标", "案件数", "案件数", "≥10件"}),
          cells({"满意度指标", "服务对象满意度指标", "满意度", "满意度", "≥90%"})};
}
bool has_code(const Document& d, const std::string& code) {
  for (const Diagnostic& x : d.diagnostics) {
    if (x.code == code) return true;
  }
  return false;
}

TEST(ProjectGrid, AScannedHeadLineWithItsUnitLabelMisread) {
  // OCR read 单 as 香: the line still names the department, and 万元 after
  // 位 is the amount unit.
  auto rows = scanned_project("1.甲项目绩效目标表", "209101某区法院 香位万元", "甲项目");
  Document doc = recognise(source_from_rows(rows, "scan.pdf", "scan"));
  EXPECT_EQ(doc.department, "某区法院");
  EXPECT_EQ(doc.department_code, "209101");
  EXPECT_EQ(doc.amount_unit, "万元");
  EXPECT_TRUE(has_code(doc, "head.unit-label"));

  // The whole label garbled beyond reading ("站人 万7"): the department is read,
  // the unit is not, and a warning says which unit the amounts are taken in.
  rows = scanned_project("1.甲项目绩效目标表", "209101某区法院 站人 万7", "甲项目");
  doc = recognise(source_from_rows(rows, "scan.pdf", "scan"));
  EXPECT_EQ(doc.department, "某区法院");
  EXPECT_EQ(doc.department_code, "209101");
  EXPECT_TRUE(has_code(doc, "head.unit-unreadable"));

  // 万 misread: "浪元" is not 元, and no unit is read from it.
  rows = scanned_project("1.甲项目绩效目标表", "209101某区法院 香位浪元", "甲项目");
  doc = recognise(source_from_rows(rows, "scan.pdf", "scan"));
  EXPECT_NE(doc.amount_unit, "元");
  // The label read, the unit not: the department still, and a warning.
  rows = scanned_project("1.甲项目绩效目标表", "209101某区法院 单位：浪交", "甲项目");
  doc = recognise(source_from_rows(rows, "scan.pdf", "scan"));
  EXPECT_EQ(doc.department, "某区法院");
  EXPECT_EQ(doc.amount_unit, "万元");
  EXPECT_TRUE(has_code(doc, "head.unit-unreadable"));
  // A space OCR put inside the label: the label is still read.
  rows = scanned_project("1.甲项目绩效目标表", "209101某区法院 单位 :万了0", "甲项目");
  doc = recognise(source_from_rows(rows, "scan.pdf", "scan"));
  EXPECT_EQ(doc.department, "某区法院");
  EXPECT_EQ(doc.department_code, "209101");
  EXPECT_TRUE(has_code(doc, "head.unit-unreadable"));
}

TEST(ProjectGrid, TheNextTablesHeadIsNotAnIndicatorOfTheLast) {
  // The second table's title garbled beyond recognition: its department
  // line still says a new table begins, and the garbled title is dropped.
  auto rows = scanned_project("1.甲项目绩效目标表", "209101某区法院 单位：万元", "甲项目");
  auto second = scanned_project("于法中,沪-22023F5354绩交!11三2取忒表", "209101某区法院 单位，浪元", "乙项目");
  rows.insert(rows.end(), second.begin(), second.end());
  Document doc = recognise(source_from_rows(rows, "scan.pdf", "scan"));
  ASSERT_EQ(doc.units.size(), 1u);
  ASSERT_EQ(doc.units[0].projects.size(), 2u);
  for (const Project& p : doc.units[0].projects) {
    ASSERT_EQ(p.indicators.size(), 2u) << *p.name;
    EXPECT_EQ(p.indicators[1].name, "满意度");
  }
  EXPECT_TRUE(has_code(doc, "grid.unread-title"));
}

// A Word export of a table cut by a page break: the page number printed
// between two rows is no indicator, whether "- 1 -" or "第 1 页 共 2 页".
TEST(ProjectGrid, APageNumberBetweenRowsIsNoIndicator) {
  for (const char* marker : {"- 1 -", "第 1 页 共 2 页", "1/2"}) {
    std::string text =
        "\t项目名称\n\t某项目\n\n\t预算规模及资金用途\n\t预算数\n\t10.00\n\t其中：财政资金\n\t10.00\n"
        "\t其他资金\n\t\n\n\t\n\t用于办案\n\n\t绩效目标\n\t保障办案。\n\n\t一级指标\n\t二级指标\n"
        "\t三级指标\n\t绩效指标描述\n\t指标值\n\n\t产出指标\n\t数量指标\n\t案件数\n\t案件数\n\t≥10件\n\n\n" +
        std::string(marker) +
        "\n\n\t一级指标\n\t二级指标\n\t三级指标\n\t绩效指标描述\n\t指标值\n\n\t\n\t质量指标\n\t结案率\n"
        "\t结案率\n\t≥90%\n";
    Document doc = parse_text(text, "grid-page.txt");
    ASSERT_EQ(doc.layout, "project-grid") << marker;
    const Project& p = doc.units.at(0).projects.at(0);
    ASSERT_EQ(p.indicators.size(), 2u) << marker;
    EXPECT_EQ(p.indicators[1].name, "结案率") << marker;
    EXPECT_EQ(p.indicators[1].level1, Level1::Output) << marker;
  }
}

}  // namespace
}  // namespace jixiao

namespace jixiao {
namespace {

TEST(HeaderMeta, TheBudgetYearOfATitle) {
  const std::pair<const char*, int> cases[] = {
      {"法院囚车更新购置-2023中央绩效目标表", 2023},
      {"广州市荔湾区人民检察院2019年信息化运维项目-2021中央绩效目标表", 2021},
      {"GZIT2025-QM-N-C-787446-2024中央绩效目标表", 2024},
      {"2022-2024年信息化运维服务项目绩效目标表", 0},
      {"2024年项目支出绩效目标表", 2024},
      {"项目支出绩效目标表（含转移支付项目）", 0},
  };
  for (auto [title, year] : cases) EXPECT_EQ(year_in_title(title), year) << title;
}

}  // namespace
}  // namespace jixiao
