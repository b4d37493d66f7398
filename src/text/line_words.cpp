#include "text/line_words.hpp"

#include <algorithm>
#include <cstring>

#include "text/simd.hpp"

namespace jixiao {
namespace {

using Hit = LineWordScan::Hit;

// The words searched, each told from other text by two of its bytes (a
// filter; a start passing it is compared in full). 部门名称 is not searched
// on its own: it is 称 with 部门名 before it.
struct Word {
  std::string_view bytes;
  std::uint8_t bit;
  unsigned a, b;  // offsets of the two bytes tested (the block scan below tests these)
};
constexpr Word kWords[] = {
    {"称", line_word::kCheng, 1, 2},                                           // E7 A7 B0
    {"位", line_word::kWei, 1, 2},                                             // E4 BD 8D
    {"目", line_word::kMu, 1, 2},                                              // E7 9B AE
    {"\xB2\xBF\xC3\xC5\xC3\xFB\xB3\xC6", line_word::kDepartmentNameGb, 2, 5},  // 部门名称 in GB18030
};
constexpr std::size_t kWordCount = std::size(kWords);
// 部门名称 is 称 with 部门名 before it.
constexpr std::string_view kBeforeCheng = "部门名";
constexpr std::size_t kLookAhead = 4 * 1024;

// Whether word k starts at `at` of `text` (wholly inside it); a 名称 there
// with 部门 before it is also a 部门名称. Found occurrences go to `out` in
// order of position.
void take(std::string_view text, std::size_t at, std::size_t k, std::vector<Hit>& out) {
  const Word& w = kWords[k];
  if (at + w.bytes.size() > text.size() || std::memcmp(text.data() + at, w.bytes.data(), w.bytes.size()) != 0)
    return;
  // 部门名 holds no word's start, so no occurrence found before lies at or
  // after where 部门名称 starts: the order of positions holds.
  if (w.bit == line_word::kCheng && at >= kBeforeCheng.size() &&
      std::memcmp(text.data() + at - kBeforeCheng.size(), kBeforeCheng.data(), kBeforeCheng.size()) == 0) {
    out.push_back({at - kBeforeCheng.size(), static_cast<std::uint8_t>(kBeforeCheng.size() + w.bytes.size()),
                   line_word::kDepartmentName});
  }
  out.push_back({at, static_cast<std::uint8_t>(w.bytes.size()), w.bit});
}

constexpr std::size_t kReach = 6;  // the largest tested offset + 1 (the block scans below)

#if defined(JIXIAO_SCAN_AVX2)
// The block scan below thirty-two starts at a time, on processors with AVX2:
// from `i`, while a whole block lies before `to` and its tested bytes in the
// text; `i` is then where the scan goes on.
__attribute__((target("avx2"))) void scan_blocks_avx2(std::string_view text, std::size_t& i, std::size_t to,
                                                      std::vector<Hit>& out) {
  const auto* p = reinterpret_cast<const unsigned char*>(text.data());
  const std::size_t n = text.size();
  const __m256i w0a = _mm256_set1_epi8(kWords[0].bytes[1]), w0b = _mm256_set1_epi8(kWords[0].bytes[2]),
                w1a = _mm256_set1_epi8(kWords[1].bytes[1]), w1b = _mm256_set1_epi8(kWords[1].bytes[2]),
                w2a = _mm256_set1_epi8(kWords[2].bytes[1]), w2b = _mm256_set1_epi8(kWords[2].bytes[2]),
                w3a = _mm256_set1_epi8(kWords[3].bytes[2]), w3b = _mm256_set1_epi8(kWords[3].bytes[5]);
  for (; i + 32 <= to && i + 32 + kReach <= n; i += 32) {
    const __m256i v1 = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(p + i + 1));
    const __m256i v2 = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(p + i + 2));
    const __m256i v5 = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(p + i + 5));
    const __m256i m0 = _mm256_and_si256(_mm256_cmpeq_epi8(v1, w0a), _mm256_cmpeq_epi8(v2, w0b));
    const __m256i m1 = _mm256_and_si256(_mm256_cmpeq_epi8(v1, w1a), _mm256_cmpeq_epi8(v2, w1b));
    const __m256i m2 = _mm256_and_si256(_mm256_cmpeq_epi8(v1, w2a), _mm256_cmpeq_epi8(v2, w2b));
    const __m256i m3 = _mm256_and_si256(_mm256_cmpeq_epi8(v2, w3a), _mm256_cmpeq_epi8(v5, w3b));
    std::uint32_t all = static_cast<std::uint32_t>(
        _mm256_movemask_epi8(_mm256_or_si256(_mm256_or_si256(m0, m1), _mm256_or_si256(m2, m3))));
    if (all == 0) continue;
    const std::uint32_t masks[kWordCount] = {static_cast<std::uint32_t>(_mm256_movemask_epi8(m0)),
                                             static_cast<std::uint32_t>(_mm256_movemask_epi8(m1)),
                                             static_cast<std::uint32_t>(_mm256_movemask_epi8(m2)),
                                             static_cast<std::uint32_t>(_mm256_movemask_epi8(m3))};
    for (; all != 0; all &= all - 1) {
      const unsigned bit = static_cast<unsigned>(__builtin_ctz(all));
      for (std::size_t k = 0; k < kWordCount; ++k) {
        if (masks[k] & (1u << bit)) take(text, i + bit, k, out);
      }
    }
  }
}
#endif

