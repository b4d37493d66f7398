#include "store/ingest.hpp"

#include <fmt/format.h>
#include <openssl/evp.h>

#include <algorithm>
#include <atomic>
#include <cctype>
#include <cerrno>
#include <chrono>
#include <condition_variable>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <optional>
#include <set>
#include <thread>
#include <unordered_map>

#include "model/json.hpp"
#include "recognise/parse.hpp"
#include "recognise/parse_file.hpp"
#include "store/store_internal.hpp"

namespace fs = std::filesystem;

namespace jixiao::store {
namespace {

// Formats a folder walk picks up: what parse_file reads (text now; PDF,
// Office, HTML and scans as their readers arrive) and jixiao/1 JSON.
const std::set<std::string> kKnownExtensions = {".txt", ".text", ".tsv", ".csv",  ".json", ".jsonl", ".pdf",
                                                ".doc", ".docx", ".xls", ".xlsx", ".html", ".htm",   ".png",
                                                ".jpg", ".jpeg", ".tif", ".tiff", ".ofd"};

std::string lower_extension(const fs::path& p) {
  std::string e = p.extension().string();
  for (char& c : e) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return e;
}

// The whole file in one string, sized from the file and read at once (a
// stream copied into a growing ostringstream copied each byte twice more).
bool read_bytes(const std::string& path, std::string& out, std::string& error) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    error = std::string("cannot open file: ") + std::strerror(errno);
    return false;
  }
  std::error_code ec;
  const auto expected = fs::file_size(path, ec);
  out.clear();
  if (!ec && expected > 0) {
    out.resize(static_cast<std::size_t>(expected));
    in.read(out.data(), static_cast<std::streamsize>(expected));
    out.resize(static_cast<std::size_t>(in.gcount()));
  }
  // A file that grew meanwhile (or whose size was unknown) is read to its end.
  if (!in.eof() && !in.bad()) {
    in.clear();
    char chunk[1 << 16];
    while (in.read(chunk, sizeof chunk) || in.gcount() > 0)
      out.append(chunk, static_cast<std::size_t>(in.gcount()));
  }
  if (in.bad()) {
    error = "read error";
    return false;
  }
  return true;
}

bool looks_like_json(std::string_view bytes, const std::string& extension) {
  if (extension == ".json" || extension == ".jsonl") return true;
  if (bytes.substr(0, 3) == "\xEF\xBB\xBF") bytes.remove_prefix(3);
  // Tables may well start with "[" or "{" (a bracketed title); JSON without
  // its extension must say what it is near the start.
  std::size_t at = bytes.find_first_not_of(" \t\r\n");
  return at != std::string_view::npos && (bytes[at] == '{' || bytes[at] == '[') &&
         bytes.substr(at, 200).find("\"jixiao/1\"") != std::string_view::npos;
}

// jixiao/1 as one object, an array of them, or JSON Lines.
std::string read_json_documents(std::string_view bytes, bool lines_first, std::vector<Document>& out) {
  if (bytes.substr(0, 3) == "\xEF\xBB\xBF") bytes.remove_prefix(3);
  if (!lines_first) {
    try {
      auto j = nlohmann::json::parse(bytes);
      if (j.is_array()) {
        for (const auto& e : j) out.push_back(document_from_json(e));
      } else {
        out.push_back(document_from_json(j));
      }
      return {};
    } catch (const nlohmann::json::parse_error&) {
      // Not one value: perhaps JSON Lines, read below.
    } catch (const nlohmann::json::exception& e) {
      return std::string("not a jixiao/1 document: ") + e.what();
    }
    out.clear();
  }
  int line_no = 0;
  std::size_t start = 0;
  while (start <= bytes.size()) {
    std::size_t end = bytes.find('\n', start);
    if (end == std::string_view::npos) end = bytes.size();
    std::string_view line = bytes.substr(start, end - start);
    ++line_no;
    start = end + 1;
    if (line.find_first_not_of(" \t\r") == std::string_view::npos) {
      if (end == bytes.size()) break;
      continue;
    }
    try {
      out.push_back(document_from_json(nlohmann::json::parse(line)));
    } catch (const nlohmann::json::exception& e) {
      return fmt::format("line {}: not a jixiao/1 document: {}", line_no, e.what());
    }
    if (end == bytes.size()) break;
  }
  return {};
}

