#include <leptonica/allheaders.h>
#include <tesseract/baseapi.h>
#include <tesseract/resultiterator.h>

#include <poppler-document.h>
#include <poppler-image.h>
#include <poppler-page-renderer.h>
#include <poppler-page.h>

#include <algorithm>
#include <condition_variable>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <deque>
#include <fstream>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <sstream>
#include <string>
#include <thread>

#include "read/originals/glyph_shape.hpp"
#include "read/originals/ocr.hpp"
#include "read/originals/ocr_reread.hpp"
#include "read/originals/page_layout.hpp"
#include "read/table_source.hpp"

namespace jixiao {
namespace {

struct PixDeleter {
  void operator()(Pix* p) const { pixDestroy(&p); }
};
using PixPtr = std::unique_ptr<Pix, PixDeleter>;

struct PageImage {
  int page = 0;
  PixPtr pix;
  std::optional<PageGeometry> cached;  // recognised before (PageCache): pix is empty
};

struct PageResult {
  PageGeometry geometry;
  std::string error;
};

// Ruling lines of a binarised page: long thin runs of ink survive an opening
// with a long horizontal (or vertical) brick; glyphs do not.
std::vector<Rule> find_rules(Pix* binary, PixPtr* mask) {
  std::vector<Rule> rules;
  const int w = pixGetWidth(binary), h = pixGetHeight(binary);
  const int lh = std::max(40, w / 40), lv = std::max(40, h / 60);
  PixPtr horizontal(pixOpenBrick(nullptr, binary, lh, 1));
  PixPtr vertical(pixOpenBrick(nullptr, binary, 1, lv));
  for (auto [pix, is_h] : {std::pair{horizontal.get(), true}, std::pair{vertical.get(), false}}) {
    if (!pix) continue;
    Boxa* boxes = pixConnComp(pix, nullptr, 8);
    if (!boxes) continue;
    for (int k = 0; k < boxaGetCount(boxes); ++k) {
      l_int32 x, y, bw, bh;
      boxaGetBoxGeometry(boxes, k, &x, &y, &bw, &bh);
      if (is_h) {
        rules.push_back({true, y + bh / 2.0, static_cast<double>(x), static_cast<double>(x + bw)});
      } else {
        rules.push_back({false, x + bw / 2.0, static_cast<double>(y), static_cast<double>(y + bh)});
      }
    }
    boxaDestroy(&boxes);
  }
  if (horizontal && vertical) {
    PixPtr both(pixOr(nullptr, horizontal.get(), vertical.get()));
    mask->reset(pixDilateBrick(nullptr, both.get(), 5, 5));
  }
  return rules;
}

InkGrid ink_grid(Pix* ink) {
  InkGrid grid;
  grid.width = static_cast<int>(pixGetWidth(ink));
  grid.height = static_cast<int>(pixGetHeight(ink));
  const l_uint32* data = pixGetData(ink);
  const int wpl = pixGetWpl(ink);
  grid.ink = [data, wpl](int x, int y) { return GET_DATA_BIT(data + static_cast<long>(y) * wpl, x) != 0; };
  return grid;
}

// A cache of recognised pages for tests and benchmarks that iterate on the
// layout: with JIXIAO_OCR_CACHE set to a directory, each page's geometry
// (words with boxes and confidences, rules) is written there after
// recognition and read back instead of recognising the page again. The key
// is the file's content and the dpi, not its name; the cache holds what
// OcrEngine::recognise returned, so it must be emptied when that changes.
// Unset (the default), nothing is read or written.
class PageCache {
 public:
  PageCache(const std::string& path, int dpi) {
    const char* dir = std::getenv("JIXIAO_OCR_CACHE");
    if (!dir || !*dir) return;
    std::ifstream in(path, std::ios::binary);
    if (!in) return;
    // FNV-1a over the bytes: enough to tell scans apart, not a defence.
    std::uint64_t h = 1469598103934665603ull;
    char buf[1 << 16];
    while (in.read(buf, sizeof buf) || in.gcount() > 0) {
      for (std::streamsize k = 0; k < in.gcount(); ++k) {
        h = (h ^ static_cast<unsigned char>(buf[k])) * 1099511628211ull;
      }
    }
    std::ostringstream name;
    name << dir << "/" << std::hex << h << std::dec << "-" << dpi << "dpi-p";
    prefix_ = name.str();
  }
  bool enabled() const { return !prefix_.empty(); }

