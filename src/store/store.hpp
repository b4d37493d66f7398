// The store: every reading in one database a person can query with plain SQL
// (docs/STORE.md has the schema), behind one interface with two backends:
// an embedded SQLite file (the default, "jixiao.db") and PostgreSQL
// ("postgresql://…", through libpq). Both hold the same tables; amounts are
// exact (integer hundredths of the document's amount unit), never REAL.
//
// Promises:
//  - A source file's reading goes in whole or not at all: put_file() writes
//    the source row, its documents and everything under them in one
//    transaction, replacing what an earlier reading of that path left. A
//    process killed at any moment leaves the previous state or the new one.
//  - Every statement is parameterised; no text from a document or a user is
//    ever spliced into SQL.
//  - open() migrates an older schema forward and refuses, with a message
//    naming both versions, a database written by a newer jixiao.
//  - sql() cannot change the database (SQLite opened read-only; PostgreSQL
//    in a READ ONLY transaction).
//
// Errors that end the operation (cannot open, lost connection, a constraint
// broken by a bug) are thrown as StoreError; what a caller decides on is a
// value (FileReading::error, PageOf::total …). A Store is used from one
// thread at a time; open one per thread to read concurrently.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "check/findings.hpp"
#include "check/score.hpp"
#include "model/document.hpp"
#include "store/query.hpp"

namespace jixiao::store {

class StoreError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// The tables a person queries (docs/STORE.md), parents before children.
inline const std::vector<std::string> kTables = {"sources",    "documents",   "units",   "projects",
                                                 "indicators", "diagnostics", "findings"};

// The schema version this binary writes (docs/STORE.md lists the migrations).
inline constexpr int kSchemaVersion = 5;

// One document with the review `jixiao check` made of it.
struct ReviewedDocument {
  Document document;
  std::vector<check::Finding> findings;
  check::DocumentScore score;
};

// What reading one file gave: its identity, its documents, or why it failed.
struct FileReading {
  std::string path;          // as given on the command line, made absolute
  std::uint64_t size = 0;    // bytes
  std::string content_hash;  // "sha256:<hex>" of the bytes
  std::string format;        // "text", "jixiao-json", "pdf" …
  std::vector<ReviewedDocument> documents;
  std::string error;  // set when the file could not be read or holds no usable table
  bool ok() const { return error.empty(); }
};

// What the store remembers of a path, to decide whether to read it again.
struct SourceState {
  std::string content_hash;
  bool ok = false;  // false: recorded with an error last time
};

enum class OpenMode { ReadWrite, ReadOnly };

class Store final {
 public:
  // "jixiao.db", "path/to/file.db" or "postgresql://user@host/db?…" (also
  // "postgres://"). ReadWrite creates the SQLite file and the schema when
  // missing; ReadOnly never writes (and fails on a database with no schema).
  // `long_lived`: the connection will serve many queries (jixiao serve), so
  // SQLite reads the file through a memory map, which costs page faults up
  // front that a one-shot command would pay on every run.
  static std::unique_ptr<Store> open(const std::string& target, OpenMode mode = OpenMode::ReadWrite,
                                     bool long_lived = false);

  ~Store();
  Store(const Store&) = delete;
  Store& operator=(const Store&) = delete;
  std::string backend() const;  // "sqlite" or "postgresql"
  int schema_version();

  // --- writing ---------------------------------------------------------
  // Every known source path with its hash and status (for skipping unchanged files).
  std::vector<std::pair<std::string, SourceState>> sources();
  // Writes a file's reading in one transaction, replacing the old one. A
  // failed reading (error set) is recorded with its error; the documents it
  // holds (whatever could be read) are stored with their diagnostics. Every
  // document must pass storable() first. Returns the document ids, in order.
  std::vector<std::int64_t> put_file(const FileReading& reading);
  // Groups the put_file calls that follow into one transaction until
  // commit_batch(), so many small files do not pay a commit each. A crash
  // loses the batch's uncommitted files, never part of one. A put_file that
  // throws inside a batch leaves it unusable: call rollback_batch(), which
  // drops every file of the batch.
  void begin_batch();
  void commit_batch();
  void rollback_batch() noexcept;
  // Refreshes the query planner's statistics (sampled, so cheap); ingest
  // calls it after writing.
  void analyze();

