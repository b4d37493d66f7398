#include "read/detect.hpp"

#include <zip.h>

#include <algorithm>
#include <cctype>
#include <fstream>
#include <vector>

namespace jixiao {
namespace {

bool starts_with(std::string_view s, std::string_view p) { return s.substr(0, p.size()) == p; }

FileFormat zip_format(const std::string& path) {
  int err = 0;
  zip_t* z = zip_open(path.c_str(), ZIP_RDONLY, &err);
  if (!z) return FileFormat::Unknown;
  FileFormat f = FileFormat::Unknown;
  if (zip_name_locate(z, "word/document.xml", 0) >= 0) {
    f = FileFormat::Docx;
  } else if (zip_name_locate(z, "xl/workbook.xml", 0) >= 0) {
    f = FileFormat::Xlsx;
  }
  zip_close(z);
  return f;
}

// OLE2 directory entries name their streams in UTF-16LE; the directory can
// sit anywhere in the file, so the first megabytes are searched.
FileFormat ole2_format(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::vector<char> buf(8u << 20);
  in.read(buf.data(), static_cast<std::streamsize>(buf.size()));
  std::string_view data(buf.data(), static_cast<std::size_t>(in.gcount()));
  auto has = [&](std::string_view ascii) {
    std::string wide;
    for (char c : ascii) {
      wide.push_back(c);
      wide.push_back('\0');
    }
    return data.find(wide) != std::string_view::npos;
  };
  if (has("WordDocument")) return FileFormat::Doc;
  if (has("Workbook") || has("Book")) return FileFormat::Xls;
  return FileFormat::Unknown;
}

// Whether `s` starts with `lower_prefix` (lower-case ASCII), ignoring case.
bool starts_with_nocase(std::string_view s, std::string_view lower_prefix) {
  if (s.size() < lower_prefix.size()) return false;
  for (std::size_t k = 0; k < lower_prefix.size(); ++k) {
    if (std::tolower(static_cast<unsigned char>(s[k])) != static_cast<unsigned char>(lower_prefix[k]))
      return false;
  }
  return true;
}

// The start of the head, after a byte order mark and white space, is
// compared without regard to case; only a head opening with an XML prolog
// or a comment is lower-cased whole, to look for the tags further in (every
// text file used to be, 4 KiB byte by byte: 5% of parsing 150 small files).
bool looks_like_html(std::string_view head) {
  std::size_t i = 0;
  if (starts_with(head, "\xef\xbb\xbf")) i = 3;
  while (i < head.size() && std::isspace(std::tolower(static_cast<unsigned char>(head[i])))) ++i;
  const std::string_view s = head.substr(i);
  if (starts_with_nocase(s, "<!doctype html") || starts_with_nocase(s, "<html") ||
      starts_with_nocase(s, "<head") || starts_with_nocase(s, "<body") || starts_with_nocase(s, "<table") ||
      starts_with_nocase(s, "<meta"))
    return true;
  // An XML prolog or a comment first: decide by the tags that follow.
  if (starts_with_nocase(s, "<?xml") || starts_with_nocase(s, "<!--")) {
    std::string lower;
    lower.reserve(s.size());
    for (char c : s) lower.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
    return lower.find("<html") != std::string::npos || lower.find("<table") != std::string::npos;
  }
  return false;
}

}  // namespace

const char* format_name(FileFormat f) {
  switch (f) {
    case FileFormat::Text:
      return "text";
    case FileFormat::Pdf:
      return "pdf";
    case FileFormat::Docx:
      return "docx";
    case FileFormat::Xlsx:
      return "xlsx";
    case FileFormat::Xls:
      return "xls";
    case FileFormat::Doc:
      return "doc";
    case FileFormat::Html:
      return "html";
    case FileFormat::Image:
      return "image";
    case FileFormat::Unknown:
      return "unknown";
  }
  return "unknown";
}

FileFormat detect_format(std::string_view head, const std::string& path) {
  // Some producers put junk before the header; readers accept it within 1 KiB.
  if (head.substr(0, 1024).find("%PDF-") != std::string_view::npos) return FileFormat::Pdf;
  if (starts_with(head, "PK\x03\x04")) return zip_format(path);
  if (starts_with(head, "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1")) return ole2_format(path);
  if (starts_with(head, "\x89PNG\r\n\x1a\n") || starts_with(head, "\xFF\xD8\xFF") ||
      starts_with(head, std::string_view("II*\0", 4)) || starts_with(head, std::string_view("MM\0*", 4)) || starts_with(head, "GIF8") ||
      (starts_with(head, "BM") && head.size() > 14 && head.substr(6, 4) == std::string_view("\0\0\0\0", 4)) ||
      (head.size() > 2 && head[0] == 'P' && head[1] >= '1' && head[1] <= '6' &&
       std::isspace(static_cast<unsigned char>(head[2]))))
    return FileFormat::Image;
  if (looks_like_html(head)) return FileFormat::Html;
  if (starts_with(head, "PK") || starts_with(head, "\x1f\x8b") || starts_with(head, "7z\xBC\xAF") ||
      starts_with(head, "Rar!"))
    return FileFormat::Unknown;
  return FileFormat::Text;
}

}  // namespace jixiao
