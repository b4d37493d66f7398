// `jixiao ingest PATH... [--db FILE|postgresql://…]`: read tables into the store.
//
// Folders are walked recursively. Progress goes to standard error: a line
// redrawn in place on a terminal (files, rate, ETA), a plain line every few
// seconds otherwise. The last line of standard output says what was stored
// and how many files failed and why; each failure is also listed on standard
// error. Exit status: 0 when every file was stored or unchanged, 1 when some
// failed (they are recorded in the store with their error), 2 when the store
// itself failed (nothing of the file at hand was written).
#include <fmt/format.h>
#include <unistd.h>

#include <chrono>
#include <fstream>
#include <iterator>
#include <map>
#include <memory>

#include "check/policy.hpp"
#include "cli/commands.hpp"
#include "store/ingest.hpp"

namespace jixiao::cli {
namespace {

struct IngestCliOptions {
  std::vector<std::string> paths;
  std::string db = "jixiao.db";
  unsigned threads = 0;
  bool force = false;
  std::string policy_file;
};

std::string duration_text(double seconds) {
  if (seconds < 0 || seconds > 360000) return "?";
  int s = static_cast<int>(seconds + 0.5);
  return s >= 3600 ? fmt::format("{}:{:02}:{:02}", s / 3600, s / 60 % 60, s % 60)
                   : fmt::format("{}:{:02}", s / 60, s % 60);
}

// "line 3: … (layout.unknown)" → "layout.unknown"; "cannot open file: …" → "cannot open file".
std::string reason_of(const std::string& error) {
  if (!error.empty() && error.back() == ')') {
    std::size_t open = error.rfind('(');
    if (open != std::string::npos) return error.substr(open + 1, error.size() - open - 2);
  }
  std::size_t colon = error.find(':');
  std::string head = error.substr(0, colon);
  if (head.rfind("line ", 0) == 0 && colon != std::string::npos) return reason_of(error.substr(colon + 2));
  return head;
}

class ProgressPrinter {
 public:
  ProgressPrinter() : tty_(isatty(STDERR_FILENO) == 1) {}
  void operator()(const store::IngestProgress& p) {
    if (p.building_indexes) {  // after the last file's line; the build has no steps to count
      fmt::print(stderr, "{}building the indexes and the text search…\n", tty_ ? "" : "ingest: ");
      std::fflush(stderr);
      return;
    }
    const bool last = p.files_done == p.files_total;
    if (tty_) {
      if (!last && p.seconds - shown_ < 0.1) return;
    } else if (!last && p.seconds - shown_ < 5) {
      return;
    }
    shown_ = p.seconds;
    double rate = p.seconds > 0 ? p.files_done / p.seconds : 0;
    double byte_rate = p.seconds > 0 ? p.bytes_done / p.seconds : 0;
    double eta = byte_rate > 0 ? (p.bytes_total - p.bytes_done) / byte_rate : -1;
    std::string line =
        fmt::format("{}/{} files · {:.0f} files/s · {} documents · {} indicators · ETA {}", p.files_done,
                    p.files_total, rate, p.documents, p.indicators, last ? "0:00" : duration_text(eta));
    if (tty_) {
      fmt::print(stderr, "\r\033[K{}{}", line, last ? "\n" : "");
    } else {
      fmt::print(stderr, "ingest: {}\n", line);
    }
    std::fflush(stderr);
  }

 private:
  bool tty_;
  double shown_ = -1e9;
};

int run_ingest(const IngestCliOptions& opt) {
  check::Policy policy = check::default_policy();
  if (!opt.policy_file.empty()) {
    std::ifstream in(opt.policy_file, std::ios::binary);
    std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>()), error;
    if (!in && !in.eof()) {
      fmt::print(stderr, "{}: error: cannot read the policy file\n", opt.policy_file);
      return 2;
    }
    if (!check::apply_policy(text, policy, &error)) {
      fmt::print(stderr, "{}: error: {}\n", opt.policy_file, error);
      return 2;
    }
  }
  std::vector<store::IngestFailure> missing;
  std::vector<std::string> files = store::collect_files(opt.paths, missing);
  store::IngestSummary summary;
  try {
    auto db = store::Store::open(opt.db);
    store::IngestOptions options;
    options.threads = opt.threads;
    options.force = opt.force;
    options.policy = &policy;
    ProgressPrinter printer;
    summary = store::ingest(*db, files, options, [&](const store::IngestProgress& p) { printer(p); });
  } catch (const store::StoreError& e) {
    fmt::print(stderr, "jixiao ingest: {}: error: {}\n", opt.db, e.what());
    return 2;
  }
  summary.failures.insert(summary.failures.begin(), missing.begin(), missing.end());
  std::map<std::string, int> reasons;
  for (const auto& f : summary.failures) {
    fmt::print(stderr, "{}: error: {}\n", f.path, f.error);
    ++reasons[reason_of(f.error)];
  }
  const auto& c = summary.counts;
  std::string why;
  for (const auto& [reason, n] : reasons) why += fmt::format("{}{} {}", why.empty() ? ": " : ", ", n, reason);
  fmt::print(
      "ingest: {} file(s) into {}: {} stored ({} documents, {} projects, {} indicators), {} unchanged, "
      "{} failed{} · {:.1f} s\n",
      c.files_total + missing.size(), opt.db, c.stored, c.documents, c.projects, c.indicators, c.unchanged,
      summary.failures.size(), why, c.seconds);
  return summary.failures.empty() ? 0 : 1;
}

}  // namespace

void register_ingest(CLI::App& app) {
  auto opt = std::make_shared<IngestCliOptions>();
  CLI::App* cmd = app.add_subcommand("ingest", "Read files and folders into the database (docs/STORE.md)");
  cmd->add_option("paths", opt->paths, "files and folders (walked recursively)")->required();
  cmd->add_option("--db", opt->db, "SQLite file or postgresql://… URL")->capture_default_str();
  cmd->add_option("--threads", opt->threads, "parser threads (0 = one per core)");
  cmd->add_flag("--force", opt->force, "read files again even when their bytes are unchanged");
  cmd->add_option("--policy", opt->policy_file, "review policy file (docs/CHECK.md)");
  cmd->callback([opt]() {
    int status = run_ingest(*opt);
    if (status != 0) throw CLI::RuntimeError(status);
  });
}

}  // namespace jixiao::cli
