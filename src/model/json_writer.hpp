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
#include <memory>
#include <optional>
#include <ostream>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include "model/decimal.hpp"
#include "text/output_buffer.hpp"
#include "text/utf8.hpp"  // for the files that had it from here

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

namespace json_detail {

// How many of the n bytes at s a JSON string holds as they are: printable
// ASCII other than quote and backslash, and well-formed UTF-8 (DEL and
// U+2028/U+2029 too: dump() leaves them). The count ends on a character
// boundary; the byte there, if any, needs escape_at(). Sixteen bytes at a
// time where SSE2 is there: CJK text is nearly all such bytes.
std::size_t verbatim_prefix(const char* s, std::size_t n);

// The escape for s[i], a byte verbatim_prefix() stopped at: written to `out`
// (at most 6 bytes; *len says how many). Returns how many input bytes it
// stands for: 1, or an ill-formed sequence's length (one U+FFFD for it).
std::size_t escape_at(const char* s, std::size_t i, std::size_t n, char* out, std::size_t* len);

// Writes `s` as a JSON string (quotes included) through out.append(ptr, len):
// one append per run of bytes that need no escape, so a clean string is one.
template <typename Out>
void append_json_string(Out& out, std::string_view s) {
  out.append("\"", 1);
  const char* p = s.data();
  const std::size_t n = s.size();
  std::size_t i = 0;
  for (;;) {
    const std::size_t k = i + verbatim_prefix(p + i, n - i);
    if (k > i) out.append(p + i, k - i);
    if (k >= n) break;
    char esc[8];
    std::size_t len = 0;
    i = k + escape_at(p, k, n, esc, &len);
    out.append(esc, len);
  }
  out.append("\"", 1);
}

}  // namespace json_detail

// Appends `s` to `out` as a JSON string, quotes included, escaped as dump()
// escapes it: controls, quote and backslash escaped, well-formed UTF-8 copied,
// an ill-formed sequence replaced by one U+FFFD (error_handler_t::replace).
inline void put_json_string(std::string& out, std::string_view s) { json_detail::append_json_string(out, s); }

// A key written as a literal, w.key("name") or w.field("name", v): checked
// when the program is compiled to need no escaping (printable ASCII other
// than quote and backslash, at most 60 bytes), so writing it is one copy of
// a known size. A literal that fails the check does not compile (throwing
// is not a constant expression); keys made at run time take the
// std::string_view overloads, checked as they are written.
class JsonKey {
 public:
  template <std::size_t N>
  consteval JsonKey(const char (&k)[N]) : text_(k, N - 1) {  // NOLINT: implicit on purpose
    if (N - 1 > 60 || k[N - 1] != '\0') throw "a literal JSON key: at most 60 bytes";
    for (std::size_t i = 0; i + 1 < N; ++i) {
      const auto c = static_cast<unsigned char>(k[i]);
      if (c < 0x20 || c >= 0x7F || c == '"' || c == '\\') throw "a literal JSON key needs no escaping";
    }
  }
  std::string_view text() const { return text_; }

 private:
  std::string_view text_;
};

class JsonWriter {
 public:
  JsonWriter(std::ostream& out, int indent) : stream_(&out), out_(kFlushAt + 4096), indent_(indent) {}
  // To a C stream (a temporary file, stdout); check std::ferror(out) after flush().
  JsonWriter(std::FILE* out, int indent) : file_(out), out_(kFlushAt + 4096), indent_(indent) {}
  // Appended to `out`: at each flush() and when the writer ends.
  JsonWriter(std::string& out, int indent) : string_(&out), out_(4096), indent_(indent) {}
  ~JsonWriter() { flush(); }
  JsonWriter(const JsonWriter&) = delete;
  JsonWriter& operator=(const JsonWriter&) = delete;

  // Gathered in a buffer and handed to the stream in large blocks: a stream
  // insertion per token costs more than the escaping.
  void flush();
  // Bytes written so far, flushed or not.
  std::size_t written() const { return flushed_ + out_.size(); }