  std::optional<PageGeometry> load(int page) const {
    if (!enabled()) return std::nullopt;
    std::ifstream in(prefix_ + std::to_string(page) + ".tsv");
    if (!in) return std::nullopt;
    PageGeometry geo;
    std::string line;
    bool complete = false;
    while (std::getline(in, line)) {
      std::istringstream f(line);
      std::string kind;
      std::getline(f, kind, '\t');
      if (kind == "P") {
        f >> geo.page >> geo.width >> geo.height;
      } else if (kind == "R") {
        Rule r;
        f >> r.horizontal >> r.pos >> r.from >> r.to;
        geo.rules.push_back(r);
      } else if (kind == "W") {
        PositionedWord w;
        f >> w.box.x0 >> w.box.y0 >> w.box.x1 >> w.box.y1 >> w.space_after >> w.confidence;
        f.get();  // the tab before the text, which runs to the line's end
        std::getline(f, w.text);
        geo.words.push_back(std::move(w));
      } else if (kind == "F") {
        OcrRepair r;
        f >> r.box.x0 >> r.box.y0 >> r.box.x1 >> r.box.y1;
        f.get();
        std::getline(f, r.code, '\t');
        std::getline(f, r.message);
        geo.repairs.push_back(std::move(r));
      } else if (kind == "E") {
        complete = true;
      }
      if (f.fail() && kind != "W") return std::nullopt;
    }
    if (!complete) return std::nullopt;  // a write cut short
    return geo;
  }

  void save(int page, const PageGeometry& geo) const {
    if (!enabled()) return;
    std::ofstream out(prefix_ + std::to_string(page) + ".tsv");
    out.precision(17);
    out << "P\t" << geo.page << ' ' << geo.width << ' ' << geo.height << '\n';
    for (const Rule& r : geo.rules)
      out << "R\t" << r.horizontal << ' ' << r.pos << ' ' << r.from << ' ' << r.to << '\n';
    for (const PositionedWord& w : geo.words) {
      std::string text = w.text;
      for (char& c : text) {
        if (c == '\n' || c == '\r') c = ' ';
      }
      out << "W\t" << w.box.x0 << ' ' << w.box.y0 << ' ' << w.box.x1 << ' ' << w.box.y1 << ' '
          << w.space_after << ' ' << w.confidence << '\t' << text << '\n';
    }
    for (const OcrRepair& r : geo.repairs) {
      out << "F\t" << r.box.x0 << ' ' << r.box.y0 << ' ' << r.box.x1 << ' ' << r.box.y1 << '\t' << r.code << '\t'
          << r.message << '\n';
    }
    out << "E\n";
  }

 private:
  std::string prefix_;
};

class OcrEngine {
 public:
  bool init(std::string& error) {
    if (api_.Init(nullptr, "chi_sim") != 0) {
      error = "tesseract could not load the chi_sim model (install tesseract-ocr-chi-sim)";
      return false;
    }
    api_.SetPageSegMode(tesseract::PSM_AUTO);
    api_.SetVariable("debug_file", "/dev/null");
    // Figures and targets are re-read with the eng model, which reads
    // digits and their separators better than chi_sim (optional: without
    // it, cells keep their first reading).
    has_figures_ = figures_.Init(nullptr, "eng") == 0;
    if (has_figures_) {
      figures_.SetVariable("debug_file", "/dev/null");
      figures_.SetPageSegMode(tesseract::PSM_SINGLE_LINE);
    }
    return true;
  }

  // Whole-page recognition mixes the text of neighbouring cells; once the
  // rules give the cells, each cell is recognised as one block of its own,
  // and the page once more with the cells painted out, for the text
  // around the table (title, department line).
  PageGeometry recognise(int page, Pix* input, int dpi, const LayoutTolerance& tol) {
    PageGeometry geo;
    geo.page = page;
    PixPtr gray(pixConvertTo8(input, 0));
    if (!gray) return geo;
    // Straighten a skewed scan first: the rules must be level to be found.
    PixPtr straight(pixDeskew(gray.get(), 0));
    Pix* img = straight ? straight.get() : gray.get();
    geo.width = pixGetWidth(img);
    geo.height = pixGetHeight(img);
    PixPtr binary(pixThresholdToBinary(img, 170));
    PixPtr mask;
    if (binary) geo.rules = find_rules(binary.get(), &mask);
    // Recognise with the rules painted out: a border next to a figure is
    // otherwise read as 1 or |.
    PixPtr clean(pixCopy(nullptr, img));
    if (mask) pixSetMasked(clean.get(), mask.get(), 255);
    PixPtr ink(binary && mask ? pixSubtract(nullptr, binary.get(), mask.get()) : nullptr);
    const std::vector<Box> cells = table_cells(geo.rules, tol);

    PixPtr outside(pixCopy(nullptr, clean.get()));
    for (const Box& c : cells) {
      BOX* b = boxCreate(static_cast<int>(c.x0), static_cast<int>(c.y0), static_cast<int>(c.x1 - c.x0) + 1,
                         static_cast<int>(c.y1 - c.y0) + 1);
      pixSetInRect(outside.get(), b);  // 8 bpp: all bits set is white
      boxDestroy(&b);
    }
    api_.SetPageSegMode(tesseract::PSM_AUTO);
    api_.SetImage(outside.get());
    api_.SetSourceResolution(dpi);
    collect_words(api_, geo, ink ? ink.get() : binary.get());
    // Half an inch: 36 pt, taller than any title's type.
    drop_margin_noise(geo.words, dpi / 2.0);
    reread_weak_lines(geo, img, cells, dpi);

    api_.SetPageSegMode(tesseract::PSM_SINGLE_BLOCK);
    api_.SetImage(clean.get());
    api_.SetSourceResolution(dpi);
    if (has_figures_) {
      figures_.SetImage(clean.get());
      figures_.SetSourceResolution(dpi);
    }
    const int inset = std::max(2, dpi / 100);
    std::vector<CellRead> read_cells;
    for (const Box& c : cells) {
      const int x = static_cast<int>(c.x0) + inset, y = static_cast<int>(c.y0) + inset;
      const int w = static_cast<int>(c.x1 - c.x0) - 2 * inset, h = static_cast<int>(c.y1 - c.y0) - 2 * inset;
      if (w < 4 || h < 4) continue;
      if (ink) {
        // An empty cell costs a recognition for nothing: skip cells without ink.
        BOX* b = boxCreate(x, y, w, h);
        l_int32 count = 0;
        pixCountPixelsInRect(ink.get(), b, &count, nullptr);
        boxDestroy(&b);
        if (count < 12) continue;
      }
      api_.SetRectangle(x, y, w, h);
      const std::size_t first = geo.words.size();
      std::vector<Symbol> symbols;
      collect_words(api_, geo, ink ? ink.get() : binary.get(), &symbols);
      repair_figures(geo, symbols, ink ? ink.get() : binary.get());
      reread_cell(geo, first, x, y, w, h, ink ? ink.get() : binary.get());
      read_cells.push_back({x, y, w, h, first, geo.words.size()});
    }
    reread_figure_columns(geo, read_cells, ink ? ink.get() : binary.get());
    api_.Clear();
    if (has_figures_) figures_.Clear();
    return geo;
  }

