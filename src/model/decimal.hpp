// Exact decimal amounts (万元 with two or more places). Never a double.
//
// A Decimal is an integer mantissa and a scale (digits after the point), so
// "375.00" keeps its printed scale while comparing equal to "375". Parsing
// accepts what published tables print: thousands separators, OCR spaces
// ("13, 586. 01"), full-width digits already folded by the reader.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace jixiao {

class Decimal {
 public:
  Decimal() = default;
  Decimal(std::int64_t mantissa, int scale) : mantissa_(mantissa), scale_(scale) {}

  // Parses "1,300.16", "-2.5", "13, 586. 01". Returns nullopt when the text is
  // not exactly one number (after removing separators and spaces), or when it
  // has more than 18 significant digits (no silent rounding).
  static std::optional<Decimal> parse(std::string_view text);

  std::int64_t mantissa() const { return mantissa_; }
  int scale() const { return scale_; }

  // Canonical text with the printed scale kept: "1300.16", "0.10", "12".
  std::string to_string() const;

  Decimal operator+(const Decimal& other) const;
  Decimal operator-(const Decimal& other) const;
  // Numeric comparison regardless of scale ("375" == "375.00").
  int compare(const Decimal& other) const;
  bool operator==(const Decimal& other) const { return compare(other) == 0; }
  bool operator!=(const Decimal& other) const { return compare(other) != 0; }
  bool operator<(const Decimal& other) const { return compare(other) < 0; }
  bool is_zero() const { return mantissa_ == 0; }

 private:
  std::int64_t mantissa_ = 0;
  int scale_ = 0;
};

}  // namespace jixiao
