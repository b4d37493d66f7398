// The SQLite backend: one file, WAL journal, statements prepared once.
//
// WAL with synchronous=NORMAL keeps every committed transaction whole when
// the process is killed (only a power cut may lose the last commits, never
// tear one), which is what a one-transaction-per-file ingest needs. A bulk
// load into a store no other connection has open writes through a rollback
// journal instead and switches back to WAL at its end (store.cpp, leave_wal).
// Foreign keys are declared (for readers of the schema) but not enforced:
// the store deletes children itself, and a check per indicator row would
// double the cost of an ingest.
#include <sqlite3.h>

#include <array>
#include <charconv>
#include <iterator>
#include <cstring>
#include <map>
#include <memory>
#include <utility>

#include "store/connection.hpp"

namespace jixiao::store {
namespace {

// contains_text(needle, haystack…): 1 when the needle's bytes occur in any
// of the haystacks (NULL ones are skipped), else 0. For UTF-8 text a byte
// match is a character match, so it answers what instr(h, n) > 0 OR …
// answers, but with memmem instead of instr's character-by-character
// compare, and one call per row for all the columns of a search: a substring
// search scans hundreds of thousands of rows, and calls cost more than bytes.
void contains_text(sqlite3_context* context, int argc, sqlite3_value** args) {
  const void* needle = sqlite3_value_text(args[0]);
  if (!needle) return sqlite3_result_int(context, 0);
  const auto needle_bytes = static_cast<std::size_t>(sqlite3_value_bytes(args[0]));
  for (int i = 1; i < argc; ++i) {
    const void* haystack = sqlite3_value_text(args[i]);
    if (!haystack) continue;
    const auto haystack_bytes = static_cast<std::size_t>(sqlite3_value_bytes(args[i]));
    if (memmem(haystack, haystack_bytes, needle, needle_bytes)) return sqlite3_result_int(context, 1);
  }
  sqlite3_result_int(context, 0);
}

// The FTS5 tokenizer "characters": every UTF-8 character is one token, its
// bytes unchanged (no case folding, white space and punctuation included).
// A phrase query of a needle's characters then matches exactly the rows
// where the needle occurs as a substring of one column, which is what
// contains_text answers; a search word of one or two Chinese characters,
// the usual case, is a lookup in the index instead of a scan. A byte that
// does not start a well-formed sequence is a token by itself, so a valid
// needle still lines up with the valid characters around stray bytes.
int characters_create(void*, const char**, int, Fts5Tokenizer** out) {
  static int instance;  // no state: any non-null handle
  *out = reinterpret_cast<Fts5Tokenizer*>(&instance);
  return SQLITE_OK;
}
void characters_delete(Fts5Tokenizer*) {}

// The length of the UTF-8 sequence a byte starts (1 for ASCII and for a
// byte that starts none), looked up: the fill of the substring indexes calls
// the tokenizer for every character of every name and target.
constexpr auto kSequenceLength = [] {
  std::array<unsigned char, 256> length{};
  for (int lead = 0; lead < 256; ++lead)
    length[lead] = (lead >> 5) == 0x6 ? 2 : (lead >> 4) == 0xE ? 3 : (lead >> 3) == 0x1E ? 4 : 1;
  return length;
}();

int characters_tokenize(Fts5Tokenizer*, void* context, int, const char* text, int bytes,
                        int (*token)(void*, int, const char*, int, int, int)) {
  const auto* u = reinterpret_cast<const unsigned char*>(text);
  int at = 0;
  while (at < bytes) {
    int length = kSequenceLength[u[at]];
    if (at + length > bytes) length = 1;
    for (int k = 1; k < length; ++k) {
      if ((u[at + k] & 0xC0) != 0x80) {
        length = 1;
        break;
      }
    }
    if (int rc = token(context, 0, text + at, length, at, at + length); rc != SQLITE_OK) return rc;
    at += length;
  }
  return SQLITE_OK;
}

// Registers "characters" with the connection's FTS5 (the fts5_api pointer
// comes from SELECT fts5(?1), as the FTS5 documentation prescribes).
bool register_characters_tokenizer(sqlite3* db) {
  fts5_api* api = nullptr;
  sqlite3_stmt* stmt = nullptr;
  if (sqlite3_prepare_v2(db, "SELECT fts5(?1)", -1, &stmt, nullptr) != SQLITE_OK) return false;
  sqlite3_bind_pointer(stmt, 1, static_cast<void*>(&api), "fts5_api_ptr", nullptr);
  sqlite3_step(stmt);
  sqlite3_finalize(stmt);
  if (!api || api->iVersion < 2) return false;
  static fts5_tokenizer characters = {characters_create, characters_delete, characters_tokenize};
  return api->xCreateTokenizer(api, "characters", nullptr, &characters, nullptr) == SQLITE_OK;
}

void register_functions(sqlite3* db, const std::string& path) {
  if (sqlite3_create_function_v2(db, "contains_text", -1, SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS,
                                 nullptr, contains_text, nullptr, nullptr, nullptr) != SQLITE_OK) {
    throw StoreError(path + ": cannot register contains_text: " + sqlite3_errmsg(db));
  }
  if (!register_characters_tokenizer(db))
    throw StoreError(path + ": cannot register the FTS5 tokenizer (is SQLite built with FTS5?)");
}

class SqliteConnection final : public Store::Connection {
 public:
  SqliteConnection(const std::string& path, OpenMode mode, bool memory_map) : path_(path) {
    int flags =
        mode == OpenMode::ReadOnly ? SQLITE_OPEN_READONLY : (SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
    flags |= SQLITE_OPEN_NOMUTEX;
    if (sqlite3_open_v2(path.c_str(), &db_, flags, nullptr) != SQLITE_OK) {
      std::string msg = db_ ? sqlite3_errmsg(db_) : "out of memory";
      sqlite3_close(db_);
      db_ = nullptr;
      throw StoreError(path + ": cannot open the SQLite database: " + msg);
    }
    sqlite3_extended_result_codes(db_, 1);
    try {
      register_functions(db_, path);
    } catch (...) {
      sqlite3_close(db_);
      db_ = nullptr;
      throw;
    }
    sqlite3_busy_timeout(db_, 10000);
    // A long-lived connection reads pages through a memory map, not copied by
    // a read() each: its queries spend their time in SQLite instead of the
    // kernel. A one-shot command does not: mapping costs a page fault per
    // page touched, which made a scan of the whole file twice as dear.
    // A new store gets 8 KB pages (an existing one keeps its size: the
    // pragma only acts before the first write). Findings, projects and
    // indicators live in WITHOUT ROWID trees whose rows run to hundreds of
    // bytes; with 4 KB pages few fit a page, so inserts split pages often and
    // long rows spill to overflow pages. 8 KB pages took the writer from
    // 1,672 to 1,634 million instructions on 300 benchmark files (callgrind)
    // and made the file 7% smaller. Before journal_mode=WAL, which writes the header.
    if (mode == OpenMode::ReadWrite) exec_script("PRAGMA page_size=8192;");
    if (memory_map || mode == OpenMode::ReadWrite) exec_script("PRAGMA mmap_size=4294967296;");
    if (mode == OpenMode::ReadWrite) {
      // A 64 MB page cache keeps the indexes' inner pages in memory during a large ingest.
      exec_script(
          "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA cache_size=-65536; PRAGMA "
          "temp_store=MEMORY;");
    } else {
      exec_script("PRAGMA query_only=1;");
    }
  }

  ~SqliteConnection() override {
    for (auto& [sql, stmt] : cache_) sqlite3_finalize(stmt);
    sqlite3_close(db_);
  }

  const char* dialect() const override { return "sqlite"; }

  void exec_script(const std::string& sql) override {
    char* err = nullptr;
    if (sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, &err) != SQLITE_OK) {
      std::string msg = sqlite3_extended_errcode(db_) == SQLITE_READONLY_ROLLBACK ? message()
                        : err                                                    ? err
                                                                                 : sqlite3_errmsg(db_);
      sqlite3_free(err);
      throw StoreError(path_ + ": " + msg);
    }
  }

