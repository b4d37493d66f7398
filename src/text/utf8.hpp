// Small UTF-8 helpers for recognisers: decoding, validity, and the text
// operations the tables need (CJK-aware trimming and joining of wrapped lines).
#pragma once

#include <string>
#include <string_view>

namespace jixiao::utf8 {

// Decodes the code point at `pos`; sets *len to its byte length (≥ 1).
// Invalid sequences decode as U+FFFD with length 1, so loops always advance.
char32_t decode(std::string_view s, std::size_t pos, std::size_t* len);
void append(std::string& out, char32_t cp);
bool valid(std::string_view s);
// Byte offset of `needle` in `hay` at or after `from`, npos when absent.
// Tests sixteen starts at a time on three of the needle's bytes: in Chinese
// text any single byte recurs every few characters, so a one-byte scan
// (memchr, std::string_view::find) stops far too often.
std::size_t find(std::string_view hay, std::string_view needle, std::size_t from = 0);
std::string sanitize(std::string_view s);  // invalid bytes → U+FFFD

bool is_cjk(char32_t cp);  // ideographs and CJK/full-width punctuation

// Joins lines that a PDF export wrapped: no space where either side is CJK,
// one space between two Latin words, none after a hyphen.
void append_wrapped(std::string& out, std::string_view next);

// Removes spaces OCR put between CJK characters ("信息化 建设项目").
std::string squeeze_cjk_spaces(std::string_view s);

// trim of a text that has something to trim at either end.
std::string_view trim_ends(std::string_view s);

// Without the ASCII spaces (space, tab, CR, LF) and U+3000 at either end.
// Inline: asked of nearly every cell, most of which have none, told by their
// first and last bytes (U+3000 is E3 80 80) without a call.
[[gnu::always_inline]] inline std::string_view trim(std::string_view s) {
  if (s.empty()) return s;
  auto space = [](unsigned char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; };
  const auto front = static_cast<unsigned char>(s.front()), back = static_cast<unsigned char>(s.back());
  if (!space(front) && front != 0xE3 && !space(back) && back != 0x80) return s;
  return trim_ends(s);
}
std::size_t length(std::string_view s);  // code points
// 1 − edit distance / longer length, over code points (1 for two empty texts).
double similarity(std::string_view a, std::string_view b);

// At most `n` code points from the start, never cutting a character.
std::string_view prefix(std::string_view s, std::size_t n);

}  // namespace jixiao::utf8
