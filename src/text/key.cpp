#include "text/key.hpp"

#include "text/simd.hpp"
#include "text/utf8.hpp"

namespace jixiao {

std::string vocabulary_key(std::string_view printed) {
  std::string out;
  out.reserve(printed.size());
  const auto* p = reinterpret_cast<const unsigned char*>(printed.data());
  const std::size_t n = printed.size();
  std::size_t run = 0;  // bytes [run, i) are copied as they are
  auto flush = [&](std::size_t i) { out.append(printed.data() + run, i - run); };
  std::size_t i = 0;
  // Works on bytes: this runs on every line of a table, and decoding each
  // character only to encode it again dominated parse profiles. Only white
  // space and the full-width brackets and colon change; everything else,
  // well-formed, is copied in runs.
  while (i < n) {
    const unsigned char c = p[i];
    if (c < 0x80) {
      if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
        flush(i);
        run = ++i;
      } else {
        ++i;
      }
      continue;
    }
    if (c >= 0xE1 && c <= 0xEF && c != 0xED && i + 2 < n && (p[i + 1] & 0xC0) == 0x80 &&
        (p[i + 2] & 0xC0) == 0x80) {
      // Every character that changes leads with E3 (U+3000, 【】) or EF
      // (（）：); the rest, nearly all of Chinese text, is copied as it is.
      if (c != 0xE3 && c != 0xEF) {
        i += 3;
        continue;
      }
      const char32_t cp = (char32_t(c & 0x0F) << 12) | (char32_t(p[i + 1] & 0x3F) << 6) | (p[i + 2] & 0x3F);
      char replacement = 0;
      bool drop = false;
      switch (cp) {
        case 0x3000:  // ideographic space
          drop = true;
          break;
        case 0xFF08:
          replacement = '(';
          break;
        case 0xFF09:
          replacement = ')';
          break;
        case 0xFF1A:
          replacement = ':';
          break;
        case 0x3010:  // 【
          replacement = '[';
          break;
        case 0x3011:  // 】
          replacement = ']';
          break;
        default:
          break;
      }
      if (drop || replacement) {
        flush(i);
        if (replacement) out.push_back(replacement);
        i += 3;
        run = i;
      } else {
        i += 3;
      }
      continue;
    }
    // Other lengths and malformed bytes: decode (a malformed byte becomes U+FFFD).
    flush(i);
    std::size_t len = 0;
    char32_t cp = utf8::decode(printed, i, &len);
    utf8::append(out, cp);
    i += len;
    run = i;
  }
  flush(n);
  return out;
}

std::string vocabulary_key_of_valid_utf8(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  const auto* b = reinterpret_cast<const unsigned char*>(text.data());
  const std::size_t n = text.size();
  std::size_t run = 0;   // bytes [run, at) are copied as they are
  std::size_t next = 0;  // the first byte not yet looked at (a character may straddle two blocks)
  bool malformed = false;
  // The byte at b[i], a lead byte or ASCII that may change.
  auto look = [&](std::size_t i) {
    if (i < next) return;  // inside a character already read
    const unsigned char c = b[i];
    if (c < 0x80) {
      out.append(text.data() + run, i - run);
      run = next = i + 1;
      return;
    }
    if (i + 2 >= n || (b[i + 1] & 0xC0) != 0x80 || (b[i + 2] & 0xC0) != 0x80) {
      malformed = true;
      return;
    }
    next = i + 3;
    const unsigned char c1 = b[i + 1], c2 = b[i + 2];
    char replacement = 0;
    bool drop = false;
    if (c == 0xE3 && c1 == 0x80) {
      drop = c2 == 0x80;                                          // U+3000
      replacement = c2 == 0x90 ? '[' : c2 == 0x91 ? ']' : '\0';  // 【】
    } else if (c == 0xEF && c1 == 0xBC) {
      replacement = c2 == 0x88 ? '(' : c2 == 0x89 ? ')' : c2 == 0x9A ? ':' : '\0';  // （）：
    }
    if (!drop && !replacement) return;
    out.append(text.data() + run, i - run);
    if (replacement) out.push_back(replacement);
    run = i + 3;
  };
  std::size_t i = 0;
#if defined(__SSE2__)
  const __m128i space = _mm_set1_epi8(' '), tab = _mm_set1_epi8('\t'), cr = _mm_set1_epi8('\r'),
                lf = _mm_set1_epi8('\n'), e3 = _mm_set1_epi8(static_cast<char>(0xE3)),
                ef = _mm_set1_epi8(static_cast<char>(0xEF));
  for (; i + 16 <= n && !malformed; i += 16) {
    const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(b + i));
    const __m128i hit =
        _mm_or_si128(_mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, space), _mm_cmpeq_epi8(v, tab)),
                                  _mm_or_si128(_mm_cmpeq_epi8(v, cr), _mm_cmpeq_epi8(v, lf))),
                     _mm_or_si128(_mm_cmpeq_epi8(v, e3), _mm_cmpeq_epi8(v, ef)));
    for (unsigned mask = static_cast<unsigned>(_mm_movemask_epi8(hit)); mask != 0; mask &= mask - 1)
      look(i + static_cast<std::size_t>(__builtin_ctz(mask)));
  }
