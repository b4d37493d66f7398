#include <gtest/gtest.h>
#include <sys/wait.h>

#include <filesystem>
#include <string>

#include "read/original_module.hpp"
#include "test_support.hpp"

namespace jixiao {
namespace {

using testing::test_data;

// Runs the program with `env` before it and returns what it printed (both
// streams) and its exit status.
std::pair<std::string, int> run_program(const std::string& env, const std::string& args) {
  int status = 0;
  std::string out = testing::run_command(env + " " + JIXIAO_BINARY + " " + args + " 2>&1", &status);
  return {out, status != -1 && WIFEXITED(status) ? WEXITSTATUS(status) : -1};
}

// The build puts the module beside the programs: a PDF is read through it.
TEST(OriginalModule, TheProgramReadsAPdfThroughTheModule) {
  const std::string pdf = (test_data() / "originals" / "grid_one_project.pdf").string();
  ASSERT_TRUE(std::filesystem::exists(pdf));
  const auto [out, status] = run_program("JIXIAO_MODULE_DIR=", "parse " + pdf);
  EXPECT_EQ(status, 0) << out;
  EXPECT_EQ(out.find("read.module"), std::string::npos) << out;
}

// Without the module, text is read as ever and an original format is an
// error that names the module and why it could not be loaded.
TEST(OriginalModule, WithoutTheModuleAPdfIsAnErrorThatSaysWhy) {
  const std::string missing = "/nonexistent/jixiao-modules";
  const std::string pdf = (test_data() / "originals" / "grid_one_project.pdf").string();
  const std::string seed = (test_data() / "corpus" / "seeds" / "003_6b1ff0f4850c688f.txt").string();
  const auto [pdf_out, pdf_status] = run_program("JIXIAO_MODULE_DIR=" + missing, "parse " + pdf);
  EXPECT_NE(pdf_status, 0);
  EXPECT_NE(pdf_out.find("reading pdf needs the module " + missing + "/jixiao-originals.so"), std::string::npos)
      << pdf_out;
  EXPECT_NE(pdf_out.find("No such file"), std::string::npos) << pdf_out;
  const auto [text_out, text_status] = run_program("JIXIAO_MODULE_DIR=" + missing, "parse " + seed);
  EXPECT_EQ(text_status, 0) << text_out;
}

}  // namespace
}  // namespace jixiao
