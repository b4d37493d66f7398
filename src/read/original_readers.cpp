// read_original and unreadable (read/readers.hpp) on the program's side: the
// readers themselves are in jixiao-originals.so (read/original_module.hpp),
// loaded here the first time a file needs them.
#include <string>

#include "read/original_module.hpp"
#include "read/readers.hpp"

namespace jixiao {

Source read_original(const std::string& path, FileFormat format, const std::string& display_name,
                     const ReadLimits& limits) {
  switch (format) {
    case FileFormat::Pdf:
    case FileFormat::Image:
    case FileFormat::Docx:
    case FileFormat::Xlsx:
    case FileFormat::Xls:
    case FileFormat::Html: {
      static const LoadedModule loaded = load_module(kOriginalModuleFile, kOriginalReadersEntry,
                                                     kOriginalReadersHeader.version,
                                                     kOriginalReadersHeader.shared_size);
      if (loaded.table == nullptr)
        return unreadable(display_name, format_name(format), "read.module",
                          std::string("reading ") + format_name(format) + " needs the module " + loaded.path +
                              " (built with the program), which could not be loaded: " + loaded.error);
      return reinterpret_cast<const OriginalReaders*>(loaded.table)->read(path, format, display_name, limits);
    }
    case FileFormat::Doc:
      return unreadable(display_name, "doc", "read.doc",
                        "a legacy Word .doc file: jixiao reads .docx. Convert it first, e.g. "
                        "`libreoffice --headless --convert-to docx " + path + "`, then read the .docx");
    case FileFormat::Text:
    case FileFormat::Unknown:
      break;
  }
  return unreadable(display_name, format_name(format), "read.format",
                    "not a format jixiao reads: expected a text export, PDF, scan image (PNG, JPEG, TIFF), "
                    "DOCX, XLSX, XLS or HTML");
}

Source unreadable(const std::string& display_name, const std::string& format, const std::string& code,
                  const std::string& message) {
  Source src;
  src.path = display_name;
  src.format = format;
  src.readable = false;
  src.diagnostics.push_back({Severity::Error, code, 0, 0, message});
  return src;
}

}  // namespace jixiao
