// The printed-table layout and the format writers: merged cells cover the
// grid exactly once, the DOCX grid adds up on every row, the XLSX keeps
// figures as numbers, the HTML needs nothing from outside, and the CLI says
// what is wrong with bad input.
#include "render/render.hpp"

#include <gtest/gtest.h>
#include <zip.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <memory>
#include <regex>
#include <sstream>
#include <string>

#include "model/json.hpp"
#include "render/docx_render.hpp"
#include "render/html_render.hpp"
#include "render/printed_table.hpp"
#include "synth/generator.hpp"
#include "test_support.hpp"

namespace jixiao {
namespace {

namespace fs = std::filesystem;
using testing::run_command;

Document generated(const char* layout, std::uint64_t seed) {
  GenerateOptions g;
  g.layout = layout;
  return generate_document(seed, g);
}

Document gold(const std::string& prefix) { return testing::gold_document(prefix); }

// Every position of every table is covered by exactly one cell.
TEST(PrintedTable, MergedCellsCoverTheGridOnce) {
  for (const char* layout : {"summary", "project-grid"}) {
    for (std::uint64_t seed = 1; seed <= 40; ++seed) {
      Document doc = generated(layout, seed);
      for (TableLayout as : {TableLayout::Summary, TableLayout::ProjectGrid}) {
        for (const PrintedTable& t : print_tables(doc, as)) {
          const std::size_t columns = t.column_widths.size();
          std::vector<std::vector<int>> hits(t.rows.size(), std::vector<int>(columns, 0));
          for (std::size_t r = 0; r < t.rows.size(); ++r) {
            for (const PrintedCell& c : t.rows[r].cells) {
              ASSERT_GE(c.column, 0);
              ASSERT_LE(static_cast<std::size_t>(c.column + c.column_span), columns) << t.title;
              ASSERT_LE(r + static_cast<std::size_t>(c.row_span), t.rows.size()) << t.title;
              for (int dr = 0; dr < c.row_span; ++dr) {
                for (int dc = 0; dc < c.column_span; ++dc)
                  ++hits[r + dr][static_cast<std::size_t>(c.column + dc)];
              }
            }
          }
          for (std::size_t r = 0; r < t.rows.size(); ++r) {
            for (std::size_t c = 0; c < columns; ++c) {
              EXPECT_EQ(hits[r][c], 1)
                  << layout << " seed " << seed << " " << t.title << " row " << r << " col " << c;
            }
          }
        }
      }
    }
  }
}

TEST(PrintedTable, SummaryShowsUnitsWithTheirProjectsIndented) {
  Document doc = gold("000_");
  std::vector<PrintedTable> tables = print_tables(doc, TableLayout::Summary);
  ASSERT_EQ(tables.size(), 1u);
  const PrintedTable& t = tables[0];
  EXPECT_EQ(t.title, "项目支出绩效目标表（含转移支付项目）");
  EXPECT_EQ(t.left_caption, "部门名称：广州市从化区人民法院");
  EXPECT_EQ(t.right_caption, "单位：万元");
  ASSERT_EQ(t.head_rows, 1);
  EXPECT_EQ(t.rows[0].cells[0].text, "项目名称（资金使用单位）");
  EXPECT_EQ(t.rows[1].cells[0].text, "合计");
  EXPECT_EQ(t.rows[1].cells[1].text, "2,376.02");
  EXPECT_EQ(t.rows[2].cells[0].text, "广州市从化区人民法院");
  EXPECT_EQ(t.rows[3].cells[0].text, "    业务用房物业管理费");
  ASSERT_TRUE(t.rows[3].cells[1].amount);
  EXPECT_EQ(t.rows[3].cells[1].amount->to_string(), "375.00");
  EXPECT_EQ(t.rows[3].cells[6].text.rfind("1、1-产出指标；13-时效指标；按合同支付及时率；", 0), 0u);
  EXPECT_EQ(t.rows.size(), 3u + 10u);
}

TEST(PrintedTable, GridMergesEachRunOfLevel1) {
  Document doc = gold("003_");
  std::vector<PrintedTable> tables = print_tables(doc, TableLayout::ProjectGrid);
  ASSERT_EQ(tables.size(), 5u);
  const PrintedTable& t = tables[0];
  EXPECT_EQ(t.title, "1.法院办案业务、业务装备及审判辅助事务外包服务等经费-2023中央绩效目标表");
  EXPECT_EQ(t.left_caption, "209101天津市河西区人民法院");
  EXPECT_EQ(t.rows[1].cells[0].text, "预算规模及资金用途");
  EXPECT_EQ(t.rows[1].cells[0].row_span, 2);
  // Rows 5.. are indicators: 12 产出, 3 效益, 1 满意度 in the gold.
  EXPECT_EQ(t.rows[5].cells[0].text, "产出指标");
  EXPECT_EQ(t.rows[5].cells[0].row_span, 12);
  EXPECT_EQ(t.rows[6].cells[0].text, "数量指标");  // merged-over rows start at 二级
  EXPECT_EQ(t.rows[17].cells[0].text, "效益指标");
  EXPECT_EQ(t.rows[17].cells[0].row_span, 3);
}

TEST(HtmlRender, SelfContainedWithRepeatedHeadAndPrintStyle) {
  Document doc = generated("summary", 3);
  doc.units[0].projects[0].goal = "<b>&\"'</b>";
  std::string html = render_html(doc, TableLayout::Summary);
  EXPECT_NE(html.find("@page { size: A4 landscape"), std::string::npos);
  EXPECT_NE(html.find("<thead>"), std::string::npos);
  EXPECT_NE(html.find("display: table-header-group"), std::string::npos);
  EXPECT_NE(html.find("&lt;b&gt;&amp;&quot;&#39;&lt;/b&gt;"), std::string::npos);
  for (const char* external : {"src=", "href=", "url(", "@import", "http:", "https:"}) {
    EXPECT_EQ(html.find(external), std::string::npos) << external;
  }
}

// Each Word table row spans the whole grid, and a vMerge restart is
// followed by continuations in the rows it covers.
TEST(DocxRender, EveryRowFillsTheGrid) {
  for (const char* layout : {"summary", "project-grid"}) {
    Document doc = generated(layout, 5);
    const TableLayout as = layout_of(doc);
    std::string xml = docx_document_xml(doc, as);
    const std::regex row_re("<w:tr>(.*?)</w:tr>");
    const std::regex cell_re("<w:tc>.*?</w:tc>");
    const std::regex span_re("<w:gridSpan w:val=\"(\\d+)\"/>");
    int rows = 0, restarts = 0, continues = 0;
    for (auto it = std::sregex_iterator(xml.begin(), xml.end(), row_re); it != std::sregex_iterator(); ++it) {
      const std::string row = (*it)[1];
      int width = 0;
      for (auto c = std::sregex_iterator(row.begin(), row.end(), cell_re); c != std::sregex_iterator(); ++c) {
        std::smatch span;
        const std::string cell = (*c)[0];
        width += std::regex_search(cell, span, span_re) ? std::stoi(span[1]) : 1;
      }
      EXPECT_EQ(width, 7) << layout << " row " << rows;
      ++rows;
    }
    for (std::size_t p = xml.find("<w:vMerge"); p != std::string::npos; p = xml.find("<w:vMerge", p + 1)) {
      (xml.compare(p, 27, "<w:vMerge w:val=\"restart\"/>") == 0 ? restarts : continues)++;
    }
    EXPECT_GT(rows, 3);
    if (as == TableLayout::ProjectGrid) {
      EXPECT_GT(restarts, 0);
      EXPECT_GT(continues, 0);
    }
    EXPECT_NE(xml.find("w:orient=\"landscape\""), std::string::npos);
  }
}

std::string zip_entry(const std::string& path, const char* name) {
  int err = 0;
  zip_t* z = zip_open(path.c_str(), ZIP_RDONLY, &err);
  if (!z) return "";
  std::string data;
  if (zip_file_t* f = zip_fopen(z, name, 0)) {
    char buf[65536];
    zip_int64_t n;
    while ((n = zip_fread(f, buf, sizeof buf)) > 0) data.append(buf, static_cast<std::size_t>(n));
    zip_fclose(f);
  }
  zip_close(z);
  return data;
}

TEST(XlsxRender, FiguresAreNumbersAndCellsMerged) {
  const fs::path path = fs::path(::testing::TempDir()) / "render_test_003.xlsx";
  ASSERT_EQ(render_to_file(gold("003_"), TableLayout::ProjectGrid, OutputFormat::Xlsx, path.string()), "");
  std::string sheet = zip_entry(path.string(), "xl/worksheets/sheet1.xml");
  ASSERT_FALSE(sheet.empty());
  EXPECT_NE(sheet.find("<v>349</v>"), std::string::npos) << "预算数 349.00 stored as a number";
  EXPECT_NE(sheet.find("<mergeCell "), std::string::npos);
  EXPECT_NE(sheet.find("orientation=\"landscape\""), std::string::npos);
  std::string styles = zip_entry(path.string(), "xl/styles.xml");
  EXPECT_NE(styles.find("formatCode=\"#,##0.00\""), std::string::npos);
  std::string strings = zip_entry(path.string(), "xl/sharedStrings.xml");
  EXPECT_NE(strings.find("一级指标"), std::string::npos);
}

TEST(DocxRender, PackageHoldsTheDocument) {
  const fs::path path = fs::path(::testing::TempDir()) / "render_test_000.docx";
  ASSERT_EQ(render_to_file(gold("000_"), TableLayout::Summary, OutputFormat::Docx, path.string()), "");
  EXPECT_NE(zip_entry(path.string(), "[Content_Types].xml").find("wordprocessingml.document.main"),
            std::string::npos);
  std::string doc = zip_entry(path.string(), "word/document.xml");
  EXPECT_NE(doc.find("<w:tblHeader/>"), std::string::npos);
  EXPECT_NE(doc.find("xml:space=\"preserve\">    业务用房物业管理费</w:t>"), std::string::npos);
}


TEST(RenderCli, RendersAndExplainsBadInput) {
  const std::string bin = JIXIAO_BINARY;
  const fs::path gold_000 = [] {
    for (const auto& e : fs::directory_iterator(fs::path(JIXIAO_TEST_DATA) / "corpus" / "gold")) {
      if (e.path().filename().string().rfind("000_", 0) == 0) return e.path();
    }
    return fs::path();
  }();
  int status = 0;
  std::string html = run_command(bin + " render '" + gold_000.string() + "' --layout summary --to html", &status);
  EXPECT_EQ(status, 0);
  EXPECT_NE(html.find("部门名称：广州市从化区人民法院"), std::string::npos);

  std::string err = run_command(bin + " render '" + gold_000.string() + "' --to odt 2>&1", &status);
  EXPECT_NE(status, 0);
  EXPECT_NE(err.find("expected html, pdf, xlsx, docx or text"), std::string::npos) << err;

  err = run_command("echo '{\"units\": 3' | " + bin + " render - --to html 2>&1", &status);
  EXPECT_NE(status, 0);
  EXPECT_NE(err.find("<stdin>"), std::string::npos) << err;

  const fs::path pdf = fs::path(::testing::TempDir()) / "render_cli_no_browser.pdf";
  err = run_command("JIXIAO_CHROMIUM=/nonexistent/chromium " + bin + " render '" + gold_000.string() +
                "' --to pdf -o '" + pdf.string() + "' 2>&1",
            &status);
  EXPECT_NE(status, 0);
  EXPECT_NE(err.find("no Chromium found"), std::string::npos) << err;

  // parse → render → parse through the command line: the text form reads back.
  const fs::path text = fs::path(::testing::TempDir()) / "render_cli_000.txt";
  run_command(bin + " render '" + gold_000.string() + "' --to text -o '" + text.string() + "'", &status);
  ASSERT_EQ(status, 0);
  std::string json = run_command(bin + " parse --json '" + text.string() + "'", &status);
  std::ifstream in(gold_000);
  Document want = document_from_json(nlohmann::json::parse(in));
  EXPECT_EQ(to_json(document_from_json(nlohmann::json::parse(json))), to_json(want));
}

TEST(RenderCli, SynthWritesOtherFormatsAndRecordsDamage) {
  const fs::path dir = fs::path(::testing::TempDir()) / "synth_formats";
  fs::remove_all(dir);
  int status = 0;
  const std::string bin = JIXIAO_BINARY;
  for (const char* format : {"html", "docx", "xlsx"}) {
    run_command(bin + " synth --docs 3 --seed 9 --damage --format " + format + " --to '" + dir.string() + "' 2>&1",
        &status);
    ASSERT_EQ(status, 0) << format;
    for (int i = 0; i < 3; ++i) {
      const fs::path render = dir / ("synth_9_" + std::to_string(i) + "." + format);
      EXPECT_TRUE(fs::exists(render) && fs::file_size(render) > 1000) << render;
    }
  }
  // The record lists pointers into the gold, and each names a field there.
  int pointers = 0;
  for (int i = 0; i < 3; ++i) {
    std::ifstream rec(dir / ("synth_9_" + std::to_string(i) + ".damage.json"));
    std::ifstream gold_in(dir / ("synth_9_" + std::to_string(i) + ".json"));
    ASSERT_TRUE(rec && gold_in);
    nlohmann::json record = nlohmann::json::parse(rec), gold_doc = nlohmann::json::parse(gold_in);
    for (const auto& p : record.at("damaged")) {
      EXPECT_TRUE(gold_doc.contains(nlohmann::json::json_pointer(p.get<std::string>()))) << p;
      ++pointers;
    }
  }
  EXPECT_GT(pointers, 0);
  std::string err = run_command(bin + " synth --docs 1 --format odt --to '" + dir.string() + "' 2>&1", &status);
  EXPECT_NE(status, 0);
  EXPECT_NE(err.find("expected text, html, docx, xlsx or pdf"), std::string::npos) << err;
}

}  // namespace
}  // namespace jixiao
