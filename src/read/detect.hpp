// Which reader a file needs, told from its bytes (magic numbers and, for
// ZIP and OLE2 containers, the names of their parts), not from its name: a
// downloaded "table.xls" that is really HTML, or a PDF saved as ".doc", is
// read by the right reader. The name is only a hint where content cannot
// decide (plain text).
#pragma once

#include <string>
#include <string_view>

namespace jixiao {

enum class FileFormat {
  Text,     // plain text export (UTF-8 / GB18030)
  Pdf,      // PDF, with or without a text layer
  Docx,     // Office Open XML word processing (word/document.xml)
  Xlsx,     // Office Open XML spreadsheet (xl/workbook.xml)
  Xls,      // legacy Excel (OLE2 with a Workbook/Book stream)
  Doc,      // legacy Word (OLE2 with a WordDocument stream)
  Html,     // HTML page
  Image,    // PNG, JPEG, TIFF, BMP, GIF, PNM: a scan
  Unknown,  // binary we have no reader for (another ZIP or OLE2 file, an archive …)
};

const char* format_name(FileFormat f);

// `head` is the start of the file (4 KiB is enough for every magic number);
// `path` lets ZIP and OLE2 containers be opened to look at their parts.
FileFormat detect_format(std::string_view head, const std::string& path);

}  // namespace jixiao
