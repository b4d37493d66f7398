// A scanned table prints its department's name again and again: in the head
// line, as the unit's name, inside project names and goals (广州市某区人民检察院
// 2023年信息化运维项目). OCR misreads a character in one copy (荔湾 → 功湾)
// while the other copies agree; the copies vote. Nothing here knows a
// document's words: the names voted on are the document's own department
// and unit names.
#pragma once

#include <cstddef>

#include "model/document.hpp"

namespace jixiao {

// For scans only. A reference is the department's or a unit's name, at
// least six characters, printed identically at least twice in the document
// (department, unit and project names, purposes and goals). Any other
// spelling of it in a project's name, purpose or goal, of the same length,
// with the first and last characters right and one character wrong (two in
// names of twelve or more), both ideographs, is taken as a misreading and
// replaced by the reference when the reference is printed at least as often
// as that spelling (OCR tends to misread a character the same way twice:
// the department's line and the unit's row are the reference's two copies)
// and the spelling is not the department's or a unit's own name (those vote
// but are kept as read). Numerals and direction characters (第一/第二, 东/西)
// are never voted on. Each mended field is reported as a notice
// (`ocr.name-vote`). Returns the number of replacements.
std::size_t mend_repeated_names(Document& doc);

}  // namespace jixiao
