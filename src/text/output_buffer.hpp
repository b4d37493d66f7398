// A growable byte buffer written through a cursor: one bound test for each
// piece written, then a copy of a size the caller usually knows when it is
// compiled. std::string::append (its own bound test, then a memcpy of a size
// it learns at run time) was most of what writing JSON cost; the JSON writer
// keeps its output in one of these, and the check report lays out its
// records in one.
//
// Bytes are zeroed when allocated (Start::zeroed), so a reader of whole
// 16-byte blocks (the JSON writer's key test) may look past what was written
// and never see an unset byte; a large buffer that is only ever read up to
// its cursor starts unset (Start::unset), as zeroing it would touch every
// page of it at once.
#pragma once

#include <algorithm>
#include <array>
#include <charconv>
#include <cstddef>
#include <cstring>
#include <memory>
#include <string_view>

namespace jixiao {

class OutputBuffer {
  // "00" "01" … "99": the two digits of each number under 100.
  static constexpr std::array<char, 200> kDigitPairs = [] {
    std::array<char, 200> pairs{};
    for (int i = 0; i < 100; ++i) {
      pairs[2 * i] = static_cast<char>('0' + i / 10);
      pairs[2 * i + 1] = static_cast<char>('0' + i % 10);
    }
    return pairs;
  }();

 public:
  enum class Start { zeroed, unset };
  explicit OutputBuffer(std::size_t capacity, Start start = Start::zeroed)
      : zeroed_(start == Start::zeroed), buf_(allocate(capacity)), cur_(buf_.get()), end_(buf_.get() + capacity) {}

  std::size_t size() const { return static_cast<std::size_t>(cur_ - buf_.get()); }
  char* data() { return buf_.get(); }
  const char* data() const { return buf_.get(); }
  std::string_view view() const { return {buf_.get(), size()}; }
  void clear() { cur_ = buf_.get(); }

  // Room for k more bytes after the cursor.
  [[gnu::always_inline]] void reserve(std::size_t k) {
    if (static_cast<std::size_t>(end_ - cur_) < k) grow(k);
  }
  [[gnu::always_inline]] void append(const char* s, std::size_t n) {
    reserve(n);
    std::memcpy(cur_, s, n);
    cur_ += n;
  }
  [[gnu::always_inline]] void put(char c) {
    reserve(1);
    *cur_++ = c;
  }
  // Most numbers written are small (the check report's indexes, scores and
  // line numbers): up to four digits are written from a table of digit
  // pairs, in place. Up to eight digits (a parse's figures and its larger
  // line numbers) are two such groups, out of line so that the inlined
  // path stays small; std::to_chars (a call that first counts the digits)
  // writes the rest and negative numbers.
  [[gnu::always_inline]] void number(long long v) {
    reserve(24);
    if (static_cast<unsigned long long>(v) >= 10000) {
      cur_ = large_number(cur_, v);
      return;
    }
    cur_ = up_to_four(cur_, static_cast<unsigned>(v));
  }

  // Writing in place: after reserve(k), up to k bytes may be written from
  // cursor(); advance_to() then moves the cursor past them.
  char* cursor() { return cur_; }
  void advance_to(char* end_of_written) { cur_ = end_of_written; }

 private:
  // u < 10000, written without leading zeros.
  [[gnu::always_inline]] static char* up_to_four(char* at, unsigned u) {
    if (u < 10) {
      *at = static_cast<char>('0' + u);
      return at + 1;
    }
    if (u < 100) {
      std::memcpy(at, kDigitPairs.data() + 2 * u, 2);
      return at + 2;
    }
    if (u < 1000) {
      *at = static_cast<char>('0' + u / 100);
      std::memcpy(at + 1, kDigitPairs.data() + 2 * (u % 100), 2);
      return at + 3;
    }
    std::memcpy(at, kDigitPairs.data() + 2 * (u / 100), 2);
    std::memcpy(at + 2, kDigitPairs.data() + 2 * (u % 100), 2);
    return at + 4;
  }

  // v >= 10000 or negative; `at` has room for 24 bytes.
  [[gnu::noinline]] static char* large_number(char* at, long long v) {
    if (v < 0 || v >= 100000000) return std::to_chars(at, at + 24, v).ptr;
    const auto u = static_cast<unsigned>(v);
    // The high group without leading zeros, the low four digits in full.
    at = up_to_four(at, u / 10000);
    const unsigned low = u % 10000;
    std::memcpy(at, kDigitPairs.data() + 2 * (low / 100), 2);
    std::memcpy(at + 2, kDigitPairs.data() + 2 * (low % 100), 2);
    return at + 4;
  }

  [[gnu::noinline]] void grow(std::size_t k) {
    const std::size_t used = size();
    const std::size_t want = std::max(2 * static_cast<std::size_t>(end_ - buf_.get()), used + k);
    auto bigger = allocate(want);
    std::memcpy(bigger.get(), buf_.get(), used);
    buf_ = std::move(bigger);
    cur_ = buf_.get() + used;
    end_ = buf_.get() + want;
  }

  std::unique_ptr<char[]> allocate(std::size_t n) const {
    return zeroed_ ? std::make_unique<char[]>(n) : std::make_unique_for_overwrite<char[]>(n);
  }

  bool zeroed_;
  std::unique_ptr<char[]> buf_;
  char* cur_;
  char* end_;
};

}  // namespace jixiao
