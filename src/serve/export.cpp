#include "serve/export.hpp"

#include <unistd.h>
#include <xlsxwriter.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>

namespace jixiao::serve {
namespace {

// A cell a spreadsheet would evaluate (=, +, -, @, tab, CR at the start) is
// written with a leading apostrophe: the text stays visible, nothing runs.
// Amounts are exempt: "-12.50" is a number, not a formula.
std::string defuse(const std::string& cell, bool amount) {
  if (amount || cell.empty()) return cell;
  const char c = cell.front();
  if (c == '=' || c == '+' || c == '-' || c == '@' || c == '\t' || c == '\r') return "'" + cell;
  return cell;
}

void csv_cell(std::string& out, const std::string& cell) {
  if (cell.find_first_of(",\"\r\n") == std::string::npos) {
    out += cell;
    return;
  }
  out += '"';
  for (char c : cell) {
    if (c == '"') out += '"';
    out += c;
  }
  out += '"';
}

}  // namespace

std::string to_csv(const Table& table) {
  std::string out = "\xEF\xBB\xBF";
  for (std::size_t i = 0; i < table.columns.size(); ++i) {
    if (i) out += ',';
    csv_cell(out, table.columns[i].header);
  }
  out += "\r\n";
  for (const auto& row : table.rows) {
    for (std::size_t i = 0; i < table.columns.size(); ++i) {
      if (i) out += ',';
      csv_cell(out, defuse(i < row.size() ? row[i] : std::string(), table.columns[i].amount));
    }
    out += "\r\n";
  }
  return out;
}

std::string to_xlsx(const Table& table, std::string& error) {
  // libxlsxwriter writes to a file: a private temporary one, removed after.
  char path[] = "/tmp/jixiao-export-XXXXXX";
  const int fd = mkstemp(path);
  if (fd < 0) {
    error = "cannot create a temporary file for the XLSX export";
    return {};
  }
  close(fd);
  lxw_workbook* workbook = workbook_new(path);
  if (!workbook) {
    std::remove(path);
    error = "libxlsxwriter could not start a workbook";
    return {};
  }
  lxw_worksheet* sheet =
      workbook_add_worksheet(workbook, table.sheet.empty() ? nullptr : table.sheet.c_str());
  lxw_format* bold = workbook_add_format(workbook);
  format_set_bold(bold);
  lxw_format* money = workbook_add_format(workbook);
  format_set_num_format(money, "#,##0.00");
  for (std::size_t c = 0; c < table.columns.size(); ++c) {
    worksheet_write_string(sheet, 0, static_cast<lxw_col_t>(c), table.columns[c].header.c_str(), bold);
    worksheet_set_column(sheet, static_cast<lxw_col_t>(c), static_cast<lxw_col_t>(c),
                         table.columns[c].amount ? 14 : 22, nullptr);
  }
  worksheet_freeze_panes(sheet, 1, 0);
  for (std::size_t r = 0; r < table.rows.size(); ++r) {
    const auto row_index = static_cast<lxw_row_t>(r + 1);
    for (std::size_t c = 0; c < table.columns.size() && c < table.rows[r].size(); ++c) {
      const std::string& cell = table.rows[r][c];
      if (cell.empty()) continue;
      const auto col = static_cast<lxw_col_t>(c);
      if (table.columns[c].amount) {
        // A spreadsheet number is a double: exact for two-place amounts up to
        // 15 significant digits, which 万元 budgets never approach.
        worksheet_write_number(sheet, row_index, col, std::strtod(cell.c_str(), nullptr), money);
      } else {
        // Text cells are strings, never formulas, whatever they start with.
        worksheet_write_string(sheet, row_index, col, cell.c_str(), nullptr);
      }
    }
  }
  const lxw_error status = workbook_close(workbook);
  if (status != LXW_NO_ERROR) {
    std::remove(path);
    error = std::string("libxlsxwriter: ") + lxw_strerror(status);
    return {};
  }
  std::ifstream in(path, std::ios::binary);
  std::ostringstream bytes;
  bytes << in.rdbuf();
  std::remove(path);
  return std::move(bytes).str();
}

}  // namespace jixiao::serve
