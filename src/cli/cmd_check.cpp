// `jixiao check FILE... [--json | --jsonl] [--policy FILE] [--fail-on warning|error]`:
// review the targets as a finance reviewer does (docs/CHECK.md).
//
// `jixiao check --db DB` reviews the documents stored in a database instead
// (docs/STORE.md), stores the new findings and scores in place of the old
// ones (one transaction per document), and ends the report with the
// departments and the projects ranked by quality score.
//
// Exit status: 2 when an input cannot be read or holds no recognisable table,
// else 1 when --fail-on is given and a finding at or above it exists, else 0.
// Findings alone never fail the command unless asked to, so a report can be
// produced in a pipeline without stopping it.
#include <fmt/format.h>

#include <fstream>
#include <iostream>
#include <iterator>
#include <memory>
#include <optional>
#include <sstream>
#include <stdexcept>

#include "check/corpus.hpp"
#include "check/policy.hpp"
#include "check/report.hpp"
#include "check/rules.hpp"
#include "cli/commands.hpp"
#include "model/json_writer.hpp"
#include "recognise/parse.hpp"
#include "recognise/parse_file.hpp"
#include "store/store.hpp"

namespace jixiao::cli {
namespace {

struct CheckOptions {
  std::vector<std::string> files;
  std::string db;  // review a database's documents instead of files
  bool json = false;
  bool json_lines = false;  // the report as JSON Lines, each document's line written once it is reviewed
  std::string policy_file;
  std::string fail_on;  // "" = never fail on findings
};

bool slurp(const std::string& path, std::string& out) {
  if (path == "-") {
    out.assign(std::istreambuf_iterator<char>(std::cin), std::istreambuf_iterator<char>());
    return true;
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) return false;
  std::ostringstream ss;
  ss << in.rdbuf();
  out = std::move(ss).str();
  return static_cast<bool>(in) || in.eof();
}

int run_check(const CheckOptions& opt) {
  check::Policy policy = check::default_policy();
  if (!opt.policy_file.empty()) {
    std::string text, error;
    if (!slurp(opt.policy_file, text)) {
      fmt::print(stderr, "{}: error: cannot read the policy file\n", opt.policy_file);
      return 2;
    }
    if (!check::apply_policy(text, policy, &error)) {
      fmt::print(stderr, "{}: error: {}\n", opt.policy_file, error);
      return 2;
    }
  }
  check::Checker checker(policy);
  const std::string policy_name = opt.policy_file.empty() ? "default" : opt.policy_file;
  std::vector<check::CheckedDocument> results;
  bool unreadable = false;
  std::vector<store::DepartmentRank> departments;
  std::vector<store::ProjectRow> worst_projects;
  // --jsonl: each document's line goes out as soon as it is reviewed, its
  // findings straight from the Finding; nothing of it is held but its path,
  // department and mean (for the corpus lines and the summary).
  std::optional<check::JsonLinesReport> lines;
  if (opt.json_lines) {
    std::ios::sync_with_stdio(false);  // before any output
    lines.emplace(std::cout, policy_name);
  }
  if (!opt.db.empty()) {
    try {
      auto db = store::Store::open(opt.db);
      for (std::int64_t id : db->document_ids()) {
        auto doc = db->load_document(id);
        if (!doc) continue;
        auto review = checker.review(*doc);
        db->put_review(id, review.findings, review.score);
        check::CheckedDocument r;
        r.path = fmt::format("{} (document {})", doc->source_path, id);
        r.department = doc->department;
        r.findings = std::move(review.findings);
        r.score = std::move(review.score);
        if (lines) {
          lines->add(r);  // written while the document its findings view lives
          continue;
        }
        for (check::Finding& f : r.findings) f.keep();  // kept past the document
        results.push_back(std::move(r));
      }
      departments = db->rank_departments({}, false);
      worst_projects = db->rank_projects({}, true, {10, 0}).rows;
    } catch (const store::StoreError& e) {
      fmt::print(stderr, "jixiao check: {}: error: {}\n", opt.db, e.what());
      return 2;
    }
  }
  // The JSON report of files is made as documents are checked (their
  // findings written out and dropped); the other reports hold them all.
  std::optional<check::JsonReportBuilder> streamed;
  if (opt.json && opt.db.empty()) {
    try {
      streamed.emplace(policy_name);
    } catch (const std::runtime_error& e) {
      fmt::print(stderr, "jixiao check: error: {}\n", e.what());
      return 2;
    }
  }
  auto keep = [&](check::CheckedDocument&& r) {
    if (lines) {
      lines->add(r);
    } else if (streamed) {
      streamed->add(r);
    } else {
      results.push_back(std::move(r));
    }
  };
  std::size_t documents = 0;  // index of the next document in the report
  auto report_unreadable = [&](check::CheckedDocument& r) {
    unreadable = true;
    fmt::print(stderr, "{}: error: {}\n", r.path, *r.unreadable);
    keep(std::move(r));
    ++documents;
  };
  // Copies across tables (another department's, another year's) need every
  // table seen first; each contributes only a signature per project.
  check::CorpusBoilerplate corpus(policy);
  for (const std::string& path : opt.files) {
    const std::string name = path == "-" ? "<stdin>" : path;
    // A file may hold several tables: each is reviewed on its own.
    ParseFileResult read = parse_file(path, [&](Document&& doc) {
      check::CheckedDocument r;
      r.path = name;
      r.department = doc.department;
      for (const Diagnostic& d : doc.diagnostics) {
        if (d.severity == Severity::Error) {
          r.unreadable = fmt::format("{} ({})", d.message, d.code);
          break;
        }
      }
      if (r.unreadable) return report_unreadable(r);
      std::string label = name;
      if (doc.department) label += " " + *doc.department;
      if (doc.year) label += fmt::format(" {}年", *doc.year);
      auto review = checker.review(doc, corpus, documents++, label);
      r.findings = std::move(review.findings);
      r.score = std::move(review.score);
      // The readable reports hold the findings past the document (check/findings.hpp).
      if (!streamed && !lines)
        for (check::Finding& f : r.findings) f.keep();
      keep(std::move(r));
    });
    if (!read.ok()) {
      check::CheckedDocument r;
      r.path = name;
      r.unreadable = read.error;
      report_unreadable(r);
    }
  }

  for (check::CorpusFinding& cf : corpus.findings()) {
    if (lines) {
      lines->add_late(cf.document, cf.finding);
    } else if (streamed) {
      streamed->add_late(cf.document, std::move(cf.finding));
    } else {
      results[cf.document].findings.push_back(std::move(cf.finding));
    }
  }

  if (lines) {
    // Only with --db: the store ranks departments (every year apart), as --json does.
    lines->finish([&](JsonWriter& w) {
      if (opt.db.empty()) return;
      w.key("departments");
      w.begin_array();
      for (const auto& d : departments) {
        w.begin_object();
        w.field("department", d.department);
        d.year ? w.field("year", static_cast<long long>(*d.year)) : w.null_field("year");
        w.field("projects", static_cast<long long>(d.projects));
        w.field("mean", static_cast<long long>(d.quality));
        w.field("worst", static_cast<long long>(d.worst));
        w.end_object();
      }
      w.end_array();
    });
    std::cout.flush();
  } else if (streamed) {
    // Written as it is made: a tree of every finding of a large corpus would
    // cost more than the checking did.
    std::ios::sync_with_stdio(false);
    try {
      streamed->write(std::cout);
    } catch (const std::runtime_error& e) {
      fmt::print(stderr, "jixiao check: error: {}\n", e.what());
      return 2;
    }
    std::cout << "\n";
  } else if (opt.json) {
    auto report = check::json_report(results, policy_name);
    if (!opt.db.empty()) {
      // Only with --db: the store ranks departments (every year apart) and projects.
      auto ranking = nlohmann::ordered_json::array();
      for (const auto& d : departments)
        ranking.push_back({{"department", d.department},
                           {"year", d.year ? nlohmann::ordered_json(*d.year) : nlohmann::ordered_json(nullptr)},
                           {"projects", d.projects},
                           {"mean", d.quality},
                           {"worst", d.worst}});
      report["summary"]["departments"] = std::move(ranking);
    }
    std::cout << report.dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace) << "\n";
  } else {
    std::cout << check::text_report(results);
    if (!opt.db.empty()) {
      std::cout << "departments by mean project score:\n";
      for (const auto& d : departments)
        std::cout << fmt::format("  {:>3}  (worst {:>3}, {} projects)  {}{}\n", d.quality, d.worst, d.projects,
                                 d.department.empty() ? "-" : d.department, d.year ? fmt::format(" {}", *d.year) : "");
      std::cout << "lowest-scoring projects:\n";
      for (const auto& p : worst_projects)
        std::cout << fmt::format("  {:>3}  {} — {}  (document {}, project {})\n", p.quality.value_or(0),
                                 p.department.value_or("-"), p.name.value_or("(unnamed)"), p.document_id,
                                 p.project_no);
    }
  }

