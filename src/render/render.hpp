// One entry for every output of `jixiao render`: a Document in a layout and
// a format, to a file. The format modules (html_render, xlsx_render,
// docx_render, chromium for PDF, text_render) each draw print_tables().
#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "model/document.hpp"
#include "render/chromium.hpp"
#include "render/printed_table.hpp"
#include "render/text_render.hpp"

namespace jixiao {

enum class OutputFormat { Text, Html, Pdf, Xlsx, Docx };

// "text"/"txt", "html"/"htm", "pdf", "xlsx", "docx"; nullopt otherwise.
std::optional<OutputFormat> output_format_named(std::string_view name);
// The file extension without a dot: "txt", "html", "pdf", "xlsx", "docx".
const char* output_format_extension(OutputFormat format);

// Writes `doc` as `layout` in `format` to `path`. Text uses `text_options`
// (clean_text_options() unless given). Returns "" or what went wrong, naming
// the file.
std::string render_to_file(const Document& doc, TableLayout layout, OutputFormat format,
                           const std::string& path,
                           const std::optional<TextRenderOptions>& text_options = std::nullopt);

// Several documents in one HTML or PDF file, each table from a new page (a
// department's budget book; split_tables reads it back as the documents).
// Other formats give an error. Returns "" or what went wrong.
std::string render_book_to_file(std::span<const Document> docs, TableLayout layout, OutputFormat format,
                                const std::string& path);

// PDFs of many documents printed by one browser kept running (a browser
// start costs seconds), for round trips and corpora at scale: the same PDF
// render_to_file makes. Every print also pays about a second embedding the
// CJK fonts, however short the document, so many documents are best
// printed as one book.
class PdfRenderer {
 public:
  std::string render(const Document& doc, TableLayout layout, const std::string& path);
  std::string render_book(std::span<const Document> docs, TableLayout layout, const std::string& path);

 private:
  ChromiumPrinter printer_;
};

// Text without the sprinkled blank lines and stray spaces the round-trip
// tests add: what a person exporting the table would get.
TextRenderOptions clean_text_options();

std::string render_text_as(const Document& doc, TableLayout layout, const TextRenderOptions& options);

}  // namespace jixiao
