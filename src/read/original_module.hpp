// How the program reaches the readers of PDF, scans, Word, Excel and HTML.
//
// Those readers (src/read/originals/) need poppler, tesseract, libxml2,
// libzip, freexl …, which with what they pull in are about half of the
// eighty shared libraries the program would otherwise load and relocate at
// every start: tens of milliseconds, more than parsing a small text file
// takes. They are built as a module, jixiao-originals.so beside the program,
// which read_original (read/readers.hpp) loads the first time a file needs
// it. The module calls back into the program's own code, so the programs
// that load it export their symbols (CMakeLists.txt).
#pragma once

#include <cstddef>
#include <string>

#include "read/detect.hpp"
#include "read/readers.hpp"

namespace jixiao {

// What the module hands the program. The sizes are there to catch a module
// left from another build, whose Source the program would misread.
struct OriginalReaders {
  int version = 0;
  std::size_t source_size = 0;
  std::size_t limits_size = 0;
  // PDF, Image, Docx, Xlsx, Xls or Html; any other format is the caller's.
  Source (*read)(const std::string& path, FileFormat format, const std::string& display_name,
                 const ReadLimits& limits) = nullptr;
};

inline constexpr int kOriginalReadersVersion = 1;
inline constexpr const char* kOriginalModuleFile = "jixiao-originals.so";
inline constexpr const char* kOriginalReadersEntry = "jixiao_original_readers";

// Where the module is looked for: $JIXIAO_MODULE_DIR when set, else the
// directory of the running program.
std::string original_module_path();

}  // namespace jixiao

// The module's one entry point.
extern "C" const jixiao::OriginalReaders* jixiao_original_readers();
