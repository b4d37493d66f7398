// The checker's key scan (key_scan in rules.cpp, 32 or 16 bytes at a time) against
// what it stands for: vocabulary_key and strip_brackets themselves. Random
// texts put the bytes that matter at every offset, across the 16-byte blocks.
#include <gtest/gtest.h>

#include <algorithm>
#include <random>
#include <string>
#include <vector>

#include "check/rule_context.hpp"
#include "text/key.hpp"

namespace jixiao::check::detail {
namespace {

// Pieces: plain ASCII and ideographs, white space, ASCII brackets, the
// characters vocabulary_key changes (U+3000, 【】（）：) and others sharing
// their first bytes (「 ｘ 、 ， 。 あ 〔). The text ends in 数, so only a
// bracket removed can bare final punctuation.
const std::vector<std::string> kPieces = {"a", "7",  "中",  "指标", " ",  "\t", "(",  ")", "[", "]",
                                          "　", "【", "】", "（",  "）", "：", "「", "ｘ", "%", "率",
                                          "、", "，", "。", "あ", "〔"};

std::string random_text(std::mt19937& rng) {
  std::uniform_int_distribution<std::size_t> count(0, 120), piece(0, kPieces.size() - 1);
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

// Texts of characters that change nothing (some sharing the first bytes of
// those that do), with at most one that matters put at any offset: each
// block test, and the bytes after the last whole block, must see it there.
TEST(KeyScan, OneByteThatMattersIsFoundAtEveryOffset) {
  const std::vector<std::string> plain = {"a", "7",  "中", "指标", ")",  "]",  "」", "「", "ｘ",
                                          "%", "、", "，", "。",   "あ", "〔", "〕", "｝"};
  const std::vector<std::string> matters = {" ", "\t", "\n", "(", "[", "　", "【", "】", "（", "）", "："};
  std::mt19937 rng(8);
  std::uniform_int_distribution<std::size_t> count(0, 160), which(0, plain.size() - 1),
      special(0, matters.size());
  for (int k = 0; k < 20000; ++k) {
    std::vector<std::string> pieces;
    for (std::size_t n = count(rng); n > 0; --n) pieces.push_back(plain[which(rng)]);
    const std::size_t m = special(rng);
    if (m < matters.size())
      pieces.insert(pieces.begin() + static_cast<std::ptrdiff_t>(rng() % (pieces.size() + 1)), matters[m]);
    std::string s;
    for (const std::string& p : pieces) s += p;
    SCOPED_TRACE(s);
    const bool bracket = s.find_first_of("([") != std::string::npos || s.find("（") != std::string::npos ||
                         s.find("【") != std::string::npos;
    const KeyScan scan = key_scan(s);
    EXPECT_EQ(scan.changes, vocabulary_key(s) != s);
    EXPECT_EQ(scan.brackets, bracket);
    EXPECT_EQ(key_scan(s, false).changes, scan.changes);
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
    // [); what is left at the end of the final punctuation (： folds to :,
    // and a bracket removed may bare a 、 or 。) is trimmed.
    std::string whole = key.find_first_of("([") != std::string::npos ? strip_brackets(key) : key;
    for (bool again = true; again;) {
      again = false;
      for (std::string_view t : {":", "、", "。", "，"}) {
        if (whole.size() >= t.size() && whole.compare(whole.size() - t.size(), t.size(), t) == 0) {
          whole.resize(whole.size() - t.size());
          again = true;
        }
      }
    }
    EXPECT_EQ(forms.whole, whole);
  }
}

// Every final mark (。；;，,、.…:：!！) comes off the end of a name form, one
// after another; characters sharing a mark's first two bytes (〕 ｝ — ＃) and
// ASCII others stay.
TEST(KeyScan, FinalPunctuationIsTrimmed) {
  const std::vector<std::string> marks = {"。", "；", ";", "，", ",", "、", ".", "…", ":", "：", "!", "！"};
  const std::vector<std::string> others = {"数", "a", "〕", "｝", "—", "＃", "?", "率", "%"};
  std::mt19937 rng(9);
  std::uniform_int_distribution<std::size_t> count(0, 4), mark(0, marks.size() - 1),
      other(0, others.size() - 1);
  for (int k = 0; k < 20000; ++k) {
    std::string s;
    for (std::size_t n = count(rng); n > 0; --n) s += others[other(rng)];
    for (std::size_t n = count(rng); n > 0; --n) s += marks[mark(rng)];
    SCOPED_TRACE(s);
    std::string whole = vocabulary_key(s);  // ： folds to :, which the trim takes too
    for (bool again = true; again;) {
      again = false;
      for (const std::string& t : marks) {
        if (whole.size() >= t.size() && whole.compare(whole.size() - t.size(), t.size(), t) == 0) {
          whole.resize(whole.size() - t.size());
          again = true;
        }
      }
    }
    EXPECT_EQ(KeyForms(s).whole, whole);
  }
}

TEST(KeyScan, TheValidUtf8KeyMatchesVocabularyKey) {
  std::mt19937 rng(8);
  for (int k = 0; k < 20000; ++k) {
    const std::string s = random_text(rng);
    SCOPED_TRACE(s);
    EXPECT_EQ(vocabulary_key_of_valid_utf8(s), vocabulary_key(s));
  }
  // Malformed bytes are vocabulary_key's to repair (U+FFFD), not copied.
  for (const std::string s : {std::string("目标\xE3\x80"), std::string("\xEF\xBC"),
                              std::string("a \xE3\x41\x42") + "b",
                              std::string(40, 'x') + "\xEF\xBC" + std::string(20, 'y')}) {
    SCOPED_TRACE(s);
    EXPECT_EQ(vocabulary_key_of_valid_utf8(s), vocabulary_key(s));
  }
}

TEST(KeyScan, LongPlainTextHasNoChange) {
  const std::string goal(std::string(300, 'x') + "中");
  EXPECT_FALSE(key_changes(goal));
  EXPECT_TRUE(key_changes(goal + " "));
  EXPECT_TRUE(key_changes(std::string(33, 'x') + "（" + std::string(40, 'y')));
}

// WordList's scan (32 positions at a time, masks made eight blocks at a
// time, where the processor has AVX2, then 16 at a time, when it has few
// heads, else byte by byte) against looking for every word at every place.
// Texts run to a few hundred bytes, so each way is taken.
void expect_word_list_matches(const std::vector<std::string>& words, unsigned seed) {
  std::vector<int> tags;
  for (std::size_t k = 0; k < words.size(); ++k) tags.push_back(static_cast<int>(k % 5) + 1);
  const WordList list(words, tags);
  std::mt19937 rng(seed);
  std::uniform_int_distribution<std::size_t> count(0, 120), piece(0, kPieces.size() + words.size() - 1);
  for (int k = 0; k < 5000; ++k) {
    std::string s;
    for (std::size_t n = count(rng); n > 0; --n) {
      const std::size_t p = piece(rng);
      s += p < kPieces.size() ? kPieces[p] : words[p - kPieces.size()];
    }
    SCOPED_TRACE(s);
    bool found = false;
    int best = 0;
    for (std::size_t w = 0; w < words.size(); ++w) {
      if (s.find(words[w]) != std::string::npos) {
        found = true;
        best = std::max(best, tags[w]);
      }
    }
    EXPECT_EQ(list.found_in(s), found);
    EXPECT_EQ(list.max_tag_in(s), best);
  }
}

TEST(WordListScan, FewPairsMatchesNaiveSearch) {
  expect_word_list_matches({"待补充", "待填写", "XXX", "保密项目", "＊＊", "不编报", "%"}, 6);
}

TEST(WordListScan, ManyPairsMatchesNaiveSearch) {
  std::vector<std::string> words = {"率", "指标", "中", "a7", "（）"};
  for (const char* w : {"满意度", "投诉", "事故", "故障", "成本", "时间", "周期", "差错", "损失", "能耗",
                        "排放", "逾期", "违规", "误差", "延误", "超支"})
    words.push_back(w);
  expect_word_list_matches(words, 7);
}

}  // namespace
}  // namespace jixiao::check::detail
