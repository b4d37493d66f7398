#include "recognise/line_search.hpp"

#include <gtest/gtest.h>

#include <random>
#include <string>
#include <vector>

namespace jixiao {
namespace {

// Lines cut from one text the way readers cut them (trimmed lines back to
// back, or with line breaks between), asked in order: WordInLines must
// answer as a search of each line alone does, whatever the distances
// between occurrences (past its look-ahead window too), and a word running
// across two lines is in neither.
TEST(WordInLines, AgreesWithASearchOfEachLine) {
  const std::vector<std::string> pieces = {"部门", "名称", "部门名称", "目", "x", "项目", "\n", "1"};
  std::mt19937 rng(20261206);
  for (int round = 0; round < 200; ++round) {
    std::string text;
    std::vector<std::pair<std::size_t, std::size_t>> lines;  // (offset, length)
    const int count = 1 + static_cast<int>(rng() % 40);
    for (int k = 0; k < count; ++k) {
      const std::size_t at = text.size();
      const int parts = static_cast<int>(rng() % 6);
      for (int p = 0; p < parts; ++p) text += pieces[rng() % pieces.size()];
      // Now and then a long stretch without the word: more than the window.
      if (rng() % 10 == 0) text.append(20000 + rng() % 20000, 'y');
      lines.emplace_back(at, text.size() - at);
    }
    for (const std::string word : {"部门名称", "目", "名称部"}) {
      WordInLines scan(text, word);
      for (const auto& [at, len] : lines) {
        const std::string_view line = std::string_view(text).substr(at, len);
        ASSERT_EQ(scan.in(line), utf8::find(line, word) != std::string_view::npos)
            << "round " << round << " word " << word << " line at " << at;
      }
      // Asked again out of order, and a string that is not in the text.
      WordInLines again(text, word);
      for (auto it = lines.rbegin(); it != lines.rend(); ++it) {
        const std::string_view line = std::string_view(text).substr(it->first, it->second);
        ASSERT_EQ(again.in(line), utf8::find(line, word) != std::string_view::npos);
      }
      const std::string other = "某某部门名称";
      EXPECT_EQ(again.in(other), utf8::find(other, word) != std::string_view::npos);
    }
  }
}

TEST(WordInLines, FollowsTheTextWhenReset) {
  std::string a = "一级指标\n其他", b = "其他\n一级指标";
  WordInLines scan(a, "一级指标");
  EXPECT_TRUE(scan.in(std::string_view(a).substr(0, 12)));
  scan.reset(b);
  EXPECT_FALSE(scan.in(std::string_view(b).substr(0, 6)));
  EXPECT_TRUE(scan.in(std::string_view(b).substr(7)));
}

}  // namespace
}  // namespace jixiao
