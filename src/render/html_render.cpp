#include "render/html_render.hpp"

#include <numeric>

#include "render/markup.hpp"

namespace jixiao {
namespace {

// Song (serif) body as the published PDFs use, a heavier title; Noto CJK is
// what Debian installs (fonts-noto-cjk), the rest are what Windows and macOS
// viewers have. Rows may split across pages, as in the published PDFs (their
// text exports show page breaks inside a cell); the head repeats above.
// Every cell draws its own right and bottom rule (the table its left, the
// first row its top) rather than sharing collapsed borders: Chromium prints
// a collapsed border between two rows at most once at a page break, and
// sometimes not at all, so a finished row would look cut; with each cell's
// own rule, a row ends with a rule on its page exactly when it is complete,
// as in the published tables. A row that fits on a page is not split (a
// split leaves a sliver of empty cells above the break); a taller one is.
constexpr const char* kStyle = R"css(
@page { size: A4 landscape; margin: 12mm 10mm; }
* { box-sizing: border-box; }
body { margin: 0; color: #000; background: #fff; font-size: 10pt; line-height: 1.45;
  font-family: "Noto Serif CJK SC", "Source Han Serif SC", "SimSun", "Songti SC", serif; }
section.sheet { margin: 0 auto; }
section.sheet + section.sheet { break-before: page; }
h1 { text-align: center; font-size: 17pt; font-weight: bold; margin: 2mm 0 4mm; letter-spacing: 0.04em;
  font-family: "Noto Sans CJK SC", "Source Han Sans SC", "SimHei", "Heiti SC", sans-serif; }
.captions { display: flex; justify-content: space-between; margin: 0 0 1.5mm; font-size: 10.5pt; }
table { width: 100%; border-collapse: separate; border-spacing: 0; table-layout: fixed;
  border-left: 0.75pt solid #000; }
thead { display: table-header-group; }
tr { break-inside: avoid; }
th, td { border: 0 solid #000; border-width: 0 0.75pt 0.75pt 0; padding: 1mm 1.4mm; vertical-align: middle;
  overflow-wrap: anywhere; text-align: left; font-weight: normal; }
thead > tr:first-child > *, colgroup + tbody > tr:first-child > * { border-top-width: 0.75pt; }
th { text-align: center; font-weight: bold; }
tbody th { font-weight: normal; }
td.name { white-space: pre-wrap; }
tr.project td.name { padding-left: 1.2em; }
td.amount { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }
td.centered { text-align: center; }
tr.emphasis td.name { font-weight: bold; }
@media screen { body { padding: 6mm; } section.sheet { max-width: 277mm; } }
)css";

const char* class_of(CellStyle s) {
  switch (s) {
    case CellStyle::Name:
      return "name";
    case CellStyle::Amount:
      return "amount";
    case CellStyle::Centered:
      return "centered";
    default:
      return nullptr;
  }
}

void cell(std::string& out, const PrintedCell& c, bool in_head) {
  const bool th = in_head || c.style == CellStyle::Head;
  out += th ? "<th" : "<td";
  if (const char* cls = class_of(c.style)) {
    out += " class=\"";
    out += cls;
    out += '"';
  }
  if (c.column_span > 1) out += " colspan=\"" + std::to_string(c.column_span) + '"';
  if (c.row_span > 1) out += " rowspan=\"" + std::to_string(c.row_span) + '"';
  out += '>';
  if (c.paragraphs.empty()) {
    append_escaped(out, c.text);
  } else {
    for (std::size_t i = 0; i < c.paragraphs.size(); ++i) {
      if (i > 0) out += "<br>";
      append_escaped(out, c.paragraphs[i]);
    }
  }
  out += th ? "</th>" : "</td>";
}

void row(std::string& out, const PrintedRow& r, bool in_head) {
  out += "<tr";
  if (!in_head) {
    bool project = !r.cells.empty() && r.cells[0].style == CellStyle::Name && !r.emphasis;
    if (r.emphasis)
      out += " class=\"emphasis\"";
    else if (project)
      out += " class=\"project\"";
  }
  out += '>';
  for (const PrintedCell& c : r.cells) cell(out, c, in_head);
  out += "</tr>\n";
}

void table(std::string& out, const PrintedTable& t) {
  out += "<section class=\"sheet\">\n<h1>";
  append_escaped(out, t.title);
  out += "</h1>\n<div class=\"captions\"><span>";
  append_escaped(out, t.left_caption);
  out += "</span><span>";
  append_escaped(out, t.right_caption);
  out += "</span></div>\n<table>\n<colgroup>";
  const int total = std::accumulate(t.column_widths.begin(), t.column_widths.end(), 0);
  for (int w : t.column_widths) {
    const int permille = total > 0 ? w * 1000 / total : 0;
    out +=
        "<col style=\"width:" + std::to_string(permille / 10) + "." + std::to_string(permille % 10) + "%\">";
  }
  out += "</colgroup>\n";
  const std::size_t heads = static_cast<std::size_t>(t.head_rows);
  if (heads > 0) {
    out += "<thead>\n";
    for (std::size_t i = 0; i < heads && i < t.rows.size(); ++i) row(out, t.rows[i], true);
    out += "</thead>\n";
  }
  out += "<tbody>\n";
  for (std::size_t i = heads; i < t.rows.size(); ++i) row(out, t.rows[i], false);
  out += "</tbody>\n</table>\n</section>\n";
}

}  // namespace

std::string render_html(const Document& doc, TableLayout layout) {
  return render_html(std::span<const Document>(&doc, 1), layout);
}

std::string render_html(std::span<const Document> docs, TableLayout layout) {
  std::string out;
  out.reserve(4096);
  std::string title;
  if (!docs.empty()) {
    const Document& doc = docs.front();
    title = layout == TableLayout::ProjectGrid ? doc.department.value_or("") + "项目支出绩效目标表"
                                               : doc.title.value_or("项目支出绩效目标表");
  }
  std::string body;
  for (const Document& doc : docs) {
    std::vector<PrintedTable> tables = print_tables(doc, layout);
    if (&doc == &docs.front() && layout != TableLayout::ProjectGrid && !tables.empty())
      title = tables.front().title;
    for (const PrintedTable& t : tables) table(body, t);
  }
  out += "<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n<title>";
  append_escaped(out, title);
  out += "</title>\n<style>";
  out += kStyle;
  out += "</style>\n</head>\n<body>\n";
  out += body;
  out += "</body>\n</html>\n";
  return out;
}

}  // namespace jixiao
