#include "render/chromium.hpp"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <cctype>
#include <cerrno>
#include <chrono>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>
#include <vector>

#include <nlohmann/json.hpp>

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

// The browser started headless, quiet and without a sandbox (CI runs as
// root), with its own profile directory.
std::vector<std::string> headless_args(const std::string& browser, const fs::path& profile) {
  return {browser,           "--headless",          "--no-sandbox",
          "--disable-gpu",   "--no-first-run",      "--disable-extensions",
          "--disable-dev-shm-usage", "--hide-scrollbars", "--user-data-dir=" + profile.string()};
}

// Runs the browser with `extra` arguments and the page last; a private
// profile directory so concurrent runs (ctest -j) do not share one.
std::string run_chromium(const std::vector<std::string>& extra, const std::string& html_path,
                         const std::string& what, const std::string& output) {
  std::optional<std::string> browser = find_chromium();
  if (!browser) {
    return "cannot make " + what +
           ": no Chromium found (install the Debian package chromium, "
           "or set JIXIAO_CHROMIUM to a Chrome/Chromium binary)";
  }
  if (!fs::exists(html_path)) return "cannot make " + what + ": " + html_path + " does not exist";
  std::string dir_template = (fs::temp_directory_path() / "jixiao-chromium-XXXXXX").string();
  if (!::mkdtemp(dir_template.data())) return "cannot make " + what + ": no temporary directory";
  const fs::path profile = dir_template;
  const fs::path log = profile / "chromium.log";

  std::vector<std::string> args = headless_args(*browser, profile);
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
  return run_chromium({"--no-pdf-header-footer", "--print-to-pdf=" + fs::absolute(pdf_path).string()},
                      html_path, "PDF " + pdf_path, pdf_path);
}

std::string screenshot_html(const std::string& html_path, const std::string& png_path, int width,
                            int height) {
  std::error_code ec;
  fs::remove(png_path, ec);
  return run_chromium({"--screenshot=" + fs::absolute(png_path).string(),
                       "--window-size=" + std::to_string(width) + "," + std::to_string(height)},
                      html_path, "screenshot " + png_path, png_path);
}

// ----- one browser for many pages ---------------------------------------

namespace {

std::string base64_decode(const std::string& in) {
  static const auto table = [] {
    std::array<int, 256> t{};
    t.fill(-1);
    const char* alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    for (int i = 0; i < 64; ++i) t[static_cast<unsigned char>(alphabet[i])] = i;
    return t;
  }();
  std::string out;
  out.reserve(in.size() / 4 * 3);
  int bits = 0, value = 0;
  for (unsigned char c : in) {
    const int v = table[c];
    if (v < 0) continue;  // padding, line breaks
    value = (value << 6) | v;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out.push_back(static_cast<char>((value >> bits) & 0xFF));
    }
  }
  return out;
}

}  // namespace

struct ChromiumPrinter::Session {
  pid_t pid = 0;
  int to_browser = -1, from_browser = -1;
  fs::path profile;
  std::string session_id;
  std::string pending;  // bytes read past the last message
  int next_id = 1;
  bool load_fired = false;

  ~Session() {
    if (to_browser >= 0) ::close(to_browser);
    if (from_browser >= 0) ::close(from_browser);
    if (pid > 0) {
      // Closing the pipe asks the browser to quit; make sure it has.
      int status = 0;
      for (int i = 0; i < 100 && ::waitpid(pid, &status, WNOHANG) == 0; ++i)
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
      if (::waitpid(pid, &status, WNOHANG) == 0) {
        ::kill(pid, SIGKILL);
        ::waitpid(pid, &status, 0);
      }
    }
    std::error_code ec;
    if (!profile.empty()) fs::remove_all(profile, ec);
  }

