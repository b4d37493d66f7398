// Readers of the original formats (src/read/originals/). Each turns a file
// into the one Source the recognisers read (read/source.hpp, built through
// read/table_source.hpp).
// None throws: a file that cannot be read gives a Source with
// `readable == false` and an Error diagnostic saying what was expected.
// Limits keep memory bounded whatever the file claims (a ZIP bomb, a
// 1,000-page PDF): see ReadLimits.
#pragma once

#include <cstddef>
#include <string>

#include "read/source.hpp"

namespace jixiao {

struct ReadLimits {
  std::size_t max_xml_bytes = 64u << 20;      // one part of a DOCX/XLSX, uncompressed
  std::size_t max_zip_ratio = 200;            // uncompressed : compressed, per part
  std::size_t max_cells = 2'000'000;          // cells of a sheet or of all tables
  int max_pages = 5000;                       // PDF pages read
  int ocr_threads = 2;                        // pages recognised at once
  int ocr_dpi = 300;                          // rendering of scanned PDF pages
};

Source read_pdf(const std::string& path, const std::string& display_name, const ReadLimits& limits = {});
Source read_image(const std::string& path, const std::string& display_name, const ReadLimits& limits = {});
Source read_docx(const std::string& path, const std::string& display_name, const ReadLimits& limits = {});
Source read_xlsx(const std::string& path, const std::string& display_name, const ReadLimits& limits = {});
Source read_xls(const std::string& path, const std::string& display_name, const ReadLimits& limits = {});
Source read_html(const std::string& path, const std::string& display_name, const ReadLimits& limits = {});

// Reads a file whose format detect_format found (not Text: text is streamed
// by recognise/stream.hpp). Doc and Unknown give an unreadable Source whose
// diagnostic names the conversion to do. The readers above are in the module
// jixiao-originals.so, loaded on the first call (read/original_module.hpp);
// a module that cannot be loaded gives an unreadable Source that says why.
enum class FileFormat;
Source read_original(const std::string& path, FileFormat format, const std::string& display_name,
                     const ReadLimits& limits = {});

// A Source that could not be read: no lines, one Error diagnostic.
Source unreadable(const std::string& display_name, const std::string& format, const std::string& code,
                  const std::string& message);

}  // namespace jixiao
