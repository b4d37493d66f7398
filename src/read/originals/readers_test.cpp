// The format readers: detection by content, the cell convention each
// structured reader follows (spans, merges, number formats), bounded
// handling of hostile files, and the committed originals (tests/originals,
// made by scripts/make_originals.sh) scored against their gold readings.
#include <gtest/gtest.h>
#include <sys/resource.h>
#include <zip.h>

#include <chrono>
#include <filesystem>
#include <fstream>

#include "read/detect.hpp"
#include "read/originals/page_layout.hpp"
#include "read/readers.hpp"
#include "recognise/parse_file.hpp"
#include "test_support.hpp"

namespace jixiao::testing {
namespace {

namespace fs = std::filesystem;

// One scratch folder per test process, removed when the process ends (each
// run used to leave its files, a 1,000-page PDF among them, behind in /tmp).
fs::path temp_dir() {
  struct Scratch {
    fs::path dir = fs::temp_directory_path() / ("jixiao_readers_" + std::to_string(::getpid()));
    Scratch() { fs::create_directories(dir); }
    ~Scratch() {
      std::error_code ignored;
      fs::remove_all(dir, ignored);
    }
  };
  static const Scratch scratch;
  return scratch.dir;
}

fs::path write_file(const std::string& name, const std::string& bytes) {
  fs::path p = temp_dir() / name;
  std::ofstream(p, std::ios::binary) << bytes;
  return p;
}

// A ZIP package from (part name, content) pairs, written with libzip.
fs::path write_zip(const std::string& name, const std::vector<std::pair<std::string, std::string>>& parts) {
  fs::path p = temp_dir() / name;
  fs::remove(p);
  int err = 0;
  zip_t* z = zip_open(p.c_str(), ZIP_CREATE | ZIP_TRUNCATE, &err);
  EXPECT_NE(z, nullptr);
  for (const auto& [part, content] : parts) {
    zip_source_t* src = zip_source_buffer(z, content.data(), content.size(), 0);
    zip_file_add(z, part.c_str(), src, ZIP_FL_OVERWRITE);
  }
  EXPECT_EQ(zip_close(z), 0);
  return p;
}

// A PDF written by hand: `pages` pages of Helvetica text, with an optional
// extra trailer entry (an /Encrypt dictionary). Offsets are computed, so
// poppler reads it without repairing.
std::string make_pdf(int pages, const std::function<std::string(int)>& text, const std::string& encrypt = {}) {
  std::vector<std::string> objects;
  objects.push_back("<< /Type /Catalog /Pages 2 0 R >>");
  std::string kids;
  for (int p = 0; p < pages; ++p) kids += std::to_string(4 + 2 * p) + " 0 R ";
  objects.push_back("<< /Type /Pages /Kids [" + kids + "] /Count " + std::to_string(pages) + " >>");
  objects.push_back("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>");
  for (int p = 0; p < pages; ++p) {
    objects.push_back("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 3 0 R >> >> "
                      "/Contents " + std::to_string(5 + 2 * p) + " 0 R >>");
    std::string stream = "BT /F1 12 Tf 72 760 Td (" + text(p + 1) + ") Tj ET";
    objects.push_back("<< /Length " + std::to_string(stream.size()) + " >>\nstream\n" + stream + "\nendstream");
  }
  if (!encrypt.empty()) objects.push_back(encrypt);
  std::string out = "%PDF-1.4\n";
  std::vector<std::size_t> offsets;
  for (std::size_t k = 0; k < objects.size(); ++k) {
    offsets.push_back(out.size());
    out += std::to_string(k + 1) + " 0 obj\n" + objects[k] + "\nendobj\n";
  }
  const std::size_t xref = out.size();
  out += "xref\n0 " + std::to_string(objects.size() + 1) + "\n0000000000 65535 f \n";
  char buf[32];
  for (std::size_t off : offsets) {
    std::snprintf(buf, sizeof buf, "%010zu 00000 n \n", off);
    out += buf;
  }
  out += "trailer\n<< /Size " + std::to_string(objects.size() + 1) + " /Root 1 0 R";
  if (!encrypt.empty()) {
    out += " /Encrypt " + std::to_string(objects.size()) + " 0 R /ID [<0123456789abcdef0123456789abcdef> "
           "<0123456789abcdef0123456789abcdef>]";
  }
  out += " >>\nstartxref\n" + std::to_string(xref) + "\n%%EOF\n";
  return out;
}

struct Parsed {
  ParseFileResult result;
  std::vector<Document> docs;
};

Parsed parse(const fs::path& p) {
  Parsed out;
  out.result = parse_file(p.string(), [&](Document&& d) { out.docs.push_back(std::move(d)); });
  return out;
}

bool has_code(const Document& d, const std::string& code) {
  for (const Diagnostic& x : d.diagnostics) {
    if (x.code == code) return true;
  }
  return false;
}

const std::string kW = R"(xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main")";

TEST(ReadDetect, TellsFormatsByContentNotName) {
  auto docx = write_zip("really_a_docx.pdf", {{"word/document.xml", "<w:document " + kW + "/>"}});
  auto xlsx = write_zip("book.bin", {{"xl/workbook.xml", "<workbook/>"}});
  auto other_zip = write_zip("archive.docx", {{"readme.txt", "hello"}});
  std::string ole(512, '\0');
  ole.replace(0, 8, "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8);
  std::string word_stream = std::string("W\0o\0r\0d\0D\0o\0c\0u\0m\0e\0n\0t\0", 24);
  auto doc = write_file("old.xls", ole + word_stream);
  struct Case {
    fs::path path;
    FileFormat expected;
  } cases[] = {
      {write_file("a.txt", "%PDF-1.7\n..."), FileFormat::Pdf},
      {docx, FileFormat::Docx},
      {xlsx, FileFormat::Xlsx},
      {other_zip, FileFormat::Unknown},
      {doc, FileFormat::Doc},
      {write_file("table.xls", "  <!DOCTYPE html><html><body><table></table>"), FileFormat::Html},
      {write_file("upper.txt", "\xEF\xBB\xBF\r\n\t<TaBlE><tr><td>1</td></tr></table>"), FileFormat::Html},
      {write_file("prolog.txt", "<?XML version='1.0'?>\n<!-- x -->\n<HTML><body></body></HTML>"),
       FileFormat::Html},
      {write_file("comment.txt", "<!-- export -->\n<Table></Table>"), FileFormat::Html},
      {write_file("notes.txt", "<?xml version='1.0'?>\n<root>项目名称</root>"), FileFormat::Text},
      {write_file("short.txt", "<tab"), FileFormat::Text},
      {write_file("heads.txt", "HTML 项目名称\t总计\n"), FileFormat::Text},
      {write_file("scan.pdf", "\x89PNG\r\n\x1a\n....."), FileFormat::Image},
      {write_file("t.docx", "项目名称\t总计\n"), FileFormat::Text},
      {write_file("x.txt", "\x1f\x8b\x08\0\0\0"), FileFormat::Unknown},
  };
  for (const Case& c : cases) {
    std::ifstream in(c.path, std::ios::binary);
    char head[4096];
    in.read(head, sizeof head);
    EXPECT_EQ(detect_format(std::string_view(head, static_cast<std::size_t>(in.gcount())), c.path.string()),
              c.expected)
        << c.path;
  }
}

TEST(ReadDocx, RealCellsWithSpansAndVerticalMerges) {
  auto cell = [](const std::string& text, const std::string& pr = "") {
    return "<w:tc><w:tcPr>" + pr + "</w:tcPr><w:p><w:r><w:t>" + text + "</w:t></w:r></w:p></w:tc>";
  };
  std::string body = "<w:p><w:r><w:t>标题</w:t></w:r></w:p><w:tbl>"
                     "<w:tr>" + cell("一级指标", "<w:vMerge w:val=\"restart\"/>") + cell("名称", "<w:gridSpan w:val=\"2\"/>") +
                     cell("值") + "</w:tr>"
                     "<w:tr>" + cell("", "<w:vMerge/>") + cell("a") + cell("b") + cell("1") + "</w:tr>"
                     "<w:tr><w:tc><w:p><w:r><w:t>两段</w:t></w:r></w:p><w:p><w:r><w:t>文字</w:t></w:r></w:p></w:tc></w:tr>"
                     "</w:tbl>";
  auto p = write_zip("cells.docx", {{"word/document.xml", "<w:document " + kW + "><w:body>" + body + "</w:body></w:document>"}});
  Source src = read_docx(p.string(), "cells.docx");
  ASSERT_TRUE(src.readable);
  std::vector<const Line*> rows;
  for (const Line& l : src.lines) {
    if (!l.cells.empty()) rows.push_back(&l);
  }
  ASSERT_EQ(rows.size(), 3u);
  ASSERT_EQ(rows[0]->cells.size(), 3u);  // the spanning cell once
  EXPECT_EQ(rows[0]->cells[1].text, "名称");
  ASSERT_EQ(rows[1]->cells.size(), 4u);
  EXPECT_EQ(rows[1]->cells[0].text, "");  // covered by the merge from above
  EXPECT_EQ(rows[1]->cells[3].text, "1");
  ASSERT_EQ(rows[2]->cells.size(), 2u);  // a one-cell row: "\tcell"
  EXPECT_EQ(rows[2]->cells[1].text, "两段文字");
  EXPECT_EQ(src.lines.front().text, "标题");
}

TEST(ReadXlsx, SharedStringsMergesAndNumberFormats) {
  const std::string ns = R"(xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships")";
  auto p = write_zip(
      "book.xlsx",
      {{"xl/workbook.xml", "<workbook " + ns + "><sheets><sheet name=\"s\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>"},
       {"xl/_rels/workbook.xml.rels",
        R"(<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="x" Target="worksheets/sheet1.xml"/></Relationships>)"},
       {"xl/sharedStrings.xml", "<sst " + ns + "><si><t>标题</t></si><si><r><t>项目</t></r><r><t>名称</t></r></si></sst>"},
       {"xl/styles.xml", "<styleSheet " + ns +
                             R"(><numFmts><numFmt numFmtId="164" formatCode="#,##0.00"/></numFmts><cellXfs><xf numFmtId="0"/><xf numFmtId="164"/><xf numFmtId="9"/></cellXfs></styleSheet>)"},
       {"xl/worksheets/sheet1.xml",
        "<worksheet " + ns +
            R"(><sheetData><row r="1"><c r="A1" t="s"><v>0</v></c></row><row r="2"><c r="A2" t="s"><v>1</v></c><c r="B2" s="1"><v>375</v></c><c r="C2" s="1"><v>1300.1600000000001</v></c><c r="D2" s="2"><v>0.95</v></c></row><row r="3"><c r="B3" t="inlineStr"><is><t>下</t></is></c></row></sheetData><mergeCells><mergeCell ref="A1:D1"/><mergeCell ref="A2:A3"/></mergeCells></worksheet>)"}});
  Source src = read_xlsx(p.string(), "book.xlsx");
  ASSERT_TRUE(src.readable) << (src.diagnostics.empty() ? "" : src.diagnostics[0].message);
  std::vector<const Line*> lines;
  for (const Line& l : src.lines) {
    if (!l.blank() || !l.cells.empty()) lines.push_back(&l);
  }
  ASSERT_EQ(lines.size(), 3u);
  EXPECT_EQ(lines[0]->text, "标题");  // a merge across the whole width is a heading line
  EXPECT_TRUE(lines[0]->cells.empty());
  ASSERT_EQ(lines[1]->cells.size(), 4u);
  EXPECT_EQ(lines[1]->cells[0].text, "项目名称");
  EXPECT_EQ(lines[1]->cells[1].text, "375.00");
  EXPECT_EQ(lines[1]->cells[2].text, "1300.16");
  EXPECT_EQ(lines[1]->cells[3].text, "95%");
  ASSERT_EQ(lines[2]->cells.size(), 4u);
  EXPECT_EQ(lines[2]->cells[0].text, "");  // covered by A2:A3
  EXPECT_EQ(lines[2]->cells[1].text, "下");
}

TEST(ReadHtml, RowspanAndColspanFollowTheCellConvention) {
  auto p = write_file("t.html",
                      "<html><head><meta charset='utf-8'><style>td{}</style></head><body><h1>标题</h1>"
                      "<table><tr><td rowspan=2>产出指标</td><td colspan=2>名称&nbsp;一</td><td>值</td></tr>"
                      "<tr><td>a</td><td>乙<br>丙</td><td>1</td></tr></table></body></html>");
  Source src = read_html(p.string(), "t.html");
  std::vector<const Line*> rows;
  for (const Line& l : src.lines) {
    if (!l.cells.empty()) rows.push_back(&l);
  }
  ASSERT_EQ(rows.size(), 2u);
  ASSERT_EQ(rows[0]->cells.size(), 3u);
  EXPECT_EQ(rows[0]->cells[1].text, "名称 一");
  ASSERT_EQ(rows[1]->cells.size(), 4u);
  EXPECT_EQ(rows[1]->cells[0].text, "");
  EXPECT_EQ(rows[1]->cells[2].text, "乙丙");  // a line break inside CJK text is no space
  EXPECT_EQ(src.lines.front().text, "标题");
}

TEST(ReadBadFiles, ClearErrorsNeverCrashes) {
  struct Case {
    fs::path path;
    std::string expect;  // in the file error or in a diagnostic code
  } cases[] = {
      {write_file("corrupt.pdf", "%PDF-1.4\n1 0 obj << /Type /Catalog >> garbage \x01\x02\x03"), "PDF"},
      {write_file("zero_pages.pdf", make_pdf(0, [](int) { return ""; })), "no pages"},
      {write_file("encrypted.pdf",
                  make_pdf(1, [](int) { return "secret"; },
                           "<< /Filter /Standard /V 1 /R 2 /Length 40 /P -4 /O <" + std::string(64, 'a') + "> /U <" +
                               std::string(64, 'b') + "> >>")),
       "encrypted"},
      {write_file("old.doc", std::string("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8) + std::string(504, '\0') +
                                 std::string("W\0o\0r\0d\0D\0o\0c\0u\0m\0e\0n\0t\0", 24)),
       "--convert-to docx"},
      {write_zip("broken.docx", {{"word/document.xml", "<w:document><w:body><w:p>"}}), "well-formed"},
      {write_zip("nobody.xlsx", {{"xl/workbook.xml", "<workbook/>"}}), "xl/_rels/workbook.xml.rels"},
      {write_file("bad.png", "\x89PNG\r\n\x1a\n not really"), "decoded"},
  };
  for (const Case& c : cases) {
    Parsed r = parse(c.path);
    std::string all = r.result.error;
    for (const Document& d : r.docs) {
      for (const Diagnostic& x : d.diagnostics) all += " " + x.code + " " + x.message;
    }
    EXPECT_NE(all.find(c.expect), std::string::npos) << c.path << ": " << all;
    const bool failed = !r.result.ok() || (!r.docs.empty() && has_errors(r.docs.front()));
    EXPECT_TRUE(failed) << c.path;
  }
}

TEST(ReadBadFiles, ZipBombsAreRefusedBeforeInflating) {
  std::string zeros(8u << 20, ' ');  // 8 MB of spaces compress about 1000:1
  auto p = write_zip("bomb.docx", {{"word/document.xml", zeros}});
  ReadLimits limits;
  limits.max_xml_bytes = 4u << 20;
  Source small = read_docx(p.string(), "bomb.docx", limits);
  EXPECT_FALSE(small.readable);
  ASSERT_FALSE(small.diagnostics.empty());
  EXPECT_NE(small.diagnostics[0].message.find("refused"), std::string::npos) << small.diagnostics[0].message;
  // Under the size limit the ratio still gives it away.
  Source ratio = read_docx(p.string(), "bomb.docx");
  EXPECT_FALSE(ratio.readable);
  EXPECT_NE(ratio.diagnostics[0].message.find("ZIP bomb"), std::string::npos) << ratio.diagnostics[0].message;
  auto x = write_zip("bomb.xlsx", {{"xl/workbook.xml", "<workbook/>"}, {"xl/_rels/workbook.xml.rels", zeros}});
  Source xs = read_xlsx(x.string(), "bomb.xlsx", limits);
  EXPECT_FALSE(xs.readable);
}

TEST(ReadBadFiles, AThousandPagePdfWithoutATableIsReadInBoundedMemory) {
  auto p = write_file("long.pdf", make_pdf(1000, [](int n) { return "Annual report, page " + std::to_string(n); }));
  rusage before{};
  getrusage(RUSAGE_SELF, &before);
  const auto start = std::chrono::steady_clock::now();
  Parsed r = parse(p);
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  rusage after{};
  getrusage(RUSAGE_SELF, &after);
  ASSERT_TRUE(r.result.ok()) << r.result.error;
  ASSERT_EQ(r.docs.size(), 1u);
  EXPECT_TRUE(has_code(r.docs[0], "layout.unknown"));  // text, but no table: said so
  EXPECT_LT(after.ru_maxrss - before.ru_maxrss, 200 * 1024) << "KiB more resident memory";
  EXPECT_LT(seconds, 30);
}

// Every committed original whose name starts with a seed's stem reads to
// that seed's gold; the one-project grid PDF to its own gold.
TEST(ReadOriginals, CommittedOriginalsReadToTheirGold) {
  auto all = seeds();
  int scored = 0;
  for (const auto& entry : fs::directory_iterator(test_data() / "originals")) {
    const fs::path& p = entry.path();
    const std::string name = p.filename().string();
    if (p.extension() == ".json" || name.find(".scan.") != std::string::npos) continue;
    nlohmann::json gold;
    for (const Seed& s : all) {
      if (name.rfind(s.stem, 0) == 0) gold = s.gold;
    }
    if (name.rfind("grid_one_project", 0) == 0)
      gold = nlohmann::json::parse(slurp(test_data() / "originals" / "grid_one_project.gold.json"));
    if (gold.is_null()) continue;
    Parsed r = parse(p);
    ASSERT_TRUE(r.result.ok()) << name << ": " << r.result.error;
    ASSERT_EQ(r.docs.size(), 1u) << name;
    Score score = score_document(gold, nlohmann::json::parse(to_json(r.docs[0]).dump()));
    EXPECT_GE(score.f1(), 0.99) << name << ": " << describe(score);
    ++scored;
  }
  EXPECT_GE(scored, 20);
}

TEST(ReadOriginals, PdfProvenanceHasPageAndBox) {
  Parsed r = parse(test_data() / "originals" / "004_a439f2ddcbee2ac5.tall.pdf");
  ASSERT_EQ(r.docs.size(), 1u);
  int pages_seen = 0;
  for (const Unit& u : r.docs[0].units) {
    for (const Project& p : u.projects) {
      EXPECT_GT(p.span.page, 0) << *p.name;
      EXPECT_GE(p.span.x0, 0) << *p.name;
      EXPECT_GT(p.span.y1, p.span.y0) << *p.name;
      // Rows taller than a page continue on the next one.
      if (p.span.last_page > p.span.page) ++pages_seen;
      for (const Indicator& i : p.indicators) EXPECT_GT(i.span.page, 0);
    }
  }
  EXPECT_GT(pages_seen, 0);
  JsonOptions o;
  o.with_provenance = true;
  EXPECT_NE(json_text(r.docs[0], o).find("\"bbox\""), std::string::npos);
}

// OCR is slow: one committed half page, skewed and noisy. Figures must land
// in their columns by the scan's rules.
TEST(ReadOriginals, SkewedNoisyScanReadsFiguresIntoTheirColumns) {
  Parsed r = parse(test_data() / "originals" / "004_page1.scan.jpg");
  ASSERT_TRUE(r.result.ok()) << r.result.error;
  ASSERT_EQ(r.docs.size(), 1u);
  const Document& d = r.docs[0];
  ASSERT_EQ(d.layout, "summary");
  ASSERT_TRUE(d.total);
  EXPECT_EQ(d.total->total, Decimal::parse("1368.16"));
  EXPECT_EQ(d.total->fiscal, Decimal::parse("417.70"));
  EXPECT_FALSE(d.total->special);
  EXPECT_EQ(d.total->other, Decimal::parse("950.46"));
  ASSERT_FALSE(d.units.empty());
  ASSERT_FALSE(d.units[0].projects.empty());
  const Project& first = d.units[0].projects[0];
  EXPECT_EQ(first.name, "业务用房物业管理费");
  EXPECT_EQ(first.amounts.total, Decimal::parse("120.00"));
  EXPECT_EQ(first.amounts.fiscal, Decimal::parse("120.00"));
  EXPECT_GT(first.span.page, 0);
}

// Two rows of a summary table's indicator column cut from a scan (set F's
// 004, page 2, binarised), whose ≥/≤ are drawn with a slanted bar: the model
// reads one ≤ as 迄 and loses one ≥ (its ink boxed with the colon). The glyph
// before each figure is looked at in the ink, and each repair is a notice.
TEST(ReadOriginals, ComparatorsTheModelMisreadAreReadFromTheirShape) {
  const Source src = read_image((test_data() / "originals" / "004_page2_targets.scan.png").string(), "targets.png");
  std::string text;
  for (const Line& l : src.lines) text += std::string(l.text) + "\n";
  EXPECT_NE(text.find("年度指标值:≤20件"), std::string::npos) << text;
  EXPECT_NE(text.find("年度指标值:≥10件"), std::string::npos) << text;
  EXPECT_EQ(text.find("迄"), std::string::npos) << text;
  int notices = 0;
  for (const Diagnostic& d : src.diagnostics) {
    if (d.code != "ocr.comparator-shape") continue;
    ++notices;
    EXPECT_EQ(d.severity, Severity::Notice);
    EXPECT_GT(d.line, 0) << d.message;  // on the row that holds the glyph
    EXPECT_NE(d.message.find("read as"), std::string::npos) << d.message;
  }
  EXPECT_GE(notices, 2);
}

}  // namespace
}  // namespace jixiao::testing

namespace jixiao {
namespace {

// A page of one ruled table: `rows` rows of two columns 100 pt wide, 20 pt
// tall, from y = 100; the columns' rules run `overrun_top`/`overrun_bottom`
// points past the first/last horizontal rule (a row the page break cut).
PageGeometry two_column_page(int page, const std::vector<std::pair<std::string, std::string>>& rows,
                             double overrun_top, double overrun_bottom) {
  PageGeometry g;
  g.page = page;
  g.width = 600;
  g.height = 800;
  const double top = 100, bottom = top + 20.0 * static_cast<double>(rows.size());
  for (std::size_t i = 0; i <= rows.size(); ++i) g.rules.push_back({true, top + 20.0 * static_cast<double>(i), 50, 250});
  for (double x : {50.0, 150.0, 250.0}) g.rules.push_back({false, x, top - overrun_top, bottom + overrun_bottom});
  for (std::size_t i = 0; i < rows.size(); ++i) {
    const double y = top + 20.0 * static_cast<double>(i) + 5;
    g.words.push_back({rows[i].first, Box{60, y, 100, y + 10}});
    g.words.push_back({rows[i].second, Box{160, y, 200, y + 10}});
  }
  return g;
}

TEST(PageLayout, OnlyARowOpenAtThePageFootIsJoinedToTheNextPage) {
  // The next page's table starts without a rule above it (collapsed borders
  // print the rule between two rows once, at the foot of the earlier page):
  // its first row is a row of its own.
  {
    PageJoiner joiner;
    joiner.add(layout_page(two_column_page(1, {{"社会效益指标", "甲"}}, 0, 0), LayoutTolerance{}));
    joiner.add(layout_page(two_column_page(2, {{"可持续影响指标", "乙"}}, 30, 0), LayoutTolerance{}));
    std::vector<TableRow> rows = joiner.take();
    ASSERT_EQ(rows.size(), 3u);  // the open top band is a row of empty cells, then the row
    EXPECT_EQ(rows[0].cells[0].text, "社会效益指标");
    EXPECT_EQ(rows[2].cells[0].text, "可持续影响指标");
  }
  // A row whose cells run on past the page's last rule is continued by the
  // next page's first row.
  {
    PageJoiner joiner;
    joiner.add(layout_page(two_column_page(1, {{"社会效益", "甲"}}, 0, 30), LayoutTolerance{}));
    joiner.add(layout_page(two_column_page(2, {{"指标", "乙"}}, 0, 0), LayoutTolerance{}));
    std::vector<TableRow> rows = joiner.take();
    // The band under page 1's last rule is the cut row: page 2's first row
    // is its rest, not a row of its own.
    ASSERT_EQ(rows.size(), 2u);
    EXPECT_EQ(rows[0].cells[0].text, "社会效益");
    EXPECT_EQ(rows[1].cells[0].text, "指标");
    EXPECT_EQ(rows[1].page, 1);
    EXPECT_EQ(rows[1].last_page, 2);
  }
}

TEST(PageLayout, AHeaderAScanReadDifferentlyIsStillARepeatedHeader) {
  // Page 1 ends in a row the break cut; page 2 repeats the header, OCR'd
  // with one character changed, and then continues that row.
  PageGeometry first = two_column_page(1, {{"项目名称（资金使用单位）", "绩效指标"}}, 0, 30);
  first.words.push_back({"运维项目", Box{60, 125, 100, 135}});
  first.words.push_back({"1、甲", Box{160, 125, 200, 135}});
  PageJoiner joiner;
  joiner.add(layout_page(first, LayoutTolerance{}));
  joiner.add(layout_page(two_column_page(2, {{"项目名称〈资金使用单位）", "绩效指标"}, {"", "2、乙"}}, 0, 0),
                         LayoutTolerance{}));
  std::vector<TableRow> rows = joiner.take();
  ASSERT_EQ(rows.size(), 3u);  // header, the cut row joined, the repeated header
  EXPECT_EQ(rows[1].cells[0].text, "运维项目");
  EXPECT_NE(rows[1].cells[1].text.find("2、乙"), std::string::npos);
  EXPECT_EQ(rows[1].last_page, 2);
  EXPECT_EQ(rows[2].cells[0].text, "项目名称〈资金使用单位）");
}

}  // namespace
}  // namespace jixiao