 private:
  // A recognised cell: where it is and its words in PageGeometry::words.
  struct CellRead {
    int x, y, w, h;
    std::size_t first, last;
  };

  // A line outside the tables read poorly as a whole (weak_text_lines: a
  // title in large bold type, read from the whole page as scattered
  // characters) is recognised again alone, as a single line, across the
  // page's width and up to the lines above and below, from the page without
  // the rules' mask (the title's long bold strokes pass for rules); the
  // second reading replaces the first when its mean confidence is clearly
  // higher.
  void reread_weak_lines(PageGeometry& geo, Pix* page, const std::vector<Box>& cells, int dpi) {
    const std::vector<WeakLine> weak = weak_text_lines(geo.words, geo.height);
    if (weak.empty()) return;
    std::vector<bool> drop(geo.words.size(), false);
    std::vector<std::pair<std::size_t, std::vector<PositionedWord>>> insert;  // before word, words
    api_.SetPageSegMode(tesseract::PSM_SINGLE_LINE);
    for (const WeakLine& line : weak) {
      const double h = line.box.y1 - line.box.y0;
      const double y0 = std::max(line.top, line.box.y0 - h / 2), y1 = std::min(line.bottom, line.box.y1 + h / 2);
      const int top = static_cast<int>(y0), bottom = static_cast<int>(y1);
      if (bottom - top < 8 || geo.width < 8) continue;
      // The band of the page as scanned, without the rules' mask: a bold
      // title's long strokes pass for rules and were painted out with
      // them. The table's cells are painted out instead.
      BOX* band = boxCreate(0, top, static_cast<int>(geo.width), bottom - top);
      PixPtr strip(pixClipRectangle(page, band, nullptr));
      boxDestroy(&band);
      if (!strip) continue;
      for (const Box& c : cells) {
        if (c.y1 < top || c.y0 > bottom) continue;
        BOX* b = boxCreate(static_cast<int>(c.x0), static_cast<int>(c.y0) - top, static_cast<int>(c.x1 - c.x0) + 1,
                           static_cast<int>(c.y1 - c.y0) + 1);
        pixSetInRect(strip.get(), b);
        boxDestroy(&b);
      }
      api_.SetImage(strip.get());
      api_.SetSourceResolution(dpi);
      PageGeometry again;
      collect_words(api_, again, nullptr);
      if (again.words.empty()) continue;
      for (PositionedWord& w : again.words) {
        w.box.y0 += top;
        w.box.y1 += top;
      }
      float sum = 0;
      for (const PositionedWord& w : again.words) sum += std::max(0.0f, w.confidence);
      const float mean = sum / static_cast<float>(again.words.size());
      if (mean < 60 || mean < line.mean_confidence + 20) continue;
      for (std::size_t k : line.words) drop[k] = true;
      insert.emplace_back(line.words.front(), std::move(again.words));
    }
    if (insert.empty()) return;
    std::vector<PositionedWord> words;
    words.reserve(geo.words.size());
    for (std::size_t i = 0; i < geo.words.size(); ++i) {
      for (auto& [at, added] : insert) {
        if (at == i) {
          for (PositionedWord& w : added) words.push_back(std::move(w));
        }
      }
      if (!drop[i]) words.push_back(std::move(geo.words[i]));
    }
    geo.words = std::move(words);
  }

  static bool two_decimals(const std::string& text) {
    return text.size() > 3 && text[text.size() - 3] == '.';
  }

