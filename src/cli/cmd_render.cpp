// `jixiao render`: the official table from a jixiao/1 document.
//
//   jixiao render DOC.json --layout summary --to html -o table.html
//   jixiao parse seed.txt --json | jixiao render - --to xlsx -o table.xlsx
//
// DOC.json holds one document, an array of them (parse --json), or one per
// line (parse --jsonl). With several documents and -o FILE, document i goes
// to FILE's stem + "-i" + extension; with --book (HTML, PDF) they all go to
// FILE, each table from a new page, as a department's budget book prints. Without -o the render goes to standard
// output (binary formats too, for piping).
//
// Where documents come from is load_documents() alone: the store's `--db`
// source adds a branch there and nothing else changes.
#include <fmt/format.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>
#include <memory>
#include <span>
#include <sstream>

#include "cli/commands.hpp"
#include "model/json.hpp"
#include "render/render.hpp"

namespace jixiao::cli {
namespace {

namespace fs = std::filesystem;

struct RenderOptions {
  std::string input;   // a jixiao/1 JSON file or "-"
  std::string layout;  // summary | project | project-grid; empty: the document's own
  std::string to = "html";
  std::string output;  // empty: standard output
  bool book = false;   // every document into one file
};

// A document read from JSON does not say which layout it was read from; the
// per-project grid is the one whose projects carry 资金用途 or 指标描述 and
// which has no 合计 row.
TableLayout guess_layout(const Document& doc) {
  if (!doc.layout.empty()) return layout_of(doc);
  if (doc.total) return TableLayout::Summary;
  for (const Unit& u : doc.units) {
    for (const Project& p : u.projects) {
      if (p.purpose) return TableLayout::ProjectGrid;
      for (const Indicator& ind : p.indicators) {
        if (ind.description) return TableLayout::ProjectGrid;
      }
    }
  }
  return TableLayout::Summary;
}

std::vector<Document> documents_from_json_text(const std::string& text, const std::string& name) {
  std::vector<Document> docs;
  auto add = [&](const nlohmann::json& j) {
    if (!j.is_object()) throw CLI::ValidationError(name, "expected jixiao/1 documents (JSON objects)");
    docs.push_back(document_from_json(j));
  };
  try {
    nlohmann::json j = nlohmann::json::parse(text);
    if (j.is_array()) {
      for (const auto& d : j) add(d);
    } else {
      add(j);
    }
    return docs;
  } catch (const nlohmann::json::parse_error&) {
    // Not one JSON value: JSON Lines (parse --jsonl) below.
  } catch (const nlohmann::json::exception& e) {
    throw CLI::ValidationError(name, std::string("not a jixiao/1 document: ") + e.what());
  }
  std::istringstream lines(text);
  std::string line;
  int number = 0;
  while (std::getline(lines, line)) {
    ++number;
    if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
    try {
      add(nlohmann::json::parse(line));
    } catch (const nlohmann::json::exception& e) {
      throw CLI::ValidationError(name + ":" + std::to_string(number),
                                 std::string("expected a jixiao/1 JSON document: ") + e.what());
    }
  }
  if (docs.empty()) throw CLI::ValidationError(name, "no jixiao/1 document in the input");
  return docs;
}

// The one place documents come from (see the file comment).
std::vector<Document> load_documents(const RenderOptions& o) {
  std::string text;
  if (o.input == "-") {
    text.assign(std::istreambuf_iterator<char>(std::cin), std::istreambuf_iterator<char>());
  } else {
    std::ifstream in(o.input, std::ios::binary);
    if (!in) throw CLI::ValidationError(o.input, "cannot open file");
    text.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  }
  return documents_from_json_text(text, o.input == "-" ? "<stdin>" : o.input);
}

fs::path output_for(const RenderOptions& o, std::size_t index, std::size_t count) {
  fs::path out = o.output;
  if (count <= 1) return out;
  return out.parent_path() /
         (out.stem().string() + "-" + std::to_string(index + 1) + out.extension().string());
}

void copy_to_stdout(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  std::cout << in.rdbuf();
  std::cout.flush();
}

// Renders `docs` (one document, or a whole book) to document `index` of
// `count` outputs: -o's file, or standard output through a temporary file.
void render_one(const RenderOptions& o, std::span<const Document> docs, TableLayout layout, OutputFormat format,
                std::size_t index, std::size_t count) {
  fs::path target;
  fs::path temporary;
  if (o.output.empty() || o.output == "-") {
    temporary = fs::temp_directory_path() /
                fmt::format("jixiao-render-{}-{}.{}", ::getpid(), index, output_format_extension(format));
    target = temporary;
  } else {
    target = output_for(o, index, count);
  }
  std::string error = docs.size() == 1 ? render_to_file(docs.front(), layout, format, target.string())
                                       : render_book_to_file(docs, layout, format, target.string());
  if (!temporary.empty()) {
    if (error.empty()) copy_to_stdout(temporary);
    std::error_code ec;
    fs::remove(temporary, ec);
  }
  if (!error.empty()) {
    // CLI11 prints a ValidationError's text but not a RuntimeError's.
    fmt::print(stderr, "render: error: {}\n", error);
    throw CLI::RuntimeError(1);
  }
}

void run_render(const RenderOptions& o) {
  std::optional<OutputFormat> format = output_format_named(o.to);
  if (!format) throw CLI::ValidationError("--to", "expected html, pdf, xlsx, docx or text, got " + o.to);
  std::optional<TableLayout> forced;
  if (!o.layout.empty()) {
    forced = table_layout_named(o.layout);
    if (!forced) throw CLI::ValidationError("--layout", "expected summary or project, got " + o.layout);
  }
  std::vector<Document> docs = load_documents(o);
  if (o.book) {
    if (*format != OutputFormat::Html && *format != OutputFormat::Pdf)
      throw CLI::ValidationError("--book", "a book is printed as html or pdf, not " + o.to);
    // One layout for the whole book: the first document's unless forced.
    render_one(o, docs, forced ? *forced : guess_layout(docs.front()), *format, 0, 1);
    return;
  }
  for (std::size_t i = 0; i < docs.size(); ++i)
    render_one(o, std::span<const Document>(&docs[i], 1), forced ? *forced : guess_layout(docs[i]), *format, i,
               docs.size());
}

}  // namespace

void register_render(CLI::App& app) {
  auto opts = std::make_shared<RenderOptions>();
  CLI::App* cmd = app.add_subcommand("render", "Print jixiao/1 documents as the official 项目支出绩效目标表");
  cmd->add_option("input", opts->input,
                  "A jixiao/1 JSON file (one document, an array, or JSON Lines); - for stdin")
      ->required();
  cmd->add_option(
      "--layout", opts->layout,
      "summary (multi-project table) or project (one grid per project); default: the document's own");
  cmd->add_option("--to", opts->to, "html, pdf, xlsx, docx or text")->capture_default_str();
  cmd->add_option("-o,--output", opts->output, "Output file (default: standard output)");
  cmd->add_flag("--book", opts->book,
                "Every document into one HTML or PDF file, each table from a new page (a budget book)");
  cmd->callback([opts] { run_render(*opts); });
}

}  // namespace jixiao::cli
