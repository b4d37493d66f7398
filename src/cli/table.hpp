// A readable table on a terminal: columns aligned by display width (CJK
// characters take two cells), long cells cut with "…", NULL shown as "-".
#pragma once

#include <fmt/format.h>

#include <algorithm>
#include <optional>
#include <string>
#include <vector>

#include "text/utf8.hpp"

namespace jixiao::cli {

struct TextTable {
  std::vector<std::string> headers;
  std::vector<std::vector<std::string>> rows;
  std::size_t max_width = 40;  // display cells per column before cutting

  static std::size_t width(std::string_view s) {
    std::size_t w = 0;
    for (std::size_t i = 0; i < s.size();) {
      std::size_t len = 1;
      char32_t cp = utf8::decode(s, i, &len);
      w += utf8::is_cjk(cp) ? 2 : 1;
      i += len;
    }
    return w;
  }
  // The longest prefix of `s` that fits `cells`, with "…" when cut.
  static std::string cut(std::string_view s, std::size_t cells) {
    if (width(s) <= cells) return std::string(s);
    std::string out;
    std::size_t w = 0;
    for (std::size_t i = 0; i < s.size();) {
      std::size_t len = 1;
      char32_t cp = utf8::decode(s, i, &len);
      std::size_t cw = utf8::is_cjk(cp) ? 2 : 1;
      if (w + cw + 1 > cells) break;
      out.append(s.substr(i, len));
      w += cw;
      i += len;
    }
    return out + "…";
  }
  static std::string flat(std::string s) {
    std::replace(s.begin(), s.end(), '\n', ' ');
    std::replace(s.begin(), s.end(), '\t', ' ');
    return s;
  }

  void print(std::FILE* out = stdout) const {
    std::vector<std::size_t> widths(headers.size(), 0);
    std::vector<std::vector<std::string>> cells;
    cells.push_back(headers);
    for (const auto& r : rows) {
      std::vector<std::string> c;
      for (const auto& v : r) c.push_back(cut(flat(v), max_width));
      cells.push_back(std::move(c));
    }
    for (const auto& r : cells)
      for (std::size_t i = 0; i < r.size() && i < widths.size(); ++i) widths[i] = std::max(widths[i], width(r[i]));
    for (std::size_t k = 0; k < cells.size(); ++k) {
      std::string line;
      for (std::size_t i = 0; i < cells[k].size() && i < widths.size(); ++i) {
        line += cells[k][i];
        if (i + 1 < cells[k].size()) line += std::string(widths[i] - width(cells[k][i]) + 2, ' ');
      }
      fmt::print(out, "{}\n", line);
      if (k == 0) {
        std::string rule;
        for (std::size_t i = 0; i < widths.size(); ++i) rule += std::string(widths[i], '-') + (i + 1 < widths.size() ? "  " : "");
        fmt::print(out, "{}\n", rule);
      }
    }
  }
};

inline std::string or_dash(const std::optional<std::string>& s) { return s ? *s : "-"; }
inline std::string or_dash(const std::optional<int>& i) { return i ? std::to_string(*i) : "-"; }

}  // namespace jixiao::cli
