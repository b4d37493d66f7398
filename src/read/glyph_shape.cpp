#include "read/glyph_shape.hpp"

#include <algorithm>
#include <utility>

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

}  // namespace jixiao
