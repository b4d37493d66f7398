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

bool looks_like_html(std::string_view head) {
  std::string lower;
  lower.reserve(head.size());
  for (char c : head) lower.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
  std::size_t i = 0;
  if (starts_with(lower, "\xef\xbb\xbf")) i = 3;
  while (i < lower.size() && std::isspace(static_cast<unsigned char>(lower[i]))) ++i;
  std::string_view s = std::string_view(lower).substr(i);
  if (starts_with(s, "<!doctype html") || starts_with(s, "<html") || starts_with(s, "<head") ||
      starts_with(s, "<body") || starts_with(s, "<table") || starts_with(s, "<meta"))
    return true;
  // An XML prolog or a comment first: decide by the tags that follow.
  if (starts_with(s, "<?xml") || starts_with(s, "<!--"))
    return s.find("<html") != std::string_view::npos || s.find("<table") != std::string_view::npos;
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
