// The few words the read path asks of every line, found in one pass over
// the bytes for all of them: parse_stream cuts tables at 部门名称 lines,
// split_tables does again and looks at titles only on lines holding 目, and
// the head search looks at a line only when it holds the last character of
// a 项目名称-like head (称, 位). Each used to search the same text once per
// word; now parse_stream's pass answers all of them, and a line carries its
// answer (Line::words) to the later stages.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

namespace jixiao {

// A line's words as bits. A word counts only when it lies wholly in the line.
namespace line_word {
inline constexpr std::uint8_t kDepartmentName = 1;     // 部门名称
inline constexpr std::uint8_t kMu = 2;                 // 目
inline constexpr std::uint8_t kCheng = 4;              // 称
inline constexpr std::uint8_t kWei = 8;                // 位
inline constexpr std::uint8_t kDepartmentNameGb = 16;  // 部门名称 as GB18030 bytes (raw lines only)
// The words of decoded (UTF-8) text, the ones a Line carries.
inline constexpr std::uint8_t kText = kDepartmentName | kMu | kCheng | kWei;
// Not words: parse_stream tests the line above a department line as a table
// title (is_table_title, which builds the line's key), and split_tables
// asks the same of that line again. The answer goes with the line's words:
// kTitleTested that it was tested, kTableTitle that it is a title. A reader
// keeps them only where its line is the bytes that were tested (see
// read_text_lines).
inline constexpr std::uint8_t kTitleTested = 32;
inline constexpr std::uint8_t kTableTitle = 64;
inline constexpr std::uint8_t kTitle = kTitleTested | kTableTitle;
}  // namespace line_word

// The bit of a word among the words above (kText: 部门名称, 目, 称, 位), or 0.
std::uint8_t line_word_bit(std::string_view word);

// The words of `line` (any string), each searched on its own: the rule
// LineWordScan follows, for tests and for lines outside a scanned text.
// `wide`: thirty-two starts at a time where the processor has AVX2 (false:
// sixteen, for the tests to check both ways).
std::uint8_t line_words_of(std::string_view line, bool wide = true);

// The words of each line of a text, asked in order of position: the text is
// scanned once, a window ahead at a time, for every word together, and each
// line's answer is read off the occurrences found. A line that is not a
// view into the text, or one asked before a line already asked, is answered
// all the same (by a search of its own, or by scanning again from it).
class LineWordScan {
 public:
  // `text` must outlive the scan (or be replaced by reset).
  explicit LineWordScan(std::string_view text = {}) : text_(text) {}

  std::uint8_t in(std::string_view line);

  // The text changed (a reader refilled its buffer): forget what was found.
  void reset(std::string_view text);

  struct Hit {
    std::size_t at;
    std::uint8_t size;
    std::uint8_t word;
  };

 private:
  std::string_view text_;
  std::vector<Hit> hits_;  // in order of position, every word starting in [from_, scanned_)
  std::size_t next_ = 0;   // hits_[0, next_) lie before the last line asked
  std::size_t from_ = 0;
  std::size_t scanned_ = 0;
  bool known_ = false;
};

}  // namespace jixiao