  static std::string cell_text(const PageGeometry& geo, const CellRead& c, float* conf) {
    std::string text;
    *conf = 100;
    for (std::size_t k = c.first; k < c.last; ++k) {
      text += geo.words[k].text;
      *conf = std::min(*conf, geo.words[k].confidence);
    }
    return text;
  }

  // A column most of whose cells read as amounts is an amount column:
  // a cell in it that chi_sim read as letters ("Sos00" for 375.00, "gg" for
  // 0.10), too garbled for reread_cell's digit check, is read again by eng,
  // digits only, and taken when that reading is a clean figure. Its words
  // keep the first reading's (low) confidence, so the cell is still reported
  // as doubtful. The column's top cell is its header, never re-read.
  void reread_figure_columns(PageGeometry& geo, const std::vector<CellRead>& cells, Pix* ink) {
    if (!has_figures_) return;
    std::map<std::pair<int, int>, std::vector<std::size_t>> columns;  // (x, w) → cells, top to bottom
    for (std::size_t k = 0; k < cells.size(); ++k) columns[{cells[k].x, cells[k].w}].push_back(k);
    std::vector<std::pair<std::size_t, PageGeometry>> replace;  // cell, its new words
    for (auto& [key, members] : columns) {
      std::sort(members.begin(), members.end(),
                [&](std::size_t a, std::size_t b) { return cells[a].y < cells[b].y; });
      // Amounts are printed with two decimals (120.00); a column of targets
      // (95, 7天, ≥90%) is not one, and its units must not be read away.
      int filled = 0, amounts = 0;
      for (std::size_t k : members) {
        float conf;
        const std::string text = cell_text(geo, cells[k], &conf);
        if (text.empty()) continue;
        ++filled;
        amounts += ocr::is_clean_figure(text) && two_decimals(text);
      }
      if (amounts < 2 || amounts * 2 < filled) continue;
      for (std::size_t m = 1; m < members.size(); ++m) {
        const CellRead& c = cells[members[m]];
        float conf;
        const std::string text = cell_text(geo, c, &conf);
        // A figure without the two decimals its column prints lost its
        // decimal point to a digit (2572296 for 2572.96) or its first digits
        // (53 for 32.53): taken again only when eng reads two decimals.
        const bool clean = ocr::is_clean_figure(text);
        const bool pointless = clean && !two_decimals(text);
        if (text.empty() || (clean && !pointless) || (!clean && !ocr::garbled_figure(text))) continue;
        figures_.SetVariable("tessedit_char_whitelist", "0123456789.,-");
        figures_.SetRectangle(c.x, c.y, c.w, c.h);
        PageGeometry again;
        collect_words(figures_, again, ink);
        std::string retext;
        for (const PositionedWord& word : again.words) retext += word.text;
        if (again.words.empty() || !ocr::is_clean_figure(retext) || (pointless && !two_decimals(retext)))
          continue;
        for (PositionedWord& word : again.words) word.confidence = std::min(word.confidence, conf);
        replace.emplace_back(members[m], std::move(again));
      }
    }
    if (replace.empty()) return;
    // Rebuild the word list with each re-read cell's words in place of its first reading.
    std::map<std::size_t, PageGeometry*> by_first;
    for (auto& [k, again] : replace) by_first[cells[k].first] = &again;
    std::vector<PositionedWord> words;
    words.reserve(geo.words.size());
    for (std::size_t i = 0; i < geo.words.size();) {
      auto it = by_first.find(i);
      if (it == by_first.end()) {
        words.push_back(std::move(geo.words[i++]));
        continue;
      }
      for (PositionedWord& word : it->second->words) words.push_back(std::move(word));
      // Skip the first reading's words: find the cell that starts here.
      std::size_t last = i;
      for (const CellRead& c : cells) {
        if (c.first == i && c.last > c.first) last = c.last;
      }
      i = std::max(last, i + 1);
    }
    geo.words = std::move(words);
  }

  // A figure or a short target cell read doubtfully (read/ocr_reread.hpp)
  // is read again by the eng model, digits and separators only. The second
  // reading's confidence is kept as it is: a cell still doubtful is still
  // flagged by the provenance diagnostics.
  void reread_cell(PageGeometry& geo, std::size_t first, int x, int y, int w, int h, Pix* ink) {
    if (first >= geo.words.size()) return;
    std::string text;
    float conf = 100;
    for (std::size_t k = first; k < geo.words.size(); ++k) {
      text += geo.words[k].text;
      conf = std::min(conf, geo.words[k].confidence);
    }
    const bool figure = ocr::mostly_digits(text) && text.find('%') == std::string::npos;
    const bool target = !figure && ocr::doubtful_target(text);
    if (!figure && !target) return;
    if (figure && ocr::is_clean_figure(text) && conf >= kRereadConfidence) return;
    if (!has_figures_) return;
    figures_.SetVariable("tessedit_char_whitelist", figure ? "0123456789.,-" : "0123456789.%<>");
    figures_.SetRectangle(x, y, w, h);
    PageGeometry again;
    collect_words(figures_, again, ink);
    if (again.words.empty()) return;
    std::string retext;
    float reconf = 100;
    for (const PositionedWord& word : again.words) {
      retext += word.text;
      reconf = std::min(reconf, word.confidence);
    }
    if (!ocr::keeps_digits(text, retext, figure)) return;
    if (figure) {
      if (!ocr::is_clean_figure(retext) || (ocr::is_clean_figure(text) && reconf <= conf)) return;
    } else if (!ocr::is_clean_target(retext) || retext.find('%') == std::string::npos) {
      return;
    }
    geo.words.resize(first);
    for (PositionedWord& word : again.words) geo.words.push_back(std::move(word));
  }

