// The official table as one self-contained HTML page (no external resources:
// styles inline, fonts by family name) that prints as the published form:
// A4 landscape, the column head repeated at the top of every printed page,
// rows not split across pages where they fit on one.
#pragma once

#include <string>

#include "model/document.hpp"
#include "render/printed_table.hpp"

namespace jixiao {

std::string render_html(const Document& doc, TableLayout layout);

}  // namespace jixiao
