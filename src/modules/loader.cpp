#include "modules/loader.hpp"

#include <dlfcn.h>
#include <unistd.h>

#include <cstdlib>

namespace jixiao {

namespace {

// The directory of the running program, or "" when /proc cannot say.
std::string program_dir() {
  std::string self(4096, '\0');
  const ssize_t n = readlink("/proc/self/exe", self.data(), self.size());
  if (n <= 0) return {};
  self.resize(static_cast<std::size_t>(n));
  const std::size_t slash = self.rfind('/');
  return slash == std::string::npos ? std::string(".") : self.substr(0, slash);
}

}  // namespace

std::string module_path(const char* file) {
  if (const char* dir = std::getenv("JIXIAO_MODULE_DIR"); dir != nullptr && *dir != '\0')
    return std::string(dir) + "/" + file;
  const std::string dir = program_dir();
  if (dir.empty()) return file;  // then the loader's own search path
  std::string beside = dir + "/" + file;
  // Installed, the program is in bin/ and the modules in lib/jixiao/
  // (JIXIAO_MODULES_FROM_BIN, from CMakeLists.txt's install rules); in the build
  // tree they sit beside it. A module in neither place is reported at its
  // place beside the program, as before there was an installed layout.
  if (access(beside.c_str(), F_OK) == 0) return beside;
  std::string installed = dir + "/" + JIXIAO_MODULES_FROM_BIN + "/" + file;
  if (access(installed.c_str(), F_OK) == 0) return installed;
  return beside;
}

LoadedModule load_module(const char* file, const char* entry, int version, std::size_t shared_size) {
  LoadedModule loaded;
  loaded.path = module_path(file);
  // RTLD_NOW: a module that does not fit the program fails here, with
  // dlerror's account, instead of at some later call.
  void* module = dlopen(loaded.path.c_str(), RTLD_NOW | RTLD_LOCAL);
  if (module == nullptr) {
    const char* why = dlerror();
    loaded.error = why ? why : "dlopen failed";
    // dlerror starts with the path, which the caller's message gives already.
    if (loaded.error.rfind(loaded.path + ": ", 0) == 0) loaded.error.erase(0, loaded.path.size() + 2);
    return loaded;
  }
  using Entry = const ModuleHeader* (*)();
  auto call = reinterpret_cast<Entry>(dlsym(module, entry));
  const ModuleHeader* table = call ? call() : nullptr;
  if (table == nullptr) {
    loaded.error = std::string("it has no ") + entry;
  } else if (table->version != version || table->shared_size != shared_size) {
    loaded.error = "it comes from another build of jixiao";
  } else {
    loaded.table = table;
  }
  return loaded;
}

}  // namespace jixiao
