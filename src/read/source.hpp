// The intermediate representation between format readers and recognisers.
//
// Every reader (text, PDF, scans, DOCX, XLSX, XLS, HTML) produces a Source:
// pages of lines, each line with its cells where the format knows them and,
// where the format has geometry, their positions. Recognisers read only this,
// so a new format is one reader and a new layout is one recogniser.
//
// Table formats follow one convention (the one a Word text export has, which
// the recognisers were built on): a table row is one line whose cells are the
// row's real cells in printed order — a cell spanning columns appears once, a
// cell covered by a merge from above appears empty — followed by a blank
// line; a one-cell row is written with an empty leading cell ("\tcell"), and
// text outside tables is a line without cells. Readers with geometry (PDF,
// scans) rebuild the real cells from ruling lines, so cell k of a row is the
// column under the header's cell k, not a guess from the order of figures.
#pragma once

#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "model/document.hpp"

namespace jixiao {

struct Cell {
  std::string_view text;    // trimmed; a view into the Source's text_buffer, like Line::text
  // Position on the page in points (scans: pixels), origin at the top left,
  // when the reader knows it (PDF, OCR); x0 < 0 means unknown.
  double x0 = -1, y0 = -1, x1 = -1, y1 = -1;
  int page = 0;             // 1-based page of the box; 0 when unknown
  float confidence = -1;    // OCR word confidence 0–100 (the cell's lowest); -1 when not OCR
  bool has_box() const { return x0 >= 0; }
};

struct Line {
  int number = 0;           // 1-based line number in the source
  int page = 0;             // 1-based page, 0 when the source has none
  int last_page = 0;        // a table row a page break cut: the page it ends on (0: same page)
  int indent = 0;           // leading spaces before the first visible character
  std::string_view text;    // the line, trimmed, reader-normalised (see read_text); owned by the Source
  // Tab/cell split when the format carries cells; empty otherwise. A span of
  // the Source's cell_store.
  std::span<Cell> cells;
  // Box of the whole line (a table row: the union of its cells) on `page`;
  // x0 < 0 when the format has no geometry.
  double x0 = -1, y0 = -1, x1 = -1, y1 = -1;
  // The words of text/line_words.hpp the text holds (line_word::kText bits),
  // when the Source's words_known says they were found.
  std::uint8_t words = 0;
  bool blank() const { return text.empty(); }
};

struct Source {
  // Every line's text lives in one buffer: a line is a view, so reading a
  // large file costs one allocation, not one per line. Shared so that a
  // moved or copied Source keeps its views valid.
  std::shared_ptr<const std::string> text_buffer;
  // Likewise every line's cells, in one vector (a line's cells are a span
  // of it, so a row costs no allocation of its own).
  std::shared_ptr<std::vector<Cell>> cell_store;
  std::string path;
  std::string encoding;  // "utf-8", "utf-8-bom", "gb18030"
  std::string format = "text";  // the reader: text, pdf, scan, docx, xlsx, xls, html
  std::vector<Line> lines;
  std::vector<Diagnostic> diagnostics;  // reader-level problems (encoding, binary)
  bool readable = true;                 // false when nothing could be decoded
  // Every line's `words` were found (read_text does); a Source put together
  // otherwise leaves them to be searched by whoever asks (SourceWords).
  bool words_known = false;
};

// Decodes and splits plain text: UTF-8 with or without BOM, else GB18030
// (a superset of GBK); CRLF/CR/LF; folds full-width digits, Latin letters
// and number punctuation (０-９ Ａ-Ｚ ％ ． ＋ － ＜ ＞ ＝ and U+3000) to ASCII
// while keeping CJK punctuation (（）：；，、。) as printed. Input with NUL
// bytes or that decodes in neither encoding is unreadable, with a diagnostic.
// `first_line` numbers the first line of `bytes` (a chunk of a longer file
// keeps the file's line numbers).
Source read_text(std::string_view bytes, std::string path, int first_line = 1);

// read_text for a caller that has already found every '\n' in `bytes`
// (parse_stream, which splits the file into lines as it reads): `newlines`
// holds their offsets in order, and lines end there without another search.
// Offsets that do not match the bytes' own count of '\n' are ignored.
// `line_words`, when given, holds each line's words (text/line_words.hpp),
// one per line of `bytes` as the caller split them: taken as the lines'
// words where the lines are those bytes' lines unchanged but for folding
// (valid UTF-8, no CR, the '\n' where the caller found them), and found by
// a pass of their own otherwise.
Source read_text_lines(std::string_view bytes, std::string path, int first_line,
                       std::span<const std::size_t> newlines, std::span<const std::uint8_t> line_words = {});

}  // namespace jixiao
