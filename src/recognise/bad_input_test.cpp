// Bad input: every case gets a diagnostic naming the line and what was
// expected, the rest of the document still comes out, nothing crashes.
#include <gtest/gtest.h>

#include <string>

#include "recognise/parse.hpp"

namespace jixiao {
namespace {

const char* kHeader =
    "项目支出绩效目标表\n部门名称：某区教育局 单位：万元\n"
    "项目名称（资金使用单位） 总计 财政拨款 财政专户拨款 其他资金 绩效目标 绩效指标\n"
    "合计 30.00 30.00\n某区教育局 30.00 30.00\n";

const Diagnostic* find(const Document& doc, const std::string& code) {
  for (const Diagnostic& d : doc.diagnostics) {
    if (d.code == code) return &d;
  }
  return nullptr;
}

std::size_t project_count(const Document& doc) {
  std::size_t n = 0;
  for (const Unit& u : doc.units) n += u.projects.size();
  return n;
}

TEST(BadInput, EmptyFileIsAnError) {
  for (std::string text : {"", "\n\n  \n", "\xEF\xBB\xBF"}) {
    Document doc = parse_text(text, "empty.txt");
    EXPECT_TRUE(has_errors(doc));
    ASSERT_NE(find(doc, "read.empty"), nullptr) << "for input of " << text.size() << " bytes";
    EXPECT_TRUE(doc.units.empty());
  }
}

TEST(BadInput, BinaryIsRefusedWithAReason) {
  std::string bytes("%PDF-1.7\n\x00\x01\x02\xff\xfe", 15);
  Document doc = parse_text(bytes, "x.pdf");
  ASSERT_NE(find(doc, "read.binary"), nullptr);
  EXPECT_NE(find(doc, "read.binary")->message.find("NUL"), std::string::npos);
}

TEST(BadInput, UndecodableBytesAreAnEncodingError) {
  Document doc = parse_text(std::string("\x81\x20\xff\xff\x80 abc"), "bad.txt");
  ASSERT_NE(find(doc, "read.encoding"), nullptr);
  EXPECT_TRUE(has_errors(doc));
}

TEST(BadInput, UnknownLayoutSaysWhatWasExpected) {
  Document doc = parse_text("会议纪要\n今天讨论了预算。\n", "notes.txt");
  const Diagnostic* d = find(doc, "layout.unknown");
  ASSERT_NE(d, nullptr);
  EXPECT_NE(d->message.find("项目名称"), std::string::npos);
  EXPECT_NE(d->message.find("一级指标"), std::string::npos);
}

TEST(BadInput, TruncatedMidRowKeepsWhatWasRead) {
  std::string text =
      std::string(kHeader) +
      "    物业管理费 20.00 20.00\n保障运行。\n"
      "1、1-产出指标；11-数量指标；物业面积；实施周期指标值:100平方米；年度指标值:100平方米。\n"
      "    信息化运维 10.00 10.00\n保障系统运行。\n1、1-产出指标；12-质量指标；系统可用";
  Document doc = parse_text(text, "truncated.txt");
  ASSERT_EQ(project_count(doc), 2u);
  EXPECT_EQ(doc.units[0].projects[0].indicators.size(), 1u);
  const Diagnostic* d = find(doc, "indicator.incomplete");
  ASSERT_NE(d, nullptr);
  EXPECT_EQ(d->line, 11);  // the line where the cut indicator starts
  EXPECT_NE(d->message.find("信息化运维"), std::string::npos);
}

// A UTF-8 file cut short inside its last character is still UTF-8: read
// as GB18030 every character would silently become another one.
TEST(BadInput, CutInsideTheLastCharacterIsUtf8WithAWarning) {
  const std::string whole = std::string(kHeader) + "    物业管理费 20.00 20.00\n保障运行。\n";
  for (const std::string& tail : {std::string("\xE4\xB8"), std::string("\xE4\xB8\n"), std::string("\xE4")}) {
    Document doc = parse_text(whole + tail, "cut.txt");
    EXPECT_EQ(doc.encoding, "utf-8");
    const Diagnostic* d = find(doc, "read.truncated");
    ASSERT_NE(d, nullptr) << tail.size() << " byte tail";
    EXPECT_EQ(d->line, 8);
    EXPECT_FALSE(has_errors(doc));
    ASSERT_EQ(project_count(doc), 1u);
    EXPECT_EQ(doc.units[0].projects[0].name, "物业管理费");
  }
}

TEST(BadInput, StrayBytesInUtf8AreReplacedAndReportedOnTheirLine) {
  std::string text = std::string(kHeader) + "    物业管理费 20.00 20.00\n保障\xFF运行。\n";
  Document doc = parse_text(text, "stray.txt");
  EXPECT_EQ(doc.encoding, "utf-8");
  const Diagnostic* d = find(doc, "read.encoding");
  ASSERT_NE(d, nullptr);
  EXPECT_EQ(d->line, 7);
  EXPECT_EQ(d->severity, Severity::Warning);
  ASSERT_EQ(project_count(doc), 1u);
  EXPECT_EQ(doc.units[0].projects[0].name, "物业管理费");
}

TEST(BadInput, AFigureThatIsNotANumberIsReportedAndLeftEmpty) {
  std::string text =
      std::string(kHeader) +
      "    物业管理费 2O.00 20.00\n保障运行。\n"
      "1、1-产出指标；11-数量指标；物业面积；实施周期指标值:100平方米；年度指标值:100平方米。\n";
  Document doc = parse_text(text, "nan.txt");
  const Diagnostic* d = find(doc, "amount.unreadable");
  ASSERT_NE(d, nullptr);
  EXPECT_EQ(d->line, 6);
  EXPECT_NE(d->message.find("2O.00"), std::string::npos);
  ASSERT_EQ(project_count(doc), 1u);
  const Project& p = doc.units[0].projects[0];
  EXPECT_EQ(p.name, "物业管理费");
  EXPECT_FALSE(p.amounts.total.has_value());
  ASSERT_TRUE(p.amounts.fiscal.has_value());
  EXPECT_EQ(p.amounts.fiscal->to_string(), "20.00");
}

TEST(BadInput, AnIndicatorWithAMissingPartIsKeptAndReported) {
  std::string text =
      std::string(kHeader) +
      "    物业管理费 20.00 20.00\n保障运行。\n"
      "1、1-产出指标；物业面积；实施周期指标值:100平方米；年度指标值:100平方米。2、2-效益指标；"
      "22-社会效益；安全事故数；实施周期指标值:0。\n";
  Document doc = parse_text(text, "missing.txt");
  ASSERT_EQ(project_count(doc), 1u);
  const Project& p = doc.units[0].projects[0];
  ASSERT_EQ(p.indicators.size(), 2u);
  EXPECT_EQ(p.indicators[0].name, "物业面积");
  EXPECT_FALSE(p.indicators[0].level2.has_value());
  EXPECT_EQ(p.indicators[1].period_target->text, "0");
  EXPECT_FALSE(p.indicators[1].annual_target.has_value());
  const Diagnostic* d = find(doc, "indicator.incomplete");
  ASSERT_NE(d, nullptr);
  EXPECT_NE(d->message.find("二级指标"), std::string::npos);
  EXPECT_EQ(d->line, 8);
}

TEST(BadInput, ArbitraryBytesNeverCrash) {
  std::uint64_t state = 0x9E3779B97F4A7C15ull;
  auto next = [&]() {
    state ^= state << 13;
    state ^= state >> 7;
    state ^= state << 17;
    return state;
  };
  const std::string pieces[] = {"合计",
                                " 1,234.50",
                                "\n",
                                "    ",
                                "1、1-产出指标；",
                                "11-数量指标；",
                                "实施周期指标值:",
                                "年度指标值:",
                                "\t",
                                "项目名称（资金使用单位） 总计 财政拨款 其他资金 绩效目标 绩效指标\n",
                                "一级指标",
                                "\xE4\xB8",
                                "\xff",
                                "。",
                                "≥",
                                "%"};
  for (int round = 0; round < 2000; ++round) {
    std::string text;
    int n = static_cast<int>(next() % 40);
    for (int k = 0; k < n; ++k) text += pieces[next() % (sizeof(pieces) / sizeof(pieces[0]))];
    Document doc = parse_text(text, "random.txt");
    for (const Diagnostic& d : doc.diagnostics) EXPECT_FALSE(d.message.empty());
  }
}

}  // namespace
}  // namespace jixiao
