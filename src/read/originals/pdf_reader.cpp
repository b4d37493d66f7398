// PDF with a text layer, through poppler: one pass over each page's content
// collects the words with their boxes (poppler's TextOutputDev, the engine
// of pdftotext) and the ruling lines the page draws (strokes and thin
// fills), from which page_layout rebuilds the table cells. poppler-cpp
// exposes words but not the drawn lines, and without the lines a merged
// cell or an empty amount column cannot be told from the text alone, so the
// reader uses poppler's core API (libpoppler-private-dev). A PDF with no
// text at all is a scan: its pages go to OCR (ocr.hpp).
#include <GlobalParams.h>
#include <PDFDoc.h>
#include <TextOutputDev.h>
#include <goo/GooString.h>
#include <poppler/Error.h>

#include <cmath>
#include <memory>
#include <mutex>

#include "read/originals/ocr.hpp"
#include "read/originals/page_layout.hpp"
#include "read/readers.hpp"

namespace jixiao {
namespace {

void quiet(ErrorCategory, Goffset, const char*) {}

// poppler keeps its settings in one global, which poppler-cpp (used to
// render scans) also creates and destroys; PDF reading is serialised under
// one lock and the global made when missing. Errors are silenced: a damaged
// file is reported by the reader, not by poppler on stderr.
std::mutex& poppler_lock() {
  static std::mutex m;
  return m;
}
void init_poppler() {
  if (!globalParams) globalParams = std::make_unique<GlobalParams>();
  globalParams->setErrQuiet(true);
  setErrorCallback(quiet);
}

class CaptureDev : public TextOutputDev {
 public:
  // Raw order: the words as the content stream draws them, without
  // poppler's reading-order analysis (blocks, flows), which page_layout does
  // not use: it places every word by its box.
  CaptureDev() : TextOutputDev(nullptr, false, 0, true, false) {}
  std::vector<Rule> rules;
  double page_area = 0;

  void stroke(GfxState* state) override {
    capture(state, true);
    TextOutputDev::stroke(state);
  }
  void fill(GfxState* state) override {
    capture(state, false);
    TextOutputDev::fill(state);
  }
  void eoFill(GfxState* state) override { capture(state, false); }

