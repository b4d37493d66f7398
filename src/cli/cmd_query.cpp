// `jixiao query …`: the everyday questions without SQL, and `jixiao sql "…"`
// for anything else (read-only). Readable tables by default; --json prints
// {"total", "offset", "rows": […]} with amounts as exact decimal strings.
//
//   jixiao query documents   [--text T] [--department D] [--year Y]
//   jixiao query projects    [--text T] [--department D] [--year Y] [--unit U]
//   jixiao query indicators  [… --level1 L --level2 L --qualitative]
//   jixiao query qualitative [… as indicators]   indicators with a qualitative target
//   jixiao query totals      --by department|unit|year|category
//   jixiao query history     NAME               the same project across years
//   jixiao query rank        [--departments] [--worst]   by quality score
//   jixiao query findings    [--text T]         most serious first
#include <fmt/format.h>

#include <filesystem>
#include <iostream>
#include <memory>
#include <nlohmann/json.hpp>

#include "cli/commands.hpp"
#include "cli/table.hpp"
#include "store/store.hpp"

namespace jixiao::cli {
namespace {

using ojson = nlohmann::ordered_json;

struct QueryOptions {
  std::string db = "jixiao.db";
  bool json = false;
  store::Filter filter;
  int year = 0;
  store::Page page;
  std::string by = "department";
  std::string name;
  bool departments = false;
  bool worst = false;
};

ojson opt_json(const std::optional<std::string>& s) { return s ? ojson(*s) : ojson(nullptr); }
ojson opt_json(const std::optional<int>& i) { return i ? ojson(*i) : ojson(nullptr); }
ojson amount_json(const std::optional<Decimal>& d) { return d ? ojson(d->to_string()) : ojson(nullptr); }
std::string amount_text(const std::optional<Decimal>& d) { return d ? d->to_string() : "-"; }
ojson amounts_json(const Amounts& a) {
  return {{"total", amount_json(a.total)}, {"fiscal", amount_json(a.fiscal)}, {"special", amount_json(a.special)},
          {"other", amount_json(a.other)}};
}

void print_json(const ojson& j) {
  std::cout << j.dump(2, ' ', false, ojson::error_handler_t::replace) << "\n";
}

void footer(std::int64_t total, std::size_t shown, const store::Page& page) {
  if (static_cast<std::int64_t>(shown) < total)
    fmt::print("({} of {} shown, from {}; --limit/--offset for more)\n", shown, total, page.offset + 1);
  else
    fmt::print("({} in all)\n", total);
}

ojson paged(std::int64_t total, const store::Page& page, ojson rows) {
  return {{"total", total}, {"offset", page.offset}, {"rows", std::move(rows)}};
}

ojson project_json(const store::ProjectRow& p) {
  return {{"document_id", p.document_id}, {"project_no", p.project_no}, {"department", opt_json(p.department)},
          {"year", opt_json(p.year)},      {"unit", p.unit},             {"name", opt_json(p.name)},
          {"amount_unit", p.amount_unit},  {"amounts", amounts_json(p.amounts)}, {"goal", opt_json(p.goal)},
          {"indicators", p.indicators},    {"quality", opt_json(p.quality)},
          {"completeness", opt_json(p.completeness)}, {"measurability", opt_json(p.measurability)},
          {"consistency", opt_json(p.consistency)}};
}

void print_projects(const std::vector<store::ProjectRow>& rows, bool with_year_first) {
  TextTable t;
  t.headers = {"doc", "#", "year", "department", "unit", "project", "总计", "quality", "indicators"};
  if (with_year_first) t.headers = {"year", "department", "unit", "project", "总计", "财政拨款", "quality", "doc", "#"};
  for (const auto& p : rows) {
    if (with_year_first) {
      t.rows.push_back({or_dash(p.year), or_dash(p.department), p.unit, or_dash(p.name), amount_text(p.amounts.total),
                        amount_text(p.amounts.fiscal), or_dash(p.quality), std::to_string(p.document_id),
                        std::to_string(p.project_no)});
    } else {
      t.rows.push_back({std::to_string(p.document_id), std::to_string(p.project_no), or_dash(p.year),
                        or_dash(p.department), p.unit, or_dash(p.name), amount_text(p.amounts.total),
                        or_dash(p.quality), std::to_string(p.indicators)});
    }
  }
  t.print();
}

// A stored path as a person would type it from here: relative when the file
// lies under the current folder (the table cuts long cells at their end).
std::string shown_path(const std::string& path) {
  std::error_code ec;
  auto here = std::filesystem::current_path(ec);
  auto rel = std::filesystem::path(path).lexically_relative(here);
  if (ec || rel.empty() || *rel.begin() == "..") return path;
  return rel.string();
}

void run_documents(store::Store& db, const QueryOptions& o) {
  auto r = db.documents(o.filter, o.page);
  if (o.json) {
    ojson rows = ojson::array();
    for (const auto& d : r.rows)
      rows.push_back({{"id", d.id}, {"source_path", d.source_path}, {"ordinal", d.ordinal}, {"title", opt_json(d.title)},
                      {"department", opt_json(d.department)}, {"year", opt_json(d.year)}, {"layout", d.layout},
                      {"amount_unit", d.amount_unit}, {"total", amount_json(d.total)}, {"units", d.units},
                      {"projects", d.projects}, {"indicators", d.indicators},
                      {"findings", {{"error", d.errors}, {"warning", d.warnings}, {"notice", d.notices}}},
                      {"quality", opt_json(d.quality)}});
    return print_json(paged(r.total, o.page, std::move(rows)));
  }
  TextTable t;
  t.headers = {"id", "department", "year", "layout", "合计", "projects", "indicators", "errors", "warnings", "quality", "file"};
  for (const auto& d : r.rows)
    t.rows.push_back({std::to_string(d.id), or_dash(d.department), or_dash(d.year), d.layout,
                      d.total ? d.total->to_string() + " " + d.amount_unit : "-", std::to_string(d.projects),
                      std::to_string(d.indicators), std::to_string(d.errors), std::to_string(d.warnings),
                      or_dash(d.quality), shown_path(d.source_path)});
  t.print();
  footer(r.total, r.rows.size(), o.page);
}

void run_projects(store::Store& db, const QueryOptions& o) {
  auto r = db.projects(o.filter, o.page);
  if (o.json) {
    ojson rows = ojson::array();
    for (const auto& p : r.rows) rows.push_back(project_json(p));
    return print_json(paged(r.total, o.page, std::move(rows)));
  }
  print_projects(r.rows, false);
  footer(r.total, r.rows.size(), o.page);
}

void run_indicators(store::Store& db, const QueryOptions& o) {
  auto r = db.indicators(o.filter, o.page);
  if (o.json) {
    ojson rows = ojson::array();
    for (const auto& i : r.rows)
      rows.push_back({{"document_id", i.document_id}, {"project_no", i.project_no}, {"indicator_no", i.indicator_no},
                      {"department", opt_json(i.department)}, {"year", opt_json(i.year)}, {"unit", i.unit},
                      {"project", opt_json(i.project)}, {"level1", i.level1}, {"level2", i.level2},
                      {"name", i.name}, {"period_target", opt_json(i.period_target)},
                      {"annual_target", opt_json(i.annual_target)}, {"annual_kind", i.annual_kind}});
    return print_json(paged(r.total, o.page, std::move(rows)));
  }
  TextTable t;
  t.headers = {"doc", "department", "project", "一级", "二级", "indicator", "实施周期", "年度", "kind"};
  for (const auto& i : r.rows)
    t.rows.push_back({std::to_string(i.document_id), or_dash(i.department), or_dash(i.project), i.level1, i.level2,
                      i.name, or_dash(i.period_target), or_dash(i.annual_target), i.annual_kind});
  t.print();
  footer(r.total, r.rows.size(), o.page);
}

void run_totals(store::Store& db, const QueryOptions& o) {
  store::TotalsBy by = o.by == "unit"       ? store::TotalsBy::Unit
                       : o.by == "year"     ? store::TotalsBy::Year
                       : o.by == "category" ? store::TotalsBy::Category
                                            : store::TotalsBy::Department;
  auto rows = db.totals(by, o.filter);
  if (o.json) {
    ojson out = ojson::array();
    for (const auto& r : rows)
      out.push_back({{o.by, r.key}, {"amount_unit", r.amount_unit}, {"amounts", amounts_json(r.amounts)},
                     {"documents", r.documents}, {"projects", r.projects}});
    return print_json(out);
  }
  TextTable t;
  if (by == store::TotalsBy::Category) {
    t.headers = {"category", "amount", "unit"};
    for (const auto& r : rows) t.rows.push_back({r.key, amount_text(r.amounts.total), r.amount_unit});
  } else {
    t.headers = {o.by, "总计", "财政拨款", "财政专户拨款", "其他资金", "unit", "documents", "projects"};
    for (const auto& r : rows)
      t.rows.push_back({r.key.empty() ? "-" : r.key, amount_text(r.amounts.total), amount_text(r.amounts.fiscal),
                        amount_text(r.amounts.special), amount_text(r.amounts.other), r.amount_unit,
                        std::to_string(r.documents), std::to_string(r.projects)});
  }
  t.print();
}

void run_history(store::Store& db, const QueryOptions& o) {
  auto rows = db.project_history(o.name);
  if (o.json) {
    ojson out = ojson::array();
    for (const auto& p : rows) out.push_back(project_json(p));
    return print_json(out);
  }
  print_projects(rows, true);
  fmt::print("({} reading(s) of \"{}\")\n", rows.size(), o.name);
}

void run_rank(store::Store& db, const QueryOptions& o) {
  if (o.departments) {
    auto rows = db.rank_departments(o.filter, o.worst);
    if (o.json) {
      ojson out = ojson::array();
      for (const auto& d : rows)
        out.push_back({{"department", d.department}, {"year", opt_json(d.year)}, {"projects", d.projects},
                       {"quality", d.quality}, {"worst", d.worst}});
      return print_json(out);
    }
    TextTable t;
    t.headers = {"rank", "department", "year", "quality", "worst project", "projects"};
    int n = 0;
    for (const auto& d : rows)
      t.rows.push_back({std::to_string(++n), d.department.empty() ? "-" : d.department, or_dash(d.year),
                        std::to_string(d.quality), std::to_string(d.worst), std::to_string(d.projects)});
    t.print();
    return;
  }
  auto r = db.rank_projects(o.filter, o.worst, o.page);
  if (o.json) {
    ojson rows = ojson::array();
    for (const auto& p : r.rows) rows.push_back(project_json(p));
    return print_json(paged(r.total, o.page, std::move(rows)));
  }
  TextTable t;
  t.headers = {"rank", "quality", "完整", "可衡量", "一致", "department", "project", "doc", "#"};
  int n = o.page.offset;
  for (const auto& p : r.rows)
    t.rows.push_back({std::to_string(++n), or_dash(p.quality), or_dash(p.completeness), or_dash(p.measurability),
                      or_dash(p.consistency), or_dash(p.department), or_dash(p.name), std::to_string(p.document_id),
                      std::to_string(p.project_no)});
  t.print();
  footer(r.total, r.rows.size(), o.page);
}

void run_findings(store::Store& db, const QueryOptions& o) {
  auto r = db.findings(o.filter, o.page);
  if (o.json) {
    ojson rows = ojson::array();
    for (const auto& f : r.rows)
      rows.push_back({{"document_id", f.document_id}, {"source_path", f.source_path},
                      {"department", opt_json(f.department)}, {"rule", f.rule}, {"severity", f.severity},
                      {"family", f.family}, {"message_zh", f.message_zh}, {"message_en", f.message_en},
                      {"unit", opt_json(f.unit)}, {"project", opt_json(f.project)},
                      {"indicator", opt_json(f.indicator)}, {"first_line", f.first_line}});
    return print_json(paged(r.total, o.page, std::move(rows)));
  }
  TextTable t;
  t.headers = {"severity", "rule", "department", "project", "indicator", "message"};
  t.max_width = 36;
  for (const auto& f : r.rows)
    t.rows.push_back({f.severity, f.rule, or_dash(f.department), or_dash(f.project), or_dash(f.indicator),
                      f.message_zh});
  t.print();
  footer(r.total, r.rows.size(), o.page);
}

using Runner = void (*)(store::Store&, const QueryOptions&);

void add_common(CLI::App* cmd, QueryOptions& o) {
  cmd->add_option("--db", o.db, "SQLite file or postgresql://… URL")->capture_default_str();
  cmd->add_flag("--json", o.json, "JSON for scripts");
}
void add_filters(CLI::App* cmd, QueryOptions& o, bool paged) {
  cmd->add_option("--text", o.filter.text, "substring of names, goals or targets");
  cmd->add_option("--department", o.filter.department, "substring of the department (部门)");
  cmd->add_option("--year", o.year, "budget year");
  cmd->add_option("--unit", o.filter.unit, "substring of the unit (资金使用单位)");
  if (paged) {
    cmd->add_option("--limit", o.page.limit, "rows per page")->capture_default_str();
    cmd->add_option("--offset", o.page.offset, "rows to skip");
  }
}

int run_query(const QueryOptions& given, Runner runner) {
  QueryOptions o = given;
  if (o.year) o.filter.year = o.year;
  try {
    auto db = store::Store::open(o.db, store::OpenMode::ReadOnly);
    runner(*db, o);
  } catch (const store::StoreError& e) {
    fmt::print(stderr, "jixiao query: {}: error: {}\n", o.db, e.what());
    return 2;
  }
  return 0;
}

}  // namespace

void register_query(CLI::App& app) {
  CLI::App* query = app.add_subcommand("query", "Ask the database the everyday questions (docs/STORE.md)");
  query->require_subcommand(1);
  auto add = [&](const char* name, const char* help, Runner runner, bool paged, auto extra) {
    auto o = std::make_shared<QueryOptions>();
    CLI::App* cmd = query->add_subcommand(name, help);
    add_common(cmd, *o);
    add_filters(cmd, *o, paged);
    extra(cmd, *o);
    cmd->callback([o, runner] {
      int status = run_query(*o, runner);
      if (status) throw CLI::RuntimeError(status);
    });
  };
  auto none = [](CLI::App*, QueryOptions&) {};
  auto levels = [](CLI::App* cmd, QueryOptions& o) {
    cmd->add_option("--level1", o.filter.level1, "一级指标 (产出指标, 效益指标 …)");
    cmd->add_option("--level2", o.filter.level2, "二级指标 (数量指标, 时效指标 …)");
  };
  add("documents", "List stored documents", run_documents, true, none);
  add("projects", "Find projects by text, department, year, unit", run_projects, true, none);
  add("indicators", "Find indicators by text, department, year, unit, level", run_indicators, true,
      [&](CLI::App* cmd, QueryOptions& o) {
        levels(cmd, o);
        cmd->add_flag("--qualitative", o.filter.qualitative_only, "only targets without a figure (达标, 提升 …)");
      });
  add("qualitative", "Indicators whose targets are qualitative", run_indicators, true,
      [&](CLI::App* cmd, QueryOptions& o) {
        levels(cmd, o);
        o.filter.qualitative_only = true;
      });
  add("totals", "Sum project amounts by department, unit, year or funding category", run_totals, false,
      [](CLI::App* cmd, QueryOptions& o) {
        cmd->add_option("--by", o.by, "department, unit, year or category")
            ->check(CLI::IsMember({"department", "unit", "year", "category"}))
            ->capture_default_str();
      });
  add("history", "The same project (by name) across years and departments", run_history, false,
      [](CLI::App* cmd, QueryOptions& o) { cmd->add_option("name", o.name, "project name")->required(); });
  add("rank", "Rank projects (or departments) by quality score", run_rank, true, [](CLI::App* cmd, QueryOptions& o) {
    cmd->add_flag("--departments", o.departments, "rank departments by their projects' mean score");
    cmd->add_flag("--worst", o.worst, "worst first");
  });
  add("findings", "Review findings, most serious first", run_findings, true, none);
}

void register_sql(CLI::App& app) {
  struct SqlOptions {
    std::string db = "jixiao.db";
    std::string query;
    bool json = false;
  };
  auto o = std::make_shared<SqlOptions>();
  CLI::App* cmd = app.add_subcommand("sql", "Run one read-only SQL statement on the database (docs/STORE.md)");
  cmd->add_option("query", o->query, "one SELECT (or other statement that only reads)")->required();
  cmd->add_option("--db", o->db, "SQLite file or postgresql://… URL")->capture_default_str();
  cmd->add_flag("--json", o->json, "rows as JSON objects (values as text, null for NULL)");
  cmd->callback([o] {
    try {
      auto db = store::Store::open(o->db, store::OpenMode::ReadOnly);
      store::SqlResult r = db->sql(o->query);
      if (o->json) {
        ojson rows = ojson::array();
        for (const auto& row : r.rows) {
          ojson obj = ojson::object();
          for (std::size_t c = 0; c < r.columns.size(); ++c) obj[r.columns[c]] = opt_json(row[c]);
          rows.push_back(std::move(obj));
        }
        print_json(rows);
      } else {
        TextTable t;
        t.headers = r.columns;
        t.max_width = 60;
        for (const auto& row : r.rows) {
          std::vector<std::string> cells;
          for (const auto& v : row) cells.push_back(v ? *v : "NULL");
          t.rows.push_back(std::move(cells));
        }
        t.print();
        fmt::print("({} row{})\n", r.rows.size(), r.rows.size() == 1 ? "" : "s");
      }
    } catch (const store::StoreError& e) {
      fmt::print(stderr, "jixiao sql: {}: error: {}\n", o->db, e.what());
      throw CLI::RuntimeError(2);
    }
  });
}

}  // namespace jixiao::cli
