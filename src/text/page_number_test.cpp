#include "text/page_number.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <random>
#include <string>
#include <vector>

#include "text/key.hpp"
#include "text/utf8.hpp"

namespace jixiao {
namespace {

// The three checks as they stood before page_number.{hpp,cpp}, each with its
// own scanning loop, kept verbatim as the reference the policies must match
// on every input.

// was read/page_layout.cpp is_page_number
bool old_is_page_number(std::string_view text) {
  std::string t;
  for (char c : text) {
    if (c != ' ') t.push_back(c);
  }
  if (t.empty() || t.size() > 30) return false;
  bool digit = false;
  std::size_t i = 0;
  while (i < t.size()) {
    unsigned char c = static_cast<unsigned char>(t[i]);
    if (c >= '0' && c <= '9') {
      digit = true;
      ++i;
    } else if (c == '-' || c == '/' || c == '.') {
      ++i;
    } else if (t.compare(i, 3, "第") == 0 || t.compare(i, 3, "页") == 0 || t.compare(i, 3, "共") == 0) {
      i += 3;
    } else if (t.compare(i, 4, "Page") == 0 || t.compare(i, 2, "of") == 0) {
      i += t.compare(i, 4, "Page") == 0 ? 4 : 2;
    } else {
      return false;
    }
  }
  return digit;
}

// was recognise/project_grid.cpp is_page_marker
bool old_is_page_marker(std::string_view cell) {
  std::string t;
  for (char c : cell) {
    if (c != ' ' && c != '\t') t.push_back(c);
  }
  if (t.empty() || t.size() > 30) return false;
  bool digit = false, marker = false;
  for (std::size_t i = 0; i < t.size();) {
    const unsigned char c = static_cast<unsigned char>(t[i]);
    if (c >= '0' && c <= '9') {
      digit = true;
      ++i;
    } else if (c == '-' || c == '/') {
      marker = true;
      ++i;
    } else if (t.compare(i, 3, "第") == 0 || t.compare(i, 3, "页") == 0 || t.compare(i, 3, "共") == 0) {
      marker = true;
      i += 3;
    } else {
      return false;
    }
  }
  return digit && marker;
}

// was recognise/summary_table.cpp is_page_furniture
bool old_is_page_furniture(std::string_view text) {
  if (text.size() > 40) return false;
  if (std::none_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; }) &&
      utf8::find(text, "页") == std::string_view::npos) {
    return false;
  }
  std::string key = vocabulary_key(text);
  if (key.empty()) return false;
  bool only = std::all_of(key.begin(), key.end(),
                          [](char c) { return (c >= '0' && c <= '9') || c == '-' || c == '/'; });
  if (only && key.size() <= 9) return true;
  if (key.rfind("第", 0) == 0 && key.find("页") != std::string::npos && key.size() <= 30) return true;
  return false;
}

// Counts of inputs each policy accepted, so a generator that never reaches
// the interesting shapes shows up as a failure rather than a vacuous pass.
struct Tally {
  long inputs = 0, margin = 0, marker = 0, furniture = 0, mismatches = 0;
};

void compare(const std::string& s, Tally& tally) {
  ++tally.inputs;
  const bool margin = is_margin_page_number(s);
  const bool marker = is_page_marker_between_rows(s);
  const bool furniture = is_page_furniture_line(s);
  tally.margin += margin;
  tally.marker += marker;
  tally.furniture += furniture;
  const bool same =
      margin == old_is_page_number(s) && marker == old_is_page_marker(s) && furniture == old_is_page_furniture(s);
  if (!same && ++tally.mismatches <= 20) {
    ADD_FAILURE() << "differs on \"" << s << "\": margin " << margin << " was " << old_is_page_number(s)
                  << ", marker " << marker << " was " << old_is_page_marker(s) << ", furniture " << furniture
                  << " was " << old_is_page_furniture(s);
  }
}

// No input answered differently, and each policy said yes often enough for
// the comparison to mean something.
void expect_agreed_and_reached(const Tally& tally) {
  EXPECT_EQ(tally.mismatches, 0);
  EXPECT_GT(tally.margin, 1000);
  EXPECT_GT(tally.marker, 1000);
  EXPECT_GT(tally.furniture, 1000);
}

// What page numbers are made of, what they are confused with, white space
// each caller drops differently, and the bytes of 第/页 cut in two.
const std::vector<std::string> kPieces = {
    "0",  "3",      "12", "9",  "-",      "/",      ".",  " ",  "\t",     "\r",     "\n",   "第", "页",
    "共", "Page",   "of", "P",  "age",    "o",      "f",  "x",  "元",     "项目",   "一",   "（", "）",
    "：", "\u3000", "【", "】", "\xE9",   "\xA1\xB5", "\xE7\xAC", "\xAC", "\xFF", "Pa", "ge", "(",
};

