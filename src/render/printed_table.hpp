// A published 项目支出绩效目标表 as rows of (possibly merged) cells: the one
// layout every output format (HTML, PDF, XLSX, DOCX) draws, so the formats
// cannot disagree about what the table holds.
//
//  - Summary (seeds 000/001/002/004): one table; title, 部门名称 and 单位：万元
//    captions, the column head 项目名称（资金使用单位）/总计/财政拨款/财政专户拨款/
//    其他资金/绩效目标/绩效指标, the 合计 row, each unit flush left with its
//    projects beneath, indented by four spaces in the cell text itself (as the
//    finance offices' sheets do, and as the PDF text exports keep), and the
//    indicators as one running text ("1、1-产出指标；11-数量指标；…").
//  - ProjectGrid (seed 003): one table per project: 项目名称, 预算规模及资金用途
//    (merged over the amounts row and the purpose row), 绩效目标, then the
//    一级/二级/三级指标/绩效指标描述/指标值 rows with each run of equal 一级
//    merged downwards.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "model/document.hpp"

namespace jixiao {

enum class TableLayout { Summary, ProjectGrid };

// "summary"; "project" or "project-grid". nullopt for anything else.
std::optional<TableLayout> table_layout_named(std::string_view name);
// The layout a document was read from (doc.layout): grid for "project-grid".
TableLayout layout_of(const Document& doc);

enum class CellStyle {
  Head,      // a column head or a grid label (项目名称, 预算数 …): centred, bold
  Name,      // a row's name: 合计, a unit, or an indented project
  Amount,    // a figure: right-aligned; `amount` holds it exactly
  Text,      // running text: goals, indicators, grid values
  Centered,  // short grid values (一级/二级指标, 指标值)
};

struct PrintedCell {
  int column = 0;  // first column the cell covers (0-based)
  int column_span = 1;
  int row_span = 1;  // the rows below it hold no cell in these columns
  std::string text;  // as printed; a figure with thousands separators
  std::optional<Decimal> amount;  // set for figures, for formats that keep numbers
  CellStyle style = CellStyle::Text;
  // Paragraphs a long cell is typed in (numbered goal items), joined they
  // give `text`; empty means one paragraph.
  std::vector<std::string> paragraphs;
};

struct PrintedRow {
  std::vector<PrintedCell> cells;  // ordered by column; merged-over positions are absent
  bool emphasis = false;           // 合计 and unit rows
};

struct PrintedTable {
  std::string title;           // centred above the table
  std::string left_caption;    // "部门名称：…" (summary) or "209101天津市河西区人民法院" (grid)
  std::string right_caption;   // "单位：万元"
  std::vector<int> column_widths;  // relative widths, in CJK characters
  int head_rows = 0;               // the first rows, repeated on every printed page
  std::vector<PrintedRow> rows;
};

// The tables `doc` prints in `layout`: one for Summary, one per project for
// ProjectGrid. Fields the layout has no place for (a summary's 实施周期指标值
// in the grid, a grid's 绩效指标描述 in the summary) are not printed.
std::vector<PrintedTable> print_tables(const Document& doc, TableLayout layout);

// For writers that need every position: grid[row][column] is the index of
// the cell covering it in rows[r'].cells, as {r', index}, or {-1, -1}.
struct CellRef {
  int row = -1;
  int index = -1;
};
std::vector<std::vector<CellRef>> cover_map(const PrintedTable& table);

}  // namespace jixiao
