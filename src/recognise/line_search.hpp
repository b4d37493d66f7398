// Whether each line of a text holds a word, answered with one search through
// the whole text instead of one search per line. Recognisers ask this of
// every line of a table (部门名称, 一级指标, a column head's last character …);
// nearly every line holds none of them, and a search per short line cost
// more in setting up than in scanning.
#pragma once

#include <algorithm>
#include <cstddef>
#include <string_view>
#include <vector>

#include "read/source.hpp"
#include "text/line_words.hpp"
#include "text/utf8.hpp"

namespace jixiao {

class WordInLines {
 public:
  // `text` must outlive this object; `word` too (a literal or a static).
  WordInLines(std::string_view text, std::string_view word) : text_(text), word_(word) {}

  // Whether `line` holds the word. Cheap when `line` is a view into the text
  // and lines are asked in order of position: the next occurrence found is
  // kept until a line past it is asked about. Any other string works too, by
  // a search of its own.
  bool in(std::string_view line) {
    const char* t = text_.data();
    if (word_.empty() || text_.empty() || line.data() == nullptr || line.data() < t ||
        line.data() + line.size() > t + text_.size()) {
      return utf8::find(line, word_) != std::string_view::npos;
    }
    const auto begin = static_cast<std::size_t>(line.data() - t);
    const std::size_t end = begin + line.size();
    // Known: next_ is the first occurrence lying wholly in [from_, to_), or
    // npos when none does. That answers for a line inside [from_, to_), and
    // for a line past from_ that ends after an occurrence found.
    const bool answered = known_ && from_ <= begin &&
                          (next_ != std::string_view::npos ? next_ >= begin : end <= to_);
    if (!answered) {
      // A window ahead, not the rest of the text: a word asked of a few
      // lines only (a table's first) must not cost a pass over all of it.
      to_ = std::min(text_.size(), std::max(end, begin + kLookAhead));
      next_ = utf8::find(text_.substr(0, to_), word_, begin);
      from_ = begin;
      known_ = true;
    }
    // An occurrence starting in the line but running past its end is not in
    // it, and no later one can be.
    return next_ != std::string_view::npos && next_ + word_.size() <= end;
  }

  // The text changed (a reader refilled its buffer): forget what was found.
  void reset(std::string_view text) {
    text_ = text;
    known_ = false;
  }

 private:
  std::string_view text_;
  std::string_view word_;
  std::size_t next_ = std::string_view::npos;
  std::size_t from_ = 0;
  std::size_t to_ = 0;
  bool known_ = false;
  static constexpr std::size_t kLookAhead = 2 * 1024;
};

// The words of text/line_words.hpp in each line of a Source: the ones its
// reading found (read_text finds them, parse_stream hands over those of its
// own pass), or, for a Source put together otherwise, found here in one pass.
class SourceWords {
 public:
  explicit SourceWords(const Source& source) : source_(source) {
    if (source.words_known) return;
    LineWordScan scan(source.text_buffer ? std::string_view(*source.text_buffer) : std::string_view());
    found_.reserve(source.lines.size());
    for (const Line& line : source.lines) found_.push_back(scan.in(line.text) & line_word::kText);
  }
  // Line i's words, as line_word bits.
  std::uint8_t of(std::size_t i) const { return source_.words_known ? source_.lines[i].words : found_[i]; }

 private:
  const Source& source_;
  std::vector<std::uint8_t> found_;
};

}  // namespace jixiao
