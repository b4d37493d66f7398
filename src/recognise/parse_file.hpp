// A file (or standard input) to Documents: the one entry point that parse,
// check and ingest share. Format readers (PDF, DOCX, XLSX, HTML, scans) plug
// in here, so every command gains a format at once.
#pragma once

#include <cstddef>
#include <functional>
#include <string>
#include <string_view>

#include "model/document.hpp"

namespace jixiao {

struct ParseFileResult {
  std::size_t documents = 0;
  // Set when the file could not be read at all (missing, unreadable, a format
  // with no reader); problems inside a readable file are diagnostics instead.
  std::string error;
  bool ok() const { return error.empty(); }
};

// Reads `path` ("-" for standard input) and hands each table it holds to
// `sink` as soon as it is complete. Diagnostics name `display_name` (the path
// unless given).
ParseFileResult parse_file(const std::string& path, const std::function<void(Document&&)>& sink,
                           const std::string& display_name = {});

// The same for a file whose bytes the caller has already read (ingest reads
// them for the content hash): a text table is parsed from `bytes` instead of
// the file being opened and read again; other formats (PDF, Office, scans)
// are read from `path`, as their readers need.
ParseFileResult parse_file_bytes(const std::string& path, std::string_view bytes,
                                 const std::function<void(Document&&)>& sink,
                                 const std::string& display_name = {});

}  // namespace jixiao
