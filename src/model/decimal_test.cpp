#include "model/decimal.hpp"

#include <gtest/gtest.h>

#include <cstdint>
#include <limits>
#include <ostream>

namespace jixiao {
namespace {

struct ParseCase {
  const char* printed;
  bool valid;
  std::int64_t mantissa;
  int scale;
};

void PrintTo(const ParseCase& c, std::ostream* os) { *os << '"' << c.printed << '"'; }

class DecimalParse : public testing::TestWithParam<ParseCase> {};

TEST_P(DecimalParse, ReadsMantissaAndScale) {
  const ParseCase& c = GetParam();
  const std::optional<Decimal> d = Decimal::parse(c.printed);
  ASSERT_EQ(d.has_value(), c.valid);
  if (!c.valid) return;
  EXPECT_EQ(d->mantissa(), c.mantissa);
  EXPECT_EQ(d->scale(), c.scale);
}

INSTANTIATE_TEST_SUITE_P(Accepted, DecimalParse,
                         testing::Values(ParseCase{"0", true, 0, 0}, ParseCase{"12", true, 12, 0},
                                         ParseCase{"375.00", true, 37500, 2}, ParseCase{"0.10", true, 10, 2},
                                         ParseCase{"1,300.16", true, 130016, 2},
                                         ParseCase{"-2.5", true, -25, 1}, ParseCase{"+3", true, 3, 0},
                                         ParseCase{"-0", true, 0, 0}, ParseCase{"007", true, 7, 0},
                                         // OCR spaces and separators are noise inside a figure.
                                         ParseCase{"13, 586. 01", true, 1358601, 2},
                                         ParseCase{"1 200", true, 1200, 0}, ParseCase{"\t5\t", true, 5, 0},
                                         // 18 significant digits and 18 places are the limits.
                                         ParseCase{"999999999999999999", true, 999999999999999999, 0},
                                         ParseCase{"0.000000000000000001", true, 1, 18},
                                         ParseCase{"000000000000000000000001", true, 1, 0},
                                         ParseCase{"0.123456789012345678", true, 123456789012345678, 18}));

INSTANTIATE_TEST_SUITE_P(Rejected, DecimalParse,
                         testing::Values(ParseCase{"", false, 0, 0}, ParseCase{" ", false, 0, 0},
                                         ParseCase{"-", false, 0, 0}, ParseCase{"+", false, 0, 0},
                                         ParseCase{".", false, 0, 0}, ParseCase{".5", false, 0, 0},
                                         ParseCase{"12.", false, 0, 0}, ParseCase{"1.2.3", false, 0, 0},
                                         ParseCase{"1e5", false, 0, 0}, ParseCase{"12a", false, 0, 0},
                                         ParseCase{"abc", false, 0, 0}, ParseCase{"--1", false, 0, 0},
                                         ParseCase{"+-1", false, 0, 0}, ParseCase{"1-", false, 0, 0},
                                         ParseCase{"1.000,5", false, 0, 0}, ParseCase{"%", false, 0, 0},
                                         // Full-width digits are the reader's job to fold.
                                         ParseCase{"\xEF\xBC\x91\xEF\xBC\x92", false, 0, 0},
                                         // 19 significant digits: refused rather than rounded.
                                         ParseCase{"1234567890123456789", false, 0, 0},
                                         ParseCase{"1.000000000000000000", false, 0, 0},
                                         // 19 places would overflow every later comparison.
                                         ParseCase{"0.0000000000000000001", false, 0, 0},
                                         ParseCase{"0.00000000000000000000000000000000001", false, 0, 0}));

struct FormatCase {
  std::int64_t mantissa;
  int scale;
  const char* expected;
};

class DecimalToString : public testing::TestWithParam<FormatCase> {};

TEST_P(DecimalToString, KeepsPrintedScale) {
  const FormatCase& c = GetParam();
  EXPECT_EQ(Decimal(c.mantissa, c.scale).to_string(), c.expected);
}

INSTANTIATE_TEST_SUITE_P(
    Cases, DecimalToString,
    testing::Values(FormatCase{0, 0, "0"}, FormatCase{12, 0, "12"}, FormatCase{-12, 0, "-12"},
                    FormatCase{0, 2, "0.00"}, FormatCase{5, 2, "0.05"}, FormatCase{-5, 2, "-0.05"},
                    FormatCase{10, 2, "0.10"}, FormatCase{130016, 2, "1300.16"}, FormatCase{-25, 1, "-2.5"},
                    FormatCase{1, 18, "0.000000000000000001"},
                    FormatCase{std::numeric_limits<std::int64_t>::min(), 0, "-9223372036854775808"},
                    FormatCase{std::numeric_limits<std::int64_t>::max(), 2, "92233720368547758.07"}));

class DecimalRoundTrip : public testing::TestWithParam<const char*> {};

TEST_P(DecimalRoundTrip, CanonicalTextParsesToItself) {
  const std::optional<Decimal> d = Decimal::parse(GetParam());
  ASSERT_TRUE(d);
  EXPECT_EQ(d->to_string(), GetParam());
  const std::optional<Decimal> again = Decimal::parse(d->to_string());
  ASSERT_TRUE(again);
  EXPECT_EQ(again->mantissa(), d->mantissa());
  EXPECT_EQ(again->scale(), d->scale());
}

INSTANTIATE_TEST_SUITE_P(Cases, DecimalRoundTrip,
                         testing::Values("0", "0.00", "12", "375.00", "1300.16", "-2.5", "0.05",
                                         "999999999999999999", "0.000000000000000001"));

struct CompareCase {
  const char* left;
  const char* right;
  int expected;
};

void PrintTo(const CompareCase& c, std::ostream* os) { *os << c.left << " vs " << c.right; }

class DecimalCompare : public testing::TestWithParam<CompareCase> {};

TEST_P(DecimalCompare, OrdersNumericallyRegardlessOfScale) {
  const CompareCase& c = GetParam();
  const std::optional<Decimal> left = Decimal::parse(c.left);
  const std::optional<Decimal> right = Decimal::parse(c.right);
  ASSERT_TRUE(left && right);
  EXPECT_EQ(left->compare(*right), c.expected);
  EXPECT_EQ(right->compare(*left), -c.expected);
  EXPECT_EQ(*left == *right, c.expected == 0);
  EXPECT_EQ(*left != *right, c.expected != 0);
  EXPECT_EQ(*left < *right, c.expected < 0);
}

INSTANTIATE_TEST_SUITE_P(Cases, DecimalCompare,
                         testing::Values(CompareCase{"375", "375.00", 0}, CompareCase{"0", "-0.00", 0},
                                         CompareCase{"0.1", "0.09", 1}, CompareCase{"-1", "0.5", -1},
                                         CompareCase{"-1.5", "-1.25", -1},
                                         CompareCase{"2376.02", "2376.020", 0},
                                         CompareCase{"1300.16", "1300.161", -1},
                                         CompareCase{"-0.01", "0", -1},
                                         // Aligning these scales naively overflows int64.
                                         CompareCase{"999999999999999999", "0.1", 1},
                                         CompareCase{"0.000000000000000001", "999999999999999999", -1},
                                         CompareCase{"-999999999999999999", "0.000000000000000001", -1},
                                         CompareCase{"-999999999999999999", "-0.000000000000000001", -1},
                                         CompareCase{"9999999999999999.99", "9999999999999999.9", 1},
                                         CompareCase{"12345678901234567", "12345678901234567.0", 0},
                                         CompareCase{"1", "1.00000000000000000", 0}));

TEST(DecimalCompare, HandlesExtremeMantissas) {
  const Decimal smallest(std::numeric_limits<std::int64_t>::min(), 0);
  const Decimal largest(std::numeric_limits<std::int64_t>::max(), 0);
  EXPECT_EQ(smallest.compare(largest), -1);
  EXPECT_EQ(largest.compare(smallest), 1);
  EXPECT_EQ(smallest.compare(Decimal(1, 18)), -1);
  EXPECT_EQ(largest.compare(Decimal(1, 18)), 1);
  EXPECT_EQ(Decimal(1, 18).compare(Decimal(0, 0)), 1);
}

struct ArithmeticCase {
  const char* left;
  const char* right;
  const char* sum;
  const char* difference;
};

class DecimalArithmetic : public testing::TestWithParam<ArithmeticCase> {};

TEST_P(DecimalArithmetic, IsExactAtTheLargerScale) {
  const ArithmeticCase& c = GetParam();
  const Decimal left = *Decimal::parse(c.left);
  const Decimal right = *Decimal::parse(c.right);
  EXPECT_EQ((left + right).to_string(), c.sum);
  EXPECT_EQ((left - right).to_string(), c.difference);
}

INSTANTIATE_TEST_SUITE_P(Cases, DecimalArithmetic,
                         testing::Values(ArithmeticCase{"1075.86", "1300.16", "2376.02", "-224.30"},
                                         ArithmeticCase{"0.1", "0.20", "0.30", "-0.10"},
                                         ArithmeticCase{"5", "7.5", "12.5", "-2.5"},
                                         ArithmeticCase{"0.1", "0.2", "0.3", "-0.1"},
                                         ArithmeticCase{"-3.25", "-3.25", "-6.50", "0.00"},
                                         ArithmeticCase{"13586.01", "0", "13586.01", "13586.01"}));

TEST(Decimal, ZeroAtAnyScaleIsZero) {
  EXPECT_TRUE(Decimal().is_zero());
  EXPECT_TRUE(Decimal::parse("0.00")->is_zero());
  EXPECT_TRUE(Decimal::parse("-0")->is_zero());
  EXPECT_FALSE(Decimal::parse("0.01")->is_zero());
}

}  // namespace
}  // namespace jixiao
