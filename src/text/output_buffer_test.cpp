#include "text/output_buffer.hpp"

#include <gtest/gtest.h>

#include <limits>
#include <string>
#include <vector>

namespace jixiao {
namespace {

// Whatever was written stays, in order, across every growth, whichever way
// it was written (a copy, a byte, a number, in place through the cursor).
TEST(OutputBuffer, KeepsWhatWasWrittenAcrossGrowth) {
  for (const auto start : {OutputBuffer::Start::zeroed, OutputBuffer::Start::unset}) {
    OutputBuffer out(8, start);
    std::string expected;
    for (int i = 0; i < 2000; ++i) {
      const std::string piece = "项目" + std::to_string(i);
      out.append(piece.data(), piece.size());
      out.put(',');
      out.number(-i);
      out.reserve(3);
      char* o = out.cursor();
      o[0] = '[';
      o[1] = ']';
      out.advance_to(o + 2);
      expected += piece + "," + std::to_string(-i) + "[]";
    }
    EXPECT_EQ(out.view(), expected);
    EXPECT_EQ(out.size(), expected.size());
    out.clear();
    EXPECT_EQ(out.size(), 0u);
    out.append("x", 1);
    EXPECT_EQ(out.view(), "x");
  }
}

// Numbers are written as std::to_chars writes them: the small ones (up to
// four digits, from a table of digit pairs), those up to eight digits (two
// groups of pairs; the low group keeps its zeros) and the rest, each side of
// every bound.
TEST(OutputBuffer, NumbersAreWrittenAsToCharsWritesThem) {
  std::vector<long long> values = {0,    1,    9,    10,    11,    42,     99, 100, 101, 999,   1000,
                                   1001, 4096, 9999, 10000, 10001, 123456, -1, -9,  -10, -9999, -10000};
  values.push_back(std::numeric_limits<long long>::max());
  values.push_back(std::numeric_limits<long long>::min());
  for (long long v : {99999, 100000, 100001, 999999, 1000000, 1000001, 10000000, 10000009, 12003004,
                      99999999, 100000000, 100000001, -99999999, -100000000})
    values.push_back(v);
  for (long long v = 0; v < 12000; v += 7) values.push_back(v);
  for (long long v = 10000; v < 200000000; v += 99991) values.push_back(v);
  OutputBuffer out(4);
  std::string expected;
  for (long long v : values) {
    out.number(v);
    out.put(' ');
    expected += std::to_string(v) + " ";
  }
  EXPECT_EQ(out.view(), expected);
}

// A zeroed buffer has zeros past its cursor, after growing too: the JSON
// writer's key test reads whole blocks past what it wrote.
TEST(OutputBuffer, AZeroedBufferIsZeroPastTheCursor) {
  OutputBuffer out(4);
  out.append("abcdefgh", 8);  // grows
  out.reserve(32);
  const char* past = out.cursor();
  for (int i = 0; i < 32; ++i) EXPECT_EQ(past[i], '\0') << i;
}

}  // namespace
}  // namespace jixiao
