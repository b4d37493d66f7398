// The multi-project summary table (项目支出绩效目标表, Guangdong template and
// its kin): one row per unit and per project with 总计/财政拨款/财政专户拨款/
// 其他资金, the goal and the indicators written inline. Reads both the PDF
// text export (rows wrapped over lines, projects indented under units) and
// tab-separated OCR output (one row a line, cells that OCR dropped or merged).
#pragma once

#include "model/document.hpp"
#include "read/source.hpp"

namespace jixiao {

// Evidence that a source is in this layout: the column heads 项目名称, an
// amount column and 绩效指标 within a few lines. Returns the index of the
// first header line, or -1.
int find_summary_header(const Source& source);

// A document with layout "summary", or with an empty layout when the source
// has no column heads of this layout.
Document recognise_summary(const Source& source);

}  // namespace jixiao
