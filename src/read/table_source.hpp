// Builds a Source from what a structured reader found: table rows of real
// cells (with their boxes where the format has geometry) and paragraphs of
// text outside tables, in reading order. Every reader of a structured format
// (PDF, scans, DOCX, XLSX, XLS, HTML) ends here, so all of them give the
// recognisers the same convention (see read/source.hpp) and the same text
// normalisation as the text reader.
#pragma once

#include <string>
#include <vector>

#include "read/source.hpp"

namespace jixiao {

struct Box {
  double x0 = -1, y0 = -1, x1 = -1, y1 = -1;
  bool known() const { return x0 >= 0; }
  void include(const Box& b);  // grows to cover b (unknown boxes are ignored)
};

struct TableCell {
  std::string text;  // paragraphs inside the cell already joined
  int page = 0;
  Box box{};
  float confidence = -1;
};

struct TableRow {
  std::vector<TableCell> cells;  // a paragraph outside tables: one cell, `paragraph` set
  bool paragraph = false;
  int page = 0;
  int last_page = 0;  // a row continued on later pages (joined back by the reader)
};

// The rows as lines: one line per row, a blank line after each table row so
// the recognisers see where a row ends. Tabs, line breaks and control
// characters inside a cell become spaces (they would split the cell).
Source source_from_rows(const std::vector<TableRow>& rows, std::string path, std::string format);

// The Error a table reader gives when a file has more than `max_cells`
// cells (a zip bomb's worth of rows): what was read is kept, `rest` (e.g.
// "the rest of the page") was not.
Diagnostic too_many_cells(std::size_t max_cells, const std::string& rest);

// Joins the text lines of one cell the way a reader of the printed table
// does: a wrap inside CJK text or a number is no space (utf8::append_wrapped).
void append_cell_line(std::string& cell, std::string_view line);

}  // namespace jixiao
