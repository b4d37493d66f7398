#include "read/glyph_shape.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace jixiao {
namespace {

// A glyph drawn in text: '#' is ink.
InkGrid grid(const std::vector<std::string>& rows) {
  InkGrid g;
  g.height = static_cast<int>(rows.size());
  g.width = static_cast<int>(rows.front().size());
  g.ink = [rows](int x, int y) { return rows[static_cast<std::size_t>(y)][static_cast<std::size_t>(x)] == '#'; };
  return g;
}

const std::vector<std::string> kGreaterEqual = {
    "##........",  //
    ".###......",  //
    "...###....",  //
    ".....###..",  //
    ".......###",  //
    ".....###..",  //
    "...###....",  //
    ".###......",  //
    "##........",  //
    "..........",  //
    "##########",  //
    "##########",  //
    "..........",  //
    "..........",  //
};

TEST(GlyphShape, AChevronWithABarUnderIt) {
  EXPECT_TRUE(bar_under_glyph(grid(kGreaterEqual), 0, 0, 10, 9));
  // A bare chevron (>) has only its stroke's end under its middle.
  std::vector<std::string> bare = kGreaterEqual;
  bare[10] = bare[11] = "..........";
  EXPECT_FALSE(bar_under_glyph(grid(bare), 0, 0, 10, 9));
  // A thick base, or ink under the bar, is a character's stroke, not a bar.
  std::vector<std::string> thick = kGreaterEqual;
  thick[12] = thick[13] = "##########";
  EXPECT_FALSE(bar_under_glyph(grid(thick), 0, 0, 10, 9));
}

TEST(GlyphShape, MisreadComparatorsOnlyWhereATargetStarts) {
  EXPECT_EQ(misread_comparator("", "过"), "≥");
  EXPECT_EQ(misread_comparator(":", "这"), "≥");
  EXPECT_EQ(misread_comparator("：", "科"), "≤");
  EXPECT_EQ(misread_comparator("", "委"), "≤");
  EXPECT_EQ(misread_comparator("通", "过"), "");  // inside a word: 通过
  EXPECT_EQ(misread_comparator(":", "约"), "");   // a real word before a figure
}

TEST(GlyphShape, AnAngleBracketClosedByAParenthesisIsAParenthesis) {
  EXPECT_EQ(mended_brackets("项目名称〈资金使用单位)"), "项目名称（资金使用单位）");
  EXPECT_EQ(mended_brackets("≥1200件 〈套）。"), "≥1200件 （套）。");
  EXPECT_EQ(mended_brackets("书名〈论语〉(第二版)"), "书名〈论语〉(第二版)");
  EXPECT_EQ(mended_brackets("未闭合〈"), "未闭合〈");
}

TEST(GlyphShape, ADigitAfterAPerCentSignWasAFullStop) {
  EXPECT_EQ(without_digit_after_percent("年度指标值:100%6。2、"), "年度指标值:100%。2、");
  EXPECT_EQ(without_digit_after_percent("≥90%4"), "≥90%");
  EXPECT_EQ(without_digit_after_percent("100%;50%"), "100%;50%");
  EXPECT_EQ(without_digit_after_percent("5%12个"), "5%12个");  // more than a stray digit
}

}  // namespace
}  // namespace jixiao
