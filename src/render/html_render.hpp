// The official table as one self-contained HTML page (no external resources:
// styles inline, fonts by family name) that prints as the published form:
// A4 landscape, the column head repeated at the top of every printed page
// (a long row runs on to the next page under it, as published PDFs do).
#pragma once

#include <span>
#include <string>

#include "model/document.hpp"
#include "render/printed_table.hpp"

namespace jixiao {

std::string render_html(const Document& doc, TableLayout layout);

// A book: every document's tables in order, each table from a new page (a
// department's budget book, or many documents printed at once; see
// PdfRenderer::render_book).
std::string render_html(std::span<const Document> docs, TableLayout layout);

}  // namespace jixiao
