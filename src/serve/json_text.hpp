// JSON text written straight into a string, byte for byte as
// nlohmann::ordered_json::dump(-1, ' ', false, replace) writes the same
// value: for answers of many rows (a search page), where building a json
// tree of the rows and then serialising it cost a third of the request.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "model/json_writer.hpp"  // put_json_string: strings as dump() escapes them

namespace jixiao::serve {

// One JSON object being written: members in the order they are added.
class JsonObject {
 public:
  explicit JsonObject(std::string& out) : out_(out) { out_ += '{'; }
  JsonObject(const JsonObject&) = delete;
  JsonObject& operator=(const JsonObject&) = delete;

  // Starts a member; its value is written next, by the caller (raw JSON).
  std::string& key(std::string_view name) {
    out_ += first_ ? "\"" : ",\"";
    first_ = false;
    out_ += name;  // member names are the API's own: plain ASCII
    out_ += "\":";
    return out_;
  }
  void text(std::string_view name, std::string_view v) { put_json_string(key(name), v); }
  void text(std::string_view name, const std::string& v) { text(name, std::string_view(v)); }
  void text(std::string_view name, const char* v) { text(name, std::string_view(v)); }
  void text(std::string_view name, const std::optional<std::string>& v) {
    if (v) return text(name, *v);
    key(name) += "null";
  }
  void integer(std::string_view name, std::int64_t v) { key(name) += std::to_string(v); }
  void integer(std::string_view name, const std::optional<int>& v) {
    if (v) return integer(name, *v);
    key(name) += "null";
  }
  void boolean(std::string_view name, bool v) { key(name) += v ? "true" : "false"; }
  void close() { out_ += '}'; }

 private:
  std::string& out_;
  bool first_ = true;
};

}  // namespace jixiao::serve
