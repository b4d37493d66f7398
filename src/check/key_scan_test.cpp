// The checker's key scan (scan_key in rules.cpp, 16 bytes at a time) against
// what it stands for: vocabulary_key and strip_brackets themselves. Random
// texts put the bytes that matter at every offset, across the 16-byte blocks.
#include <gtest/gtest.h>

#include <random>
#include <string>
#include <vector>

#include "check/rule_context.hpp"
#include "text/key.hpp"

namespace jixiao::check::detail {
namespace {

// Pieces: plain ASCII and ideographs, white space, ASCII brackets, the
// characters vocabulary_key changes (U+3000, 【】（）：) and others sharing
// their lead bytes E3 and EF (「 ｘ), so the vector prefilter's hits are
// both changes and not. None is final punctuation KeyForms would trim.
const std::vector<std::string> kPieces = {"a", "7",  "中",  "指标", " ",  "\t", "(",  ")", "[", "]",
                                          "　", "【", "】", "（",  "）", "：", "「", "ｘ", "%", "率"};

std::string random_text(std::mt19937& rng) {
  std::uniform_int_distribution<std::size_t> count(0, 40), piece(0, kPieces.size() - 1);
  std::string s;
  for (std::size_t n = count(rng); n > 0; --n) s += kPieces[piece(rng)];
  s += "数";  // never ends in punctuation
  return s;
}

TEST(KeyScan, KeyChangesMatchesVocabularyKey) {
  std::mt19937 rng(4);
  for (int k = 0; k < 20000; ++k) {
    const std::string s = random_text(rng);
    SCOPED_TRACE(s);
    EXPECT_EQ(key_changes(s), vocabulary_key(s) != s);
  }
}

TEST(KeyScan, KeyFormsMatchVocabularyKeyAndStripBrackets) {
  std::mt19937 rng(5);
  for (int k = 0; k < 20000; ++k) {
    const std::string s = random_text(rng);
    SCOPED_TRACE(s);
    const KeyForms forms(s);
    const std::string key = vocabulary_key(s);
    EXPECT_EQ(forms.key, key);
    // Brackets are stripped when the key opens one (（ and 【 fold to ( and
    // [); a colon left at the end (： folds to :) is final punctuation.
    std::string whole = key.find_first_of("([") != std::string::npos ? strip_brackets(key) : key;
    while (!whole.empty() && whole.back() == ':') whole.pop_back();
    EXPECT_EQ(forms.whole, whole);
  }
}

TEST(KeyScan, LongPlainTextHasNoChange) {
  const std::string goal(std::string(300, 'x') + "中");
  EXPECT_FALSE(key_changes(goal));
  EXPECT_TRUE(key_changes(goal + " "));
  EXPECT_TRUE(key_changes(std::string(33, 'x') + "（" + std::string(40, 'y')));
}

}  // namespace
}  // namespace jixiao::check::detail
