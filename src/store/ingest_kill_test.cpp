// Killing `jixiao ingest` with SIGKILL mid-run leaves a database that opens,
// holds only whole documents, and a re-run completes the rest — on both
// backends, with the real binary on a generated corpus. On SQLite the run is
// a bulk load (an empty store): killed with its indexes pending, the store
// is refused to readers until the next open for writing builds them, and
// then answers every question as a store written row by row. The bulk load
// writes through a rollback journal (no other connection is open when it
// starts), so the kill also tests that journal's recovery.
#include <gtest/gtest.h>
#include <signal.h>
#include <sqlite3.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <thread>

#include "check/rules.hpp"
#include "store/ingest.hpp"
#include "store/store_test_support.hpp"
#include "test_support.hpp"

namespace jixiao::store {
namespace {

namespace fs = std::filesystem;
using jixiao::testing::run_command;
using testing::StoreBackendTest;

constexpr int kDocuments = 1500;

// Read with SQLite's own API on SQLite: a store opens read-only only when
// no bulk load's indexes are pending, and this one is being bulk loaded.
std::int64_t count_documents(const std::string& target) {
  if (!is_postgres_url(target)) {
    sqlite3* db = nullptr;
    std::int64_t n = 0;
    if (sqlite3_open_v2(target.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK) {
      sqlite3_busy_timeout(db, 1000);
      sqlite3_stmt* stmt = nullptr;
      if (sqlite3_prepare_v2(db, "SELECT COUNT(*) FROM documents", -1, &stmt, nullptr) == SQLITE_OK &&
          sqlite3_step(stmt) == SQLITE_ROW)
        n = sqlite3_column_int64(stmt, 0);
      sqlite3_finalize(stmt);
    }
    sqlite3_close(db);
    return n;
  }
  try {
    auto store = Store::open(target, OpenMode::ReadOnly);
    return std::stoll(*store->sql("SELECT COUNT(*) FROM documents").rows.at(0).at(0));
  } catch (const StoreError&) {
    return 0;  // not created yet
  }
}

// Byte 18 of a SQLite file's header: 2 in WAL mode, 1 with a rollback
// journal, 0 when the file is not there yet.
int journal_mode_byte(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  char bytes[19] = {};
  return in.read(bytes, sizeof bytes) ? bytes[18] : 0;
}


TEST_P(StoreBackendTest, SigkillMidIngestLeavesWholeDocumentsAndARerunCompletes) {
  const fs::path corpus = scratch() / "corpus";
  int status = 0;
  run_command(std::string(JIXIAO_BINARY) + " synth --docs " + std::to_string(kDocuments) +
          " --seed 7 --layout mixed --no-gold --to '" + corpus.string() + "' 2>&1",
      &status);
  ASSERT_EQ(status, 0);

  pid_t child = fork();
  ASSERT_GE(child, 0);
  if (child == 0) {
    freopen("/dev/null", "w", stdout);
    freopen("/dev/null", "w", stderr);
    execl(JIXIAO_BINARY, JIXIAO_BINARY, "ingest", corpus.c_str(), "--db", target().c_str(), "--threads", "2",
          static_cast<char*>(nullptr));
    _exit(127);
  }
  // Kill it once some documents are in, while it is still writing.
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
  const bool sqlite = !is_postgres_url(target());
  if (sqlite) {
    // No connection of ours may be open when the bulk load leaves WAL mode
    // (it would stay in WAL mode then): wait for the switch, reading only
    // the file header, before asking SQLite anything.
    while (std::chrono::steady_clock::now() < deadline && journal_mode_byte(target()) != 1)
      std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  std::int64_t before_kill = 0;
  while (std::chrono::steady_clock::now() < deadline) {
    before_kill = count_documents(target());
    if (before_kill >= 10) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  kill(child, SIGKILL);
  int wstatus = 0;
  waitpid(child, &wstatus, 0);
  ASSERT_TRUE(WIFSIGNALED(wstatus)) << "ingest finished before it could be killed; make the corpus larger";

  if (sqlite) {
    // Killed in a bulk load (an empty store, all files new), which writes
    // through a rollback journal: its indexes are pending.
    EXPECT_EQ(journal_mode_byte(target()), 1) << "the bulk load did not write through a rollback journal";
    // Opened for writing: killed in a commit, it leaves a hot journal, which
    // only a writer may roll back (the Store's read-only open then says so).
    sqlite3* db = nullptr;
    ASSERT_EQ(sqlite3_open_v2(target().c_str(), &db, SQLITE_OPEN_READWRITE, nullptr), SQLITE_OK);
    sqlite3_stmt* stmt = nullptr;
    ASSERT_EQ(
        sqlite3_prepare_v2(db, "SELECT COUNT(*) FROM meta WHERE key = 'indexes_pending'", -1, &stmt, nullptr),
        SQLITE_OK);
    ASSERT_EQ(sqlite3_step(stmt), SQLITE_ROW);
    EXPECT_EQ(sqlite3_column_int(stmt, 0), 1) << "the ingest was not a bulk load";
    sqlite3_finalize(stmt);
    sqlite3_close(db);
    EXPECT_THROW(Store::open(target(), OpenMode::ReadOnly), StoreError);
  }
  {
    // Opens (builds the pending indexes; a hot journal was rolled back by the open above).
    auto store = Store::open(target());
    EXPECT_FALSE(store->indexes_pending());
    auto docs = std::stoll(*store->sql("SELECT COUNT(*) FROM documents").rows.at(0).at(0));
    EXPECT_GE(docs, before_kill);
    EXPECT_LT(docs, kDocuments);
    // Whole documents only: every count a document row promises is there.
    auto torn = store->sql(
        "SELECT d.id FROM documents d WHERE d.projects <> (SELECT COUNT(*) FROM projects p WHERE "
        "p.document_id = d.id) "
        "OR d.indicators <> (SELECT COUNT(*) FROM indicators i WHERE i.document_id = d.id) "
        "OR d.units <> (SELECT COUNT(*) FROM units u WHERE u.document_id = d.id)");
    EXPECT_TRUE(torn.rows.empty()) << torn.rows.size() << " torn document(s)";
    auto sources = store->sql(
        "SELECT s.id FROM sources s WHERE s.documents <> (SELECT COUNT(*) FROM documents d WHERE d.source_id "
        "= s.id)");
    EXPECT_TRUE(sources.rows.empty());
  }

  std::string out = run_command(
      std::string(JIXIAO_BINARY) + " ingest '" + corpus.string() + "' --db '" + target() + "' 2>/dev/null",
      &status);
  EXPECT_EQ(status, 0) << out;
  EXPECT_NE(out.find(", 0 failed"), std::string::npos) << out;
  EXPECT_NE(out.find("unchanged"), std::string::npos) << out;
  EXPECT_EQ(count_documents(target()), kDocuments);

  // Every question answers as on a store written file by file, row by row.
  testing::TestDatabase reference(GetParam());
  auto expected = Store::open(reference.target());
  std::vector<IngestFailure> missing;
  const check::Checker checker;
  for (const std::string& file : collect_files({corpus.string()}, missing))
    expected->put_file(read_file(file, checker));
  auto store = Store::open(target(), OpenMode::ReadOnly);
  testing::expect_same_answers(testing::answers(*store), testing::answers(*expected));
  if (sqlite) {
    const std::string indexes = "SELECT name, sql FROM sqlite_master WHERE type = 'index' ORDER BY name";
    EXPECT_EQ(store->sql(indexes).rows, expected->sql(indexes).rows);
  }
}

// Instantiated for both backends in store_test.cpp (one instantiation per fixture).

}  // namespace
}  // namespace jixiao::store
