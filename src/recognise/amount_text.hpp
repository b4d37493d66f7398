// Finding money figures in text rows: "375.00", "2,376.02", OCR's
// "13, 586. 01". Shared by the recognisers.
#pragma once

#include <string_view>
#include <vector>

#include "model/decimal.hpp"

namespace jixiao {

struct TrailingAmounts {
  std::size_t text_end = 0;      // where the text before the figures ends
  std::vector<Decimal> figures;  // in printed order
  // A figure-shaped token that is not a number ("37x.00", "1,2,3.4") just
  // before the figures: kept out of the name and reported by the caller.
  std::string_view damaged;
};

// Splits "业务用房物业管理费 375.00 375.00" into the name part and up to
// `max_figures` trailing figures. Figures must look like money (thousands
// groups, or a decimal part), so "2021年信息" or a lone "3" stays text unless
// the whole line is figures.
TrailingAmounts trailing_amounts(std::string_view line, int max_figures);

// A cell that is one figure, allowing OCR spaces ("13, 586. 01").
bool parse_amount_cell(std::string_view cell, Decimal* out);

// A cell that starts with a figure and continues with text ("44.36 干警调查…"),
// as OCR produces when it merges two cells.
bool split_leading_amount(std::string_view cell, Decimal* out, std::string_view* rest);

// A row whose amount cells were too narrow for their figures: a PDF export
// prints the figures' heads at the end of the row's line ("某项目 1,153,27
// 1,153,27") and their tails alone on the next ("6.45 6.45"). When `line`
// ends in as many unfinished figures as `next` holds tails (at most
// `max_figures`), and each head and tail make one figure, sets *joined to
// `line` with the figures whole and returns true. A head that is a whole
// figure with two decimals is finished, so two rows never join.
bool join_wrapped_figures(std::string_view line, std::string_view next, int max_figures, std::string* joined);

}  // namespace jixiao
