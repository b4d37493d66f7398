// Rebuilding tables from a page's geometry: positioned words and the ruling
// lines drawn on the page (PDF strokes and thin fills, or lines found in a
// scan). The cells are the rectangles the rules enclose, so a figure belongs
// to the column whose rules surround it; a cell whose inner rule is missing
// is a merged cell (spanning columns, or rows). Text outside any ruled table
// becomes lines of text. Shared by the PDF and the scan readers.
#pragma once

#include <string>
#include <vector>

#include "read/table_source.hpp"

namespace jixiao {

struct PositionedWord {
  std::string text;
  Box box;
  bool space_after = false;  // the producer put a space after the word
  float confidence = -1;     // OCR only
};

struct Rule {
  bool horizontal = true;
  double pos = 0;            // y of a horizontal rule, x of a vertical one
  double from = 0, to = 0;   // its extent along the other axis
};

// A reading the OCR reader changed on the glyphs' evidence (a ≥ the model
// read as 二, a % it read as 96): where, and what was done, for a notice.
struct OcrRepair {
  Box box;
  std::string code;     // the notice's code, e.g. "ocr.comparator-shape"
  std::string message;
};

struct PageGeometry {
  int page = 0;
  double width = 0, height = 0;
  std::vector<PositionedWord> words;
  std::vector<Rule> rules;
  std::vector<OcrRepair> repairs;  // scans only
};

struct LayoutTolerance {
  double snap = 1.5;      // rules closer than this are one rule (points, or pixels for scans)
  double min_rule = 8;    // shorter segments are not table rules (glyph strokes, underlines of a word)
};

// The page as rows: text lines outside tables and table rows, top to bottom.
// A table row cut by the page's end (its cells have no closing rule) is
// marked `open_bottom`; one starting a page without an opening rule
// `open_top` (which alone does not make it a continuation: see PageJoiner).
struct PageRows {
  std::vector<TableRow> rows;
  int first_table_row = -1;  // index in rows, -1 when the page has no table
  int last_table_row = -1;
  bool open_top = false;
  bool open_bottom = false;
};

PageRows layout_page(const PageGeometry& page, const LayoutTolerance& tol);

// Scan noise around a table: specks and the paper's edge read as scattered
// words of low confidence. The text around a table (title, department line)
// has confident words on each of its lines even where OCR garbles others.
// Keeps a word (OCR confidence 0–100) when it, or a word sharing its line,
// was read with confidence ≥ `confident`; drops blank words and words taller
// than `max_text_height` (no text line is). Returns how many were dropped.
std::size_t drop_margin_noise(std::vector<PositionedWord>& words, double max_text_height,
                              float confident = 60);

// A line of text outside the tables that OCR read poorly as a whole: a
// title in large bold type comes back from whole-page recognition as
// scattered characters of low confidence ("半1支引绩站E)冰和表"), while the
// same line recognised alone, as one line, reads cleanly. Lines are words
// whose vertical extents overlap by half the shorter one; a line is weak
// when it has at least `min_words` words and their mean confidence is below
// `weak`. `box` is the line's words' union; `top`/`bottom` how far it may
// grow before it meets the next line above or below (0 and `page_height`
// when there is none).
struct WeakLine {
  std::vector<std::size_t> words;  // indices into the words, left to right
  Box box;
  float mean_confidence = 0;
  double top = 0, bottom = 0;
};
std::vector<WeakLine> weak_text_lines(const std::vector<PositionedWord>& words, double page_height,
                                      float weak = 50, std::size_t min_words = 4);

// The cells (merged ones whole) of every ruled table the rules form: where
// a scan reader recognises text cell by cell.
std::vector<Box> table_cells(const std::vector<Rule>& rules, const LayoutTolerance& tol);

// Collects the pages' rows into the document's. A table row the page break
// cut in two (the earlier page's last table row open at its bottom, and the
// later page's first row with as many cells) is joined back,
// cell by cell, so a goal or an indicator list continued on the next page
// stays in its cell. A header row repeated at the top of the page is kept
// (the recognisers skip repeated headers) and the join looks past it; text
// lines between (running heads) stay where they are.
class PageJoiner {
 public:
  void add(PageRows&& page);
  std::vector<TableRow> take() { return std::move(rows_); }

 private:
  std::vector<TableRow> rows_;
  int last_table_row_ = -1;
  bool last_open_bottom_ = false;
  std::string header_;  // the first table row of the document, as a signature
};

}  // namespace jixiao
