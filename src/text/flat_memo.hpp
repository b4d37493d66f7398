// Answers remembered by text, for functions whose answer depends on the text
// alone and is asked again and again (a grid's labels, the same targets from
// project to project). One flat table (open addressing, linear probes) with
// the keys' bytes in one string: a node-based map cost a cache miss for the
// bucket, one for the node and one for its key on every look-up, which on a
// 30 MB corpus showed as a tenth of the time though it was few instructions.
// Bounded: once full it remembers nothing more, and callers compute as
// before. Not thread-safe: keep one per thread.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

namespace jixiao {

namespace flat_memo_detail {
// Unaligned loads of eight and four bytes (memcpy compiles to one move).
inline std::uint64_t load64(const char* q) {
  std::uint64_t v;
  std::memcpy(&v, q, sizeof v);
  return v;
}
inline std::uint64_t load32(const char* q) {
  std::uint32_t v;
  std::memcpy(&v, q, sizeof v);
  return v;
}
}  // namespace flat_memo_detail

// A hash of short texts (table cells, field names) for tables whose slot is
// the hash's low bits. Eight bytes at a time, one multiply each, and the
// last eight bytes read again where the length is no multiple of eight:
// std::hash (murmur, a library call) cost about 90 instructions on a grid
// cell, a tenth of reading a project grid. The end mixes the high bits down.
inline std::size_t hash_text(std::string_view key) {
  using flat_memo_detail::load32, flat_memo_detail::load64;
  const char* p = key.data();
  const std::size_t n = key.size();
  std::uint64_t h = 0x9E3779B97F4A7C15ull ^ n;
  auto mix = [&h](std::uint64_t v) {
    h ^= v;
    h *= 0xBF58476D1CE4E5B9ull;
    h ^= h >> 31;
  };
  if (n >= 8) {
    for (std::size_t i = 0; i + 8 < n; i += 8) mix(load64(p + i));
    mix(load64(p + n - 8));
  } else if (n >= 4) {
    mix(load32(p) << 32 | load32(p + n - 4));
  } else if (n > 0) {
    mix(std::uint64_t{static_cast<unsigned char>(p[0])} |
        std::uint64_t{static_cast<unsigned char>(p[n / 2])} << 8 |
        std::uint64_t{static_cast<unsigned char>(p[n - 1])} << 16);
  }
  h ^= h >> 32;
  h *= 0x94D049BB133111EBull;
  h ^= h >> 29;
  return static_cast<std::size_t>(h);
}

// Whether the n bytes at a and at b are the same, compared in place eight
// bytes at a time (the last eight read again where n is no multiple of
// eight): the texts a memo compares are cells of a few tens of bytes, and
// a call to memcmp for each cost more than the comparing (its set-up and a
// mispredicted exit, about 5% of reading a grid export in all).
inline bool same_bytes(const char* a, const char* b, std::size_t n) {
  using flat_memo_detail::load32, flat_memo_detail::load64;
  if (n >= 8) {
    if (n > 64) return std::memcmp(a, b, n) == 0;
    for (std::size_t i = 0; i + 8 < n; i += 8) {
      if (load64(a + i) != load64(b + i)) return false;
    }
    return load64(a + n - 8) == load64(b + n - 8);
  }
  if (n >= 4) return load32(a) == load32(b) && load32(a + n - 4) == load32(b + n - 4);
  for (std::size_t i = 0; i < n; ++i) {
    if (a[i] != b[i]) return false;
  }
  return true;
}

// hash_text as a hasher for std::unordered_map<std::string_view, ...>.
struct TextHash {
  std::size_t operator()(std::string_view key) const { return hash_text(key); }
};

template <typename Value>
class FlatMemo {
 public:
  // At most `max_remembered` answers (below 2^31).
  explicit FlatMemo(std::size_t max_remembered) : max_(max_remembered) {
    std::size_t slots = 16;
    while (slots < 2 * max_remembered) slots *= 2;  // at most half full: probes stay short
    slots_.resize(slots);
  }

  static std::size_t hash(std::string_view key) { return hash_text(key); }

  // The answer remembered for `key` (`h` = hash(key)), or nullptr.
  const Value* find(std::string_view key, std::size_t h) const {
    const Slot& s = slots_[slot_of(key, h)];
    return s.value == kEmpty ? nullptr : &values_[s.value];
  }

  // Remembers `value` for `key` unless the memo is full or knows it already.
  void remember(std::string_view key, std::size_t h, Value value) {
    if (full()) return;
    Slot& s = slots_[slot_of(key, h)];
    if (s.value != kEmpty) return;
    s = {h, texts_.size(), key.size(), static_cast<std::uint32_t>(values_.size())};
    texts_.append(key);
    values_.push_back(std::move(value));
  }

  bool full() const { return values_.size() >= max_; }

 private:
  static constexpr std::uint32_t kEmpty = UINT32_MAX;
  struct Slot {
    std::size_t hash = 0;
    std::size_t offset = 0, length = 0;  // the key's bytes in texts_
    std::uint32_t value = kEmpty;        // index in values_
  };
  // The slot holding `key`, else the empty slot where it would go (there
  // always is one: the table is at most half full).
  std::size_t slot_of(std::string_view key, std::size_t h) const {
    const std::size_t mask = slots_.size() - 1;
    for (std::size_t i = h & mask;; i = (i + 1) & mask) {
      const Slot& s = slots_[i];
      if (s.value == kEmpty) return i;
      // The bytes compared in place: string_view::substr (bounds-checked,
      // not inlined) cost a call and ten instructions on every hit, and a
      // memcmp a call (same_bytes).
      if (s.hash == h && s.length == key.size() && same_bytes(texts_.data() + s.offset, key.data(), key.size())) {
        return i;
      }
    }
  }

  std::size_t max_;
  std::vector<Slot> slots_;
  std::string texts_;
  std::vector<Value> values_;
};

}  // namespace jixiao
