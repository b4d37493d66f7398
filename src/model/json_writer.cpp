#include "model/json_writer.hpp"

#include <algorithm>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace jixiao {
namespace json_detail {
namespace {

// Length of the well-formed UTF-8 character of two to four bytes at p[i], 0
// when the bytes there are not one (a lone continuation, an overlong form, a
// surrogate, past U+10FFFF, cut short): utf8::decode's rules.
inline std::size_t utf8_length(const unsigned char* p, std::size_t i, std::size_t n) {
  const unsigned char c = p[i];
  if (c < 0xC2) return 0;
  if (c <= 0xDF) return i + 1 < n && (p[i + 1] & 0xC0) == 0x80 ? 2 : 0;
  unsigned char lo = 0x80, hi = 0xBF;  // the second byte's range
  std::size_t want = 3;
  if (c <= 0xEF) {
    if (c == 0xE0) lo = 0xA0;
    if (c == 0xED) hi = 0x9F;
  } else if (c <= 0xF4) {
    want = 4;
    if (c == 0xF0) lo = 0x90;
    if (c == 0xF4) hi = 0x8F;
  } else {
    return 0;
  }
  if (n - i < want || p[i + 1] < lo || p[i + 1] > hi) return 0;
  for (std::size_t k = 2; k < want; ++k) {
    if ((p[i + k] & 0xC0) != 0x80) return 0;
  }
  return want;
}

#if defined(__SSE2__)
// One block of 16 bytes is verbatim when every byte is printable ASCII other
// than quote and backslash, a continuation byte, a two-byte lead (C2-DF) or
// a three-byte lead that takes any continuation (E1-EC, EE-EF), and the
// continuations are exactly those the leads call for. `carry` holds the ones
// the previous block's last leads call for at this block's first two bytes,
// and is updated when the block is verbatim. Everything else (E0, ED, four-
// byte characters, escapes, ill-formed bytes) fails the block, and the caller
// looks at it byte by byte. Bytes whose bit is set in `skip` are left out of
// the test (at the end of a string, those of the last block already passed).
inline bool verbatim_block(__m128i b, std::uint32_t& carry, std::uint32_t skip = 0) {
  const __m128i ascii = _mm_andnot_si128(
      _mm_or_si128(_mm_cmpeq_epi8(b, _mm_set1_epi8('"')), _mm_cmpeq_epi8(b, _mm_set1_epi8('\\'))),
      _mm_cmpgt_epi8(b, _mm_set1_epi8(0x1F)));                                     // signed: 0x20-0x7F
  const __m128i cont = _mm_cmplt_epi8(b, _mm_set1_epi8(static_cast<char>(0xC0)));  // signed: 0x80-0xBF
  // Flipping the top bit makes unsigned order signed: C2-DF -> 42-5F, E1-EF -> 61-6F.
  const __m128i t = _mm_xor_si128(b, _mm_set1_epi8(static_cast<char>(0x80)));
  const __m128i lead2 =
      _mm_and_si128(_mm_cmpgt_epi8(t, _mm_set1_epi8(0x41)), _mm_cmplt_epi8(t, _mm_set1_epi8(0x60)));
  const __m128i lead3 = _mm_andnot_si128(
      _mm_cmpeq_epi8(b, _mm_set1_epi8(static_cast<char>(0xED))),
      _mm_and_si128(_mm_cmpgt_epi8(t, _mm_set1_epi8(0x60)), _mm_cmplt_epi8(t, _mm_set1_epi8(0x70))));
  const auto m_ascii = static_cast<std::uint32_t>(_mm_movemask_epi8(ascii));
  const auto m_cont = static_cast<std::uint32_t>(_mm_movemask_epi8(cont));
  const auto m_lead2 = static_cast<std::uint32_t>(_mm_movemask_epi8(lead2));
  const auto m_lead3 = static_cast<std::uint32_t>(_mm_movemask_epi8(lead3));
  if ((m_ascii | m_cont | m_lead2 | m_lead3 | skip) != 0xFFFF) return false;
  const std::uint32_t wanted = (m_lead2 << 1) | (m_lead3 << 1) | (m_lead3 << 2) | carry;
  if (((wanted ^ m_cont) & ~skip & 0xFFFF) != 0) return false;
  carry = wanted >> 16;
  return true;
}
#endif

}  // namespace

std::size_t verbatim_prefix(const char* s, std::size_t n) {
  if (n == 0) return 0;
  const auto* p = reinterpret_cast<const unsigned char*>(s);
  std::size_t i = 0;
  for (;;) {
#if defined(__SSE2__)
    std::uint32_t carry = 0;
    while (n - i >= 16 && verbatim_block(_mm_loadu_si128(reinterpret_cast<const __m128i*>(p + i)), carry))
      i += 16;
    // A character the last good block began goes on here: start again at its lead.
    if (carry != 0) {
      do {
        --i;
      } while ((p[i] & 0xC0) == 0x80);
    }
    if (n - i < 16) {
      // The end. In a string of 16 bytes or more, its last 16 bytes, the
      // ones before i left out of the test. In a shorter one (most of them)
      // a copy padded with spaces, which fail a character the end cuts short.
      std::uint32_t after = 0;
      if (n >= 16) {
        const auto skip = (1u << (16 - (n - i))) - 1;
        if (verbatim_block(_mm_loadu_si128(reinterpret_cast<const __m128i*>(p + n - 16)), after, skip) &&
            after == 0)
          return n;
      } else {
        // (Here i is 0: a string this short has not been through a block.)
        // Copied in two overlapping pieces, not by a call to memcpy.
        alignas(16) unsigned char tail[16];
        _mm_store_si128(reinterpret_cast<__m128i*>(tail), _mm_set1_epi8(' '));
        if (n >= 8) {
          std::uint64_t head, end;
          std::memcpy(&head, p, 8);
          std::memcpy(&end, p + n - 8, 8);
          std::memcpy(tail, &head, 8);
          std::memcpy(tail + n - 8, &end, 8);
        } else if (n >= 4) {
          std::uint32_t head, end;
          std::memcpy(&head, p, 4);
          std::memcpy(&end, p + n - 4, 4);
          std::memcpy(tail, &head, 4);
          std::memcpy(tail + n - 4, &end, 4);
        } else {
          tail[0] = p[0];
          tail[n / 2] = p[n / 2];
          tail[n - 1] = p[n - 1];
        }
        if (verbatim_block(_mm_load_si128(reinterpret_cast<const __m128i*>(tail)), after)) return n;
      }
    }
    // Byte by byte through the block that failed, then back to blocks.
    const std::size_t stop = std::min(n, i + 16);
#else
    const std::size_t stop = n;
#endif
    while (i < stop) {
      const unsigned char c = p[i];
      if (c < 0x80) {
        if (c < 0x20 || c == '"' || c == '\\') return i;
        ++i;
        continue;
      }
      const std::size_t len = utf8_length(p, i, n);
      if (len == 0) return i;
      i += len;
    }
    if (i >= n) return n;
  }
}

std::size_t escape_at(const char* s, std::size_t i, std::size_t n, char* out, std::size_t* len) {
  const auto* p = reinterpret_cast<const unsigned char*>(s);
  const unsigned char c = p[i];
  if (c >= 0x80) {
    std::memcpy(out, "\xEF\xBF\xBD", 3);
    *len = 3;
    return ill_formed_length(p, i, n);
  }
  char second = 0;
  switch (c) {
    case '"':
      second = '"';
      break;
    case '\\':
      second = '\\';
      break;
    case '\n':
      second = 'n';
      break;
    case '\t':
      second = 't';
      break;
    case '\r':
      second = 'r';
      break;
    case '\b':
      second = 'b';
      break;
    case '\f':
      second = 'f';
      break;
    default:
      break;
  }
  out[0] = '\\';
  if (second) {
    out[1] = second;
    *len = 2;
  } else {
    static constexpr char kHex[] = "0123456789abcdef";
    std::memcpy(out + 1, "u00", 3);
    out[4] = kHex[c >> 4];
    out[5] = kHex[c & 0xF];
    *len = 6;
  }
  return 1;
}

}  // namespace json_detail

