// The everyday questions as SQL, written once for both backends (query.hpp).
#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <deque>
#include <map>
#include <tuple>

#include "model/taxonomy.hpp"
#include "store/connection.hpp"
#include "store/store.hpp"
#include "store/store_internal.hpp"

namespace jixiao::store {
namespace {

// A WHERE clause and its parameters, built filter by filter. Text lives in
// `texts` (Values only point at it).
struct Where {
  explicit Where(Store::Connection& db) : pg(std::string(db.dialect()) == "postgresql") {}
  bool pg;
  std::vector<std::string> clauses;
  std::deque<std::string> texts;
  std::vector<Value> params;

  void add(std::string clause, std::initializer_list<std::string> values) {
    clauses.push_back(std::move(clause));
    for (const auto& v : values) params.emplace_back(std::string_view(texts.emplace_back(v)));
  }
  void add_int(std::string clause, std::int64_t v) {
    clauses.push_back(std::move(clause));
    params.emplace_back(v);
  }
  // "column contains the parameter", literally (no pattern characters):
  // strpos in PostgreSQL; in SQLite contains_text (sqlite_connection.cpp), a
  // byte search that is faster than instr, itself several times faster than
  // LIKE '%…%'.
  std::string has(const char* column) const { return has(std::string(column)); }
  std::string has(const std::string& column) const {
    return pg ? "strpos(" + column + ", ?) > 0" : "contains_text(?, " + column + ")";
  }
  // "any of `columns` contains `text`": in SQLite one contains_text call
  // per row for all the columns (the call, not the byte search, is most of
  // the cost of a scan), in PostgreSQL one strpos per column.
  void add_contains_any(std::initializer_list<const char*> columns, const std::string& text) {
    std::string clause;
    if (pg) {
      for (const char* c : columns) {
        clause += (clause.empty() ? "(" : " OR ") + has(c);
        params.emplace_back(std::string_view(texts.emplace_back(text)));
      }
      clause += ")";
    } else {
      clause = "contains_text(?";
      for (const char* c : columns) clause += std::string(", ") + c;
      clause += ")";
      params.emplace_back(std::string_view(texts.emplace_back(text)));
    }
    clauses.push_back(std::move(clause));
  }
  std::string sql() const {
    std::string out;
    for (std::size_t i = 0; i < clauses.size(); ++i) out += (i ? " AND " : " WHERE ") + clauses[i];
    return out;
  }
};

void document_filters(Where& w, const Filter& f) {
  if (!f.department.empty()) w.add(w.has("d.department"), {f.department});
  if (f.year) w.add_int("d.year = ?", *f.year);
}

// Cells of integer columns come as plain decimal text (from_chars: no
// locale, no whitespace, unlike stoll, which showed in a search's profile);
// anything else still throws, as stoll did.
std::int64_t parse_int(const std::string& s) {
  std::int64_t v = 0;
  const auto [end, error] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (error != std::errc() || end != s.data() + s.size()) return std::stoll(s);
  return v;
}
std::int64_t to_int(const std::optional<std::string>& s, std::int64_t fallback = 0) {
  return s ? parse_int(*s) : fallback;
}
std::optional<int> opt_int(const std::optional<std::string>& s) {
  if (!s) return std::nullopt;
  return static_cast<int>(parse_int(*s));
}

// How far a count goes: the page's count limit, but never short of the
// page's own end (so a caller paging on sees a total that reaches its
// page); 0 when every match is counted.
std::int64_t count_cap(const Page& page) {
  if (page.count_limit <= 0) return 0;
  return std::max<std::int64_t>(page.count_limit,
                                std::int64_t{std::max(page.offset, 0)} + std::clamp(page.limit, 0, 10000));
}

// A count as a page reports it (PageOf::total and more).
struct Count {
  std::int64_t total = 0;
  bool more = false;
};

// Counts the matches, stopping one past the page's cap: a common word's
// count then reads a thousand rows, not hundreds of thousands.
Count count(Store::Connection& db, const std::string& from, const Where& w, const Page& page) {
  const std::int64_t cap = count_cap(page);
  if (cap == 0) return {to_int(db.query("SELECT COUNT(*) FROM " + from + w.sql(), w.params).at(0).at(0)), false};
  std::vector<Value> params = w.params;
  params.emplace_back(cap + 1);
  const std::int64_t n =
      to_int(db.query("SELECT COUNT(*) FROM (SELECT 1 FROM " + from + w.sql() + " LIMIT ?) m", params).at(0).at(0));
  return n > cap ? Count{cap, true} : Count{n, false};
}

template <typename Listed>
void set_count(PageOf<Listed>& out, const Count& c) {
  out.total = c.total;
  out.more = c.more;
}

std::vector<Row> page_of(Store::Connection& db, const std::string& sql, Where& w, const Page& page) {
  std::vector<Value> params = w.params;
  params.emplace_back(static_cast<std::int64_t>(std::clamp(page.limit, 0, 10000)));
  params.emplace_back(static_cast<std::int64_t>(std::max(page.offset, 0)));
  return db.query(sql + " LIMIT ? OFFSET ?", params);
}

const char* const kProjectFrom =
    "projects p JOIN documents d ON d.id = p.document_id "
    "JOIN units u ON u.document_id = p.document_id AND u.unit_no = p.unit_no";
// Sums over projects: the documents outside (CROSS JOIN keeps SQLite's
// order; PostgreSQL plans it as any join), so each document's projects are
// read from the narrow projects_amounts index, not from rows holding goals.
const char* const kDocumentsThenProjects = "documents d CROSS JOIN projects p";
const char* const kProjectColumns =
    "SELECT p.document_id, p.project_no, d.department, d.year, u.name, p.name, d.amount_unit, p.total_cents, "
    "p.fiscal_cents, p.special_cents, p.other_cents, p.goal, p.indicators, p.quality, p.completeness, "
    "p.measurability, p.consistency FROM ";

// The row's text is moved, not copied: a page's goals run to kilobytes.
ProjectRow project_row(Row&& r) {
  ProjectRow p;
  p.document_id = to_int(r[0]);
  p.project_no = static_cast<int>(to_int(r[1]));
  p.department = std::move(r[2]);
  p.year = opt_int(r[3]);
  p.unit = std::move(r[4]).value_or("");
  p.name = std::move(r[5]);
  p.amount_unit = std::move(r[6]).value_or("");
  p.amounts = {from_cents(r[7]), from_cents(r[8]), from_cents(r[9]), from_cents(r[10])};
  p.goal = std::move(r[11]);
  p.indicators = static_cast<int>(to_int(r[12]));
  p.quality = opt_int(r[13]);
  p.completeness = opt_int(r[14]);
  p.measurability = opt_int(r[15]);
  p.consistency = opt_int(r[16]);
  return p;
}

// Filters on a row's document and unit, as conditions on the row's own
// table (IN a small subquery): the count and the page then read one table,
// and only the rows of the page are joined to their document and unit.
void document_scope(Where& w, const Filter& f, const std::string& document_column) {
  if (!f.department.empty())
    w.add(document_column + " IN (SELECT id FROM documents WHERE " + w.has("department") + ")",
          {f.department});
  if (f.year) w.add_int(document_column + " IN (SELECT id FROM documents WHERE year = ?)", *f.year);
}

std::string units_named(const Where& w) {
  return "SELECT document_id, unit_no FROM units WHERE " + w.has("name");
}

// The FTS5 query (schema version 3) that finds `text` as a substring: one
// phrase of its characters, each a token of the "characters" tokenizer
// (sqlite_connection.cpp), so the phrase matches where the characters
// stand next to each other in one column, i.e. where the text occurs.
std::string phrase_of(const std::string& text) {
  std::string out = "\"";
  for (char c : text) out += c == '"' ? std::string("\"\"") : std::string(1, c);
  return out + "\"";
}

// Keys of an FTS5 table's rows, packed into the rowid (text_key in
// store.cpp): read as the rowid alone and unpacked here, for the page's rows
// only (SQLite would compute the shifts for every row of the count window).
Row project_fts_key(std::int64_t rowid) {
  return {std::to_string(rowid >> 32), std::to_string(rowid & 4294967295)};
}
std::string project_fts_on(const std::string& fts) {
  return "p.document_id = " + fts + ".rowid >> 32 AND p.project_no = (" + fts + ".rowid & 4294967295)";
}
Row indicator_fts_key(std::int64_t rowid) {
  return {std::to_string(rowid >> 32), std::to_string((rowid >> 16) & 65535), std::to_string(rowid & 65535)};
}
std::string indicator_fts_on(const std::string& fts) {
  return "i.document_id = " + fts + ".rowid >> 32 AND i.project_no = ((" + fts +
         ".rowid >> 16) & 65535) AND i.indicator_no = (" + fts + ".rowid & 65535)";
}

void project_filters(Where& w, const Filter& f) {
  document_scope(w, f, "p.document_id");
  // Sums and rankings read every matching project anyway: the scan beats
  // gathering tens of thousands of keys from the index first (measured on
  // totals --text: about 0.2 s against 0.3 s). Listings use the index (projects()).
  if (!f.text.empty()) w.add_contains_any({"p.name", "p.goal"}, f.text);
  if (!f.unit.empty()) w.add("(p.document_id, p.unit_no) IN (" + units_named(w) + ")", {f.unit});
}

// One page of projects in `order` (an ORDER BY over p's columns): keys first, then their rows.
std::string project_page_sql(const Where& w, const std::string& order) {
  return std::string(kProjectColumns) +
         "(SELECT p.document_id AS k_document, p.project_no AS k_project FROM projects p" + w.sql() +
         " ORDER BY " + order +
         " LIMIT ? OFFSET ?) k JOIN projects p ON p.document_id = k.k_document AND p.project_no = "
         "k.k_project "
         "JOIN documents d ON d.id = p.document_id "
         "JOIN units u ON u.document_id = p.document_id AND u.unit_no = p.unit_no ORDER BY " +
         order;
}

// A page fetched by its keys comes back in key order, sorted here rather
// than by an ORDER BY: SQLite would copy every row, goals and targets
// included, into a sorter first (a fifth of the page's SQL).
void in_key_order(std::vector<ProjectRow>& rows) {
  std::sort(rows.begin(), rows.end(), [](const ProjectRow& a, const ProjectRow& b) {
    return std::tie(a.document_id, a.project_no) < std::tie(b.document_id, b.project_no);
  });
}
void in_key_order(std::vector<IndicatorRow>& rows) {
  std::sort(rows.begin(), rows.end(), [](const IndicatorRow& a, const IndicatorRow& b) {
    return std::tie(a.document_id, a.project_no, a.indicator_no) <
           std::tie(b.document_id, b.project_no, b.indicator_no);
  });
}

std::vector<Row> keyed_page(Store::Connection& db, const std::string& sql, const Where& w, const Page& page) {
  std::vector<Value> params = w.params;
  params.emplace_back(static_cast<std::int64_t>(std::clamp(page.limit, 0, 10000)));
  params.emplace_back(static_cast<std::int64_t>(std::max(page.offset, 0)));
  return db.query(sql, params);
}

// Up to this many matching keys are read in one pass, which then also
// gives the count: a search with fewer matches (a rare text, a narrow
// filter) scans the table once instead of once for the count and once for
// the page. A capped count (Page::count_limit) within the window is
// always answered this way.
constexpr int kKeyWindow = 10000;

// The matches of a search over `table` (alias `alias`, keyed by the columns
// `key`, in key order): their count and the keys of the page asked for.
// `known` is false when there were more than the window holds (or the page
// lies beyond it): the caller counts and pages the usual way then.
struct KeyedMatches {
  bool known = false;
  Count count;
  std::vector<Row> page_keys;
};

KeyedMatches match_keys(Store::Connection& db, const std::string& from, const std::string& key_columns,
                        const Where& w, const Page& page, const std::string& order = {}) {
  KeyedMatches out;
  const int limit = std::clamp(page.limit, 0, 10000);
  const int offset = std::max(page.offset, 0);
  const std::int64_t cap = count_cap(page);  // ≥ offset + limit when set
  const std::int64_t window = cap ? cap : kKeyWindow;
  if (offset + limit > window || window > kKeyWindow) return out;
  std::vector<Value> params = w.params;
  params.emplace_back(window + 1);
  // Only the page's keys are read as text; the others are only counted.
  Store::Connection::Window keys =
      db.query_window("SELECT " + key_columns + " FROM " + from + w.sql() + " ORDER BY " +
                          (order.empty() ? key_columns : order) + " LIMIT ?",
                      params, static_cast<std::size_t>(offset), static_cast<std::size_t>(limit));
  const bool more = keys.seen > static_cast<std::size_t>(window);
  if (more && !cap) return out;
  out.known = true;
  out.count = more ? Count{window, true} : Count{static_cast<std::int64_t>(keys.seen), false};
  out.page_keys = std::move(keys.rows);
  return out;
}

// "(VALUES (CAST(? AS BIGINT), …), …) k" for the keys, with their values:
// the page's rows are then looked up by key (k.column1, k.column2 …). The
// list is padded to a power of two with keys no row has (-1), so a
// connection prepares and keeps a handful of these statements, not one per
// page length.
std::string keys_table(const std::vector<Row>& keys, std::vector<Value>& params);

// The matches of a text search through SQLite's substring index: `fts`
// (projects_fts or indicators_fts, its rowids unpacked into keys by `unpack`) drives,
// in rowid order = key order, so the window of keys stops early; the row
// table (`table`) is joined only for the other filters (`on` its key).
KeyedMatches indexed_matches(Store::Connection& db, const std::string& fts, Row (*unpack)(std::int64_t),
                             const std::string& table, const std::string& on, Where& w, const Filter& f,
                             bool other_filters, const Page& page) {
  w.add(fts + " MATCH ?", {phrase_of(f.text)});
  const std::string from = other_filters ? fts + " CROSS JOIN " + table + " ON " + on : fts;
  const std::string order = fts + ".rowid";
  KeyedMatches m = match_keys(db, from, order, w, page, order);
  if (!m.known) {
    m.known = true;
    m.count = count(db, from, w, page);
    std::vector<Value> params = w.params;
    params.emplace_back(static_cast<std::int64_t>(std::clamp(page.limit, 0, 10000)));
    params.emplace_back(static_cast<std::int64_t>(std::max(page.offset, 0)));
    m.page_keys =
        db.query("SELECT " + order + " FROM " + from + w.sql() + " ORDER BY " + order + " LIMIT ? OFFSET ?", params);
  }
  for (Row& key : m.page_keys) key = unpack(to_int(key.at(0)));
  return m;
}

std::string keys_table(const std::vector<Row>& keys, std::vector<Value>& params) {
  std::size_t rows = 1;
  while (rows < keys.size()) rows *= 2;
  const std::size_t columns = keys.empty() ? 1 : keys[0].size();
  std::string sql = "(VALUES ";
  for (std::size_t i = 0; i < rows; ++i) {
    sql += i ? ", (" : "(";
    for (std::size_t c = 0; c < columns; ++c) {
      sql += c ? ", CAST(? AS BIGINT)" : "CAST(? AS BIGINT)";
      params.emplace_back(i < keys.size() ? static_cast<std::int64_t>(parse_int(keys[i][c].value_or("0")))
                                          : std::int64_t{-1});
    }
    sql += ")";
  }
  return sql + ") k";
}

}  // namespace

PageOf<DocumentRow> Store::documents(const Filter& f, const Page& page) {
  Where w(*db_);
  document_filters(w, f);
  if (!f.text.empty()) {
    w.add_contains_any({"d.title", "d.department", "s.path"}, f.text);
  }
  if (!f.unit.empty()) {
    w.add("EXISTS (SELECT 1 FROM units u WHERE u.document_id = d.id AND " + w.has("u.name") + ")", {f.unit});
  }
  const std::string from = "documents d JOIN sources s ON s.id = d.source_id";
  PageOf<DocumentRow> out;
  set_count(out, count(*db_, from, w, page));
  for (const Row& r : page_of(*db_,
                              "SELECT d.id, s.path, d.ordinal, d.title, d.department, d.year, d.layout, "
                              "d.amount_unit, d.total_cents, d.units, d.projects, d.indicators, d.errors, "
                              "d.warnings, d.notices, d.quality FROM " +
                                  from + w.sql() + " ORDER BY s.path, d.ordinal",
                              w, page)) {
    DocumentRow d;
    d.id = to_int(r[0]);
    d.source_path = r[1].value_or("");
    d.ordinal = static_cast<int>(to_int(r[2]));
    d.title = r[3];
    d.department = r[4];
    d.year = opt_int(r[5]);
    d.layout = r[6].value_or("");
    d.amount_unit = r[7].value_or("");
    d.total = from_cents(r[8]);
    d.units = static_cast<int>(to_int(r[9]));
    d.projects = static_cast<int>(to_int(r[10]));
    d.indicators = static_cast<int>(to_int(r[11]));
    d.errors = static_cast<int>(to_int(r[12]));
    d.warnings = static_cast<int>(to_int(r[13]));
    d.notices = static_cast<int>(to_int(r[14]));
    d.quality = opt_int(r[15]);
    out.rows.push_back(std::move(d));
  }
  return out;
}

PageOf<ProjectRow> Store::projects(const Filter& f, const Page& page) {
  Where w(*db_);
  KeyedMatches m;
  if (!w.pg && !f.text.empty()) {
    Filter others = f;
    others.text.clear();
    project_filters(w, others);
    m = indexed_matches(*db_, "projects_fts", project_fts_key, "projects p",
                        project_fts_on("projects_fts"), w, f, !w.clauses.empty(), page);
  } else {
    project_filters(w, f);
    m = match_keys(*db_, "projects p", "p.document_id, p.project_no", w, page);
  }
  PageOf<ProjectRow> out;
  if (m.known) {
    set_count(out, m.count);
    if (m.page_keys.empty()) return out;
    std::vector<Value> params;
    const std::string keys = keys_table(m.page_keys, params);
    for (Row& r : db_->query(std::string(kProjectColumns) + keys +
                                 " JOIN projects p ON p.document_id = k.column1 AND p.project_no = k.column2 "
                                 "JOIN documents d ON d.id = p.document_id "
                                 "JOIN units u ON u.document_id = p.document_id AND u.unit_no = p.unit_no",
                             params))
      out.rows.push_back(project_row(std::move(r)));
    in_key_order(out.rows);
    return out;
  }
  set_count(out, count(*db_, "projects p", w, page));
  for (Row& r : keyed_page(*db_, project_page_sql(w, "p.document_id, p.project_no"), w, page))
    out.rows.push_back(project_row(std::move(r)));
  return out;
}

PageOf<IndicatorRow> Store::indicators(const Filter& f, const Page& page) {
  Where w(*db_);
  document_scope(w, f, "i.document_id");
  // SQLite searches text through indicators_fts unless some indicator's key
  // could not be packed into its rowid (schema.cpp, version 3).
  const bool indexed_text =
      !w.pg && !f.text.empty() && db_->query("SELECT 1 FROM meta WHERE key = 'indicator_text_partial'").empty();
  if (!f.text.empty() && !indexed_text) {
    w.add_contains_any({"i.name", "i.description", "i.annual_target", "i.period_target"}, f.text);
  }
  if (!f.unit.empty()) {
    w.add(
        "(i.document_id, i.project_no) IN (SELECT p.document_id, p.project_no FROM projects p "
        "WHERE (p.document_id, p.unit_no) IN (" +
            units_named(w) + "))",
        {f.unit});
  }
  // A level the taxonomy knows is matched on its canonical column (indexed),
  // whatever spelling the table printed; anything else on the printed text.
  if (!f.level1.empty()) {
    if (auto l = resolve_level1(f.level1)) {
      w.add("i.level1 = ?", {level1_name(*l)});
    } else {
      w.add("i.level1_printed = ?", {f.level1});
    }
  }
  if (!f.level2.empty()) {
    if (auto l = resolve_level2(f.level2)) {
      w.add("i.level2 = ?", {level2_name(*l)});
    } else {
      w.add("i.level2_printed = ?", {f.level2});
    }
  }
  // A text search among qualitative targets reads their own substring index
  // (schema version 4), which holds nothing else: no indicator row is visited
  // to test the kind. Otherwise the test is spelled as the partial index
  // indicators_qualitative is, so that index is used.
  const std::string fts = indexed_text && f.qualitative_only ? "indicators_qualitative_fts" : "indicators_fts";
  if (f.qualitative_only && !indexed_text)
    w.add("(i.annual_kind = 'qualitative' OR i.period_kind = 'qualitative')", {});
  const std::string order = "i.document_id, i.project_no, i.indicator_no";
  const std::string columns =
      "SELECT i.document_id, i.project_no, i.indicator_no, d.department, d.year, u.name, p.name, "
      "COALESCE(i.level1, i.level1_printed), COALESCE(i.level2, i.level2_printed), i.name, i.period_target, "
      "i.annual_target, i.annual_kind FROM ";
  const std::string joins =
      "JOIN projects p ON p.document_id = i.document_id AND p.project_no = i.project_no "
      "JOIN documents d ON d.id = i.document_id "
      "JOIN units u ON u.document_id = p.document_id AND u.unit_no = p.unit_no";
  PageOf<IndicatorRow> out;
  std::vector<Row> rows;
  KeyedMatches m =
      indexed_text
          ? indexed_matches(*db_, fts, indicator_fts_key, "indicators i", indicator_fts_on(fts), w, f,
                            !w.clauses.empty(), page)
          : match_keys(*db_, "indicators i", order, w, page);
  if (m.known) {
    set_count(out, m.count);
    if (!m.page_keys.empty()) {
      std::vector<Value> params;
      const std::string keys = keys_table(m.page_keys, params);
      rows = db_->query(columns + keys +
                            " JOIN indicators i ON i.document_id = k.column1 AND i.project_no = k.column2 "
                            "AND i.indicator_no = k.column3 " +
                            joins,
                        params);
    }
  } else {
    set_count(out, count(*db_, "indicators i", w, page));
    rows = keyed_page(*db_,
                      columns +
                          "(SELECT i.document_id AS k_document, i.project_no AS k_project, i.indicator_no AS "
                          "k_indicator FROM indicators i" +
                          w.sql() + " ORDER BY " + order +
                          " LIMIT ? OFFSET ?) k "
                          "JOIN indicators i ON i.document_id = k.k_document AND i.project_no = k.k_project "
                          "AND i.indicator_no = k.k_indicator " +
                          joins,
                      w, page);
  }
  for (Row& r : rows) {
    IndicatorRow i;
    i.document_id = to_int(r[0]);
    i.project_no = static_cast<int>(to_int(r[1]));
    i.indicator_no = static_cast<int>(to_int(r[2]));
    i.department = std::move(r[3]);
    i.year = opt_int(r[4]);
    i.unit = std::move(r[5]).value_or("");
    i.project = std::move(r[6]);
    i.level1 = std::move(r[7]).value_or("");
    i.level2 = std::move(r[8]).value_or("");
    i.name = std::move(r[9]).value_or("");
    i.period_target = std::move(r[10]);
    i.annual_target = std::move(r[11]);
    i.annual_kind = std::move(r[12]).value_or("");
    out.rows.push_back(std::move(i));
  }
  in_key_order(out.rows);
  return out;
}

std::vector<TotalRow> Store::totals(TotalsBy by, const Filter& f) {
  Where w(*db_);
  std::string key = by == TotalsBy::Department ? "COALESCE(d.department, '')"
                    : by == TotalsBy::Unit     ? "u.name"
                    : by == TotalsBy::Year     ? "COALESCE(CAST(d.year AS TEXT), '')"
                                               : "'all'";
  const std::string group =
      " GROUP BY " + (by == TotalsBy::Category ? std::string() : key + ", ") + "d.amount_unit ORDER BY 3 DESC, 1";
  std::vector<Row> rows;
  if (f.text.empty() && f.unit.empty()) {
    // Filters on documents only: the sums each unit and document keep of
    // their projects (schema version 2) give the same totals from far fewer rows.
    document_filters(w, f);
    if (by == TotalsBy::Unit) {
      w.add("u.projects > 0", {});
      rows = db_->query("SELECT " + key +
                            ", d.amount_unit, SUM(u.projects_total_cents), SUM(u.projects_fiscal_cents), "
                            "SUM(u.projects_special_cents), SUM(u.projects_other_cents), "
                            "COUNT(DISTINCT u.document_id), SUM(u.projects) "
                            "FROM units u JOIN documents d ON d.id = u.document_id" +
                            w.sql() + group,
                        w.params);
    } else {
      w.add("d.projects > 0", {});
      rows = db_->query("SELECT " + key +
                            ", d.amount_unit, SUM(d.projects_total_cents), SUM(d.projects_fiscal_cents), "
                            "SUM(d.projects_special_cents), SUM(d.projects_other_cents), COUNT(*), "
                            "SUM(d.projects) FROM documents d" +
                            w.sql() + group,
                        w.params);
    }
  } else {
    if (by != TotalsBy::Unit) w.add("p.document_id = d.id", {});
    project_filters(w, f);
    rows = db_->query(
        "SELECT " + key +
            ", d.amount_unit, SUM(p.total_cents), SUM(p.fiscal_cents), SUM(p.special_cents), "
            "SUM(p.other_cents), COUNT(DISTINCT p.document_id), COUNT(*) FROM " +
            // Only the unit key needs the units (a lookup per project).
            (by == TotalsBy::Unit ? std::string(kProjectFrom) : std::string(kDocumentsThenProjects)) +
            w.sql() + group,
        w.params);
  }
  std::vector<TotalRow> out;
  for (const Row& r : rows) {
    TotalRow t;
    t.key = r[0].value_or("");
    t.amount_unit = r[1].value_or("");
    t.amounts = {from_cents(r[2]), from_cents(r[3]), from_cents(r[4]), from_cents(r[5])};
    t.documents = static_cast<int>(to_int(r[6]));
    t.projects = static_cast<int>(to_int(r[7]));
    if (by != TotalsBy::Category) {
      out.push_back(std::move(t));
      continue;
    }
    // One row per funding column (财政拨款, 财政专户拨款, 其他资金).
    for (auto [name, amount] :
         {std::pair{"财政拨款", t.amounts.fiscal}, std::pair{"财政专户拨款", t.amounts.special},
          std::pair{"其他资金", t.amounts.other}}) {
      TotalRow c;
      c.key = name;
      c.amount_unit = t.amount_unit;
      c.amounts.total = amount.value_or(Decimal(0, 2));
      c.documents = t.documents;
      c.projects = t.projects;
      out.push_back(std::move(c));
    }
  }
  return out;
}

std::vector<ProjectRow> Store::project_history(const std::string& project_name) {
  std::string key;
  for (char c : project_name)
    if (c != ' ' && c != '\t' && c != '\n' && c != '\r') key += c;
  std::vector<ProjectRow> out;
  for (Row& r : db_->query(std::string(kProjectColumns) + kProjectFrom +
                               " WHERE p.name_key = ? ORDER BY d.year, d.department, p.document_id, p.project_no",
                           {Value(key)}))
    out.push_back(project_row(std::move(r)));
  return out;
}

PageOf<ProjectRow> Store::rank_projects(const Filter& f, bool worst_first, const Page& page) {
  Where w(*db_);
  project_filters(w, f);
  w.add("p.quality IS NOT NULL", {});
  PageOf<ProjectRow> out;
  set_count(out, count(*db_, "projects p", w, page));
  // One direction over the whole key, so the projects_quality index gives the order.
  const std::string order = worst_first ? "p.quality ASC, p.document_id ASC, p.project_no ASC"
                                        : "p.quality DESC, p.document_id DESC, p.project_no DESC";
  for (Row& r : keyed_page(*db_, project_page_sql(w, order), w, page)) out.rows.push_back(project_row(std::move(r)));
  return out;
}

std::vector<DepartmentRank> Store::rank_departments(const Filter& f, bool worst_first) {
  Where w(*db_);
  std::vector<Row> rows;
  if (f.text.empty() && f.unit.empty()) {
    // The score sums each document keeps of its projects (schema version 2).
    document_filters(w, f);
    w.add("d.scored_projects > 0", {});
    rows = db_->query("SELECT COALESCE(d.department, ''), d.year, SUM(d.scored_projects), SUM(d.quality_sum), "
                      "MIN(d.quality_min) FROM documents d" +
                          w.sql() + " GROUP BY d.department, d.year",
                      w.params);
  } else {
    w.add("p.document_id = d.id", {});
    project_filters(w, f);
    w.add("p.quality IS NOT NULL", {});
    rows = db_->query("SELECT COALESCE(d.department, ''), d.year, COUNT(*), SUM(p.quality), MIN(p.quality) FROM " +
                          std::string(kDocumentsThenProjects) + w.sql() + " GROUP BY d.department, d.year",
                      w.params);
  }
  std::vector<DepartmentRank> out;
  for (const Row& r : rows) {
    DepartmentRank d;
    d.department = r[0].value_or("");
    d.year = opt_int(r[1]);
    d.projects = static_cast<int>(to_int(r[2]));
    // The mean as AVG() gives it, rounded half away from zero.
    d.quality = d.projects ? static_cast<int>(std::lround(static_cast<double>(to_int(r[3])) / d.projects)) : 0;
    d.worst = static_cast<int>(to_int(r[4]));
    out.push_back(std::move(d));
  }
  std::stable_sort(out.begin(), out.end(), [&](const DepartmentRank& a, const DepartmentRank& b) {
    if (a.quality != b.quality) return worst_first ? a.quality < b.quality : a.quality > b.quality;
    return a.department < b.department;
  });
  return out;
}

PageOf<FindingRow> Store::findings(const Filter& f, const Page& page) {
  Where w(*db_);
  document_scope(w, f, "f.document_id");
  if (!f.text.empty()) w.add_contains_any({"f.rule", "f.message_zh", "f.project_name"}, f.text);
  PageOf<FindingRow> out;
  // Without a text filter the count needs no text: finding_rows alone, whose
  // severity index it scans (a COUNT(*) over the findings view would look up
  // every row's text; SQLite leaves that join out of a plain SELECT, not of an aggregate).
  set_count(out, count(*db_, f.text.empty() ? "finding_rows f" : "findings f", w, page));
  const std::string order = "f.severity_rank DESC, f.document_id DESC, f.finding_no DESC";
  for (const Row& r :
       keyed_page(*db_,
                  "SELECT f.document_id, s.path, d.department, f.rule, f.severity, f.family, "
                  "f.message_zh, f.message_en, f.unit_name, f.project_name, f.indicator_name, "
                  "f.first_line FROM (SELECT f.document_id AS k_document, f.finding_no AS k_finding "
                  "FROM findings f" +
                      w.sql() + " ORDER BY " + order +
                      " LIMIT ? OFFSET ?) k "
                      "JOIN findings f ON f.document_id = k.k_document AND f.finding_no = k.k_finding "
                      "JOIN documents d ON d.id = f.document_id "
                      "JOIN sources s ON s.id = d.source_id ORDER BY " +
                      order,
                  w, page)) {
    FindingRow x;
    x.document_id = to_int(r[0]);
    x.source_path = r[1].value_or("");
    x.department = r[2];
    x.rule = r[3].value_or("");
    x.severity = r[4].value_or("");
    x.family = r[5].value_or("");
    x.message_zh = r[6].value_or("");
    x.message_en = r[7].value_or("");
    x.unit = r[8];
    x.project = r[9];
    x.indicator = r[10];
    x.first_line = static_cast<int>(to_int(r[11]));
    out.rows.push_back(std::move(x));
  }
  return out;
}

void Store::scan(const std::string& table,
                 const std::function<void(const std::vector<std::string>&, const Row&)>& row) {
  static const std::map<std::string, std::string, std::less<>> order = {
      {"sources", "id"},
      {"documents", "id"},
      {"units", "document_id, unit_no"},
      {"projects", "document_id, project_no"},
      {"indicators", "document_id, project_no, indicator_no"},
      {"diagnostics", "document_id, diagnostic_no"},
      {"findings", "document_id, finding_no"}};
  auto it = order.find(table);
  if (it == order.end()) throw StoreError("no table " + table + " in the store");
  db_->for_each("SELECT * FROM " + it->first + " ORDER BY " + it->second, row);
}

SqlResult Store::sql(const std::string& query) { return db_->read_only(query); }

std::string Store::generation() {
  // The counter every writing transaction bumps (store.cpp), and the
  // sources' count, highest id and latest time for a store written by a
  // binary that did not keep the counter yet.
  auto read = [&](const std::string& sql) {
    std::string key;
    for (const auto& row : db_->query(sql))
      for (const auto& v : row) key += v.value_or("-") + "|";
    return key;
  };
  std::string key = read("SELECT value FROM meta WHERE key = 'data_generation'");
  // The sources' part reads every source (2 million instructions for 2,000
  // of them, against thousands for the rest): in SQLite it is read again
  // only when another connection has written since (PRAGMA data_version)
  // or the counter moved (this connection's own writes), so that every
  // connection gives the same key.
  if (std::string(db_->dialect()) == "sqlite") {
    std::string version = read("PRAGMA data_version") + key;
    if (version != sources_version_) {
      sources_key_ = read("SELECT COUNT(*), MAX(id), MAX(ingested_at) FROM sources");
      sources_version_ = std::move(version);
    }
    return key + sources_key_;
  }
  return key + read("SELECT COUNT(*), MAX(id), MAX(ingested_at) FROM sources");
}

}  // namespace jixiao::store
