// What the store answers without SQL: the everyday questions of `jixiao query`
// and, later, the web workbench's paged search.
//
// Every search takes a Page (limit/offset) and returns the matching rows of
// that page with the total number of matches, so a caller can page without a
// second query. A caller that only needs to know "many" (the web workbench)
// caps the count (Page::count_limit): counting every match of a common word
// costs far more than finding one page of them.
// Filters are conjunctive; an empty field does not filter.
// Text filters match a substring (of names, goals, targets), never a pattern
// the caller writes: %, _ and \ in the text are literal. Amounts come back as
// exact Decimals (two places), never doubles.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "model/decimal.hpp"
#include "model/document.hpp"

namespace jixiao::store {

struct Page {
  int limit = 50;  // at most this many rows (capped at 10,000)
  int offset = 0;
  // Count matches only up to this many (never fewer than the end of the
  // page asked for); 0 counts them all.
  std::int64_t count_limit = 0;
};

template <typename Row>
struct PageOf {
  std::vector<Row> rows;
  std::int64_t total = 0;  // matches over all pages; with `more`, at least this many
  bool more = false;       // the count stopped at the page's count_limit: there are more matches
};

// Filters shared by the searches. `text` is a substring of the row's own
// name (documents: title or department; projects: name or goal;
// indicators: name, description or either target).
struct Filter {
  std::string text;
  std::string department;  // substring of the document's 部门
  std::optional<int> year;
  std::string unit;               // substring of the 资金使用单位's name
  std::string level1;             // indicators: canonical 一级 ("产出指标") or as printed
  std::string level2;             // indicators: canonical 二级 ("数量指标") or as printed
  bool qualitative_only = false;  // indicators: a target with no figure (kind qualitative or text)
};

// A document's address, stable as long as its source is not re-ingested.
struct DocumentRow {
  std::int64_t id = 0;
  std::string source_path;  // the file it was read from
  int ordinal = 0;          // its place among the tables of that file (0-based)
  std::optional<std::string> title, department;
  std::optional<int> year;
  std::string layout;
  std::string amount_unit;
  std::optional<Decimal> total;  // 合计 总计
  int units = 0, projects = 0, indicators = 0;
  int errors = 0, warnings = 0, notices = 0;  // check findings
  std::optional<int> quality;                 // mean project score (check/score.hpp)
};

// A project is addressed by (document_id, project_no).
struct ProjectRow {
  std::int64_t document_id = 0;
  int project_no = 0;  // 0-based across the document
  std::optional<std::string> department;
  std::optional<int> year;
  std::string unit;
  std::optional<std::string> name;
  std::string amount_unit;
  Amounts amounts;
  std::optional<std::string> goal;
  int indicators = 0;
  std::optional<int> quality;  // 0–100; completeness/measurability/consistency below
  std::optional<int> completeness, measurability, consistency;
};

struct IndicatorRow {
  std::int64_t document_id = 0;
  int project_no = 0;
  int indicator_no = 0;  // 0-based within the project
  std::optional<std::string> department;
  std::optional<int> year;
  std::string unit;
  std::optional<std::string> project;
  std::string level1, level2;  // canonical where resolved, else as printed
  std::string name;
  std::optional<std::string> period_target, annual_target;  // as printed
  std::string annual_kind;                                  // target kind: quantitative, qualitative …
};

enum class TotalsBy { Department, Unit, Year, Category };

// Sums of project amounts. For Category the rows are the funding columns
// (财政拨款, 财政专户拨款, 其他资金) with their sum in `amounts.total`.
struct TotalRow {
  std::string key;  // the department, unit, year or category
  std::string amount_unit;
  Amounts amounts;
  int documents = 0, projects = 0;
};

// Rankings by quality score (check/score.hpp), best first unless `worst_first`.
struct DepartmentRank {
  std::string department;
  std::optional<int> year;
  int projects = 0;
  int quality = 0;  // rounded mean of its projects' scores
  int worst = 0;    // lowest project score
};

struct FindingRow {
  std::int64_t document_id = 0;
  std::string source_path;
  std::optional<std::string> department;
  std::string rule, severity, family;
  std::string message_zh, message_en;
  std::optional<std::string> unit, project, indicator;
  int first_line = 0;
};

// The answer of a free SQL query: column names and text values (nullopt = NULL).
struct SqlResult {
  std::vector<std::string> columns;
  std::vector<std::vector<std::optional<std::string>>> rows;
};

}  // namespace jixiao::store
