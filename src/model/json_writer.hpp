// JSON written straight to a stream, laid out exactly as nlohmann's
// dump(indent, ' ', false, error_handler_t::replace) lays it out (indent < 0:
// compact), so the text is the same whichever way it is made. Used where a
// JSON tree of everything would cost more than the work itself: the jixiao/1
// documents of `parse` and the finding reports of `check`.
#pragma once

#include <charconv>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <optional>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "text/utf8.hpp"

namespace jixiao {

// How many bytes at p[i] one U+FFFD stands for when they are not UTF-8: the
// lead and the continuation bytes that could still have begun a character,
// at least one (Unicode's "maximal subpart", and what dump() replaces: a
// character cut short is one U+FFFD, not one per byte).
inline std::size_t ill_formed_length(const unsigned char* p, std::size_t i, std::size_t n) {
  const unsigned char c = p[i];
  std::size_t want = 0;
  unsigned char lo = 0x80, hi = 0xBF;  // the second byte's range
  if (c >= 0xC2 && c <= 0xDF) {
    want = 2;
  } else if (c >= 0xE0 && c <= 0xEF) {
    want = 3;
    if (c == 0xE0) lo = 0xA0;
    if (c == 0xED) hi = 0x9F;
  } else if (c >= 0xF0 && c <= 0xF4) {
    want = 4;
    if (c == 0xF0) lo = 0x90;
    if (c == 0xF4) hi = 0x8F;
  } else {
    return 1;
  }
  std::size_t k = 1;
  if (i + 1 < n && p[i + 1] >= lo && p[i + 1] <= hi) {
    k = 2;
    while (k < want && i + k < n && (p[i + k] & 0xC0) == 0x80) ++k;
  }
  return k;
}

// Appends `s` to `out` as a JSON string, quotes included, escaped as dump()
// escapes it: controls, quote and backslash escaped, well-formed UTF-8 copied,
// an ill-formed sequence replaced by one U+FFFD (error_handler_t::replace).
inline void put_json_string(std::string& out, std::string_view s) {
  out.push_back('"');
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  const std::size_t n = s.size();
  std::size_t run = 0, i = 0;
  while (i < n) {
    // Eight plain ASCII bytes at a time (no control, quote, backslash or high bit).
    while (i + 8 <= n) {
      std::uint64_t w;
      std::memcpy(&w, p + i, 8);
      constexpr std::uint64_t ones = 0x0101010101010101ULL, highs = 0x8080808080808080ULL;
      const std::uint64_t quote = w ^ (ones * '"'), backslash = w ^ (ones * '\\');
      const std::uint64_t special = (w - ones * 0x20) | (quote - ones) | (backslash - ones) | w;
      if (special & highs) break;
      i += 8;
    }
    if (i >= n) break;
    const unsigned char c = p[i];
    if (c >= 0x20 && c != '"' && c != '\\' && c < 0x80) {
      ++i;
      continue;
    }
    if (c >= 0xE1 && c <= 0xEF && c != 0xED && i + 2 < n && (p[i + 1] & 0xC0) == 0x80 &&
        (p[i + 2] & 0xC0) == 0x80) {
      // CJK and the other three-byte characters, the common case, come in
      // runs: stay here while they last rather than trying the ASCII test
      // above at every character.
      i += 3;
      while (i + 2 < n && p[i] >= 0xE1 && p[i] <= 0xEF && p[i] != 0xED && (p[i + 1] & 0xC0) == 0x80 &&
             (p[i + 2] & 0xC0) == 0x80)
        i += 3;
      continue;
    }
    const char* esc = nullptr;
    char tmp[8];
    std::size_t skip = 1;
    if (c >= 0x80) {
      std::size_t len = 0;
      char32_t cp = utf8::decode(s, i, &len);
      skip = len;
      if (cp == 0xFFFD && len == 1) {
        esc = "\xEF\xBF\xBD";
        skip = ill_formed_length(p, i, n);
      }
    } else if (c == '"') {
      esc = "\\\"";
    } else if (c == '\\') {
      esc = "\\\\";
    } else if (c == '\n') {
      esc = "\\n";
    } else if (c == '\t') {
      esc = "\\t";
    } else if (c == '\r') {
      esc = "\\r";
    } else if (c == '\b') {
      esc = "\\b";
    } else if (c == '\f') {
      esc = "\\f";
    } else {
      std::snprintf(tmp, sizeof tmp, "\\u%04x", c);
      esc = tmp;
    }
    if (esc) {
      out.append(s.data() + run, i - run);
      out.append(esc);
      run = i + skip;
    }
    i += skip;
  }
  out.append(s.data() + run, n - run);
  out.push_back('"');
}

class JsonWriter {
 public:
  JsonWriter(std::ostream& out, int indent) : stream_(&out), indent_(indent) { buf_.reserve(kFlushAt + 4096); }
  // To a C stream (a temporary file); check std::ferror(out) after flush().
  JsonWriter(std::FILE* out, int indent) : file_(out), indent_(indent) { buf_.reserve(kFlushAt + 4096); }
  ~JsonWriter() { flush(); }
  JsonWriter(const JsonWriter&) = delete;
  JsonWriter& operator=(const JsonWriter&) = delete;

  // Gathered in a buffer and handed to the stream in large blocks: a stream
  // insertion per token costs more than the escaping.
  void flush() {
    if (stream_) stream_->write(buf_.data(), static_cast<std::streamsize>(buf_.size()));
    if (file_ && !buf_.empty()) std::fwrite(buf_.data(), 1, buf_.size(), file_);
    flushed_ += buf_.size();
    buf_.clear();
  }
  // Bytes written so far, flushed or not.
  std::size_t written() const { return flushed_ + buf_.size(); }

