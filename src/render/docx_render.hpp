// The official table as a Word document (WordprocessingML in a zip, written
// with libzip): A4 landscape, title and captions as paragraphs, one Word
// table per printed table with gridSpan/vMerge where the form merges cells,
// the summary's column head marked to repeat on every page. Goals typed as
// numbered items are one paragraph per item, as in the Word originals.
#pragma once

#include <string>

#include "model/document.hpp"
#include "render/printed_table.hpp"

namespace jixiao {

// The word/document.xml part alone (for tests and inspection).
std::string docx_document_xml(const Document& doc, TableLayout layout);

// Writes the .docx package to `path`. Returns "" or what went wrong.
std::string write_docx(const Document& doc, TableLayout layout, const std::string& path);

}  // namespace jixiao
