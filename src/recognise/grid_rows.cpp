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
  // Every row's cells one after another in out.cells: a row's are the last
  // ones while it is built (rows are built one at a time), and each row is
  // given its span of them at the end, once they no longer move.
  std::vector<std::string_view>& cells = out.cells;
  std::vector<std::size_t> first_cell;  // per row, where its cells start
  auto open_row = [&](int line, bool delimited) -> GridRow& {
    first_cell.push_back(cells.size());
    GridRow& r = rows.emplace_back();
    r.first_line = r.last_line = line;
    r.delimited = delimited;
    return r;
  };
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
      open_row(line.number, false).bookmark = true;
      cells.push_back(out.joined.emplace_back(strip_bookmarks(line.text)));
      continue;
    }
    if (!line.cells.empty()) {
      // A Word export opens each cell line with a tab ("\t指标值"): a row
      // gathers such lines until a blank line.
      if (line.cells.size() == 2 && line.cells[0].text.empty()) {
        if (!word_row_open) {
          open_row(line.number, true);
          word_row_open = true;
        }
        cells.push_back(line.cells[1].text);
        joined_cell = nullptr;
        rows.back().last_line = line.number;
        continue;
      }
      close_word_row();
      open_row(line.number, true);
      for (const Cell& c : line.cells) cells.push_back(c.text);
      continue;
    }
    if (word_row_open && cells.size() > first_cell.back()) {
      // A paragraph inside a Word cell: layout, not text.
      std::string_view& cell = cells.back();
      if (!joined_cell) joined_cell = &out.joined.emplace_back(cell);
      utf8::append_wrapped(*joined_cell, line.text);
      cell = *joined_cell;
      rows.back().last_line = line.number;
      continue;
    }
    if (bars && line.text.find('|') != std::string_view::npos) {
      std::vector<std::string_view> bar_cells = split_bar_cells(line.text);
      if (bar_cells.empty()) continue;  // a Markdown rule under the header
      open_row(line.number, bar_cells.size() > 1);
      cells.insert(cells.end(), bar_cells.begin(), bar_cells.end());
      continue;
    }
    if (line.text.find("  ") != std::string_view::npos) {
      // Columns a layout export set apart with runs of spaces.
      std::vector<std::string_view> spaced = split_spaced_cells(line.text);
      open_row(line.number, spaced.size() > 1);
      cells.insert(cells.end(), spaced.begin(), spaced.end());
    } else {
      open_row(line.number, false);
      cells.push_back(line.text);
    }
  }
  for (std::size_t k = 0; k < rows.size(); ++k) {
    const std::size_t end = k + 1 < rows.size() ? first_cell[k + 1] : cells.size();
    rows[k].cells = std::span<const std::string_view>(cells).subspan(first_cell[k], end - first_cell[k]);
  }
  return out;
}

}  // namespace jixiao
