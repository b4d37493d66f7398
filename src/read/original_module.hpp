// How the program reaches the readers of PDF, scans, Word, Excel and HTML
// (src/read/originals/): through the module jixiao-originals.so, loaded the
// first time read_original (read/readers.hpp) is given such a file. Why
// modules, and how they are found: modules/loader.hpp.
#pragma once

#include <string>

#include "modules/loader.hpp"
#include "read/detect.hpp"
#include "read/readers.hpp"

namespace jixiao {

// What the module hands the program.
struct OriginalReaders {
  ModuleHeader header;
  // PDF, Image, Docx, Xlsx, Xls or Html; any other format is the caller's.
  Source (*read)(const std::string& path, FileFormat format, const std::string& display_name,
                 const ReadLimits& limits) = nullptr;
};

inline constexpr ModuleHeader kOriginalReadersHeader{1, sizeof(OriginalReaders) + sizeof(Source) + sizeof(ReadLimits)};
inline constexpr const char* kOriginalModuleFile = "jixiao-originals.so";
inline constexpr const char* kOriginalReadersEntry = "jixiao_original_readers";

}  // namespace jixiao

// The module's one entry point: the header of its OriginalReaders.
extern "C" const jixiao::ModuleHeader* jixiao_original_readers();
