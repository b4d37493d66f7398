#include "recognise/file_formats.hpp"

namespace jixiao {

bool parse_file_reads(std::string_view extension) {
  // Keep in step with parse_file(): list a format when its reader is wired in.
  static constexpr std::string_view kReadable[] = {"txt", "html", "docx", "xlsx", "pdf"};
  for (std::string_view e : kReadable) {
    if (e == extension) return true;
  }
  return false;
}

}  // namespace jixiao
