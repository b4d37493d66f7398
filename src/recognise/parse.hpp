// From a Source to a Document: detect the layout, run its recogniser.
//
// Layouts are told apart by header vocabulary (data/header_synonyms.tsv), not
// by file name or a fixed template. A layout nobody taught the recognisers
// gives a Document with no units and an Error diagnostic "layout.unknown"
// naming what was looked for.
#pragma once

#include <string>
#include <string_view>

#include "model/document.hpp"
#include "read/source.hpp"

namespace jixiao {

Document recognise(const Source& source);

// read_text + recognise: the whole text pipeline in one call.
Document parse_text(std::string_view bytes, const std::string& path, int first_line = 1);

// True when any diagnostic is an Error (the document is unusable as a whole).
bool has_errors(const Document& doc);

}  // namespace jixiao
