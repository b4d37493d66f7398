#include "read/table_source.hpp"

#include <algorithm>

#include "text/utf8.hpp"

namespace jixiao {

void Box::include(const Box& b) {
  if (!b.known()) return;
  if (!known()) {
    *this = b;
    return;
  }
  x0 = std::min(x0, b.x0);
  y0 = std::min(y0, b.y0);
  x1 = std::max(x1, b.x1);
  y1 = std::max(y1, b.y1);
}

void append_cell_line(std::string& cell, std::string_view line) { utf8::append_wrapped(cell, line); }

namespace {

void append_clean(std::string& out, const std::string& text) {
  for (char c : text) {
    unsigned char u = static_cast<unsigned char>(c);
    out.push_back(u < 0x20 || u == 0x7F ? ' ' : c);
  }
}

}  // namespace

Source source_from_rows(const std::vector<TableRow>& rows, std::string path, std::string format) {
  std::string text;
  std::vector<int> line_of_row(rows.size(), 0);
  std::vector<int> first_cell_of_row(rows.size(), 0);  // 1 when a leading empty cell was written
  int line = 0;
  for (std::size_t r = 0; r < rows.size(); ++r) {
    const TableRow& row = rows[r];
    ++line;
    line_of_row[r] = line;
    if (row.paragraph) {
      for (const TableCell& c : row.cells) append_clean(text, c.text);
      text.push_back('\n');
      continue;
    }
    if (row.cells.size() == 1) {
      text.push_back('\t');
      first_cell_of_row[r] = 1;
    }
    for (std::size_t k = 0; k < row.cells.size(); ++k) {
      if (k) text.push_back('\t');
      append_clean(text, row.cells[k].text);
    }
    if (row.cells.empty()) text.push_back('\t');  // an empty row still is a row
    text += "\n\n";
    ++line;
  }
  // Readers hand over UTF-8; a damaged string from a file must not make the
  // whole table look like GB18030.
  if (!utf8::valid(text)) text = utf8::sanitize(text);
  Source src = read_text(text, std::move(path));
  src.format = std::move(format);
  src.encoding = "utf-8";
  for (std::size_t r = 0; r < rows.size(); ++r) {
    const int index = line_of_row[r] - 1;
    if (index < 0 || index >= static_cast<int>(src.lines.size())) continue;
    Line& l = src.lines[index];
    const TableRow& row = rows[r];
    l.page = row.page;
    l.last_page = row.last_page;
    Box all;
    for (const TableCell& c : row.cells) all.include(c.box);
    if (all.known()) {
      l.x0 = all.x0;
      l.y0 = all.y0;
      l.x1 = all.x1;
      l.y1 = all.y1;
    }
    if (row.paragraph) continue;
    for (std::size_t k = 0; k < row.cells.size(); ++k) {
      std::size_t at = k + first_cell_of_row[r];
      if (at >= l.cells.size()) break;
      Cell& c = l.cells[at];
      const TableCell& from = row.cells[k];
      c.page = from.page ? from.page : row.page;
      c.confidence = from.confidence;
      if (from.box.known()) {
        c.x0 = from.box.x0;
        c.y0 = from.box.y0;
        c.x1 = from.box.x1;
        c.y1 = from.box.y1;
      }
    }
  }
  return src;
}

Diagnostic too_many_cells(std::size_t max_cells, const std::string& rest) {
  return {Severity::Error, "read.limit", 0, 0,
          "more than " + std::to_string(max_cells) + " table cells: " + rest + " was not read"};
}

}  // namespace jixiao