  static constexpr float kRereadConfidence = 60;

  // A recognised symbol: its text, the model's box, and where its text
  // stands in PageGeometry::words.
  struct Symbol {
    std::string text;
    int x0 = 0, y0 = 0, x1 = 0, y1 = 0;
    std::size_t word = 0, offset = 0;
  };

  static bool is_digit(const std::string& s) { return s.size() == 1 && s[0] >= '0' && s[0] <= '9'; }

  // Figures whose first or last glyph the model misread, told by the ink
  // (glyph_shape.hpp), each change recorded in geo.repairs for a notice:
  // - the glyph before a figure has the shape of a ≥ or ≤ (a chevron with a
  //   slanted bar under it) but was read as another character (二, 盖, >) or
  //   not at all (its ink given to the colon before it): it becomes ≥/≤;
  // - a figure of three digits or more ending in "96" or "94" whose two last
  //   digits lie in one glyph (no clear column between them, as there is
  //   between two printed digits), and that eng, reading the figure alone
  //   with digits and % only, reads as the same digits with a % in their
  //   place: the chi_sim model reads a % as 96 or 94 ("100%" → "10096").
  void repair_figures(PageGeometry& geo, const std::vector<Symbol>& symbols, Pix* ink) {
    if (!ink || symbols.empty()) return;
    const InkGrid g = ink_grid(ink);
    struct Edit {
      std::size_t word, offset, length;
      std::string text;
    };
    std::vector<Edit> edits;
    auto repair = [&](const Symbol& where, std::string code, std::string message) {
      geo.repairs.push_back({Box{static_cast<double>(where.x0), static_cast<double>(where.y0),
                                 static_cast<double>(where.x1), static_cast<double>(where.y1)},
                             std::move(code), std::move(message)});
    };
    for (std::size_t i = 0; i < symbols.size(); ++i) {
      const Symbol& s = symbols[i];
      if (!is_digit(s.text)) {
        // A ≥ or ≤ between words ("采购金额≤预算金额"), read as a
        // character: the glyph under the symbol's middle.
        const bool before_figure = i + 1 < symbols.size() && is_digit(symbols[i + 1].text);
        if (before_figure || !may_stand_for_comparator(s.text)) continue;
        int height = std::min(s.y1 - s.y0, 2 * (s.x1 - s.x0));
        for (std::size_t k : {i - 1, i + 1}) {
          if (k >= symbols.size()) continue;  // i - 1 wraps round at 0
          const Symbol& n = symbols[k];
          if (n.y1 > s.y0 && n.y0 < s.y1) height = std::min(height, n.y1 - n.y0);
        }
        if (height < 8) continue;
        const double middle = 0.5 * (s.y0 + s.y1);
        const int top = static_cast<int>(middle - 0.65 * height), bottom = static_cast<int>(middle + 0.65 * height) + 1;
        // The model's box may straddle the glyph and the gap after it: each
        // glyph the box reaches is looked at.
        std::optional<GlyphBox> glyph;
        std::string_view shape;
        for (int x = s.x0; x < s.x1 && shape.empty(); ++x) {
          glyph = glyph_at(g, x, top, bottom, 2 * height);
          if (!glyph) continue;
          shape = comparator_shape(g, *glyph);
          x = std::max(x, glyph->x1);
        }
        if (shape.empty() || shape == s.text) continue;
        edits.push_back({s.word, s.offset, s.text.size(), std::string(shape)});
        repair(Symbol{"", glyph->x0, glyph->y0, glyph->x1, glyph->y1, 0, 0}, "ocr.comparator-shape",
               "a glyph the OCR read as '" + s.text + "' has the shape of " + std::string(shape) +
                   " (a chevron over a slanted bar): read as " + std::string(shape));
        continue;
      }
      if (i > 0 && (is_digit(symbols[i - 1].text) || symbols[i - 1].text == "." || symbols[i - 1].text == ","))
        continue;
      std::size_t j = i;
      while (j < symbols.size() && (is_digit(symbols[j].text) || symbols[j].text == ".")) ++j;
      // The line's rows: around the digits' middle, as high as a digit (a
      // box the model gave the whole word is taller: a digit is at most
      // twice as high as wide).
      int height = 1 << 20, width = 0;
      double middle = 0;
      for (std::size_t k = i; k < j; ++k) {
        height = std::min(height, symbols[k].y1 - symbols[k].y0);
        width = std::max(width, symbols[k].x1 - symbols[k].x0);
        middle += 0.5 * (symbols[k].y0 + symbols[k].y1);
      }
      middle /= static_cast<double>(j - i);
      height = std::min(height, 2 * width);
      if (height < 8) continue;
      const int top = static_cast<int>(middle - 0.65 * height), bottom = static_cast<int>(middle + 0.65 * height) + 1;
      std::string digits;
      for (std::size_t k = i; k < j; ++k) digits += symbols[k].text;

      if (i > 0) {
        const Symbol& before = symbols[i - 1];
        const double before_middle = 0.5 * (before.y0 + before.y1);
        const bool colon = before.text == ":" || before.text == "：";
        const bool candidate = colon || before.text == ">" || before.text == "<" ||
                               (static_cast<unsigned char>(before.text[0]) >= 0x80 && before.text != "≥" &&
                                before.text != "≤");
        if (candidate && before_middle > top && before_middle < bottom) {
          if (auto glyph = glyph_left_of(g, s.x0, top, bottom, height / 2, 2 * height)) {
            const std::string_view shape = comparator_shape(g, *glyph);
            if (!shape.empty()) {
              const Symbol at{std::string(shape), glyph->x0, glyph->y0, glyph->x1, glyph->y1, 0, 0};
              if (colon) {
                edits.push_back({before.word, before.offset + before.text.size(), 0, std::string(shape)});
                repair(at, "ocr.comparator-shape",
                       "a glyph before " + digits + " that the OCR did not read has the shape of " +
                           std::string(shape) + " (a chevron over a slanted bar): read as " + std::string(shape) +
                           digits);
              } else {
                edits.push_back({before.word, before.offset, before.text.size(), std::string(shape)});
                repair(at, "ocr.comparator-shape",
                       "a glyph the OCR read as '" + before.text + "' before " + digits + " has the shape of " +
                           std::string(shape) + " (a chevron over a slanted bar): read as " + std::string(shape) +
                           digits);
              }
            }
          }
        }
      }

      if (j - i >= 3 && has_figures_ && symbols[j - 2].text == "9" &&
          (symbols[j - 1].text == "6" || symbols[j - 1].text == "4") && symbols[j - 2].word == symbols[j - 1].word &&
          (j == symbols.size() || symbols[j].text != "%")) {
        const Symbol& a = symbols[j - 2];
        const Symbol& b = symbols[j - 1];
        const int a_mid = (a.x0 + a.x1) / 2, b_mid = (b.x0 + b.x1) / 2;
        const auto glyph = glyph_at(g, (a_mid + b_mid) / 2, top, bottom, 2 * height);
        // One glyph from the 9's middle into the next digit's box, as wide
        // as a % (a printed digit is about half as wide as high).
        if (glyph && glyph->x0 <= a_mid && b.x0 + 2 < glyph->x1 && glyph->width() * 5 >= height * 4) {
          const std::string before_digits = digits.substr(0, digits.size() - 2);
          const int x0 = std::max(0, s.x0 - 3), x1 = std::min(g.width, glyph->x1 + 3);
          figures_.SetVariable("tessedit_char_whitelist", "0123456789.%");
          figures_.SetRectangle(x0, std::max(0, top), x1 - x0, std::min(g.height, bottom) - std::max(0, top));
          PageGeometry again;
          collect_words(figures_, again, nullptr);
          std::string retext;
          for (const PositionedWord& w : again.words) retext += w.text;
          if (retext == before_digits + "%") {
            edits.push_back({a.word, a.offset, a.text.size() + b.text.size(), "%"});
            repair(Symbol{"", glyph->x0, glyph->y0, glyph->x1, glyph->y1, 0, 0}, "ocr.percent-shape",
                   "the OCR read " + digits + "; its last two digits are one glyph, read alone as " + retext +
                       ": read as " + retext);
          }
        }
      }
    }
    std::sort(edits.begin(), edits.end(), [](const Edit& x, const Edit& y) {
      return x.word != y.word ? x.word > y.word : x.offset > y.offset;
    });
    for (const Edit& e : edits) {
      if (e.word >= geo.words.size()) continue;
      PositionedWord& w = geo.words[e.word];
      if (e.offset + e.length > w.text.size()) continue;
      w.text.replace(e.offset, e.length, e.text);
      w.confidence = 0;  // changed by the reader: the cell is reported as doubtful too
    }
  }

