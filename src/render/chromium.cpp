#include "render/chromium.hpp"

#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <fcntl.h>

#include <cctype>
#include <chrono>
#include <cstring>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>
#include <vector>

extern char** environ;

namespace jixiao {
namespace {

namespace fs = std::filesystem;

bool executable(const fs::path& p) { return ::access(p.c_str(), X_OK) == 0 && !fs::is_directory(p); }

std::string file_url(const std::string& path) {
  std::error_code ec;
  fs::path abs = fs::absolute(path, ec);
  const std::string s = (ec ? fs::path(path) : abs).lexically_normal().string();
  std::string url = "file://";
  static const char* hex = "0123456789ABCDEF";
  for (unsigned char ch : s) {
    if (std::isalnum(ch) || ch == '/' || ch == '-' || ch == '_' || ch == '.' || ch == '~') {
      url.push_back(static_cast<char>(ch));
    } else {
      url.push_back('%');
      url.push_back(hex[ch >> 4]);
      url.push_back(hex[ch & 15]);
    }
  }
  return url;
}

std::string tail_of(const fs::path& log) {
  std::ifstream in(log);
  std::stringstream ss;
  ss << in.rdbuf();
  std::string s = ss.str();
  return s.size() > 600 ? "…" + s.substr(s.size() - 600) : s;
}

// Runs the browser with `extra` arguments and the page last; a private
// profile directory so concurrent runs (ctest -j) do not share one.
std::string run_chromium(const std::vector<std::string>& extra, const std::string& html_path,
                         const std::string& what, const std::string& output) {
  std::optional<std::string> browser = find_chromium();
  if (!browser) {
    return "cannot make " + what + ": no Chromium found (install the Debian package chromium, "
           "or set JIXIAO_CHROMIUM to a Chrome/Chromium binary)";
  }
  if (!fs::exists(html_path)) return "cannot make " + what + ": " + html_path + " does not exist";
  std::string dir_template = (fs::temp_directory_path() / "jixiao-chromium-XXXXXX").string();
  if (!::mkdtemp(dir_template.data())) return "cannot make " + what + ": no temporary directory";
  const fs::path profile = dir_template;
  const fs::path log = profile / "chromium.log";

  std::vector<std::string> args = {*browser,          "--headless",         "--no-sandbox",
                                   "--disable-gpu",   "--no-first-run",     "--disable-extensions",
                                   "--disable-dev-shm-usage", "--hide-scrollbars",
                                   "--user-data-dir=" + profile.string()};
  args.insert(args.end(), extra.begin(), extra.end());
  args.push_back(file_url(html_path));
  std::vector<char*> argv;
  for (std::string& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);

  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 1, log.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  posix_spawn_file_actions_adddup2(&actions, 1, 2);
  posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
  pid_t pid = 0;
  int rc = posix_spawn(&pid, argv[0], &actions, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  std::string error;
  if (rc != 0) {
    error = "cannot make " + what + ": cannot start " + *browser + ": " + std::strerror(rc);
  } else {
    int status = 0;
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::minutes(2);
    for (;;) {
      pid_t done = ::waitpid(pid, &status, WNOHANG);
      if (done == pid) break;
      if (done < 0) {
        error = "cannot make " + what + ": lost the browser process";
        break;
      }
      if (std::chrono::steady_clock::now() > deadline) {
        ::kill(pid, SIGKILL);
        ::waitpid(pid, &status, 0);
        error = "cannot make " + what + ": " + *browser + " ran over two minutes";
        break;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    if (error.empty() && !(WIFEXITED(status) && WEXITSTATUS(status) == 0)) {
      error = "cannot make " + what + ": " + *browser + " failed: " + tail_of(log);
    }
    if (error.empty() && (!fs::exists(output) || fs::file_size(output) == 0)) {
      error = "cannot make " + what + ": " + *browser + " wrote nothing: " + tail_of(log);
    }
  }
  std::error_code ec;
  fs::remove_all(profile, ec);
  return error;
}

}  // namespace

std::optional<std::string> find_chromium() {
  if (const char* env = std::getenv("JIXIAO_CHROMIUM"); env && *env) {
    if (executable(env)) return std::string(env);
    return std::nullopt;
  }
  const char* path = std::getenv("PATH");
  std::string dirs = path ? path : "/usr/bin:/bin";
  for (const char* name : {"chromium", "chromium-browser", "google-chrome", "google-chrome-stable"}) {
    std::size_t start = 0;
    while (start <= dirs.size()) {
      std::size_t end = dirs.find(':', start);
      if (end == std::string::npos) end = dirs.size();
      fs::path candidate = fs::path(dirs.substr(start, end - start)) / name;
      if (end > start && executable(candidate)) return candidate.string();
      start = end + 1;
    }
  }
  return std::nullopt;
}

std::string print_html_to_pdf(const std::string& html_path, const std::string& pdf_path) {
  std::error_code ec;
  fs::remove(pdf_path, ec);
  return run_chromium({"--no-pdf-header-footer", "--print-to-pdf=" + fs::absolute(pdf_path).string()}, html_path,
                      "PDF " + pdf_path, pdf_path);
}

std::string screenshot_html(const std::string& html_path, const std::string& png_path, int width, int height) {
  std::error_code ec;
  fs::remove(png_path, ec);
  return run_chromium({"--screenshot=" + fs::absolute(png_path).string(),
                       "--window-size=" + std::to_string(width) + "," + std::to_string(height)},
                      html_path, "screenshot " + png_path, png_path);
}

}  // namespace jixiao
