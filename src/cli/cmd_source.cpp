// `jixiao source FILE`: what a reader made of a file, before any recogniser
// — the lines, their cells, pages and boxes. For finding out why a PDF or a
// scan reads the way it does.
#include <fmt/format.h>

#include <fstream>

#include "cli/commands.hpp"
#include "read/detect.hpp"
#include "read/readers.hpp"

namespace jixiao::cli {

void register_source(CLI::App& app) {
  auto file = std::make_shared<std::string>();
  auto full = std::make_shared<bool>(false);
  CLI::App* cmd = app.add_subcommand("source", "Show the lines and cells a reader found in a file (debugging)");
  cmd->add_option("file", *file, "a PDF, scan, DOCX, XLSX, XLS, HTML or text file")->required();
  cmd->add_flag("--full", *full, "print each cell's whole text, not its first 120 bytes");
  cmd->callback([file, full]() {
    std::ifstream in(*file, std::ios::binary);
    char head[4096];
    in.read(head, sizeof head);
    FileFormat format = detect_format(std::string_view(head, static_cast<std::size_t>(in.gcount())), *file);
    in.close();
    Source src;
    if (format == FileFormat::Text) {
      std::ifstream t(*file, std::ios::binary);
      std::string bytes((std::istreambuf_iterator<char>(t)), std::istreambuf_iterator<char>());
      src = read_text(bytes, *file);
    } else {
      src = read_original(*file, format, *file);
    }
    fmt::print("{} · format {} · {} lines\n", *file, src.format, src.lines.size());
    for (const Line& l : src.lines) {
      if (l.blank() && l.cells.empty()) continue;
      fmt::print("{:4} p{} ", l.number, l.page);
      if (l.x0 >= 0) fmt::print("[{:.0f},{:.0f} {:.0f},{:.0f}] ", l.x0, l.y0, l.x1, l.y1);
      if (l.cells.empty()) {
        fmt::print("{}\n", l.text);
        continue;
      }
      fmt::print("{} cells\n", l.cells.size());
      for (const Cell& c : l.cells) {
        fmt::print("       | ");
        if (c.has_box()) fmt::print("x {:.0f}-{:.0f} ", c.x0, c.x1);
        if (c.confidence >= 0) fmt::print("conf {:.0f} ", c.confidence);
        fmt::print("{}\n", *full ? c.text : c.text.substr(0, 120));
      }
    }
    for (const Diagnostic& d : src.diagnostics) fmt::print("{}: {} [{}] {}\n", *file, severity_name(d.severity), d.code, d.message);
  });
}

}  // namespace jixiao::cli
