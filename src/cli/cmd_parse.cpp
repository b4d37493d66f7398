// `jixiao parse FILE... [--json]`: read tables and print the model.
#include <fmt/format.h>

#include <cstdio>
#include <fstream>
#include <iostream>
#include <iterator>
#include <sstream>

#include "cli/commands.hpp"
#include "model/json.hpp"
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

// Prints JSON documents as they come: one document alone is a jixiao/1
// object (the contract); several become an array, written as they arrive so
// output never holds more than one document.
class JsonPrinter {
 public:
  void add(const std::string& json_text) {
    if (count_ == 0) {
      held_ = json_text;
    } else {
      if (count_ == 1) std::cout << "[\n" << held_;
      std::cout << ",\n" << json_text;
      held_.clear();
    }
    ++count_;
  }
  void finish() {
    if (count_ == 1) std::cout << held_ << "\n";
    if (count_ > 1) std::cout << "\n]\n";
  }

 private:
  std::size_t count_ = 0;
  std::string held_;
};

int run(const ParseOptions& opt) {
  int status = 0;
  JsonOptions jopt;
  jopt.with_provenance = opt.provenance;
  jopt.with_structured_targets = opt.provenance;
  JsonPrinter printer;
  // JSON goes through std::cout only (the readable summary through stdio
  // only), so cout may keep its own buffer instead of syncing per write.
  if (opt.json || opt.json_lines) std::ios::sync_with_stdio(false);
  for (const std::string& path : opt.files) {
    ParseFileResult read = parse_file(path, [&](Document&& doc) {
      if (has_errors(doc)) status = 1;
      if (opt.json || opt.json_lines) {
        for (const Diagnostic& d : doc.diagnostics) {
          if (d.severity == Severity::Error)
            fmt::print(stderr, "{}:{}: error: {}\n", doc.source_path, d.line, d.message);
        }
        if (opt.json_lines) {
          // Straight to the stream: a large document is never held as text.
          write_json(std::cout, doc, jopt, -1);
          std::cout << '\n';
        } else {
          printer.add(json_text(doc, jopt, 2));
        }
      } else {
        print_summary(doc);
      }
    });
    if (!read.ok()) {
      fmt::print(stderr, "{}: error: {}\n", path, read.error);
      status = 1;
    }
  }
  printer.finish();
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
