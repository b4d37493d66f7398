#include "model/decimal.hpp"

#include <cstdlib>

namespace jixiao {
namespace {

constexpr int kMaxDigits = 18;

std::int64_t pow10(int n) {
  std::int64_t p = 1;
  while (n-- > 0) p *= 10;
  return p;
}

// Brings both operands to the larger scale. Amounts in these tables have at
// most a few places, so overflow needs 18-digit figures; callers get the
// arithmetic of int64 there, which is far beyond any published budget.
void align(const Decimal& a, const Decimal& b, std::int64_t& ma, std::int64_t& mb, int& scale) {
  scale = a.scale() > b.scale() ? a.scale() : b.scale();
  ma = a.mantissa() * pow10(scale - a.scale());
  mb = b.mantissa() * pow10(scale - b.scale());
}

// Magnitude as unsigned, so that INT64_MIN has one.
std::uint64_t magnitude(std::int64_t m) {
  return m < 0 ? 0 - static_cast<std::uint64_t>(m) : static_cast<std::uint64_t>(m);
}

std::uint64_t unsigned_pow10(int n) {
  std::uint64_t p = 1;
  while (n-- > 0) p *= 10;
  return p;
}

// Compares whole parts, then fractions at the common scale. Unlike aligning
// the mantissas this cannot overflow: each fraction is below 10^scale, and
// scales stay within 19 places (parse allows 18).
int compare_magnitudes(std::uint64_t a, int a_scale, std::uint64_t b, int b_scale) {
  const std::uint64_t a_unit = unsigned_pow10(a_scale);
  const std::uint64_t b_unit = unsigned_pow10(b_scale);
  const std::uint64_t a_whole = a / a_unit;
  const std::uint64_t b_whole = b / b_unit;
  if (a_whole != b_whole) return a_whole < b_whole ? -1 : 1;
  const int scale = a_scale > b_scale ? a_scale : b_scale;
  const std::uint64_t a_fraction = (a % a_unit) * unsigned_pow10(scale - a_scale);
  const std::uint64_t b_fraction = (b % b_unit) * unsigned_pow10(scale - b_scale);
  return a_fraction < b_fraction ? -1 : (a_fraction > b_fraction ? 1 : 0);
}

int sign(std::int64_t m) { return (m > 0) - (m < 0); }

}  // namespace

std::optional<Decimal> Decimal::parse(std::string_view text) {
  std::int64_t mantissa = 0;
  int scale = 0;
  int digits = 0;
  bool negative = false;
  bool seen_point = false;
  bool seen_digit = false;
  bool seen_sign = false;
  for (char c : text) {
    if (c >= '0' && c <= '9') {
      if (digits >= kMaxDigits) return std::nullopt;
      if (mantissa != 0 || c != '0') ++digits;
      // Leading zeros after the point add no significant digit but do add
      // scale, and a scale past 18 overflows every later alignment.
      if (seen_point && scale >= kMaxDigits) return std::nullopt;
      mantissa = mantissa * 10 + (c - '0');
      if (seen_point) ++scale;
      seen_digit = true;
    } else if (c == '.') {
      if (seen_point || !seen_digit) return std::nullopt;
      seen_point = true;
    } else if (c == ',' || c == ' ' || c == '\t') {
      // Thousands separators and OCR spaces inside a number are noise.
      if (seen_point && c == ',') return std::nullopt;
    } else if ((c == '-' || c == '+') && !seen_digit && !seen_sign) {
      negative = c == '-';
      seen_sign = true;
    } else {
      return std::nullopt;
    }
  }
  if (!seen_digit) return std::nullopt;
  if (seen_point && scale == 0) return std::nullopt;  // "12." is truncated, not a number
  return Decimal(negative ? -mantissa : mantissa, scale);
}

std::string Decimal::to_string() const {
  std::string digits = std::to_string(magnitude(mantissa_));
  if (scale_ > 0) {
    if (static_cast<int>(digits.size()) <= scale_) {
      digits.insert(0, static_cast<std::size_t>(scale_) - digits.size() + 1, '0');
    }
    digits.insert(digits.size() - static_cast<std::size_t>(scale_), ".");
  }
  if (mantissa_ < 0) digits.insert(0, "-");
  return digits;
}

Decimal Decimal::operator+(const Decimal& other) const {
  std::int64_t a = 0, b = 0;
  int scale = 0;
  align(*this, other, a, b, scale);
  return Decimal(a + b, scale);
}

Decimal Decimal::operator-(const Decimal& other) const {
  std::int64_t a = 0, b = 0;
  int scale = 0;
  align(*this, other, a, b, scale);
  return Decimal(a - b, scale);
}

int Decimal::compare(const Decimal& other) const {
  const int this_sign = sign(mantissa_);
  const int other_sign = sign(other.mantissa_);
  if (this_sign != other_sign) return this_sign < other_sign ? -1 : 1;
  if (this_sign == 0) return 0;
  const int by_magnitude =
      compare_magnitudes(magnitude(mantissa_), scale_, magnitude(other.mantissa_), other.scale_);
  return this_sign < 0 ? -by_magnitude : by_magnitude;
}

}  // namespace jixiao
