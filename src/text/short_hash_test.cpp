#include "text/short_hash.hpp"

#include <gtest/gtest.h>

#include <set>
#include <string>

namespace jixiao {
namespace {

TEST(ShortTextHash, EqualTextsHashEqualWhereverTheyLie) {
  const std::string a = "设备维护响应率", b = "x设备维护响应率";
  EXPECT_EQ(short_text_hash(a), short_text_hash(std::string_view(b).substr(1)));
}

// Every byte counts, in a whole eight-byte word and in the tail after it, and
// so does the length (a text and the same text with a NUL added).
TEST(ShortTextHash, EveryByteAndTheLengthCount) {
  std::set<std::uint64_t> seen;
  const std::string base = "0123456789abc";  // one word and a five-byte tail
  for (std::size_t i = 0; i < base.size(); ++i) {
    std::string changed = base;
    changed[i] = '#';
    seen.insert(short_text_hash(changed));
  }
  seen.insert(short_text_hash(base));
  seen.insert(short_text_hash(base + std::string(1, '\0')));
  seen.insert(short_text_hash(""));
  EXPECT_EQ(seen.size(), base.size() + 3);
}

}  // namespace
}  // namespace jixiao
