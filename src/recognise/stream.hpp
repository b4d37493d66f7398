// Files that hold several tables one after another (a department's budget
// book exported whole, a crawl concatenated): each table becomes its own
// Document, handed over as soon as it is complete, so memory is bounded by
// the largest document rather than by the file.
#pragma once

#include <functional>
#include <istream>
#include <string>

#include "model/document.hpp"

namespace jixiao {

// Splits before a 部门名称 line that names another department than the
// current table's (with the title line just above it, if any), once the
// current table has column heads; each such chunk then goes through
// split_tables (recognise/split_tables.hpp), which also cuts between the
// per-project grids of two departments. A grid book has no 部门名称 line:
// where the line under a table title names another department than the
// last title's, the chunk so far goes through split_tables at once and its
// parts up to the last grid-title cut are handed over, so a grid book too
// is held one document at a time. The documents are the same as when the
// whole file is split (a chunk whose reading has reader diagnostics or a
// lone CR is not cut early). Line numbers stay those of the file. Works on
// UTF-8 and GB18030 bytes alike. Returns the number of documents.
std::size_t parse_stream(std::istream& in, const std::string& path,
                         const std::function<void(Document&&)>& sink);

}  // namespace jixiao
