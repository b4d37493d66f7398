// What read_text asks of a whole text before splitting it, found in one pass
// over its bytes instead of one pass each (a NUL, UTF-8 validity, the line
// count, a CR, a form feed, a form read_text folds; and the tabs, to reserve
// the cells). Chinese text with ASCII figures and tabs between is read
// sixteen bytes at a time, each byte looked at once (a block test that
// carries a character cut by the block's end over to the next); what the
// block test does not take (other lengths of UTF-8, E0 and ED leads, the
// last bytes) is read as utf8::valid reads it. Internal to read_text; a
// header of its own for the tests.
#pragma once

#include <cstddef>
#include <string_view>

namespace jixiao {

struct TextFacts {
  bool valid = true;  // valid UTF-8; when false, the answers below are unknown
  bool nul = false;
  bool cr = false;
  bool ff = false;
  // A form read_text folds to ASCII (０–９, Ａ–Ｚ, ａ–ｚ, ％＋－．／＝) or U+3000.
  bool fold = false;
  std::size_t newlines = 0;
  std::size_t tabs = 0;
};

// Stops at the first byte that is not valid UTF-8. On processors with AVX2
// the block test reads thirty-two bytes at a time.
TextFacts scan_text(std::string_view s);

// The same, sixteen bytes at a time whatever the processor (for the tests:
// both ways must agree).
TextFacts scan_text_narrow(std::string_view s);

}  // namespace jixiao
