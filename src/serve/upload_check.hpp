// What an upload must be before it reaches a reader: a file type jixiao
// reads, recognised by its first bytes (the name's extension must agree),
// and a name that is safe to keep as part of a file name.
#pragma once

#include <string>
#include <string_view>

namespace jixiao::serve {

struct UploadType {
  std::string extension;  // ".pdf", ".docx", ".xlsx", ".txt"; "" when refused
  std::string error;      // why it was refused
  bool ok() const { return error.empty(); }
};

// PDF ("%PDF-"), DOCX/XLSX (a ZIP whose entries say word/ or xl/), or text:
// no NUL byte and valid UTF-8 or GB18030 per read_text. The client's
// extension must name the same type (a .pdf that starts PK is refused).
UploadType classify_upload(std::string_view filename, std::string_view bytes);

// The client's file name reduced to something safe inside a file name: the
// last path component only (both / and \ separate), no control characters,
// no leading dots, at most 80 bytes of whole UTF-8 characters; "upload" when
// nothing is left. The result never contains a separator and never starts
// with a dot, so it cannot name a parent folder or a hidden file.
std::string safe_file_name(std::string_view client_name);

}  // namespace jixiao::serve
