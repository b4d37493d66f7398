#include "text/utf8.hpp"

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <vector>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace jixiao::utf8 {

char32_t decode(std::string_view s, std::size_t pos, std::size_t* len) {
  auto byte = [&](std::size_t i) { return static_cast<unsigned char>(s[i]); };
  unsigned char c = byte(pos);
  *len = 1;
  if (c < 0x80) return c;
  int need = 0;
  char32_t cp = 0;
  if ((c & 0xE0) == 0xC0) {
    need = 1;
    cp = c & 0x1F;
  } else if ((c & 0xF0) == 0xE0) {
    need = 2;
    cp = c & 0x0F;
  } else if ((c & 0xF8) == 0xF0) {
    need = 3;
    cp = c & 0x07;
  } else {
    return 0xFFFD;
  }
  if (pos + need >= s.size()) return 0xFFFD;  // truncated sequence
  for (int k = 1; k <= need; ++k) {
    unsigned char d = byte(pos + k);
    if ((d & 0xC0) != 0x80) return 0xFFFD;
    cp = (cp << 6) | (d & 0x3F);
  }
  // Overlong forms and surrogates are not valid UTF-8.
  if ((need == 1 && cp < 0x80) || (need == 2 && cp < 0x800) ||
      (need == 3 && (cp < 0x10000 || cp > 0x10FFFF)) || (cp >= 0xD800 && cp <= 0xDFFF)) {
    return 0xFFFD;
  }
  *len = static_cast<std::size_t>(need + 1);
  return cp;
}

void append(std::string& out, char32_t cp) {
  if (cp < 0x80) {
    out.push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    out.push_back(static_cast<char>(0xC0 | (cp >> 6)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else if (cp < 0x10000) {
    out.push_back(static_cast<char>(0xE0 | (cp >> 12)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else {
    out.push_back(static_cast<char>(0xF0 | (cp >> 18)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  }
}

bool valid(std::string_view s) {
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  const std::size_t n = s.size();
  std::size_t i = 0;
  while (i < n) {
    // Eight ASCII bytes at a time; text exports are mostly ASCII figures and
    // three-byte CJK, the two cases handled without a call.
    if (i + 8 <= n) {
      std::uint64_t word;
      std::memcpy(&word, p + i, 8);
      if ((word & 0x8080808080808080ULL) == 0) {
        i += 8;
        continue;
      }
    }
    const unsigned char c = p[i];
    if (c < 0x80) {
      ++i;
      continue;
    }
    if (c >= 0xE1 && c <= 0xEF && c != 0xED && i + 2 < n && (p[i + 1] & 0xC0) == 0x80 &&
        (p[i + 2] & 0xC0) == 0x80) {
      // E1–EF but ED: no overlong or surrogate form is possible. Chinese
      // text is runs of these: stay here while they last rather than trying
      // the ASCII word test at every character.
      i += 3;
      while (i + 2 < n && p[i] >= 0xE1 && p[i] <= 0xEF && p[i] != 0xED && (p[i + 1] & 0xC0) == 0x80 &&
             (p[i + 2] & 0xC0) == 0x80)
        i += 3;
      continue;
    }
    std::size_t len = 0;
    char32_t cp = decode(s, i, &len);
    if (cp == 0xFFFD && len == 1) return false;
    i += len;
  }
  return true;
}

std::size_t find(std::string_view hay, std::string_view needle, std::size_t from) {
  const std::size_t n = needle.size();
  if (n == 0) return from <= hay.size() ? from : std::string_view::npos;
  if (hay.size() < n || from > hay.size() - n) return std::string_view::npos;
  const char* s = hay.data() + from;
  const std::size_t len = hay.size() - from;  // candidate starts: [0, len - n]
  std::size_t i = 0;
#if defined(__SSE2__)
  // Chinese text is made of few distinct lead bytes and 64 continuation
  // bytes, so scanning for one byte stops every few characters. Sixteen
  // candidate starts are tested at once on three of the needle's bytes
  // (first, middle, last); only starts matching all three are compared.
  if (n >= 2) {
    const std::size_t mid = n / 2;
    const __m128i first = _mm_set1_epi8(needle[0]);
    const __m128i middle = _mm_set1_epi8(needle[mid]);
    const __m128i last = _mm_set1_epi8(needle[n - 1]);
    // Candidate starts in [at, at + 16) whose three bytes match, as bits.
    auto candidates = [&](std::size_t at) {
      const __m128i at_first = _mm_loadu_si128(reinterpret_cast<const __m128i*>(s + at));
      const __m128i at_middle = _mm_loadu_si128(reinterpret_cast<const __m128i*>(s + at + mid));
      const __m128i at_last = _mm_loadu_si128(reinterpret_cast<const __m128i*>(s + at + n - 1));
      const __m128i hits = _mm_and_si128(_mm_and_si128(_mm_cmpeq_epi8(at_first, first), _mm_cmpeq_epi8(at_middle, middle)),
                                         _mm_cmpeq_epi8(at_last, last));
      return static_cast<unsigned>(_mm_movemask_epi8(hits));
    };
    for (; i + 16 + n - 1 <= len; i += 16) {
      auto mask = candidates(i);
      while (mask != 0) {
        const auto bit = static_cast<std::size_t>(__builtin_ctz(mask));
        if (std::memcmp(s + i + bit, needle.data(), n) == 0) return from + i + bit;
        mask &= mask - 1;
      }
    }
    if (len >= 16 + n - 1) {
      // The starts left (fewer than sixteen): one more block, ending at the
      // last start and overlapping the one before, with the starts already
      // tested masked off. A line is a few blocks long, and finishing it a
      // byte at a time cost as much as the blocks before.
      const std::size_t at = len - n + 1 - 16;  // < i, and i - at <= 16
      auto mask = candidates(at) & ~((1u << (i - at)) - 1u);
      while (mask != 0) {
        const auto bit = static_cast<std::size_t>(__builtin_ctz(mask));
        if (std::memcmp(s + at + bit, needle.data(), n) == 0) return from + at + bit;
        mask &= mask - 1;
      }
      return std::string_view::npos;
    }
  }
#endif
  // What the block scan left (or everything, for one byte or without SSE2).
  const char lead = needle[0];
  for (; i + n <= len; ++i) {
    const void* hit = std::memchr(s + i, lead, len - n + 1 - i);
    if (!hit) return std::string_view::npos;
    i = static_cast<std::size_t>(static_cast<const char*>(hit) - s);
    if (std::memcmp(s + i, needle.data(), n) == 0) return from + i;
  }
  return std::string_view::npos;
}

std::string sanitize(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  std::size_t i = 0;
  while (i < s.size()) {
    std::size_t len = 0;
    char32_t cp = decode(s, i, &len);
    if (cp == 0xFFFD && len == 1 && static_cast<unsigned char>(s[i]) >= 0x80) {
      append(out, 0xFFFD);
    } else {
      out.append(s.substr(i, len));
    }
    i += len;
  }
  return out;
}

bool is_cjk(char32_t cp) {
  return (cp >= 0x2E80 && cp <= 0x9FFF) || (cp >= 0xF900 && cp <= 0xFAFF) || (cp >= 0xFE30 && cp <= 0xFE4F) ||
         (cp >= 0xFF00 && cp <= 0xFFEF) || (cp >= 0x20000 && cp <= 0x2FFFF) ||
         (cp >= 0x2000 && cp <= 0x206F) || (cp >= 0x2190 && cp <= 0x22FF);
}

void append_wrapped(std::string& out, std::string_view next) {
  next = trim(next);
  if (next.empty()) return;
  // Only two Latin words get a space back; a PDF export wraps CJK text and
  // numbers anywhere, so everything else is glued. A letter is one ASCII
  // byte, and no byte of a longer character is ASCII, so the two bytes at the
  // join answer it: this runs on every wrapped line, and decoding the
  // characters on both sides showed in parse profiles.
  const auto letter = [](char c) { return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'); };
  if (!out.empty() && letter(out.back()) && letter(next.front())) out.push_back(' ');
  out.append(next);
}

std::string squeeze_cjk_spaces(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  std::size_t i = 0;
  char32_t prev = 0;
  while (i < s.size()) {
    std::size_t len = 0;
    char32_t cp = decode(s, i, &len);
    if (cp == ' ') {
      std::size_t j = i;
      while (j < s.size() && s[j] == ' ') ++j;
      if (j < s.size()) {
        std::size_t nlen = 0;
        char32_t next = decode(s, j, &nlen);
        if (is_cjk(prev) || is_cjk(next)) {
          i = j;
          continue;
        }
      }
    }
    out.append(s.substr(i, len));
    prev = cp;
    i += len;
  }
  return out;
}

std::string_view trim_ends(std::string_view s) {
  auto is_space_at_front = [&](std::string_view v) -> std::size_t {
    if (v.empty()) return 0;
    if (v[0] == ' ' || v[0] == '\t' || v[0] == '\r' || v[0] == '\n') return 1;
    if (v.size() >= 3 && v.substr(0, 3) == "\xE3\x80\x80") return 3;
    return 0;
  };
  while (std::size_t n = is_space_at_front(s)) s.remove_prefix(n);
  while (!s.empty()) {
    char c = s.back();
    if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
      s.remove_suffix(1);
    } else if (s.size() >= 3 && s.substr(s.size() - 3) == "\xE3\x80\x80") {
      s.remove_suffix(3);
    } else {
      break;
    }
  }
  return s;
}

std::size_t length(std::string_view s) {
  std::size_t n = 0;
  for (char c : s) n += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  return n;
}

double similarity(std::string_view a, std::string_view b) {
  std::vector<char32_t> x, y;
  for (std::size_t i = 0, len = 0; i < a.size(); i += len) x.push_back(decode(a, i, &len));
  for (std::size_t i = 0, len = 0; i < b.size(); i += len) y.push_back(decode(b, i, &len));
  if (x.empty() && y.empty()) return 1.0;
  std::vector<std::size_t> prev(y.size() + 1), cur(y.size() + 1);
  for (std::size_t j = 0; j <= y.size(); ++j) prev[j] = j;
  for (std::size_t i = 1; i <= x.size(); ++i) {
    cur[0] = i;
    for (std::size_t j = 1; j <= y.size(); ++j) {
      cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (x[i - 1] != y[j - 1] ? 1u : 0u)});
    }
    std::swap(prev, cur);
  }
  return 1.0 - static_cast<double>(prev[y.size()]) / static_cast<double>(std::max(x.size(), y.size()));
}

std::string_view prefix(std::string_view s, std::size_t n) {
  std::size_t i = 0;
  while (i < s.size() && n > 0) {
    std::size_t len = 0;
    decode(s, i, &len);
    i += len;
    --n;
  }
  return s.substr(0, i);
}

}  // namespace jixiao::utf8
