// XLSX: every worksheet in workbook order, read from its sheet XML with the
// shared strings and the number formats a reader sees (a 0.00 amount keeps
// its decimals, a percentage reads as 95%). Merged ranges (mergeCells) follow
// read/source.hpp: a range spanning columns is one cell, the rows it covers
// below its first show an empty cell.
#include <pugixml.hpp>

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <set>
#include <vector>

#include "read/readers.hpp"
#include "read/table_source.hpp"
#include "read/originals/zip_part.hpp"

namespace jixiao {
namespace {

struct NumberStyle {
  bool percent = false;
  int decimals = -1;  // -1: as stored (shortest form)
};

pugi::xml_node child(const pugi::xml_node& n, std::string_view name) {
  for (pugi::xml_node c : n.children()) {
    if (local_name(c.name()) == name) return c;
  }
  return {};
}

std::string attr(const pugi::xml_node& n, std::string_view name) {
  for (pugi::xml_attribute a : n.attributes()) {
    if (local_name(a.name()) == name) return a.value();
  }
  return {};
}

// Inline and shared strings: plain <t> or rich-text runs <r><t>.
std::string string_item(const pugi::xml_node& si) {
  std::string out;
  for (pugi::xml_node c : si.children()) {
    std::string_view name = local_name(c.name());
    if (name == "t") out += c.text().get();
    if (name == "r") out += child(c, "t").text().get();
  }
  return out;
}

NumberStyle style_of_format(const std::string& code) {
  NumberStyle s;
  s.percent = code.find('%') != std::string::npos;
  std::size_t dot = code.find('.');
  if (dot != std::string::npos) {
    int d = 0;
    while (dot + 1 + d < code.size() && (code[dot + 1 + d] == '0' || code[dot + 1 + d] == '#')) ++d;
    s.decimals = d;
  } else if (code.find('0') != std::string::npos) {
    s.decimals = 0;
  }
  return s;
}

std::vector<NumberStyle> read_styles(const std::string& xml) {
  std::vector<NumberStyle> styles;
  pugi::xml_document doc;
  if (!doc.load_buffer(xml.data(), xml.size())) return styles;
  std::map<int, NumberStyle> formats = {{2, {false, 2}}, {4, {false, 2}}, {9, {true, 0}}, {10, {true, 2}},
                                        {1, {false, 0}}, {3, {false, 0}}};
  pugi::xml_node root = doc.first_child();
  for (pugi::xml_node f : child(root, "numFmts").children()) {
    formats[std::atoi(attr(f, "numFmtId").c_str())] = style_of_format(attr(f, "formatCode"));
  }
  for (pugi::xml_node xf : child(root, "cellXfs").children()) {
    int id = std::atoi(attr(xf, "numFmtId").c_str());
    auto it = formats.find(id);
    styles.push_back(it == formats.end() ? NumberStyle{} : it->second);
  }
  return styles;
}

// A stored number as the sheet displays it. Excel stores binary doubles
// ("1300.1600000000001"); showing them with the format's decimals, or with
// 15 significant digits, gives back what was typed.
std::string display_number(const std::string& raw, const NumberStyle& style) {
  char* end = nullptr;
  double v = std::strtod(raw.c_str(), &end);
  if (end == raw.c_str() || !std::isfinite(v)) return raw;
  char buf[64];
  if (style.percent) v *= 100;
  if (style.decimals >= 0) {
    std::snprintf(buf, sizeof buf, "%.*f", style.decimals, v);
  } else {
    std::snprintf(buf, sizeof buf, "%.15g", v);
  }
  std::string s = buf;
  if (style.percent) s += "%";
  return s;
}

// "AB12" → column 27 (0-based), row 11 (0-based).
bool cell_ref(std::string_view ref, int* col, int* row) {
  int c = 0;
  std::size_t i = 0;
  while (i < ref.size() && ref[i] >= 'A' && ref[i] <= 'Z') c = c * 26 + (ref[i++] - 'A' + 1);
  if (i == 0 || i == ref.size() || c > 16384) return false;
  long r = std::strtol(std::string(ref.substr(i)).c_str(), nullptr, 10);
  if (r <= 0 || r > 1048576) return false;
  *col = c - 1;
  *row = static_cast<int>(r - 1);
  return true;
}

struct Merge {
  int r0, c0, r1, c1;
};

// sheet relationship targets in workbook order
std::vector<std::string> sheet_parts(zip_t* zip, const ReadLimits& limits, std::string& error) {
  std::vector<std::string> parts;
  std::string wb, rels;
  if (!read_zip_part(zip, "xl/workbook.xml", limits, wb, error)) return parts;
  if (!read_zip_part(zip, "xl/_rels/workbook.xml.rels", limits, rels, error)) return parts;
  pugi::xml_document wdoc, rdoc;
  if (!wdoc.load_buffer(wb.data(), wb.size()) || !rdoc.load_buffer(rels.data(), rels.size())) {
    error = "xl/workbook.xml or its relationships are not well-formed XML";
    return parts;
  }
  std::map<std::string, std::string> targets;
  for (pugi::xml_node r : rdoc.first_child().children()) targets[attr(r, "Id")] = attr(r, "Target");
  for (pugi::xml_node s : child(wdoc.first_child(), "sheets").children()) {
    if (attr(s, "state") == "hidden" || attr(s, "state") == "veryHidden") continue;
    auto it = targets.find(attr(s, "id"));
    if (it == targets.end()) continue;
    std::string t = it->second;
    if (t.rfind("/", 0) == 0) {
      t = t.substr(1);
    } else if (t.rfind("xl/", 0) != 0) {
      t = "xl/" + t;
    }
    parts.push_back(t);
  }
  return parts;
}

}  // namespace

Source read_xlsx(const std::string& path, const std::string& display_name, const ReadLimits& limits) {
  std::string error;
  ZipArchive zip = open_zip(path, error);
  if (!zip) return unreadable(display_name, "xlsx", "read.xlsx", error);
  std::vector<std::string> parts = sheet_parts(zip.get(), limits, error);
  if (parts.empty()) {
    return unreadable(display_name, "xlsx", "read.xlsx",
                      error.empty() ? "the workbook lists no visible worksheet" : error);
  }
  std::vector<std::string> shared;
  std::string xml;
  if (zip_name_locate(zip.get(), "xl/sharedStrings.xml", 0) >= 0) {
    if (!read_zip_part(zip.get(), "xl/sharedStrings.xml", limits, xml, error))
      return unreadable(display_name, "xlsx", "read.xlsx", error);
    pugi::xml_document sdoc;
    if (!sdoc.load_buffer_inplace(xml.data(), xml.size()))
      return unreadable(display_name, "xlsx", "read.xlsx", "xl/sharedStrings.xml is not well-formed XML");
    for (pugi::xml_node si : sdoc.first_child().children()) {
      if (local_name(si.name()) == "si") shared.push_back(string_item(si));
    }
  }
  std::vector<NumberStyle> styles;
  if (zip_name_locate(zip.get(), "xl/styles.xml", 0) >= 0 &&
      read_zip_part(zip.get(), "xl/styles.xml", limits, xml, error)) {
    styles = read_styles(xml);
  }

  std::vector<TableRow> rows;
  std::vector<Diagnostic> diags;
  std::size_t cells_seen = 0;
  for (const std::string& part : parts) {
    if (!read_zip_part(zip.get(), part, limits, xml, error))
      return unreadable(display_name, "xlsx", "read.xlsx", error);
    pugi::xml_document sheet;
    if (!sheet.load_buffer_inplace(xml.data(), xml.size()))
      return unreadable(display_name, "xlsx", "read.xlsx", part + " is not well-formed XML");
    pugi::xml_node ws = sheet.first_child();
    std::vector<Merge> merges;
    for (pugi::xml_node m : child(ws, "mergeCells").children()) {
      std::string ref = attr(m, "ref");
      std::size_t colon = ref.find(':');
      Merge mg{};
      if (colon == std::string::npos || !cell_ref(ref.substr(0, colon), &mg.c0, &mg.r0) ||
          !cell_ref(ref.substr(colon + 1), &mg.c1, &mg.r1))
        continue;
      merges.push_back(mg);
    }
    // (row, col) → text, only cells with a value; the used width decides how
    // many cells every row has, so empty cells keep their column.
    std::map<int, std::map<int, std::string>> grid;
    int max_col = -1;
    for (pugi::xml_node r : child(ws, "sheetData").children()) {
      if (local_name(r.name()) != "row") continue;
      int next_col = 0;
      int row_index = std::atoi(attr(r, "r").c_str()) - 1;
      for (pugi::xml_node c : r.children()) {
        if (local_name(c.name()) != "c") continue;
        if (++cells_seen > limits.max_cells) {
          diags.push_back(too_many_cells(limits.max_cells, "the rest of the workbook"));
          goto done;
        }
        int col = next_col, row = row_index;
        std::string ref = attr(c, "r");
        if (!ref.empty()) cell_ref(ref, &col, &row);
        if (row < 0) continue;
        next_col = col + 1;
        std::string type = attr(c, "t");
        std::string text;
        if (type == "s") {
          std::size_t k = static_cast<std::size_t>(std::atol(child(c, "v").text().get()));
          if (k < shared.size()) text = shared[k];
        } else if (type == "inlineStr") {
          text = string_item(child(c, "is"));
        } else if (type == "str" || type == "e") {
          text = child(c, "v").text().get();
        } else if (type == "b") {
          text = std::string(child(c, "v").text().get()) == "1" ? "TRUE" : "FALSE";
        } else {
          std::string raw = child(c, "v").text().get();
          if (raw.empty()) continue;
          std::size_t s = static_cast<std::size_t>(std::atol(attr(c, "s").c_str()));
          text = display_number(raw, s < styles.size() ? styles[s] : NumberStyle{});
        }
        if (text.empty()) continue;
        grid[row][col] = std::move(text);
        max_col = std::max(max_col, col);
      }
    }
    for (const Merge& m : merges) max_col = std::max(max_col, std::min(m.c1, 16383));
    {
      // Which cells a merge hides: those right of its first column are not
      // cells at all; those below its first row are empty cells.
      std::set<std::pair<int, int>> hidden, emptied;
      int last_row = grid.empty() ? -1 : grid.rbegin()->first;
      for (const Merge& m : merges) {
        for (int r = m.r0; r <= std::min(m.r1, last_row); ++r) {
          for (int c = m.c0; c <= m.c1 && c <= max_col; ++c) {
            if (r == m.r0 && c == m.c0) continue;
            if (c > m.c0) {
              hidden.insert({r, c});
            } else {
              emptied.insert({r, c});
            }
          }
        }
      }
      for (auto& [r, cols] : grid) {
        TableRow row;
        for (int c = 0; c <= max_col; ++c) {
          if (hidden.count({r, c})) continue;
          TableCell cell;
          if (!emptied.count({r, c})) {
            auto it = cols.find(c);
            if (it != cols.end()) cell.text = std::move(it->second);
          }
          row.cells.push_back(std::move(cell));
        }
        std::size_t filled = 0;
        for (const TableCell& cell : row.cells) filled += !cell.text.empty();
        if (filled == 0) continue;
        // One cell across the whole width (a merged title or note line) is
        // a line of text, as a heading above a Word or PDF table is.
        row.paragraph = row.cells.size() == 1 && max_col > 0;
        rows.push_back(std::move(row));
      }
    }
  }
done:
  Source src = source_from_rows(rows, display_name, "xlsx");
  src.diagnostics.insert(src.diagnostics.end(), diags.begin(), diags.end());
  return src;
}

}  // namespace jixiao
