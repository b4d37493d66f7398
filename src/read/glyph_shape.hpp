// Comparators the chi_sim model does not know. It has no ≥ or ≤ and reads
// them as > and <: only the ink tells them apart, by the bar under the
// chevron.
#pragma once

#include <functional>
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

// What the model reads for a ≥ or ≤ when it does not read > or <: a
// character that looks nothing like them (过, 这, 六, 科 …), where a target
// starts (the cell's first symbol, `previous` empty, or after a colon). The
// comparator it stands for, or "". The caller takes it only when a figure
// follows ("过95%" is a misread "≥95%"; "过程" is a word).
std::string_view misread_comparator(std::string_view previous, std::string_view symbol);

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
