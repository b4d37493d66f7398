#include "recognise/parse_file.hpp"

#include <cerrno>
#include <cstring>
#include <fstream>
#include <iostream>
#include <istream>
#include <streambuf>

#include "read/detect.hpp"
#include "read/provenance.hpp"
#include "read/readers.hpp"
#include "recognise/ocr_names.hpp"
#include "recognise/parse.hpp"
#include "recognise/split_tables.hpp"
#include "recognise/stream.hpp"

namespace jixiao {

namespace {

// An istream over bytes already in memory, without copying them.
class BytesBuffer : public std::streambuf {
 public:
  explicit BytesBuffer(std::string_view bytes) {
    char* at = const_cast<char*>(bytes.data());  // only read: no put area
    setg(at, at, at + bytes.size());
  }
};

std::string name_of(const std::string& path, const std::string& display_name) {
  return !display_name.empty() ? display_name : (path == "-" ? std::string("<stdin>") : path);
}

// A file of any format but text, through its reader.
ParseFileResult parse_original(const std::string& path, FileFormat format, const std::string& name,
                               const std::function<void(Document&&)>& sink) {
  ParseFileResult result;
  Source source = read_original(path, format, name);
  if (!source.readable && source.lines.empty() && !source.diagnostics.empty()) {
    // Nothing of the file could be read: the caller reports it as a file error.
    result.error = source.diagnostics.front().message;
    return result;
  }
  for (Source& part : split_tables(std::move(source))) {
    Document doc = recognise(part);
    // A scan's repeated names vote on a character OCR misread in one copy.
    if (part.format == "scan") mend_repeated_names(doc);
    attach_geometry(doc, part);
    ++result.documents;
    sink(std::move(doc));
  }
  return result;
}

}  // namespace

ParseFileResult parse_file(const std::string& path, const std::function<void(Document&&)>& sink,
                           const std::string& display_name) {
  ParseFileResult result;
  const std::string name = name_of(path, display_name);
  if (path == "-") {
    result.documents = parse_stream(std::cin, name, sink);
    return result;
  }
  std::ifstream file(path, std::ios::binary);
  if (!file) {
    result.error = std::string("cannot open file: ") + std::strerror(errno);
    return result;
  }
  char head[4096];
  file.read(head, sizeof head);
  const FileFormat format = detect_format(std::string_view(head, static_cast<std::size_t>(file.gcount())), path);
  if (format == FileFormat::Text) {
    file.clear();
    file.seekg(0);
    result.documents = parse_stream(file, name, sink);
    if (file.bad()) result.error = "read error";
    return result;
  }
  file.close();
  return parse_original(path, format, name, sink);
}

ParseFileResult parse_file_bytes(const std::string& path, std::string_view bytes,
                                 const std::function<void(Document&&)>& sink,
                                 const std::string& display_name) {
  const std::string name = name_of(path, display_name);
  const FileFormat format = detect_format(bytes.substr(0, 4096), path);
  if (format != FileFormat::Text) return parse_original(path, format, name, sink);
  BytesBuffer buffer(bytes);
  std::istream in(&buffer);
  ParseFileResult result;
  result.documents = parse_stream(in, name, sink);
  return result;
}

}  // namespace jixiao
