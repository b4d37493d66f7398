#include "read/originals/glyph_shape.hpp"

#include <algorithm>
#include <string>
#include <utility>
#include <vector>

namespace jixiao {
namespace {

bool at(const InkGrid& g, int x, int y) { return x >= 0 && y >= 0 && x < g.width && y < g.height && g.ink(x, y); }

double coverage(const InkGrid& g, int x0, int x1, int y) {
  int n = 0;
  for (int x = x0; x < x1; ++x) n += at(g, x, y) ? 1 : 0;
  return x1 > x0 ? static_cast<double>(n) / (x1 - x0) : 0;
}

}  // namespace

// In the lower half of the glyph's box or just below it, a thin band of rows
// inked across most of its width, with (nearly) empty rows beneath. A bare
// > or < has only its stroke's end there, a fraction of the width.
bool bar_under_glyph(const InkGrid& g, int x0, int y0, int x1, int y1, int* bar_top) {
  const int w = x1 - x0, h = y1 - y0;
  if (w < 4 || h < 4) return false;
  const int from = y0 + h / 2, to = std::min(g.height - 1, y1 + h / 2);
  int band = 0;  // consecutive rows inked across the glyph
  for (int y = from; y <= to; ++y) {
    const double c = coverage(g, std::max(0, x0), std::min(x1, g.width), y);
    if (c >= 0.6) {
      ++band;
      continue;
    }
    if (band > 0) {
      // The band ended: a bar when it was thin and rows under it are clear.
      if (band > std::max(2, h / 4)) return false;
      for (int k = y; k <= std::min(to, y + 1); ++k) {
        if (coverage(g, std::max(0, x0), std::min(x1, g.width), k) > 0.15) return false;
      }
      if (bar_top) *bar_top = y - band;
      return true;
    }
  }
  return false;
}

bool slanted_bar_under_glyph(const InkGrid& g, int x0, int y0, int x1, int y1, bool opens_left) {
  const int w = x1 - x0, h = y1 - y0;
  if (w < 6 || h < 6) return false;
  const int top = std::max(0, y0), bottom = std::min(g.height - 1, y1 + h / 2);
  const int thin = std::max(2, h / 4);
  // For each column, the runs of ink from the box's top down; where there
  // are three or more, the lowest one's middle row.
  std::vector<std::pair<double, double>> lows;  // (column, middle row of the lowest run)
  int columns = 0;
  for (int x = std::max(0, x0); x < std::min(x1, g.width); ++x) {
    ++columns;
    int runs = 0, start = -1, last_start = -1, last_end = -1;
    for (int y = top; y <= bottom + 1; ++y) {
      const bool on = y <= bottom && at(g, x, y);
      if (on && start < 0) start = y;
      if (!on && start >= 0) {
        ++runs;
        last_start = start;
        last_end = y - 1;
        start = -1;
      }
    }
    if (runs >= 3 && last_end - last_start + 1 <= thin) lows.emplace_back(x, 0.5 * (last_start + last_end));
  }
  if (columns == 0 || lows.size() * 10 < static_cast<std::size_t>(columns) * 4) return false;
  // A straight stroke: the lowest runs fall on a line that descends towards
  // the open side, at a slant (not a horizontal bar, which bar_under_glyph sees).
  const double n = static_cast<double>(lows.size());
  double sx = 0, sy = 0, sxx = 0, sxy = 0, syy = 0;
  for (const auto& [x, y] : lows) {
    sx += x;
    sy += y;
    sxx += x * x;
    sxy += x * y;
    syy += y * y;
  }
  const double vx = sxx - sx * sx / n, vy = syy - sy * sy / n, cxy = sxy - sx * sy / n;
  if (vx <= 0 || vy <= 0) return false;
  const double slope = cxy / vx, r2 = cxy * cxy / (vx * vy);
  const bool descends = opens_left ? slope < -0.15 : slope > 0.15;
  return descends && r2 >= 0.8;
}

namespace {

bool column_inked(const InkGrid& g, int x, int top, int bottom) {
  for (int y = std::max(0, top); y < std::min(bottom, g.height); ++y) {
    if (at(g, x, y)) return true;
  }
  return false;
}

// The rows of ink in columns [x0, x1) within [top, bottom).
std::optional<GlyphBox> tightened(const InkGrid& g, int x0, int x1, int top, int bottom) {
  int y0 = -1, y1 = -1;
  for (int y = std::max(0, top); y < std::min(bottom, g.height); ++y) {
    for (int x = x0; x < x1; ++x) {
      if (at(g, x, y)) {
        if (y0 < 0) y0 = y;
        y1 = y + 1;
        break;
      }
    }
  }
  if (y0 < 0) return std::nullopt;
  return GlyphBox{x0, y0, x1, y1};
}

}  // namespace

std::optional<GlyphBox> glyph_left_of(const InkGrid& g, int x, int top, int bottom, int max_gap, int max_width) {
  int c = std::min(x, g.width - 1);
  // The rest of the digit the model's box started inside.
  for (int k = 0; c >= 0 && column_inked(g, c, top, bottom); ++k, --c) {
    if (k >= max_gap) return std::nullopt;
  }
  int gap = 0;
  for (; c >= 0 && !column_inked(g, c, top, bottom); --c) {
    if (++gap > max_gap) return std::nullopt;
  }
  if (c < 0) return std::nullopt;
  const int right = c + 1;
  for (; c >= 0 && column_inked(g, c, top, bottom); --c) {
    if (right - c > max_width) return std::nullopt;
  }
  return tightened(g, c + 1, right, top, bottom);
}

std::optional<GlyphBox> glyph_at(const InkGrid& g, int x, int top, int bottom, int max_width) {
  if (x < 0 || x >= g.width || !column_inked(g, x, top, bottom)) return std::nullopt;
  int left = x, right = x + 1;
  while (left > 0 && column_inked(g, left - 1, top, bottom)) {
    if (right - --left > max_width) return std::nullopt;
  }
  while (right < g.width && column_inked(g, right, top, bottom)) {
    if (++right - left > max_width) return std::nullopt;
  }
  return tightened(g, left, right, top, bottom);
}

std::string_view comparator_shape(const InkGrid& g, const GlyphBox& box) {
  const int w = box.width(), h = box.height();
  if (h < 8 || w * 2 < h || w > h * 3 / 2) return {};
  // Only the box's ink: the line below must not pass for the bar.
  InkGrid inside;
  inside.width = g.width;
  inside.height = g.height;
  inside.ink = [&g, box](int x, int y) { return x >= box.x0 && x < box.x1 && y >= box.y0 && y < box.y1 && g.ink(x, y); };
  if (slanted_bar_under_glyph(inside, box.x0, box.y0, box.x1, box.y1, true)) return "≥";
  if (slanted_bar_under_glyph(inside, box.x0, box.y0, box.x1, box.y1, false)) return "≤";
  return {};
}

std::string_view misread_comparator(std::string_view previous, std::string_view symbol) {
  // Counted on the scans of the five seeds (aligned with their text PDFs),
  // whose fonts draw the bar slanted, so bar_under_glyph cannot see it: 过 56
  // times, 这 45, 之 16, 六 13, 关 6, 立 5, 他 2 for ≥; 科 9, 委 8, 和 4, 入 3
  // for ≤. Rarer misreadings (壹, 二, 冬, 么 once each) are left as read.
  static constexpr std::pair<std::string_view, std::string_view> kMisreadings[] = {
      {"过", "≥"}, {"这", "≥"}, {"之", "≥"}, {"六", "≥"}, {"关", "≥"}, {"立", "≥"},
      {"他", "≥"}, {"科", "≤"}, {"委", "≤"}, {"和", "≤"}, {"入", "≤"}};
  if (!previous.empty() && previous != ":" && previous != "：") return {};
  for (const auto& [misread, comparator] : kMisreadings) {
    if (symbol == misread) return comparator;
  }
  return {};
}

bool may_stand_for_comparator(std::string_view symbol) {
  if (symbol == ">" || symbol == "<" || symbol == "二" || symbol == "盖") return true;
  return !misread_comparator("", symbol).empty();
}

std::string mended_brackets(std::string_view text) {
  static constexpr std::string_view kAngle = "〈", kAngleClose = "〉", kOpen = "（", kClose = "）";
  std::string out;
  out.reserve(text.size());
  std::size_t i = 0;
  while (i < text.size()) {
    if (text.substr(i, kAngle.size()) != kAngle) {
      out.push_back(text[i++]);
      continue;
    }
    // The first closing mark after it decides.
    std::size_t j = i + kAngle.size(), close = std::string_view::npos, close_len = 0;
    for (; j < text.size(); ++j) {
      if (text[j] == ')') {
        close = j;
        close_len = 1;
        break;
      }
      if (text.substr(j, kClose.size()) == kClose) {
        close = j;
        close_len = kClose.size();
        break;
      }
      if (text.substr(j, kAngle.size()) == kAngle || text.substr(j, kAngleClose.size()) == kAngleClose) break;
    }
    if (close == std::string_view::npos) {
      out.append(kAngle);
      i += kAngle.size();
      continue;
    }
    out.append(kOpen);
    out.append(text.substr(i + kAngle.size(), close - i - kAngle.size()));
    out.append(kClose);
    i = close + close_len;
  }
  return out;
}

std::string without_digit_after_percent(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    out.push_back(text[i]);
    if (text[i] != '%' || i + 1 >= text.size() || text[i + 1] < '0' || text[i + 1] > '9') continue;
    const std::string_view after = text.substr(i + 2);
    const bool ends = after.empty() || after.starts_with("。") || after.starts_with("；") || after[0] == ';' ||
                      after[0] == '\n' || after[0] == ' ';
    if (ends) ++i;  // the digit is skipped
  }
  return out;
}

bool drop_nine_before_percent(std::string& text) {
  auto digit = [&](std::size_t i) { return text[i] >= '0' && text[i] <= '9'; };
  bool dropped = false;
  for (std::size_t p = text.find('%'); p != std::string::npos; p = text.find('%', p + 1)) {
    if (p < 3 || text[p - 1] != '9') continue;
    std::size_t start = p - 1;
    while (start > 0 && digit(start - 1)) --start;
    // A decimal part (99.59%) is a figure read whole, not a stray 9.
    if (start > 0 && text[start - 1] == '.') continue;
    const std::size_t len = p - 1 - start;  // digits before the 9
    if (len < 2 || len > 3 || text[start] == '0') continue;
    const int rest = std::stoi(text.substr(start, len));
    if (rest < 50 || rest > 100) continue;
    text.erase(p - 1, 1);
    --p;
    dropped = true;
  }
  return dropped;
}

}  // namespace jixiao
