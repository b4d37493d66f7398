// Which file formats parse_file() reads, by file extension. Tests that write
// a format and read it back (render/roundtrip_test.cpp) ask here, so a new
// reader turns its round trip on by being listed.
#pragma once

#include <string_view>

namespace jixiao {

// True when parse_file() reads files ending in ".<extension>" (no dot:
// "txt", "html", "docx", "xlsx", "pdf").
bool parse_file_reads(std::string_view extension);

}  // namespace jixiao
