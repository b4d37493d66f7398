// read_text folds full-width forms and form feeds over the whole text at
// once, where it holds any, and makes each line and cell a view into that
// text: a line must read the same in a text that holds them elsewhere as in
// a text of its own.
#include <gtest/gtest.h>

#include <random>
#include <string>
#include <vector>

#include "read/source.hpp"
#include "read/text_facts.hpp"
#include "text/line_words.hpp"
#include "text/utf8.hpp"

namespace jixiao {
namespace {

TEST(ReadText, EachLineReadsAsItWouldAlone) {
  const std::vector<std::string> raw = {
      "项目名称：甲",
      "金额：１２．５万元",        // full-width figures: folded
      "\f第2页",                  // a form feed: a space, then trimmed
      "单位\xE3\x80\x80名称",     // an ideographic space: folded
      "（一）说明：，；。",        // CJK punctuation: kept as printed
      "\t一级指标\t指标值",
  };
  std::string text;
  for (const std::string& l : raw) text += l + "\n";
  const Source all = read_text(text, "t.txt");
  ASSERT_EQ(all.lines.size(), raw.size());
  EXPECT_EQ(all.lines[1].text, "金额：12.5万元");
  EXPECT_EQ(all.lines[2].text, "第2页");
  EXPECT_EQ(all.lines[3].text, "单位 名称");
  EXPECT_EQ(all.lines[4].text, "（一）说明：，；。");
  for (std::size_t k = 0; k < raw.size(); ++k) {
    const Source one = read_text(raw[k], "one.txt");
    ASSERT_EQ(one.lines.size(), 1u) << k;
    EXPECT_EQ(one.lines[0].text, all.lines[k].text) << k;
    EXPECT_EQ(one.lines[0].indent, all.lines[k].indent) << k;
    ASSERT_EQ(one.lines[0].cells.size(), all.lines[k].cells.size()) << k;
    for (std::size_t c = 0; c < one.lines[0].cells.size(); ++c)
      EXPECT_EQ(one.lines[0].cells[c].text, all.lines[k].cells[c].text) << k;
  }
  // A text with none of them keeps every line as printed.
  const Source plain = read_text("项目名称：乙\n（二）目标：1、2\n", "plain.txt");
  ASSERT_EQ(plain.lines.size(), 2u);
  EXPECT_EQ(plain.lines[0].text, "项目名称：乙");
  EXPECT_EQ(plain.lines[1].text, "（二）目标：1、2");
}

// Cells are views into the Source's text, all of a reading's cells in one
// store: each cell is its line's text between tabs, trimmed and folded as
// the line is, and stays valid in a copy that outlives the Source read.
TEST(ReadText, CellsAreViewsOfTheirLineThatOutliveTheReading) {
  Source copy;
  {
    const Source src = read_text("\t项目名称\t 某项目 \n\n 　甲\t\t１２．５\t\n无格\n", "cells.txt");
    copy = src;
  }
  ASSERT_EQ(copy.lines.size(), 4u);
  ASSERT_TRUE(copy.text_buffer && copy.cell_store);
  const std::string_view all(*copy.text_buffer);
  const std::vector<std::vector<std::string_view>> want = {{"", "项目名称", "某项目"}, {}, {"甲", "", "12.5", ""}, {}};
  for (std::size_t k = 0; k < want.size(); ++k) {
    const Line& line = copy.lines[k];
    ASSERT_EQ(line.cells.size(), want[k].size()) << k;
    for (std::size_t c = 0; c < want[k].size(); ++c) {
      EXPECT_EQ(line.cells[c].text, want[k][c]) << k << " " << c;
      if (line.cells[c].text.empty()) continue;
      // Inside the line's own text, which is inside the buffer.
      EXPECT_GE(line.cells[c].text.data(), line.text.data());
      EXPECT_LE(line.cells[c].text.data() + line.cells[c].text.size(), line.text.data() + line.text.size());
      EXPECT_GE(line.text.data(), all.data());
      EXPECT_LE(line.text.data() + line.text.size(), all.data() + all.size());
    }
  }
  EXPECT_EQ(copy.lines[2].text, "甲\t\t12.5");
}

// What read_text asks of the whole text (a NUL, valid UTF-8, a CR, a form
// feed, a foldable form, the line count) comes from one pass that looks at
// sixteen ASCII bytes at a time and at Chinese text a character at a time:
// each must be seen wherever it sits, before, inside or after a run of
// either, and at every offset within a block of sixteen.
TEST(ReadText, OnePassFindsWhatEachLineNeedsAtAnyOffset) {
  const std::vector<std::string> specials = {"１２", "\xE3\x80\x80", "\f", "\r", "Ａ"};
  for (const std::string& special : specials) {
    for (std::size_t pad = 0; pad < 20; ++pad) {
      for (const std::string& filler : {std::string("a"), std::string("项")}) {
        std::string line;
        for (std::size_t k = 0; k < pad; ++k) line += filler;
        line += "指标" + special + "值";
        const std::string text = "甲乙\n" + line + "\n末\n";
        const Source src = read_text(text, "s.txt");
        const Source alone = read_text(line, "one.txt");
        ASSERT_FALSE(alone.lines.empty());
        // A CR ends a line of its own (as in a text that holds one alone).
        const std::size_t expect = special == "\r" ? 4u : 3u;
        ASSERT_EQ(src.lines.size(), expect) << pad << " " << filler;
        EXPECT_EQ(src.lines[1].text, alone.lines[0].text) << pad << " " << filler;
        EXPECT_EQ(src.encoding, "utf-8");
      }
    }
  }
  // A NUL anywhere, after ASCII or after Chinese text, makes the text binary.
  for (std::size_t pad = 0; pad < 20; ++pad) {
    for (const std::string& filler : {std::string("a"), std::string("项")}) {
      std::string text;
      for (std::size_t k = 0; k < pad; ++k) text += filler;
      text += std::string(1, '\0') + "尾\n";
      const Source src = read_text(text, "nul.txt");
      EXPECT_FALSE(src.readable) << pad;
    }
  }
  // A byte that is not UTF-8 after a long valid stretch: still told apart.
  std::string damaged;
  for (int k = 0; k < 40; ++k) damaged += "项目名称\t12.5\n";
  damaged += "坏\xFF字\n";
  const Source bad = read_text(damaged, "bad.txt");
  EXPECT_EQ(bad.encoding, "utf-8");
  ASSERT_EQ(bad.diagnostics.size(), 1u);
  EXPECT_EQ(bad.diagnostics[0].code, "read.encoding");
}

// The same on texts pieced together at random from what tables hold (ASCII
// figures, tabs, Chinese text, full-width forms, CJK punctuation) and what
// they should not (two- and four-byte characters, E0/ED leads, stray bytes):
// a text reads as clean UTF-8 exactly when utf8::valid says so, and each line
// reads as it does alone, whatever lies around it.
TEST(ReadText, OnePassAgreesWithTheReferenceOnRandomTexts) {
  const std::vector<std::string> pieces = {
      "a", "12.5", "\t", "\n", " ", "项目", "指标值", "，", "：", "（一）", "１", "％", "Ａ", "\xE3\x80\x80", "\n\t",
      "\f", "\r\n", "\xC2\xB7", "\xF0\x9F\x98\x80", "\xE0\xA4\x85", "\xED\x9F\xBF", "\xE4\xB8", "\x80", "\xFF"};
  std::mt19937 random(7);
  for (int round = 0; round < 3000; ++round) {
    std::string text = "甲";  // never a byte order mark at the start
    const int count = 1 + static_cast<int>(random() % 60);
    // Most texts clean, so the line comparison below runs often.
    const std::size_t usable = round % 3 == 0 ? pieces.size() : pieces.size() - 7;
    for (int k = 0; k < count; ++k) text += pieces[random() % usable];
    const Source src = read_text(text, "r.txt");
    const bool clean = src.readable && src.encoding == "utf-8" && src.diagnostics.empty();
    ASSERT_EQ(clean, utf8::valid(text)) << round;
    if (!clean) continue;
    // The line ends handed over as parse_stream finds them read the same.
    std::vector<std::size_t> ends;
    for (std::size_t at = text.find('\n'); at != std::string::npos; at = text.find('\n', at + 1)) ends.push_back(at);
    const Source hinted = read_text_lines(text, "r.txt", 1, ends);
    ASSERT_EQ(hinted.lines.size(), src.lines.size()) << round;
    // Lines as read_text splits them (CR ends one too), each read alone:
    // its text, indent and cells, also where the whole text is folded at
    // once and lines and cells are views into it.
    std::size_t k = 0, pos = 0;
    while (pos <= text.size() && k < src.lines.size()) {
      std::size_t end = text.find_first_of("\r\n", pos);
      if (end == std::string::npos) end = text.size();
      const Source alone = read_text(text.substr(pos, end - pos), "one.txt");
      const Line empty;
      const Line& want = alone.lines.empty() ? empty : alone.lines[0];
      for (const Source* read : {&src, &hinted}) {
        const Line& got = read->lines[k];
        ASSERT_EQ(got.text, want.text) << round << " line " << k;
        EXPECT_EQ(got.indent, want.indent) << round << " line " << k;
        EXPECT_EQ(got.words, want.words) << round << " line " << k;
        ASSERT_EQ(got.cells.size(), want.cells.size()) << round << " line " << k;
        for (std::size_t c = 0; c < want.cells.size(); ++c) {
          EXPECT_EQ(got.cells[c].text, want.cells[c].text) << round << " line " << k << " cell " << c;
          EXPECT_GE(got.cells[c].text.data(), got.text.data());
          EXPECT_LE(got.cells[c].text.data() + got.cells[c].text.size(), got.text.data() + got.text.size());
        }
      }
      ++k;
      if (end >= text.size()) break;
      pos = end + 1;
      if (text[end] == '\r' && pos < text.size() && text[pos] == '\n') ++pos;
    }
  }
}

// A line's cells are its text split at every tab (leading spaces dropped
// first), each trimmed of spaces and tabs, as views into the whole text:
// checked against that plain split on random lines, with tabs at every
// offset of a sixteen-byte block, after ASCII and after Chinese text, and at
// the very end of a text.
TEST(ReadText, CellsAreThePlainSplitAtTabs) {
  auto plain_cells = [](std::string_view line) {
    std::vector<std::string_view> cells;
    if (line.find('\t') == std::string_view::npos) return cells;
    while (!line.empty() && line.front() == ' ') line.remove_prefix(1);
    auto trim = [](std::string_view c) {
      while (!c.empty() && (c.front() == ' ' || c.front() == '\t')) c.remove_prefix(1);
      while (!c.empty() && (c.back() == ' ' || c.back() == '\t')) c.remove_suffix(1);
      return c;
    };
    for (std::size_t start = 0;;) {
      const std::size_t tab = line.find('\t', start);
      cells.push_back(trim(line.substr(start, tab == std::string_view::npos ? line.npos : tab - start)));
      if (tab == std::string_view::npos) break;
      start = tab + 1;
    }
    return cells;
  };
  auto check = [&](const std::string& text, const std::string& what) {
    const Source src = read_text(text, "tabs.txt");
    std::size_t k = 0;
    for (std::size_t pos = 0; pos <= text.size() && k < src.lines.size(); ++k) {
      std::size_t end = text.find('\n', pos);
      if (end == std::string::npos) end = text.size();
      const std::vector<std::string_view> want = plain_cells(std::string_view(text).substr(pos, end - pos));
      const Line& got = src.lines[k];
      ASSERT_EQ(got.cells.size(), want.size()) << what << " line " << k;
      for (std::size_t c = 0; c < want.size(); ++c) EXPECT_EQ(got.cells[c].text, want[c]) << what << " line " << k;
      pos = end + 1;
    }
  };
  for (std::size_t at = 0; at <= 40; ++at) {
    for (const std::string& filler : {std::string("a"), std::string("项"), std::string(" ")}) {
      std::string line;
      for (std::size_t k = 0; k < at; ++k) line += filler;
      const std::string tabbed = line + "\t值" + line + "\t";
      check("甲\n" + tabbed + "\n" + line + "\n", "offset " + std::to_string(at));
      check(tabbed, "at the end, offset " + std::to_string(at));  // no byte after the last tab
      check(line + "\t", "a last tab, offset " + std::to_string(at));
    }
  }
  const std::vector<std::string> pieces = {"\t", "\t", " ", "a", "项目", "12.5", "，", "\n", "\n\t",
                                           "指标值指标值指标值指标值"};
  std::mt19937 random(11);
  for (int round = 0; round < 3000; ++round) {
    std::string text;
    const int count = static_cast<int>(random() % 80);
    for (int k = 0; k < count; ++k) text += pieces[random() % pieces.size()];
    check(text, "round " + std::to_string(round));
  }
}

// A CR or CRLF ends a line as '\n' does, and a line's tabs stay its own:
// the cells of a text with them are those of the same text with '\n', on
// random lines that hold tabs and lines that hold none.
TEST(ReadText, CellsEndAtEveryKindOfLineBreak) {
  const std::vector<std::string> pieces = {"\t", "\t", " ", "a", "项目", "\r\n", "\r", "\n", "\r\n\t", "\r\t"};
  std::mt19937 random(12);
  for (int round = 0; round < 2000; ++round) {
    std::string text;
    const int count = static_cast<int>(random() % 60);
    for (int k = 0; k < count; ++k) text += pieces[random() % pieces.size()];
    // The same breaks as '\n': a CRLF (two pieces may make one) is one break.
    std::string lf;
    for (std::size_t i = 0; i < text.size(); ++i) {
      if (text[i] == '\r' && i + 1 < text.size() && text[i + 1] == '\n') continue;
      lf += text[i] == '\r' ? '\n' : text[i];
    }
    const Source got = read_text(text, "cr.txt");
    const Source want = read_text(lf, "lf.txt");
    ASSERT_EQ(got.lines.size(), want.lines.size()) << "round " << round;
    for (std::size_t k = 0; k < want.lines.size(); ++k) {
      EXPECT_EQ(got.lines[k].text, want.lines[k].text) << "round " << round << " line " << k;
      ASSERT_EQ(got.lines[k].cells.size(), want.lines[k].cells.size()) << "round " << round << " line " << k;
      for (std::size_t c = 0; c < want.lines[k].cells.size(); ++c)
        EXPECT_EQ(got.lines[k].cells[c].text, want.lines[k].cells[c].text) << "round " << round << " line " << k;
    }
  }
}

// parse_stream hands read_text the offsets of the '\n' it found while
// splitting the file; the reading is the same as without them, and offsets
// that do not fit the bytes are not used.
TEST(ReadText, KnownLineEndsReadTheSame) {
  const std::string text = "项目名称\t甲\n\n 金额：１２．５\t\n末行";
  std::vector<std::size_t> ends;
  for (std::size_t at = text.find('\n'); at != std::string::npos; at = text.find('\n', at + 1)) ends.push_back(at);
  const Source plain = read_text(text, "t.txt", 7);
  const Source hinted = read_text_lines(text, "t.txt", 7, ends);
  const std::vector<std::size_t> wrong = {3};
  const Source ignored = read_text_lines(text, "t.txt", 7, wrong);
  for (const Source* src : {&hinted, &ignored}) {
    ASSERT_EQ(src->lines.size(), plain.lines.size());
    for (std::size_t k = 0; k < plain.lines.size(); ++k) {
      EXPECT_EQ(src->lines[k].number, plain.lines[k].number);
      EXPECT_EQ(src->lines[k].text, plain.lines[k].text);
      EXPECT_EQ(src->lines[k].indent, plain.lines[k].indent);
      EXPECT_EQ(src->lines[k].cells.size(), plain.lines[k].cells.size());
    }
  }
}

// Every reading carries its lines' words (text/line_words.hpp), found on
// the text as read: decoded, folded, cut at CR too. A caller's words are
// taken only where its lines are the reading's; wrong ones in number are not.
TEST(ReadText, LinesCarryTheirWords) {
  const std::string utf8 =
      "\xEF\xBB\xBF部门名称：某局\n\n项目名称\t资金使用单位\n  部门\n名称 目标\n末行１２目";
  std::string gb;
  for (const char c : std::string("\xB2\xBF\xC3\xC5\xC3\xFB\xB3\xC6\n\xC4\xBF\xB1\xEA\n"))
    gb += c;  // 部门名称 / 目标
  const std::string cr = "部门名称\r目\r\n单位";
  for (const std::string& text : {utf8, gb, cr}) {
    const Source src = read_text(text, "t.txt");
    ASSERT_TRUE(src.words_known);
    for (const Line& line : src.lines) {
      std::uint8_t expected = 0;
      if (utf8::find(line.text, "部门名称") != std::string_view::npos) expected |= line_word::kDepartmentName;
      if (utf8::find(line.text, "目") != std::string_view::npos) expected |= line_word::kMu;
      if (utf8::find(line.text, "称") != std::string_view::npos) expected |= line_word::kCheng;
      if (utf8::find(line.text, "位") != std::string_view::npos) expected |= line_word::kWei;
      EXPECT_EQ(line.words, expected) << line.number << ": " << line.text;
    }
  }
  EXPECT_EQ(read_text(gb, "t.txt").lines[0].words, line_word::kDepartmentName | line_word::kCheng);

  std::vector<std::size_t> ends;
  for (std::size_t at = utf8.find('\n'); at != std::string::npos; at = utf8.find('\n', at + 1))
    ends.push_back(at);
  const Source plain = read_text(utf8, "t.txt");
  // The caller's words are taken as they are (here all set: a test can tell).
  const std::vector<std::uint8_t> all_set(ends.size() + 1, line_word::kText);
  const Source given = read_text_lines(utf8, "t.txt", 1, ends, all_set);
  for (const Line& line : given.lines) EXPECT_EQ(line.words, line_word::kText);
  // One too few: found again.
  const std::vector<std::uint8_t> short_by_one(ends.size(), line_word::kText);
  const Source found = read_text_lines(utf8, "t.txt", 1, ends, short_by_one);
  ASSERT_EQ(found.lines.size(), plain.lines.size());
  for (std::size_t k = 0; k < plain.lines.size(); ++k) EXPECT_EQ(found.lines[k].words, plain.lines[k].words);
}

// A caller's title answers (line_word::kTitle, parse_stream's) are kept
// where a line's text is the bytes the caller tested, and dropped where the
// reading changed them: a folded form or a form feed anywhere in the text, a
// byte order mark before the first line.
TEST(ReadText, TitleAnswersAreKeptOnlyForTheBytesTested) {
  auto read_with_titles = [](const std::string& text) {
    std::vector<std::size_t> ends;
    for (std::size_t at = text.find('\n'); at != std::string::npos; at = text.find('\n', at + 1))
      ends.push_back(at);
    // One answer per line as the caller splits them (a last '\n' opens none).
    const std::vector<std::uint8_t> titles(ends.size() + (text.back() != '\n' ? 1 : 0), line_word::kTitle);
    return read_text_lines(text, "t.txt", 1, ends, titles);
  };
  const Source plain = read_with_titles("某局绩效目标表\n\t706991某局\n");
  ASSERT_EQ(plain.lines.size(), 2u);
  for (const Line& line : plain.lines) EXPECT_EQ(line.words & line_word::kTitle, line_word::kTitle);
  for (const std::string& changed : {std::string("某局绩效目标表\n\t７０６９９１某局\n"),
                                     std::string("某局绩效目标表\f\n\t706991某局\n")}) {
    const Source read = read_with_titles(changed);
    ASSERT_EQ(read.lines.size(), 2u);
    for (const Line& line : read.lines) EXPECT_EQ(line.words & line_word::kTitle, 0) << changed;
  }
  const Source bom = read_with_titles("\xEF\xBB\xBF某局绩效目标表\n\t706991某局\n");
  ASSERT_EQ(bom.lines.size(), 2u);
  EXPECT_EQ(bom.lines[0].words & line_word::kTitle, 0);
  EXPECT_EQ(bom.lines[1].words & line_word::kTitle, line_word::kTitle);
}

// scan_text against each question asked on its own, on texts pieced
// together at random (the pieces of the test above, and long runs of Chinese
// text so that the block test carries characters across many blocks, with
// the odd piece at every offset against them).
TEST(ScanText, AgreesWithEachQuestionAskedAlone) {
  const std::vector<std::string> pieces = {"a",
                                           "12.5",
                                           "\t",
                                           "\n",
                                           " ",
                                           "项目",
                                           "指标值",
                                           "，",
                                           "：",
                                           "（一）",
                                           "１",
                                           "％",
                                           "Ａ",
                                           "ｚ",
                                           "\xE3\x80\x80",
                                           "\f",
                                           "\r\n",
                                           "\r",
                                           std::string(1, '\0'),
                                           "\xC2\xB7",
                                           "\xF0\x9F\x98\x80",
                                           "\xE0\xA4\x85",
                                           "\xED\x9F\xBF",
                                           "\xE4\xB8",
                                           "\x80",
                                           "\xFF",
                                           "\xEF\xBC",
                                           "\xEF"};
  auto reference = [](std::string_view s) {
    TextFacts f;
    f.valid = utf8::valid(s);
    if (!f.valid) return f;
    for (std::size_t i = 0; i < s.size();) {
      std::size_t len = 0;
      const char32_t cp = utf8::decode(s, i, &len);
      f.newlines += cp == '\n';
      f.tabs += cp == '\t';
      f.cr = f.cr || cp == '\r';
      f.ff = f.ff || cp == '\f';
      f.nul = f.nul || cp == 0;
      f.fold = f.fold || cp == 0x3000 || (cp >= 0xFF10 && cp <= 0xFF19) || (cp >= 0xFF21 && cp <= 0xFF3A) ||
               (cp >= 0xFF41 && cp <= 0xFF5A) || cp == 0xFF05 || cp == 0xFF0E || cp == 0xFF0B ||
               cp == 0xFF0D || cp == 0xFF1D || cp == 0xFF0F;
      i += len;
    }
    return f;
  };
  std::mt19937 random(11);
  for (int round = 0; round < 20000; ++round) {
    std::string text;
    const int count = 1 + static_cast<int>(random() % 40);
    const std::size_t usable = round % 3 == 0 ? pieces.size() : 14;  // most texts clean
    for (int k = 0; k < count; ++k) {
      if (random() % 4 == 0) {
        for (unsigned r = random() % 24; r > 0; --r) text += "项";
      } else {
        text += pieces[random() % usable];
      }
    }
    const TextFacts want = reference(text);
    // Both ways: thirty-two bytes at a time where the processor can (AVX2),
    // and sixteen as elsewhere.
    for (const TextFacts& got : {scan_text(text), scan_text_narrow(text)}) {
      ASSERT_EQ(got.valid, want.valid) << round;
      if (!want.valid) continue;
      ASSERT_EQ(got.newlines, want.newlines) << round;
      ASSERT_EQ(got.tabs, want.tabs) << round;
      ASSERT_EQ(got.cr, want.cr) << round;
      ASSERT_EQ(got.ff, want.ff) << round;
      ASSERT_EQ(got.nul, want.nul) << round;
      ASSERT_EQ(got.fold, want.fold) << round;
    }
  }
  // Line and tab counts past a lane's 255, and a character cut at the very end
  // (of a sixteen- and a thirty-two-byte block).
  std::string many;
  for (int k = 0; k < 3000; ++k) many += "项目\t名称\n";
  for (const TextFacts& f : {scan_text(many), scan_text_narrow(many)}) {
    EXPECT_EQ(f.newlines, 3000u);
    EXPECT_EQ(f.tabs, 3000u);
  }
  for (std::size_t cut = 1; cut <= 2; ++cut) {
    std::string text;
    for (int k = 0; k < 32; ++k) text += "项";
    text.resize(text.size() - cut);
    for (const std::size_t size : {text.size(), std::size_t{16}, std::size_t{32}, std::size_t{64}}) {
      // 项项项项项 + E9 (16), 项×10 + E9 E1 (32), 项×21 + E9 (64): cut at a block's end
      EXPECT_FALSE(scan_text(text.substr(0, size)).valid) << cut << " " << size;
      EXPECT_FALSE(scan_text_narrow(text.substr(0, size)).valid) << cut << " " << size;
    }
  }
}

}  // namespace
}  // namespace jixiao
