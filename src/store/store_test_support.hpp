// For src/store/*_test.cpp: a fresh database per test on either backend, so
// the same tests run on SQLite and on PostgreSQL.
//
// PostgreSQL comes from JIXIAO_TEST_PG (a libpq URL; scripts/pg_test_server.sh
// starts one and scripts/setup.sh test sets it). Each test gets its own
// schema there, dropped afterwards. Without the variable the PostgreSQL
// variants skip with a message, except under CI=true, where they fail: a
// CI run must not pass by testing one backend.
#pragma once

#include <gtest/gtest.h>
#include <libpq-fe.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <type_traits>
#include <vector>

#include "store/store.hpp"

namespace jixiao::store::testing {

inline std::string pg_base_url() {
  const char* url = std::getenv("JIXIAO_TEST_PG");
  return url ? url : "";
}

inline bool in_ci() {
  const char* ci = std::getenv("CI");
  return ci && std::string(ci) == "true";
}

inline void pg_exec(const std::string& url, const std::string& sql) {
  PGconn* c = PQconnectdb(url.c_str());
  ASSERT_EQ(PQstatus(c), CONNECTION_OK) << PQerrorMessage(c);
  PGresult* r = PQexec(c, ("SET client_min_messages = warning; " + sql).c_str());
  EXPECT_EQ(PQresultStatus(r), PGRES_COMMAND_OK) << PQresultErrorMessage(r);
  PQclear(r);
  PQfinish(c);
}

// One database for one test: `target` is what Store::open and --db take.
class TestDatabase {
 public:
  explicit TestDatabase(const std::string& backend) : backend_(backend) {
    static std::atomic<int> counter{0};
    const std::string tag = std::to_string(getpid()) + "_" + std::to_string(counter++);
    if (backend == "sqlite") {
      dir_ = std::filesystem::temp_directory_path() / ("jixiao_store_test_" + tag);
      std::filesystem::remove_all(dir_);
      std::filesystem::create_directories(dir_);
      target_ = (dir_ / "test.db").string();
      return;
    }
    base_ = pg_base_url();
    if (base_.empty()) return;
    schema_ = "jixiao_test_" + tag;
    pg_exec(base_, "DROP SCHEMA IF EXISTS " + schema_ + " CASCADE; CREATE SCHEMA " + schema_);
    target_ =
        base_ + (base_.find('?') == std::string::npos ? "?" : "&") + "options=-csearch_path%3D" + schema_;
  }
  ~TestDatabase() {
    if (!dir_.empty()) std::filesystem::remove_all(dir_);
    if (!schema_.empty()) pg_exec(base_, "DROP SCHEMA IF EXISTS " + schema_ + " CASCADE");
  }
  bool available() const { return !target_.empty(); }
  const std::string& target() const { return target_; }
  const std::string& backend() const { return backend_; }
  // A scratch folder beside the database (removed with it).
  std::filesystem::path scratch() {
    if (dir_.empty()) {
      dir_ = std::filesystem::temp_directory_path() /
             ("jixiao_store_scratch_" + std::to_string(getpid()) + "_" + schema_);
      std::filesystem::create_directories(dir_);
    }
    return dir_;
  }

 private:
  std::string backend_, target_, base_, schema_;
  std::filesystem::path dir_;
};

// The fixture: GetParam() is "sqlite" or "postgresql".
class StoreBackendTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    db_ = std::make_unique<TestDatabase>(GetParam());
    if (!db_->available()) {
      if (in_ci()) FAIL() << "CI=true but JIXIAO_TEST_PG is not set: the PostgreSQL tests must run in CI";
      GTEST_SKIP()
          << "PostgreSQL tests skipped: set JIXIAO_TEST_PG (scripts/pg_test_server.sh start prints it)";
    }
  }
  const std::string& target() const { return db_->target(); }
  std::unique_ptr<Store> open(OpenMode mode = OpenMode::ReadWrite) { return Store::open(target(), mode); }
  std::filesystem::path scratch() { return db_->scratch(); }

  std::unique_ptr<TestDatabase> db_;
};

