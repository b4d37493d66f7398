#include "text/key.hpp"

#include <gtest/gtest.h>

#include <random>
#include <string>

#include "text/utf8.hpp"

namespace jixiao {
namespace {

// The key's definition, one character at a time: the fast byte-level
// version must agree with it on any input, malformed bytes included.
std::string reference_key(std::string_view printed) {
  std::string out;
  for (std::size_t i = 0; i < printed.size();) {
    std::size_t len = 0;
    char32_t cp = utf8::decode(printed, i, &len);
    i += len;
    switch (cp) {
      case ' ':
      case '\t':
      case '\r':
      case '\n':
      case 0x3000:
        break;
      case 0xFF08:
        out.push_back('(');
        break;
      case 0xFF09:
        out.push_back(')');
        break;
      case 0xFF1A:
        out.push_back(':');
        break;
      case 0x3010:
        out.push_back('[');
        break;
      case 0x3011:
        out.push_back(']');
        break;
      default:
        utf8::append(out, cp);
    }
  }
  return out;
}

TEST(VocabularyKey, FoldsBracketsColonsAndDropsSpaces) {
  EXPECT_EQ(vocabulary_key("项目名称（资金使用单位）"), "项目名称(资金使用单位)");
  EXPECT_EQ(vocabulary_key(" 实施周期\u3000指标值 ："), "实施周期指标值:");
  EXPECT_EQ(vocabulary_key("【产出指标】\t"), "[产出指标]");
  EXPECT_EQ(vocabulary_key(""), "");
}

TEST(VocabularyKey, AgreesWithTheCharacterDefinitionOnRandomBytes) {
  // 、，and the cut E3/EF sequences: leads of characters that fold, folding nothing.
  const std::string pieces[] = {
      " ",        "\t",          "\n", "a",  "1",  "（",   "）",   "：",           "【",
      "】",       "\u3000",      "项", "目", "％", "\xE9", "\xA1", "\xED\xA0\x80", "\xF0\x9F\x98\x80",
      "\xC3\xA9", "\xE0\x80\xAF", "、",       "，",     "\xE3\x80", "\xEF\xBC"};
  std::mt19937 rng(42);
  for (int round = 0; round < 5000; ++round) {
    std::string s;
    const int len = static_cast<int>(rng() % 12);
    for (int k = 0; k < len; ++k) s += pieces[rng() % std::size(pieces)];
    ASSERT_EQ(vocabulary_key(s), reference_key(s)) << "input bytes of round " << round;
  }
}

TEST(VocabularyKey, OfValidUtf8AgreesOnLongText) {
  // Valid pieces only, long enough for several sixteen-byte blocks, so that
  // a character that changes straddles a block's end somewhere.
  const std::string pieces[] = {" ", "\t", "\n", "a", "1", "（", "）", "：", "【", "】", "\u3000",
                                "项", "目", "％", "、", "，", "\xC3\xA9", "\xF0\x9F\x98\x80"};
  std::mt19937 rng(7);
  for (int round = 0; round < 5000; ++round) {
    std::string s;
    const int len = static_cast<int>(rng() % 80);
    for (int k = 0; k < len; ++k) s += pieces[rng() % std::size(pieces)];
    ASSERT_EQ(vocabulary_key_of_valid_utf8(s), vocabulary_key(s)) << "input bytes of round " << round;
  }
  // Where a change could start, malformed bytes are repaired as vocabulary_key does.
  EXPECT_EQ(vocabulary_key_of_valid_utf8(std::string(20, 'x') + "\xEF\xBC"),
            vocabulary_key(std::string(20, 'x') + "\xEF\xBC"));
}

// key_first_byte answers for the key without building it: checked against
// the key itself on random texts, malformed bytes included (where it may
// only decline to answer).
TEST(VocabularyKey, FirstByteAgreesWithTheKey) {
  const std::string pieces[] = {
      " ",    "\t",   "\n",   "\r",   "a",        "1",        "（",               "）",        "：",
      "【",   "】",   "\u3000", "目",   "标",       "整",       "体",               "项",        "、",
      "\xE9", "\xA1", "\xE3\x80", "\xEF\xBC", "\xED\xA0\x80", "\xC3\xA9", "\xF0\x9F\x98\x80", "\xE0\x80\xAF"};
  const std::size_t valid_pieces = 18;  // the first ones
  std::mt19937 rng(2026);
  int answered = 0;
  for (int round = 0; round < 40000; ++round) {
    std::string s;
    const int len = static_cast<int>(rng() % 14);
    const std::size_t usable = round % 2 == 0 ? valid_pieces : std::size(pieces);
    for (int k = 0; k < len; ++k) s += pieces[rng() % usable];
    const std::string key = vocabulary_key(s);
    if (const int first = key_first_byte(s); first >= 0) {
      ++answered;
      ASSERT_FALSE(key.empty()) << "round " << round;
      ASSERT_EQ(static_cast<unsigned char>(key[0]), first) << "round " << round;
    } else if (usable == valid_pieces && !key.empty()) {
      // Text of ASCII and three-byte characters only: always answered.
      ADD_FAILURE() << "no first byte told in round " << round;
    }
  }
  EXPECT_GT(answered, 10000);
}

}  // namespace
}  // namespace jixiao
