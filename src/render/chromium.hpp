// Headless Chromium as a subprocess: HTML → PDF, and HTML → PNG screenshots
// (for the tests that look at the layout). Nothing is downloaded: the
// browser must be installed (Debian: chromium).
#pragma once

#include <memory>
#include <optional>
#include <string>

namespace jixiao {

// $JIXIAO_CHROMIUM when set, else the first of chromium, chromium-browser,
// google-chrome, google-chrome-stable on PATH.
std::optional<std::string> find_chromium();

// Prints the page at `html_path` to `pdf_path` (the page's own @page size,
// no header or footer). Returns "" or what went wrong: no browser found,
// it failed (with the end of its output), or it ran over two minutes.
std::string print_html_to_pdf(const std::string& html_path, const std::string& pdf_path);

// A `width`×`height` CSS-pixel screenshot of the page's top.
std::string screenshot_html(const std::string& html_path, const std::string& png_path, int width, int height);

// One browser kept running to print many pages (a browser start costs
// seconds; a print about a second for the CJK fonts it embeds, plus some
// milliseconds a page): driven over the DevTools
// protocol on a pipe (--remote-debugging-pipe), no network port. Prints as
// print_html_to_pdf does: the page's own @page size and margins, no header
// or footer. Not thread-safe; one per thread.
class ChromiumPrinter {
 public:
  ChromiumPrinter();
  ~ChromiumPrinter();
  ChromiumPrinter(const ChromiumPrinter&) = delete;
  ChromiumPrinter& operator=(const ChromiumPrinter&) = delete;

  // Returns "" or what went wrong; the browser is started on first use and
  // started again after a failure.
  std::string print(const std::string& html_path, const std::string& pdf_path);

 private:
  struct Session;
  std::unique_ptr<Session> session_;
};

}  // namespace jixiao
