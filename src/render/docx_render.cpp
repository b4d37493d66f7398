#include "render/docx_render.hpp"

#include <zip.h>

#include <numeric>
#include <utility>
#include <vector>

#include "render/markup.hpp"

namespace jixiao {
namespace {

constexpr int kTextWidth = 16838 - 2 * 1021;  // A4 landscape less 18 mm margins, in twips

constexpr const char* kContentTypes =
    R"(<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">)"
    R"(<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>)"
    R"(<Default Extension="xml" ContentType="application/xml"/>)"
    R"(<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>)"
    R"(<Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>)"
    R"(</Types>)";

constexpr const char* kPackageRels =
    R"(<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">)"
    R"(<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>)"
    R"(</Relationships>)";

constexpr const char* kDocumentRels =
    R"(<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">)"
    R"(<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>)"
    R"(</Relationships>)";

// 宋体 10.5 pt (五号), as government Word templates set it.
constexpr const char* kStyles =
    R"(<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">)"
    R"(<w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii="Times New Roman" w:hAnsi="Times New Roman" w:eastAsia="宋体" w:cs="Times New Roman"/>)"
    R"(<w:sz w:val="21"/><w:szCs w:val="21"/><w:lang w:val="en-US" w:eastAsia="zh-CN"/></w:rPr></w:rPrDefault>)"
    R"(<w:pPrDefault><w:pPr><w:spacing w:after="0" w:line="240" w:lineRule="auto"/></w:pPr></w:pPrDefault></w:docDefaults>)"
    R"(</w:styles>)";

void run(std::string& out, std::string_view text, bool bold = false, int half_points = 0, bool heiti = false) {
  out += "<w:r>";
  if (bold || half_points > 0 || heiti) {
    out += "<w:rPr>";
    if (heiti) out += R"(<w:rFonts w:eastAsia="黑体"/>)";
    if (bold) out += "<w:b/>";
    if (half_points > 0) {
      out += "<w:sz w:val=\"" + std::to_string(half_points) + "\"/><w:szCs w:val=\"" +
             std::to_string(half_points) + "\"/>";
    }
    out += "</w:rPr>";
  }
  out += R"(<w:t xml:space="preserve">)";
  append_escaped(out, text);
  out += "</w:t></w:r>";
}

void paragraph(std::string& out, std::string_view text, const char* justify, bool bold) {
  out += "<w:p>";
  if (justify) out += std::string("<w:pPr><w:jc w:val=\"") + justify + "\"/></w:pPr>";
  if (!text.empty()) run(out, text, bold);
  out += "</w:p>";
}

const char* justify_of(CellStyle s) {
  switch (s) {
    case CellStyle::Head:
    case CellStyle::Centered: return "center";
    case CellStyle::Amount: return "right";
    default: return nullptr;
  }
}

void cell_properties(std::string& out, int width, int span, const char* vmerge) {
  out += "<w:tcPr><w:tcW w:w=\"" + std::to_string(width) + "\" w:type=\"dxa\"/>";
  if (span > 1) out += "<w:gridSpan w:val=\"" + std::to_string(span) + "\"/>";
  if (vmerge) out += vmerge;
  out += "<w:vAlign w:val=\"center\"/></w:tcPr>";
}

