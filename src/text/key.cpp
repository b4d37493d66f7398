#include "text/key.hpp"

#include "text/utf8.hpp"

namespace jixiao {

std::string vocabulary_key(std::string_view printed) {
  std::string out;
  out.reserve(printed.size());
  std::size_t i = 0;
  while (i < printed.size()) {
    std::size_t len = 0;
    char32_t cp = utf8::decode(printed, i, &len);
    i += len;
    switch (cp) {
      case ' ':
      case '\t':
      case '\r':
      case '\n':
      case 0x3000:
        break;
      case 0xFF08:
        out.push_back('(');
        break;
      case 0xFF09:
        out.push_back(')');
        break;
      case 0xFF1A:
        out.push_back(':');
        break;
      case 0x3010:
        out.push_back('[');
        break;  // 【
      case 0x3011:
        out.push_back(']');
        break;  // 】
      default:
        utf8::append(out, cp);
    }
  }
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
