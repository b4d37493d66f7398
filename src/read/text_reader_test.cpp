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

// Cells are views into the Source's text, all of a reading's cells in one
// store: each cell is its line's text between tabs, trimmed and folded as
// the line is, and stays valid in a copy that outlives the Source read.
TEST(ReadText, CellsAreViewsOfTheirLineThatOutliveTheReading) {
  Source copy;
  {
    const Source src = read_text("\t项目名称\t 某项目 \n\n 　甲\t\t１２．５\t\n无格\n", "cells.txt");
    copy = src;
  }
  ASSERT_EQ(copy.lines.size(), 4u);
  ASSERT_TRUE(copy.text_buffer && copy.cell_store);
  const std::string_view all(*copy.text_buffer);
  const std::vector<std::vector<std::string_view>> want = {{"", "项目名称", "某项目"}, {}, {"甲", "", "12.5", ""}, {}};
  for (std::size_t k = 0; k < want.size(); ++k) {
    const Line& line = copy.lines[k];
    ASSERT_EQ(line.cells.size(), want[k].size()) << k;
    for (std::size_t c = 0; c < want[k].size(); ++c) {
      EXPECT_EQ(line.cells[c].text, want[k][c]) << k << " " << c;
      if (line.cells[c].text.empty()) continue;
      // Inside the line's own text, which is inside the buffer.
      EXPECT_GE(line.cells[c].text.data(), line.text.data());
      EXPECT_LE(line.cells[c].text.data() + line.cells[c].text.size(), line.text.data() + line.text.size());
      EXPECT_GE(line.text.data(), all.data());
      EXPECT_LE(line.text.data() + line.text.size(), all.data() + all.size());
    }
  }
  EXPECT_EQ(copy.lines[2].text, "甲\t\t12.5");
}

}  // namespace
}  // namespace jixiao
