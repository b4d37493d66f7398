#include "recognise/split_tables.hpp"

#include <string>
#include <string_view>
#include <vector>

#include "recognise/header_meta.hpp"
#include "recognise/line_search.hpp"
#include "recognise/project_grid.hpp"
#include "recognise/vocabulary.hpp"
#include "text/key.hpp"
#include "text/utf8.hpp"

namespace jixiao {
namespace {

// The first non-empty cell of a line with a cell after it: where
// department_under_title looks for a department label. npos when none.
std::size_t label_cell_with_value(const Line& line) {
  std::size_t first = 0;
  while (first < line.cells.size() && line.cells[first].text.empty()) ++first;
  return first + 1 < line.cells.size() ? first : std::string::npos;
}

}  // namespace

bool line_may_name_department(const Line& line) {
  return label_cell_with_value(line) != std::string::npos || may_open_with_budget_code(line.text);
}

std::string department_under_title(const Line& line) {
  if (const std::size_t first = label_cell_with_value(line);
      first != std::string::npos && header_field(line.cells[first].text) == "meta.department")
    return vocabulary_key(line.cells[first + 1].text);
  // Most lines under a title-like line are not a department's (the text
  // under a 绩效目标 label, a goal): read_department, a search for 单位：
  // through the whole line, only where a code can open it.
  if (!may_open_with_budget_code(line.text)) return {};
  Document named;
  // A scan's head line with its 单位：万元 garbled ("单位 :万7", "站人 万7")
  // names the same department as a clean one: the label is left out of the key.
  const std::optional<std::string> head = coded_department_head(line.text);
  read_department(head ? std::string_view(*head) : std::string_view(line.text), named);
  if (!named.department_code || !named.department) return {};
  return *named.department_code + "|" + vocabulary_key(*named.department);
}

namespace {

// department_under_title of the last line that named a department,
// remembered: a grid book prints the same department line under each of its
// tables' titles, and reading it (a code, a name, 单位：万元) cost more than
// the rest of the split. Lines that name nobody are not remembered: in a
// grid they come between (the text under each 绩效目标 label, which reads as
// a title) and most are turned away after a look at their first bytes. The
// answer depends on the line's text and cells alone.
class LastDepartmentUnderTitle {
 public:
  std::string of(const Line& line) {
    if (known_ && same_line(line)) return named_;
    std::string named = department_under_title(line);
    if (!named.empty()) {
      named_ = named;
      text_.assign(line.text);
      cells_.clear();
      for (const Cell& c : line.cells) cells_.emplace_back(c.text);
      known_ = true;
    }
    return named;
  }

 private:
  bool same_line(const Line& line) const {
    if (line.text != text_ || line.cells.size() != cells_.size()) return false;
    for (std::size_t k = 0; k < cells_.size(); ++k) {
      if (line.cells[k].text != cells_[k]) return false;
    }
    return true;
  }

