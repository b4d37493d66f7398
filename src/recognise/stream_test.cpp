// Several tables in one file come out as several documents, each with the
// file's own line numbers, and each as good as when read alone.
#include "recognise/stream.hpp"

#include <gtest/gtest.h>

#include <sstream>
#include <streambuf>

#include "model/json.hpp"
#include "recognise/parse.hpp"
#include "recognise/split_tables.hpp"
#include "render/render.hpp"
#include "synth/generator.hpp"
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

// A stream that counts what it has handed out, so a test can see how much
// of the file was read when a document came out.
class CountingBuf : public std::streambuf {
 public:
  explicit CountingBuf(const std::string& text) : text_(text) {}
  std::size_t handed_out() const { return handed_out_; }

 protected:
  std::streamsize xsgetn(char* out, std::streamsize n) override {
    const std::size_t k = std::min(static_cast<std::size_t>(n), text_.size() - handed_out_);
    std::copy_n(text_.data() + handed_out_, k, out);
    handed_out_ += k;
    return static_cast<std::streamsize>(k);
  }
  int_type underflow() override { return traits_type::eof(); }

 private:
  const std::string& text_;
  std::size_t handed_out_ = 0;
};

// A grid book has no 部门名称 line between departments, only the line under
// each project's title (code and name). Its documents must come out as the
// bytes stream by, not once the whole file has been read: memory is then
// bounded by the largest document. And they must be the documents the whole
// file read at once and split by split_tables gives, line numbers included.
TEST(ParseStream, AGridBookComesOutDocumentByDocument) {
  std::string file;
  std::vector<std::size_t> ends;  // where each generated document ends
  GenerateOptions g;
  g.layout = "project-grid";
  for (std::uint64_t seed = 1; file.size() < (4u << 20); ++seed) {
    file += render_text_as(generate_document(seed, g), TableLayout::ProjectGrid, clean_text_options());
    if (file.back() != '\n') file += '\n';
    ends.push_back(file.size());
  }
  std::vector<std::string> whole;
  for (Source& part : split_tables(read_text(file, "book.txt"))) whole.push_back(to_json(recognise(part)).dump());
  // Consecutive documents of one department read as one; most differ.
  ASSERT_GT(whole.size(), ends.size() / 2);

  CountingBuf buf(file);
  std::istream in(&buf);
  std::vector<std::string> streamed;
  std::vector<std::size_t> read_when;  // bytes read when each document came out
  parse_stream(in, "book.txt", [&](Document&& d) {
    streamed.push_back(to_json(d).dump());
    read_when.push_back(buf.handed_out());
  });
  ASSERT_EQ(streamed.size(), whole.size());
  for (std::size_t k = 0; k < whole.size(); ++k) EXPECT_EQ(streamed[k], whole[k]) << "document " << k;
  // The first document is out once its successor's title has been read:
  // within one read block (1 MiB) past the end of the second document.
  EXPECT_LE(read_when.front(), ends[1] + (1u << 20));
  EXPECT_LT(read_when.front(), file.size());
  // And the rest are not held back until the end either: they come out
  // along the file, a good share of them before half of it has been read.
  std::size_t first_half = 0;
  for (std::size_t when : read_when) first_half += when < file.size() / 2;
  EXPECT_GE(first_half, whole.size() / 4);
}

// A file that begins with a byte order mark reads as "utf-8-bom" whole; its
// documents, cut at grid titles, say so each as before.
TEST(ParseStream, AGridBookWithAByteOrderMarkKeepsItsEncodingInEveryDocument) {
  GenerateOptions g;
  g.layout = "project-grid";
  std::string file = "\xEF\xBB\xBF";
  for (std::uint64_t seed = 1; seed <= 6; ++seed)
    file += render_text_as(generate_document(seed, g), TableLayout::ProjectGrid, clean_text_options());
  std::vector<std::string> whole;
  for (Source& part : split_tables(read_text(file, "bom.txt"))) whole.push_back(to_json(recognise(part)).dump());
  ASSERT_GE(whole.size(), 2u);
  std::istringstream in(file);
  std::vector<std::string> streamed;
  parse_stream(in, "bom.txt", [&](Document&& d) {
    EXPECT_EQ(d.encoding, "utf-8-bom");
    streamed.push_back(to_json(d).dump());
  });
  EXPECT_EQ(streamed, whole);
}

// The lines of the table being read stay in the read block until the table
// is handed over; a large table's bytes are then let go (the block buffer is
// replaced by one holding only what follows), so they are not held while the
// recogniser builds the model. The documents must be those of the whole file
// split at once, before and after such a table, summary tables and grids.
TEST(ParseStream, DocumentsAfterALargeTableReadAsInTheWholeFile) {
  for (const std::string layout : {"summary", "project-grid"}) {
    GenerateOptions big;
    big.layout = layout;
    big.projects = layout == "summary" ? 6000 : 4500;  // over 5 MiB of text
    GenerateOptions small;
    small.layout = layout;
    const TableLayout as = layout == "summary" ? TableLayout::Summary : TableLayout::ProjectGrid;
    std::string file;
    for (std::uint64_t seed : {101u, 102u}) file += render_text_as(generate_document(seed, small), as, clean_text_options());
    const std::size_t before_big = file.size();
    file += render_text_as(generate_document(103, big), as, clean_text_options());
    ASSERT_GT(file.size() - before_big, std::size_t{5} << 20) << layout;
    for (std::uint64_t seed : {104u, 105u, 106u}) {
      std::string text = render_text_as(generate_document(seed, small), as, clean_text_options());
      // The table after the large one prints its 部门名称 line again on a later
      // page: it must not cut (the line that ended the large table is
      // remembered after that table's bytes are let go).
      if (const std::size_t dept = text.find("部门名称"); seed == 104 && dept != std::string::npos) {
        const std::size_t eol = text.find('\n', dept);
        const std::string line = text.substr(dept, eol - dept);
        text.insert(text.find('\n', text.size() / 2) + 1, "\n" + line + "\n");
      }
      file += text;
    }
    std::vector<std::string> whole;
    for (Source& part : split_tables(read_text(file, "big.txt"))) whole.push_back(to_json(recognise(part)).dump());
    ASSERT_GE(whole.size(), 4u) << layout;
    std::istringstream in(file);
    std::vector<std::string> streamed;
    parse_stream(in, "big.txt", [&](Document&& d) { streamed.push_back(to_json(d).dump()); });
    ASSERT_EQ(streamed.size(), whole.size()) << layout;
    for (std::size_t k = 0; k < whole.size(); ++k) EXPECT_EQ(streamed[k], whole[k]) << layout << " document " << k;
  }
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
