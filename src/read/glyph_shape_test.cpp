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

// A ≥ as a scan of a font that slants the bar (⩾), binarised at 300 dpi; the
// model's box holds the chevron (columns 3-33, rows 2-26), the bar runs
// below it on the left.
const std::vector<std::string> kSlantedGreaterEqual = {
    "......................................",  //
    "......................................",  //
    "....#.................................",  //
    "...####...............................",  //
    "....#####.............................",  //
    ".......#####..........................",  //
    ".........#####........................",  //
    "...........#####......................",  //
    "..............#####...................",  //
    "................#####.................",  //
    "..................#####...............",  //
    ".....................#####............",  //
    ".......................#####..........",  //
    "..........................#####.......",  //
    "............................#####.....",  //
    "............................#####.....",  //
    "..........................#####.......",  //
    ".......................######.........",  //
    ".....................#####............",  //
    "..................######..............",  //
    "................#####.................",  //
    ".............#####....................",  //
    "..........######...............###....",  //
    "........#####...............######....",  //
    ".....######...............#####.......",  //
    "...#####...............######.........",  //
    "...##................#####............",  //
    "..................#####...............",  //
    "................#####.................",  //
    "...........######.....................",  //
    "........#####.........................",  //
    ".....#####............................",  //
    "...#####..............................",  //
    "...##.................................",  //
    "......................................",  //
    "......................................",  //
};

// The same ink without the bar, and mirrored (≤ and <).
std::vector<std::string> without_bar(std::vector<std::string> rows) {
  for (std::size_t y = 22; y < rows.size(); ++y) {
    for (std::size_t x = 0; x < rows[y].size(); ++x) {
      // The bar is the ink right of the lower stroke's end in rows 22-27, and all ink below row 28.
      const bool bar = y >= 28 || (y >= 22 && x >= 14 && x > 3 + (27 - y) * 3);
      if (bar) rows[y][x] = '.';
    }
  }
  return rows;
}
std::vector<std::string> mirrored(std::vector<std::string> rows) {
  for (std::string& r : rows) r.assign(r.rbegin(), r.rend());
  return rows;
}

TEST(GlyphShape, AChevronWithASlantedBarUnderIt) {
  const int w = static_cast<int>(kSlantedGreaterEqual.front().size());
  EXPECT_TRUE(slanted_bar_under_glyph(grid(kSlantedGreaterEqual), 3, 2, 34, 27, true));
  EXPECT_FALSE(bar_under_glyph(grid(kSlantedGreaterEqual), 3, 2, 34, 27));  // what the old check missed
  EXPECT_FALSE(slanted_bar_under_glyph(grid(without_bar(kSlantedGreaterEqual)), 3, 2, 34, 27, true));
  // ≤: the mirror image, its bar descending to the right.
  EXPECT_TRUE(slanted_bar_under_glyph(grid(mirrored(kSlantedGreaterEqual)), w - 34, 2, w - 3, 27, false));
  EXPECT_FALSE(slanted_bar_under_glyph(grid(mirrored(kSlantedGreaterEqual)), w - 34, 2, w - 3, 27, true));
  EXPECT_FALSE(
      slanted_bar_under_glyph(grid(mirrored(without_bar(kSlantedGreaterEqual))), w - 34, 2, w - 3, 27, false));
  // Text on the line below a bare chevron is no bar: it does not run as a slanted stroke.
  std::vector<std::string> text_below = without_bar(kSlantedGreaterEqual);
  text_below[30] = text_below[31] = std::string(4, '.') + std::string(26, '#') + std::string(w - 30, '.');
  EXPECT_FALSE(slanted_bar_under_glyph(grid(text_below), 3, 2, 34, 27, true));
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

TEST(GlyphShape, ANineBeforeAPerCentSignWasTheSignsCircle) {
  struct Case {
    std::string in, out;
    bool dropped;
  };
  const Case cases[] = {
      {"≥959%", "≥95%", true},
      {"年度指标值:1009%。实施周期指标值:≥859%", "年度指标值:100%。实施周期指标值:≥85%", true},
      {"≥999%；≥909%", "≥99%；≥90%", true},
      {"≥95%", "≥95%", false},          // a plausible target stays
      {"≥99%", "≥99%", false},          // a 9 of its own (two digits)
      {"增长109%", "增长109%", false},  // a real rate over 100
      {"≥99.59%", "≥99.59%", false},    // a decimal part is read whole
      {"1019%", "1019%", false},        // 101% is not a target's ceiling
      {"完成率", "完成率", false},
  };
  for (const Case& c : cases) {
    std::string text = c.in;
    EXPECT_EQ(drop_nine_before_percent(text), c.dropped) << c.in;
    EXPECT_EQ(text, c.out) << c.in;
  }
}

}  // namespace
}  // namespace jixiao
