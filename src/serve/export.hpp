// Search results as files a reviewer opens in Excel: CSV (UTF-8 with a BOM,
// so Excel reads the Chinese right; RFC 4180 quoting; cells that start like a
// formula are prefixed with ' so a spreadsheet never runs them) and XLSX
// (libxlsxwriter; header row frozen, amounts as numbers with two places).
#pragma once

#include <string>
#include <vector>

namespace jixiao::serve {

struct Column {
  std::string header;
  bool amount = false;  // exact decimal text written as a number in XLSX
};

struct Table {
  std::string sheet;  // XLSX sheet name
  std::vector<Column> columns;
  std::vector<std::vector<std::string>> rows;  // one string per column; "" = empty cell
};

std::string to_csv(const Table& table);
// The XLSX bytes, or "" with `error` set when libxlsxwriter fails.
std::string to_xlsx(const Table& table, std::string& error);

}  // namespace jixiao::serve
