// JSON text without a json tree (json_text.hpp).
#include "serve/json_text.hpp"

#include <nlohmann/json.hpp>

#include "text/utf8.hpp"

namespace jixiao::serve {

void append_json_string(std::string& out, std::string_view s) {
  // Invalid UTF-8 (never stored by ingest, but the API promises JSON for
  // any stored text) goes through nlohmann itself, so its replacement is
  // the same as everywhere else.
  if (!utf8::valid(s)) {
    out += nlohmann::ordered_json(std::string(s))
               .dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
    return;
  }
  static constexpr char kHex[] = "0123456789abcdef";
  out += '"';
  std::size_t plain = 0;  // start of the bytes not yet copied
  for (std::size_t i = 0; i < s.size(); ++i) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c >= 0x20 && c != '"' && c != '\\') continue;
    out.append(s.data() + plain, i - plain);
    plain = i + 1;
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\b':
        out += "\\b";
        break;
      case '\f':
        out += "\\f";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      case '\t':
        out += "\\t";
        break;
      default:
        out += "\\u00";
        out += kHex[c >> 4];
        out += kHex[c & 0xF];
    }
  }
  out.append(s.data() + plain, s.size() - plain);
  out += '"';
}

}  // namespace jixiao::serve
