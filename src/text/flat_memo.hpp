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
#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace jixiao {

template <typename Value>
class FlatMemo {
 public:
  // At most `max_remembered` answers (below 2^31).
  explicit FlatMemo(std::size_t max_remembered) : max_(max_remembered) {
    std::size_t slots = 16;
    while (slots < 2 * max_remembered) slots *= 2;  // at most half full: probes stay short
    slots_.resize(slots);
  }

  static std::size_t hash(std::string_view key) { return std::hash<std::string_view>{}(key); }

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
      if (s.hash == h && std::string_view(texts_).substr(s.offset, s.length) == key) return i;
    }
  }

  std::size_t max_;
  std::vector<Slot> slots_;
  std::string texts_;
  std::vector<Value> values_;
};

}  // namespace jixiao