  void begin_object() {
    open('}');
    put('{');
  }
  void end_object() { close('}'); }
  void begin_array() {
    open(']');
    put('[');
  }
  void end_array() { close(']'); }

  // A literal key, checked when compiled: one copy of a size known where it
  // is written (hence always inlined).
  [[gnu::always_inline]] void key(JsonKey k) {
    separate();
    const std::string_view t = k.text();
    out_.reserve(t.size() + 4);
    char* o = out_.cursor();
    o[0] = '"';
    std::memcpy(o + 1, t.data(), t.size());
    std::memcpy(o + 1 + t.size(), "\": ", 3);
    out_.advance_to(o + t.size() + (indent_ >= 0 ? 4 : 3));
    after_key_ = true;
  }
  // A key made at run time. Keys are the formats' own ASCII names: copied in
  // one piece and checked where they landed, without the escaping scan.
  // Anything else goes through the string escaping, as dump() writes it.
  template <typename S>
  requires(!std::is_array_v<S> && std::is_convertible_v<const S&, std::string_view>) void key(const S& name) {
    const std::string_view k(name);
    separate();
    if (k.size() <= kPlainKey) {
      out_.reserve(kPlainKey + 20);  // room for the quotes and for plain_ascii's blocks
      char* o = out_.cursor();
      o[0] = '"';
      std::memcpy(o + 1, k.data(), k.size());
      if (plain_ascii(o + 1, k.size())) {
        std::memcpy(o + 1 + k.size(), "\": ", 3);
        out_.advance_to(o + k.size() + (indent_ >= 0 ? 4 : 3));
        after_key_ = true;
        return;
      }
    }
    string(k);
    put(indent_ >= 0 ? ": " : ":", indent_ >= 0 ? 2 : 1);
    after_key_ = true;
  }
  void value(std::string_view v) {
    separate();
    string(v);
  }
  // A value already written as JSON by this writer's rules (a string
  // escaped once by json_detail::append_json_string, quotes included, and
  // written many times), copied as it is.
  void json_value(std::string_view json) {
    separate();
    put(json.data(), json.size());
  }
  // A string value whose JSON text is remembered, for repeat_marked() to
  // copy should the same text follow (an indicator's description is most
  // often its name again).
  void marked_value(std::string_view v) {
    separate();
    mark_flushed_ = flushed_;
    mark_begin_ = out_.size();
    string(v);
    mark_end_ = out_.size();
  }
  // The last marked_value's JSON again, as the value of key `k`, when the
  // buffer still holds it (false: nothing written, the caller writes the
  // value itself). Only for the same text: the caller compares.
  bool repeat_marked(JsonKey k) {
    // key() flushes a full buffer before writing, which would take the
    // marked bytes with it: then the value is escaped again.
    if (mark_flushed_ != flushed_ || mark_end_ > out_.size() || out_.size() >= kFlushAt) return false;
    key(k);
    const std::size_t n = mark_end_ - mark_begin_;
    out_.reserve(n);  // may move the buffer: copied by offset after it
    std::memcpy(out_.cursor(), out_.data() + mark_begin_, n);
    out_.advance_to(out_.cursor() + n);
    after_key_ = false;
    return true;
  }
  void value(const char* v) { value(std::string_view(v)); }
  void value(const std::string& v) { value(std::string_view(v)); }
  void value(long long v) {
    separate();
    out_.number(v);
  }
  void value(int v) { value(static_cast<long long>(v)); }
  void value(std::size_t v) { value(static_cast<long long>(v)); }
  void value(const std::optional<std::string>& v) { v ? value(std::string_view(*v)) : null(); }
  // An amount: its canonical text (Decimal::to_string) as a JSON string,
  // written in place rather than through a temporary string.
  void value(const Decimal& d) {
    separate();
    put_decimal(d);
  }
  void value(double v) {  // geometry only (boxes); money is never a double
    separate();
    char tmp[32];
    const int len = std::snprintf(tmp, sizeof tmp, "%.1f", v);
    put(tmp, static_cast<std::size_t>(len));
  }
  void value(bool v) {
    separate();
    if (v) {
      put("true", 4);
    } else {
      put("false", 5);
    }
  }
  void null() {
    separate();
    put("null", 4);
  }
  template <typename T>
  [[gnu::always_inline]] void field(JsonKey k, const T& v) {
    key(k);
    value(v);
  }
  template <typename S, typename T>
  requires(!std::is_array_v<S>) void field(const S& k, const T& v) {
    key(k);
    value(v);
  }
  [[gnu::always_inline]] void null_field(JsonKey k) {
    key(k);
    null();
  }
  template <typename S>
  requires(!std::is_array_v<S>) void null_field(const S& k) {
    key(k);
    null();
  }

