#include <algorithm>
#include <cstdint>
#include <cstring>
#include <span>
#include <string>

#include "read/source.hpp"
#include "read/text_facts.hpp"
#include "text/encoding.hpp"
#include "text/line_words.hpp"
#include "text/simd.hpp"
#include "text/utf8.hpp"

namespace jixiao {
namespace {

bool starts_with(std::string_view s, std::string_view prefix) {
  return s.size() >= prefix.size() && s.substr(0, prefix.size()) == prefix;
}

// Folds full-width forms that carry numbers and Latin text to ASCII so every
// recogniser sees one spelling of "１２．５％"; CJK punctuation such as
// （）：；，、。 stays as printed because names and goals are quoted verbatim.
// Works on bytes: the forms folded are EF BC 90–99 (０–９), EF BC A1–BA and
// EF BD 81–9A (letters), EF BC 85/8B/8D/8E/8F/9D (％＋－．／＝) and E3 80 80.
void fold_forms(std::string_view in, std::string& out) {
  out.clear();
  out.reserve(in.size());
  std::size_t run = 0;  // start of the bytes not yet copied
  std::size_t i = 0;
  const std::size_t n = in.size();
  // The input is valid UTF-8 here, so stepping by sequence length visits
  // only lead bytes (a third of the positions in Chinese text).
  while (i + 2 < n) {
    unsigned char c = static_cast<unsigned char>(in[i]);
    if (c < 0xE0) {
      i += c < 0x80 ? 1 : 2;
      continue;
    }
    if (c != 0xEF && c != 0xE3) {
      i += c < 0xF0 ? 3 : 4;
      continue;
    }
    unsigned char c1 = static_cast<unsigned char>(in[i + 1]);
    unsigned char c2 = static_cast<unsigned char>(in[i + 2]);
    char folded = 0;
    if (c == 0xE3 && c1 == 0x80 && c2 == 0x80) {
      folded = ' ';
    } else if (c == 0xEF && (c1 == 0xBC || c1 == 0xBD)) {
      char32_t cp = 0xFF00 + ((c1 - 0xBC) << 6) + (c2 & 0x3F);
      if ((cp >= 0xFF10 && cp <= 0xFF19) || (cp >= 0xFF21 && cp <= 0xFF3A) ||
          (cp >= 0xFF41 && cp <= 0xFF5A) || cp == 0xFF05 || cp == 0xFF0E || cp == 0xFF0B || cp == 0xFF0D ||
          cp == 0xFF1D || cp == 0xFF0F) {
        folded = static_cast<char>(cp - 0xFEE0);
      }
    }
    if (folded) {
      out.append(in.substr(run, i - run));
      out.push_back(folded);
      run = i + 3;
    }
    i += 3;
  }
  out.append(in.substr(run));
}

// The valid three-byte character c0 c1 c2 is a form fold_forms folds (see
// there) or an ideographic space (E3 80 80). The CJK punctuation that shares
// the lead byte EF — ，；：（） on nearly every line of a table — is not.
bool is_fold_form(unsigned char c0, unsigned char c1, unsigned char c2) {
  if (c0 == 0xE3) return c1 == 0x80 && c2 == 0x80;
  return c0 == 0xEF &&
         ((c1 == 0xBC && ((c2 >= 0x90 && c2 <= 0x99) || (c2 >= 0xA1 && c2 <= 0xBA) || c2 == 0x85 || c2 == 0x8B ||
                          c2 == 0x8D || c2 == 0x8E || c2 == 0x8F || c2 == 0x9D)) ||
          (c1 == 0xBD && c2 >= 0x81 && c2 <= 0x9A));
}

#if defined(JIXIAO_SCAN_AVX2)
// scan_text's block test (see there) thirty-two bytes at a time, on
// processors with AVX2: from `i`, every block that passes, until one does
// not or fewer than thirty-two bytes are left; `i` and `carry` are then
// where scan_text goes on, as after its own blocks. Counts and flags go to
// `f`. About half the instructions of the sixteen-byte test per byte.
// (Helpers of an AVX2 function must be AVX2 functions themselves: lambdas
// are not, so the body is written out.)
__attribute__((target("avx2"))) std::size_t sum_lanes(const __m256i& lanes) {
  const __m256i sad = _mm256_sad_epu8(lanes, _mm256_setzero_si256());
  return static_cast<std::size_t>(_mm256_extract_epi64(sad, 0) + _mm256_extract_epi64(sad, 1) +
                                  _mm256_extract_epi64(sad, 2) + _mm256_extract_epi64(sad, 3));
}

__attribute__((target("avx2"))) void scan_blocks_avx2(const unsigned char* p, std::size_t n, std::size_t& i,
                                                      std::uint32_t& carry, TextFacts& f) {
  const __m256i zero = _mm256_setzero_si256();
  const __m256i ed = _mm256_set1_epi8(static_cast<char>(0xED)),
                e0 = _mm256_set1_epi8(static_cast<char>(0xE0)),
                f0 = _mm256_set1_epi8(static_cast<char>(0xF0)),
                c0 = _mm256_set1_epi8(static_cast<char>(0xC0)),
                ef = _mm256_set1_epi8(static_cast<char>(0xEF)),
                e3 = _mm256_set1_epi8(static_cast<char>(0xE3)), newline = _mm256_set1_epi8('\n'),
                tab = _mm256_set1_epi8('\t'), cr = _mm256_set1_epi8('\r'), ff = _mm256_set1_epi8('\f');
  __m256i newline_lanes = zero, tab_lanes = zero;
  unsigned lane_blocks = 0;
  std::uint64_t carried = carry;
  while (i + 32 <= n) {
    // Signed bytes, as in scan_text: leads E1–EF but ED, continuations below C0.
    const __m256i v = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(p + i));
    const auto high = static_cast<std::uint32_t>(_mm256_movemask_epi8(v));
    const auto lead = static_cast<std::uint32_t>(_mm256_movemask_epi8(_mm256_andnot_si256(
        _mm256_cmpeq_epi8(v, ed), _mm256_and_si256(_mm256_cmpgt_epi8(v, e0), _mm256_cmpgt_epi8(f0, v)))));
    const auto cont = static_cast<std::uint32_t>(_mm256_movemask_epi8(_mm256_cmpgt_epi8(c0, v)));
    const std::uint64_t calls = (std::uint64_t{lead} << 1) | (std::uint64_t{lead} << 2);
    if ((high & ~lead & ~cont) != 0 || cont != static_cast<std::uint32_t>(calls | carried)) break;
    newline_lanes = _mm256_sub_epi8(newline_lanes, _mm256_cmpeq_epi8(v, newline));
    tab_lanes = _mm256_sub_epi8(tab_lanes, _mm256_cmpeq_epi8(v, tab));
    if (++lane_blocks == 255) {
      f.newlines += sum_lanes(newline_lanes);
      f.tabs += sum_lanes(tab_lanes);
      newline_lanes = tab_lanes = zero;
      lane_blocks = 0;
    }
    if (const auto other = static_cast<std::uint32_t>(_mm256_movemask_epi8(
            _mm256_or_si256(_mm256_cmpeq_epi8(v, zero),
                            _mm256_or_si256(_mm256_cmpeq_epi8(v, cr), _mm256_cmpeq_epi8(v, ff)))))) {
      for (std::uint32_t m = other; m != 0; m &= m - 1) {
        const unsigned char c = p[i + static_cast<std::size_t>(__builtin_ctz(m))];
        f.nul = f.nul || c == 0;
        f.cr = f.cr || c == '\r';
        f.ff = f.ff || c == '\f';
      }
    }
    if (!f.fold) {
      // As in scan_text: a lead in the last two bytes has continuations not
      // yet checked, but is_fold_form holds only for continuation bytes.
      const auto folds_lead = static_cast<std::uint32_t>(
          _mm256_movemask_epi8(_mm256_or_si256(_mm256_cmpeq_epi8(v, ef), _mm256_cmpeq_epi8(v, e3))));
      for (std::uint32_t m = folds_lead & lead; m != 0 && !f.fold; m &= m - 1) {
        const std::size_t at = i + static_cast<std::size_t>(__builtin_ctz(m));
        f.fold = at + 2 < n && is_fold_form(p[at], p[at + 1], p[at + 2]);
      }
    }
    carried = calls >> 32;
    i += 32;
  }
  carry = static_cast<std::uint32_t>(carried);
  f.newlines += sum_lanes(newline_lanes);
  f.tabs += sum_lanes(tab_lanes);
}
#endif

TextFacts scan_text_with(std::string_view s, bool wide) {
  TextFacts f;
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  const std::size_t n = s.size();
  std::size_t i = 0;
  auto ascii = [&](unsigned char c) {
    if (c == '\n') {
      ++f.newlines;
    } else if (c == '\t') {
      ++f.tabs;
    } else if (c == '\r') {
      f.cr = true;
    } else if (c == '\f') {
      f.ff = true;
    } else if (c == 0) {
      f.nul = true;
    }
  };
  // E1–EF but ED, then two continuation bytes: no overlong or surrogate
  // form is possible (as utf8::valid).
  auto three_byte = [&](std::size_t at) {
    return at + 2 < n && p[at] >= 0xE1 && p[at] <= 0xEF && p[at] != 0xED && (p[at + 1] & 0xC0) == 0x80 &&
           (p[at + 2] & 0xC0) == 0x80;
  };
  auto folds = [&](std::size_t at) { return is_fold_form(p[at], p[at + 1], p[at + 2]); };
#if defined(__SSE2__)
  // Bytes compared as signed: leads E1–EF are −31…−17 (ED, −19, left out),
  // continuation bytes 80–BF are −128…−65, ASCII is 0…127.
  auto lead_bits = [](__m128i v) {
    return static_cast<std::uint32_t>(_mm_movemask_epi8(
        _mm_andnot_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8(static_cast<char>(0xED))),
                         _mm_and_si128(_mm_cmpgt_epi8(v, _mm_set1_epi8(static_cast<char>(0xE0))),
                                       _mm_cmplt_epi8(v, _mm_set1_epi8(static_cast<char>(0xF0)))))));
  };
  auto cont_bits = [](__m128i v) {
    return static_cast<std::uint32_t>(_mm_movemask_epi8(_mm_cmplt_epi8(v, _mm_set1_epi8(static_cast<char>(0xC0)))));
  };
  auto byte_bits = [](__m128i v, char c) {
    return static_cast<unsigned>(_mm_movemask_epi8(_mm_cmpeq_epi8(v, _mm_set1_epi8(c))));
  };
  // The block test's line and tab counts, a byte lane each, added up before
  // a lane could pass 255 (a popcount is a library call without -mpopcnt).
  __m128i newline_lanes = _mm_setzero_si128(), tab_lanes = _mm_setzero_si128();
  unsigned lane_blocks = 0;
  auto add_lanes = [&] {
    auto sum = [](__m128i lanes) {
      const __m128i sad = _mm_sad_epu8(lanes, _mm_setzero_si128());
      return static_cast<std::size_t>(_mm_cvtsi128_si32(sad)) +
             static_cast<std::size_t>(_mm_extract_epi16(sad, 4));
    };
    f.newlines += sum(newline_lanes);
    f.tabs += sum(tab_lanes);
    newline_lanes = tab_lanes = _mm_setzero_si128();
    lane_blocks = 0;
  };
  // Continuation bytes the last block's leads call for at the start of the
  // next (bit 0: its first byte, bit 1: its second): 0, 1 (a lead two bytes
  // before it) or 3 (a lead just before it).
  std::uint32_t carry = 0;
