// The multi-project summary table (项目支出绩效目标表, Guangdong template and
// its kin): one row per unit and per project with 总计/财政拨款/财政专户拨款/
// 其他资金, the goal and the indicators written inline. Reads both the PDF
// text export (rows wrapped over lines, projects indented under units) and
// tab-separated OCR output (one row a line, cells that OCR dropped or merged).
#pragma once

#include <string>
#include <vector>

#include "model/document.hpp"
#include "read/source.hpp"

namespace jixiao {

// The column heads of this layout found in a source: 项目名称, the amount
// columns and 绩效指标 (or 绩效目标) within a few lines, possibly repeated on
// every page. Found once per source, both to tell the layout and to read it.
struct SummaryHeads {
  enum class Column { Total, Fiscal, Special, Other };
  struct Block {
    int first = 0;  // line indexes, inclusive
    int last = 0;
    std::vector<Column> columns;           // amount columns in printed order
    std::vector<std::string> cell_fields;  // per cell when the heads are tab-separated
  };
  std::vector<Block> blocks;  // in source order; empty when this is not the layout

  bool found() const { return !blocks.empty(); }
};

SummaryHeads find_summary_heads(const Source& source);

// The first block of find_summary_heads when it starts before line index
// `before_line`; none otherwise. Reads only the lines up to it.
SummaryHeads find_first_summary_heads(const Source& source, int before_line);

// A document with layout "summary" read under `heads`, or with an empty
// layout when no heads were found.
Document recognise_summary(const Source& source, const SummaryHeads& heads);
Document recognise_summary(const Source& source);

// The words a search for any of `words` needs: a word that ends in another
// (年度绩效目标 in 绩效目标) is found wherever that other is, even when only
// matches ending past some offset are wanted, so it is dropped (one of two
// equal words is kept). With `anywhere`, a word that holds another at any
// place is dropped too (only sound for searches from the start). Order kept.
std::vector<std::string> words_a_search_needs(const std::vector<std::string>& words, bool anywhere);

}  // namespace jixiao
