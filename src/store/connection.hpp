// The backend behind a Store: the few operations the store's SQL needs, so
// the schema mapping and the queries are written once for both databases.
//
// SQL given here uses `?` placeholders; the PostgreSQL backend numbers them
// ($1, $2 …). Values travel as text or integers and are always bound, never
// spliced. Errors throw StoreError with the backend's message.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "store/store.hpp"

namespace jixiao::store {

// A bound value: NULL, an integer or text (the text is not owned: it must
// outlive the call that binds it).
struct Value {
  enum Kind { Null, Int, Text } kind = Null;
  std::int64_t integer = 0;
  std::string_view text;

  Value() = default;
  Value(std::int64_t i) : kind(Int), integer(i) {}
  Value(int i) : kind(Int), integer(i) {}
  Value(std::string_view s) : kind(Text), text(s) {}
  Value(const std::string& s) : kind(Text), text(s) {}
  Value(const char* s) : kind(Text), text(s) {}
  template <typename T>
  static Value maybe(const std::optional<T>& v) {
    return v ? Value(*v) : Value();
  }
};

using Row = std::vector<std::optional<std::string>>;

struct Store::Connection {
  virtual ~Connection() = default;
  virtual const char* dialect() const = 0;  // "sqlite" or "postgresql"

  // Statements without parameters, possibly several (schema scripts).
  virtual void exec_script(const std::string& sql) = 0;
  // One statement with parameters; returns its rows as text (NULL = nullopt).
  virtual std::vector<Row> query(const std::string& sql, const std::vector<Value>& params = {}) = 0;
  // The rows of one statement from the `skip`-th on, at most `keep` of
  // them, and how many rows it gave in all: a search reads up to a
  // thousand keys to count them but needs the text of one page only.
  // (PostgreSQL: query() sliced; SQLite converts no other row to text.)
  struct Window {
    std::vector<Row> rows;
    std::size_t seen = 0;
  };
  virtual Window query_window(const std::string& sql, const std::vector<Value>& params, std::size_t skip,
                              std::size_t keep) {
    Window w;
    std::vector<Row> all = query(sql, params);
    w.seen = all.size();
    for (std::size_t i = skip; i < all.size() && i - skip < keep; ++i) w.rows.push_back(std::move(all[i]));
    return w;
  }
  // Streams the rows of one statement with its column names (for exports
  // larger than memory).
  virtual void for_each(const std::string& sql,
                        const std::function<void(const std::vector<std::string>&, const Row&)>& row) = 0;
  // Runs one single-row INSERT (`sql`, without RETURNING) into a table keyed
  // by an {ID} column `id` and returns the new row's id. SQLite reads the
  // rowid after the plain insert: a RETURNING clause opens a statement
  // savepoint, and FTS5 answers each savepoint by flushing its pending terms.
  virtual std::int64_t insert_returning_id(const std::string& sql, const std::vector<Value>& params) = 0;
  // Inserts rows into `table`: `values` holds columns.size() values per row.
  virtual void insert_rows(const std::string& table, const std::vector<std::string_view>& columns,
                           const std::vector<Value>& values) = 0;

  virtual void begin() = 0;
  virtual void commit() = 0;
  virtual void rollback() noexcept = 0;

  // One statement the user wrote, run so that it cannot write.
  virtual SqlResult read_only(const std::string& sql) = 0;
};

std::unique_ptr<Store::Connection> open_sqlite(const std::string& path, OpenMode mode, bool memory_map);
std::unique_ptr<Store::Connection> open_postgres(const std::string& url, OpenMode mode);

}  // namespace jixiao::store
