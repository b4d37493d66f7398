// jixiao's optional parts, built as modules beside the program and loaded the
// first time they are needed: the readers of PDF, scans, Office and HTML
// (read/original_module.hpp) and the PostgreSQL backend
// (store/postgres_module.hpp). Their libraries — poppler, tesseract, libpq
// and what those pull in — were most of the shared libraries the program
// loaded and relocated at every start, tens of milliseconds before the first
// byte was read, though most runs read text into SQLite. A module calls back
// into the program's code, so the programs that load one export their
// symbols and link the whole core (cmake/modules.cmake).
#pragma once

#include <cstddef>
#include <string>

namespace jixiao {

// What every module's entry point returns first: its interface version and
// the size of the types it shares with the program, to catch a module left
// from another build, whose structures the program would misread.
struct ModuleHeader {
  int version = 0;
  std::size_t shared_size = 0;
};

// Where module `file` is looked for: in $JIXIAO_MODULE_DIR when that is set,
// else in the directory of the running program (the build tree), else where
// `cmake --install` puts it relative to the program (../lib/jixiao from bin/).
// When it is in neither, the path beside the program (for the error).
std::string module_path(const char* file);

// A module's table (what its entry point returned), or why there is none.
struct LoadedModule {
  const ModuleHeader* table = nullptr;
  std::string path;
  std::string error;  // without the path
};

// Loads `file` and calls its entry point `entry`, a function of no arguments
// returning a pointer to a table that starts with a ModuleHeader; the table
// is refused unless its header is {version, shared_size}. A loaded module is
// never unloaded (what it made may still be freed through its code). Call
// once per module and keep the answer: each call loads afresh.
LoadedModule load_module(const char* file, const char* entry, int version, std::size_t shared_size);

}  // namespace jixiao
