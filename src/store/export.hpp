// Exports of the store for the tools people already use.
//
//   CSV    one file per table (kTables) in a folder, UTF-8 with a BOM so
//          Excel opens Chinese text correctly; amounts as exact decimals.
//   XLSX   one sheet per table, header row frozen, amounts as numbers shown
//          with two decimals (a spreadsheet number is binary floating point:
//          the exact figures are in CSV and JSON Lines).
//   JSONL  one jixiao/1 document per line with provenance, diagnostics and
//          parsed targets: `jixiao ingest` of the file gives back the same model.
//
// In CSV and XLSX a column NAME_cents of the schema becomes NAME, in units
// of the document's amount_unit. Each throws StoreError when the output
// cannot be written.
#pragma once

#include <ostream>
#include <string>

#include "store/store.hpp"

namespace jixiao::store {

// Returns the number of documents written.
std::size_t export_jsonl(Store& store, std::ostream& out);
// Writes DIR/<table>.csv for every table (DIR is created); returns rows written.
std::size_t export_csv(Store& store, const std::string& dir);
// Returns rows written; fails on a table over XLSX's 1,048,575 data rows.
std::size_t export_xlsx(Store& store, const std::string& path);

}  // namespace jixiao::store
