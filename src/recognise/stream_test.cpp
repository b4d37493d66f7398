// Several tables in one file come out as several documents, each with the
// file's own line numbers, and each as good as when read alone.
#include "recognise/stream.hpp"

#include <gtest/gtest.h>

#include <sstream>

#include "test_support.hpp"

namespace jixiao::testing {
namespace {

TEST(ParseStream, ConcatenatedTablesBecomeSeparateDocuments) {
  std::vector<Seed> parts;
  for (Seed& s : seeds()) {
    if (s.text.find('\t') == std::string::npos && s.text.find("部门名称") != std::string::npos)
      parts.push_back(std::move(s));
  }
  ASSERT_GE(parts.size(), 3u);
  std::string file;
  std::vector<int> first_lines;
  for (const Seed& s : parts) {
    first_lines.push_back(static_cast<int>(std::count(file.begin(), file.end(), '\n')) + 1);
    file += s.text;
    if (file.back() != '\n') file += '\n';
  }
  std::istringstream in(file);
  std::vector<Document> docs;
  std::size_t n = parse_stream(in, "book.txt", [&](Document&& d) { docs.push_back(std::move(d)); });
  ASSERT_EQ(n, parts.size());
  ASSERT_EQ(docs.size(), parts.size());
  for (std::size_t k = 0; k < docs.size(); ++k) {
    Score score = score_document(parts[k].gold, nlohmann::json::parse(to_json(docs[k]).dump()));
    EXPECT_GE(score.f1(), 0.99) << parts[k].stem << ": " << describe(score);
    ASSERT_FALSE(docs[k].units.empty());
    ASSERT_FALSE(docs[k].units[0].projects.empty());
    // The first project row lies inside this table's part of the file.
    int first = docs[k].units[0].projects[0].span.first_line;
    EXPECT_GT(first, first_lines[k]) << parts[k].stem;
    if (k + 1 < first_lines.size()) EXPECT_LT(first, first_lines[k + 1]) << parts[k].stem;
  }
}

TEST(ParseStream, RepeatedPageHeadersOfTheSameDepartmentDoNotSplit) {
  Seed s = seeds().front();
  // The department line repeated on a later page, as some exports print it.
  std::string text = s.text;
  std::size_t dept = text.find("部门名称");
  std::size_t eol = text.find('\n', dept);
  std::string dept_line = text.substr(dept, eol - dept);
  std::size_t middle = text.find('\n', text.size() / 2);
  text.insert(middle + 1, "\n" + dept_line + "\n");
  std::istringstream in(text);
  std::size_t n = parse_stream(in, "x.txt", [](Document&&) {});
  EXPECT_EQ(n, 1u);
}

TEST(ParseStream, EmptyInputStillYieldsOneDocumentWithItsError) {
  std::istringstream in("");
  std::vector<Document> docs;
  parse_stream(in, "empty.txt", [&](Document&& d) { docs.push_back(std::move(d)); });
  ASSERT_EQ(docs.size(), 1u);
  EXPECT_TRUE(has_errors(docs[0]));
}

}  // namespace
}  // namespace jixiao::testing