  if (unreadable) return 2;
  if (!opt.fail_on.empty()) {
    Severity threshold = opt.fail_on == "error"     ? Severity::Error
                         : opt.fail_on == "warning" ? Severity::Warning
                                                    : Severity::Notice;
    if (streamed && streamed->any_at_or_above(threshold)) return 1;
    if (lines && lines->any_at_or_above(threshold)) return 1;
    for (const auto& r : results) {
      if (check::any_at_or_above(r.findings, threshold)) return 1;
    }
  }
  return 0;
}

}  // namespace

void register_check(CLI::App& app) {
  auto opt = std::make_shared<CheckOptions>();
  CLI::App* cmd =
      app.add_subcommand("check", "Review 绩效目标表 files as a finance reviewer does (docs/CHECK.md)");
  CLI::Option* files = cmd->add_option("files", opt->files, "files to check; - for standard input");
  CLI::Option* db = cmd->add_option("--db", opt->db, "review the documents stored in this database (SQLite file or postgresql://…)");
  files->excludes(db);
  db->excludes(files);
  CLI::Option* json = cmd->add_flag("--json", opt->json, "print findings and scores as jixiao-check/1 JSON");
  CLI::Option* jsonl = cmd->add_flag(
      "--jsonl", opt->json_lines,
      "print the jixiao-check/1 report as JSON Lines: each document's line as soon as it is reviewed");
  json->excludes(jsonl);
  jsonl->excludes(json);
  cmd->add_option("--policy", opt->policy_file, "policy file: thresholds, vocabularies, rule severities");
  cmd->add_option("--fail-on", opt->fail_on, "exit 1 when a finding at or above this severity exists")
      ->check(CLI::IsMember({"error", "warning", "notice"}));
  cmd->callback([opt]() {
    if (opt->files.empty() && opt->db.empty()) throw CLI::RequiredError("files or --db");
    int status = run_check(*opt);
    if (status != 0) throw CLI::RuntimeError(status);
  });
}

}  // namespace jixiao::cli
