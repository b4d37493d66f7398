// Escaping text for HTML and XML (WordprocessingML) output.
#pragma once

#include <string>
#include <string_view>

namespace jixiao {

// Appends `text` with & < > " ' escaped. Control characters XML 1.0 forbids
// (all below U+0020 except tab, LF, CR) are dropped: no valid document has
// them, and one would make the whole file unreadable.
void append_escaped(std::string& out, std::string_view text);

}  // namespace jixiao