#endif
  while (i < n
#if defined(__SSE2__)
         || carry != 0
#endif
  ) {
#if defined(JIXIAO_SCAN_AVX2)
    if (wide && i + 32 <= n) {
      const std::size_t from = i;
      scan_blocks_avx2(p, n, i, carry, f);
      if (i != from) continue;
    }
#endif
#if defined(__SSE2__)
    if (i + 16 <= n) {
      // The block test: the sixteen bytes are ASCII or belong to three-byte
      // characters (E1–EF but ED) whose continuations are exactly the two
      // bytes after each lead, counting the ones a lead in the block before
      // calls for (carry); a lead near the end hands its own on. Each byte
      // is looked at once.
      const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + i));
      const auto high = static_cast<std::uint32_t>(_mm_movemask_epi8(v));
      const std::uint32_t lead = lead_bits(v);
      const std::uint32_t cont = cont_bits(v);
      const std::uint32_t calls = (lead << 1) | (lead << 2);
      if ((high & ~lead & ~cont) == 0 && cont == ((calls | carry) & 0xFFFFu)) {
        newline_lanes = _mm_sub_epi8(newline_lanes, _mm_cmpeq_epi8(v, _mm_set1_epi8('\n')));
        tab_lanes = _mm_sub_epi8(tab_lanes, _mm_cmpeq_epi8(v, _mm_set1_epi8('\t')));
        if (++lane_blocks == 255) add_lanes();
        if (const unsigned other = byte_bits(v, 0) | byte_bits(v, '\r') | byte_bits(v, '\f'))
          for (unsigned m = other; m != 0; m &= m - 1) ascii(p[i + static_cast<std::size_t>(__builtin_ctz(m))]);
        if (!f.fold) {
          // A lead in the last two bytes has its continuations in the next
          // block, not yet checked: is_fold_form holds only for continuation
          // bytes, so a fold found there is one (or the text is not valid).
          for (unsigned m =
                   (byte_bits(v, static_cast<char>(0xEF)) | byte_bits(v, static_cast<char>(0xE3))) & lead;
               m != 0 && !f.fold; m &= m - 1) {
            const std::size_t at = i + static_cast<std::size_t>(__builtin_ctz(m));
            f.fold = at + 2 < n && folds(at);
          }
        }
        carry = calls >> 16;
        i += 16;
        continue;
      }
    }
    // Not a block: go on from the start of the character the last block
    // left unfinished, if any.
    if (carry != 0) {
      i -= carry == 1 ? 2 : 1;
      carry = 0;
    }
    if (i + 16 <= n) {
      // Sixteen ASCII bytes, or the ASCII bytes before the first that is not.
      const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + i));
      const auto high = static_cast<unsigned>(_mm_movemask_epi8(v));
      const unsigned upto = high == 0 ? 0xFFFFu : (1u << __builtin_ctz(high)) - 1u;
      // Counted bit by bit: both are a few in sixteen bytes, and without
      // -mpopcnt __builtin_popcount is a library call.
      for (unsigned m = byte_bits(v, '\n') & upto; m != 0; m &= m - 1) ++f.newlines;
      for (unsigned m = byte_bits(v, '\t') & upto; m != 0; m &= m - 1) ++f.tabs;
      if (const unsigned other = (byte_bits(v, 0) | byte_bits(v, '\r') | byte_bits(v, '\f')) & upto)
        for (unsigned m = other; m != 0; m &= m - 1) ascii(p[i + static_cast<std::size_t>(__builtin_ctz(m))]);
      if (high == 0) {
        i += 16;
        continue;
      }
      i += static_cast<std::size_t>(__builtin_ctz(high));
    }