bool JsonWriter::plain_ascii(const char* p, std::size_t n) {
#if defined(__SSE2__)
  for (std::size_t i = 0; i < n; i += 16) {
    const __m128i b = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + i));
    const __m128i bad = _mm_or_si128(
        _mm_or_si128(_mm_cmpeq_epi8(b, _mm_set1_epi8('"')), _mm_cmpeq_epi8(b, _mm_set1_epi8('\\'))),
        _mm_or_si128(_mm_cmplt_epi8(b, _mm_set1_epi8(0x20)), _mm_cmpeq_epi8(b, _mm_set1_epi8(0x7F))));
    auto mask = static_cast<std::uint32_t>(_mm_movemask_epi8(bad));  // signed: high bytes are < 0x20
    if (n - i < 16) mask &= (1u << (n - i)) - 1;
    if (mask != 0) return false;
  }
  return true;
#else
  for (std::size_t i = 0; i < n; ++i) {
    const auto c = static_cast<unsigned char>(p[i]);
    if (c < 0x20 || c >= 0x7F || c == '"' || c == '\\') return false;
  }
  return true;
#endif
}

void JsonWriter::flush() {
  const std::size_t n = out_.size();
  if (n == 0) return;
  if (stream_) stream_->write(out_.data(), static_cast<std::streamsize>(n));
  if (file_) std::fwrite(out_.data(), 1, n, file_);
  if (string_) string_->append(out_.data(), n);
  flushed_ += n;
  out_.clear();
}

void JsonWriter::put_decimal(const Decimal& d) {
  // Decimal::to_string's text: the magnitude's digits, a point `scale`
  // digits from the right (zeros in front when there are fewer), a sign.
  const std::int64_t m = d.mantissa();
  const std::uint64_t magnitude = m < 0 ? 0 - static_cast<std::uint64_t>(m) : static_cast<std::uint64_t>(m);
  char digits[24];
  const auto count =
      static_cast<std::size_t>(std::to_chars(digits, digits + sizeof digits, magnitude).ptr - digits);
  const std::size_t scale = d.scale() > 0 ? static_cast<std::size_t>(d.scale()) : 0;
  out_.reserve(count + scale + 5);  // quotes, sign, point, a leading zero
  char* o = out_.cursor();
  *o++ = '"';
  if (m < 0) *o++ = '-';
  if (scale == 0) {
    std::memcpy(o, digits, count);
    o += count;
  } else if (count <= scale) {
    *o++ = '0';
    *o++ = '.';
    std::memset(o, '0', scale - count);
    o += scale - count;
    std::memcpy(o, digits, count);
    o += count;
  } else {
    std::memcpy(o, digits, count - scale);
    o += count - scale;
    *o++ = '.';
    std::memcpy(o, digits + count - scale, scale);
    o += scale;
  }
  *o++ = '"';
  out_.advance_to(o);
}

}  // namespace jixiao
