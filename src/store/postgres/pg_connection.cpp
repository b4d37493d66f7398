// The PostgreSQL backend, through libpq: the module jixiao-postgres.so
// (store/postgres_module.hpp).
//
// Statements are prepared once per connection; rows are inserted with COPY
// (text format, every value escaped) because one round trip per indicator
// would make a large ingest wait on the network instead of the disk.
#include <libpq-fe.h>

#include <map>
#include <memory>

#include "store/connection.hpp"
#include "store/postgres_module.hpp"

namespace jixiao::store {
namespace {

// "… WHERE a = ? AND b = ?" → "… WHERE a = $1 AND b = $2" (outside quotes).
std::string number_placeholders(const std::string& sql) {
  std::string out;
  out.reserve(sql.size() + 16);
  int n = 0;
  bool quoted = false;
  for (char c : sql) {
    if (c == '\'') quoted = !quoted;
    if (c == '?' && !quoted) {
      out += '$';
      out += std::to_string(++n);
    } else {
      out += c;
    }
  }
  return out;
}

void append_copy_text(std::string& out, std::string_view s) {
  for (char c : s) {
    switch (c) {
      case '\\':
        out += "\\\\";
        break;
      case '\t':
        out += "\\t";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      default:
        out += c;
    }
  }
}

using Result = std::unique_ptr<PGresult, void (*)(PGresult*)>;

class PgConnection final : public Store::Connection {
 public:
  PgConnection(const std::string& url, OpenMode mode) {
    conn_ = PQconnectdb(url.c_str());
    if (PQstatus(conn_) != CONNECTION_OK) {
      std::string msg = PQerrorMessage(conn_);
      PQfinish(conn_);
      conn_ = nullptr;
      while (!msg.empty() && msg.back() == '\n') msg.pop_back();
      throw StoreError("cannot connect to PostgreSQL: " + msg);
    }
    exec_script("SET client_encoding = 'UTF8'; SET client_min_messages = warning;");
    if (mode == OpenMode::ReadOnly) exec_script("SET default_transaction_read_only = on;");
  }
  ~PgConnection() override { PQfinish(conn_); }

  const char* dialect() const override { return "postgresql"; }

  void exec_script(const std::string& sql) override {
    Result r(PQexec(conn_, sql.c_str()), PQclear);
    check(r.get(), sql);
  }

  std::vector<Row> query(const std::string& sql, const std::vector<Value>& params) override {
    const std::string& name = prepared(sql);
    std::vector<std::string> owned(params.size());
    std::vector<const char*> pointers(params.size());
    for (std::size_t i = 0; i < params.size(); ++i) {
      if (params[i].kind == Value::Null) continue;
      owned[i] =
          params[i].kind == Value::Int ? std::to_string(params[i].integer) : std::string(params[i].text);
      pointers[i] = owned[i].c_str();
    }
    Result r(PQexecPrepared(conn_, name.c_str(), static_cast<int>(params.size()), pointers.data(), nullptr,
                            nullptr, 0),
             PQclear);
    check(r.get(), sql);
    return rows_of(r.get());
  }

  std::int64_t insert_returning_id(const std::string& sql, const std::vector<Value>& params) override {
    auto rows = query(sql + " RETURNING id", params);
    if (rows.empty() || rows[0].empty() || !rows[0][0])
      throw StoreError("PostgreSQL: no id returned (in: " + sql.substr(0, 200) + ")");
    return std::stoll(*rows[0][0]);
  }

  void for_each(const std::string& sql,
                const std::function<void(const std::vector<std::string>&, const Row&)>& row) override {
    if (!PQsendQueryParams(conn_, sql.c_str(), 0, nullptr, nullptr, nullptr, nullptr, 0) ||
        !PQsetSingleRowMode(conn_)) {
      throw StoreError(std::string("PostgreSQL: ") + PQerrorMessage(conn_));
    }
    std::vector<std::string> names;
    std::string error;
    while (PGresult* raw = PQgetResult(conn_)) {
      Result r(raw, PQclear);
      ExecStatusType s = PQresultStatus(raw);
      if (s == PGRES_SINGLE_TUPLE) {
        if (names.empty())
          for (int c = 0; c < PQnfields(raw); ++c) names.emplace_back(PQfname(raw, c));
        if (error.empty()) {
          try {
            row(names, rows_of(raw).at(0));
          } catch (const std::exception& e) {
            error = e.what();  // keep reading: libpq needs the rest consumed
          }
        }
      } else if (s != PGRES_TUPLES_OK && error.empty()) {
        error = PQresultErrorMessage(raw);
      }
    }
    if (!error.empty()) throw StoreError("PostgreSQL: " + error);
  }

