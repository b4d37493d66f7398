#include "render/xlsx_render.hpp"

#include <xlsxwriter.h>

#include <algorithm>
#include <cstdlib>
#include <map>
#include <tuple>

#include "render/text_render.hpp"

namespace jixiao {
namespace {

constexpr const char* kFont = "宋体";

// Formats are workbook objects: one per look, made on first use.
class Formats {
 public:
  explicit Formats(lxw_workbook* wb) : wb_(wb) {}

  lxw_format* cell(CellStyle style, bool emphasis, int scale) {
    auto key = std::make_tuple(static_cast<int>(style), emphasis, scale);
    auto it = cache_.find(key);
    if (it != cache_.end()) return it->second;
    lxw_format* f = base();
    format_set_border(f, LXW_BORDER_THIN);
    format_set_text_wrap(f);
    format_set_align(f, LXW_ALIGN_VERTICAL_CENTER);
    switch (style) {
      case CellStyle::Head:
        format_set_align(f, LXW_ALIGN_CENTER);
        format_set_bold(f);
        break;
      case CellStyle::Centered:
        format_set_align(f, LXW_ALIGN_CENTER);
        break;
      case CellStyle::Amount: {
        format_set_align(f, LXW_ALIGN_RIGHT);
        std::string pattern = "#,##0";
        if (scale > 0) pattern += "." + std::string(static_cast<std::size_t>(scale), '0');
        format_set_num_format(f, pattern.c_str());
        break;
      }
      default:
        format_set_align(f, LXW_ALIGN_LEFT);
        break;
    }
    if (emphasis && style == CellStyle::Name) format_set_bold(f);
    cache_.emplace(key, f);
    return f;
  }
  lxw_format* title() {
    if (!title_) {
      title_ = base();
      format_set_bold(title_);
      format_set_font_size(title_, 16);
      format_set_align(title_, LXW_ALIGN_CENTER);
      format_set_align(title_, LXW_ALIGN_VERTICAL_CENTER);
    }
    return title_;
  }
  lxw_format* caption(bool right) {
    lxw_format*& f = right ? right_ : left_;
    if (!f) {
      f = base();
      format_set_align(f, right ? LXW_ALIGN_RIGHT : LXW_ALIGN_LEFT);
      format_set_align(f, LXW_ALIGN_VERTICAL_CENTER);
    }
    return f;
  }

 private:
  lxw_format* base() {
    lxw_format* f = workbook_add_format(wb_);
    format_set_font_name(f, kFont);
    format_set_font_size(f, 10);
    return f;
  }
  lxw_workbook* wb_;
  std::map<std::tuple<int, bool, int>, lxw_format*> cache_;
  lxw_format *title_ = nullptr, *left_ = nullptr, *right_ = nullptr;
};

// Excel does not grow a row for wrapped text it did not lay out itself, so
// the height is estimated from the text's width and the cell's columns.
double row_height(const PrintedRow& row, const std::vector<int>& widths) {
  int lines = 1;
  for (const PrintedCell& c : row.cells) {
    if (c.row_span > 1) continue;
    int room = 0;
    for (int k = c.column; k < c.column + c.column_span && k < static_cast<int>(widths.size()); ++k) {
      room += widths[static_cast<std::size_t>(k)] * 2;
    }
    room = std::max(2, room - 1);
    lines = std::max(lines, (display_width(c.text) + room - 1) / room);
  }
  return 4.0 + 13.5 * lines;
}

}  // namespace

std::string write_xlsx(const Document& doc, TableLayout layout, const std::string& path) {
  std::vector<PrintedTable> tables = print_tables(doc, layout);
  lxw_workbook* wb = workbook_new(path.c_str());
  if (!wb) return "cannot create " + path;
  lxw_worksheet* ws = workbook_add_worksheet(wb, layout == TableLayout::Summary ? "项目支出绩效目标表" : "绩效目标表");
  Formats formats(wb);

  const std::vector<int> widths =
      tables.empty() ? std::vector<int>{14, 6, 6, 6, 6, 22, 32} : tables.front().column_widths;
  const int last_col = static_cast<int>(widths.size()) - 1;
  for (std::size_t k = 0; k < widths.size(); ++k) {
    worksheet_set_column(ws, static_cast<lxw_col_t>(k), static_cast<lxw_col_t>(k), widths[k] * 2.1, nullptr);
  }
  worksheet_set_landscape(ws);
  worksheet_set_paper(ws, 9);  // A4
  worksheet_set_margins(ws, 0.4, 0.4, 0.5, 0.5);
  worksheet_fit_to_pages(ws, 1, 0);
  worksheet_center_horizontally(ws);

  std::vector<lxw_row_t> page_breaks;
  lxw_row_t r = 0;
  for (const PrintedTable& t : tables) {
    if (r > 0) {
      ++r;  // a blank row between stacked tables
      if (page_breaks.size() < LXW_BREAKS_MAX) page_breaks.push_back(r);
    }
    worksheet_set_row(ws, r, 30, nullptr);
    worksheet_merge_range(ws, r, 0, r, static_cast<lxw_col_t>(last_col), t.title.c_str(), formats.title());
    ++r;
    worksheet_merge_range(ws, r, 0, r, static_cast<lxw_col_t>(last_col - 1), t.left_caption.c_str(),
                          formats.caption(false));
    worksheet_write_string(ws, r, static_cast<lxw_col_t>(last_col), t.right_caption.c_str(), formats.caption(true));
    ++r;
    const lxw_row_t first = r;
    if (t.head_rows > 0 && layout == TableLayout::Summary) {
      worksheet_repeat_rows(ws, first, first + static_cast<lxw_row_t>(t.head_rows) - 1);
    }
    for (std::size_t i = 0; i < t.rows.size(); ++i) {
      const PrintedRow& row = t.rows[i];
      const lxw_row_t at = first + static_cast<lxw_row_t>(i);
      worksheet_set_row(ws, at, row_height(row, t.column_widths), nullptr);
      for (const PrintedCell& c : row.cells) {
        lxw_format* f = formats.cell(c.style, row.emphasis, c.amount ? c.amount->scale() : 2);
        const auto col = static_cast<lxw_col_t>(c.column);
        if (c.row_span > 1 || c.column_span > 1) {
          worksheet_merge_range(ws, at, col, at + static_cast<lxw_row_t>(c.row_span) - 1,
                                static_cast<lxw_col_t>(c.column + c.column_span - 1), "", f);
        }
        if (c.amount) {
          // A spreadsheet stores figures as doubles; the number format keeps
          // the printed decimals, and two-place 万元 figures below 10^13
          // come back exactly.
          worksheet_write_number(ws, at, col, std::strtod(c.amount->to_string().c_str(), nullptr), f);
        } else if (!c.text.empty()) {
          worksheet_write_string(ws, at, col, c.text.c_str(), f);
        } else if (c.row_span == 1 && c.column_span == 1) {
          worksheet_write_blank(ws, at, col, f);
        }
      }
    }
    r = first + static_cast<lxw_row_t>(t.rows.size());
  }
  if (!page_breaks.empty()) {
    page_breaks.push_back(0);  // the list ends with a zero
    worksheet_set_h_pagebreaks(ws, page_breaks.data());
  }
  lxw_error err = workbook_close(wb);
  if (err != LXW_NO_ERROR) return "cannot write " + path + ": " + lxw_strerror(err);
  return "";
}

}  // namespace jixiao