  // Words with their boxes. Each symbol is looked at, because the chi_sim
  // model has no ≥ or ≤: it reads them as > and <, and only the page can
  // tell them apart (the bar under the chevron).
  static void collect_words(tesseract::TessBaseAPI& api, PageGeometry& geo, Pix* ink,
                            std::vector<Symbol>* symbols = nullptr) {
    if (api.Recognize(nullptr) != 0) return;
    std::unique_ptr<tesseract::ResultIterator> it(api.GetIterator());
    if (!it) return;
    if (it->Empty(tesseract::RIL_SYMBOL)) return;
    PositionedWord word;
    bool open = false;
    auto flush = [&] {
      if (open && !word.text.empty()) geo.words.push_back(std::move(word));
      word = PositionedWord{};
      open = false;
    };
    // A character the model reads for a ≥ or ≤ (misread_comparator), held
    // until the next symbol shows whether a figure follows.
    struct Suspect {
      bool active = false;
      std::size_t at = 0, len = 0;
      std::string_view comparator;
      bool in_previous = false;  // in the word already flushed, not the open one
    } suspect;
    std::string previous;  // the symbol before, across words
    do {
      if (it->IsAtBeginningOf(tesseract::RIL_WORD)) {
        // The model makes each CJK character a word: the digit after the
        // suspect may start the next one.
        if (suspect.active && !suspect.in_previous && open && !word.text.empty()) {
          suspect.in_previous = true;
        } else {
          suspect.active = false;
        }
        flush();
        int x0, y0, x1, y1;
        if (!it->BoundingBox(tesseract::RIL_WORD, &x0, &y0, &x1, &y1)) continue;
        word.box = {static_cast<double>(x0), static_cast<double>(y0), static_cast<double>(x1), static_cast<double>(y1)};
        word.confidence = it->Confidence(tesseract::RIL_WORD);
        word.space_after = true;
        open = true;
      }
      if (!open) continue;
      std::unique_ptr<char[]> text(it->GetUTF8Text(tesseract::RIL_SYMBOL));
      if (!text || text[0] == 0) continue;
      std::string symbol = text.get();
      int x0, y0, x1, y1;
      if ((symbol == ">" || symbol == "<") && ink && it->BoundingBox(tesseract::RIL_SYMBOL, &x0, &y0, &x1, &y1) &&
          (bar_under_glyph(ink_grid(ink), x0, y0, x1, y1) ||
           slanted_bar_under_glyph(ink_grid(ink), x0, y0, x1, y1, symbol == ">"))) {
        symbol = symbol == ">" ? "≥" : "≤";
      }
      if (suspect.active && symbol[0] >= '0' && symbol[0] <= '9') {
        // Only before a figure: "过95%" is a misread "≥95%"; "过程" is a word.
        PositionedWord& owner = suspect.in_previous ? geo.words.back() : word;
        owner.text.replace(suspect.at, suspect.len, suspect.comparator);
        owner.confidence = 0;  // a guess: the cell is reported as doubtful
      }
      suspect.active = false;
      if (std::string_view c = misread_comparator(previous, symbol); !c.empty()) {
        suspect = Suspect{true, word.text.size(), symbol.size(), c, false};
      }
      previous = symbol;
      if (symbols && it->BoundingBox(tesseract::RIL_SYMBOL, &x0, &y0, &x1, &y1)) {
        // The open word is pushed next, at this index (it is not empty).
        symbols->push_back({symbol, x0, y0, x1, y1, geo.words.size(), word.text.size()});
      }
      word.text += symbol;
    } while (it->Next(tesseract::RIL_SYMBOL));
    flush();
  }

