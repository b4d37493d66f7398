// DOCX: word/document.xml through pugixml. Body paragraphs become text
// lines; each table row becomes a row of its real cells (w:tc), a cell
// spanning grid columns (w:gridSpan) once, a cell continuing a vertical
// merge (w:vMerge without "restart") as an empty cell — the convention of
// read/source.hpp, which is what Word's own text export shows.
#include <pugixml.hpp>

#include "read/readers.hpp"
#include "read/table_source.hpp"
#include "read/originals/zip_part.hpp"

namespace jixiao {
namespace {

class DocxWalker {
 public:
  explicit DocxWalker(const ReadLimits& limits) : limits_(limits) {}

  std::vector<TableRow> rows;
  bool too_many_cells = false;

  void body(const pugi::xml_node& parent) {
    for (pugi::xml_node n : parent.children()) {
      std::string_view name = local_name(n.name());
      if (name == "p") {
        std::string text = paragraph_text(n);
        TableRow row;
        row.paragraph = true;
        row.cells.push_back(TableCell{.text = std::move(text)});
        rows.push_back(std::move(row));
      } else if (name == "tbl") {
        table(n);
      } else if (name == "sdt" || name == "sdtContent" || name == "customXml" || name == "ins") {
        body(n);  // content controls and tracked insertions hold ordinary body content
      }
    }
  }

 private:
  const ReadLimits& limits_;
  std::size_t cells_ = 0;

  // The visible text of a paragraph: runs' w:t, tabs as spaces; deleted text
  // (w:delText) and field instructions are not text.
  static void collect(const pugi::xml_node& n, std::string& out) {
    for (pugi::xml_node c : n.children()) {
      std::string_view name = local_name(c.name());
      if (name == "t") {
        out += c.text().get();
      } else if (name == "tab") {
        out += ' ';
      } else if (name == "del" || name == "instrText" || name == "delText" || name == "rPr" || name == "pPr") {
        continue;
      } else if (c.type() == pugi::node_element) {
        collect(c, out);
      }
    }
  }
  static std::string paragraph_text(const pugi::xml_node& p) {
    std::string out;
    collect(p, out);
    return out;
  }

  // All paragraphs of a cell (nested tables' text included) joined as a
  // reader joins wrapped lines.
  static void cell_text(const pugi::xml_node& n, std::string& out) {
    for (pugi::xml_node c : n.children()) {
      std::string_view name = local_name(c.name());
      if (name == "p") {
        append_cell_line(out, paragraph_text(c));
      } else if (name == "tbl" || name == "tr" || name == "tc" || name == "sdt" || name == "sdtContent" ||
                 name == "customXml") {
        cell_text(c, out);
      }
    }
  }

  void table(const pugi::xml_node& tbl) {
    for (pugi::xml_node tr : tbl.children()) {
      std::string_view name = local_name(tr.name());
      if (name == "sdt" || name == "sdtContent" || name == "customXml") {
        table(tr);
        continue;
      }
      if (name != "tr") continue;
      TableRow row;
      for_cells(tr, row);
      rows.push_back(std::move(row));
    }
  }

  void for_cells(const pugi::xml_node& tr, TableRow& row) {
    for (pugi::xml_node tc : tr.children()) {
      std::string_view name = local_name(tc.name());
      if (name == "sdt" || name == "sdtContent" || name == "customXml") {
        for_cells(tc, row);
        continue;
      }
      if (name != "tc") continue;
      if (++cells_ > limits_.max_cells) {
        too_many_cells = true;
        return;
      }
      bool continues_merge = false;
      for (pugi::xml_node pr : tc.children()) {
        if (local_name(pr.name()) != "tcPr") continue;
        for (pugi::xml_node p : pr.children()) {
          if (local_name(p.name()) != "vMerge") continue;
          std::string_view val;
          for (pugi::xml_attribute a : p.attributes()) {
            if (local_name(a.name()) == "val") val = a.value();
          }
          continues_merge = val != "restart";
        }
      }
      TableCell cell;
      if (!continues_merge) cell_text(tc, cell.text);
      row.cells.push_back(std::move(cell));
    }
  }
};

}  // namespace

Source read_docx(const std::string& path, const std::string& display_name, const ReadLimits& limits) {
  std::string error;
  ZipArchive zip = open_zip(path, error);
  if (!zip) return unreadable(display_name, "docx", "read.docx", error);
  std::string xml;
  if (!read_zip_part(zip.get(), "word/document.xml", limits, xml, error))
    return unreadable(display_name, "docx", "read.docx", error);
  pugi::xml_document doc;
  pugi::xml_parse_result parsed = doc.load_buffer_inplace(xml.data(), xml.size(), pugi::parse_default);
  if (!parsed) {
    return unreadable(display_name, "docx", "read.docx",
                      std::string("word/document.xml is not well-formed XML (") + parsed.description() +
                          " at byte " + std::to_string(parsed.offset) + ")");
  }
  pugi::xml_node body;
  for (pugi::xml_node n : doc.first_child().children()) {
    if (local_name(n.name()) == "body") body = n;
  }
  if (!body) return unreadable(display_name, "docx", "read.docx", "word/document.xml has no w:body");
  DocxWalker walker(limits);
  walker.body(body);
  Source src = source_from_rows(walker.rows, display_name, "docx");
  if (walker.too_many_cells) {
    src.diagnostics.push_back(too_many_cells(limits.max_cells, "the rest of the document"));
  }
  return src;
}

}  // namespace jixiao
