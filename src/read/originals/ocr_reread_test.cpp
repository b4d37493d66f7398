#include "read/originals/ocr_reread.hpp"

#include <gtest/gtest.h>

namespace jixiao::ocr {

TEST(OcrReread, FiguresWithAMisreadDigitAreCandidates) {
  EXPECT_TRUE(mostly_digits("和376.02"));
  EXPECT_TRUE(mostly_digits("2,376.02"));
  EXPECT_FALSE(mostly_digits("么1867件"));  // a unit: text, re-reading would lose it
  EXPECT_FALSE(mostly_digits("12"));
  EXPECT_FALSE(mostly_digits("2024年项目"));
}

TEST(OcrReread, CleanShapes) {
  EXPECT_TRUE(is_clean_figure("2,376.02"));
  EXPECT_TRUE(is_clean_figure("-15.5"));
  EXPECT_FALSE(is_clean_figure("2,37,6.02"));
  EXPECT_FALSE(is_clean_figure("376.02."));
  EXPECT_TRUE(is_clean_target("≥95%"));
  EXPECT_TRUE(is_clean_target(">99.5%"));
  EXPECT_FALSE(is_clean_target("过95%"));
}

TEST(OcrReread, DoubtfulTargets) {
  EXPECT_TRUE(doubtful_target("过95%"));
  EXPECT_TRUE(doubtful_target("100%0"));
  EXPECT_TRUE(doubtful_target("关999%4"));
  EXPECT_FALSE(doubtful_target("≥95%"));
  EXPECT_FALSE(doubtful_target("7天"));
  EXPECT_FALSE(doubtful_target("科3秒"));
  EXPECT_FALSE(doubtful_target("100%以上"));
}

TEST(OcrReread, SecondReadingKeepsTheDigits) {
  EXPECT_TRUE(keeps_digits("和376.02", "2,376.02", true));
  EXPECT_FALSE(keeps_digits("和376.02", "22976202", true));  // decimal point lost, digits added
  EXPECT_FALSE(keeps_digits("273.23", "213223", true));
  EXPECT_TRUE(keeps_digits("100%0", "100%", false));
  EXPECT_FALSE(keeps_digits("95%", "9%", false));
  EXPECT_FALSE(keeps_digits("之90%", "290%", false));  // the comparator read as a digit
  EXPECT_TRUE(keeps_digits("之90%", ">90%", false));
}

TEST(OcrReread, GarbledFiguresInAnAmountColumn) {
  EXPECT_TRUE(garbled_figure("Sos00"));
  EXPECT_TRUE(garbled_figure("gg"));
  EXPECT_TRUE(garbled_figure("253%6302Z"));
  EXPECT_TRUE(garbled_figure("23中9"));
  EXPECT_FALSE(garbled_figure("总计"));  // a header: no Latin letter or digit
  EXPECT_FALSE(garbled_figure("财政专户拨款"));
  EXPECT_FALSE(garbled_figure("GZIT2023-SM-N-C-059028"));  // too long for a figure
  EXPECT_FALSE(garbled_figure(""));
}

}  // namespace jixiao::ocr