  // Text written as it is, between top-level values (the new line after each
  // document of a JSON Lines stream, the brackets of an array of documents).
  void raw(std::string_view text) {
    if (text.empty()) return;
    put(text.data(), text.size());
    if (out_.size() >= kFlushAt) flush();
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
  void splice(std::string_view piece) { raw(piece); }

 private:
  struct Level {
    char close;
    bool empty = true;
  };
  void put(const char* s, std::size_t k) { out_.append(s, k); }
  void put(char c) { out_.put(c); }
  void put_decimal(const Decimal& d);

  void open(char closing) {
    separate();
    levels_.push_back({closing});
  }
  void close(char c) {
    bool empty = levels_.back().empty;
    levels_.pop_back();
    if (!empty) newline();
    put(c);
  }
  // Before any value: a comma after the previous sibling, then a new line at
  // the current depth, except right after a key, where the value follows.
  void separate() {
    if (after_key_) {
      after_key_ = false;
      return;
    }
    if (out_.size() >= kFlushAt) flush();
    if (levels_.empty()) return;
    const bool comma = !levels_.back().empty;
    levels_.back().empty = false;
    if (indent_ < 0) {
      if (comma) put(',');
      return;
    }
    separate_indented(comma);
  }
  // The comma, the new line and its indent in one copy: an indented report
  // is mostly these, and byte-by-byte appends showed in its profile.
  void separate_indented(bool comma) {
    const std::size_t spaces = levels_.size() * static_cast<std::size_t>(indent_);
    if (spaces <= kMaxRunSpaces) {
      put(kSeparators + (comma ? 0 : 1), (comma ? 2 : 1) + spaces);
    } else {
      if (comma) put(',');
      newline();
    }
  }
  void newline() {
    if (indent_ < 0) return;
    const std::size_t spaces = levels_.size() * static_cast<std::size_t>(indent_);
    if (spaces <= kMaxRunSpaces) {
      put(kSeparators + 1, 1 + spaces);
      return;
    }
    put('\n');
    out_.reserve(spaces);
    std::memset(out_.cursor(), ' ', spaces);
    out_.advance_to(out_.cursor() + spaces);
  }
  // True when the n bytes at p need no escaping: printable ASCII other than
  // quote and backslash. The buffer goes on past p + n to the next multiple
  // of 16 bytes, which a block test may read (and ignore).
  static bool plain_ascii(const char* p, std::size_t n);

  void string(std::string_view s) { json_detail::append_json_string(out_, s); }

  static constexpr std::size_t kFlushAt = 1 << 16;
  static constexpr std::size_t kPlainKey = 60;
  // ",\n" and then spaces enough for 32 levels of indent 2.
  static constexpr std::size_t kMaxRunSpaces = 64;
  static constexpr const char* kSeparators =
      ",\n                                                                ";
  std::ostream* stream_ = nullptr;  // one of the three
  std::FILE* file_ = nullptr;
  std::string* string_ = nullptr;
  std::size_t flushed_ = 0;
  OutputBuffer out_;
  int indent_;
  std::vector<Level> levels_;
  bool after_key_ = false;
  // Where the last marked_value's JSON lies in out_, and flushed_ then.
  std::size_t mark_flushed_ = static_cast<std::size_t>(-1), mark_begin_ = 0, mark_end_ = 0;
};

}  // namespace jixiao