#endif
    const unsigned char c = p[i];
    if (c < 0x80) {
      ascii(c);
      ++i;
      continue;
    }
    if (three_byte(i)) {
      f.fold = f.fold || folds(i);
      i += 3;
      continue;
    }
    std::size_t len = 0;
    if (utf8::decode(s, i, &len) == 0xFFFD && len == 1) {
      f.valid = false;
      return f;
    }
    i += len;
  }
#if defined(__SSE2__)
  add_lanes();
#endif
  return f;
}

}  // namespace

TextFacts scan_text(std::string_view s) {
#if defined(JIXIAO_SCAN_AVX2)
  const bool wide = processor_has_avx2();
#else
  constexpr bool wide = false;
#endif
  return scan_text_with(s, wide);
}

TextFacts scan_text_narrow(std::string_view s) { return scan_text_with(s, false); }

namespace {

// Inline: called for every line and cell, and the call cost as much as the
// two looks most of them need.
inline __attribute__((always_inline)) std::string_view trim_view(std::string_view s, int* indent) {
  // Most lines and cells have nothing to trim: two looks.
  auto edge = [](char c) { return c == ' ' || c == '\t'; };
  if (s.empty() || (!edge(s.front()) && !edge(s.back()))) {
    if (indent) *indent = 0;
    return s;
  }
  std::size_t b = 0;
  int ind = 0;
  while (b < s.size() && (s[b] == ' ' || s[b] == '\t')) {
    ind += s[b] == '\t' ? 4 : 1;
    ++b;
  }
  std::size_t e = s.size();
  while (e > b && (s[e - 1] == ' ' || s[e - 1] == '\t')) --e;
  if (indent) *indent = ind;
  return s.substr(b, e - b);
}

// How UTF-8 text is damaged: a file cut short inside its last character, or
// a few stray bytes (a bad copy, a broken download). GBK/GB18030 text is
// nearly all invalid as UTF-8 — a chance valid sequence is rare — so a
// handful of bad bytes among many good multibyte characters tells damaged
// UTF-8 from another encoding.
struct Utf8Damage {
  std::size_t bad_bytes = 0;   // bytes that start no valid sequence
  std::size_t good_chars = 0;  // valid multibyte characters
  std::size_t first_bad = std::string_view::npos;
  std::size_t last_bad = 0;
  // One bad byte in twenty good characters at most: GBK text has far more.
  bool mostly_utf8() const { return good_chars >= 8 && bad_bytes * 20 <= good_chars; }
  // Only the last three bytes or fewer are bad (before a final line break,
  // which a line-by-line reader adds): an incomplete last character.
  bool cut_at_end(std::string_view s) const {
    std::size_t end = s.size();
    while (end > 0 && (s[end - 1] == '\n' || s[end - 1] == '\r')) --end;
    return first_bad + 3 >= end && last_bad + 1 == end;
  }
};

Utf8Damage utf8_damage(std::string_view s) {
  Utf8Damage d;
  for (std::size_t i = 0; i < s.size();) {
    if (static_cast<unsigned char>(s[i]) < 0x80) {
      ++i;
      continue;
    }
    std::size_t len = 1;
    utf8::decode(s, i, &len);
    if (len == 1) {
      ++d.bad_bytes;
      if (d.first_bad == std::string_view::npos) d.first_bad = i;
      d.last_bad = i;
    } else {
      ++d.good_chars;
    }
    i += len;
  }
  return d;
}

}  // namespace

