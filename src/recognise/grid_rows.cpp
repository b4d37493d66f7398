#include "recognise/grid_rows.hpp"

#include "text/utf8.hpp"

namespace jixiao {
namespace {

// "[bookmark: _Toc…][bookmark: _Toc…]1.法院…绩效目标表" → "1.法院…绩效目标表".
std::string strip_bookmarks(std::string_view text) {
  std::string out;
  std::size_t pos = 0;
  while (pos < text.size()) {
    std::size_t open = text.find("[bookmark:", pos);
    if (open == std::string_view::npos) {
      out.append(text.substr(pos));
      break;
    }
    out.append(text.substr(pos, open - pos));
    std::size_t close = text.find(']', open);
    if (close == std::string_view::npos) break;
    pos = close + 1;
  }
  return std::string(utf8::trim(out));
}

// Two bars or more; most lines hold none, told by one memchr rather than a
// look at every byte (titles and paragraphs run to a hundred bytes).
bool has_two_bars(std::string_view s) {
  const std::size_t first = s.find('|');
  return first != std::string_view::npos && s.find('|', first + 1) != std::string_view::npos;
}

}  // namespace

std::vector<std::string_view> split_bar_cells(std::string_view line) {
  std::vector<std::string_view> cells;
  std::string_view t = utf8::trim(line);
  if (t.find('|') == std::string_view::npos) return cells;
  if (!t.empty() && t.front() == '|') t.remove_prefix(1);
  if (!t.empty() && t.back() == '|') t.remove_suffix(1);
  bool rule = true;
  std::size_t start = 0;
  while (true) {
    std::size_t bar = t.find('|', start);
    std::string_view cell = utf8::trim(t.substr(start, bar == std::string_view::npos ? t.npos : bar - start));
    for (char c : cell) rule = rule && (c == '-' || c == ':' || c == '=');
    cells.emplace_back(cell);
    if (bar == std::string_view::npos) break;
    start = bar + 1;
  }
  if (rule) cells.clear();
  return cells;
}

std::vector<std::string_view> split_spaced_cells(std::string_view line) {
  std::vector<std::string_view> cells;
  std::string_view t = utf8::trim(line);
  std::size_t start = 0;
  while (start < t.size()) {
    std::size_t gap = t.find("  ", start);
    std::string_view cell = utf8::trim(t.substr(start, gap == std::string_view::npos ? t.npos : gap - start));
    if (!cell.empty()) cells.emplace_back(cell);
    if (gap == std::string_view::npos) break;
    start = gap + 2;
  }
  if (cells.empty()) cells.emplace_back(t);
  return cells;
}

GridRows grid_rows(const Source& src) {
  // Bars separate cells only in a text that uses them as a grid: a stray bar
  // in one name does not make a table.
  std::size_t bar_lines = 0;
  for (const Line& l : src.lines) bar_lines += l.cells.empty() && has_two_bars(l.text);
  const bool bars = bar_lines >= 2;

  GridRows out;
  std::vector<GridRow>& rows = out.rows;
  bool word_row_open = false;  // a Word row still taking cells until a blank line
  // The open Word row's last cell once a paragraph was joined to it (then
  // held in out.joined), so further paragraphs are appended in place.
  std::string* joined_cell = nullptr;
  auto close_word_row = [&] {
    word_row_open = false;
    joined_cell = nullptr;
  };
  for (const Line& line : src.lines) {
    if (line.blank() && line.cells.empty()) {
      close_word_row();
      continue;
    }
    if (line.text.find("[bookmark:") != std::string_view::npos) {
      close_word_row();
      GridRow r;
      r.cells.push_back(out.joined.emplace_back(strip_bookmarks(line.text)));
      r.first_line = r.last_line = line.number;
      r.bookmark = true;
      rows.push_back(std::move(r));
      continue;
    }
    if (!line.cells.empty()) {
      // A Word export opens each cell line with a tab ("\t指标值"): a row
      // gathers such lines until a blank line.
      if (line.cells.size() == 2 && line.cells[0].text.empty()) {
        if (!word_row_open) {
          GridRow r;
          // Room for a whole indicator row (levels, name, target, ...): its
          // cells come one line at a time, and growing 1, 2, 4, 8 was
          // three allocations and copies per row.
          r.cells.reserve(8);
          r.first_line = line.number;
          r.delimited = true;
          rows.push_back(std::move(r));
          word_row_open = true;
        }
        rows.back().cells.push_back(line.cells[1].text);
        joined_cell = nullptr;
        rows.back().last_line = line.number;
        continue;
      }
      close_word_row();
      GridRow r;
      for (const Cell& c : line.cells) r.cells.push_back(c.text);
      r.first_line = r.last_line = line.number;
      r.delimited = true;
      rows.push_back(std::move(r));
      continue;
    }
    if (word_row_open && !rows.back().cells.empty()) {
      // A paragraph inside a Word cell: layout, not text.
      std::string_view& cell = rows.back().cells.back();
      if (!joined_cell) joined_cell = &out.joined.emplace_back(cell);
      utf8::append_wrapped(*joined_cell, line.text);
      cell = *joined_cell;
      rows.back().last_line = line.number;
      continue;
    }
    if (bars && line.text.find('|') != std::string_view::npos) {
      std::vector<std::string_view> cells = split_bar_cells(line.text);
      if (cells.empty()) continue;  // a Markdown rule under the header
      GridRow r;
      r.cells = std::move(cells);
      r.first_line = r.last_line = line.number;
      r.delimited = r.cells.size() > 1;
      rows.push_back(std::move(r));
      continue;
    }
    GridRow r;
    if (line.text.find("  ") != std::string_view::npos) {
      // Columns a layout export set apart with runs of spaces.
      r.cells = split_spaced_cells(line.text);
      r.delimited = r.cells.size() > 1;
    } else {
      r.cells.push_back(line.text);
    }
    r.first_line = r.last_line = line.number;
    rows.push_back(std::move(r));
  }
  return out;
}

}  // namespace jixiao
