// Page numbers a PDF or Word export leaves in the text ("- 3 -", "3/12",
// "第 3 页", "第3页 共12页", "Page 3 of 12"): what a text looks like as one,
// read once, and the policies the readers and recognisers apply on top.
//
// Promises: pure functions of their argument (no state, thread-safe), no
// exceptions but std::bad_alloc, and byte-level matching: a malformed UTF-8
// byte is simply a byte that is not part of a page number.
#pragma once

#include <cstddef>
#include <string_view>

namespace jixiao {

// A text's page-number shape. The page-number alphabet is: ASCII digits,
// '-', '/', '.', 第, 页, 共, "Page" and "of", matched left to right after the
// dropped bytes are taken out (so "Pa ge" is "Page" when ' ' is dropped).
struct PageNumberShape {
  std::size_t bytes = 0;        // length once the dropped bytes are out
  bool page_alphabet = false;   // every byte belongs to the alphabet (false when empty)
  // Which parts of the alphabet it holds; meaningful only when page_alphabet.
  bool digit = false;           // 0-9
  bool dash_or_slash = false;   // '-' or '/'
  bool dot = false;             // '.'
  bool cjk_word = false;        // 第, 页 or 共
  bool latin_word = false;      // "Page" or "of"
  // Begins with 第 and holds 页 after it, whatever is between: "第3页",
  // "第一页", "第3页(共5页)". Independent of page_alphabet.
  bool di_ye = false;
};

// Reads `text`'s shape, first leaving out every byte that occurs in `dropped`
// (" " or " \t"; "" for text that is already a vocabulary key).
PageNumberShape page_number_shape(std::string_view text, std::string_view dropped);

// The page number in a PDF page's top or bottom margin (spaces dropped,
// ≤ 30 bytes, page alphabet, a digit). A bare "3" is one: in the margin,
// nothing else prints a lone figure.
bool is_margin_page_number(std::string_view text);

// A page number a Word or PDF export left as a one-cell row between two rows
// of a grid that goes on over a page break: "- 3 -", "第 3 页", "第3页 共9页",
// "3/9" (spaces and tabs dropped, ≤ 30 bytes; digits, '-', '/', 第页共 only).
// A bare "3" is not one: a one-cell line may be an indicator's value.
bool is_page_marker_between_rows(std::string_view cell);

// A summary table's line that is only page furniture: its vocabulary key is
// digits, '-' and '/' in at most 9 bytes ("2/5", "- 2 -"), or 第…页 in at most
// 30 bytes ("第 1 页", "第1页 共3页"). Lines over 40 bytes are never one.
bool is_page_furniture_line(std::string_view text);

}  // namespace jixiao