 private:
  void segment(double x0, double y0, double x1, double y1) {
    if (std::abs(y1 - y0) < 0.6) {
      rules.push_back({true, (y0 + y1) / 2, std::min(x0, x1), std::max(x0, x1)});
    } else if (std::abs(x1 - x0) < 0.6) {
      rules.push_back({false, (x0 + x1) / 2, std::min(y0, y1), std::max(y0, y1)});
    }
  }
  void capture(GfxState* state, bool stroked) {
    const GfxPath* path = state->getPath();
    if (!path) return;
    for (int s = 0; s < path->getNumSubpaths(); ++s) {
      const GfxSubpath* sp = path->getSubpath(s);
      const int n = sp->getNumPoints();
      if (n < 2 || n > 64) continue;
      std::vector<std::pair<double, double>> pts;
      bool curved = false;
      for (int k = 0; k < n; ++k) {
        double x, y;
        state->transform(sp->getX(k), sp->getY(k), &x, &y);
        pts.emplace_back(x, y);
        curved = curved || sp->getCurve(k);
      }
      if (curved) continue;
      if (stroked) {
        for (int k = 1; k < n; ++k) segment(pts[k - 1].first, pts[k - 1].second, pts[k].first, pts[k].second);
        if (sp->isClosed()) segment(pts[n - 1].first, pts[n - 1].second, pts[0].first, pts[0].second);
        continue;
      }
      // A filled axis-aligned rectangle: a thin one is a rule; a larger one
      // (a cell's shading, a border drawn as a frame) gives its edges.
      double x0 = 1e18, y0 = 1e18, x1 = -1e18, y1 = -1e18;
      for (auto [x, y] : pts) {
        x0 = std::min(x0, x);
        y0 = std::min(y0, y);
        x1 = std::max(x1, x);
        y1 = std::max(y1, y);
      }
      bool rect = true;
      for (auto [x, y] : pts) {
        rect = rect && (std::abs(x - x0) < 0.6 || std::abs(x - x1) < 0.6) &&
               (std::abs(y - y0) < 0.6 || std::abs(y - y1) < 0.6);
      }
      if (!rect) continue;
      const double w = x1 - x0, h = y1 - y0;
      if (h <= 3 && w > h) {
        rules.push_back({true, (y0 + y1) / 2, x0, x1});
      } else if (w <= 3 && h > w) {
        rules.push_back({false, (x0 + x1) / 2, y0, y1});
      } else if (w * h < page_area * 0.8) {
        rules.push_back({true, y0, x0, x1});
        rules.push_back({true, y1, x0, x1});
        rules.push_back({false, x0, y0, y1});
        rules.push_back({false, x1, y0, y1});
      }
    }
  }
};

}  // namespace

Source read_pdf(const std::string& path, const std::string& display_name, const ReadLimits& limits) {
  std::unique_lock lock(poppler_lock());
  init_poppler();
  auto doc = std::make_unique<PDFDoc>(std::make_unique<GooString>(path.c_str()));
  if (!doc->isOk()) {
    const int code = doc->getErrorCode();
    if (code == errEncrypted) {
      return unreadable(display_name, "pdf", "read.encrypted",
                        "the PDF is encrypted with a password: open it with the password and save an "
                        "unprotected copy (e.g. `qpdf --decrypt --password=… in.pdf out.pdf`)");
    }
    return unreadable(display_name, "pdf", "read.pdf",
                      code == errDamaged || code == errBadCatalog
                          ? "the PDF is damaged beyond repair (no readable page catalogue)"
                          : "not a readable PDF (poppler error " + std::to_string(code) + ")");
  }
  const int pages = doc->getNumPages();
  if (pages <= 0) return unreadable(display_name, "pdf", "read.empty", "the PDF has no pages");
  const int read_pages = std::min(pages, limits.max_pages);

  CaptureDev dev;
  if (!dev.isOk()) return unreadable(display_name, "pdf", "read.pdf", "poppler's text extraction failed to start");
  PageJoiner joiner;
  std::size_t words = 0;
  for (int p = 1; p <= read_pages; ++p) {
    PageGeometry geo;
    geo.page = p;
    geo.width = doc->getPageCropWidth(p);
    geo.height = doc->getPageCropHeight(p);
    dev.rules.clear();
    dev.page_area = geo.width * geo.height;
    doc->displayPage(&dev, p, 72, 72, 0, true, false, false);
    geo.rules = std::move(dev.rules);
    dev.rules = {};
    std::unique_ptr<TextWordList> list = dev.makeWordList();
    for (int k = 0; k < list->getLength(); ++k) {
      const TextWord* w = list->get(k);
      std::unique_ptr<GooString> text(w->getText());
      PositionedWord pw;
      pw.text = text->toStr();
      w->getBBox(&pw.box.x0, &pw.box.y0, &pw.box.x1, &pw.box.y1);
      pw.space_after = w->getSpaceAfter();
      geo.words.push_back(std::move(pw));
    }
    words += geo.words.size();
    joiner.add(layout_page(geo, LayoutTolerance{}));
  }
  if (words == 0) {
    // No text layer: a scanned document.
    doc.reset();
    lock.unlock();
    return read_scanned_pdf(path, display_name, limits);
  }
  Source src = source_from_rows(joiner.take(), display_name, "pdf");
  if (read_pages < pages) {
    src.diagnostics.push_back({Severity::Error, "read.limit", 0, read_pages,
                               "the PDF has " + std::to_string(pages) + " pages; only the first " +
                                   std::to_string(read_pages) + " were read"});
  }
  return src;
}

}  // namespace jixiao
