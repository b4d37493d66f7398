// Layouts of other provinces (issue 7): every document under
// tests/templates/<trait>/ is parsed and scored against the reading beside it
// (<name>.json, jixiao/1) with the project's scorer. A sample reaches F1 = 1
// unless its <name>.expect says otherwise; the .expect file also names the
// diagnostics the reader must give for that sample:
//   min_f1<TAB>0.9          a documented lower bar (damaged sources)
//   diagnostic<TAB>CODE     a diagnostic with this code must be reported
//   error<TAB>CODE          … with severity Error
// Adding a case is adding files; no code.
#include <gtest/gtest.h>

#include <filesystem>

#include "recognise/parse_file.hpp"
#include "test_support.hpp"

namespace jixiao::testing {
namespace {

struct TemplateCase {
  std::string name;  // trait/stem
  std::filesystem::path text, gold, expect;
};

std::vector<TemplateCase> template_cases() {
  std::vector<TemplateCase> out;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(test_data() / "templates")) {
    if (entry.path().extension() != ".txt") continue;
    TemplateCase c;
    c.text = entry.path();
    c.gold = std::filesystem::path(entry.path()).replace_extension(".json");
    c.expect = std::filesystem::path(entry.path()).replace_extension(".expect");
    c.name = entry.path().parent_path().filename().string() + "/" + entry.path().stem().string();
    out.push_back(std::move(c));
  }
  std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.name < b.name; });
  return out;
}

// gtest names a failing case by this, not by a dump of its bytes.
void PrintTo(const TemplateCase& c, std::ostream* os) { *os << c.name; }

class TemplateCorpus : public ::testing::TestWithParam<TemplateCase> {};

TEST_P(TemplateCorpus, ReadsAsItsExpectedReading) {
  const TemplateCase& c = GetParam();
  ASSERT_TRUE(std::filesystem::exists(c.gold)) << c.name << ": no expected reading " << c.gold;
  std::string text = slurp(c.text);
  nlohmann::json gold = nlohmann::json::parse(slurp(c.gold));
  double min_f1 = 1.0;
  std::vector<std::pair<std::string, std::string>> expected;  // (kind, code)
  if (std::filesystem::exists(c.expect)) {
    std::istringstream in(slurp(c.expect));
    for (std::string line; std::getline(in, line);) {
      if (line.empty() || line[0] == '#') continue;
      std::size_t tab = line.find('\t');
      ASSERT_NE(tab, std::string::npos) << c.expect << ": expected KEY<TAB>VALUE, found '" << line << "'";
      std::string key = line.substr(0, tab), value = line.substr(tab + 1);
      if (key == "min_f1") {
        min_f1 = std::stod(value);
      } else {
        ASSERT_TRUE(key == "diagnostic" || key == "error") << c.expect << ": unknown key " << key;
        expected.emplace_back(key, value);
      }
    }
  }
  Document doc = parse_text(text, c.name);
  nlohmann::json pred = nlohmann::json::parse(to_json(doc).dump());
  Score score = score_document(gold, pred);
  if (min_f1 >= 1.0) {
    EXPECT_DOUBLE_EQ(score.f1(), 1.0) << c.name << ": " << describe(score, 20);
  } else {
    EXPECT_GE(score.f1(), min_f1) << c.name << ": " << describe(score, 20);
  }
  for (const auto& [kind, code] : expected) {
    bool found = std::any_of(doc.diagnostics.begin(), doc.diagnostics.end(), [&](const Diagnostic& d) {
      return d.code == code && (kind != "error" || d.severity == Severity::Error);
    });
    EXPECT_TRUE(found) << c.name << ": expected a diagnostic " << code;
  }
  // Only the samples that say so may carry an error.
  bool wants_error =
      std::any_of(expected.begin(), expected.end(), [](const auto& e) { return e.first == "error"; });
  if (!wants_error) {
    for (const Diagnostic& d : doc.diagnostics) {
      EXPECT_NE(d.severity, Severity::Error)
          << c.name << " line " << d.line << ": " << d.code << " " << d.message;
    }
  }
  // The command line reads the file as one table, to the same reading (a
  // file is split into tables before it is recognised).
  std::vector<Document> from_file;
  ParseFileResult read = parse_file(c.text.string(), [&](Document&& d) { from_file.push_back(std::move(d)); }, c.name);
  ASSERT_TRUE(read.ok()) << c.name << ": " << read.error;
  ASSERT_EQ(from_file.size(), 1u) << c.name << " was split into " << from_file.size() << " tables";
  EXPECT_EQ(to_json(from_file.front()).dump(), to_json(doc).dump()) << c.name;
  // The reading survives the jixiao/1 round trip with its optional fields.
  Document back = document_from_json(pred);
  EXPECT_EQ(to_json(back).dump(), to_json(doc).dump()) << c.name;
}

