#include "store/export.hpp"

#include <xlsxwriter.h>

#include <filesystem>
#include <fstream>
#include <set>

#include "model/json.hpp"
#include "store/store_internal.hpp"

namespace jixiao::store {
namespace {

bool is_amount(const std::string& column) {
  return column.size() > 6 && column.compare(column.size() - 6, 6, "_cents") == 0;
}
std::string shown_name(const std::string& column) {
  return is_amount(column) ? column.substr(0, column.size() - 6) : column;
}
std::string amount_text(const std::optional<std::string>& cents) {
  auto d = from_cents(cents);
  return d ? d->to_string() : "";
}

// Integer columns of the schema, written as numbers in XLSX.
bool is_integer(const std::string& c) {
  static const std::set<std::string> names = {
      "id",         "source_id", "document_id", "ordinal",    "year",          "size",      "documents",
      "units",      "projects",  "indicators",  "errors",     "warnings",      "notices",   "quality",
      "completeness", "measurability", "consistency", "first_line", "last_line", "page", "line",
      "unit_no",    "project_no", "indicator_no", "diagnostic_no", "finding_no", "severity_rank", "has_total"};
  return names.count(c) > 0;
}

void csv_field(std::string& out, const std::string& v) {
  if (v.find_first_of(",\"\n\r") == std::string::npos) {
    out += v;
    return;
  }
  out += '"';
  for (char c : v) {
    if (c == '"') out += '"';
    out += c;
  }
  out += '"';
}

}  // namespace

std::size_t export_jsonl(Store& store, std::ostream& out) {
  JsonOptions options;
  options.with_provenance = true;
  options.with_structured_targets = true;
  std::size_t n = 0;
  for (std::int64_t id : store.document_ids()) {
    auto doc = store.load_document(id);
    if (!doc) continue;
    write_json(out, *doc, options, -1);
    out << '\n';
    ++n;
  }
  if (!out) throw StoreError("cannot write the JSON Lines output");
  return n;
}

std::size_t export_csv(Store& store, const std::string& dir) {
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (ec) throw StoreError(dir + ": cannot create the folder: " + ec.message());
  std::size_t rows = 0;
  for (const std::string& table : kTables) {
    const std::string path = (std::filesystem::path(dir) / (table + ".csv")).string();
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    if (!out) throw StoreError(path + ": cannot write");
    out << "\xEF\xBB\xBF";  // BOM: Excel reads the file as UTF-8
    bool header = false;
    std::string line;
    store.scan(table, [&](const std::vector<std::string>& columns, const std::vector<std::optional<std::string>>& v) {
      line.clear();
      if (!header) {
        for (std::size_t c = 0; c < columns.size(); ++c) {
          if (c) line += ',';
          csv_field(line, shown_name(columns[c]));
        }
        line += "\r\n";
        header = true;
      }
      for (std::size_t c = 0; c < columns.size(); ++c) {
        if (c) line += ',';
        csv_field(line, is_amount(columns[c]) ? amount_text(v[c]) : v[c].value_or(""));
      }
      line += "\r\n";
      out << line;
      ++rows;
    });
    if (!header) {
      // An empty table still gets its header, so a script sees the columns.
      auto r = store.sql("SELECT * FROM " + table + " WHERE 1 = 0");
      line.clear();
      for (std::size_t c = 0; c < r.columns.size(); ++c) {
        if (c) line += ',';
        csv_field(line, shown_name(r.columns[c]));
      }
      out << line << "\r\n";
    }
    if (!out) throw StoreError(path + ": write failed");
  }
  return rows;
}

std::size_t export_xlsx(Store& store, const std::string& path) {
  lxw_workbook_options options{};
  options.constant_memory = 1;  // rows go straight to temporary files, in order
  options.use_zip64 = 1;
  lxw_workbook* book = workbook_new_opt(path.c_str(), &options);
  if (!book) throw StoreError(path + ": cannot create the XLSX file");
  lxw_format* money = workbook_add_format(book);
  format_set_num_format(money, "0.00");
  lxw_format* bold = workbook_add_format(book);
  format_set_bold(bold);
  std::size_t rows = 0;
  std::string failure;
  for (const std::string& table : kTables) {
    lxw_worksheet* sheet = workbook_add_worksheet(book, table.c_str());
    worksheet_freeze_panes(sheet, 1, 0);
    lxw_row_t r = 0;
    auto header = [&](const std::vector<std::string>& columns) {
      for (std::size_t c = 0; c < columns.size(); ++c)
        worksheet_write_string(sheet, 0, static_cast<lxw_col_t>(c), shown_name(columns[c]).c_str(), bold);
      r = 1;
    };
    try {
      store.scan(table, [&](const std::vector<std::string>& columns, const std::vector<std::optional<std::string>>& v) {
        if (r == 0) header(columns);
        if (r >= LXW_ROW_MAX) throw StoreError("table " + table + " has more rows than an XLSX sheet holds; export CSV");
        for (std::size_t c = 0; c < columns.size(); ++c) {
          if (!v[c]) continue;
          auto col = static_cast<lxw_col_t>(c);
          lxw_error e;
          if (is_amount(columns[c])) {
            e = worksheet_write_number(sheet, r, col, static_cast<double>(std::stoll(*v[c])) / 100.0, money);
          } else if (is_integer(columns[c])) {
            e = worksheet_write_number(sheet, r, col, static_cast<double>(std::stoll(*v[c])), nullptr);
          } else {
            // A cell holds at most 32,767 characters; longer text is cut there (CSV keeps it whole).
            std::string text = v[c]->size() > 32000 ? v[c]->substr(0, 32000) : *v[c];
            e = worksheet_write_string(sheet, r, col, text.c_str(), nullptr);
          }
          if (e != LXW_NO_ERROR) throw StoreError(table + ": " + lxw_strerror(e));
        }
        ++r;
        ++rows;
      });
      if (r == 0) header(store.sql("SELECT * FROM " + table + " WHERE 1 = 0").columns);
    } catch (const std::exception& e) {
      failure = e.what();
      break;
    }
  }
  lxw_error closed = workbook_close(book);
  if (!failure.empty()) throw StoreError(path + ": " + failure);
  if (closed != LXW_NO_ERROR) throw StoreError(path + ": " + lxw_strerror(closed));
  return rows;
}

}  // namespace jixiao::store