TEST(PageNumber, NamedShapes) {
  struct Case {
    const char* text;
    bool margin, marker, furniture;
  };
  const Case cases[] = {
      {"3", true, false, true},
      {"12", true, false, true},
      {"- 3 -", true, true, true},
      {"-3-", true, true, true},
      {"3/12", true, true, true},
      {"3 / 12", true, true, true},
      {"第 3 页", true, true, true},
      {"第3页", true, true, true},
      {"第3页 共12页", true, true, true},
      {"第3页\t共12页", false, true, true},
      {"Page 3 of 12", true, false, false},
      {"Pa ge 3", true, false, false},
      {"3.", true, false, false},
      {"1.2", true, false, false},
      {"第一页", false, false, true},
      {"第3页（共5页）", false, false, true},
      {"", false, false, false},
      {" ", false, false, false},
      {"-", false, false, false},
      {"--/", false, false, false},
      {"页", false, false, false},
      {"第页", false, false, true},
      {"共12页", true, true, false},
      {"1234567890", true, false, false},
      {"123456789", true, false, true},
      {"项目 3", false, false, false},
      {"3元", false, false, false},
      {"\xE9\xA1", false, false, false},
  };
  for (const Case& c : cases) {
    EXPECT_EQ(is_margin_page_number(c.text), c.margin) << c.text;
    EXPECT_EQ(is_page_marker_between_rows(c.text), c.marker) << c.text;
    EXPECT_EQ(is_page_furniture_line(c.text), c.furniture) << c.text;
    EXPECT_EQ(old_is_page_number(c.text), c.margin) << c.text;
    EXPECT_EQ(old_is_page_marker(c.text), c.marker) << c.text;
    EXPECT_EQ(old_is_page_furniture(c.text), c.furniture) << c.text;
  }
}

TEST(PageNumber, ShapeFields) {
  const PageNumberShape s = page_number_shape("Page 3 of 12", " ");
  EXPECT_TRUE(s.page_alphabet);
  EXPECT_TRUE(s.digit);
  EXPECT_TRUE(s.latin_word);
  EXPECT_FALSE(s.cjk_word);
  EXPECT_EQ(s.bytes, 9u);  // "Page3of12"
  EXPECT_FALSE(page_number_shape("", "").page_alphabet);
  EXPECT_FALSE(page_number_shape("3\t", " ").page_alphabet);
  EXPECT_TRUE(page_number_shape("3\t", " \t").page_alphabet);
  EXPECT_TRUE(page_number_shape("第一页", "").di_ye);
  EXPECT_FALSE(page_number_shape("第一页", "").page_alphabet);
  EXPECT_FALSE(page_number_shape("页第", "").di_ye);
}

// Every string of up to four pieces: all the short shapes and their near misses.
TEST(PageNumber, SameAnswersAsBeforeOnAllShortStrings) {
  Tally tally;
  std::vector<std::size_t> idx;
  for (std::size_t len = 0; len <= 4; ++len) {
    idx.assign(len, 0);
    while (true) {
      std::string s;
      for (std::size_t k : idx) s += kPieces[k];
      compare(s, tally);
      std::size_t p = 0;
      while (p < len && ++idx[p] == kPieces.size()) idx[p++] = 0;
      if (p == len) break;
    }
  }
  expect_agreed_and_reached(tally);
}

// Random strings of up to 45 pieces, weighted towards page-number pieces so
// that long ones reach the 9-, 30- and 40-byte limits, plus random bytes.
TEST(PageNumber, SameAnswersAsBeforeOnRandomStrings) {
  std::mt19937 rng(20261206);
  Tally tally;
  std::uniform_int_distribution<std::size_t> piece(0, kPieces.size() - 1);
  std::uniform_int_distribution<std::size_t> page_piece(0, 15);  // digits .. "of"
  std::uniform_int_distribution<int> percent(0, 99);
  for (int n = 0; n < 300000; ++n) {
    const std::size_t len = std::uniform_int_distribution<std::size_t>(0, n % 3 == 0 ? 45 : 14)(rng);
    const int plain = percent(rng);  // how often to pick a page-number piece
    std::string s;
    for (std::size_t k = 0; k < len; ++k) s += kPieces[percent(rng) < plain ? page_piece(rng) : piece(rng)];
    compare(s, tally);
  }
  for (int n = 0; n < 50000; ++n) {
    std::string s(std::uniform_int_distribution<std::size_t>(0, 42)(rng), '\0');
    for (char& c : s) c = static_cast<char>(rng());
    compare(s, tally);
  }
  expect_agreed_and_reached(tally);
}

// Lengths around each limit: 9 bytes of key, 30 bytes, 40 bytes of text.
TEST(PageNumber, SameAnswersAsBeforeAtTheLengthLimits) {
  Tally tally;
  for (std::size_t n = 0; n <= 45; ++n) {
    for (const std::string& pad : {std::string(" "), std::string("\t"), std::string("-"), std::string("\u3000")}) {
      for (std::size_t padding = 0; padding <= 12; ++padding) {
        std::string digits(n, '7');
        std::string padded = digits;
        for (std::size_t k = 0; k < padding; ++k) padded = pad + padded;
        compare(padded, tally);
        compare("第" + padded + "页", tally);
        compare("-" + padded + "-", tally);
        compare(padded + "/9", tally);
        compare("1." + padded + "某某项目绩效目标表", tally);  // a grid's title row
      }
    }
  }
  EXPECT_EQ(tally.mismatches, 0);
}

}  // namespace
}  // namespace jixiao
