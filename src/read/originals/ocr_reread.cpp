#include "read/originals/ocr_reread.hpp"

#include <algorithm>
#include <regex>

#include "text/utf8.hpp"

namespace jixiao::ocr {
namespace {

bool is_digit(char32_t c) { return c >= U'0' && c <= U'9'; }

std::u32string code_points(const std::string& text) {
  std::u32string out;
  for (std::size_t i = 0; i < text.size();) {
    std::size_t len = 1;
    const char32_t cp = utf8::decode(text, i, &len);
    if (cp != U' ' && cp != U'\t') out += cp;
    i += std::max<std::size_t>(1, len);
  }
  return out;
}

}  // namespace

bool mostly_digits(const std::string& text) {
  const std::u32string cps = code_points(text);
  for (std::size_t k = 1; k < cps.size(); ++k) {
    if (cps[k] >= 0x80) return false;
  }
  const auto digits = std::count_if(cps.begin(), cps.end(), is_digit);
  return digits >= 3 && digits * 2 > static_cast<long>(cps.size());
}

bool is_clean_figure(const std::string& text) {
  static const std::regex figure(R"(-?(\d{1,3}(,\d{3})+|\d+)(\.\d+)?)");
  return std::regex_match(text, figure);
}

bool is_clean_target(const std::string& text) {
  static const std::regex target(R"((>|<|≥|≤)?\d+(\.\d+)?%?)");
  return std::regex_match(text, target);
}

bool doubtful_target(const std::string& text) {
  if (is_clean_target(text)) return false;
  const std::u32string cps = code_points(text);
  std::size_t i = 0;
  const bool lead = !cps.empty() && !is_digit(cps[0]);
  if (lead) ++i;
  const std::size_t number_from = i;
  while (i < cps.size() && (is_digit(cps[i]) || cps[i] == U'.')) ++i;
  if (i == number_from || i >= cps.size() || cps[i] != U'%') return false;
  ++i;
  const bool trail = i < cps.size();
  if (trail && (cps[i] >= 0x80 || i + 1 != cps.size())) return false;
  return lead || trail;
}

bool garbled_figure(const std::string& text) {
  const std::u32string cps = code_points(text);
  if (cps.empty() || cps.size() > 12) return false;
  const auto wide = std::count_if(cps.begin(), cps.end(), [](char32_t c) { return c >= 0x80; });
  return wide <= 2 && static_cast<std::size_t>(wide) < cps.size();
}

bool keeps_digits(const std::string& first, const std::string& second, bool may_recover) {
  const std::u32string read = code_points(first.substr(0, first.find('%')));
  long digits = 0, misread = 0;
  std::size_t at = 0;
  for (char32_t c : read) {
    if (is_digit(c) || c == U'.') {
      digits += is_digit(c);
      at = second.find(static_cast<char>(c), at);
      if (at == std::string::npos) return false;
      ++at;
    } else if (c != U',' && c != U'-') {
      ++misread;
    }
  }
  const long now = std::count_if(second.begin(), second.end(), [](char c) { return c >= '0' && c <= '9'; });
  return now <= digits + (may_recover ? misread : 0);
}

}  // namespace jixiao::ocr
