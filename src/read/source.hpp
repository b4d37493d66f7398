// The intermediate representation between format readers and recognisers.
//
// Every reader (plain text today; PDF, OCR, DOCX, XLSX, HTML later) produces a
// Source: pages of lines, each line with its cells where the format knows
// them (tab-separated OCR output, Word table cells) and, where the format has
// geometry, their positions. Recognisers read only this, so a new format is
// one reader and a new layout is one recogniser.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "model/document.hpp"

namespace jixiao {

struct Cell {
  std::string text;
  // Position on the page in points when the reader knows it (PDF, OCR);
  // x0 < 0 means unknown (plain text).
  double x0 = -1, y0 = -1, x1 = -1, y1 = -1;
};

struct Line {
  int number = 0;           // 1-based line number in the source
  int page = 0;             // 1-based page, 0 when the source has none
  int indent = 0;           // leading spaces before the first visible character
  std::string_view text;    // the line, trimmed, reader-normalised (see read_text); owned by the Source
  std::vector<Cell> cells;  // tab/cell split when the format carries cells; empty otherwise
  bool blank() const { return text.empty(); }
};

struct Source {
  // Every line's text lives in one buffer: a line is a view, so reading a
  // large file costs one allocation, not one per line. Shared so that a
  // moved or copied Source keeps its views valid.
  std::shared_ptr<const std::string> text_buffer;
  std::string path;
  std::string encoding;  // "utf-8", "utf-8-bom", "gb18030"
  std::vector<Line> lines;
  std::vector<Diagnostic> diagnostics;  // reader-level problems (encoding, binary)
  bool readable = true;                 // false when nothing could be decoded
};

// Decodes and splits plain text: UTF-8 with or without BOM, else GB18030
// (a superset of GBK); CRLF/CR/LF; folds full-width digits, Latin letters
// and number punctuation (０-９ Ａ-Ｚ ％ ． ＋ － ＜ ＞ ＝ and U+3000) to ASCII
// while keeping CJK punctuation (（）：；，、。) as printed. Input with NUL
// bytes or that decodes in neither encoding is unreadable, with a diagnostic.
// `first_line` numbers the first line of `bytes` (a chunk of a longer file
// keeps the file's line numbers).
Source read_text(std::string_view bytes, std::string path, int first_line = 1);

}  // namespace jixiao
