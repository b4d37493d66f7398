#include "render/printed_table.hpp"

#include <utility>

#include "render/text_render.hpp"

namespace jixiao {
namespace {

PrintedCell head(int column, std::string text, int span = 1) {
  PrintedCell c;
  c.column = column;
  c.column_span = span;
  c.text = std::move(text);
  c.style = CellStyle::Head;
  return c;
}

PrintedCell text_cell(int column, std::string text, CellStyle style = CellStyle::Text, int span = 1) {
  PrintedCell c;
  c.column = column;
  c.column_span = span;
  c.text = std::move(text);
  c.style = style;
  return c;
}

PrintedCell amount_cell(int column, const std::optional<Decimal>& amount) {
  PrintedCell c;
  c.column = column;
  c.style = CellStyle::Amount;
  if (amount) {
    c.text = format_amount(*amount);
    c.amount = amount;
  }
  return c;
}

// Goals typed as numbered paragraphs keep them (Word and HTML show each on
// its own line); the joined text is the goal as read.
PrintedCell goal_cell(int column, const std::optional<std::string>& goal, int span = 1) {
  PrintedCell c = text_cell(column, goal.value_or(""), CellStyle::Text, span);
  if (goal) {
    std::vector<std::string_view> paras = goal_paragraphs(*goal);
    if (paras.size() > 1) c.paragraphs.assign(paras.begin(), paras.end());
  }
  return c;
}

// A summary row: name, the four funding columns, goal and indicators.
PrintedRow summary_row(std::string name, const Amounts& a, bool emphasis) {
  PrintedRow row;
  row.emphasis = emphasis;
  row.cells.push_back(text_cell(0, std::move(name), CellStyle::Name));
  row.cells.push_back(amount_cell(1, a.total));
  row.cells.push_back(amount_cell(2, a.fiscal));
  row.cells.push_back(amount_cell(3, a.special));
  row.cells.push_back(amount_cell(4, a.other));
  return row;
}

PrintedTable summary_table(const Document& doc) {
  PrintedTable t;
  t.title = doc.title.value_or("项目支出绩效目标表");
  t.left_caption = "部门名称：" + doc.department.value_or("");
  t.right_caption = "单位：" + doc.amount_unit;
  t.column_widths = {14, 6, 6, 6, 6, 22, 32};
  t.head_rows = 1;
  PrintedRow h;
  int c = 0;
  for (const char* label :
       {"项目名称（资金使用单位）", "总计", "财政拨款", "财政专户拨款", "其他资金", "绩效目标", "绩效指标"}) {
    h.cells.push_back(head(c++, label));
  }
  t.rows.push_back(std::move(h));
  auto finish = [](PrintedRow& row) {
    row.cells.push_back(text_cell(5, ""));
    row.cells.push_back(text_cell(6, ""));
  };
  if (doc.total) {
    PrintedRow r = summary_row("合计", *doc.total, true);
    finish(r);
    t.rows.push_back(std::move(r));
  }
  for (const Unit& u : doc.units) {
    PrintedRow ur = summary_row(u.name, u.amounts, true);
    finish(ur);
    t.rows.push_back(std::move(ur));
    for (const Project& p : u.projects) {
      // The four spaces are part of the cell text, as in the offices' sheets.
      PrintedRow r = summary_row("    " + p.name.value_or(""), p.amounts, false);
      r.cells.push_back(goal_cell(5, p.goal));
      r.cells.push_back(text_cell(6, summary_indicator_text(p.indicators)));
      t.rows.push_back(std::move(r));
    }
  }
  return t;
}

// Seven columns: a label column, then three label/value pairs for the
// amounts; wider values span several of them.
PrintedTable grid_table(const Document& doc, const Project& p, std::size_t number) {
  PrintedTable t;
  t.title = std::to_string(number) + "." + p.name.value_or("") + "绩效目标表";
  t.left_caption = doc.department_code.value_or("") + doc.department.value_or("");
  t.right_caption = "单位：" + doc.amount_unit;
  t.column_widths = {9, 9, 8, 9, 8, 9, 14};
  t.head_rows = 0;

  PrintedRow name_row;
  name_row.cells.push_back(head(0, "项目名称"));
  name_row.cells.push_back(text_cell(1, p.name.value_or(""), CellStyle::Text, 6));
  t.rows.push_back(std::move(name_row));

  PrintedRow amounts;
  PrintedCell purpose_label = head(0, "预算规模及资金用途");
  purpose_label.row_span = 2;
  amounts.cells.push_back(std::move(purpose_label));
  amounts.cells.push_back(head(1, "预算数"));
  amounts.cells.push_back(amount_cell(2, p.amounts.total));
  amounts.cells.push_back(head(3, "其中：财政资金"));
  amounts.cells.push_back(amount_cell(4, p.amounts.fiscal));
  amounts.cells.push_back(head(5, "其他资金"));
  amounts.cells.push_back(amount_cell(6, p.amounts.other));
  t.rows.push_back(std::move(amounts));

  PrintedRow purpose;
  purpose.cells.push_back(text_cell(1, p.purpose.value_or(""), CellStyle::Text, 6));
  t.rows.push_back(std::move(purpose));

  PrintedRow goal;
  goal.cells.push_back(head(0, "绩效目标"));
  goal.cells.push_back(goal_cell(1, p.goal, 6));
  t.rows.push_back(std::move(goal));

  PrintedRow heads;
  heads.cells.push_back(head(0, "一级指标"));
  heads.cells.push_back(head(1, "二级指标"));
  heads.cells.push_back(head(2, "三级指标", 2));
  heads.cells.push_back(head(4, "绩效指标描述", 2));
  heads.cells.push_back(head(6, "指标值"));
  t.rows.push_back(std::move(heads));

  // Each run of equal 一级 is one merged cell, as in the Word original.
  std::size_t run_row = 0;
  std::string run_label;
  for (std::size_t i = 0; i < p.indicators.size(); ++i) {
    const Indicator& ind = p.indicators[i];
    std::string l1 = indicator_level1_text(ind, false);
    PrintedRow r;
    if (i == 0 || l1 != run_label) {
      run_row = t.rows.size();
      run_label = l1;
      r.cells.push_back(text_cell(0, l1, CellStyle::Centered));
    } else {
      ++t.rows[run_row].cells[0].row_span;
    }
    r.cells.push_back(text_cell(1, indicator_level2_text(ind, false), CellStyle::Centered));
    r.cells.push_back(text_cell(2, ind.name, CellStyle::Text, 2));
    r.cells.push_back(text_cell(4, ind.description.value_or(""), CellStyle::Text, 2));
    r.cells.push_back(text_cell(6, ind.annual_target ? ind.annual_target->text : "", CellStyle::Centered));
    t.rows.push_back(std::move(r));
  }
  return t;
}

}  // namespace

std::optional<TableLayout> table_layout_named(std::string_view name) {
  if (name == "summary") return TableLayout::Summary;
  if (name == "project" || name == "project-grid") return TableLayout::ProjectGrid;
  return std::nullopt;
}

TableLayout layout_of(const Document& doc) {
  return doc.layout == "project-grid" ? TableLayout::ProjectGrid : TableLayout::Summary;
}

std::vector<PrintedTable> print_tables(const Document& doc, TableLayout layout) {
  std::vector<PrintedTable> tables;
  if (layout == TableLayout::Summary) {
    tables.push_back(summary_table(doc));
    return tables;
  }
  std::size_t number = 0;
  for (const Unit& u : doc.units) {
    for (const Project& p : u.projects) tables.push_back(grid_table(doc, p, ++number));
  }
  return tables;
}

std::vector<std::vector<CellRef>> cover_map(const PrintedTable& table) {
  const int columns = static_cast<int>(table.column_widths.size());
  std::vector<std::vector<CellRef>> map(table.rows.size(), std::vector<CellRef>(columns));
  for (std::size_t r = 0; r < table.rows.size(); ++r) {
    const auto& cells = table.rows[r].cells;
    for (std::size_t i = 0; i < cells.size(); ++i) {
      const PrintedCell& c = cells[i];
      for (std::size_t rr = r; rr < r + static_cast<std::size_t>(c.row_span) && rr < map.size(); ++rr) {
        for (int cc = c.column; cc < c.column + c.column_span && cc < columns; ++cc) {
          map[rr][cc] = {static_cast<int>(r), static_cast<int>(i)};
        }
      }
    }
  }
  return map;
}

}  // namespace jixiao