#endif
  for (; i < n && !malformed; ++i) {
    const unsigned char c = b[i];
    if (c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == 0xE3 || c == 0xEF) look(i);
  }
  if (malformed) return vocabulary_key(text);  // its repair of the bytes, not a copy
  out.append(text.data() + run, n - run);
  return out;
}

int key_first_byte(std::string_view text) {
  const auto* p = reinterpret_cast<const unsigned char*>(text.data());
  const std::size_t n = text.size();
  std::size_t i = 0;
  while (i < n) {
    if (p[i] == ' ' || p[i] == '\t' || p[i] == '\r' || p[i] == '\n') {
      ++i;
    } else if (i + 2 < n && p[i] == 0xE3 && p[i + 1] == 0x80 && p[i + 2] == 0x80) {
      i += 3;  // U+3000
    } else {
      break;
    }
  }
  if (i >= n) return -1;
  const unsigned char c = p[i];
  if (c < 0x80) return c;
  // As vocabulary_key reads a character: E1–EF but ED, two continuations.
  if (!(c >= 0xE1 && c <= 0xEF && c != 0xED && i + 2 < n && (p[i + 1] & 0xC0) == 0x80 && (p[i + 2] & 0xC0) == 0x80))
    return -1;
  const std::string_view ch = text.substr(i, 3);
  if (ch == "（") return '(';
  if (ch == "）") return ')';
  if (ch == "：") return ':';
  if (ch == "【") return '[';
  if (ch == "】") return ']';
  return c;
}

std::string strip_brackets(std::string_view key) {
  std::string out;
  int depth = 0;
  for (char c : key) {
    if (c == '(' || c == '[') {
      ++depth;
    } else if ((c == ')' || c == ']') && depth > 0) {
      --depth;
    } else if (depth == 0) {
      out.push_back(c);
    }
  }
  return out;
}

void for_each_tsv_row(std::string_view tsv,
                      const std::function<void(const std::vector<std::string_view>&)>& row) {
  std::vector<std::string_view> fields;
  std::size_t pos = 0;
  while (pos < tsv.size()) {
    std::size_t end = tsv.find('\n', pos);
    if (end == std::string_view::npos) end = tsv.size();
    std::string_view line = tsv.substr(pos, end - pos);
    pos = end + 1;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.empty() || line.front() == '#') continue;
    fields.clear();
    std::size_t start = 0;
    while (true) {
      std::size_t tab = line.find('\t', start);
      fields.push_back(line.substr(start, tab == std::string_view::npos ? line.npos : tab - start));
      if (tab == std::string_view::npos) break;
      start = tab + 1;
    }
    row(fields);
  }
}

}  // namespace jixiao
