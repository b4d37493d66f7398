#include "text/line_words.hpp"

#include <gtest/gtest.h>

#include <random>
#include <string>
#include <vector>

#include "text/utf8.hpp"

namespace jixiao {
namespace {

// The rule, one word at a time: a word counts when it lies wholly in the line.
std::uint8_t reference(std::string_view line) {
  struct {
    std::string_view word;
    std::uint8_t bit;
  } const words[] = {{"部门名称", line_word::kDepartmentName},
                     {"目", line_word::kMu},
                     {"称", line_word::kCheng},
                     {"位", line_word::kWei},
                     {"\xB2\xBF\xC3\xC5\xC3\xFB\xB3\xC6", line_word::kDepartmentNameGb}};
  std::uint8_t bits = 0;
  for (const auto& w : words) {
    if (utf8::find(line, w.word) != std::string_view::npos) bits |= w.bit;
  }
  return bits;
}

// Lines cut from one text as readers cut them (back to back, or with line
// breaks between), asked in order: every line's answer is the rule's, at any
// offset of the words against the blocks, past the look-ahead window, for a
// word cut by a line's end (部门 | 名称), and for lines asked out of order.
TEST(LineWordScan, AgreesWithASearchOfEachLine) {
  const std::vector<std::string> pieces = {
      "部门",     "名称",     "部门名称", "部门名", "称", "目", "项目",
      "单位",     "位",       "x",        "\n",     "1",  "\t", "\xB2\xBF\xC3\xC5\xC3\xFB\xB3\xC6",
      "\xC3\xFB", "\xA7\xB0", "\x9B\xAE", "：",     "、"};
  std::mt19937 rng(20261207);
  for (int round = 0; round < 400; ++round) {
    std::string text;
    std::vector<std::pair<std::size_t, std::size_t>> lines;  // (offset, length)
    const int count = 1 + static_cast<int>(rng() % 40);
    for (int k = 0; k < count; ++k) {
      const std::size_t at = text.size();
      const int parts = static_cast<int>(rng() % 8);
      for (int p = 0; p < parts; ++p) text += pieces[rng() % pieces.size()];
      if (rng() % 12 == 0) text.append(5000 + rng() % 9000, 'y');
      lines.emplace_back(at, text.size() - at);
      if (rng() % 2 == 0) text += '\n';
    }
    LineWordScan scan(text);
    for (const auto& [at, len] : lines) {
      const std::string_view line = std::string_view(text).substr(at, len);
      ASSERT_EQ(scan.in(line), reference(line)) << "round " << round << " line at " << at;
    }
    LineWordScan again(text);
    for (auto it = lines.rbegin(); it != lines.rend(); ++it) {
      const std::string_view line = std::string_view(text).substr(it->first, it->second);
      ASSERT_EQ(again.in(line), reference(line)) << "round " << round << " backwards, line at " << it->first;
    }
    const std::string other = "某某部门名称单位";
    EXPECT_EQ(again.in(other), reference(other));
    EXPECT_EQ(line_words_of(text), reference(text));
    EXPECT_EQ(line_words_of(text, false), reference(text));  // sixteen starts at a time (no AVX2)
  }
}

TEST(LineWordScan, AWordCutByTheLineIsInNeither) {
  const std::string text = "甲部门名称乙";
  LineWordScan scan(text);
  const std::string_view all(text);
  EXPECT_EQ(scan.in(all.substr(0, 9)), 0);               // 甲部门
  EXPECT_EQ(scan.in(all.substr(9)), line_word::kCheng);  // 名称乙: 称 only
  LineWordScan whole(text);
  EXPECT_EQ(whole.in(all), line_word::kDepartmentName | line_word::kCheng);
  scan.reset(text);
  EXPECT_EQ(scan.in(all.substr(3, 12)), line_word::kDepartmentName | line_word::kCheng);
}

TEST(LineWordScan, BitsOfTheWords) {
  EXPECT_EQ(line_word_bit("部门名称"), line_word::kDepartmentName);
  EXPECT_EQ(line_word_bit("目"), line_word::kMu);
  EXPECT_EQ(line_word_bit("称"), line_word::kCheng);
  EXPECT_EQ(line_word_bit("位"), line_word::kWei);
  EXPECT_EQ(line_word_bit("名称"), 0);
  EXPECT_EQ(line_word_bit("\xB2\xBF\xC3\xC5\xC3\xFB\xB3\xC6"), 0);  // raw bytes only, never a Line's
}

}  // namespace
}  // namespace jixiao
