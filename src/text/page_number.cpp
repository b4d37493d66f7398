#include "text/page_number.hpp"

#include <algorithm>
#include <cstring>
#include <string>

#include "text/key.hpp"
#include "text/utf8.hpp"

namespace jixiao {

namespace {

constexpr std::string_view kDi = "第";
constexpr std::string_view kYe = "页";
constexpr std::string_view kGong = "共";

bool at(std::string_view s, std::size_t i, std::string_view word) { return s.substr(i, word.size()) == word; }

// `dropped` holds a byte or two: a loop, not a memchr call a byte.
bool in(std::string_view dropped, char c) {
  for (char d : dropped) {
    if (d == c) return true;
  }
  return false;
}

// Whether a page number's text may start with this byte: figures, - / .,
// "Page", "of", and the lead bytes of 第, 页 and 共.
bool page_number_may_start(char lead) {
  return (lead >= '0' && lead <= '9') || lead == '-' || lead == '/' || lead == '.' || lead == 'P' || lead == 'o' ||
         lead == kDi[0] || lead == kYe[0] || lead == kGong[0];
}

// The first byte of vocabulary_key(text), or 0 for an empty key: white
// space and U+3000 are what the key drops.
char first_key_byte(std::string_view text) {
  std::size_t i = 0;
  while (i < text.size()) {
    const char c = text[i];
    if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
      ++i;
    } else if (text.substr(i, 3) == "\u3000") {
      i += 3;
    } else {
      return c;
    }
  }
  return 0;
}

// Whether 页 (E9 A1 B5) occurs at or after `from`: its lead byte is looked
// for, then the two after it. The texts asked about are at most 40 bytes, where
// a search set up for long texts cost more than the bytes it looked at.
bool holds_ye(std::string_view text, std::size_t from) {
  const auto lead = static_cast<char>(0xE9);
  for (std::size_t i = from; i + kYe.size() <= text.size(); ++i) {
    const void* hit = std::memchr(text.data() + i, lead, text.size() - kYe.size() + 1 - i);
    if (!hit) return false;
    i = static_cast<std::size_t>(static_cast<const char*>(hit) - text.data());
    if (text.compare(i, kYe.size(), kYe) == 0) return true;
  }
  return false;
}

}  // namespace

PageNumberShape page_number_shape(std::string_view text, std::string_view dropped) {
  PageNumberShape shape;
  // Most texts (a goal, a value, a name) fail on their first kept byte:
  // count their bytes rather than copy them.
  std::size_t first = 0;
  while (first < text.size() && in(dropped, text[first])) ++first;
  if (first == text.size()) return shape;
  if (!page_number_may_start(text[first])) {
    shape.bytes = static_cast<std::size_t>(
        std::count_if(text.begin(), text.end(), [&](char b) { return !in(dropped, b); }));
    return shape;
  }
  std::string kept;
  if (!dropped.empty()) {
    kept.reserve(text.size());
    for (char c : text) {
      if (!in(dropped, c)) kept.push_back(c);
    }
    text = kept;
  }
  shape.bytes = text.size();
  shape.di_ye = at(text, 0, kDi) && text.find(kYe) != std::string_view::npos;
  std::size_t i = 0;
  while (i < text.size()) {
    const char c = text[i];
    if (c >= '0' && c <= '9') {
      shape.digit = true;
      ++i;
    } else if (c == '-' || c == '/') {
      shape.dash_or_slash = true;
      ++i;
    } else if (c == '.') {
      shape.dot = true;
      ++i;
    } else if (at(text, i, kDi) || at(text, i, kYe) || at(text, i, kGong)) {
      shape.cjk_word = true;
      i += 3;
    } else if (at(text, i, "Page")) {
      shape.latin_word = true;
      i += 4;
    } else if (at(text, i, "of")) {
      shape.latin_word = true;
      i += 2;
    } else {
      return shape;  // page_alphabet stays false
    }
  }
  shape.page_alphabet = !text.empty();
  return shape;
}

bool is_margin_page_number(std::string_view text) {
  const PageNumberShape s = page_number_shape(text, " ");
  return s.page_alphabet && s.bytes <= 30 && s.digit;
}

bool is_page_marker_between_rows(std::string_view cell) {
  // Over 30 bytes once spaces and tabs are out, a cell is never one: told
  // by counting, before the shape copies the cell (a grid's title row,
  // "1.某某项目绩效目标表", opens as a page number may and runs long).
  std::size_t kept = 0;
  for (const char c : cell) {
    if (c != ' ' && c != '\t' && ++kept > 30) return false;
  }
  const PageNumberShape s = page_number_shape(cell, " \t");
  return s.page_alphabet && s.bytes <= 30 && !s.dot && !s.latin_word && s.digit &&
         (s.dash_or_slash || s.cjk_word);
}

bool is_page_furniture_line(std::string_view text) {
  if (text.size() > 40) return false;
  // A page number without 页 is figures alone: digits (one at least), dashes
  // and slashes, with white space (what the key drops) between. A line
  // holding anything else (nearly every short line: a wrapped name, value
  // or row of amounts) can be one only with 页: told on its bytes, which
  // spares building its key, as the shape below is what decides.
  bool digit = false, ye = false;
  for (std::size_t i = 0; i < text.size() && !ye;) {
    const char c = text[i];
    if (c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '-' || c == '/') {
      ++i;
    } else if (c >= '0' && c <= '9') {
      digit = true;
      ++i;
    } else if (text.substr(i, 3) == "\u3000") {
      i += 3;
    } else if (holds_ye(text, i)) {
      ye = true;
    } else {
      return false;
    }
  }
  if (!digit && !ye) return false;
  // Nor can one start with anything but what page_number_shape lets start
  // one (the key drops only white space and folds brackets and a colon,
  // none of which may start one): most short lines with a figure are a
  // wrapped target or name, spared the key too.
  if (!page_number_may_start(first_key_byte(text))) return false;
  const PageNumberShape s = page_number_shape(vocabulary_key(text), "");
  if (s.bytes == 0) return false;
  const bool figures_only = s.page_alphabet && !s.dot && !s.cjk_word && !s.latin_word;
  if (figures_only && s.bytes <= 9) return true;
  return s.di_ye && s.bytes <= 30;
}

}  // namespace jixiao