  tesseract::TessBaseAPI api_;
  tesseract::TessBaseAPI figures_;
  bool has_figures_ = false;
};

// Pages come from `next_page` (called under a lock, in order); `threads`
// engines recognise them at once; at most `threads` rendered pages wait, so
// memory stays bounded on a long scan.
Source recognise_pages(const std::function<std::optional<PageImage>()>& next_page, int threads, int dpi,
                       const std::string& display_name, const std::string& format, const PageCache& cache) {
  // One tesseract thread per engine: the engines already fill the cores.
  setenv("OMP_THREAD_LIMIT", "1", 0);
  threads = std::max(1, threads);
  std::mutex m;
  std::condition_variable cv;
  std::deque<PageImage> queue;
  bool done = false;
  std::map<int, PageGeometry> results;
  std::string init_error;
  // Tolerances in pixels: a point is dpi/72 pixels, and a scan's rules are
  // thicker and wavier than a PDF's.
  LayoutTolerance tol;
  tol.snap = std::max(3.0, dpi / 72.0 * 2.0);
  tol.min_rule = dpi / 72.0 * 10;

  auto worker = [&]() {
    OcrEngine engine;
    std::string error;
    bool ok = engine.init(error);
    while (true) {
      PageImage job;
      {
        std::unique_lock lock(m);
        cv.wait(lock, [&] { return !queue.empty() || done; });
        if (queue.empty()) return;
        job = std::move(queue.front());
        queue.pop_front();
      }
      cv.notify_all();
      PageGeometry geo;
      if (job.cached) {
        geo = std::move(*job.cached);
      } else if (ok) {
        geo = engine.recognise(job.page, job.pix.get(), dpi, tol);
        cache.save(job.page, geo);
      } else {
        geo.page = job.page;
      }
      job.pix.reset();
      std::lock_guard lock(m);
      if (!ok) init_error = error;
      results[job.page] = std::move(geo);
    }
  };
  std::vector<std::thread> pool;
  for (int t = 0; t < threads; ++t) pool.emplace_back(worker);
  while (true) {
    std::optional<PageImage> page = next_page();
    std::unique_lock lock(m);
    if (!page) {
      done = true;
      break;
    }
    cv.wait(lock, [&] { return queue.size() < static_cast<std::size_t>(threads); });
    queue.push_back(std::move(*page));
    lock.unlock();
    cv.notify_all();
  }
  cv.notify_all();
  for (std::thread& t : pool) t.join();
  if (!init_error.empty()) return unreadable(display_name, format, "read.ocr", init_error);

  PageJoiner joiner;
  for (auto& [page, geo] : results) joiner.add(layout_page(geo, tol));
  std::vector<TableRow> rows = joiner.take();
  for (TableRow& row : rows) {
    for (TableCell& cell : row.cells) {
      cell.text = without_digit_after_percent(mended_brackets(cell.text));
      if (drop_nine_before_percent(cell.text)) cell.confidence = 0;  // a guess: reported as doubtful
    }
  }
  Source src = source_from_rows(std::move(rows), display_name, format);
  // Each repair's notice on the line that holds it (the row whose box has
  // the repaired glyph's middle), else on the page.
  for (const auto& [page, geo] : results) {
    for (const OcrRepair& r : geo.repairs) {
      const double x = 0.5 * (r.box.x0 + r.box.x1), y = 0.5 * (r.box.y0 + r.box.y1);
      int line = 0;
      for (const Line& l : src.lines) {
        if (l.page == page && l.x0 <= x && x <= l.x1 && l.y0 <= y && y <= l.y1) {
          line = l.number;
          break;
        }
      }
      src.diagnostics.push_back({Severity::Notice, r.code, line, page, r.message + " (page " + std::to_string(page) + ")"});
    }
  }
  return src;
}

}  // namespace

Source read_image(const std::string& path, const std::string& display_name, const ReadLimits& limits) {
  setMsgSeverity(L_SEVERITY_NONE);  // a bad image is reported by the reader, not on stderr
  PixPtr pix(pixRead(path.c_str()));
  if (!pix) return unreadable(display_name, "scan", "read.image", "the image cannot be decoded");
  if (static_cast<double>(pixGetWidth(pix.get())) * pixGetHeight(pix.get()) > 20000.0 * 20000.0)
    return unreadable(display_name, "scan", "read.limit", "the image is larger than 20000×20000 pixels");
  l_int32 xres = 0, yres = 0;
  pixGetResolution(pix.get(), &xres, &yres);
  const int dpi = xres >= 70 && xres <= 1200 ? xres : 300;
  bool given = false;
  return recognise_pages(
      [&]() -> std::optional<PageImage> {
        if (given) return std::nullopt;
        given = true;
        return PageImage{1, std::move(pix), std::nullopt};
      },
      1, dpi, display_name, "scan", PageCache(path, dpi));
  (void)limits;
}

Source read_scanned_pdf(const std::string& path, const std::string& display_name, const ReadLimits& limits) {
  std::unique_ptr<poppler::document> doc(poppler::document::load_from_file(path));
  if (!doc || doc->is_locked())
    return unreadable(display_name, "scan", "read.pdf", "the scanned PDF cannot be opened for rendering");
  const int pages = std::min(doc->pages(), limits.max_pages);
  poppler::page_renderer renderer;
  renderer.set_image_format(poppler::image::format_gray8);
  const PageCache cache(path, limits.ocr_dpi);
  int next = 0;
  Source src = recognise_pages(
      [&]() -> std::optional<PageImage> {
        while (next < pages) {
          const int index = next++;
          if (auto geo = cache.load(index + 1)) return PageImage{index + 1, nullptr, std::move(geo)};
          std::unique_ptr<poppler::page> page(doc->create_page(index));
          if (!page) continue;
          poppler::image img = renderer.render_page(page.get(), limits.ocr_dpi, limits.ocr_dpi);
          if (!img.is_valid()) continue;
          PixPtr pix(pixCreate(img.width(), img.height(), 8));
          const char* data = img.const_data();
          for (int y = 0; y < img.height(); ++y) {
            l_uint32* line = pixGetData(pix.get()) + y * pixGetWpl(pix.get());
            const auto* row = reinterpret_cast<const unsigned char*>(data + static_cast<long>(y) * img.bytes_per_row());
            for (int x = 0; x < img.width(); ++x) SET_DATA_BYTE(line, x, row[x]);
          }
          pixSetResolution(pix.get(), limits.ocr_dpi, limits.ocr_dpi);
          return PageImage{index + 1, std::move(pix), std::nullopt};
        }
        return std::nullopt;
      },
      limits.ocr_threads, limits.ocr_dpi, display_name, "scan", cache);
  if (doc->pages() > pages) {
    src.diagnostics.push_back({Severity::Error, "read.limit", 0, pages,
                               "the scan has " + std::to_string(doc->pages()) + " pages; only the first " +
                                   std::to_string(pages) + " were read"});
  }
  return src;
}

}  // namespace jixiao
