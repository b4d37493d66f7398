#include "text/key.hpp"

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
