// The entry point of jixiao-originals.so (read/original_module.hpp): the
// readers of this folder, one per format.
#include "read/original_module.hpp"

namespace jixiao {
namespace {

Source read_in_module(const std::string& path, FileFormat format, const std::string& display_name,
                      const ReadLimits& limits) {
  switch (format) {
    case FileFormat::Pdf:
      return read_pdf(path, display_name, limits);
    case FileFormat::Image:
      return read_image(path, display_name, limits);
    case FileFormat::Docx:
      return read_docx(path, display_name, limits);
    case FileFormat::Xlsx:
      return read_xlsx(path, display_name, limits);
    case FileFormat::Xls:
      return read_xls(path, display_name, limits);
    case FileFormat::Html:
      return read_html(path, display_name, limits);
    case FileFormat::Doc:
    case FileFormat::Text:
    case FileFormat::Unknown:
      break;
  }
  return unreadable(display_name, format_name(format), "read.format",
                    std::string("the original-format readers do not read ") + format_name(format));
}

}  // namespace
}  // namespace jixiao

extern "C" const jixiao::ModuleHeader* jixiao_original_readers() {
  static const jixiao::OriginalReaders readers{jixiao::kOriginalReadersHeader, &jixiao::read_in_module};
  return &readers.header;
}
