// HTML: libxml2's forgiving HTML parser (the charset a page declares is
// honoured, so GB2312 pages read). Tables without nested tables become rows
// of their real cells (colspan once, a rowspan's covered rows as empty cells,
// per read/source.hpp); text outside them becomes lines, one per block.
#include <libxml/HTMLparser.h>
#include <libxml/tree.h>

#include <cstring>
#include <fstream>
#include <map>
#include <sstream>

#include "read/readers.hpp"
#include "read/table_source.hpp"

namespace jixiao {
namespace {

bool is(const xmlNode* n, const char* name) {
  return n->type == XML_ELEMENT_NODE && xmlStrcasecmp(n->name, reinterpret_cast<const xmlChar*>(name)) == 0;
}

bool is_block(const xmlNode* n) {
  static const char* blocks[] = {"p",  "div", "h1", "h2", "h3", "h4",      "h5",      "h6",    "li",
                                 "br", "tr",  "ul", "ol", "section", "article", "header", "footer", "caption"};
  for (const char* b : blocks) {
    if (is(n, b)) return true;
  }
  return false;
}

bool has_table_inside(const xmlNode* n) {
  for (const xmlNode* c = n->children; c; c = c->next) {
    if (is(c, "table") || (c->type == XML_ELEMENT_NODE && has_table_inside(c))) return true;
  }
  return false;
}

int int_attr(const xmlNode* n, const char* name, int fallback) {
  xmlChar* v = xmlGetProp(n, reinterpret_cast<const xmlChar*>(name));
  if (!v) return fallback;
  int x = std::atoi(reinterpret_cast<const char*>(v));
  xmlFree(v);
  return x >= 1 && x <= 1000 ? x : fallback;
}

class HtmlWalker {
 public:
  explicit HtmlWalker(const ReadLimits& limits) : limits_(limits) {}
  std::vector<TableRow> rows;
  bool too_many_cells = false;

  void walk(const xmlNode* n) {
    for (const xmlNode* c = n; c; c = c->next) {
      if (c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) {
        append_text(pending_, reinterpret_cast<const char*>(c->content));
        continue;
      }
      if (c->type != XML_ELEMENT_NODE) continue;
      if (is(c, "script") || is(c, "style") || is(c, "head") || is(c, "noscript")) continue;
      if (is(c, "table") && !has_table_inside(c)) {
        flush();
        table(c);
        continue;
      }
      const bool block = is_block(c);
      if (block) flush();
      walk(c->children);
      if (block) flush();
    }
  }
  void flush() {
    std::string text = collapse(pending_);
    pending_.clear();
    if (text.empty()) return;
    TableRow row;
    row.paragraph = true;
    row.cells.push_back(TableCell{.text = std::move(text)});
    rows.push_back(std::move(row));
  }

 private:
  const ReadLimits& limits_;
  std::string pending_;
  std::size_t cells_ = 0;

  static void append_text(std::string& out, const char* s) {
    if (s) out += s;
  }
  // HTML white space collapses to one space; U+00A0 (&nbsp;) is a space too.
  static std::string collapse(const std::string& s) {
    std::string out;
    bool space = false;
    for (std::size_t i = 0; i < s.size(); ++i) {
      unsigned char c = static_cast<unsigned char>(s[i]);
      bool ws = c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
      if (c == 0xC2 && i + 1 < s.size() && static_cast<unsigned char>(s[i + 1]) == 0xA0) {
        ws = true;
        ++i;
      }
      if (ws) {
        space = !out.empty();
        continue;
      }
      if (space) out.push_back(' ');
      space = false;
      out.push_back(static_cast<char>(c));
    }
    return out;
  }

  // A cell's text: each block inside it (paragraph, <br> line) a wrapped line.
  static void cell_lines(const xmlNode* n, std::string& line, std::string& cell) {
    for (const xmlNode* c = n; c; c = c->next) {
      if (c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) {
        append_text(line, reinterpret_cast<const char*>(c->content));
        continue;
      }
      if (c->type != XML_ELEMENT_NODE || is(c, "script") || is(c, "style")) continue;
      bool block = is_block(c);
      if (block) {
        append_cell_line(cell, collapse(line));
        line.clear();
      }
      cell_lines(c->children, line, cell);
      if (block) {
        append_cell_line(cell, collapse(line));
        line.clear();
      }
    }
  }

  void rows_of(const xmlNode* n, std::vector<const xmlNode*>& out) {
    for (const xmlNode* c = n->children; c; c = c->next) {
      if (is(c, "tr")) {
        out.push_back(c);
      } else if (is(c, "thead") || is(c, "tbody") || is(c, "tfoot")) {
        rows_of(c, out);
      }
    }
  }

  void table(const xmlNode* t) {
    for (const xmlNode* c = t->children; c; c = c->next) {
      if (is(c, "caption")) {
        std::string line, cell;
        cell_lines(c->children, line, cell);
        append_cell_line(cell, collapse(line));
        pending_ = cell;
        flush();
      }
    }
    std::vector<const xmlNode*> trs;
    rows_of(t, trs);
    // Grid columns still covered by a rowspan from above: column → rows left.
    std::map<int, int> covered;
    for (const xmlNode* tr : trs) {
      TableRow row;
      int col = 0;
      auto take_covered = [&]() {
        while (true) {
          auto it = covered.find(col);
          if (it == covered.end() || it->second <= 0) break;
          row.cells.push_back({});  // a rowspan from above: an empty cell here
          --it->second;
          ++col;
        }
      };
      for (const xmlNode* td = tr->children; td; td = td->next) {
        if (!is(td, "td") && !is(td, "th")) continue;
        if (++cells_ > limits_.max_cells) {
          too_many_cells = true;
          return;
        }
        take_covered();
        std::string line, text;
        cell_lines(td->children, line, text);
        append_cell_line(text, collapse(line));
        row.cells.push_back(TableCell{.text = std::move(text)});
        int colspan = int_attr(td, "colspan", 1), rowspan = int_attr(td, "rowspan", 1);
        if (rowspan > 1) covered[col] = rowspan - 1;
        col += colspan;
      }
      take_covered();
      // Trailing covered columns beyond the last cell.
      for (auto& [c, left] : covered) {
        if (c >= col && left > 0) {
          row.cells.push_back({});
          --left;
        }
      }
      rows.push_back(std::move(row));
    }
  }
};

}  // namespace

Source read_html(const std::string& path, const std::string& display_name, const ReadLimits& limits) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return unreadable(display_name, "html", "read.html", "cannot open the file");
  std::ostringstream ss;
  ss << in.rdbuf();
  std::string bytes = std::move(ss).str();
  if (bytes.size() > limits.max_xml_bytes)
    return unreadable(display_name, "html", "read.limit",
                      "the page is larger than " + std::to_string(limits.max_xml_bytes) + " bytes");
  htmlDocPtr doc = htmlReadMemory(bytes.data(), static_cast<int>(bytes.size()), path.c_str(), nullptr,
                                  HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING |
                                      HTML_PARSE_NONET | HTML_PARSE_COMPACT);
  if (!doc) return unreadable(display_name, "html", "read.html", "not an HTML page libxml2 can read");
  HtmlWalker walker(limits);
  walker.walk(xmlDocGetRootElement(doc));
  walker.flush();
  xmlFreeDoc(doc);
  Source src = source_from_rows(walker.rows, display_name, "html");
  if (walker.too_many_cells) {
    src.diagnostics.push_back(too_many_cells(limits.max_cells, "the rest of the page"));
  }
  return src;
}

}  // namespace jixiao