  std::string start() {
    std::optional<std::string> browser = find_chromium();
    if (!browser) return "no Chromium found (install the Debian package chromium, or set JIXIAO_CHROMIUM)";
    std::string dir_template = (fs::temp_directory_path() / "jixiao-chromium-XXXXXX").string();
    if (!::mkdtemp(dir_template.data())) return "no temporary directory";
    profile = dir_template;
    int in[2], out[2];  // in: we write, the browser reads (its fd 3); out: the reverse (its fd 4)
    if (::pipe(in) != 0) return "no pipe";
    if (::pipe(out) != 0) {
      ::close(in[0]);
      ::close(in[1]);
      return "no pipe";
    }
    std::vector<std::string> args = headless_args(*browser, profile);
    args.push_back("--remote-debugging-pipe");
    args.push_back("about:blank");
    std::vector<char*> argv;
    for (std::string& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);
    const fs::path log = profile / "chromium.log";
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_adddup2(&actions, in[0], 3);
    posix_spawn_file_actions_adddup2(&actions, out[1], 4);
    posix_spawn_file_actions_addopen(&actions, 1, log.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    posix_spawn_file_actions_adddup2(&actions, 1, 2);
    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
    const int rc = posix_spawn(&pid, argv[0], &actions, nullptr, argv.data(), environ);
    posix_spawn_file_actions_destroy(&actions);
    ::close(in[0]);
    ::close(out[1]);
    to_browser = in[1];
    from_browser = out[0];
    ::fcntl(to_browser, F_SETFD, FD_CLOEXEC);
    ::fcntl(from_browser, F_SETFD, FD_CLOEXEC);
    if (rc != 0) {
      pid = 0;
      return "cannot start " + *browser + ": " + std::strerror(rc);
    }
    nlohmann::json target;
    std::string error = call("Target.createTarget", {{"url", "about:blank"}}, false, &target);
    if (error.empty()) {
      nlohmann::json attached;
      error = call("Target.attachToTarget", {{"targetId", target.value("targetId", "")}, {"flatten", true}},
                   false, &attached);
      session_id = attached.value("sessionId", "");
      if (error.empty() && session_id.empty()) error = "the browser gave no page session";
    }
    if (error.empty()) error = call("Page.enable", nlohmann::json::object(), true, nullptr);
    if (!error.empty()) return error + ": " + tail_of(log);
    return "";
  }

  // One message (NUL-terminated JSON), or "" with `error` set at the deadline.
  std::optional<nlohmann::json> read_message(std::chrono::steady_clock::time_point deadline, std::string& error) {
    for (;;) {
      const std::size_t end = pending.find('\0');
      if (end != std::string::npos) {
        nlohmann::json j = nlohmann::json::parse(pending.substr(0, end), nullptr, false);
        pending.erase(0, end + 1);
        if (j.is_discarded()) continue;
        return j;
      }
      const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
      if (left.count() <= 0) {
        error = "the browser did not answer within two minutes";
        return std::nullopt;
      }
      pollfd p{from_browser, POLLIN, 0};
      const int ready = ::poll(&p, 1, static_cast<int>(left.count()));
      if (ready < 0 && errno == EINTR) continue;
      if (ready <= 0) continue;
      char buf[65536];
      const ssize_t n = ::read(from_browser, buf, sizeof buf);
      if (n <= 0) {
        error = "the browser closed its pipe";
        return std::nullopt;
      }
      pending.append(buf, static_cast<std::size_t>(n));
    }
  }

  std::string call(const std::string& method, const nlohmann::json& params, bool in_session,
                   nlohmann::json* result) {
    const int id = next_id++;
    nlohmann::json msg = {{"id", id}, {"method", method}, {"params", params}};
    if (in_session) msg["sessionId"] = session_id;
    std::string bytes = msg.dump();
    bytes.push_back('\0');
    std::size_t sent = 0;
    while (sent < bytes.size()) {
      const ssize_t n = ::write(to_browser, bytes.data() + sent, bytes.size() - sent);
      if (n < 0 && errno == EINTR) continue;
      if (n <= 0) return "cannot talk to the browser";
      sent += static_cast<std::size_t>(n);
    }
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::minutes(2);
    for (;;) {
      std::string error;
      std::optional<nlohmann::json> m = read_message(deadline, error);
      if (!m) return method + ": " + error;
      if (m->contains("method")) {
        if ((*m)["method"] == "Page.loadEventFired") load_fired = true;
        continue;
      }
      if (m->value("id", 0) != id) continue;
      if (m->contains("error")) return method + ": " + (*m)["error"].dump();
      if (result) *result = m->value("result", nlohmann::json::object());
      return "";
    }
  }

  std::string wait_for_load() {
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::minutes(2);
    while (!load_fired) {
      std::string error;
      std::optional<nlohmann::json> m = read_message(deadline, error);
      if (!m) return "loading the page: " + error;
      if (m->value("method", "") == "Page.loadEventFired") load_fired = true;
    }
    return "";
  }
};

ChromiumPrinter::ChromiumPrinter() = default;
ChromiumPrinter::~ChromiumPrinter() = default;

std::string ChromiumPrinter::print(const std::string& html_path, const std::string& pdf_path) {
  const std::string what = "cannot make PDF " + pdf_path + ": ";
  if (!fs::exists(html_path)) return what + html_path + " does not exist";
  if (!session_) {
    auto s = std::make_unique<Session>();
    std::string error = s->start();
    if (!error.empty()) return what + error;
    session_ = std::move(s);
  }
  Session& s = *session_;
  s.load_fired = false;
  nlohmann::json nav;
  std::string error = s.call("Page.navigate", {{"url", file_url(html_path)}}, true, &nav);
  if (error.empty() && nav.contains("errorText")) error = "loading the page: " + nav["errorText"].dump();
  if (error.empty()) error = s.wait_for_load();
  nlohmann::json pdf;
  // As --print-to-pdf with --no-pdf-header-footer prints: the page's @page
  // size and margins, backgrounds as the screen shows them.
  if (error.empty())
    error = s.call("Page.printToPDF",
                   {{"preferCSSPageSize", true}, {"displayHeaderFooter", false}, {"printBackground", true}},
                   true, &pdf);
  if (error.empty()) {
    const std::string bytes = base64_decode(pdf.value("data", ""));
    std::ofstream out(pdf_path, std::ios::binary | std::ios::trunc);
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    out.close();
    if (bytes.empty() || !out) error = "cannot write the PDF";
  }
  if (!error.empty()) {
    session_.reset();  // a browser in an unknown state: the next page starts a new one
    return what + error;
  }
  return "";
}

}  // namespace jixiao
