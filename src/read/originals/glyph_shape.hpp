// Comparators the chi_sim model does not know. It has no ≥ or ≤ and reads
// them as > and <: only the ink tells them apart, by the bar under the
// chevron.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>

namespace jixiao {

// A binarised page (or any bitmap): whether (x, y) is ink; outside is blank.
struct InkGrid {
  int width = 0, height = 0;
  std::function<bool(int x, int y)> ink;
};

// A glyph box with a thin bar under its lower half and clear rows beneath.
// `bar_top`, when given, receives the bar's first row.
bool bar_under_glyph(const InkGrid& g, int x0, int y0, int x1, int y1, int* bar_top = nullptr);

// The same for fonts that draw the bar slanted, parallel to the chevron's
// lower stroke (⩾, ⩽): across most of the chevron's columns a third thin
// run of ink lies under its two strokes, and those runs descend steadily
// towards the chevron's open side (leftwards for >, rightwards for <), as
// a stroke does and text on the line below does not.
bool slanted_bar_under_glyph(const InkGrid& g, int x0, int y0, int x1, int y1, bool opens_left);

// A glyph's box in the ink, columns [x0, x1) and rows [y0, y1).
struct GlyphBox {
  int x0 = 0, y0 = 0, x1 = 0, y1 = 0;
  int width() const { return x1 - x0; }
  int height() const { return y1 - y0; }
};

// The model's symbol boxes are off by a few pixels (a ≥'s box may start
// inside it, or hold the colon before it), so the glyph before a figure is
// found in the ink: within rows [top, bottom) (the figure's line), from
// column `x` (the figure's first digit as the model boxed it) leftwards
// past the rest of that digit, a gap of one to `max_gap` clear columns, and
// the run of inked columns before it; its box is tightened to the ink.
// Nothing when there is no gap, or the run is wider than `max_width`.
std::optional<GlyphBox> glyph_left_of(const InkGrid& g, int x, int top, int bottom, int max_gap, int max_width);

// The run of inked columns, within rows [top, bottom), that holds column
// `x`, its box tightened to the ink; nothing when column `x` is clear.
std::optional<GlyphBox> glyph_at(const InkGrid& g, int x, int top, int bottom, int max_width);

// Whether a glyph box, tightened to its ink, holds a ≥ or ≤ drawn with a
// slanted bar (⩾, ⩽): about as wide as high, and slanted_bar_under_glyph
// sees the bar when nothing outside the box is looked at. "≥", "≤" or "".
std::string_view comparator_shape(const InkGrid& g, const GlyphBox& box);

// What the model reads for a ≥ or ≤ when it does not read > or <: a
// character that looks nothing like them (过, 这, 六, 科 …), where a target
// starts (the cell's first symbol, `previous` empty, or after a colon). The
// comparator it stands for, or "". The caller takes it only when a figure
// follows ("过95%" is a misread "≥95%"; "过程" is a word).
std::string_view misread_comparator(std::string_view previous, std::string_view symbol);

// Whether the model has been seen to read a ≥ or ≤ as this symbol: >, <,
// the characters misread_comparator knows, 二 and 盖. Only the glyph's
// shape (comparator_shape) may make it a comparator.
bool may_stand_for_comparator(std::string_view symbol);

// The model reads an opening （ as 〈 (the closing one it reads as ")"): a
// 〈 whose bracket closes with ) or ） before any 〈 or 〉 becomes （…）.
// A real 〈…〉 stays.
std::string mended_brackets(std::string_view text);

// The model reads a full stop after a per cent sign as a digit ("100%6。",
// "100%6" at a cell's end): a per cent sign ends a figure, so one digit
// after it, where a stop, a separator or the text ends, is dropped.
std::string without_digit_after_percent(std::string_view text);

// The model reads a per cent sign after a figure as "9%" ("≥959%" for
// "≥95%", "1009%" for "100%"). A whole number ending in 9 before a per cent
// sign whose other digits make 50 to 100 is taken for that misreading and
// loses the 9: targets of 509% to 1009% are implausible, the misreading is
// common. Below 50 it stays (109% may be a real growth rate). Returns
// whether anything was dropped, so the caller can flag the cell.
bool drop_nine_before_percent(std::string& text);

}  // namespace jixiao
