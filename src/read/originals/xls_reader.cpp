// Legacy .xls (BIFF) through freexl: every worksheet's used range, a row a
// line. freexl reports neither merged ranges nor number formats, so a merged
// cell shows its text once with empty cells beside it (which is what the
// recognisers expect of a covered cell) and figures are shown with up to 15
// significant digits ("1300.16", not "1300.1600000000001").
#include <freexl.h>

#include <cstdio>

#include "read/readers.hpp"
#include "read/table_source.hpp"

namespace jixiao {

Source read_xls(const std::string& path, const std::string& display_name, const ReadLimits& limits) {
  const void* handle = nullptr;
  int rc = freexl_open(path.c_str(), &handle);
  if (rc != FREEXL_OK) {
    if (handle) freexl_close(handle);
    return unreadable(display_name, "xls", "read.xls",
                      "not a readable Excel 97-2003 workbook (freexl error " + std::to_string(rc) +
                          "); if it is password-protected, save an unprotected copy");
  }
  unsigned int sheets = 0;
  freexl_get_info(handle, FREEXL_BIFF_SHEET_COUNT, &sheets);
  // FREEXL_BIFF_PASSWORD answers OBFUSCATED or PLAIN, never 0: only the
  // first is a protected workbook (every .xls used to be refused as one).
  unsigned int password = 0;
  if (freexl_get_info(handle, FREEXL_BIFF_PASSWORD, &password) == FREEXL_OK &&
      password == FREEXL_BIFF_OBFUSCATED) {
    freexl_close(handle);
    return unreadable(display_name, "xls", "read.encrypted",
                      "the workbook is password-protected: save an unprotected copy to read it");
  }
  std::vector<TableRow> rows;
  std::vector<Diagnostic> diags;
  std::size_t cells = 0;
  for (unsigned short s = 0; s < sheets; ++s) {
    if (freexl_select_active_worksheet(handle, s) != FREEXL_OK) continue;
    unsigned int n_rows = 0;
    unsigned short n_cols = 0;
    if (freexl_worksheet_dimensions(handle, &n_rows, &n_cols) != FREEXL_OK) continue;
    if (static_cast<std::size_t>(n_rows) * n_cols + cells > limits.max_cells) {
      diags.push_back({Severity::Error, "read.limit", 0, 0,
                       "worksheet " + std::to_string(s + 1) + " has " + std::to_string(n_rows) + "×" +
                           std::to_string(n_cols) + " cells, more than the limit: not read"});
      continue;
    }
    cells += static_cast<std::size_t>(n_rows) * n_cols;
    for (unsigned int r = 0; r < n_rows; ++r) {
      TableRow row;
      bool any = false;
      for (unsigned short c = 0; c < n_cols; ++c) {
        FreeXL_CellValue v;
        TableCell cell;
        if (freexl_get_cell_value(handle, r, c, &v) == FREEXL_OK) {
          char buf[64];
          switch (v.type) {
            case FREEXL_CELL_INT:
              cell.text = std::to_string(v.value.int_value);
              break;
            case FREEXL_CELL_DOUBLE:
              std::snprintf(buf, sizeof buf, "%.15g", v.value.double_value);
              cell.text = buf;
              break;
            case FREEXL_CELL_TEXT:
            case FREEXL_CELL_SST_TEXT:
            case FREEXL_CELL_DATE:
            case FREEXL_CELL_DATETIME:
            case FREEXL_CELL_TIME:
              if (v.value.text_value) cell.text = v.value.text_value;
              break;
            default:
              break;
          }
        }
        any = any || !cell.text.empty();
        row.cells.push_back(std::move(cell));
      }
      if (!any) continue;
      // freexl does not report merged ranges, so a title or note merged
      // across the table arrives as its first cell and blanks. A row with
      // nothing but its first cell is read as the xlsx reader reads one
      // merged cell across the width: a line of text (else the next
      // project's title would become an empty indicator row of the grid).
      std::size_t filled = 0;
      for (const TableCell& cell : row.cells) filled += !cell.text.empty();
      if (filled == 1 && n_cols > 1 && !row.cells.front().text.empty()) {
        row.cells.resize(1);
        row.paragraph = true;
      }
      rows.push_back(std::move(row));
    }
  }
  freexl_close(handle);
  Source src = source_from_rows(rows, display_name, "xls");
  src.diagnostics.insert(src.diagnostics.end(), diags.begin(), diags.end());
  return src;
}

}  // namespace jixiao
