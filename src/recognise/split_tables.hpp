// One read file, several tables: a department's budget book printed whole,
// a crawl's PDFs bound into one, Word grids of several units pasted into one
// file. Each table must become its own Document, or the projects of the
// second department would be filed under the first.
//
// A new table starts where a table's department line names another
// department than the current table's, once the current table has shown its
// indicator heads (so a 部门名称 repeated on every page, or printed below 项目名称
// inside the table, never cuts):
//   - a 部门名称 line (summary tables: "部门名称：209101某某局");
//   - the line under a table title (…绩效目标表) that states a budget code and
//     a name ("706991某某局", per-project grids) or a department label.
// The cut is made before the title line just above the department line,
// when there is one. Line numbers, pages and positions stay the file's.
#pragma once

#include <string>
#include <vector>

#include "read/source.hpp"

namespace jixiao {

// Why a part of split_tables starts where it does.
enum class TableCut {
  First,       // the source's first line
  Department,  // a 部门名称 line naming another department (or the title above it)
  GridTitle,   // a table title whose next line names another department
};

// The tables of `source` in order; one part (`source` itself) when it
// holds one table. Reader diagnostics go with the part whose lines they
// name; those that name no line go with the first part. `cuts`, when
// given, receives why each part starts where it does (one per part).
//
// A promise parse_stream builds on: split_tables of the lines from a
// GridTitle cut onwards cuts them as split_tables of the whole source does
// (the rule's state after such a cut is that of a fresh start), and a cut is
// decided by its own line and the next non-blank one within two lines.
std::vector<Source> split_tables(Source source, std::vector<TableCut>* cuts = nullptr);

// Who the line under a table title names, as a comparable key, or "" when
// it names nobody: "706991某某局" (a budget code, then the name; 单位：万元
// after it is ignored), or a department label with the name in the next cell.
std::string department_under_title(const Line& line);

// Whether department_under_title(line) can name anyone, told from the
// line's cells and first bytes without reading it: false only where it
// names nobody.
bool line_may_name_department(const Line& line);

}  // namespace jixiao
