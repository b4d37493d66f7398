#include "render/render.hpp"

#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>

#include "render/chromium.hpp"
#include "render/docx_render.hpp"
#include "render/html_render.hpp"
#include "render/xlsx_render.hpp"

namespace jixiao {
namespace {

std::string write_bytes(const std::string& path, const std::string& bytes) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  out.close();
  if (!out) return "cannot write " + path;
  return "";
}

// The page Chromium prints is a temporary file beside nothing of the user's;
// `print` turns it into the PDF at `path`.
template <typename Print>
std::string print_through_html(const std::string& html, const std::string& path, Print print) {
  namespace fs = std::filesystem;
  std::string name = (fs::temp_directory_path() / "jixiao-render-XXXXXX.html").string();
  int fd = ::mkstemps(name.data(), 5);
  if (fd < 0) return "cannot make PDF " + path + ": no temporary file";
  ::close(fd);
  std::string error = write_bytes(name, html);
  if (error.empty()) error = print(name, path);
  std::error_code ec;
  fs::remove(name, ec);
  return error;
}

std::string write_pdf(const Document& doc, TableLayout layout, const std::string& path) {
  return print_through_html(render_html(doc, layout), path, print_html_to_pdf);
}

}  // namespace

std::string PdfRenderer::render(const Document& doc, TableLayout layout, const std::string& path) {
  return render_book(std::span<const Document>(&doc, 1), layout, path);
}

std::string PdfRenderer::render_book(std::span<const Document> docs, TableLayout layout, const std::string& path) {
  return print_through_html(render_html(docs, layout), path,
                            [this](const std::string& html, const std::string& pdf) { return printer_.print(html, pdf); });
}

std::string render_book_to_file(std::span<const Document> docs, TableLayout layout, OutputFormat format,
                                const std::string& path) {
  if (format == OutputFormat::Html) return write_bytes(path, render_html(docs, layout));
  if (format == OutputFormat::Pdf) return print_through_html(render_html(docs, layout), path, print_html_to_pdf);
  return std::string("a book of several documents is printed as html or pdf, not ") +
         output_format_extension(format);
}

std::optional<OutputFormat> output_format_named(std::string_view name) {
  if (name == "text" || name == "txt") return OutputFormat::Text;
  if (name == "html" || name == "htm") return OutputFormat::Html;
  if (name == "pdf") return OutputFormat::Pdf;
  if (name == "xlsx") return OutputFormat::Xlsx;
  if (name == "docx") return OutputFormat::Docx;
  return std::nullopt;
}

const char* output_format_extension(OutputFormat format) {
  switch (format) {
    case OutputFormat::Text:
      return "txt";
    case OutputFormat::Html:
      return "html";
    case OutputFormat::Pdf:
      return "pdf";
    case OutputFormat::Xlsx:
      return "xlsx";
    case OutputFormat::Docx:
      return "docx";
  }
  return "";
}

TextRenderOptions clean_text_options() {
  TextRenderOptions o;
  o.blank_line_percent = 0;
  o.width_jitter = 0;
  o.noise = false;
  return o;
}

std::string render_text_as(const Document& doc, TableLayout layout, const TextRenderOptions& options) {
  return layout == TableLayout::ProjectGrid ? render_grid_text(doc, options)
                                            : render_summary_text(doc, options);
}

std::string render_to_file(const Document& doc, TableLayout layout, OutputFormat format,
                           const std::string& path, const std::optional<TextRenderOptions>& text_options) {
  switch (format) {
    case OutputFormat::Text:
      return write_bytes(path, render_text_as(doc, layout, text_options.value_or(clean_text_options())));
    case OutputFormat::Html:
      return write_bytes(path, render_html(doc, layout));
    case OutputFormat::Pdf:
      return write_pdf(doc, layout, path);
    case OutputFormat::Xlsx:
      return write_xlsx(doc, layout, path);
    case OutputFormat::Docx:
      return write_docx(doc, layout, path);
  }
  return "unknown output format";
}

}  // namespace jixiao
