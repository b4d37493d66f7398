#include "recognise/indicator_cells.hpp"

#include <array>

#include "text/utf8.hpp"

namespace jixiao {
namespace {

// Comparators as a 指标性质/计算符号 cell prints them, longest first so that
// 大于等于 is not read as 大于.
constexpr std::array<std::string_view, 24> kComparators = {
    "大于或等于", "小于或等于", "大于等于", "小于等于", "不低于", "不高于", "不少于", "不超过",
    "不大于",     "不小于",     ">=",       "<=",       "大于",   "小于",   "等于",   "≥",
    "≤",          "≧",          "≦",        ">",        "<",      "=",      "＞",     "＜"};

// The comparators' first bytes: a text starting with none of them (a figure,
// most words) is told apart without comparing it with each comparator.
constexpr std::array<bool, 256> kComparatorStarts = [] {
  std::array<bool, 256> starts{};
  for (std::string_view c : kComparators) starts[static_cast<unsigned char>(c.front())] = true;
  return starts;
}();

bool starts_with(std::string_view s, std::string_view p) { return s.substr(0, p.size()) == p; }
bool ends_with(std::string_view s, std::string_view p) {
  return s.size() >= p.size() && s.substr(s.size() - p.size()) == p;
}

std::string_view leading_comparator(std::string_view s) {
  if (s.empty() || !kComparatorStarts[static_cast<unsigned char>(s.front())]) return {};
  for (std::string_view c : kComparators) {
    if (starts_with(s, c)) return c;
  }
  return {};
}

bool is_digit(char c) { return c >= '0' && c <= '9'; }

// Template residue: a bracket whose content has placeholders where the figure
// should be ("≥**%", "≤**万元", "XX%"), and no figure.
bool is_residue(std::string_view inside) {
  bool placeholder = false;
  for (std::size_t i = 0, len = 0; i < inside.size(); i += len) {
    char32_t cp = utf8::decode(inside, i, &len);
    if (cp >= '0' && cp <= '9') return false;
    if (cp == '*' || cp == 0xFF0A || cp == 'x' || cp == 'X' || cp == 0xD7) placeholder = true;
  }
  return placeholder;
}

// The byte offset of the bracket that opens the one closing at the end of
// `s`, or npos.
std::size_t trailing_bracket_open(std::string_view s, std::size_t* close_len) {
  std::size_t close = std::string_view::npos;
  if (ends_with(s, ")")) {
    close = s.size() - 1;
    *close_len = 1;
  } else if (ends_with(s, "）")) {
    close = s.size() - 3;
    *close_len = 3;
  } else {
    return std::string_view::npos;
  }
  int depth = 0;
  for (std::size_t i = close; i-- > 0;) {
    if (s[i] == ')' || (i + 3 <= s.size() && s.substr(i, 3) == "）")) ++depth;
    if (s[i] == '(' || (i + 3 <= s.size() && s.substr(i, 3) == "（")) {
      if (depth == 0) return i;
      --depth;
    }
  }
  return std::string_view::npos;
}

bool has_digit(std::string_view s) {
  for (char c : s) {
    if (is_digit(c)) return true;
  }
  return false;
}

}  // namespace

bool is_comparator_cell(std::string_view cell) {
  std::string_view t = utf8::trim(cell);
  if (t.empty()) return false;
  std::string_view c = leading_comparator(t);
  return !c.empty() && c.size() == t.size();
}

std::string join_target(std::string_view comparator, std::string_view value, std::string_view unit) {
  std::string_view c = utf8::trim(comparator), v = utf8::trim(value), u = utf8::trim(unit);
  std::string out;
  if (is_comparator_cell(c) && leading_comparator(v).empty()) out.append(c);
  out.append(v);
  if (!u.empty() && !ends_with(v, u) && u != "无" && u != "/" && u != "-") out.append(u);
  return out;
}

bool target_lacks_number(std::string_view target) {
  std::string_view t = utf8::trim(target);
  if (t.empty() || has_digit(t)) return false;
  std::string_view c = leading_comparator(t);
  if (!c.empty()) return true;
  // A bare unit where a figure belongs: "%", "百分比".
  return t == "%" || t == "百分比";
}

std::string clean_indicator_name(std::string_view name) {
  std::string_view s = utf8::trim(name);
  // 指标1：/ 指标一、
  if (starts_with(s, "指标")) {
    std::size_t p = 6;
    while (p < s.size() && (is_digit(s[p]) || s.substr(p, 3) == "一" || s.substr(p, 3) == "二" ||
                            s.substr(p, 3) == "三" || s.substr(p, 3) == "四" || s.substr(p, 3) == "五")) {
      p += is_digit(s[p]) ? 1 : 3;
    }
    if (p > 6) {
      for (std::string_view sep : {":", "：", "、", ".", " "}) {
        if (s.substr(p, sep.size()) == sep) {
          s = utf8::trim(s.substr(p + sep.size()));
          break;
        }
      }
    }
  } else {
    // 1. / 1、 / (1) / （1） / ①
    std::size_t p = 0;
    bool bracketed = false;
    if (starts_with(s, "(")) {
      p = 1;
      bracketed = true;
    } else if (starts_with(s, "（")) {
      p = 3;
      bracketed = true;
    }
    std::size_t d = p;
    while (d < s.size() && is_digit(s[d])) ++d;
    if (d > p && d - p <= 2) {
      std::string_view rest = s.substr(d);
      std::size_t skip = 0;
      if (bracketed && starts_with(rest, ")")) skip = 1;
      if (bracketed && starts_with(rest, "）")) skip = 3;
      if (!bracketed && (starts_with(rest, ".") || starts_with(rest, "、") || starts_with(rest, "．"))) {
        // "1.5吨" is a figure, not numbering.
        skip = starts_with(rest, ".") ? (rest.size() > 1 && is_digit(rest[1]) ? 0 : 1) : 3;
      }
      if (skip > 0 && d + skip < s.size()) s = utf8::trim(s.substr(d + skip));
    } else if (!bracketed && !s.empty()) {
      // (An empty name has no ① to drop, and decode reads the byte at 0.)
      std::size_t len = 0;
      char32_t cp = utf8::decode(s, 0, &len);
      if (cp >= 0x2460 && cp <= 0x2473 && len < s.size()) s = utf8::trim(s.substr(len));
    }
  }
  std::string out(s);
  // Residue at the end: "(≥**%)", "（≤**万元）".
  std::size_t close_len = 0;
  std::size_t open = trailing_bracket_open(out, &close_len);
  if (open != std::string::npos && open > 0) {
    std::size_t open_len = out[open] == '(' ? 1 : 3;
    std::string_view inside =
        std::string_view(out).substr(open + open_len, out.size() - close_len - open - open_len);
    if (is_residue(inside)) out = std::string(utf8::trim(std::string_view(out).substr(0, open)));
  }
  return out;
}

std::optional<NameAndTarget> split_trailing_target(std::string_view text, bool glued) {
  std::string_view s = utf8::trim(text);
  std::size_t close_len = 0;
  std::size_t open = trailing_bracket_open(s, &close_len);
  if (open != std::string_view::npos && open > 0) {
    std::size_t open_len = s[open] == '(' ? 1 : 3;
    std::string_view inside = utf8::trim(s.substr(open + open_len, s.size() - close_len - open - open_len));
    // A bracketed target has a figure or starts with a comparator; "(含设备)"
    // is part of the name.
    if (!inside.empty() && !is_residue(inside) &&
        (!leading_comparator(inside).empty() || has_digit(inside))) {
      // A figure inside must lead the bracket ("(77台)") or follow a comparator.
      if (!leading_comparator(inside).empty() || is_digit(inside[0])) {
        return NameAndTarget{std::string(utf8::trim(s.substr(0, open))), std::string(inside)};
      }
    }
  }
  if (!glued) return std::nullopt;
  // A figure at the end, with at most a short unit after it.
  std::size_t end = s.size();
  std::size_t unit_start = end;
  int unit_chars = 0;
  while (unit_start > 0 && !is_digit(s[unit_start - 1])) {
    std::size_t back = unit_start - 1;
    while (back > 0 && (static_cast<unsigned char>(s[back]) & 0xC0) == 0x80) --back;
    unit_start = back;
    if (++unit_chars > 4) return std::nullopt;
  }
  if (unit_start == 0) return std::nullopt;
  std::size_t num_start = unit_start;
  while (num_start > 0 && (is_digit(s[num_start - 1]) || s[num_start - 1] == '.' || s[num_start - 1] == ',' ||
                           s[num_start - 1] == ' '))
    --num_start;
  while (num_start < unit_start && !is_digit(s[num_start])) ++num_start;
  std::size_t target_start = num_start;
  for (std::string_view c : kComparators) {
    if (target_start >= c.size() && s.substr(target_start - c.size(), c.size()) == c) {
      target_start -= c.size();
      break;
    }
  }
  std::string_view name = utf8::trim(s.substr(0, target_start));
  if (name.empty()) return std::nullopt;
  return NameAndTarget{std::string(name), std::string(utf8::trim(s.substr(target_start)))};
}

}  // namespace jixiao
