#include "recognise/parse_file.hpp"

#include <cerrno>
#include <cstring>
#include <fstream>
#include <iostream>

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
  result.documents = parse_stream(file, name, sink);
  if (file.bad()) result.error = "read error";
  return result;
}

}  // namespace jixiao
