#include "recognise/parse_file.hpp"

#include <cerrno>
#include <cstring>
#include <fstream>
#include <iostream>

#include "read/detect.hpp"
#include "read/provenance.hpp"
#include "read/readers.hpp"
#include "recognise/ocr_names.hpp"
#include "recognise/parse.hpp"
#include "recognise/split_tables.hpp"
#include "recognise/stream.hpp"

namespace jixiao {

ParseFileResult parse_file(const std::string& path, const std::function<void(Document&&)>& sink,
                           const std::string& display_name) {
  ParseFileResult result;
  const std::string name =
      !display_name.empty() ? display_name : (path == "-" ? std::string("<stdin>") : path);
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

}  // namespace jixiao
