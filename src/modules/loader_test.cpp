#include "modules/loader.hpp"

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <string>

#include "store/postgres_module.hpp"

namespace jixiao {
namespace {

// Sets JIXIAO_MODULE_DIR for one test and puts back what was there.
class ModuleDir {
 public:
  explicit ModuleDir(const char* dir) {
    if (const char* before = std::getenv("JIXIAO_MODULE_DIR")) saved_ = before;
    had_ = std::getenv("JIXIAO_MODULE_DIR") != nullptr;
    if (dir) setenv("JIXIAO_MODULE_DIR", dir, 1);
    else unsetenv("JIXIAO_MODULE_DIR");
  }
  ~ModuleDir() {
    if (had_) setenv("JIXIAO_MODULE_DIR", saved_.c_str(), 1);
    else unsetenv("JIXIAO_MODULE_DIR");
  }

 private:
  std::string saved_;
  bool had_ = false;
};

TEST(ModuleLoader, PathFollowsTheEnvironmentElseTheProgram) {
  {
    ModuleDir dir("/opt/jixiao/lib");
    EXPECT_EQ(module_path("jixiao-x.so"), "/opt/jixiao/lib/jixiao-x.so");
  }
  {
    ModuleDir dir("");  // empty: as if unset
    const std::filesystem::path self = std::filesystem::read_symlink("/proc/self/exe");
    EXPECT_EQ(module_path("jixiao-x.so"), (self.parent_path() / "jixiao-x.so").string());
  }
}

TEST(ModuleLoader, AMissingModuleSaysSoWithoutRepeatingItsPath) {
  ModuleDir dir("/nonexistent/jixiao-modules");
  const LoadedModule loaded = load_module("jixiao-x.so", "jixiao_x", 1, 8);
  EXPECT_EQ(loaded.table, nullptr);
  EXPECT_EQ(loaded.path, "/nonexistent/jixiao-modules/jixiao-x.so");
  EXPECT_NE(loaded.error.find("No such file"), std::string::npos) << loaded.error;
  EXPECT_EQ(loaded.error.find(loaded.path), std::string::npos) << loaded.error;
}

// The build's own modules sit beside the tests. One is taken only with the
// entry point, version and size the program expects.
TEST(ModuleLoader, AModuleIsTakenOnlyWithItsEntryVersionAndSize) {
  ModuleDir dir(nullptr);
  const LoadedModule wrong_entry = load_module("jixiao-postgres.so", "no_such_entry", 1, 0);
  EXPECT_EQ(wrong_entry.table, nullptr);
  EXPECT_EQ(wrong_entry.error, "it has no no_such_entry");

  const LoadedModule other_build = load_module("jixiao-postgres.so", "jixiao_postgres_backend", 1, 0);
  EXPECT_EQ(other_build.table, nullptr);  // size 0 is no build's
  EXPECT_EQ(other_build.error, "it comes from another build of jixiao");

  const LoadedModule right = load_module(store::kPostgresModuleFile, store::kPostgresBackendEntry,
                                         store::kPostgresBackendHeader.version,
                                         store::kPostgresBackendHeader.shared_size);
  EXPECT_NE(right.table, nullptr) << right.error;
}

}  // namespace
}  // namespace jixiao
