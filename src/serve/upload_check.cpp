#include "serve/upload_check.hpp"

#include <algorithm>
#include <cctype>

#include "read/source.hpp"

namespace jixiao::serve {
namespace {

std::string lower_extension(std::string_view name) {
  const auto dot = name.rfind('.');
  if (dot == std::string_view::npos) return "";
  std::string ext(name.substr(dot));
  std::transform(ext.begin(), ext.end(), ext.begin(), [](unsigned char c) { return std::tolower(c); });
  return ext;
}

bool starts_with(std::string_view s, std::string_view prefix) { return s.substr(0, prefix.size()) == prefix; }

// Length of the UTF-8 sequence that starts with `lead`, 0 when `lead` cannot start one.
std::size_t utf8_length(unsigned char lead) {
  if (lead < 0x80) return 1;
  if ((lead >> 5) == 0x6) return 2;
  if ((lead >> 4) == 0xE) return 3;
  if ((lead >> 3) == 0x1E) return 4;
  return 0;
}

}  // namespace

UploadType classify_upload(std::string_view filename, std::string_view bytes) {
  const std::string ext = lower_extension(filename);
  auto refuse = [](std::string why) { return UploadType{"", std::move(why)}; };
  if (bytes.empty()) return refuse("the file is empty");

  if (starts_with(bytes, "%PDF-")) {
    if (ext != ".pdf") return refuse("the file is a PDF but its name ends in '" + ext + "'");
    return {".pdf", ""};
  }
  if (starts_with(bytes, std::string_view("PK\x03\x04", 4))) {
    // ZIP entry names are stored in the clear, so an Office file shows its parts.
    const bool word = bytes.find("word/document.xml") != std::string_view::npos;
    const bool excel = bytes.find("xl/workbook.xml") != std::string_view::npos;
    if (word && ext == ".docx") return {".docx", ""};
    if (excel && ext == ".xlsx") return {".xlsx", ""};
    if (!word && !excel) return refuse("the file is a ZIP archive but not a DOCX or XLSX document");
    return refuse(std::string("the file is ") + (word ? "a DOCX" : "an XLSX") +
                  " document but its name ends in '" + ext + "'");
  }
  if (ext == ".pdf" || ext == ".docx" || ext == ".xlsx") {
    return refuse("the name ends in '" + ext + "' but the content does not start like one");
  }
  if (ext != ".txt" && ext != ".text" && ext != ".csv" && ext != ".tsv" && ext != "") {
    return refuse("'" + ext + "' is not a type jixiao reads (PDF, DOCX, XLSX or text)");
  }
  // Text: the reader decides, by the same rules as for files on disk.
  const Source source = read_text(bytes, std::string(filename));
  if (!source.readable) {
    return refuse("the file is neither text (UTF-8 or GB18030 without NUL bytes) nor PDF, DOCX or XLSX");
  }
  return {".txt", ""};
}

std::string safe_file_name(std::string_view client_name) {
  const auto slash = client_name.find_last_of("/\\");
  if (slash != std::string_view::npos) client_name.remove_prefix(slash + 1);
  std::string out;
  for (std::size_t i = 0; i < client_name.size();) {
    const unsigned char c = static_cast<unsigned char>(client_name[i]);
    std::size_t n = utf8_length(c);
    if (n == 0 || i + n > client_name.size()) {
      ++i;  // a stray byte: dropped
      continue;
    }
    bool valid = true;
    for (std::size_t k = 1; k < n; ++k) {
      if ((static_cast<unsigned char>(client_name[i + k]) & 0xC0) != 0x80) valid = false;
    }
    if (!valid) {
      ++i;
      continue;
    }
    if (n == 1 && (c < 0x20 || c == 0x7F || c == ':' || c == '*' || c == '?' || c == '"' || c == '<' ||
                   c == '>' || c == '|')) {
      i += 1;
      continue;
    }
    if (out.size() + n > 80) break;
    out.append(client_name.substr(i, n));
    i += n;
  }
  // No hidden files and no "..": leading dots and spaces go.
  const auto first = out.find_first_not_of(". ");
  out = first == std::string::npos ? std::string() : out.substr(first);
  while (!out.empty() && (out.back() == ' ' || out.back() == '.')) out.pop_back();
  return out.empty() ? "upload" : out;
}

}  // namespace jixiao::serve