void table(std::string& out, const PrintedTable& t) {
  paragraph(out, "", nullptr, false);
  out += "<w:p><w:pPr><w:jc w:val=\"center\"/><w:spacing w:after=\"120\"/></w:pPr>";
  run(out, t.title, true, 32, true);
  out += "</w:p>";
  out += "<w:p><w:pPr><w:tabs><w:tab w:val=\"right\" w:pos=\"" + std::to_string(kTextWidth) +
         "\"/></w:tabs><w:spacing w:after=\"60\"/></w:pPr>";
  run(out, t.left_caption);
  out += "<w:r><w:tab/></w:r>";
  run(out, t.right_caption);
  out += "</w:p>";

  const int total = std::max(1, std::accumulate(t.column_widths.begin(), t.column_widths.end(), 0));
  std::vector<int> twips;
  for (int w : t.column_widths) twips.push_back(kTextWidth * w / total);
  auto width_of = [&](int column, int span) {
    int w = 0;
    for (int k = column; k < column + span && k < static_cast<int>(twips.size()); ++k) w += twips[k];
    return w;
  };

  out += "<w:tbl><w:tblPr><w:tblW w:w=\"" + std::to_string(kTextWidth) + "\" w:type=\"dxa\"/><w:jc w:val=\"center\"/>";
  out += "<w:tblBorders>";
  for (const char* side : {"top", "left", "bottom", "right", "insideH", "insideV"}) {
    out += std::string("<w:") + side + " w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"000000\"/>";
  }
  out += "</w:tblBorders><w:tblLayout w:type=\"fixed\"/>";
  out += "<w:tblCellMar><w:left w:w=\"85\" w:type=\"dxa\"/><w:right w:w=\"85\" w:type=\"dxa\"/></w:tblCellMar>";
  out += "</w:tblPr><w:tblGrid>";
  for (int w : twips) out += "<w:gridCol w:w=\"" + std::to_string(w) + "\"/>";
  out += "</w:tblGrid>";

  const auto cover = cover_map(t);
  const int columns = static_cast<int>(twips.size());
  for (std::size_t r = 0; r < t.rows.size(); ++r) {
    const PrintedRow& row = t.rows[r];
    out += "<w:tr>";
    if (static_cast<int>(r) < t.head_rows) out += "<w:trPr><w:tblHeader/></w:trPr>";
    for (int c = 0; c < columns;) {
      const CellRef ref = cover[r][static_cast<std::size_t>(c)];
      if (ref.row < 0) {  // a hole in the layout: keep the grid whole
        out += "<w:tc>";
        cell_properties(out, twips[static_cast<std::size_t>(c)], 1, nullptr);
        out += "<w:p/></w:tc>";
        ++c;
        continue;
      }
      const PrintedCell& cell = t.rows[static_cast<std::size_t>(ref.row)].cells[static_cast<std::size_t>(ref.index)];
      const bool starts_here = ref.row == static_cast<int>(r);
      const char* vmerge = nullptr;
      if (cell.row_span > 1) vmerge = starts_here ? "<w:vMerge w:val=\"restart\"/>" : "<w:vMerge/>";
      out += "<w:tc>";
      cell_properties(out, width_of(cell.column, cell.column_span), cell.column_span, vmerge);
      if (!starts_here) {
        out += "<w:p/>";
      } else {
        const bool bold = cell.style == CellStyle::Head || (row.emphasis && cell.style == CellStyle::Name);
        const char* jc = justify_of(cell.style);
        if (cell.paragraphs.empty()) {
          paragraph(out, cell.text, jc, bold);
        } else {
          for (const std::string& p : cell.paragraphs) paragraph(out, p, jc, bold);
        }
      }
      out += "</w:tc>";
      c = cell.column + cell.column_span;
    }
    out += "</w:tr>";
  }
  out += "</w:tbl>";
}

}  // namespace

std::string docx_document_xml(const Document& doc, TableLayout layout) {
  std::string out;
  out += R"(<?xml version="1.0" encoding="UTF-8" standalone="yes"?>)"
         "\n"
         R"(<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>)";
  for (const PrintedTable& t : print_tables(doc, layout)) table(out, t);
  // A body must not end with a table, and the section sets the page.
  out += "<w:p/><w:sectPr><w:pgSz w:w=\"16838\" w:h=\"11906\" w:orient=\"landscape\"/>"
         "<w:pgMar w:top=\"1021\" w:right=\"1021\" w:bottom=\"1021\" w:left=\"1021\" w:header=\"567\" "
         "w:footer=\"567\" w:gutter=\"0\"/></w:sectPr></w:body></w:document>";
  return out;
}

std::string write_docx(const Document& doc, TableLayout layout, const std::string& path) {
  // libzip reads the buffers at zip_close, so they live until then.
  const std::vector<std::pair<const char*, std::string>> parts = {
      {"[Content_Types].xml", kContentTypes},
      {"_rels/.rels", kPackageRels},
      {"word/_rels/document.xml.rels", kDocumentRels},
      {"word/styles.xml", kStyles},
      {"word/document.xml", docx_document_xml(doc, layout)},
  };
  int error_code = 0;
  zip_t* zip = zip_open(path.c_str(), ZIP_CREATE | ZIP_TRUNCATE, &error_code);
  if (!zip) {
    zip_error_t error;
    zip_error_init_with_code(&error, error_code);
    std::string message = "cannot create " + path + ": " + zip_error_strerror(&error);
    zip_error_fini(&error);
    return message;
  }
  for (const auto& [name, data] : parts) {
    zip_source_t* source = zip_source_buffer(zip, data.data(), data.size(), 0);
    if (!source || zip_file_add(zip, name, source, ZIP_FL_ENC_UTF_8 | ZIP_FL_OVERWRITE) < 0) {
      if (source) zip_source_free(source);
      std::string message = "cannot add " + std::string(name) + " to " + path + ": " + zip_strerror(zip);
      zip_discard(zip);
      return message;
    }
  }
  if (zip_close(zip) < 0) {
    std::string message = "cannot write " + path + ": " + zip_strerror(zip);
    zip_discard(zip);
    return message;
  }
  return "";
}

}  // namespace jixiao
