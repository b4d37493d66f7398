// Geometry helpers of the PDF and scan readers that need no page to test.
#include "read/originals/page_layout.hpp"

#include <gtest/gtest.h>

namespace jixiao {
namespace {

PositionedWord word(std::string text, double x0, double y0, double x1, double y1, float confidence) {
  PositionedWord w;
  w.text = std::move(text);
  w.box = {x0, y0, x1, y1};
  w.confidence = confidence;
  return w;
}

std::string texts(const std::vector<PositionedWord>& words) {
  std::string out;
  for (const auto& w : words) out += w.text + "|";
  return out;
}

TEST(MarginNoise, ScatteredDoubtfulWordsGoAGarbledTitleStays) {
  std::vector<PositionedWord> words = {
      // A title OCR garbled: most words doubtful, two read with confidence.
      word("法", 464, 213, 667, 278, 10), word("完", 675, 226, 692, 279, 83), word("世", 702, 214, 741, 277, 0),
      word("务", 929, 209, 1001, 304, 91), word("表", 2986, 215, 3050, 279, 0),
      // The department line, confident.
      word("209101", 147, 326, 286, 417, 93), word("香", 3155, 356, 3252, 394, 60),
      // Specks in an empty margin: nothing confident on their lines.
      word("人", 1284, 26, 1365, 46, 4), word("丰", 1313, 47, 1315, 50, 0), word("Re", 3006, 50, 3103, 76, 0),
      word("村", 1738, 784, 1747, 857, 1), word("ES", 1131, 1685, 1148, 1727, 37),
      // A blank word as big as the page.
      word(" ", 0, 0, 3508, 2479, 95)};
  EXPECT_EQ(drop_margin_noise(words, 150), 6u);
  EXPECT_EQ(texts(words), "法|完|世|务|表|209101|香|");
}

TEST(MarginNoise, AConfidentWordTallerThanTextDoesNotVouchForItsNeighbours) {
  std::vector<PositionedWord> words = {word("口", 100, 0, 300, 2000, 96), word("人", 400, 900, 430, 930, 5)};
  EXPECT_EQ(drop_margin_noise(words, 150), 2u);
  EXPECT_TRUE(words.empty());
}

TEST(WeakTextLines, AGarbledTitleIsWeakAConfidentLineAndAShortOneAreNot) {
  std::vector<PositionedWord> words = {
      // A title in bold type read as scattered characters of low confidence.
      word("半", 1125, 239, 1171, 279, 34), word("支", 1251, 214, 1534, 279, 91), word("引", 1346, 209, 1412, 303, 0),
      word("绩", 1411, 214, 1488, 279, 0), word("E)", 1576, 217, 1621, 274, 41), word("表", 1725, 219, 1752, 277, 0),
      // The department line below, read with confidence.
      word("部门名称:", 146, 356, 329, 394, 93), word("广州", 370, 356, 442, 394, 96),
      word("荔湾", 505, 355, 600, 395, 51), word("单位:万元", 3155, 355, 3366, 394, 92),
      // Two doubtful specks on a line of their own: too few words to be a line of text.
      word("人", 1284, 26, 1365, 46, 4), word("丰", 1313, 27, 1315, 46, 0)};
  const std::vector<WeakLine> weak = weak_text_lines(words, 2480);
  ASSERT_EQ(weak.size(), 1u);
  EXPECT_EQ(weak[0].words, (std::vector<std::size_t>{0, 1, 2, 3, 4, 5}));
  EXPECT_DOUBLE_EQ(weak[0].box.x0, 1125);
  EXPECT_DOUBLE_EQ(weak[0].box.y0, 209);
  EXPECT_DOUBLE_EQ(weak[0].box.x1, 1752);
  EXPECT_DOUBLE_EQ(weak[0].box.y1, 303);
  EXPECT_NEAR(weak[0].mean_confidence, (34 + 91 + 0 + 0 + 41 + 0) / 6.0, 1e-3);
  // It may grow up to the specks' line above and the department line below.
  EXPECT_DOUBLE_EQ(weak[0].top, 46);
  EXPECT_DOUBLE_EQ(weak[0].bottom, 355);
}

TEST(WeakTextLines, NoneOnAPageReadWell) {
  std::vector<PositionedWord> words = {word("项目支出", 1100, 200, 1500, 280, 88), word("绩效", 1500, 200, 1700, 280, 90),
                                       word("目标表", 1700, 200, 1900, 280, 93), word("(含", 1900, 200, 2000, 280, 70)};
  EXPECT_TRUE(weak_text_lines(words, 2480).empty());
}

}  // namespace
}  // namespace jixiao
