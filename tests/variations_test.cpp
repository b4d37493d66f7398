// The seeds in forms they do not show: other wrap widths, page headers in
// other places (also inside an indicator), CRLF, BOM, GBK, full-width digits.
// Each variation is a generic transformation of the text, and the reading
// must still match the seed's gold.
#include <gtest/gtest.h>

#include "test_support.hpp"
#include "text/encoding.hpp"
#include "text/utf8.hpp"

namespace jixiao::testing {
namespace {

std::vector<std::string> split_lines(const std::string& text) {
  std::vector<std::string> lines;
  std::size_t pos = 0;
  while (pos <= text.size()) {
    std::size_t nl = text.find('\n', pos);
    if (nl == std::string::npos) {
      if (pos < text.size()) lines.push_back(text.substr(pos));
      break;
    }
    lines.push_back(text.substr(pos, nl - pos));
    pos = nl + 1;
  }
  return lines;
}

std::string join_lines(const std::vector<std::string>& lines, const char* eol = "\n") {
  std::string out;
  for (const auto& l : lines) {
    out += l;
    out += eol;
  }
  return out;
}

// Summary-table seeds written as PDF text exports (not OCR, not the grid).
std::vector<Seed> text_export_seeds() {
  std::vector<Seed> out;
  for (Seed& s : seeds()) {
    if (s.text.find('\t') != std::string::npos) continue;
    if (parse_text(s.text, s.stem).layout != "summary") continue;
    out.push_back(std::move(s));
  }
  return out;
}

// Index one past the column-head block (项目名称 … 绩效指标).
std::size_t after_header(const std::vector<std::string>& lines) {
  for (std::size_t i = 0; i < lines.size(); ++i) {
    if (lines[i].find("项目名称") == std::string::npos) continue;
    for (std::size_t j = i; j < lines.size() && j < i + 8; ++j) {
      if (lines[j].find("绩效指标") != std::string::npos) return j + 1;
    }
  }
  return 0;
}

bool ends_with_figure(const std::string& line) {
  std::size_t sp = line.rfind(' ');
  std::string last = sp == std::string::npos ? line : line.substr(sp + 1);
  return !last.empty() && last.find('.') != std::string::npos &&
         last.find_first_not_of("0123456789,.") == std::string::npos;
}

bool is_row_line(const std::string& line) {
  return line.rfind("  ", 0) == 0 || ends_with_figure(line) || line.find("项目名称") != std::string::npos ||
         line.find("合计") == 0;
}

// Re-wraps every run of body text (goals and indicators) at `width` code
// points, as a PDF export with a narrower or wider column would.
std::string rewrap(const std::string& text, std::size_t width) {
  auto lines = split_lines(text);
  std::size_t start = after_header(lines);
  std::vector<std::string> out(lines.begin(), lines.begin() + static_cast<long>(start));
  std::string run;
  auto flush = [&]() {
    std::size_t i = 0, count = 0, begin = 0;
    while (i < run.size()) {
      std::size_t len = 0;
      utf8::decode(run, i, &len);
      i += len;
      if (++count == width) {
        out.push_back(run.substr(begin, i - begin));
        begin = i;
        count = 0;
      }
    }
    if (begin < run.size()) out.push_back(run.substr(begin));
    run.clear();
  };
  for (std::size_t i = start; i < lines.size(); ++i) {
    const std::string& l = lines[i];
    if (l.empty()) continue;
    if (is_row_line(l)) {
      flush();
      out.push_back(l);
    } else {
      run += std::string(utf8::trim(l));
    }
  }
  flush();
  return join_lines(out);
}

// Repeats the document's own column heads (and a page number) after every
// `every`-th line of the body, as a PDF export does at page breaks.
std::string with_page_headers(const std::string& text, std::size_t every) {
  auto lines = split_lines(text);
  std::size_t body = after_header(lines);
  std::size_t head_begin = 0;
  for (std::size_t i = 0; i < body; ++i) {
    if (lines[i].find("项目名称") != std::string::npos) {
      head_begin = i;
      break;
    }
  }
  std::vector<std::string> head(lines.begin() + static_cast<long>(head_begin),
                                lines.begin() + static_cast<long>(body));
  std::vector<std::string> out(lines.begin(), lines.begin() + static_cast<long>(body));
  int page = 2;
  for (std::size_t i = body; i < lines.size(); ++i) {
    out.push_back(lines[i]);
    if ((i - body) % every == every - 1) {
      out.push_back("");
      out.push_back("第 " + std::to_string(page++) + " 页");
      out.push_back("");
      out.insert(out.end(), head.begin(), head.end());
      out.push_back("");
    }
  }
  return join_lines(out);
}

std::string to_gb18030(const std::string& utf8_text) {
  std::string out;
  EXPECT_TRUE(convert_encoding(utf8_text, "UTF-8", "GB18030", out));
  return out;
}

std::string full_width_digits(const std::string& text) {
  std::string out;
  for (char c : text) {
    if (c >= '0' && c <= '9') {
      utf8::append(out, static_cast<char32_t>(0xFF10 + (c - '0')));
    } else {
      out.push_back(c);
    }
  }
  return out;
}

double target_for(const Seed& s) { return s.stem.rfind("002_", 0) == 0 ? 0.95 : 0.99; }

TEST(Variations, RewrappedAtOtherWidths) {
  auto all = text_export_seeds();
  ASSERT_EQ(all.size(), 3u);
  for (const Seed& s : all) {
    for (std::size_t width : {9u, 17u, 23u, 31u, 44u, 80u, 400u}) {
      std::string text = rewrap(s.text, width);
      ASSERT_NE(text, s.text);
      Score score = score_text(text, s.gold);
      EXPECT_GE(score.f1(), 0.99) << s.stem << " at width " << width << ": " << describe(score);
    }
  }
}

TEST(Variations, PageHeadersInOtherPlaces) {
  for (const Seed& s : text_export_seeds()) {
    for (std::size_t every : {3u, 7u, 11u, 29u}) {
      Score score = score_text(with_page_headers(s.text, every), s.gold);
      EXPECT_GE(score.f1(), 0.99) << s.stem << " header every " << every << " lines: " << describe(score);
    }
  }
}

TEST(Variations, IndicatorSplitAcrossAPageBreak) {
  for (const Seed& s : text_export_seeds()) {
    auto lines = split_lines(s.text);
    std::size_t body = after_header(lines);
    std::vector<std::string> head;
    for (std::size_t i = 0; i < body; ++i) {
      if (lines[i].find("项目名称") != std::string::npos)
        head.assign(lines.begin() + static_cast<long>(i), lines.begin() + static_cast<long>(body));
    }
    // Break the page right after a line that ends inside an indicator.
    int inserted = 0;
    std::vector<std::string> out;
    for (std::size_t i = 0; i < lines.size(); ++i) {
      out.push_back(lines[i]);
      if (i > body && lines[i].find("实施周期指标") != std::string::npos &&
          lines[i].find("年度指标值") == std::string::npos) {
        out.push_back("");
        out.insert(out.end(), head.begin(), head.end());
        ++inserted;
      }
    }
    ASSERT_GT(inserted, 0) << s.stem;
    Score score = score_text(join_lines(out), s.gold);
    EXPECT_GE(score.f1(), 0.99) << s.stem << ": " << describe(score);
  }
}

TEST(Variations, WithoutIndentation) {
  // Exports that drop the indentation of projects under their unit.
  for (const Seed& s : text_export_seeds()) {
    std::vector<std::string> lines;
    for (std::string l : split_lines(s.text)) {
      l.erase(0, l.find_first_not_of(' ') == std::string::npos ? l.size() : l.find_first_not_of(' '));
      lines.push_back(l);
    }
    Score score = score_text(join_lines(lines), s.gold);
    EXPECT_GE(score.f1(), 0.99) << s.stem << ": " << describe(score);
  }
}

TEST(Variations, LineEndingsBomAndEncodings) {
  for (const Seed& s : seeds()) {
    auto lines = split_lines(s.text);
    const std::pair<std::string, std::string> forms[] = {
        {"crlf", join_lines(lines, "\r\n")},
        {"bom", "\xEF\xBB\xBF" + s.text},
        {"bom+crlf", "\xEF\xBB\xBF" + join_lines(lines, "\r\n")},
        {"gb18030", to_gb18030(s.text)},
        {"full-width digits", full_width_digits(s.text)},
    };
    for (const auto& [name, text] : forms) {
      Document doc = parse_text(text, s.stem);
      Score score = score_document(s.gold, nlohmann::json::parse(to_json(doc).dump()));
      EXPECT_GE(score.f1(), target_for(s)) << s.stem << " as " << name << ": " << describe(score);
      if (name == "gb18030") EXPECT_EQ(doc.encoding, "gb18030");
      if (name == "bom") EXPECT_EQ(doc.encoding, "utf-8-bom");
    }
  }
}

}  // namespace
}  // namespace jixiao::testing
