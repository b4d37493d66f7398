#include "text/flat_memo.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

namespace jixiao {
namespace {

TEST(FlatMemo, RemembersEachKeyOnceUpToItsBound) {
  FlatMemo<std::string> memo(100);
  auto find = [&](const std::string& k) { return memo.find(k, FlatMemo<std::string>::hash(k)); };
  auto remember = [&](const std::string& k, std::string v) {
    memo.remember(k, FlatMemo<std::string>::hash(k), std::move(v));
  };
  EXPECT_EQ(find("正向"), nullptr);
  remember("正向", "a");
  remember("", "empty key");
  remember("正向", "b");  // known already: the first answer stays
  ASSERT_NE(find("正向"), nullptr);
  EXPECT_EQ(*find("正向"), "a");
  ASSERT_NE(find(""), nullptr);
  EXPECT_EQ(*find(""), "empty key");
  EXPECT_EQ(find("正"), nullptr);  // a prefix is another key
  for (int k = 0; k < 200; ++k) remember("k" + std::to_string(k), std::to_string(k));
  EXPECT_TRUE(memo.full());
  for (int k = 0; k < 200; ++k) {
    const std::string* v = find("k" + std::to_string(k));
    if (k < 98) {  // 100 in all, two taken above
      ASSERT_NE(v, nullptr) << k;
      EXPECT_EQ(*v, std::to_string(k));
    } else {
      EXPECT_EQ(v, nullptr) << k;  // past the bound: not remembered
    }
  }
  EXPECT_EQ(*find("正向"), "a");
}

// Keys that share a hash are told apart by their text.
TEST(FlatMemo, KeysWithOneHashStayApart) {
  FlatMemo<int> memo(8);
  memo.remember("甲", 7, 1);
  memo.remember("乙", 7, 2);
  ASSERT_NE(memo.find("甲", 7), nullptr);
  ASSERT_NE(memo.find("乙", 7), nullptr);
  EXPECT_EQ(*memo.find("甲", 7), 1);
  EXPECT_EQ(*memo.find("乙", 7), 2);
  EXPECT_EQ(memo.find("丙", 7), nullptr);
  // A key whose bytes begin where another's do (the keys' bytes lie side by
  // side: 甲 then 乙 reads 甲乙) is another key, and so is the empty key.
  EXPECT_EQ(memo.find("甲乙", 7), nullptr);
  EXPECT_EQ(memo.find("", 7), nullptr);
  memo.remember("甲乙", 7, 3);
  ASSERT_NE(memo.find("甲乙", 7), nullptr);
  EXPECT_EQ(*memo.find("甲乙", 7), 3);
  EXPECT_EQ(*memo.find("甲", 7), 1);
}

// Every byte of a key of any length counts, and keys alike but for a byte or
// two spread over the low bits, which pick the slot.
TEST(FlatMemo, HashReadsEveryByteAndSpreadsTheLowBits) {
  for (std::size_t n = 1; n <= 40; ++n) {
    const std::string key(n, 'a');
    const std::size_t h = hash_text(key);
    EXPECT_NE(h, hash_text(key.substr(0, n - 1))) << n;
    for (std::size_t i = 0; i < n; ++i) {
      std::string other = key;
      other[i] = 'b';
      EXPECT_NE(h, hash_text(other)) << n << " " << i;
    }
  }
  std::vector<int> slots(1024);
  for (int k = 0; k < 8192; ++k) ++slots[hash_text("指标" + std::to_string(k)) & 1023];
  EXPECT_LT(*std::max_element(slots.begin(), slots.end()), 24);  // 8 on average
}

// same_bytes agrees with memcmp at every length the memo meets, 0 to past
// the eight-byte loop's limit, whichever byte differs (first, last, one in
// the middle of a word or in the tail read twice).
TEST(SameBytes, AgreesWithMemcmpAtEveryLengthAndPlace) {
  std::string a;
  for (int k = 0; k < 80; ++k) a.push_back(static_cast<char>(0xE4 + k % 7));
  for (std::size_t n = 0; n <= a.size(); ++n) {
    const std::string x = a.substr(0, n);
    EXPECT_TRUE(same_bytes(x.data(), a.data(), n)) << n;
    for (std::size_t at = 0; at < n; ++at) {
      std::string y = x;
      y[at] = static_cast<char>(y[at] ^ 0x40);
      ASSERT_FALSE(same_bytes(x.data(), y.data(), n)) << n << " " << at;
    }
  }
}

}  // namespace
}  // namespace jixiao
