// A fast hash for the short texts of a table (names, targets, messages):
// eight bytes at a time, multiplied and folded, then mixed. Used where a flat
// table looks texts up millions of times and std::hash's per-byte loop showed
// in the profile. Not for anything that must resist chosen inputs.
#pragma once

#include <cstdint>
#include <cstring>
#include <string_view>

namespace jixiao {

inline std::uint64_t short_text_hash(std::string_view v) {
  constexpr std::uint64_t k = 0x9E3779B97F4A7C15ULL;
  std::uint64_t h = v.size() * k;
  std::size_t i = 0;
  for (; i + 8 <= v.size(); i += 8) {
    std::uint64_t w;
    std::memcpy(&w, v.data() + i, 8);
    h = (h ^ w) * k;
    h ^= h >> 29;
  }
  if (i < v.size()) {
    std::uint64_t w = 0;
    std::memcpy(&w, v.data() + i, v.size() - i);
    h = (h ^ w) * k;
    h ^= h >> 29;
  }
  h *= 0xBF58476D1CE4E5B9ULL;
  return h ^ (h >> 32);
}

}  // namespace jixiao
