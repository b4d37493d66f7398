// Carries the geometry a reader knew (page, box, OCR confidence) from the
// Source lines into the Document the recognisers built from them: every
// unit, project and indicator span gets the page and the box of the lines it
// was read from, every diagnostic its page, and OCR readings below a
// confidence threshold become diagnostics naming what to check.
#pragma once

#include "model/document.hpp"
#include "read/source.hpp"

namespace jixiao {

// OCR word confidence (0–100) under which a project's reading is flagged.
inline constexpr float kLowOcrConfidence = 60;

void attach_geometry(Document& doc, const Source& source);

}  // namespace jixiao
