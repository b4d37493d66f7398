// `jixiao export --to csv|xlsx|jsonl [--out PATH] [--db …]` (store/export.hpp).
//
// Defaults: csv → folder jixiao-export/, xlsx → jixiao.xlsx, jsonl → standard
// output. Exit status 2 when the database cannot be read or the output written.
#include <fmt/format.h>

#include <fstream>
#include <iostream>
#include <memory>

#include "cli/commands.hpp"
#include "store/export.hpp"

namespace jixiao::cli {

void register_export(CLI::App& app) {
  struct ExportOptions {
    std::string db = "jixiao.db";
    std::string to;
    std::string out;
  };
  auto o = std::make_shared<ExportOptions>();
  CLI::App* cmd = app.add_subcommand("export", "Export the database as CSV, XLSX or jixiao/1 JSON Lines");
  cmd->add_option("--to", o->to, "csv (a folder of UTF-8 files), xlsx (one sheet per table) or jsonl")
      ->required()
      ->check(CLI::IsMember({"csv", "xlsx", "jsonl"}));
  cmd->add_option("--out", o->out, "where to write (csv: folder; xlsx: file; jsonl: file or - )");
  cmd->add_option("--db", o->db, "SQLite file or postgresql://… URL")->capture_default_str();
  cmd->callback([o] {
    try {
      auto db = store::Store::open(o->db, store::OpenMode::ReadOnly);
      if (o->to == "jsonl") {
        std::ios::sync_with_stdio(false);
        std::size_t n = 0;
        if (o->out.empty() || o->out == "-") {
          n = store::export_jsonl(*db, std::cout);
          std::cout.flush();
        } else {
          std::ofstream out(o->out, std::ios::binary | std::ios::trunc);
          if (!out) throw store::StoreError(o->out + ": cannot write");
          n = store::export_jsonl(*db, out);
        }
        fmt::print(stderr, "export: {} document(s) as jixiao/1 JSON Lines\n", n);
      } else if (o->to == "csv") {
        std::string dir = o->out.empty() ? "jixiao-export" : o->out;
        std::size_t n = store::export_csv(*db, dir);
        fmt::print(stderr, "export: {} row(s) in {}/*.csv\n", n, dir);
      } else {
        std::string path = o->out.empty() ? "jixiao.xlsx" : o->out;
        std::size_t n = store::export_xlsx(*db, path);
        fmt::print(stderr, "export: {} row(s) in {}\n", n, path);
      }
    } catch (const store::StoreError& e) {
      fmt::print(stderr, "jixiao export: error: {}\n", e.what());
      throw CLI::RuntimeError(2);
    }
  });
}

}  // namespace jixiao::cli