  std::vector<Row> query(const std::string& sql, const std::vector<Value>& params) override {
    sqlite3_stmt* stmt = prepared(sql);
    bind(stmt, params.data(), params.size());
    std::vector<Row> rows;
    int columns = sqlite3_column_count(stmt);
    int rc;
    while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) rows.push_back(read_row(stmt, columns));
    sqlite3_reset(stmt);
    sqlite3_clear_bindings(stmt);
    if (rc != SQLITE_DONE) fail(sql);
    return rows;
  }

  Window query_window(const std::string& sql, const std::vector<Value>& params, std::size_t skip,
                      std::size_t keep) override {
    sqlite3_stmt* stmt = prepared(sql);
    bind(stmt, params.data(), params.size());
    Window w;
    int columns = sqlite3_column_count(stmt);
    int rc;
    while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
      if (w.seen >= skip && w.seen - skip < keep) w.rows.push_back(read_row(stmt, columns));
      ++w.seen;
    }
    sqlite3_reset(stmt);
    sqlite3_clear_bindings(stmt);
    if (rc != SQLITE_DONE) fail(sql);
    return w;
  }

  std::int64_t insert_returning_id(const std::string& sql, const std::vector<Value>& params) override {
    query(sql, params);
    return sqlite3_last_insert_rowid(db_);
  }