std::string format_of(const std::string& extension, bool json) {
  if (json) return extension == ".jsonl" ? "jixiao-jsonl" : "jixiao-json";
  if (extension.empty() || extension == ".txt" || extension == ".text") return "text";
  return extension.substr(1);
}

// CPU seconds the review took on all threads (only counted with JIXIAO_INGEST_TIMINGS).
std::atomic<double> review_cpu{0};

FileReading read_with_bytes(const std::string& path, std::string_view bytes, const check::Checker& checker) {
  FileReading r;
  r.path = path;
  r.size = bytes.size();
  r.content_hash = content_hash(bytes);
  const std::string extension = lower_extension(path);
  const bool json = looks_like_json(bytes, extension);
  r.format = format_of(extension, json);
  std::vector<Document> docs;
  if (json) {
    r.error = read_json_documents(bytes, extension == ".jsonl", docs);
    for (Document& d : docs)
      if (d.source_path.empty()) d.source_path = path;
  } else {
    ParseFileResult read = parse_file_bytes(path, bytes, [&](Document&& d) { docs.push_back(std::move(d)); });
    if (!read.ok()) r.error = read.error;
  }
  if (!r.error.empty()) return r;  // an unreadable file keeps no partial documents
  if (docs.empty()) r.error = "no table found in the file";
  for (Document& d : docs) {
    if (std::string problem = storable(d); !problem.empty()) {
      r.error = problem;
      r.documents.clear();
      return r;
    }
    if (r.error.empty()) {
      for (const Diagnostic& diag : d.diagnostics) {
        if (diag.severity == Severity::Error) {
          r.error = fmt::format("line {}: {} ({})", diag.line, diag.message, diag.code);
          break;
        }
      }
    }
    ReviewedDocument reviewed;
    const double cpu0 = PhaseTimer::enabled() ? thread_cpu_seconds() : 0;
    auto review = checker.review(d);
    if (PhaseTimer::enabled()) review_cpu += thread_cpu_seconds() - cpu0;
    reviewed.findings = std::move(review.findings);
    // They view the document, which moves from here (check/findings.hpp).
    for (check::Finding& f : reviewed.findings) f.keep();
    reviewed.score = std::move(review.score);
    reviewed.document = std::move(d);
    r.documents.push_back(std::move(reviewed));
  }
  return r;
}

}  // namespace

std::string content_hash(std::string_view bytes) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  if (EVP_Digest(bytes.data(), bytes.size(), digest, &length, EVP_sha256(), nullptr) != 1) {
    throw StoreError("SHA-256 failed (libcrypto)");
  }
  static const char* hex = "0123456789abcdef";
  std::string out = "sha256:";
  for (unsigned int i = 0; i < length; ++i) {
    out += hex[digest[i] >> 4];
    out += hex[digest[i] & 15];
  }
  return out;
}

std::vector<std::string> collect_files(const std::vector<std::string>& paths,
                                       std::vector<IngestFailure>& missing) {
  std::set<std::string> files;
  for (const std::string& given : paths) {
    std::error_code ec;
    fs::path p = fs::absolute(given, ec).lexically_normal();
    if (fs::is_directory(p, ec)) {
      for (auto it = fs::recursive_directory_iterator(p, fs::directory_options::skip_permission_denied, ec);
           !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
        const std::string name = it->path().filename().string();
        if (!name.empty() && name[0] == '.') {
          if (it->is_directory(ec)) it.disable_recursion_pending();
          continue;
        }
        if (it->is_regular_file(ec) && kKnownExtensions.count(lower_extension(it->path())))
          files.insert(it->path().string());
      }
      if (ec) missing.push_back({p.string(), "cannot walk the folder: " + ec.message()});
    } else if (fs::exists(p, ec)) {
      files.insert(p.string());
    } else {
      missing.push_back({given, "no such file or folder"});
    }
  }
  return {files.begin(), files.end()};
}

