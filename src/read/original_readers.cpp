// read_original and unreadable (read/readers.hpp) on the program's side: the
// readers themselves are in jixiao-originals.so (read/original_module.hpp),
// loaded here the first time a file needs them.
#include <dlfcn.h>
#include <unistd.h>

#include <cstdlib>
#include <string>

#include "read/original_module.hpp"
#include "read/readers.hpp"

namespace jixiao {
namespace {

// The module's readers, or why they could not be had.
struct LoadedReaders {
  const OriginalReaders* readers = nullptr;
  std::string path;
  std::string error;
};

LoadedReaders load_original_readers() {
  LoadedReaders loaded;
  loaded.path = original_module_path();
  // RTLD_NOW: a module that does not fit the program fails here, with
  // dlerror's account, instead of at some later call.
  void* module = dlopen(loaded.path.c_str(), RTLD_NOW | RTLD_LOCAL);
  if (module == nullptr) {
    const char* why = dlerror();
    loaded.error = why ? why : "dlopen failed";
    // dlerror starts with the path, which the message gives already.
    if (loaded.error.rfind(loaded.path + ": ", 0) == 0) loaded.error.erase(0, loaded.path.size() + 2);
    return loaded;
  }
  using Entry = const OriginalReaders* (*)();
  auto entry = reinterpret_cast<Entry>(dlsym(module, kOriginalReadersEntry));
  const OriginalReaders* readers = entry ? entry() : nullptr;
  if (readers == nullptr || readers->read == nullptr) {
    loaded.error = std::string("it has no ") + kOriginalReadersEntry;
  } else if (readers->version != kOriginalReadersVersion || readers->source_size != sizeof(Source) ||
             readers->limits_size != sizeof(ReadLimits)) {
    loaded.error = "it comes from another build of jixiao";
  } else {
    loaded.readers = readers;
  }
  // Never unloaded: Sources it made may still be freed through it.
  return loaded;
}

}  // namespace

std::string original_module_path() {
  if (const char* dir = std::getenv("JIXIAO_MODULE_DIR"); dir != nullptr && *dir != '\0')
    return std::string(dir) + "/" + kOriginalModuleFile;
  std::string self(4096, '\0');
  const ssize_t n = readlink("/proc/self/exe", self.data(), self.size());
  if (n <= 0) return kOriginalModuleFile;  // the loader's own search path
  self.resize(static_cast<std::size_t>(n));
  const std::size_t slash = self.rfind('/');
  return (slash == std::string::npos ? std::string(".") : self.substr(0, slash)) + "/" + kOriginalModuleFile;
}

Source read_original(const std::string& path, FileFormat format, const std::string& display_name,
                     const ReadLimits& limits) {
  switch (format) {
    case FileFormat::Pdf:
    case FileFormat::Image:
    case FileFormat::Docx:
    case FileFormat::Xlsx:
    case FileFormat::Xls:
    case FileFormat::Html: {
      static const LoadedReaders loaded = load_original_readers();
      if (loaded.readers == nullptr)
        return unreadable(display_name, format_name(format), "read.module",
                          std::string("reading ") + format_name(format) + " needs the module " + loaded.path +
                              " (built with the program), which could not be loaded: " + loaded.error);
      return loaded.readers->read(path, format, display_name, limits);
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