Source read_text(std::string_view bytes, std::string path, int first_line) {
  return read_text_lines(bytes, std::move(path), first_line, {});
}

namespace {
const Line kBlankLine;  // every member as its initializer has it (see read_text_lines)
}  // namespace

Source read_text_lines(std::string_view bytes, std::string path, int first_line,
                       std::span<const std::size_t> newlines_at, std::span<const std::uint8_t> line_words) {
  Source src;
  src.path = std::move(path);
  // Valid UTF-8 (nearly every file) is told in the same pass that answers
  // the questions below; anything else is read as before, pass by pass.
  TextFacts facts = scan_text(bytes);
  if (facts.valid ? facts.nul : bytes.find('\0') != std::string_view::npos) {
    src.readable = false;
    src.diagnostics.push_back({Severity::Error, "read.binary", 0, 0,
                               "input contains NUL bytes: expected a text export of a table "
                               "(UTF-8 or GB18030); binary formats need their own reader"});
    return src;
  }
  std::string decoded;
  std::string_view text = bytes;
  if (starts_with(bytes, "\xEF\xBB\xBF")) {
    text = bytes.substr(3);
    src.encoding = "utf-8-bom";
  } else if (facts.valid) {
    src.encoding = "utf-8";
  } else if (const Utf8Damage damage = utf8_damage(bytes);
             damage.mostly_utf8() || (damage.good_chars >= 8 && damage.cut_at_end(bytes))) {
    // Damaged UTF-8, not GB18030: decoding it as GB18030 would turn every
    // character into another one without a word of warning.
    src.encoding = "utf-8";
    const int line = first_line + static_cast<int>(std::count(bytes.begin(), bytes.begin() +
                                                              static_cast<std::ptrdiff_t>(damage.first_bad), '\n'));
    if (damage.cut_at_end(bytes)) {
      decoded.assign(bytes.substr(0, damage.first_bad));
      decoded.append(bytes.substr(damage.last_bad + 1));
      text = decoded;
      src.diagnostics.push_back({Severity::Warning, "read.truncated", line, 0,
                                 "the input ends inside a UTF-8 character (the file looks cut short): its last " +
                                     std::to_string(damage.bad_bytes) + " byte(s) were dropped"});
    } else {
      decoded = utf8::sanitize(bytes);
      text = decoded;
      src.diagnostics.push_back({Severity::Warning, "read.encoding", line, 0,
                                 std::to_string(damage.bad_bytes) +
                                     " byte(s) are not UTF-8 in otherwise UTF-8 text (the first on this line): "
                                     "replaced by U+FFFD; check the figures and names near them"});
    }
  } else if (convert_encoding(bytes, "GB18030", "UTF-8", decoded)) {
    text = decoded;
    src.encoding = "gb18030";
  } else {
    src.readable = false;
    src.diagnostics.push_back(
        {Severity::Error, "read.encoding", 0, 0, "input is neither UTF-8 nor GB18030/GBK text"});
    return src;
  }
  // A byte order mark is valid UTF-8 itself: the text after it is valid when the bytes are.
  if (src.encoding == "utf-8-bom" && !facts.valid) {
    // A BOM promises UTF-8; invalid sequences are replaced so the rest reads.
    decoded = utf8::sanitize(text);
    text = decoded;
    src.diagnostics.push_back({Severity::Warning, "read.encoding", 0, 0,
                               "invalid UTF-8 after a UTF-8 byte order mark; bad bytes replaced by U+FFFD"});
  }

  // The facts were found on the bytes; a decoded text (GB18030, damaged
  // UTF-8 repaired) is valid UTF-8 and gets its own pass. Dropping a byte
  // order mark changes none of them.
  const bool decoded_text = !facts.valid;  // every reading of invalid bytes decodes them (above)
  if (decoded_text) facts = scan_text(text);
  const std::size_t newlines = facts.newlines;
  // A lone CR ends a line too (old Mac exports); most files have none, and
  // then one memchr for '\n' per line finds every end.
  const bool has_cr = facts.cr;
  // The lines' text is the whole text held once, each line and cell a view
  // into it, so a line costs no copy of its own. Form feeds (page breaks in
  // pdftotext output) become spaces and the full-width forms fold_forms
  // folds are folded, both over the whole text at once: neither changes a
  // line break or a tab, and a folded form's bytes are all non-ASCII, so no
  // form spans a line break. Most texts hold neither and are copied as they
  // are.
  auto buffer = std::make_shared<std::string>();
  if (facts.ff || facts.fold) {
    std::string no_ff;
    std::string_view to_fold = text;
    if (facts.ff) {
      no_ff.assign(text);
      std::replace(no_ff.begin(), no_ff.end(), '\f', ' ');
      to_fold = no_ff;
    }
    fold_forms(to_fold, *buffer);
  } else if (text.data() == decoded.data()) {
    *buffer = std::move(decoded);
  } else {
    buffer->assign(text);
  }
  const std::string_view all(*buffer);
  // Where the caller already found every '\n' of the bytes (parse_stream),
  // lines end there: offsets into the text, which starts `skip` bytes in.
  const std::size_t skip = static_cast<std::size_t>(text.data() - bytes.data());
  const bool caller_lines_hold = !decoded_text && !has_cr && newlines_at.size() == newlines;
  // Folding moves the ends: they are searched for then.
  const bool known_ends = caller_lines_hold && !facts.fold;
  std::size_t next_end = 0;  // index into newlines_at
  // One Line per newline: reserving avoids moving millions of lines as the
  // vector grows on a large table.
  src.lines.reserve(newlines + 1);
  // Every line's cells, one after another: a line's cells are a span of
  // them, so a row costs no allocation of its own. A line with k tabs has
  // k + 1 cells: at most twice the tabs, and at most the tabs plus the
  // lines. Counted in the same pass as the rest, so the cells never move
  // (checked below all the same).
  auto cells = std::make_shared<std::vector<Cell>>();
  cells->reserve(facts.tabs + std::min(facts.tabs, newlines + 1));
  const Cell* const cells_at = cells->data();
  int number = first_line - 1;
  std::size_t pos = 0;
  // The next tab at or after `pos`, found once for the whole text: most
  // lines of a table export hold none (the blank line after each row, the
  // text around the tables), and a search per line and per cell cost a
  // call each; one per tab finds them all.
  std::size_t next_tab = facts.tabs != 0 ? all.find('\t') : std::string_view::npos;
  while (pos <= all.size()) {
    std::size_t end;
    if (known_ends) {
      end = next_end < newlines_at.size() ? newlines_at[next_end++] - skip : all.size();
    } else {
      end = has_cr ? all.find_first_of("\r\n", pos) : all.find('\n', pos);
      if (end == std::string_view::npos) end = all.size();
    }
    const std::string_view line_text = all.substr(pos, end - pos);
    ++number;
    // A copy of a blank Line made once: emplace_back() value-initialises,
    // which zero-filled the whole Line first (a `rep stos` per line, about a
    // third of this loop's time on a grid export of one cell a line), and
    // emplace_back(Line{}) built it on the stack in narrow stores and copied
    // it in wide loads, which stalled on every line as long.
    Line& line = src.lines.emplace_back(kBlankLine);
    line.number = number;
    const std::string_view trimmed = trim_view(line_text, &line.indent);
    line.text = trimmed;
    const std::size_t first_cell = cells->size();
    // Line ends are '\n' or '\r', never a tab: the next tab is this line's
    // when it comes before the end.
    if (next_tab < end) {
      // Keep every cell, empty ones included: their position is the column.
      std::string_view rest = line_text;
      // A leading tab in a Word export opens the first cell; drop indentation only.
      while (!rest.empty() && rest.front() == ' ') rest.remove_prefix(1);
      // Where `rest` starts in the whole text.
      const std::size_t rest_at = end - rest.size();
      std::size_t start = 0;
      std::size_t tab = next_tab - rest_at;
      while (true) {
        std::string_view cell = rest.substr(start, tab == std::string_view::npos ? rest.npos : tab - start);
        const std::string_view cell_text = trim_view(cell, nullptr);
        // A cell's trimmed text lies inside its line's trimmed text; an
        // empty cell is an empty view at the line's start.
        cells->emplace_back().text = cell_text.empty() ? trimmed.substr(0, 0) : cell_text;
        if (tab == std::string_view::npos) break;
        start = tab + 1;
        next_tab = all.find('\t', rest_at + start);
        tab = next_tab < end ? next_tab - rest_at : std::string_view::npos;
      }
    }
    line.cells = std::span<Cell>(cells->data() + first_cell, cells->size() - first_cell);
    if (end >= all.size()) break;
    pos = end + 1;
    if (all[end] == '\r' && pos < all.size() && all[pos] == '\n') ++pos;
  }
  if (cells->data() != cells_at) {
    // The cells moved after all (the count above was wrong): point each
    // line at its own again, in order.
    std::size_t k = 0;
    for (Line& line : src.lines) {
      line.cells = std::span<Cell>(cells->data() + k, line.cells.size());
      k += line.cells.size();
    }
  }
  // The lines' words: the caller's, found on the same lines before folding
  // (a folded form is one character for another, never part of a word), or
  // one pass over the lines now.
  const std::size_t caller_lines = newlines_at.size() + (!bytes.empty() && bytes.back() != '\n' ? 1 : 0);
  if (caller_lines_hold && line_words.size() == caller_lines && line_words.size() <= src.lines.size()) {
    // The caller's title answers (line_word::kTitle) were found on its
    // bytes: they hold where a line's text is those bytes, but for white
    // space a key drops (no form feed, no folded form, and not the first
    // line after a byte order mark, which its bytes held).
    const std::uint8_t keep =
        facts.ff || facts.fold ? line_word::kText : line_word::kText | line_word::kTitle;
    for (std::size_t k = 0; k < line_words.size(); ++k) src.lines[k].words = line_words[k] & keep;
    if (skip != 0 && !line_words.empty()) src.lines.front().words &= line_word::kText;
  } else {
    LineWordScan scan(all);
    for (Line& line : src.lines) line.words = scan.in(line.text) & line_word::kText;
  }
  src.words_known = true;
  src.text_buffer = std::move(buffer);
  src.cell_store = std::move(cells);
  // A final newline does not open another line.
  if (!src.lines.empty() && src.lines.back().text.empty() && src.lines.back().cells.empty() &&
      !text.empty() && (text.back() == '\n' || text.back() == '\r')) {
    src.lines.pop_back();
  }
  return src;
}

}  // namespace jixiao
