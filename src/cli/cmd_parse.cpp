// `jixiao parse FILE... [--json]`: read tables and print the model.
#include <fmt/format.h>

#include <cstdio>
#include <optional>

#include "cli/commands.hpp"
#include "model/json.hpp"
#include "model/json_writer.hpp"
#include "recognise/parse.hpp"
#include "recognise/parse_file.hpp"

namespace jixiao::cli {
namespace {

struct ParseOptions {
  std::vector<std::string> files;
  bool json = false;
  bool json_lines = false;
  bool provenance = false;
};

std::string amount_text(const std::optional<Decimal>& d) { return d ? d->to_string() : "-"; }

void print_summary(const Document& doc) {
  std::size_t projects = 0, indicators = 0;
  for (const Unit& u : doc.units) {
    projects += u.projects.size();
    for (const Project& p : u.projects) indicators += p.indicators.size();
  }
  fmt::print("{}\n", doc.source_path);
  fmt::print("  layout {} · encoding {} · {} units · {} projects · {} indicators\n", doc.layout, doc.encoding,
             doc.units.size(), projects, indicators);
  if (doc.title) fmt::print("  title      {}\n", *doc.title);
  fmt::print("  department {}{}{}\n", doc.department.value_or("(none)"),
             doc.department_code ? " [" + *doc.department_code + "]" : "",
             doc.year ? fmt::format(" · {}", *doc.year) : "");
  fmt::print("  amounts in {}; columns 总计 / 财政拨款 / 财政专户拨款 / 其他资金\n", doc.amount_unit);
  if (doc.total) {
    fmt::print("  合计 {:>12} {:>12} {:>12} {:>12}\n", amount_text(doc.total->total),
               amount_text(doc.total->fiscal), amount_text(doc.total->special),
               amount_text(doc.total->other));
  }
  for (const Unit& u : doc.units) {
    fmt::print("  unit {}{}\n", u.name, u.amounts.empty() ? "" : "  " + amount_text(u.amounts.total));
    for (const Project& p : u.projects) {
      fmt::print("    {:<40} {:>10} {:>10} {:>10} {:>10}  {} indicators\n", p.name.value_or("(unnamed)"),
                 amount_text(p.amounts.total), amount_text(p.amounts.fiscal), amount_text(p.amounts.special),
                 amount_text(p.amounts.other), p.indicators.size());
    }
  }
  for (const Diagnostic& d : doc.diagnostics) {
    fmt::print("  {}:{}: {} [{}] {}\n", doc.source_path, d.line, severity_name(d.severity), d.code,
               d.message);
  }
}

// Prints JSON documents as they come, all through one writer (one buffer,
// handed to stdout in large blocks): --jsonl one compact document per line;
// --json one document alone as a jixiao/1 object (the contract), several as
// an array, written as they arrive so output never holds more than one
// document.
class JsonPrinter {
 public:
  JsonPrinter(bool lines, const JsonOptions& options)
      : lines_(lines), options_(options), out_(stdout, lines ? -1 : 2) {}
  void add(const Document& doc) {
    if (lines_) {
      write_json(out_, doc, options_);
      out_.raw("\n");
    } else if (count_ == 0) {
      held_ = json_text(doc, options_, 2);
    } else {
      if (count_ == 1) {
        out_.raw("[\n");
        out_.raw(held_);
        held_ = std::string();
      }
      out_.raw(",\n");
      write_json(out_, doc, options_);
    }
    ++count_;
  }
  void finish() {
    if (lines_) return;
    if (count_ == 1) {
      out_.raw(held_);
      out_.raw("\n");
    }
    if (count_ > 1) out_.raw("\n]\n");
  }

 private:
  bool lines_;
  JsonOptions options_;
  JsonWriter out_;
  std::size_t count_ = 0;
  std::string held_;
};

int run(const ParseOptions& opt) {
  int status = 0;
  JsonOptions jopt;
  jopt.with_provenance = opt.provenance;
  jopt.with_structured_targets = opt.provenance;
  std::optional<JsonPrinter> printer;
  if (opt.json || opt.json_lines) printer.emplace(opt.json_lines, jopt);
  for (const std::string& path : opt.files) {
    ParseFileResult read = parse_file(path, [&](Document&& doc) {
      if (has_errors(doc)) status = 1;
      if (printer) {
        for (const Diagnostic& d : doc.diagnostics) {
          if (d.severity == Severity::Error)
            fmt::print(stderr, "{}:{}: error: {}\n", doc.source_path, d.line, d.message);
        }
        printer->add(doc);
      } else {
        print_summary(doc);
      }
    });
    if (!read.ok()) {
      fmt::print(stderr, "{}: error: {}\n", path, read.error);
      status = 1;
    }
  }
  if (printer) printer->finish();
  return status;
}

}  // namespace

void register_parse(CLI::App& app) {
  auto opt = std::make_shared<ParseOptions>();
  CLI::App* cmd = app.add_subcommand("parse", "Read 绩效目标表 files (text exports) into the jixiao model");
  cmd->add_option("files", opt->files, "files to read; - for standard input")->required();
  cmd->add_flag("--json", opt->json, "print the jixiao/1 document (docs/FORMAT.md)");
  cmd->add_flag("--jsonl", opt->json_lines, "print one compact jixiao/1 document per line (JSON Lines)");
  cmd->add_flag("--provenance", opt->provenance,
                "with --json: add source lines, parsed targets and diagnostics (extension fields)");
  cmd->callback([opt]() {
    int status = run(*opt);
    if (status != 0) throw CLI::RuntimeError(status);
  });
}

}  // namespace jixiao::cli
