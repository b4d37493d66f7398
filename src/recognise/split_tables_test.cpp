// Several tables in one read file come apart into their documents: a grid
// book of two departments, an HTML book read through parse_file, and the
// cases that must not split (one department's projects, page headers).
#include "recognise/split_tables.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <sstream>

#include "model/json.hpp"
#include "recognise/parse.hpp"
#include "recognise/parse_file.hpp"
#include "recognise/stream.hpp"
#include "render/render.hpp"
#include "synth/generator.hpp"

namespace jixiao {
namespace {

Document generated(std::uint64_t seed, const char* layout) {
  GenerateOptions g;
  g.layout = layout;
  g.max_projects = 4;
  return generate_document(seed, g);
}

// The seeds of two generated documents of different departments.
std::pair<Document, Document> two_departments(const char* layout) {
  Document a = generated(11, layout);
  for (std::uint64_t seed = 12;; ++seed) {
    Document b = generated(seed, layout);
    if (b.department != a.department) return {std::move(a), std::move(b)};
  }
}

std::string grid_text(const Document& doc) {
  return render_text_as(doc, TableLayout::ProjectGrid, clean_text_options());
}

TEST(SplitTables, GridsOfTwoDepartmentsInOneFileAreTwoDocuments) {
  auto [a, b] = two_departments("project-grid");
  const std::string first = grid_text(a);
  Source source = read_text(first + grid_text(b), "book.txt");
  const std::size_t lines = source.lines.size();
  const int last_line = source.lines.back().number;
  std::vector<Source> parts = split_tables(std::move(source));
  ASSERT_EQ(parts.size(), 2u);
  // The parts share the lines out, none twice, none lost (the first takes
  // the source's own vector, cut short).
  EXPECT_EQ(parts[0].lines.size() + parts[1].lines.size(), lines);
  EXPECT_EQ(parts[0].lines.front().number, 1);
  EXPECT_EQ(parts[0].lines.back().number + 1, parts[1].lines.front().number);
  EXPECT_EQ(parts[1].lines.back().number, last_line);
  // The second part starts at the second document's first line (its title).
  const int second_starts = static_cast<int>(std::count(first.begin(), first.end(), '\n')) + 1;
  EXPECT_EQ(parts[1].lines.front().number, second_starts);
  EXPECT_EQ(to_json(recognise(parts[0])).dump(), to_json(recognise(read_text(first, "book.txt"))).dump());
  Document second = recognise(parts[1]);
  ASSERT_TRUE(second.department);
  EXPECT_EQ(*second.department, *b.department);
  ASSERT_EQ(second.units.size(), 1u);
  EXPECT_EQ(second.units[0].projects.size(), b.units[0].projects.size());
  EXPECT_GE(second.units[0].projects[0].span.first_line, second_starts);
}

// A Source put together without its lines' words (words_known false) is cut
// and read as its reading is: the words are then found by split_tables and
// the head search themselves.
TEST(SplitTables, ASourceWithoutItsWordsSplitsAndReadsTheSame) {
  for (const auto& [layout, table] :
       {std::pair{"summary", TableLayout::Summary}, std::pair{"project-grid", TableLayout::ProjectGrid}}) {
    auto [a, b] = two_departments(layout);
    const std::string text =
        render_text_as(a, table, clean_text_options()) + render_text_as(b, table, clean_text_options());
    Source read = read_text(text, "book.txt");
    ASSERT_TRUE(read.words_known);
    Source bare = read;
    bare.words_known = false;
    for (Line& line : bare.lines) line.words = 0;
    const std::vector<Source> with = split_tables(std::move(read));
    const std::vector<Source> without = split_tables(std::move(bare));
    ASSERT_EQ(with.size(), 2u) << layout;
    ASSERT_EQ(without.size(), with.size()) << layout;
    for (std::size_t k = 0; k < with.size(); ++k) {
      EXPECT_EQ(without[k].lines.front().number, with[k].lines.front().number);
      EXPECT_FALSE(without[k].words_known);
      EXPECT_EQ(to_json(recognise(without[k])).dump(), to_json(recognise(with[k])).dump())
          << layout << " part " << k;
    }
  }
}

TEST(SplitTables, OneDepartmentsGridsStayOneDocument) {
  Document a = generated(11, "project-grid");
  ASSERT_GE(a.units[0].projects.size(), 2u);
  // Every project's table prints the same department line under its title.
  std::vector<Source> parts = split_tables(read_text(grid_text(a), "one.txt"));
  EXPECT_EQ(parts.size(), 1u);
  // The same department twice in a row (its grids pasted twice) is one table.
  parts = split_tables(read_text(grid_text(a) + grid_text(a), "twice.txt"));
  EXPECT_EQ(parts.size(), 1u);
}

// The line under each title is read once for a run of the same line (a
// grid book repeats it under every title): a department coming back after
// another is still another cut, by split_tables and by parse_stream alike.
TEST(SplitTables, ADepartmentComingBackAfterAnotherIsCutAgain) {
  auto [a, b] = two_departments("project-grid");
  ASSERT_GE(a.units[0].projects.size(), 2u);
  const std::string book = grid_text(a) + grid_text(b) + grid_text(a);
  std::vector<std::string> departments;
  for (Source& part : split_tables(read_text(book, "aba.txt"))) {
    Document doc = recognise(part);
    ASSERT_TRUE(doc.department);
    departments.push_back(*doc.department);
  }
  EXPECT_EQ(departments, (std::vector<std::string>{*a.department, *b.department, *a.department}));
  std::istringstream in(book);
  std::vector<std::string> streamed;
  parse_stream(in, "aba.txt", [&](Document&& d) { streamed.push_back(d.department.value_or("")); });
  EXPECT_EQ(streamed, departments);
}

// split_tables reads a title only where the next line may name a
// department: the test must hold wherever department_under_title names one.
TEST(SplitTables, ALineThatNamesADepartmentIsOneThatMay) {
  const std::vector<std::string> naming = {
      "706991某某局",       "\t706991某某局",     "  706991某某局 单位：万元",
      "[209]某某局",        "（209）某某局",      "部门名称\t某某局",
      "\t部门名称\t某某局", "单位名称\t某某局\t", "209101某某局 香位万元"};
  const std::vector<std::string> not_naming = {"\t确保各项工作有序开展", "绩效目标", "\t100%", "12345"};
  for (const std::string& text : naming) {
    const Source source = read_text(text, "");
    ASSERT_FALSE(source.lines.empty()) << text;
    const Line& line = source.lines.front();
    EXPECT_FALSE(department_under_title(line).empty()) << text;
    EXPECT_TRUE(line_may_name_department(line)) << text;
  }
  for (const std::string& text : not_naming) {
    const Source source = read_text(text, "");
    ASSERT_FALSE(source.lines.empty()) << text;
    EXPECT_TRUE(department_under_title(source.lines.front()).empty()) << text;
    EXPECT_FALSE(line_may_name_department(source.lines.front())) << text;
  }
}

TEST(SplitTables, AScansGarbledUnitLabelDoesNotMakeAnotherDepartment) {
  // Two grids of one department; OCR read the second one's 单位：万元 as "单位 :万7".
  auto grid = [](const char* title, const char* head, const char* project) {
    return std::string(title) + "\n" + head + "\n项目名称\t" + project +
           "\n一级指标\t二级指标\t三级指标\t指标值\n产出指标\t数量指标\t办理件数\t≥10件\n";
  };
  const std::string text = grid("1.甲项目-2023中央绩效目标表", "209101某市某区人民法院 单位：万元", "甲项目") +
                           grid("2.乙项目-2023中央绩效目标表", "209101某市某区人民法院 单位 :万7", "乙项目") +
                           grid("3.丙项目-2023中央绩效目标表", "209101某市某区人民法院 香位万元", "丙项目");
  EXPECT_EQ(split_tables(read_text(text, "scan.txt")).size(), 1u);
  // Another department's head line still starts a document of its own.
  const std::string other = text + grid("4.丁项目-2023中央绩效目标表", "209102某市某区人民检察院 单位 :万7", "丁项目");
  EXPECT_EQ(split_tables(read_text(other, "scan.txt")).size(), 2u);
  // The whole label garbled into two short words, only its 万 kept: still the
  // same department; another code and name still cut.
  const std::string garbled = text + grid("4.丁项目-2023中央绩效目标表", "209101某市某区人民法院 站人 万7", "丁项目") +
                              grid("5.戊项目-2023中央绩效目标表", "209101某市某区人民法院 音信 万7", "戊项目");
  EXPECT_EQ(split_tables(read_text(garbled, "scan.txt")).size(), 1u);
  const std::string garbled_other =
      garbled + grid("6.己项目-2023中央绩效目标表", "209102某市某区人民检察院 站人 万7", "己项目");
  EXPECT_EQ(split_tables(read_text(garbled_other, "scan.txt")).size(), 2u);
}

TEST(SplitTables, ReaderDiagnosticsGoWithThePartTheyName) {
  auto [a, b] = two_departments("project-grid");
  const std::string first = grid_text(a);
  Source source = read_text(first + grid_text(b), "book.txt");
  const int last = source.lines.back().number;
  source.diagnostics.push_back({Severity::Warning, "test.whole-file", 0, 0, "no line"});
  source.diagnostics.push_back({Severity::Warning, "test.near-end", last, 0, "last line"});
  source.diagnostics.push_back({Severity::Warning, "test.first-line", 1, 0, "first line"});
  std::vector<Source> parts = split_tables(std::move(source));
  ASSERT_EQ(parts.size(), 2u);
  ASSERT_EQ(parts[0].diagnostics.size(), 2u);
  EXPECT_EQ(parts[0].diagnostics[0].code, "test.whole-file");
  EXPECT_EQ(parts[0].diagnostics[1].code, "test.first-line");
  ASSERT_EQ(parts[1].diagnostics.size(), 1u);
  EXPECT_EQ(parts[1].diagnostics[0].code, "test.near-end");
}

// An original (here HTML) holding a book of documents gives each back.
TEST(SplitTables, AnHtmlBookReadsBackAsItsDocuments) {
  for (const char* layout : {"summary", "project-grid"}) {
    auto [a, b] = two_departments(layout);
    Document c = generated(7, layout);
    if (c.department == b.department) c = generated(8, layout);
    std::vector<Document> book = {a, b, c};
    const std::string path =
        (std::filesystem::path(::testing::TempDir()) / (std::string("book-") + layout + ".html")).string();
    const TableLayout table_layout = std::string(layout) == "summary" ? TableLayout::Summary : TableLayout::ProjectGrid;
    ASSERT_EQ(render_book_to_file(book, table_layout, OutputFormat::Html, path), "");
    std::vector<Document> read;
    ParseFileResult r = parse_file(path, [&](Document&& d) { read.push_back(std::move(d)); });
    ASSERT_TRUE(r.ok()) << r.error;
    ASSERT_EQ(read.size(), book.size()) << layout;
    for (std::size_t k = 0; k < book.size(); ++k) {
      EXPECT_EQ(read[k].department, book[k].department) << layout << " document " << k;
      ASSERT_EQ(read[k].units.size(), book[k].units.size()) << layout << " document " << k;
      for (std::size_t u = 0; u < book[k].units.size(); ++u)
        EXPECT_EQ(read[k].units[u].projects.size(), book[k].units[u].projects.size());
    }
  }
}

TEST(SplitTables, ABookIsPrintedOnlyAsHtmlOrPdf) {
  Document a = generated(11, "summary");
  std::vector<Document> book = {a, a};
  const std::string path = (std::filesystem::path(::testing::TempDir()) / "book.xlsx").string();
  EXPECT_NE(render_book_to_file(book, TableLayout::Summary, OutputFormat::Xlsx, path), "");
}

}  // namespace
}  // namespace jixiao