// Every occurrence of the words starting in [from, to) of `text`; `wide`:
// thirty-two starts at a time first, where the processor has AVX2.
void scan(std::string_view text, std::size_t from, std::size_t to, std::vector<Hit>& out, bool wide = true) {
  const auto* p = reinterpret_cast<const unsigned char*>(text.data());
  const std::size_t n = text.size();
  std::size_t i = from;
#if defined(JIXIAO_SCAN_AVX2)
  if (wide && processor_has_avx2()) scan_blocks_avx2(text, i, to, out);
#else
  (void)wide;
#endif
#if defined(__SSE2__)
  // Sixteen starts at a time, every word at once: each word's two bytes
  // compared at their offsets (kWords' a and b, written out here); a block
  // where no word passes (nearly all) costs about twenty instructions.
  static_assert(kWords[0].a == 1 && kWords[0].b == 2 && kWords[1].a == 1 && kWords[1].b == 2 &&
                kWords[2].a == 1 && kWords[2].b == 2 && kWords[3].a == 2 && kWords[3].b == 5);
  auto splat = [](std::size_t k, unsigned off) {
    return _mm_set1_epi8(static_cast<char>(kWords[k].bytes[off]));
  };
  const __m128i w0a = splat(0, 1), w0b = splat(0, 2), w1a = splat(1, 1), w1b = splat(1, 2);
  const __m128i w2a = splat(2, 1), w2b = splat(2, 2), w3a = splat(3, 2), w3b = splat(3, 5);
  for (; i < to && i + 16 + kReach <= n; i += 16) {
    auto at = [&](unsigned off) { return _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + i + off)); };
    const __m128i v1 = at(1), v2 = at(2), v5 = at(5);
    const __m128i m0 = _mm_and_si128(_mm_cmpeq_epi8(v1, w0a), _mm_cmpeq_epi8(v2, w0b));
    const __m128i m1 = _mm_and_si128(_mm_cmpeq_epi8(v1, w1a), _mm_cmpeq_epi8(v2, w1b));
    const __m128i m2 = _mm_and_si128(_mm_cmpeq_epi8(v1, w2a), _mm_cmpeq_epi8(v2, w2b));
    const __m128i m3 = _mm_and_si128(_mm_cmpeq_epi8(v2, w3a), _mm_cmpeq_epi8(v5, w3b));
    unsigned all =
        static_cast<unsigned>(_mm_movemask_epi8(_mm_or_si128(_mm_or_si128(m0, m1), _mm_or_si128(m2, m3))));
    if (all == 0) continue;
    if (to - i < 16) all &= (1u << (to - i)) - 1u;
    const unsigned masks[kWordCount] = {
        static_cast<unsigned>(_mm_movemask_epi8(m0)), static_cast<unsigned>(_mm_movemask_epi8(m1)),
        static_cast<unsigned>(_mm_movemask_epi8(m2)), static_cast<unsigned>(_mm_movemask_epi8(m3))};
    for (; all != 0; all &= all - 1) {
      const unsigned bit = static_cast<unsigned>(__builtin_ctz(all));
      for (std::size_t k = 0; k < kWordCount; ++k) {
        if (masks[k] & (1u << bit)) take(text, i + bit, k, out);
      }
    }
  }
#endif
  for (; i < to && i < n; ++i) {
    for (std::size_t k = 0; k < kWordCount; ++k) {
      const Word& w = kWords[k];
      if (i + w.b < n && p[i + w.a] == static_cast<unsigned char>(w.bytes[w.a]) &&
          p[i + w.b] == static_cast<unsigned char>(w.bytes[w.b]))
        take(text, i, k, out);
    }
  }
}

}  // namespace

std::uint8_t line_word_bit(std::string_view word) {
  if (word == "部门名称") return line_word::kDepartmentName;
  for (const Word& w : kWords) {
    if (w.bytes == word && (w.bit & line_word::kText)) return w.bit;
  }
  return 0;
}

std::uint8_t line_words_of(std::string_view line, bool wide) {
  std::vector<Hit> hits;
  scan(line, 0, line.size(), hits, wide);
  std::uint8_t bits = 0;
  for (const Hit& h : hits) bits |= h.word;
  return bits;
}

void LineWordScan::reset(std::string_view text) {
  text_ = text;
  known_ = false;
}

std::uint8_t LineWordScan::in(std::string_view line) {
  const char* t = text_.data();
  if (line.empty()) return 0;
  if (text_.empty() || line.data() < t || line.data() + line.size() > t + text_.size())
    return line_words_of(line);
  const auto begin = static_cast<std::size_t>(line.data() - t);
  const std::size_t end = begin + line.size();
  if (!known_ || begin < from_) {
    hits_.clear();
    next_ = 0;
    from_ = scanned_ = begin;
    known_ = true;
  }
  while (next_ < hits_.size() && hits_[next_].at < begin) ++next_;
  if (next_ == hits_.size()) {
    hits_.clear();
    next_ = 0;
  } else if (next_ >= 1024) {
    hits_.erase(hits_.begin(), hits_.begin() + static_cast<std::ptrdiff_t>(next_));
    next_ = 0;
  }
  if (scanned_ < begin) {
    // Every occurrence found starts before scanned_, so none is left: go on
    // from this line.
    from_ = scanned_ = begin;
  }
  if (scanned_ < end) {
    const std::size_t to = std::min(text_.size(), std::max(end, begin + kLookAhead));
    scan(text_, scanned_, to, hits_);
    scanned_ = to;
  }
  std::uint8_t bits = 0;
  for (std::size_t k = next_; k < hits_.size() && hits_[k].at < end; ++k) {
    // A 部门名称 found from its 名称 may start before the line.
    if (hits_[k].at >= begin && hits_[k].at + hits_[k].size <= end) bits |= hits_[k].word;
  }
  return bits;
}

}  // namespace jixiao
