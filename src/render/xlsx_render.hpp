// The official table as an XLSX workbook, laid out as a finance office's
// sheet: title and captions merged across the table, merged cells where the
// printed form merges them, figures stored as numbers with their printed
// decimals (number format "#,##0.00"), A4 landscape, one page wide, the
// column head repeated on every printed page. The per-project layout stacks
// its tables on one sheet with a page break before each.
#pragma once

#include <string>

#include "model/document.hpp"
#include "render/printed_table.hpp"

namespace jixiao {

// Writes the workbook to `path`. Returns "" or what went wrong.
std::string write_xlsx(const Document& doc, TableLayout layout, const std::string& path);

}  // namespace jixiao
