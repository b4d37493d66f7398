// Renders a Document back to the plain text that published exports produce,
// so the parser can be tested on text whose true reading is known.
//
//  - render_summary_text: the summary table (项目支出绩效目标表) as a PDF text
//    export wraps it (seeds 000/001/004): title, 部门名称 line, column header,
//    合计 row, unit rows flush left, project rows indented four spaces, each
//    cell's text wrapped at its column width with blank lines sprinkled
//    between wrapped lines, a long name (unit or project) wrapped with its
//    figures on a line of their own, indicators as one running text
//    ("1、1-产出指标；13-时效指标；名称；实施周期指标值:X；年度指标值:Y。2、…"),
//    page breaks that repeat the column header between rows (and, with
//    page_break_in_cells, inside a row's last cell).
//  - render_grid_text: the per-project table as a Word export prints it
//    (seed 003): a [bookmark: …] title line per project, one cell per line
//    after a tab, the merged 一级指标 cell carried as an empty cell line.
//
// Width is counted in half-width units: an ASCII character is 1, every other
// character (CJK ideographs, CJK punctuation, ≥ and the like) is 2, so a
// column "24 wide" holds 24 CJK characters or 48 ASCII ones. Line breaks obey
// what a PDF line breaker does and the seeds show: anywhere between CJK
// characters and before CJK punctuation (a line may start with "。"), after
// ":" "≥" "-", but never inside a run of ASCII letters and digits (a number
// or a Latin word; inside numbers only with break_inside_numbers) and never
// next to a space, so joining wrapped lines
// without a separator gives the text back exactly.
//
// Everything random (line width jitter, blank lines, header style, page-break
// style) comes from options.seed: the same document and options give the same
// bytes.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "model/document.hpp"

namespace jixiao {

struct TextRenderOptions {
  std::uint64_t seed = 0;
  // Column widths in CJK characters (see the width rule above).
  int name_width = 13;          // 项目名称 (summary); the four-space indent is not counted
  int goal_width = 24;          // 绩效目标
  int indicator_width = 30;     // 绩效指标
  int width_jitter = 1;         // each line's limit varies by up to ± this many half-width units
  int blank_line_percent = 40;  // chance of a blank line after a wrapped line inside a cell
  int lines_per_page = 56;      // page break (blank lines + repeated header) at the next row; 0 = none
  // Also break a full page inside a project's 绩效指标 cell (the row's last
  // cell), which then runs on after the repeated header.
  bool page_break_in_cells = false;
  // Allow breaks inside numbers ("11733." / "38平方米"). Off by default: the
  // seeds never break a number, but a reader should not depend on that.
  bool break_inside_numbers = false;
  // Stray spaces around lines, a wrapped column header (seed 001), a leading
  // blank line (seed 000): noise the reader must ignore.
  bool noise = true;
  // OCR damage a reader must see through (synth/damage.hpp): the chance
  // that a separator in the summary's 绩效指标 text prints as "; " ": " or
  // ";", and that a grid figure prints with OCR spaces ("349. 00").
  int separator_swap_percent = 0;
  int number_space_percent = 0;

  // Widths and noise drawn from the ranges the seeds show, from `seed`.
  static TextRenderOptions varied(std::uint64_t seed);
};

std::string render_summary_text(const Document& doc, const TextRenderOptions& options = {});
std::string render_grid_text(const Document& doc, const TextRenderOptions& options = {});
// By doc.layout: "project-grid" → grid, anything else → summary.
std::string render_text(const Document& doc, const TextRenderOptions& options = {});

// Level labels as the summary layout prints them: "1-产出指标", "13-时效指标",
// "22-社会效益", "31-服务对象满意度" (效益 and 满意度 二级 drop the 指标 suffix).
std::string summary_level1_label(Level1 level);
std::string summary_level2_label(Level2 level);

// The pieces the other renderers (render/printed_table.hpp) print the same way:
//  - an indicator's 一级/二级 label: the summary's coded form ("1-产出指标") or
//    the grid's plain name ("产出指标"); the printed text when not on the taxonomy;
//  - the summary's 绩效指标 cell: every indicator in one running text
//    ("1、1-产出指标；13-时效指标；名称；实施周期指标值:X；年度指标值:Y。2、…");
//  - a goal's typed paragraphs: a numbered item ("2、", "3.") after a "。"
//    starts a new one; joined they give the goal back.
std::string indicator_level1_text(const Indicator& ind, bool summary);
std::string indicator_level2_text(const Indicator& ind, bool summary);
std::string summary_indicator_text(const std::vector<Indicator>& indicators);
std::vector<std::string_view> goal_paragraphs(std::string_view goal);

// Width of `text` in half-width units (ASCII 1, anything else 2).
int display_width(std::string_view text);

// Money as the summary layout prints it: thousands separators, the Decimal's
// own scale ("1,300.16", "0.10").
std::string format_amount(const Decimal& amount);

}  // namespace jixiao
