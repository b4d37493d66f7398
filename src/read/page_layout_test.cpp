// Geometry helpers of the PDF and scan readers that need no page to test.
#include "read/page_layout.hpp"

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

}  // namespace
}  // namespace jixiao