  void for_each(const std::string& sql,
                const std::function<void(const std::vector<std::string>&, const Row&)>& row) override {
    sqlite3_stmt* stmt = nullptr;
    if (sqlite3_prepare_v2(db_, sql.c_str(), static_cast<int>(sql.size()), &stmt, nullptr) != SQLITE_OK)
      fail(sql);
    std::unique_ptr<sqlite3_stmt, int (*)(sqlite3_stmt*)> guard(stmt, sqlite3_finalize);
    std::vector<std::string> names;
    int columns = sqlite3_column_count(stmt);
    for (int c = 0; c < columns; ++c) names.emplace_back(sqlite3_column_name(stmt, c));
    int rc;
    while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) row(names, read_row(stmt, columns));
    if (rc != SQLITE_DONE) fail(sql);
  }

  // Rows go 16 or 4 to a statement (`INSERT … VALUES (…), (…)`), the rest
  // one by one: a statement's own cost (step, reset, its opening opcodes) is
  // then shared, which took the writer's rows from 551 to 444 million
  // instructions on 300 benchmark files (callgrind; 64 at a time was worse,
  // since most documents have fewer projects and findings than that). A
  // statement of several rows says OR FAIL: with the default ABORT SQLite
  // would open a statement journal (and FTS5 flushes its pending terms at
  // every statement savepoint); any failure fails the call, and the caller
  // rolls the whole transaction back. FTS5 tables take one row a statement.
  void insert_rows(const std::string& table, const std::vector<std::string_view>& columns,
                   const std::vector<Value>& values) override {
    if (values.empty() || columns.empty()) return;
    const std::size_t width = columns.size();
    std::size_t rows = values.size() / width, at = 0;
    const bool virtual_table = table.size() > 4 && table.compare(table.size() - 4, 4, "_fts") == 0;
    std::string key = table;
    for (std::string_view c : columns) key.append(1, '\0').append(c);
    sqlite3_stmt* used[std::size(kRowsPerInsert) + 1] = {};
    std::size_t last_size = std::size(kRowsPerInsert) + 1;  // the statement of the chunk before, if any
    // However the call ends, the statements it used hold no values after it.
    struct Clear {
      sqlite3_stmt** used;
      ~Clear() {
        for (std::size_t k = 0; k <= std::size(kRowsPerInsert); ++k)
          if (used[k]) sqlite3_clear_bindings(used[k]);
      }
    } clear{used};
    while (rows > 0) {
      std::size_t size = std::size(kRowsPerInsert);  // one row
      for (std::size_t k = 0; k < std::size(kRowsPerInsert); ++k) {
        if (!virtual_table && rows >= kRowsPerInsert[k]) {
          size = k;
          break;
        }
      }
      const std::size_t chunk = size < std::size(kRowsPerInsert) ? kRowsPerInsert[size] : 1;
      sqlite3_stmt* stmt = used[size] ? used[size] : (used[size] = insert_statement(key, table, columns, chunk));
      // A statement's parameters are all NULL when a call first uses it
      // (every use of a statement ends by clearing them: query() and Clear
      // above): a NULL value needs no call then, and later only where the
      // chunk before, which the statement still holds, had a value.
      const Value* before = last_size == size ? values.data() + at - chunk * width : nullptr;
      bind(stmt, values.data() + at, chunk * width, before, /*cleared=*/before == nullptr);
      last_size = size;
      int rc = sqlite3_step(stmt);
      sqlite3_reset(stmt);
      if (rc != SQLITE_DONE) fail("INSERT INTO " + table);
      at += chunk * width;
      rows -= chunk;
    }
  }

  void begin() override { exec_script("BEGIN IMMEDIATE"); }
  void commit() override { exec_script("COMMIT"); }
  void rollback() noexcept override { sqlite3_exec(db_, "ROLLBACK", nullptr, nullptr, nullptr); }

  SqlResult read_only(const std::string& sql) override {
    // A separate read-only handle: whatever the text says, it cannot write.
    sqlite3* ro = nullptr;
    if (sqlite3_open_v2(path_.c_str(), &ro, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX, nullptr) !=
        SQLITE_OK) {
      std::string msg = ro ? sqlite3_errmsg(ro) : "out of memory";
      sqlite3_close(ro);
      throw StoreError(path_ + ": " + msg);
    }
    std::unique_ptr<sqlite3, int (*)(sqlite3*)> guard(ro, sqlite3_close);
    sqlite3_busy_timeout(ro, 10000);
    register_functions(ro, path_);  // so that the user's SQL may search as the store does
    sqlite3_exec(ro, "PRAGMA query_only=1", nullptr, nullptr, nullptr);
    sqlite3_stmt* stmt = nullptr;
    const char* tail = nullptr;
    if (sqlite3_prepare_v2(ro, sql.c_str(), static_cast<int>(sql.size()), &stmt, &tail) != SQLITE_OK) {
      throw StoreError(std::string("sql: ") + sqlite3_errmsg(ro));
    }
    std::unique_ptr<sqlite3_stmt, int (*)(sqlite3_stmt*)> stmt_guard(stmt, sqlite3_finalize);
    if (!stmt) throw StoreError("sql: no statement given");
    for (const char* p = tail; p && *p; ++p) {
      if (*p != ' ' && *p != '\n' && *p != '\t' && *p != '\r' && *p != ';') {
        throw StoreError("sql: one statement at a time, please (found more after the first)");
      }
    }
    if (!sqlite3_stmt_readonly(stmt)) throw StoreError("sql: only statements that read are allowed");
    SqlResult result;
    int columns = sqlite3_column_count(stmt);
    for (int c = 0; c < columns; ++c) result.columns.emplace_back(sqlite3_column_name(stmt, c));
    int rc;
    while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) result.rows.push_back(read_row(stmt, columns));
    if (rc != SQLITE_DONE) throw StoreError(std::string("sql: ") + sqlite3_errmsg(ro));
    return result;
  }

 private:
  sqlite3_stmt* prepared(const std::string& sql) {
    auto it = cache_.find(sql);
    if (it != cache_.end()) return it->second;
    sqlite3_stmt* stmt = nullptr;
    if (sqlite3_prepare_v3(db_, sql.c_str(), static_cast<int>(sql.size()), SQLITE_PREPARE_PERSISTENT, &stmt,
                           nullptr) != SQLITE_OK) {
      fail(sql);
    }
    cache_.emplace(sql, stmt);
    return stmt;
  }

  // Binds values[0, n) to parameters 1…n. A row of the store is a third
  // NULLs and a bind is a call, so a NULL is not bound where the parameter
  // is NULL already: everywhere when `cleared` (the statement is new or
  // sqlite3_clear_bindings cleared it), or where `bound` (the values the
  // statement holds now) has a NULL. With neither, every value is bound.
  void bind(sqlite3_stmt* stmt, const Value* values, std::size_t n, const Value* bound = nullptr,
            bool cleared = false) {
    for (std::size_t i = 0; i < n; ++i) {
      int at = static_cast<int>(i) + 1, rc = SQLITE_OK;
      switch (values[i].kind) {
        case Value::Null:
          if (!cleared && (!bound || bound[i].kind != Value::Null)) rc = sqlite3_bind_null(stmt, at);
          break;
        case Value::Int:
          rc = sqlite3_bind_int64(stmt, at, values[i].integer);
          break;
        case Value::Text:
          rc = sqlite3_bind_text(stmt, at, values[i].text.data(), static_cast<int>(values[i].text.size()),
                                 SQLITE_STATIC);
          break;
      }
      if (rc != SQLITE_OK) {
        sqlite3_clear_bindings(stmt);  // no value of this call stays bound
        fail("bind");
      }
    }
  }

  // Integers are written by to_chars, as SQLite would print them ("%lld"),
  // without SQLite converting the cell to text in place first (a page of
  // search results holds hundreds of them).
  static Row read_row(sqlite3_stmt* stmt, int columns) {
    Row row;
    row.reserve(columns);
    for (int c = 0; c < columns; ++c) {
      const int type = sqlite3_column_type(stmt, c);
      if (type == SQLITE_NULL) {
        row.emplace_back();
      } else if (type == SQLITE_INTEGER) {
        char digits[24];
        const auto end = std::to_chars(digits, digits + sizeof digits, sqlite3_column_int64(stmt, c)).ptr;
        row.emplace_back(std::string(digits, end));
      } else {
        const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(stmt, c));
        row.emplace_back(std::string(text, sqlite3_column_bytes(stmt, c)));
      }
    }
    return row;
  }

  static constexpr std::size_t kRowsPerInsert[] = {16, 4};

  // The INSERT of `rows` rows into `table` (`key`: the table and its columns).
  sqlite3_stmt* insert_statement(const std::string& key, const std::string& table,
                                 const std::vector<std::string_view>& columns, std::size_t rows) {
    auto it = inserts_.find({key, rows});
    if (it != inserts_.end()) return it->second;
    std::string sql = std::string(rows > 1 ? "INSERT OR FAIL INTO " : "INSERT INTO ") + table + " (";
    for (std::size_t i = 0; i < columns.size(); ++i) sql.append(i ? ", " : "").append(columns[i]);
    sql += ") VALUES ";
    for (std::size_t r = 0; r < rows; ++r) {
      sql += r ? ", (" : "(";
      for (std::size_t i = 0; i < columns.size(); ++i) sql += i ? ", ?" : "?";
      sql += ")";
    }
    sqlite3_stmt* stmt = prepared(sql);
    inserts_.emplace(std::make_pair(key, rows), stmt);
    return stmt;
  }

  [[noreturn]] void fail(const std::string& what) {
    throw StoreError(path_ + ": " + message() + " (in: " + what.substr(0, 200) + ")");
  }

  // SQLite's message, but for a read-only open of a store whose writer was
  // killed while writing pages through a rollback journal (a bulk load,
  // docs/STORE.md "Bulk loading"): only a writer may roll that journal back.
  std::string message() const {
    if (sqlite3_extended_errcode(db_) == SQLITE_READONLY_ROLLBACK)
      return "a write was interrupted and its journal must be rolled back first: open the database for "
             "writing once (any jixiao ingest)";
    return sqlite3_errmsg(db_);
  }

  std::string path_;
  sqlite3* db_ = nullptr;
  std::map<std::string, sqlite3_stmt*> cache_;
  std::map<std::pair<std::string, std::size_t>, sqlite3_stmt*> inserts_;  // statements of cache_
};

}  // namespace

void prepare_for_concurrent_queries() {
  // SQLITE_MISUSE once SQLite is initialised: then it is too late, and harmless.
  sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
}

std::unique_ptr<Store::Connection> open_sqlite(const std::string& path, OpenMode mode, bool memory_map) {
  // No command reads SQLite's memory statistics, and keeping them takes a
  // process-wide mutex on every allocation SQLite makes (millions in an
  // ingest: the text search fill allocates per term). Only the process's
  // first open can turn them off; later calls change nothing.
  prepare_for_concurrent_queries();
  return std::make_unique<SqliteConnection>(path, mode, memory_map);
}

}  // namespace jixiao::store
