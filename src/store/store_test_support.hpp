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

#include <atomic>
#include <cstdlib>
#include <filesystem>
#include <string>

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
    target_ = base_ + (base_.find('?') == std::string::npos ? "?" : "&") + "options=-csearch_path%3D" + schema_;
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
      dir_ = std::filesystem::temp_directory_path() / ("jixiao_store_scratch_" + std::to_string(getpid()) + "_" +
                                                       schema_);
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
      GTEST_SKIP() << "PostgreSQL tests skipped: set JIXIAO_TEST_PG (scripts/pg_test_server.sh start prints it)";
    }
  }
  const std::string& target() const { return db_->target(); }
  std::unique_ptr<Store> open(OpenMode mode = OpenMode::ReadWrite) { return Store::open(target(), mode); }
  std::filesystem::path scratch() { return db_->scratch(); }

  std::unique_ptr<TestDatabase> db_;
};

inline std::string backend_name(const ::testing::TestParamInfo<std::string>& info) { return info.param; }

}  // namespace jixiao::store::testing
