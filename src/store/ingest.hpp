// Ingest: files and folders into a Store, parsed in parallel, written by one
// thread; a file is never split between transactions, and the files written
// within a quarter second are committed together (Store::begin_batch).
//
// Workers read a file, hash it (SHA-256), skip it when the store already
// holds a good reading of the same bytes at that path, else parse it
// (parse_file, or jixiao/1 JSON / JSON Lines), review every document
// (check::Checker) and hand the reading to the writer. A file that cannot be
// read is recorded with its error and the batch goes on. A batch large
// against the store is a bulk load (BulkLoad, Store::begin_bulk): the
// indexes are built once at the end.
#pragma once

#include <cstddef>
#include <functional>
#include <string>
#include <vector>

#include "check/policy.hpp"
#include "check/rules.hpp"
#include "store/store.hpp"

namespace jixiao::store {

// When to load in bulk (Store::begin_bulk: secondary and substring indexes
// built once at the end instead of row by row). Auto: on SQLite, when the
// files whose paths the store does not know yet are at least
// kBulkMinNewFiles and at least as many as the sources it holds, i.e. the
// batch will about double the store or more, so building its indexes
// afresh costs less than feeding them row by row.
enum class BulkLoad { Auto, Never, Always };
inline constexpr std::size_t kBulkMinNewFiles = 50;

// How many files' readings may exist at once, parsed or being parsed, ahead
// of the writer: it stores them in the order of the file list, so a file
// that parses slowly holds back at most this many readings behind it (the
// memory bound), and only then do the parser threads wait for it.
inline constexpr std::size_t reading_window(unsigned threads) { return 4 * std::size_t{threads} + 8; }

struct IngestOptions {
  unsigned threads = 0;  // parser threads; 0 = one per core
  BulkLoad bulk = BulkLoad::Auto;
  bool force = false;                     // read again even when the bytes are unchanged
  const check::Policy* policy = nullptr;  // nullptr = the default policy
};

struct IngestProgress {
  std::size_t files_total = 0;
  std::size_t files_done = 0;  // stored, unchanged or failed
  std::size_t stored = 0, unchanged = 0, failed = 0;
  std::size_t documents = 0, projects = 0, indicators = 0;
  std::uint64_t bytes_done = 0, bytes_total = 0;
  double seconds = 0;
  // Every file is stored and a bulk load now builds its indexes and text
  // search (minutes on a large corpus): reported once, before that work.
  bool building_indexes = false;
};

struct IngestFailure {
  std::string path;
  std::string error;
};

struct IngestSummary {
  IngestProgress counts;
  std::vector<IngestFailure> failures;  // in the order they were written
};

// The files `paths` name: files as given, folders walked recursively for the
// formats jixiao reads (hidden entries skipped), sorted, made absolute. A path
// that does not exist becomes a failure in `missing`.
std::vector<std::string> collect_files(const std::vector<std::string>& paths,
                                       std::vector<IngestFailure>& missing);

// Reads one file into a FileReading (no store involved): hash, format, documents, review.
FileReading read_file(const std::string& path, const check::Checker& checker);

// Ingests `files` (from collect_files) into `store`, in that order: sources
// and documents get their ids in the order of `files`, whichever parser
// thread finishes first, so two ingests of the same files give the same ids.
// `progress` is called from the calling thread after each file and at the
// end. Throws StoreError when the store itself fails (the transaction of the
// file at hand is rolled back).
IngestSummary ingest(Store& store, const std::vector<std::string>& files, const IngestOptions& options,
                     const std::function<void(const IngestProgress&)>& progress = {});

// The content hash read_file records: "sha256:" and 64 hex digits.
std::string content_hash(std::string_view bytes);

}  // namespace jixiao::store
