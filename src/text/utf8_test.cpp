#include "text/utf8.hpp"

#include <gtest/gtest.h>

#include <random>
#include <string>
#include <vector>

namespace jixiao::utf8 {
namespace {

TEST(Utf8Valid, AcceptsAsciiAndCjkAtEveryAlignment) {
  const std::string cjk = "项目支出绩效目标表";
  for (std::size_t pad = 0; pad < 9; ++pad) {
    std::string s(pad, 'a');
    s += cjk + "12345678" + cjk;
    EXPECT_TRUE(valid(s)) << "pad " << pad;
  }
}

TEST(Utf8Valid, RejectsBrokenSequencesInsideAsciiRuns) {
  for (std::size_t pad = 0; pad < 9; ++pad) {
    std::string prefix(pad, 'a');
    EXPECT_FALSE(valid(prefix + "\xE9\xA1" + "abcdefgh")) << "truncated, pad " << pad;
    EXPECT_FALSE(valid(prefix + "\xE9\xA1")) << "truncated at end, pad " << pad;
    EXPECT_FALSE(valid(prefix + "\xE0\x80\xAF")) << "overlong, pad " << pad;
    EXPECT_FALSE(valid(prefix + "\xED\xA0\x80")) << "surrogate, pad " << pad;
    EXPECT_FALSE(valid(prefix + "\x80" + "abcdefgh")) << "stray continuation, pad " << pad;
    EXPECT_FALSE(valid(prefix + "\xFF")) << "invalid lead, pad " << pad;
  }
  EXPECT_TRUE(valid("\xEF\xBC\x91"));      // full-width digit one
  EXPECT_TRUE(valid("\xF0\x9F\x98\x80"));  // four-byte sequence
}

TEST(Utf8Find, FindsFirstOccurrenceFromOffset) {
  const std::string hay = "实施周期指标值:100%；年度指标值:实施";
  EXPECT_EQ(utf8::find(hay, "实施"), 0u);
  EXPECT_EQ(utf8::find(hay, "实施", 1), hay.rfind("实施"));
  EXPECT_EQ(utf8::find(hay, "年度"), hay.find("年度"));
  EXPECT_EQ(utf8::find(hay, "指标值", 0), hay.find("指标值"));
  EXPECT_EQ(utf8::find(hay, "不存在"), std::string_view::npos);
  EXPECT_EQ(utf8::find(hay, "实施", hay.size()), std::string_view::npos);
  EXPECT_EQ(utf8::find("ab", "abc"), std::string_view::npos);
  EXPECT_EQ(utf8::find("abc", ""), 0u);
}

TEST(Utf8Find, AgreesWithStdFindOnOverlaps) {
  const std::string hay = "aaab\xE5\xAE\x9E\xE5\xAE\x9E\xE6\x96\xBD";
  for (std::string needle : {"aab", "ab", "\xE5\xAE\x9E\xE6\x96\xBD", "\xAE\x9E", "b"}) {
    for (std::size_t from = 0; from <= hay.size(); ++from) {
      EXPECT_EQ(utf8::find(hay, needle, from), std::string_view(hay).find(needle, from))
          << needle << " " << from;
    }
  }
}

// Long haystacks drawn from a small alphabet of CJK and ASCII pieces, so
// the block scan meets many near misses, matches straddling its 16-byte
// blocks and matches in the tail it leaves.
TEST(Utf8Find, AgreesWithStdFindOnLongRandomText) {
  const std::vector<std::string> pieces = {"实", "施", "指标", "值", "a", "b", "：", "\xE5\xAE", "1"};
  std::mt19937 rng(20261123);
  for (int round = 0; round < 300; ++round) {
    std::string hay;
    const int count = static_cast<int>(rng() % 60);
    for (int k = 0; k < count; ++k) hay += pieces[rng() % pieces.size()];
    std::string needle;
    const int needle_count = 1 + static_cast<int>(rng() % 3);
    for (int k = 0; k < needle_count; ++k) needle += pieces[rng() % pieces.size()];
    for (std::size_t from = 0; from <= hay.size() + 1; from += 1 + rng() % 5) {
      ASSERT_EQ(utf8::find(hay, needle, from), std::string_view(hay).find(needle, from))
          << "hay=" << hay << " needle=" << needle << " from=" << from;
    }
  }
}

// A match at every start of haystacks of every length: the last starts of a
// haystack are tested by one more block that overlaps the one before, with
// the starts already tested masked off.
TEST(Utf8Find, FindsAMatchAtEveryStartOfEveryLength) {
  const std::string needle = "部门名称";
  for (std::size_t len = needle.size(); len < 80; ++len) {
    for (std::size_t at = 0; at + needle.size() <= len; ++at) {
      std::string hay(len, 'x');
      hay.replace(at, needle.size(), needle);
      ASSERT_EQ(utf8::find(hay, needle), at) << len << " " << at;
      ASSERT_EQ(utf8::find(hay, needle, at + 1), std::string_view::npos) << len << " " << at;
      // The needle's first, middle and last bytes without the rest: no match.
      std::string near(len, 'x');
      near[at] = needle[0];
      near[at + needle.size() / 2] = needle[needle.size() / 2];
      near[at + needle.size() - 1] = needle.back();
      ASSERT_EQ(utf8::find(near, needle), std::string_view::npos) << len << " " << at;
    }
  }
}

TEST(Utf8AppendWrapped, GluesWrapsAndSpacesOnlyBetweenLatinWords) {
  struct Join {
    std::string text, next, joined;
  };
  const Join joins[] = {
      {"信息化", "  建设项目 ", "信息化建设项目"},
      {"13,5", "86.01", "13,586.01"},
      {"office", "supplies", "office supplies"},
      {"A-", "B", "A-B"},
      {"", "\u3000x", "x"},
      {"x", "  ", "x"},
      // A stray byte is not a letter, whatever comes before or after it.
      {"a\x80", "b", "a\x80" "b"},
      {"a", "\xE4\xB8" "b", "a\xE4\xB8" "b"},
  };
  for (const Join& j : joins) {
    std::string s = j.text;
    append_wrapped(s, j.next);
    EXPECT_EQ(s, j.joined) << "joining \"" << j.text << "\" and \"" << j.next << '"';
  }
}

// The rule by characters, on text as the readers hand it on (valid UTF-8):
// a space only between an ASCII letter ending the text and one starting the
// next line.
TEST(Utf8AppendWrapped, AgreesWithTheRuleByCharacters) {
  const std::string pieces[] = {"a", "Z", "1", "-", "(", ")", "%", " ", "中", "。", "（", "é", "\u3000", "q"};
  auto letter = [](char32_t c) { return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'); };
  auto last = [](std::string_view t) {
    std::size_t i = t.size() - 1;
    while (i > 0 && (static_cast<unsigned char>(t[i]) & 0xC0) == 0x80) --i;
    std::size_t len = 0;
    return decode(t, i, &len);
  };
  std::mt19937 rng(5);
  for (int round = 0; round < 20000; ++round) {
    std::string out, next;
    for (int k = static_cast<int>(rng() % 4); k > 0; --k) out += pieces[rng() % std::size(pieces)];
    for (int k = static_cast<int>(rng() % 4); k > 0; --k) next += pieces[rng() % std::size(pieces)];
    const std::string_view trimmed = trim(next);
    std::string expected = out;
    if (!trimmed.empty()) {
      std::size_t len = 0;
      if (!out.empty() && letter(last(out)) && letter(decode(trimmed, 0, &len))) expected += ' ';
      expected += trimmed;
    }
    std::string got = out;
    append_wrapped(got, next);
    ASSERT_EQ(got, expected) << "round " << round;
  }
}

}  // namespace
}  // namespace jixiao::utf8
