// Table rows as the grid recognisers see them, whatever way the text carries
// them: tab-separated rows (OCR, spreadsheet exports), `|`-separated rows
// (HTML tables flattened by web pages and document-sharing sites), Word
// exports with one tab-opened cell a line and a blank line between rows, and
// plain lines (one cell each: web text with one cell per line, titles,
// running text).
#pragma once

#include <deque>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "read/source.hpp"

namespace jixiao {

struct GridRow {
  // In printed order; empty cells kept (their place is the column). Views
  // into the Source's text or, for the few cells the text does not hold as
  // they are (a Word cell joined from its paragraphs, a title without its
  // bookmarks), into GridRows::joined: no cell is copied. A span of
  // GridRows::cells (or of the cells of whoever puts a row together), so a
  // row costs no allocation of its own.
  std::span<const std::string_view> cells;
  int first_line = 0;
  int last_line = 0;
  // True when the text gave the row's cell boundaries (tabs, `|`, a Word row
  // closed by a blank line); false for a plain line, which may be one cell
  // of a row the text flattened one cell per line.
  bool delimited = false;
  bool bookmark = false;  // a Word heading line ("[bookmark: _Toc…]1.XX绩效目标表")
};

// Splits a line a PDF layout export spaced into columns ("产出指标    数量指标
// 培训人数    ≥100人") at runs of two or more spaces. One cell when there is none.
// The cells are views into `line`.
std::vector<std::string_view> split_spaced_cells(std::string_view line);

struct GridRows {
  std::vector<GridRow> rows;
  // Every row's cells, one row after another.
  std::vector<std::string_view> cells;
  // The text of cells the source does not hold as they are; a deque, so a
  // string stays where it is as others are added.
  std::deque<std::string> joined;
};

// Every non-blank row of the source in order. Continuation lines of a Word
// cell are joined to it as the gold readings join wrapped text. The rows'
// cells are valid while `source` (its text) and the result live.
GridRows grid_rows(const Source& source);

// Splits a `|`-separated line ("| 产出指标 | 数量指标 | … |"); the outer
// border bars do not open cells. Empty when the line is a Markdown rule
// ("|---|---|") or has no bar. The cells are views into `line`.
std::vector<std::string_view> split_bar_cells(std::string_view line);

}  // namespace jixiao