  void begin_object() { open('}'); buf_.push_back('{'); }
  void end_object() { close('}'); }
  void begin_array() { open(']'); buf_.push_back('['); }
  void end_array() { close(']'); }

  void key(std::string_view k) {
    separate();
    // Keys are the formats' own ASCII names: written in one append, without
    // the escaping scan (a report writes a dozen keys per finding). Anything
    // else goes through string() and comes out the same as before.
    char tmp[64];
    if (k.size() + 4 <= sizeof tmp && plain_ascii(k)) {
      tmp[0] = '"';
      std::memcpy(tmp + 1, k.data(), k.size());
      std::memcpy(tmp + 1 + k.size(), "\": ", 3);
      buf_.append(tmp, k.size() + (indent_ >= 0 ? 4 : 3));
    } else {
      string(k);
      buf_.append(indent_ >= 0 ? ": " : ":");
    }
    after_key_ = true;
  }
  void value(std::string_view v) {
    separate();
    string(v);
  }
  void value(const char* v) { value(std::string_view(v)); }
  void value(const std::string& v) { value(std::string_view(v)); }
  void value(long long v) {
    separate();
    char tmp[24];
    auto end = std::to_chars(tmp, tmp + sizeof tmp, v).ptr;
    buf_.append(tmp, static_cast<std::size_t>(end - tmp));
  }
  void value(int v) { value(static_cast<long long>(v)); }
  void value(std::size_t v) { value(static_cast<long long>(v)); }
  void value(const std::optional<std::string>& v) { v ? value(std::string_view(*v)) : null(); }
  void value(double v) {  // geometry only (boxes); money is never a double
    separate();
    char tmp[32];
    const int len = std::snprintf(tmp, sizeof tmp, "%.1f", v);
    buf_.append(tmp, static_cast<std::size_t>(len));
  }
  void value(bool v) {
    separate();
    buf_.append(v ? "true" : "false");
  }
  void null() {
    separate();
    buf_.append("null");
  }
  template <typename T>
  void field(std::string_view k, const T& v) {
    key(k);
    value(v);
  }
  void null_field(std::string_view k) {
    key(k);
    null();
  }

  // A large document may be written in pieces, by different writers at
  // different times, and the pieces joined byte for byte. A piece's writer
  // starts inside the containers already open where it will go: resume()
  // takes one as open without writing its bracket (`has_values`: it holds a
  // value already, so the next one needs a comma), and leave() ends one
  // without writing its closing bracket, for the piece that follows to go on
  // in it. splice() copies a finished piece into this writer's output.
  void resume(char closing, bool has_values) { levels_.push_back({closing, !has_values}); }
  void leave() { levels_.pop_back(); }
  void splice(std::string_view piece) {
    buf_.append(piece);
    if (buf_.size() >= kFlushAt) flush();
  }

 private:
  struct Level {
    char close;
    bool empty = true;
  };

  void open(char closing) {
    separate();
    levels_.push_back({closing});
  }
  void close(char c) {
    bool empty = levels_.back().empty;
    levels_.pop_back();
    if (!empty) newline();
    buf_.push_back(c);
  }
  // Before any value: a comma after the previous sibling, then a new line at
  // the current depth, except right after a key, where the value follows.
  void separate() {
    if (after_key_) {
      after_key_ = false;
      return;
    }
    if (buf_.size() >= kFlushAt) flush();
    if (levels_.empty()) return;
    const bool comma = !levels_.back().empty;
    levels_.back().empty = false;
    if (indent_ < 0) {
      if (comma) buf_.push_back(',');
      return;
    }
    // The comma, the new line and its indent in one append: an indented
    // report is mostly these, and byte-by-byte appends showed in its profile.
    const std::size_t spaces = levels_.size() * static_cast<std::size_t>(indent_);
    if (spaces <= kMaxRunSpaces) {
      buf_.append(kSeparators + (comma ? 0 : 1), (comma ? 2 : 1) + spaces);
    } else {
      if (comma) buf_.push_back(',');
      newline();
    }
  }
  void newline() {
    if (indent_ < 0) return;
    const std::size_t spaces = levels_.size() * static_cast<std::size_t>(indent_);
    if (spaces <= kMaxRunSpaces) {
      buf_.append(kSeparators + 1, 1 + spaces);
      return;
    }
    buf_.push_back('\n');
    buf_.append(spaces, ' ');
  }
  // True when `s` needs no escaping: printable ASCII other than quote and backslash.
  static bool plain_ascii(std::string_view s) {
    for (char ch : s) {
      const auto c = static_cast<unsigned char>(ch);
      if (c < 0x20 || c >= 0x7F || c == '"' || c == '\\') return false;
    }
    return true;
  }

  void string(std::string_view s) { put_json_string(buf_, s); }

  static constexpr std::size_t kFlushAt = 1 << 16;
  // ",\n" and then spaces enough for 32 levels of indent 2.
  static constexpr std::size_t kMaxRunSpaces = 64;
  static constexpr const char* kSeparators =
      ",\n                                                                ";
  std::ostream* stream_ = nullptr;  // one of the two
  std::FILE* file_ = nullptr;
  std::size_t flushed_ = 0;
  std::string buf_;
  int indent_;
  std::vector<Level> levels_;
  bool after_key_ = false;
};

}  // namespace jixiao