  void insert_rows(const std::string& table, const std::vector<std::string_view>& columns,
                   const std::vector<Value>& values) override {
    if (values.empty()) return;
    std::string sql = "COPY " + table + " (";
    for (std::size_t i = 0; i < columns.size(); ++i) sql.append(i ? ", " : "").append(columns[i]);
    sql += ") FROM STDIN";
    Result start(PQexec(conn_, sql.c_str()), PQclear);
    if (PQresultStatus(start.get()) != PGRES_COPY_IN) check(start.get(), sql);
    std::string buffer;
    buffer.reserve(1 << 16);
    auto flush = [&] {
      if (PQputCopyData(conn_, buffer.data(), static_cast<int>(buffer.size())) != 1) {
        throw StoreError(std::string("PostgreSQL: COPY failed: ") + PQerrorMessage(conn_));
      }
      buffer.clear();
    };
    for (std::size_t i = 0; i < values.size(); ++i) {
      const Value& v = values[i];
      if (v.kind == Value::Null) {
        buffer += "\\N";
      } else if (v.kind == Value::Int) {
        buffer += std::to_string(v.integer);
      } else {
        append_copy_text(buffer, v.text);
      }
      buffer += (i + 1) % columns.size() == 0 ? '\n' : '\t';
      if (buffer.size() > (1 << 16)) flush();
    }
    if (!buffer.empty()) flush();
    if (PQputCopyEnd(conn_, nullptr) != 1) {
      throw StoreError(std::string("PostgreSQL: COPY failed: ") + PQerrorMessage(conn_));
    }
    Result done(PQgetResult(conn_), PQclear);
    check(done.get(), sql);
    while (PGresult* extra = PQgetResult(conn_)) PQclear(extra);
  }

  void begin() override { exec_script("BEGIN"); }
  void commit() override { exec_script("COMMIT"); }
  void rollback() noexcept override {
    PGresult* r = PQexec(conn_, "ROLLBACK");
    PQclear(r);
  }

  SqlResult read_only(const std::string& sql) override {
    exec_script("BEGIN TRANSACTION READ ONLY");
    // PQexecParams runs exactly one statement (the extended protocol refuses
    // "…; COMMIT; DROP …"), so the text cannot leave the read-only transaction.
    Result r(PQexecParams(conn_, sql.c_str(), 0, nullptr, nullptr, nullptr, nullptr, 0), PQclear);
    ExecStatusType status = PQresultStatus(r.get());
    if (status != PGRES_TUPLES_OK && status != PGRES_COMMAND_OK) {
      std::string msg = PQresultErrorMessage(r.get());
      rollback();
      while (!msg.empty() && msg.back() == '\n') msg.pop_back();
      throw StoreError("sql: " + msg);
    }
    SqlResult result;
    for (int c = 0; c < PQnfields(r.get()); ++c) result.columns.emplace_back(PQfname(r.get(), c));
    result.rows = rows_of(r.get());
    rollback();
    return result;
  }

 private:
  const std::string& prepared(const std::string& sql) {
    auto it = statements_.find(sql);
    if (it != statements_.end()) return it->second;
    std::string name = "s" + std::to_string(statements_.size());
    Result r(PQprepare(conn_, name.c_str(), number_placeholders(sql).c_str(), 0, nullptr), PQclear);
    check(r.get(), sql);
    return statements_.emplace(sql, name).first->second;
  }

  static std::vector<Row> rows_of(PGresult* r) {
    std::vector<Row> rows;
    int n = PQntuples(r), columns = PQnfields(r);
    rows.reserve(n);
    for (int i = 0; i < n; ++i) {
      Row row;
      row.reserve(columns);
      for (int c = 0; c < columns; ++c) {
        if (PQgetisnull(r, i, c)) {
          row.emplace_back();
        } else {
          row.emplace_back(std::string(PQgetvalue(r, i, c), PQgetlength(r, i, c)));
        }
      }
      rows.push_back(std::move(row));
    }
    return rows;
  }

  void check(PGresult* r, const std::string& sql) {
    ExecStatusType s = PQresultStatus(r);
    if (s == PGRES_COMMAND_OK || s == PGRES_TUPLES_OK) return;
    std::string msg = r ? PQresultErrorMessage(r) : PQerrorMessage(conn_);
    while (!msg.empty() && msg.back() == '\n') msg.pop_back();
    throw StoreError("PostgreSQL: " + msg + " (in: " + sql.substr(0, 200) + ")");
  }

  PGconn* conn_ = nullptr;
  std::map<std::string, std::string> statements_;
};

std::unique_ptr<Store::Connection> connect(const std::string& url, OpenMode mode) {
  return std::make_unique<PgConnection>(url, mode);
}

}  // namespace
}  // namespace jixiao::store

// The module's entry point (store/postgres_module.hpp).
extern "C" const jixiao::ModuleHeader* jixiao_postgres_backend() {
  static const jixiao::store::PostgresBackend backend{jixiao::store::kPostgresBackendHeader,
                                                      &jixiao::store::connect};
  return &backend.header;
}