  // --- bulk loading (SQLite; docs/STORE.md "Bulk loading") ---------------
  // Drops the secondary indexes of projects, indicators and finding_rows and
  // stops feeding the substring (FTS5) indexes row by row, until
  // finish_bulk(). The same transaction records in meta that indexes are
  // pending (and each dropped index's SQL), so a process killed before
  // finish_bulk() leaves a store whose next ReadWrite open builds them, and
  // which a ReadOnly open refuses until then. Returns false and changes
  // nothing on PostgreSQL. Call outside a batch. When no other connection
  // has the store open, the load writes through a rollback journal instead
  // of the WAL until finish_bulk() (docs/STORE.md "The journal of a bulk load").
  bool begin_bulk();
  // Builds what begin_bulk() left pending in one transaction (CREATE INDEX,
  // the substring indexes filled from the stored rows in one pass), clears
  // the mark, and switches the store back to WAL mode (or checkpoints the
  // WAL when the load stayed in it). Nothing to do when another writer
  // built them meanwhile (a ReadWrite open does; begin_batch() notices and
  // goes back to indexing row by row).
  void finish_bulk();
  // True while a bulk load's indexes are pending (see begin_bulk).
  bool indexes_pending();
  // Replaces the stored findings and scores of one document (jixiao check --db).
  void put_review(std::int64_t document_id, const std::vector<check::Finding>& findings,
                  const check::DocumentScore& score);

  // --- reading ---------------------------------------------------------
  std::vector<std::int64_t> document_ids();  // in source path, then file order
  // The document as it was stored: model, provenance and diagnostics.
  std::optional<Document> load_document(std::int64_t id);

  PageOf<DocumentRow> documents(const Filter& filter, const Page& page = {});
  PageOf<ProjectRow> projects(const Filter& filter, const Page& page = {});
  PageOf<IndicatorRow> indicators(const Filter& filter, const Page& page = {});
  std::vector<TotalRow> totals(TotalsBy by, const Filter& filter);
  // The same project (by exact name, whitespace ignored) in every year and department stored.
  std::vector<ProjectRow> project_history(const std::string& project_name);
  PageOf<ProjectRow> rank_projects(const Filter& filter, bool worst_first, const Page& page = {});
  std::vector<DepartmentRank> rank_departments(const Filter& filter, bool worst_first);
  // Findings, most serious first (errors, then warnings, then notices).
  PageOf<FindingRow> findings(const Filter& filter, const Page& page = {});

  // Every row of one of the store's tables (kTables), in key order, streamed
  // to `row` with the column names; values as text, nullopt for NULL.
  void scan(const std::string& table,
            const std::function<void(const std::vector<std::string>& columns,
                                     const std::vector<std::optional<std::string>>& values)>& row);

  // A read-only query in the backend's SQL dialect, with no parameters.
  SqlResult sql(const std::string& query);

  // A value that changes whenever a file is ingested, replaced or removed
  // (by this process or another): a cache of answers is good while it holds.
  // Asked on the store's own connection, so it is cheap to ask often.
  std::string generation();

  struct Connection;  // the backend (store/connection.hpp)
  explicit Store(std::unique_ptr<Connection> connection);

  // The ids of finding texts this store has seen (schema version 5), so that
  // a finding whose text is stored already writes only the id (store.cpp).
  // Forgotten whenever a transaction rolls back (its new ids went with it).
  struct FindingTexts;

 private:
  void rollback_and_forget() noexcept;

  std::unique_ptr<Connection> db_;
  std::unique_ptr<FindingTexts> texts_;
  bool in_batch_ = false;
  bool batch_changed_ = false;  // a file was put in the open batch
  bool bulk_ = false;           // between begin_bulk() and finish_bulk(): no per-row text indexing
  bool bulk_journal_ = false;   // this bulk load writes through a rollback journal, not the WAL
  // generation(): the sources' part, and the SQLite data_version and counter it was read at.
  std::string sources_key_, sources_version_;
};

// "" when the store can hold `doc` exactly, else what it cannot hold (an
// amount with more than two decimal places, which hundredths would round).
std::string storable(const Document& doc);

// For a process that queries from many threads at once (jixiao serve): call
// before it opens any store. Turns off SQLite's memory statistics, which take
// one process-wide mutex on every allocation, so concurrent queries queue on
// it. Once SQLite is in use the call changes nothing (and does no harm).
void prepare_for_concurrent_queries();

// True when `target` names a PostgreSQL database rather than a SQLite file.
bool is_postgres_url(const std::string& target);

}  // namespace jixiao::store
