// The rendered tables as a person sees them: seed golds and generated
// documents rendered to HTML and PDF, photographed as PNG into
// build/screenshots/ (Chromium's --screenshot for the HTML page, pdftoppm for
// every PDF page), and checked: the images exist with the expected size and
// are not blank, and every printed PDF page carries the column head (the
// head repeats on each page) and the captions are on the first.
//
// The PNGs are for looking at: open build/screenshots/*.png.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <memory>
#include <string>
#include <vector>

#include "model/json.hpp"
#include "render/chromium.hpp"
#include "render/html_render.hpp"
#include "render/render.hpp"
#include "synth/generator.hpp"
#include "test_support.hpp"

namespace jixiao {
namespace {

namespace fs = std::filesystem;
using testing::run_command;

fs::path screenshot_dir() {
  fs::path dir = fs::path(JIXIAO_BINARY).parent_path() / "screenshots";
  fs::create_directories(dir);
  return dir;
}

struct PngSize {
  std::uint32_t width = 0, height = 0;
};

// Width and height from the PNG signature and IHDR chunk.
std::optional<PngSize> png_size(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  unsigned char b[24] = {};
  if (!in.read(reinterpret_cast<char*>(b), sizeof b)) return std::nullopt;
  static const unsigned char kSig[8] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
  if (!std::equal(kSig, kSig + 8, b) || std::string(reinterpret_cast<char*>(b + 12), 4) != "IHDR")
    return std::nullopt;
  auto be = [&](int at) {
    return (std::uint32_t{b[at]} << 24) | (std::uint32_t{b[at + 1]} << 16) | (std::uint32_t{b[at + 2]} << 8) |
           b[at + 3];
  };
  return PngSize{be(16), be(20)};
}


std::string quoted(const fs::path& p) { return "'" + p.string() + "'"; }

// A blank page compresses to almost nothing; a page of table does not.
constexpr std::uintmax_t kMinInkBytes = 12000;

void look_at(const Document& doc, TableLayout layout, const std::string& name, int min_pages) {
  const fs::path dir = screenshot_dir();
  const fs::path html = dir / (name + ".html");
  const fs::path pdf = dir / (name + ".pdf");
  std::ofstream(html, std::ios::binary) << render_html(doc, layout);

  // The screen: a 1600×1000 window over the top of the page.
  const fs::path shot = dir / (name + "_html.png");
  std::string error = screenshot_html(html.string(), shot.string(), 1600, 1000);
  ASSERT_EQ(error, "") << name;
  std::optional<PngSize> size = png_size(shot);
  ASSERT_TRUE(size) << shot << " is not a PNG";
  EXPECT_EQ(size->width, 1600u) << shot;
  EXPECT_EQ(size->height, 1000u) << shot;
  EXPECT_GT(fs::file_size(shot), kMinInkBytes) << shot << " looks blank";

  // Paper: every page of the PDF at 60 dpi, A4 landscape = 702×496 px.
  error = render_to_file(doc, layout, OutputFormat::Pdf, pdf.string());
  ASSERT_EQ(error, "") << name;
  for (const auto& e : fs::directory_iterator(dir)) {
    if (e.path().filename().string().rfind(name + "_pdf-", 0) == 0) fs::remove(e.path());
  }
  int status = 0;
  run_command("pdftoppm -r 60 -png " + quoted(pdf) + " " + quoted(dir / (name + "_pdf")) + " 2>&1", &status);
  ASSERT_EQ(status, 0) << "pdftoppm failed on " << pdf;
  int pages = 0;
  for (const auto& e : fs::directory_iterator(dir)) {
    const std::string f = e.path().filename().string();
    if (f.rfind(name + "_pdf-", 0) != 0 || e.path().extension() != ".png") continue;
    ++pages;
    std::optional<PngSize> s = png_size(e.path());
    ASSERT_TRUE(s) << e.path();
    EXPECT_NEAR(s->width, 702, 2) << e.path() << ": not A4 landscape";
    EXPECT_NEAR(s->height, 496, 2) << e.path() << ": not A4 landscape";
    EXPECT_GT(fs::file_size(e.path()), kMinInkBytes / 2) << e.path() << " looks blank";
  }
  EXPECT_GE(pages, min_pages) << pdf;

  // What is printed where: the captions on page 1, the column head on every
  // page of the summary (repeated table head).
  std::string text = run_command("pdftotext -layout " + quoted(pdf) + " - 2>&1", &status);
  ASSERT_EQ(status, 0) << "pdftotext failed on " << pdf;
  std::vector<std::string> page_texts;
  std::size_t start = 0;
  for (std::size_t ff = text.find('\f'); ff != std::string::npos; ff = text.find('\f', start)) {
    page_texts.push_back(text.substr(start, ff - start));
    start = ff + 1;
  }
  if (start < text.size() && text.find_first_not_of(" \n", start) != std::string::npos) {
    page_texts.push_back(text.substr(start));
  }
  ASSERT_FALSE(page_texts.empty()) << pdf << " has no text";
  EXPECT_NE(page_texts[0].find("单位：" + doc.amount_unit), std::string::npos) << pdf;
  if (layout == TableLayout::Summary) {
    EXPECT_NE(page_texts[0].find("部门名称："), std::string::npos) << pdf;
    for (std::size_t i = 0; i < page_texts.size(); ++i) {
      // Narrow heads wrap inside their cells (财政专户/拨款); these fit on a line.
      for (const char* head : {"财政拨款", "其他资金", "绩效目标", "绩效指标"}) {
        EXPECT_NE(page_texts[i].find(head), std::string::npos)
            << pdf << " page " << i + 1 << " lacks the column head " << head;
      }
    }
  } else {
    EXPECT_NE(page_texts[0].find("一级指标"), std::string::npos) << pdf;
  }
}

Document gold(const std::string& prefix) { return testing::gold_document(prefix); }

class Screenshots : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!find_chromium())
      FAIL() << "no Chromium to render with (Debian package chromium; or JIXIAO_CHROMIUM)";
  }
};

TEST_F(Screenshots, SeedSummaries) {
  for (const char* seed : {"000_", "001_"})
    look_at(gold(seed), TableLayout::Summary, std::string("seed_") + seed + "summary", 1);
}

TEST_F(Screenshots, SeedProjectGrid) {
  look_at(gold("003_"), TableLayout::ProjectGrid, "seed_003_project", 2);
}

TEST_F(Screenshots, GeneratedDocuments) {
  GenerateOptions g;
  g.min_units = 3;
  g.max_units = 3;
  look_at(generate_document(11, g), TableLayout::Summary, "generated_summary", 3);
  g.layout = "project-grid";
  g.min_projects = 3;
  g.max_projects = 3;
  look_at(generate_document(12, g), TableLayout::ProjectGrid, "generated_project", 2);
}

}  // namespace
}  // namespace jixiao
