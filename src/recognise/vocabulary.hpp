// Header and label vocabulary (data/header_synonyms.tsv): which field a
// printed header or label names. Recognisers ask this instead of comparing
// against one template's spelling.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace jixiao {

// The field a whole cell names ("col.total", "grid.level1" …), or "" when the
// cell is not a known header. Compared on vocabulary keys.
std::string header_field(std::string_view cell);

struct HeaderHit {
  std::string field;
  std::size_t position;  // byte offset of the match in the searched key
  std::size_t length;
};

// Every known header spelling found in a line of running text (longest
// spellings win where they overlap), in order of position. Used on column
// heads a PDF export flattened into one line.
std::vector<HeaderHit> find_headers(std::string_view key_text, std::string_view field_prefix);

// Whether every character of `key_text` occurs in some spelling of a field
// with this prefix: a cheap test that must pass before find_headers can
// cover the whole key with header words.
bool made_of_header_chars(std::string_view key_text, std::string_view field_prefix);
// All spellings of one field, longest first (vocabulary keys).
const std::vector<std::string>& spellings(std::string_view field);

}  // namespace jixiao
