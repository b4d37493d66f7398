#include "recognise/parse.hpp"

#include "recognise/outline.hpp"
#include "recognise/project_grid.hpp"
#include "recognise/summary_table.hpp"

namespace jixiao {

Document recognise(const Source& source) {
  Document doc;
  if (source.readable) {
    // The grid's labels are specific (一级指标 beside 项目名称 and 指标值);
    // the summary is recognised by its column heads. When summary heads are
    // found, a grid's labels would sit a few lines past them (a grid's 项目名称
    // and 绩效目标 rows can pass for summary heads; in every grid sample the
    // labels came within 4 lines): looking no further keeps a long summary
    // from being scanned cell by cell for grid labels.
    constexpr std::size_t kGridLabelsPastSummaryHeads = 40;
    // The same answer, cheaply, for a grid: every head block starts at or
    // after the first kFirstLines lines when none starts within them, so it
    // ends no earlier, and grid labels complete within kFirstLines + 40
    // lines fall within the search above whatever the heads. A grid then
    // skips the search for summary heads through all of its lines (which
    // finds none).
    constexpr int kFirstLines = 60;
    bool grid = false;
    SummaryHeads heads;
    if (!find_first_summary_heads(source, kFirstLines).found() &&
        project_grid_labels_end(source, kFirstLines + kGridLabelsPastSummaryHeads) != 0) {
      grid = true;
    } else {
      heads = find_summary_heads(source);
      const std::size_t grid_search =
          heads.found() ? static_cast<std::size_t>(heads.blocks.front().last) + kGridLabelsPastSummaryHeads
                        : source.lines.size();
      grid = looks_like_project_grid(source, grid_search);
    }
    if (grid) {
      doc = recognise_project_grid(source);
    } else if (doc = recognise_summary(source, heads); doc.layout == "summary") {
      // recognised
    } else if (looks_like_outline(source)) {
      // No column heads at all: levels and values one a line.
      doc = recognise_outline(source);
    } else {
      doc.layout = "unknown";
      bool empty = true;
      for (const Line& l : source.lines) empty = empty && l.blank();
      doc.diagnostics.push_back(
          {Severity::Error, empty ? "read.empty" : "layout.unknown", 0, 0,
           empty
               ? "the file is empty: expected a 绩效目标表"
               : "no known table layout: expected column heads 项目名称 … 总计/财政拨款 … 绩效指标 (summary "
                 "table) or the labels 项目名称, 一级指标 and 指标值 (per-project grid)"});
    }
  }
  doc.source_path = source.path;
  doc.encoding = source.encoding;
  doc.diagnostics.insert(doc.diagnostics.begin(), source.diagnostics.begin(), source.diagnostics.end());
  if (source.readable && doc.layout != "unknown") {
    std::size_t projects = 0;
    for (const Unit& u : doc.units) projects += u.projects.size();
    if (projects == 0) {
      doc.diagnostics.push_back({Severity::Warning, "table.no-projects", 0, 0,
                                 "the table's heads were found but no project rows could be read"});
    }
  }
  return doc;
}

Document parse_text(std::string_view bytes, const std::string& path, int first_line) {
  return recognise(read_text(bytes, path, first_line));
}

bool has_errors(const Document& doc) {
  for (const Diagnostic& d : doc.diagnostics) {
    if (d.severity == Severity::Error) return true;
  }
  return false;
}

}  // namespace jixiao