// The same table as a web page flattens it: every tab-separated row written
// with bars between its cells. A reader that keyed on one sample's export
// would fail here.
TEST_P(TemplateCorpus, ReadsTheSameWithBarsForTabs) {
  const TemplateCase& c = GetParam();
  std::string text = slurp(c.text);
  // Rows of several tab-separated cells; a Word export (one tab-opened cell
  // a line) is not such a text.
  bool rows = false;
  {
    std::istringstream scan(text);
    for (std::string l; std::getline(scan, l);) rows = rows || std::count(l.begin(), l.end(), '\t') >= 2;
  }
  if (!rows) GTEST_SKIP() << c.name << " has no tab-separated rows";
  if (std::filesystem::exists(c.expect) && slurp(c.expect).find("min_f1") != std::string::npos) {
    GTEST_SKIP() << c.name << " is read to a lower bar";
  }
  std::string barred, line;
  std::istringstream in(text);
  while (std::getline(in, line)) {
    if (line.find('\t') != std::string::npos) {
      std::string row = "| ";
      for (char ch : line) {
        if (ch == '\t') {
          row += " | ";
        } else {
          row += ch;
        }
      }
      line = row + " |";
    }
    barred += line + "\n";
  }
  nlohmann::json gold = nlohmann::json::parse(slurp(c.gold));
  Score score = score_text(barred, gold, c.name);
  EXPECT_DOUBLE_EQ(score.f1(), 1.0) << c.name << " with bars: " << describe(score, 20);
}

// … and as a Word export gives it: one tab-opened cell a line, a blank line
// between rows.
TEST_P(TemplateCorpus, ReadsTheSameAsAWordExport) {
  const TemplateCase& c = GetParam();
  std::string text = slurp(c.text);
  bool rows = false;
  {
    std::istringstream scan(text);
    for (std::string l; std::getline(scan, l);) rows = rows || std::count(l.begin(), l.end(), '\t') >= 2;
  }
  if (!rows) GTEST_SKIP() << c.name << " has no tab-separated rows";
  if (std::filesystem::exists(c.expect) && slurp(c.expect).find("min_f1") != std::string::npos) {
    GTEST_SKIP() << c.name << " is read to a lower bar";
  }
  std::string word, line;
  std::istringstream in(text);
  while (std::getline(in, line)) {
    if (line.find('\t') != std::string::npos) {
      std::istringstream cells(line);
      for (std::string cell; std::getline(cells, cell, '\t');) word += "\t" + cell + "\n";
      if (!line.empty() && line.back() == '\t') word += "\t\n";
    } else {
      word += line + "\n";
    }
    word += "\n";
  }
  nlohmann::json gold = nlohmann::json::parse(slurp(c.gold));
  Score score = score_text(word, gold, c.name);
  EXPECT_DOUBLE_EQ(score.f1(), 1.0) << c.name << " as a Word export: " << describe(score, 20);
}

INSTANTIATE_TEST_SUITE_P(Traits, TemplateCorpus, ::testing::ValuesIn(template_cases()),
                         [](const ::testing::TestParamInfo<TemplateCase>& info) {
                           std::string n = info.param.name;
                           for (char& ch : n) {
                             if (!std::isalnum(static_cast<unsigned char>(ch))) ch = '_';
                           }
                           return n;
                         });

TEST(TemplateCorpusFiles, EveryTraitHasSamples) {
  // The corpus itself must be there: a missing folder would make the
  // parameterised test above silently run nothing.
  std::map<std::string, int> per_trait;
  for (const TemplateCase& c : template_cases()) per_trait[c.name.substr(0, c.name.find('/'))]++;
  for (const char* trait : {"levels", "columns", "names", "amounts", "kinds", "web"}) {
    EXPECT_GE(per_trait[trait], 2) << "tests/templates/" << trait << " should hold at least two samples";
  }
}

}  // namespace
}  // namespace jixiao::testing
