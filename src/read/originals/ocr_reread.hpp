// Which OCR readings of a cell deserve a second reading with digits only,
// and which second readings may replace the first. chi_sim reads a blurred
// digit as a look-alike character (2,376.02 → 和376.02), ≥ (it has no such
// glyph) as 过 or 这, and a cell's edge after a % as one more digit (100%0);
// a second reading restricted to digits and separators is trusted only when
// it has the clean shape of a figure or a target and keeps every digit the
// first reading had. Shapes only: nothing here knows a document's text.
#pragma once

#include <string>

namespace jixiao::ocr {

// At least three digits, digits the majority of the characters, and
// nothing but ASCII after the first character (1867件 is text, not a figure).
bool mostly_digits(const std::string& text);

// An amount as printed: optional minus, digits with optional thousands
// commas, optional decimal part (1234, 2,376.02, -15.5).
bool is_clean_figure(const std::string& text);

// A target as a digits-only reading gives it: a comparator, a number, a %.
bool is_clean_target(const std::string& text);

// A short percentage target that is not clean: one non-digit character
// before the number (过95%), or one ASCII character after the % (100%0).
// A unit after the number (7天, ≤3秒) is not doubtful: a digits-only
// reading would lose it.
bool doubtful_target(const std::string& text);

// What chi_sim makes of a blurred figure when it reads letters for its
// digits ("Sos00", "gg", "253%6302Z"): a short text, at most 12 characters,
// of ASCII letters, digits and separators, or two CJK characters at most
// among them ("23中9"). Only for a cell in a column of figures: a name or a
// code ("GZIT2023") has the same shape.
bool garbled_figure(const std::string& text);

// The second reading of a cell keeps what the first read as figures: every
// digit and decimal point of `first` (up to its first %, after which
// digits are the cell's edge misread) appears in `second`, in order, and
// `second` has no more digits than `first` had digits plus, when
// `may_recover`, one per character misread in their place (和376.02 →
// 2,376.02). A target's misread first character is a comparator, not a
// digit (之90% → 290% is refused): targets are checked without recovery.
bool keeps_digits(const std::string& first, const std::string& second, bool may_recover);

}  // namespace jixiao::ocr