// What the everyday questions answer, as text without the stores' own
// numbering (document ids depend on the order files were written): two
// stores of the same files must give the same text, however each was built.
inline std::string answers(Store& store) {
  std::string out;
  auto opt = [](const auto& v) {
    if constexpr (requires { v->to_string(); }) {
      return v ? v->to_string() : std::string("-");
    } else if constexpr (std::is_same_v<std::decay_t<decltype(*v)>, std::string>) {
      return v ? *v : std::string("-");
    } else {
      return v ? std::to_string(*v) : std::string("-");
    }
  };
  auto amounts = [&](const Amounts& a) {
    return opt(a.total) + "/" + opt(a.fiscal) + "/" + opt(a.special) + "/" + opt(a.other);
  };
  const Page all{10000, 0};
  std::vector<std::string> lines;
  auto flush = [&](const std::string& what) {
    std::sort(lines.begin(), lines.end());
    out += what + "\n";
    for (const auto& l : lines) out += "  " + l + "\n";
    lines.clear();
  };
  for (const auto& d : store.documents({}, all).rows)
    lines.push_back(d.source_path + "#" + std::to_string(d.ordinal) + " " + opt(d.department) + " " +
                    opt(d.year) + " " + opt(d.total) + " " + std::to_string(d.projects) + " " +
                    std::to_string(d.indicators) + " " + opt(d.quality));
  flush("documents");
  auto project_line = [&](const ProjectRow& p) {
    return opt(p.department) + " " + opt(p.year) + " " + p.unit + " " + opt(p.name) + " " +
           amounts(p.amounts) + " " + std::to_string(p.indicators) + " " + opt(p.quality);
  };
  std::vector<Filter> filters(1);
  for (const char* text : {"率", "满意", "设备维护", "%", "项目", "100"}) {
    Filter f;
    f.text = text;
    filters.push_back(f);
    f.qualitative_only = true;
    filters.push_back(f);
  }
  Filter level;
  level.level1 = "产出指标";
  filters.push_back(level);
  Filter qualitative;
  qualitative.qualitative_only = true;
  filters.push_back(qualitative);
  for (const Filter& f : filters) {
    const std::string what = "text '" + f.text + "' qualitative " + std::to_string(f.qualitative_only) +
                             " level1 '" + f.level1 + "'";
    // A page holds at most 10,000 rows, in an order that may follow the ids: larger answers by count.
    auto projects = store.projects(f, all);
    if (projects.total <= all.limit)
      for (const auto& p : projects.rows) lines.push_back(project_line(p));
    flush("projects " + what + ": " + std::to_string(projects.total));
    auto indicators = store.indicators(f, all);
    for (const auto& i : indicators.rows)
      if (indicators.total <= all.limit)
        lines.push_back(opt(i.department) + " " + opt(i.year) + " " + opt(i.project) + " " + i.level1 + " " +
                        i.level2 + " " + i.name + " " + opt(i.annual_target) + " " + i.annual_kind);
    flush("indicators " + what + ": " + std::to_string(indicators.total));
  }
  for (TotalsBy by : {TotalsBy::Department, TotalsBy::Unit, TotalsBy::Year, TotalsBy::Category}) {
    for (const auto& t : store.totals(by, {}))
      lines.push_back(t.key + " " + amounts(t.amounts) + " " + std::to_string(t.documents) + " " +
                      std::to_string(t.projects));
    flush("totals");
  }
  for (const auto& r : store.rank_departments({}, false))
    out += "rank " + r.department + " " + opt(r.year) + " " + std::to_string(r.quality) + "\n";
  auto worst = store.rank_projects({}, true, all);
  if (worst.total <= all.limit)
    for (const auto& p : worst.rows) lines.push_back(project_line(p));
  flush("worst projects: " + std::to_string(worst.total));
  auto findings = store.findings({}, all);
  for (const auto& f : findings.rows)
    if (findings.total <= all.limit)
      lines.push_back(f.source_path + " " + f.rule + " " + f.severity + " " + f.message_zh + " " +
                      opt(f.project) + " " + opt(f.indicator) + " " + std::to_string(f.first_line));
  flush("findings: " + std::to_string(findings.total));
  return out;
}

// Fails with the first line where two answers() differ (not gtest's diff
// of the whole text, which for thousands of lines takes gigabytes).
inline void expect_same_answers(const std::string& actual, const std::string& expected) {
  if (actual == expected) return;
  std::size_t line = 1, at = 0;
  while (at < actual.size() && at < expected.size() && actual[at] == expected[at])
    line += actual[at++] == '\n';
  auto line_at = [&](const std::string& text) {
    const std::size_t start = text.rfind('\n', at == 0 ? 0 : at - 1);
    const std::size_t from = start == std::string::npos || at == 0 ? 0 : start + 1;
    return text.substr(from, text.find('\n', from) - from);
  };
  ADD_FAILURE() << "the answers differ from line " << line << ":\n  got:      " << line_at(actual)
                << "\n  expected: " << line_at(expected);
}

inline std::string backend_name(const ::testing::TestParamInfo<std::string>& info) { return info.param; }

}  // namespace jixiao::store::testing