FileReading read_file(const std::string& path, const check::Checker& checker) {
  std::string bytes, error;
  if (!read_bytes(path, bytes, error)) {
    FileReading r;
    r.path = path;
    r.format = format_of(lower_extension(path), false);
    r.error = error;
    return r;
  }
  return read_with_bytes(path, bytes, checker);
}

IngestSummary ingest(Store& store, const std::vector<std::string>& files, const IngestOptions& options,
                     const std::function<void(const IngestProgress&)>& progress) {
  const auto start = std::chrono::steady_clock::now();
  std::unordered_map<std::string, SourceState> known;
  for (auto& [path, state] : store.sources()) known.emplace(path, state);

  IngestSummary summary;
  IngestProgress& counts = summary.counts;
  counts.files_total = files.size();
  std::vector<std::uint64_t> sizes(files.size(), 0);
  for (std::size_t i = 0; i < files.size(); ++i) {
    std::error_code ec;
    sizes[i] = fs::file_size(files[i], ec);
    if (!ec) counts.bytes_total += sizes[i];
  }

  struct Item {
    std::size_t index = 0;
    bool unchanged = false;
    FileReading reading;
  };
  // The writer stores readings in the order of `files` (so two ingests of the
  // same files give the same ids), whichever thread finishes first. A worker
  // starts on file i only once i is within `window` of the next file the
  // writer needs (`written`): at most `window` readings exist at once, done
  // or in the making, and one slow file holds back at most that many.
  std::mutex mutex;
  std::condition_variable ready, space;
  std::atomic<std::size_t> next{0};
  std::size_t written = 0;  // guarded by mutex
  std::atomic<bool> stop{false};
  unsigned threads = options.threads ? options.threads : std::max(1u, std::thread::hardware_concurrency());
  threads = static_cast<unsigned>(std::min<std::size_t>(threads, std::max<std::size_t>(files.size(), 1)));
  const std::size_t window = reading_window(threads);
  std::vector<std::optional<Item>> slots(window);  // file i waits in slots[i % window]

  std::atomic<double> parser_cpu{0};
  review_cpu = 0;
  auto work = [&] {
    check::Checker checker(options.policy ? *options.policy : check::default_policy());
    struct CpuTally {
      std::atomic<double>& total;
      ~CpuTally() {
        if (PhaseTimer::enabled()) total += thread_cpu_seconds();
      }
    } tally{parser_cpu};
    while (!stop) {
      std::size_t i = next.fetch_add(1);
      if (i >= files.size()) return;
      {
        std::unique_lock lock(mutex);
        space.wait(lock, [&] { return i < written + window || stop; });
        if (stop) return;
      }
      Item item;
      item.index = i;
      std::string bytes, error;
      if (!read_bytes(files[i], bytes, error)) {
        item.reading.path = files[i];
        item.reading.format = format_of(lower_extension(files[i]), false);
        item.reading.error = error;
      } else {
        auto it = known.find(files[i]);
        if (!options.force && it != known.end() && it->second.ok &&
            it->second.content_hash == content_hash(bytes)) {
          item.unchanged = true;
        } else {
          try {
            item.reading = read_with_bytes(files[i], bytes, checker);
          } catch (const std::exception& e) {  // a reader bug must not end the batch
            item.reading = FileReading{};
            item.reading.path = files[i];
            item.reading.size = bytes.size();
            item.reading.content_hash = content_hash(bytes);
            item.reading.format = format_of(lower_extension(files[i]), false);
            item.reading.error = std::string("internal error while reading: ") + e.what();
          }
        }
      }
      std::lock_guard lock(mutex);
      slots[i % window] = std::move(item);
      if (i == written) ready.notify_one();
    }
  };
  std::vector<std::thread> pool;
  for (unsigned t = 0; t < threads; ++t) pool.emplace_back(work);
  auto finish = [&] {
    {
      std::lock_guard lock(mutex);
      stop = true;
    }
    space.notify_all();
    for (auto& t : pool) t.join();
  };

  std::size_t new_files = 0;
  for (const std::string& f : files) new_files += known.count(f) ? 0 : 1;
  const bool bulk =
      options.bulk == BulkLoad::Always ||
      (options.bulk == BulkLoad::Auto && new_files >= kBulkMinNewFiles && new_files >= known.size());

  // Files are committed together every quarter second: each stays whole (a
  // savepoint), and a killed run loses at most that much work.
  constexpr double kBatchSeconds = 0.25;
  auto batch_start = std::chrono::steady_clock::now();
  PhaseTimer timer;
  double wait_wall = 0, put_cpu = 0, commit_cpu = 0;
  const bool timing = PhaseTimer::enabled();
  try {
    const bool bulk_started = bulk && store.begin_bulk();
    store.begin_batch();
    timer.mark("writer: open and begin");
    while (counts.files_done < files.size()) {
      Item item;
      {
        const auto w0 = timing ? std::chrono::steady_clock::now() : std::chrono::steady_clock::time_point{};
        std::unique_lock lock(mutex);
        std::optional<Item>& slot = slots[written % window];
        ready.wait(lock, [&] { return slot.has_value(); });
        item = std::move(*slot);
        slot.reset();
        ++written;
        if (timing) wait_wall += std::chrono::duration<double>(std::chrono::steady_clock::now() - w0).count();
      }
      space.notify_all();  // the worker whose file just came within the window
      if (item.unchanged) {
        ++counts.unchanged;
      } else {
        const double c0 = timing ? thread_cpu_seconds() : 0;
        store.put_file(item.reading);
        if (timing) put_cpu += thread_cpu_seconds() - c0;
        if (item.reading.ok()) {
          ++counts.stored;
        } else {
          ++counts.failed;
          summary.failures.push_back({item.reading.path, item.reading.error});
        }
        for (const auto& d : item.reading.documents) {
          ++counts.documents;
          for (const Unit& u : d.document.units) {
            counts.projects += u.projects.size();
            for (const Project& p : u.projects) counts.indicators += p.indicators.size();
          }
        }
      }
      ++counts.files_done;
      counts.bytes_done += sizes[item.index];
      counts.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
      if (std::chrono::duration<double>(std::chrono::steady_clock::now() - batch_start).count() >=
          kBatchSeconds) {
        const double c0 = timing ? thread_cpu_seconds() : 0;
        store.commit_batch();
        store.begin_batch();
        if (timing) commit_cpu += thread_cpu_seconds() - c0;
        batch_start = std::chrono::steady_clock::now();
      }
      if (progress) progress(counts);
    }
    store.commit_batch();
    if (timing) {
      fmt::print(stderr,
                 "timing: writer: waited {:.3f} s wall for readings; put_file {:.3f} s cpu, commits {:.3f} s "
                 "cpu\n",
                 wait_wall, put_cpu, commit_cpu);
      timer.mark("writer: rows (all files)");
    }
    if (bulk_started && progress) {
      counts.building_indexes = true;
      progress(counts);
      counts.building_indexes = false;
    }
    // A bulk load that fails leaves its indexes pending: the next open for writing builds them.
    store.finish_bulk();
    if (counts.stored + counts.failed > 0) store.analyze();
    counts.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  } catch (...) {
    store.rollback_batch();
    finish();
    throw;
  }
  finish();
  if (timing) {
    fmt::print(stderr, "timing: parser threads {:.3f} s cpu in all, of which the review {:.3f} s\n",
               parser_cpu.load(), review_cpu.load());
  }
  return summary;
}

}  // namespace jixiao::store