  bool known_ = false;
  std::string text_;
  std::vector<std::string> cells_;
  std::string named_;
};

}  // namespace

std::vector<Source> split_tables(Source source, std::vector<TableCut>* cuts) {
  // Where each part starts (indices into source.lines), and why.
  std::vector<std::size_t> starts{0};
  std::vector<TableCut> why{TableCut::First};
  bool has_heads = false;
  std::string department_line;   // the 部门名称 line of the current table
  std::string department_named;  // who its grid titles' lines name
  const std::size_t n = source.lines.size();

  // 部门名称 and 目 as the reading found them in every line; the heads,
  // asked only until a table shows them, searched once through the text the
  // lines are views into.
  const SourceWords words(source);
  // is_table_title of line i, as parse_stream answered it while reading
  // (line_word::kTitle) or asked now.
  auto is_title = [&](std::size_t i) {
    const std::uint8_t w = words.of(i);
    if (w & line_word::kTitleTested) return (w & line_word::kTableTitle) != 0;
    return is_table_title(source.lines[i].text);
  };
  // The previous non-blank line, when it is a title within a few lines.
  auto title_above = [&](std::size_t at) -> std::size_t {
    for (std::size_t back = 1; back <= 4 && back <= at; ++back) {
      const Line& above = source.lines[at - back];
      if (above.blank()) continue;
      return is_title(at - back) ? at - back : at;
    }
    return at;
  };
  auto cut = [&](std::size_t at, TableCut kind) {
    if (at > starts.back()) {
      starts.push_back(at);
      why.push_back(kind);
    }
    has_heads = false;
  };

  const std::string_view text =
      source.text_buffer ? std::string_view(*source.text_buffer) : std::string_view();
  WordInLines heads[] = {{text, "一级指标"}, {text, "绩效指标"}, {text, "三级指标"}};
  LastDepartmentUnderTitle under_title;
  for (std::size_t i = 0; i < n; ++i) {
    const Line& line = source.lines[i];
    if (line.blank()) continue;
    if (words.of(i) & line_word::kDepartmentName) {
      std::string key = vocabulary_key(line.text);
      if (has_heads && key != department_line) {
        cut(title_above(i), TableCut::Department);
        department_named.clear();
      }
      department_line = std::move(key);
      continue;
    }
    // Heads of the indicators, not 项目名称: many provinces print 部门名称
    // below 项目名称, inside the same table (the rule parse_stream follows).
    auto holds_heads = [&] {
      return heads[0].in(line.text) || heads[1].in(line.text) || heads[2].in(line.text);
    };
    // A table title (a line holding 目, the rest told by its key) names
    // the department of the next non-blank line within two, and is no head
    // line. The key costs (a title runs to a hundred bytes, and a goal under
    // its 绩效目标 label reads as a title too): it is built only where the
    // answer matters, where the next line can name a department or the line
    // holds a head.
    if (words.of(i) & line_word::kMu) {
      std::size_t next = i + 1;
      while (next < n && next <= i + 2 && source.lines[next].blank()) ++next;
      const bool names_next =
          next < n && !source.lines[next].blank() && line_may_name_department(source.lines[next]);
      if (!names_next) {
        if (!has_heads && holds_heads() && !is_title(i)) has_heads = true;
        continue;
      }
      if (is_title(i)) {
        std::string named = under_title.of(source.lines[next]);
        if (!named.empty()) {
          if (has_heads && named != department_named) {
            // The state after this cut (no heads, no 部门名称 line, this
            // title's department) is the one a fresh start at line i
            // reaches: parse_stream relies on it (see the header).
            cut(i, TableCut::GridTitle);
            department_line.clear();
          }
          department_named = std::move(named);
        }
        continue;
      }
    }
    if (!has_heads) has_heads = holds_heads();
  }

  if (cuts) *cuts = why;
  std::vector<Source> parts;
  if (starts.size() == 1) {
    parts.push_back(std::move(source));
    return parts;
  }
  parts.resize(starts.size());
  // The first part takes the lines' vector itself, cut short, once the
  // others have copied theirs out of it: at a grid book's department change
  // parse_stream hands over the table before the new title, which is nearly
  // all of the lines, and copying them was a tenth of splitting.
  for (std::size_t k = starts.size(); k-- > 0;) {
    const std::size_t from = starts[k];
    const std::size_t to = k + 1 < starts.size() ? starts[k + 1] : n;
    Source& part = parts[k];
    part.text_buffer = source.text_buffer;  // the lines' text and cells stay where they are
    part.cell_store = source.cell_store;
    part.path = source.path;
    part.encoding = source.encoding;
    part.format = source.format;
    part.readable = source.readable;
    part.words_known = source.words_known;
    if (k == 0) {
      part.lines = std::move(source.lines);
      part.lines.erase(part.lines.begin() + static_cast<std::ptrdiff_t>(to), part.lines.end());
    } else {
      part.lines.assign(source.lines.begin() + static_cast<std::ptrdiff_t>(from),
                        source.lines.begin() + static_cast<std::ptrdiff_t>(to));
    }
  }
  // A diagnostic goes with the last part starting at or before its line.
  for (Diagnostic& d : source.diagnostics) {
    std::size_t k = parts.size() - 1;
    while (k > 0 && (d.line <= 0 || d.line < parts[k].lines.front().number)) --k;
    parts[k].diagnostics.push_back(std::move(d));
  }
  return parts;
}

}  // namespace jixiao
