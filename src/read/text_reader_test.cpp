// read_text folds full-width forms and form feeds line by line; it looks
// for them once in the whole text first, so a line must read the same in a
// text that holds them elsewhere as in a text of its own.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "read/source.hpp"

namespace jixiao {
namespace {

TEST(ReadText, EachLineReadsAsItWouldAlone) {
  const std::vector<std::string> raw = {
      "项目名称：甲",
      "金额：１２．５万元",        // full-width figures: folded
      "\f第2页",                  // a form feed: a space, then trimmed
      "单位\xE3\x80\x80名称",     // an ideographic space: folded
      "（一）说明：，；。",        // CJK punctuation: kept as printed
      "\t一级指标\t指标值",
  };
  std::string text;
  for (const std::string& l : raw) text += l + "\n";
  const Source all = read_text(text, "t.txt");
  ASSERT_EQ(all.lines.size(), raw.size());
  EXPECT_EQ(all.lines[1].text, "金额：12.5万元");
  EXPECT_EQ(all.lines[2].text, "第2页");
  EXPECT_EQ(all.lines[3].text, "单位 名称");
  EXPECT_EQ(all.lines[4].text, "（一）说明：，；。");
  for (std::size_t k = 0; k < raw.size(); ++k) {
    const Source one = read_text(raw[k], "one.txt");
    ASSERT_EQ(one.lines.size(), 1u) << k;
    EXPECT_EQ(one.lines[0].text, all.lines[k].text) << k;
    EXPECT_EQ(one.lines[0].indent, all.lines[k].indent) << k;
    ASSERT_EQ(one.lines[0].cells.size(), all.lines[k].cells.size()) << k;
    for (std::size_t c = 0; c < one.lines[0].cells.size(); ++c)
      EXPECT_EQ(one.lines[0].cells[c].text, all.lines[k].cells[c].text) << k;
  }
  // A text with none of them keeps every line as printed.
  const Source plain = read_text("项目名称：乙\n（二）目标：1、2\n", "plain.txt");
  ASSERT_EQ(plain.lines.size(), 2u);
  EXPECT_EQ(plain.lines[0].text, "项目名称：乙");
  EXPECT_EQ(plain.lines[1].text, "（二）目标：1、2");
}

}  // namespace
}  // namespace jixiao
