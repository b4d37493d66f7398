// The rule table, the engine that runs it, and what the rules share: the
// compiled vocabularies, the per-document facts and small text helpers.
#include "check/rules.hpp"

#include <algorithm>
#include <atomic>
#include <cstring>
#include <map>
#include <new>
#include <numeric>
#include <set>

#include "check/corpus.hpp"
#include "check/rule_context.hpp"
#include "text/key.hpp"
#include "text/short_hash.hpp"
#include "text/simd.hpp"
#include "text/utf8.hpp"

namespace jixiao::check {
namespace {

using namespace detail;

struct RuleEntry {
  RuleInfo info;
  RuleFns (*make)();
};

// clang-format off
// The order here is the order findings at one place are listed in.
const std::vector<RuleEntry>& entries() {
  static const std::vector<RuleEntry> table = {
    // Arithmetic: 总计 = 财政拨款 + 财政专户拨款 + 其他资金; children add up to parents.
    {{"sum.total-row", Severity::Error, "the 合计 row's 总计 is not the sum of its funding columns"}, sum_total_row},
    {{"sum.units-to-total", Severity::Error, "the units do not add up to 合计 in a column"}, sum_units_to_total},
    {{"sum.unit-row", Severity::Error, "a unit row's 总计 is not the sum of its funding columns"}, sum_unit_row},
    {{"sum.projects-to-unit", Severity::Error, "a unit's projects do not add up to the unit in a column"}, sum_projects_to_unit},
    {{"sum.project-row", Severity::Error, "a project's 总计 is not the sum of its funding columns"}, sum_project_row},
    // Completeness.
    {{"complete.junk-number", Severity::Warning, "one bare figure repeated in every target (numeric junk)"}, complete_junk_number},
    {{"complete.withheld", Severity::Notice, "the project's content is withheld (保密项目)"}, complete_withheld},
    {{"complete.no-indicators", Severity::Error, "a project with no indicators at all"}, complete_no_indicators},
    {{"complete.empty-goal", Severity::Warning, "a project with no 绩效目标"}, complete_empty_goal},
    {{"complete.placeholder", Severity::Warning, "template text left unfilled (待单位补充…)"}, complete_placeholder},
    {{"complete.no-output", Severity::Warning, "no 产出 indicator"}, complete_no_output},
    {{"complete.no-benefit", Severity::Warning, "no 效益 indicator"}, complete_no_benefit},
    {{"complete.no-satisfaction", Severity::Notice, "no 满意度 indicator (policy require-satisfaction)"}, complete_no_satisfaction},
    {{"complete.no-cost", Severity::Notice, "no 成本 indicator (policy require-cost, off by default)"}, complete_no_cost},
    {{"complete.no-target", Severity::Warning, "an indicator with no target value"}, complete_no_target},
    // Taxonomy.
    {{"taxonomy.level-missing", Severity::Warning, "an indicator without its 一级 or 二级 level"}, taxonomy_level_missing},
    {{"taxonomy.level-unknown", Severity::Warning, "a level name that is no known 一级/二级"}, taxonomy_level_unknown},
    {{"taxonomy.level-misspelled", Severity::Notice, "a level name misspelled, read by its code"}, taxonomy_level_misspelled},
    {{"taxonomy.code-mismatch", Severity::Warning, "a level's code and name disagree (12-时效指标)"}, taxonomy_code_mismatch},
    {{"taxonomy.wrong-parent", Severity::Warning, "a 二级 under a 一级 it does not belong to"}, taxonomy_wrong_parent},
    {{"taxonomy.misfiled", Severity::Warning, "an indicator whose name belongs under another level"}, taxonomy_misfiled},
    // Measurability.
    {{"measure.vague-qualitative", Severity::Notice, "a qualitative target with no grading (提升, 达标, 及时)"}, measure_vague_qualitative},
    {{"measure.descriptive", Severity::Notice, "a sentence where a target value belongs"}, measure_descriptive},
    {{"measure.percent-over-100", Severity::Warning, "a percentage above the limit (100%)"}, measure_percent_over_limit},
    {{"measure.comparator-direction", Severity::Warning, "a comparator against the indicator's direction (≤ on 满意度)"}, measure_comparator_direction},
    {{"measure.rate-without-percent", Severity::Warning, "a 率 indicator whose figure has no %"}, measure_rate_without_percent},
    {{"measure.unit-missing", Severity::Notice, "a bare figure where the name implies a unit (面积, 金额)"}, measure_unit_missing},
    // Consistency.
    {{"consist.comparator-spelling", Severity::Notice, "one comparator written several ways, or as a variant glyph (≧)"}, consist_comparator_spelling},
    {{"consist.boilerplate-goal", Severity::Notice, "the same goal copied across projects"}, consist_boilerplate_goal},
    {{"consist.boilerplate-indicators", Severity::Notice, "the same indicator set copied across projects"}, consist_boilerplate_indicators},
    {{"consist.duplicate-indicator", Severity::Warning, "the same indicator twice in a project"}, consist_duplicate_indicator},
    {{"consist.period-annual", Severity::Warning, "an annual target above the whole-period target of an accumulating quantity"}, consist_period_annual},
    {{"consist.cost-over-budget", Severity::Warning, "a 成本 target above the project's budget"}, consist_cost_over_budget},
  };
  return table;
}
// clang-format on

std::vector<std::string> keyed(const std::vector<std::string>& words) {
  std::vector<std::string> out;
  for (const auto& w : words) {
    std::string k = vocabulary_key(w);
    if (!k.empty()) out.push_back(std::move(k));
  }
  return out;
}

template <typename T>
void longest_first(std::vector<T>& v, auto key) {
  std::stable_sort(v.begin(), v.end(), [&](const T& a, const T& b) { return key(a).size() > key(b).size(); });
}

}  // namespace

namespace detail {

Lexicon::Lexicon(const Policy& p) {
  vague = WordList(keyed(p.words("vague")));
  vague_qualifiers = WordList(keyed(p.words("vague-qualifier")));
  yes_no = WordList(keyed(p.words("yes-no")));
  {
    std::vector<std::string> words;
    std::vector<int> tags;
    for (auto& w : keyed(p.words("unfilled"))) words.push_back(std::move(w)), tags.push_back(1);
    for (auto& w : keyed(p.words("withheld"))) words.push_back(std::move(w)), tags.push_back(2);
    placeholder = WordList(std::move(words), std::move(tags));
  }
  unfilled_whole = keyed(p.words("unfilled-whole"));
  for (const auto& w : unfilled_whole) unfilled_whole_max = std::max(unfilled_whole_max, w.size());
  {
    std::vector<std::string> words;
    std::vector<int> tags;
    for (auto& w : keyed(p.words("higher-better"))) words.push_back(std::move(w)), tags.push_back(+1);
    for (auto& w : keyed(p.words("lower-better"))) words.push_back(std::move(w)), tags.push_back(-1);
    direction = WordList(std::move(words), std::move(tags));
  }
  direction_neutral = WordList(keyed(p.words("direction-neutral")));
  percent_may_exceed = WordList(keyed(p.words("percent-may-exceed")));
  rate_suffix = WordList(keyed(p.words("rate-suffix")));
  rate_exempt = WordList(keyed(p.words("rate-exempt")));
  rate_unit = p.words("rate-unit");
  if (auto it = p.vocabulary.find("unit-cue"); it != p.vocabulary.end()) {
    std::vector<std::string> words;
    std::vector<int> tags;
    for (const auto& row : it->second) {
      words.push_back(vocabulary_key(row[0]));
      tags.push_back(static_cast<int>(unit_cue_units.size()));
      unit_cue_units.push_back(row.size() > 1 ? row[1] : row[0]);
    }
    unit_cue = WordList(std::move(words), std::move(tags));
  }
  quantity_suffix = WordList(keyed(p.words("quantity-suffix")));
  quantity_exempt = WordList(keyed(p.words("quantity-exempt")));
  outcome_prefix = keyed(p.words("outcome-prefix"));
  non_accumulating_unit = p.words("non-accumulating-unit");
  if (auto it = p.vocabulary.find("money-unit"); it != p.vocabulary.end()) {
    for (const auto& row : it->second) {
      int power = 0;
      if (row.size() > 1) power = std::atoi(row[1].c_str());
      money_unit.emplace_back(row[0], power);
    }
  }
  if (auto it = p.vocabulary.find("comparator-spelling"); it != p.vocabulary.end()) {
    for (const auto& row : it->second) {
      if (row.size() < 2) continue;
      Comparator c = row[0] == "≥"   ? Comparator::GreaterEqual
                     : row[0] == "≤" ? Comparator::LessEqual
                     : row[0] == ">" ? Comparator::Greater
                     : row[0] == "<" ? Comparator::Less
                     : row[0] == "=" ? Comparator::Equal
                                     : Comparator::None;
      if (c != Comparator::None) spelling.push_back({c, row[0], row[1], fold_width(row[1])});
    }
  }
  longest_first(spelling, [](const auto& e) -> const std::string& { return e.spelling; });
  comparator_variant = p.words("comparator-variant");
  for (auto& e : spelling) {
    e.variant = std::find(comparator_variant.begin(), comparator_variant.end(), e.spelling) !=
                comparator_variant.end();
  }
  for (std::size_t k = 0; k < spelling.size(); ++k)
    spelling_of[static_cast<std::size_t>(spelling[k].comparator)].push_back(static_cast<int>(k));
  // A cell opening with symbol S is matched at its start (find_spelling's
  // first pass, longest spelling first) by the first spelling whose folded
  // form is a prefix of S, unless a longer one opens with S. S has no
  // full-width form, so folding the cell leaves its opening S as it is.
  for (std::size_t c = 0; c < 6; ++c) {
    const std::vector<int>& own = spelling_of[c];
    if (own.empty()) continue;
    const std::string& symbol = spelling[static_cast<std::size_t>(own.front())].symbol;
    if (symbol.empty() || fold_width(symbol) != symbol) continue;
    bool extended = false;
    int first = -1;
    for (const int k : own) {
      const std::string& folded = spelling[static_cast<std::size_t>(k)].folded;
      if (folded.size() > symbol.size() && folded.starts_with(symbol)) extended = true;
      if (first < 0 && symbol.starts_with(folded)) first = k;
    }
    if (!extended) symbol_spelling[c] = first;
  }
  percent_limit = p.percent_limit;
  placeholder_max_chars = static_cast<std::size_t>(std::max(0, p.placeholder_max_chars));
  boilerplate_min_goal_chars = static_cast<std::size_t>(std::max(0, p.boilerplate_min_goal_chars));
  static std::atomic<std::uint64_t> lexicons{0};
  serial = ++lexicons;
  for (const auto& n : p.junk_exempt_numbers) {
    if (auto d = Decimal::parse(n)) junk_exempt.push_back(*d);
  }
}

namespace {

char32_t last_char(std::string_view s) {
  if (s.empty()) return 0;
  std::size_t start = s.size() - 1;
  while (start > 0 && (static_cast<unsigned char>(s[start]) & 0xC0) == 0x80 && s.size() - start < 4) --start;
  std::size_t len = 0;
  return utf8::decode(s, start, &len);
}

template <typename Index>
const std::vector<int>* lookup(const Index& index, char32_t c) {
  auto it =
      std::lower_bound(index.begin(), index.end(), c, [](const auto& e, char32_t v) { return e.first < v; });
  return it != index.end() && it->first == c ? &it->second : nullptr;
}

}  // namespace

WordList::WordList(std::vector<std::string> words, std::vector<int> tags)
    : words_(std::move(words)), tags_(std::move(tags)) {
  tags_.resize(words_.size(), 0);
  std::map<std::uint16_t, std::vector<int>> pairs;
  std::map<char32_t, std::vector<int>> last;
  for (std::size_t i = 0; i < words_.size(); ++i) {
    const std::string& w = words_[i];
    if (w.empty()) continue;
    if ((static_cast<unsigned char>(w[0]) & 0xC0) == 0x80) starts_on_lead_bytes_ = false;
    if (w.size() == 1) {
      one_byte_.push_back(static_cast<int>(i));
    } else {
      const auto* b = reinterpret_cast<const unsigned char*>(w.data());
      auto pair = static_cast<std::uint16_t>((b[0] << 8) | b[1]);
      if (w.size() == 2) {
        pair_bits_[pair >> 6] |= std::uint64_t(1) << (pair & 63);
      } else {
        const std::uint32_t t = triple_hash(b[0], b[1], b[2]);
        triple_bits_[t >> 6] |= std::uint64_t(1) << (t & 63);
      }
      pairs[pair].push_back(static_cast<int>(i));
    }
    last[last_char(w)].push_back(static_cast<int>(i));
  }
  for (auto& [c, v] : pairs) by_pair_.emplace_back(c, std::move(v));
  {
    std::set<std::string> heads;
    for (const std::string& w : words_) {
      if (w.size() >= 2) heads.insert(w.substr(0, 3));
    }
    if (heads.size() <= kVectorHeads) {
      for (const std::string& h : heads) {
        VectorHead v{};
        for (std::size_t k = 0; k < h.size(); ++k) std::memset(v.bytes[k], static_cast<unsigned char>(h[k]), 32);
        v.three = h.size() == 3;
        vector_heads_.push_back(v);
      }
    }
  }
  for (auto& [c, v] : last) {
    std::stable_sort(v.begin(), v.end(), [&](int a, int b) { return words_[a].size() > words_[b].size(); });
    by_last_.emplace_back(c, std::move(v));
  }
}

#if defined(JIXIAO_SCAN_AVX2)
__attribute__((target("avx2"))) std::size_t WordList::wide_head_masks(const unsigned char* b, std::size_t i,
                                                                      std::size_t n, std::uint32_t* masks,
                                                                      std::size_t blocks) const {
  // (No lambda for the loads: a lambda is not compiled for AVX2.)
  std::size_t k = 0;
  for (; k < blocks && i + 34 <= n; ++k, i += 32) {
    const __m256i v0 = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(b + i));
    const __m256i v1 = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(b + i + 1));
    const __m256i v2 = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(b + i + 2));
    __m256i any = _mm256_setzero_si256();
    for (const VectorHead& h : vector_heads_) {
      const __m256i h0 = _mm256_load_si256(reinterpret_cast<const __m256i*>(h.bytes[0]));
      const __m256i h1 = _mm256_load_si256(reinterpret_cast<const __m256i*>(h.bytes[1]));
      __m256i m = _mm256_and_si256(_mm256_cmpeq_epi8(v0, h0), _mm256_cmpeq_epi8(v1, h1));
      if (h.three)
        m = _mm256_and_si256(m, _mm256_cmpeq_epi8(v2, _mm256_load_si256(reinterpret_cast<const __m256i*>(h.bytes[2]))));
      any = _mm256_or_si256(any, m);
    }
    masks[k] = static_cast<std::uint32_t>(_mm256_movemask_epi8(any));
  }
  return k;
}
#endif

// Calls hit(word index) for every word starting at each position of text,
// in the order of positions; stops when hit returns true.
template <typename Hit>
void WordList::scan(std::string_view text, Hit hit) const {
  for (int w : one_byte_) {
    if (text.find(words_[w][0]) != std::string_view::npos && hit(w)) return;
  }
  if (by_pair_.empty()) return;
  const auto* b = reinterpret_cast<const unsigned char*>(text.data());
  const std::size_t n = text.size();
  // The words at i, each tested in full; true when hit asked to stop.
  auto words_at = [&](std::size_t i) {
    const auto pair = static_cast<std::uint16_t>((b[i] << 8) | b[i + 1]);
    auto it = std::lower_bound(by_pair_.begin(), by_pair_.end(), pair,
                               [](const auto& e, std::uint16_t v) { return e.first < v; });
    if (it == by_pair_.end() || it->first != pair) return false;  // a hash collision
    for (int w : it->second) {
      if (text.substr(i).starts_with(words_[w]) && hit(w)) return true;
    }
    return false;
  };
  std::size_t i = 0;
#if defined(JIXIAO_SCAN_AVX2)
  // Goals up to placeholder-max-chars are scanned for template text: twice
  // the positions a step where the processor allows (the masks are made a
  // few blocks at a time, as the AVX2 code is a function of its own).
  if (!vector_heads_.empty() && processor_has_avx2()) {
    constexpr std::size_t kBlocks = 8;
    std::uint32_t masks[kBlocks];
    while (i + 34 <= n) {
      const std::size_t done = wide_head_masks(b, i, n, masks, kBlocks);
      for (std::size_t k = 0; k < done; ++k, i += 32) {
        for (std::uint32_t mask = masks[k]; mask != 0; mask &= mask - 1) {
          if (words_at(i + static_cast<std::size_t>(__builtin_ctz(mask)))) return;
        }
      }
    }
  }
#endif
#if defined(__SSE2__)
  if (!vector_heads_.empty()) {
    auto load = [](const unsigned char* p) { return _mm_loadu_si128(reinterpret_cast<const __m128i*>(p)); };
    for (; i + 18 <= n; i += 16) {
      const __m128i v0 = load(b + i), v1 = load(b + i + 1), v2 = load(b + i + 2);
      __m128i any = _mm_setzero_si128();
      for (const VectorHead& h : vector_heads_) {
        __m128i m = _mm_and_si128(_mm_cmpeq_epi8(v0, load(h.bytes[0])), _mm_cmpeq_epi8(v1, load(h.bytes[1])));
        if (h.three) m = _mm_and_si128(m, _mm_cmpeq_epi8(v2, load(h.bytes[2])));
        any = _mm_or_si128(any, m);
      }
      for (unsigned mask = static_cast<unsigned>(_mm_movemask_epi8(any)); mask != 0; mask &= mask - 1) {
        if (words_at(i + static_cast<std::size_t>(__builtin_ctz(mask)))) return;
      }
    }
  }
#endif
  for (; i + 1 < n; ++i) {
    if (starts_on_lead_bytes_ && (b[i] & 0xC0) == 0x80) continue;
    const auto pair = static_cast<std::uint16_t>((b[i] << 8) | b[i + 1]);
    bool maybe = pair_bits_[pair >> 6] & (std::uint64_t(1) << (pair & 63));
    if (!maybe && i + 2 < n) {
      const std::uint32_t t = triple_hash(b[i], b[i + 1], b[i + 2]);
      maybe = triple_bits_[t >> 6] & (std::uint64_t(1) << (t & 63));
    }
    if (maybe && words_at(i)) return;
  }
}

bool WordList::found_in(std::string_view text) const {
  bool found = false;
  scan(text, [&](int) { return found = true; });
  return found;
}

int WordList::max_tag_in(std::string_view text) const {
  int best = 0;
  scan(text, [&](int w) {
    best = std::max(best, tags_[w]);
    return false;
  });
  return best;
}

const std::string* WordList::ending_of(std::string_view text, int* tag) const {
  const auto* candidates = lookup(by_last_, last_char(text));
  if (!candidates) return nullptr;
  for (int w : *candidates) {  // longest first
    if (ends_with(text, words_[w])) {
      if (tag) *tag = tags_[w];
      return &words_[w];
    }
  }
  return nullptr;
}

bool ends_in_cue(std::string_view key, const WordList& cues, const WordList& exempt) {
  const std::string* cue = cues.ending_of(key);
  if (!cue) return false;
  const std::string* ex = exempt.ending_of(key);
  return !(ex && ex->size() >= cue->size());
}

namespace {

// What key_scan makes of the byte at b[i] (the other bytes of a character
// are 80–BF, never looked at here).
inline void key_scan_byte(const unsigned char* b, std::size_t i, std::size_t n, KeyScan& r) {
  const unsigned char c = b[i];
  if (c < 0x80) {
    if (c == ' ' || c == '\t' || c == '\r' || c == '\n') r.changes = true;
    if (c == '(' || c == '[') r.brackets = true;
    return;
  }
  if (c != 0xE3 && c != 0xEF) return;
  if (i + 2 >= n) {
    r.changes = true;
    return;
  }
  const unsigned char c1 = b[i + 1], c2 = b[i + 2];
  if (c == 0xE3 && c1 == 0x80 && (c2 == 0x80 || c2 == 0x90 || c2 == 0x91)) {
    r.changes = true;
    r.brackets = r.brackets || c2 == 0x90;  // 【
  } else if (c == 0xEF && c1 == 0xBC && (c2 == 0x88 || c2 == 0x89 || c2 == 0x9A)) {
    r.changes = true;
    r.brackets = r.brackets || c2 == 0x88;  // （
  }
}

#if defined(JIXIAO_SCAN_AVX2)
// key_scan's block test thirty-two bytes at a time, on processors with
// AVX2: from `i`, while a whole block and the two bytes after it lie in the
// text, until the scan has nothing more to learn; returns where it stopped.
// Every goal asks only whether its key changes: that instance leaves the
// brackets' test out and stops at the first block with a change.
template <bool NeedBrackets>
__attribute__((target("avx2"))) std::size_t key_scan_avx2(const unsigned char* b, std::size_t i, std::size_t n,
                                                          KeyScan& r) {
  const __m256i space = _mm256_set1_epi8(' '), tab = _mm256_set1_epi8('\t'), cr = _mm256_set1_epi8('\r'),
                lf = _mm256_set1_epi8('\n'), paren = _mm256_set1_epi8('('), bracket = _mm256_set1_epi8('['),
                e3 = _mm256_set1_epi8(static_cast<char>(0xE3)),
                ef = _mm256_set1_epi8(static_cast<char>(0xEF)),
                x80 = _mm256_set1_epi8(static_cast<char>(0x80)),
                xbc = _mm256_set1_epi8(static_cast<char>(0xBC)),
                x90 = _mm256_set1_epi8(static_cast<char>(0x90)),
                x91 = _mm256_set1_epi8(static_cast<char>(0x91)),
                x88 = _mm256_set1_epi8(static_cast<char>(0x88)),
                x89 = _mm256_set1_epi8(static_cast<char>(0x89)),
                x9a = _mm256_set1_epi8(static_cast<char>(0x9A));
  for (; i + 34 <= n; i += 32) {
    const __m256i v = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(b + i));
    const __m256i v1 = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(b + i + 1));
    const __m256i v2 = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(b + i + 2));
    const __m256i white =
        _mm256_or_si256(_mm256_or_si256(_mm256_cmpeq_epi8(v, space), _mm256_cmpeq_epi8(v, tab)),
                        _mm256_or_si256(_mm256_cmpeq_epi8(v, cr), _mm256_cmpeq_epi8(v, lf)));
    const __m256i cjk = _mm256_and_si256(_mm256_cmpeq_epi8(v, e3), _mm256_cmpeq_epi8(v1, x80));   // E3 80 …
    const __m256i wide = _mm256_and_si256(_mm256_cmpeq_epi8(v, ef), _mm256_cmpeq_epi8(v1, xbc));  // EF BC …
    const __m256i changes = _mm256_or_si256(
        white,
        _mm256_or_si256(
            _mm256_and_si256(cjk, _mm256_or_si256(_mm256_or_si256(_mm256_cmpeq_epi8(v2, x80),  // 　【】
                                                                  _mm256_cmpeq_epi8(v2, x90)),
                                                  _mm256_cmpeq_epi8(v2, x91))),
            _mm256_and_si256(wide, _mm256_or_si256(_mm256_or_si256(_mm256_cmpeq_epi8(v2, x88),  // （）：
                                                                   _mm256_cmpeq_epi8(v2, x89)),
                                                   _mm256_cmpeq_epi8(v2, x9a)))));
    r.changes = r.changes || _mm256_movemask_epi8(changes) != 0;
    if constexpr (NeedBrackets) {
      const __m256i open = _mm256_or_si256(
          _mm256_or_si256(_mm256_cmpeq_epi8(v, paren), _mm256_cmpeq_epi8(v, bracket)),
          _mm256_or_si256(_mm256_and_si256(cjk, _mm256_cmpeq_epi8(v2, x90)),     // 【
                          _mm256_and_si256(wide, _mm256_cmpeq_epi8(v2, x88))));  // （
      r.brackets = r.brackets || _mm256_movemask_epi8(open) != 0;
      if (r.changes && r.brackets) break;  // nothing more to learn
    } else if (r.changes) {
      break;
    }
  }
  return i;
}
#endif

}  // namespace

// What vocabulary_key changes: ASCII white space, U+3000 and （）：【】; the
// brackets: ( [ and their full-width forms. Valid UTF-8 assumed (the readers
// sanitise). Every name, goal and text target is scanned, so the scan showed
// in check's profile. Where the processor has AVX2, 32 bytes at a time are
// tested for exactly the sequences that matter (white space, ( [, and
// E3 80 80/90/91, EF BC 88/89/9A, each byte at its offset), so no position
// is looked at again: goals are long, and their 、。， (E3 80 81/82,
// EF BC 8C) share those lead bytes. Elsewhere, and for the rest of the text,
// 16 bytes at a time are tested for the eight bytes that can matter (white
// space, ( [, and the lead bytes E3 and EF) and only those positions are
// looked at.
KeyScan key_scan(std::string_view text, bool need_brackets) {
  KeyScan r;
  const auto* b = reinterpret_cast<const unsigned char*>(text.data());
  const std::size_t n = text.size();
  std::size_t i = 0;
#if defined(JIXIAO_SCAN_AVX2)
  if (n >= 34 && processor_has_avx2()) {
    i = need_brackets ? key_scan_avx2<true>(b, i, n, r) : key_scan_avx2<false>(b, i, n, r);
    if (r.changes && (r.brackets || !need_brackets)) return r;
  }
#endif
#if defined(__SSE2__)
  const __m128i space = _mm_set1_epi8(' '), tab = _mm_set1_epi8('\t'), cr = _mm_set1_epi8('\r'),
                lf = _mm_set1_epi8('\n'), paren = _mm_set1_epi8('('), bracket = _mm_set1_epi8('['),
                e3 = _mm_set1_epi8(static_cast<char>(0xE3)), ef = _mm_set1_epi8(static_cast<char>(0xEF));
  for (; i + 16 <= n; i += 16) {
    const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(b + i));
    const __m128i hit = _mm_or_si128(
        _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, space), _mm_cmpeq_epi8(v, tab)),
                     _mm_or_si128(_mm_cmpeq_epi8(v, cr), _mm_cmpeq_epi8(v, lf))),
        _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, paren), _mm_cmpeq_epi8(v, bracket)),
                     _mm_or_si128(_mm_cmpeq_epi8(v, e3), _mm_cmpeq_epi8(v, ef))));
    for (unsigned mask = static_cast<unsigned>(_mm_movemask_epi8(hit)); mask != 0; mask &= mask - 1)
      key_scan_byte(b, i + static_cast<std::size_t>(__builtin_ctz(mask)), n, r);
    if (r.changes && (r.brackets || !need_brackets)) return r;  // nothing more to learn
  }
#endif
  for (; i < n; ++i) key_scan_byte(b, i, n, r);
  return r;
}

namespace {

// Final punctuation is not part of a name ("保密项目。", "待定；"): the marks
// 。；;，,、.…:：!！ are taken off the end, character by character. Each is
// ASCII or three bytes, and a name's last character tells which to test
// (goals ending in 。 are classified too, so no list is searched).
std::string_view trim_final_punctuation(std::string_view key) {
  while (!key.empty()) {
    const auto* e = reinterpret_cast<const unsigned char*>(key.data() + key.size());
    const unsigned char c = e[-1];
    if (c < 0x80) {
      if (c != ';' && c != ',' && c != '.' && c != ':' && c != '!') return key;
      key.remove_suffix(1);
      continue;
    }
    if (key.size() < 3) return key;
    const unsigned a = e[-3], b = e[-2];
    const bool mark = (a == 0xE3 && b == 0x80 && (c == 0x82 || c == 0x81)) ||              // 。、
                      (a == 0xEF && b == 0xBC && (c == 0x9B || c == 0x8C || c == 0x9A ||  // ；，：
                                                   c == 0x81)) ||                          // ！
                      (a == 0xE2 && b == 0x80 && c == 0xA6);                               // …
    if (!mark) return key;
    key.remove_suffix(3);
  }
  return key;
}

}  // namespace

KeyForms::KeyForms(std::string_view text) {
  const KeyScan scan = key_scan(text);
  key = text;
  if (scan.changes) {
    key_buffer = vocabulary_key(text);
    key = key_buffer;
  }
  whole = key;
  if (scan.brackets) {
    whole_buffer = strip_brackets(whole);
    whole = whole_buffer;
  }
  whole = trim_final_punctuation(whole);
  if (whole.data() >= key_buffer.data() && whole.data() < key_buffer.data() + key_buffer.size() &&
      !whole.empty()) {
    // The name form lives in the text or in whole_buffer, never in key_buffer,
    // so a caller keeping it (gather_project) needs to keep only whole_buffer.
    whole_buffer.assign(whole);
    whole = whole_buffer;
  }
}

std::string name_key(std::string_view text) { return std::string(KeyForms(text).whole); }

namespace {

// Whether `s` has more than `n` characters (UTF-8 lead bytes), counting no
// further than needed: a long text was counted to its end only to be found
// too long to be template text.
bool more_chars_than(std::string_view s, std::size_t n) {
  if (s.size() <= n) return false;
  std::size_t count = 0;
  for (unsigned char c : s) {
    if ((c & 0xC0) != 0x80 && ++count > n) return true;
  }
  return false;
}

// Whether the vocabulary key of `text` surely has more than `n` characters,
// without making it: the key drops only white space (ASCII and U+3000) and
// writes every other character as one character, so the characters of the
// text less its white space are at most the key's.
bool key_longer_than(std::string_view text, std::size_t n) {
  if (text.size() <= n) return false;
  const auto* b = reinterpret_cast<const unsigned char*>(text.data());
  std::size_t count = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const unsigned char c = b[i];
    if ((c & 0xC0) == 0x80 || c == ' ' || c == '\t' || c == '\r' || c == '\n') continue;
    if (c == 0xE3 && i + 2 < text.size() && b[i + 1] == 0x80 && b[i + 2] == 0x80) continue;  // U+3000
    if (++count > n) return true;
  }
  return false;
}

// The characters (UTF-8 lead bytes) of `s`, 16 bytes at a time: every
// goal's key is measured, and goals run to hundreds of bytes.
std::size_t count_chars(std::string_view s) {
  const auto* b = reinterpret_cast<const unsigned char*>(s.data());
  const std::size_t n = s.size();
  std::size_t count = 0, i = 0;
#if defined(__SSE2__)
  // A continuation byte (80–BF) is below -64 as a signed byte; the lead
  // bytes of a block, as ones, are summed by psadbw into two 64-bit halves.
  const __m128i floor = _mm_set1_epi8(-65), one = _mm_set1_epi8(1), zero = _mm_setzero_si128();
  __m128i sums = zero;
  for (; i + 16 <= n; i += 16) {
    const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(b + i));
    sums = _mm_add_epi64(sums, _mm_sad_epu8(_mm_and_si128(_mm_cmpgt_epi8(v, floor), one), zero));
  }
  count = static_cast<std::size_t>(_mm_cvtsi128_si64(sums)) +
          static_cast<std::size_t>(_mm_cvtsi128_si64(_mm_unpackhi_epi64(sums, sums)));
#endif
  for (; i < n; ++i) count += (b[i] & 0xC0) != 0x80;
  return count;
}

Fill placeholder_fill(std::string_view key, const Lexicon& lex) {
  switch (lex.placeholder.max_tag_in(key)) {
    case 2:
      return Fill::Withheld;
    case 1:
      return Fill::Unfilled;
    default:
      return Fill::Filled;
  }
}

Fill whole_fill(std::string_view whole, const Lexicon& lex) {
  for (const auto& w : lex.unfilled_whole) {
    if (whole == w) return Fill::Unfilled;
  }
  return Fill::Filled;
}

// classify_fill of a goal, from its key (not empty, and short enough to be
// template text) and whether the key holds a bracket. Its name form is made
// only when it could be one of the whole-cell words: the form keeps at least
// the text before the first bracket, less final punctuation.
Fill classify_goal(std::string_view key, bool brackets, const Lexicon& lex) {
  if (Fill f = placeholder_fill(key, lex); f != Fill::Filled) return f;
  if (lex.unfilled_whole.empty()) return Fill::Filled;
  std::string stripped;
  std::string_view whole = key;
  if (brackets) {
    const std::size_t first = std::min(key.find('('), key.find('['));
    if (trim_final_punctuation(key.substr(0, first)).size() > lex.unfilled_whole_max) return Fill::Filled;
    whole = stripped = strip_brackets(key);
  }
  return whole_fill(trim_final_punctuation(whole), lex);
}

}  // namespace

Fill classify_fill(const KeyForms& k, const Lexicon& lex) {
  if (k.key.empty()) return Fill::Filled;
  if (more_chars_than(k.key, lex.placeholder_max_chars)) return Fill::Filled;
  if (Fill f = placeholder_fill(k.key, lex); f != Fill::Filled) return f;
  return whole_fill(k.whole, lex);
}

Facts prepare_facts(const Document& doc) {
  Facts facts;
  prepare_facts(facts, doc);
  return facts;
}

void prepare_facts(Facts& facts, const Document& doc) {
  facts.flat.clear();
  facts.unit_start.clear();
  facts.indicator_pool.clear();
  facts.arena.clear();
  // A document's own readings (kept only once the shared ones are full)
  // are not carried to the next: they would grow with the corpus.
  if (facts.levels1.size() > 0) facts.levels1 = LevelReadings();
  if (facts.levels2.size() > 0) facts.levels2 = LevelReadings();
  std::size_t projects = 0, indicators = 0;
  for (const Unit& unit : doc.units) {
    facts.unit_start.push_back(projects);
    projects += unit.projects.size();
    for (const Project& p : unit.projects) indicators += p.indicators.size();
  }
  facts.flat.resize(projects);
  facts.indicator_pool.resize(indicators);  // exact: the spans below point into it
  std::size_t next = 0;
  for (std::size_t u = 0; u < doc.units.size(); ++u) {
    for (std::size_t p = 0; p < doc.units[u].projects.size(); ++p) {
      ProjectFacts& pf = facts.flat[facts.unit_start[u] + p];
      std::size_t n = doc.units[u].projects[p].indicators.size();
      pf.first_indicator = next;
      pf.indicators = std::span<const IndicatorFacts>(facts.indicator_pool.data() + next, n);
      next += n;
    }
  }
}

namespace {

float kind_credit(const Target* t, Fill fill) {
  if (!t || fill != Fill::Filled) return 0;
  switch (t->kind) {
    case TargetKind::Quantitative:
    case TargetKind::Period:
      return 1.0f;
    case TargetKind::Qualitative:
      return 0.6f;
    case TargetKind::Text:
      return 0.2f;
    case TargetKind::Empty:
      return 0;
  }
  return 0;
}

// A printed level's reading depends on its text alone, and a corpus prints
// the same few dozen levels in every table: the readings are kept per thread
// across documents (split and resolved once, not once a table), up to a
// bound (checked once a project) past which each document keeps its own.
struct SharedReadings {
  static constexpr std::size_t kBound = std::size_t{1} << 14;
  LevelReadings levels1, levels2;
  bool full() const { return levels1.size() >= kBound || levels2.size() >= kBound; }
};

SharedReadings& shared_readings() {
  thread_local SharedReadings shared;
  return shared;
}

const CodedReading* reading(LevelReadings& cache, const std::string& printed) {
  // Most printed levels open with their code's digit, or with a character
  // that trim (ASCII white space and U+3000, E3 80 80) would keep: decided
  // without trimming.
  if (printed.empty()) return nullptr;
  const unsigned char c = static_cast<unsigned char>(printed[0]);
  if (c >= '0' && c <= '9') return &cache.get(printed);
  if (c != ' ' && c != '\t' && c != '\r' && c != '\n' && c != 0xE3) return nullptr;
  std::string_view t = utf8::trim(printed);
  if (t.empty() || t[0] < '0' || t[0] > '9') return nullptr;
  return &cache.get(printed);
}

}  // namespace

TextMemo& TextMemo::of(const Lexicon& lex) {
  thread_local TextMemo memo;
  if (memo.serial_ != lex.serial) {
    memo.slots_.assign(1024, Slot{});
    memo.chunks_.clear();
    memo.at_ = nullptr;
    memo.left_ = 0;
    memo.bytes_ = memo.count_ = 0;
    memo.serial_ = lex.serial;
  }
  return memo;
}

char* TextMemo::allocate(std::size_t bytes) {
  constexpr std::size_t align = alignof(Entry);
  bytes = (bytes + align - 1) / align * align;
  if (bytes > left_) {
    const std::size_t size = std::max(kChunk, bytes);
    chunks_.push_back(std::make_unique<char[]>(size));  // new[] is aligned for any Entry
    at_ = chunks_.back().get();
    left_ = size;
  }
  char* p = at_;
  at_ += bytes;
  left_ -= bytes;
  bytes_ += bytes;
  return p;
}

std::optional<std::string_view> TextMemo::keep(std::string_view s) {
  if (bytes_ + s.size() > kBytes) return std::nullopt;
  char* p = allocate(s.size());
  std::memcpy(p, s.data(), s.size());
  return std::string_view(p, s.size());
}

TextMemo::Entry* TextMemo::find(std::string_view text, std::uint64_t h) {
  const std::size_t mask = slots_.size() - 1;
  std::size_t i = h & mask;
  for (;; i = (i + 1) & mask) {
    const Slot& s = slots_[i];
    if (!s.entry) break;
    if (s.hash == h && s.entry->text() == text) return s.entry;
  }
  if (bytes_ + sizeof(Entry) + text.size() > kBytes || text.size() > 0xFFFFFFFFu) return nullptr;
  char* p = allocate(sizeof(Entry) + text.size());
  Entry* e = new (p) Entry{};
  e->text_size = static_cast<std::uint32_t>(text.size());
  if (!text.empty()) std::memcpy(p + sizeof(Entry), text.data(), text.size());
  slots_[i] = {h, e};
  bytes_ += sizeof(Slot) * 2;  // the table's share, roughly
  if (++count_ * 2 > slots_.size()) grow();
  return e;
}

void TextMemo::grow() {
  std::vector<Slot> old(slots_.size() * 2);
  old.swap(slots_);
  const std::size_t mask = slots_.size() - 1;
  for (const Slot& s : old) {
    if (!s.entry) continue;
    std::size_t i = s.hash & mask;
    while (slots_[i].entry) i = (i + 1) & mask;
    slots_[i] = s;
  }
}

namespace {

// The text as a cell: its fill, its key (the text, or in `owned_key`) and
// its name form (in the text, or in `owned_name`).
void classify(std::string_view text, const Lexicon& lex, TextMemo::Entry& e, std::string& owned_name,
              std::string& owned_key) {
  KeyForms k(text);
  e.classified = true;
  e.fill = classify_fill(k, lex);
  e.key_is_text = k.key.data() == text.data();  // else the key was made in key_buffer
  if (!e.key_is_text) {
    owned_key.assign(k.key);
    e.key = owned_key;
  }
  const char* const b = text.data();
  if (k.whole.empty() || (k.whole.data() >= b && k.whole.data() + k.whole.size() <= b + text.size())) {
    e.name_in_text = true;
    e.name_offset = k.whole.empty() ? 0 : static_cast<std::uint32_t>(k.whole.data() - b);
    e.name_size = static_cast<std::uint32_t>(k.whole.size());
    return;
  }
  e.name_in_text = false;
  owned_name.assign(k.whole);
  e.name = owned_name;
}

}  // namespace

void gather_project(Facts& facts, const Document& doc, int u, int p, const Lexicon& lex) {
  const Project& project = doc.units[u].projects[p];
  ProjectFacts& pf = facts.flat[facts.unit_start[u] + p];
  TextMemo& memo = TextMemo::of(lex);
  // The names' slots in the memo are asked for first, their entries once
  // the goal is done: each lookup below then finds them at hand.
  constexpr std::size_t kAhead = 64;
  const std::size_t count = project.indicators.size(), ahead = std::min(count, kAhead);
  std::uint64_t name_hash[kAhead];
  for (std::size_t i = 0; i < ahead; ++i) name_hash[i] = memo.prefetch(project.indicators[i].name);
  // The goal's key, made once: its length, its hash (boilerplate here and
  // across tables), the placeholder test and the corpus signature use it.
  if (project.goal) {
    const std::string& goal = *project.goal;
    // Whether the key holds a bracket matters only to a goal short enough
    // to be template text: asked of its key below, not of every goal.
    if (key_scan(goal, false).changes) {
      facts.arena.push_back(vocabulary_key_of_valid_utf8(goal));
      pf.goal_key = facts.arena.back();
    } else {
      pf.goal_key = goal;
    }
    pf.goal_chars = count_chars(pf.goal_key);
    const KeyHashes hashes = key_hashes(pf.goal_key);
    pf.goal_hash = hashes.fnv;
    pf.goal_hash_b = hashes.mixed;
  }
  pf.goal_empty = pf.goal_chars == 0;
  // Template text is short; a long goal is content whatever it says.
  if (!pf.goal_empty && pf.goal_chars <= lex.placeholder_max_chars)
    pf.goal = classify_goal(pf.goal_key, pf.goal_key.find('(') != std::string_view::npos ||
                                             pf.goal_key.find('[') != std::string_view::npos,
                            lex);
  pf.withheld = pf.goal == Fill::Withheld;
  for (std::size_t i = 0; i < ahead; ++i) memo.prefetch_entry(name_hash[i]);
  TextMemo::Entry scratch;  // a text the memo has no room for
  std::string scratch_name, scratch_key;
  // The memo's entry, or `scratch` (its name form in scratch_name, its key
  // in scratch_key) when the memo has no room for the text or those forms.
  auto classified = [&](std::string_view text, std::uint64_t hash) -> TextMemo::Entry& {
    TextMemo::Entry* e = memo.find(text, hash);
    if (e && e->classified) return *e;
    scratch = TextMemo::Entry{};
    classify(text, lex, scratch, scratch_name, scratch_key);
    if (!e) return scratch;
    if (!scratch.name_in_text) {
      std::optional<std::string_view> kept = memo.keep(scratch.name);
      if (!kept) return scratch;
      e->name = *kept;
    }
    if (!scratch.key_is_text) {
      std::optional<std::string_view> kept = memo.keep(scratch.key);
      if (!kept) return scratch;
      e->key = *kept;
    }
    e->classified = true;
    e->fill = scratch.fill;
    e->name_in_text = scratch.name_in_text;
    e->name_offset = scratch.name_offset;
    e->name_size = scratch.name_size;
    e->key_is_text = scratch.key_is_text;
    return *e;
  };
  SharedReadings& shared = shared_readings();
  const bool own = shared.full();
  LevelReadings& levels1 = own ? facts.levels1 : shared.levels1;
  LevelReadings& levels2 = own ? facts.levels2 : shared.levels2;
  IndicatorFacts* pool = facts.indicator_pool.data() + pf.first_indicator;
  for (std::size_t i = 0; i < count; ++i) {
    const Indicator& ind = project.indicators[i];
    IndicatorFacts& f = pool[i];
    TextMemo::Entry& name = classified(ind.name, i < ahead ? name_hash[i] : short_text_hash(ind.name));
    f.name = name.fill;
    if (&name != &scratch) f.name_entry = &name;
    if (name.name_in_text) {
      f.name_key = std::string_view(ind.name).substr(name.name_offset, name.name_size);
    } else if (&name != &scratch) {
      f.name_key = name.name;  // kept by the memo
    } else {
      facts.arena.push_back(scratch_name);  // the facts keep what the memo could not
      f.name_key = facts.arena.back();
    }
    if (name.key_is_text) {
      f.key = ind.name;
    } else if (&name != &scratch) {
      f.key = name.key;  // kept by the memo
    } else {
      facts.arena.push_back(scratch_key);
      f.key = facts.arena.back();
    }
    // A figure, a period or a grading word is never template text.
    auto cell = [&](const std::optional<Target>& t) {
      if (!t || t->kind == TargetKind::Quantitative || t->kind == TargetKind::Period ||
          t->kind == TargetKind::Qualitative) {
        return Fill::Filled;
      }
      // Content whatever it says (classify_fill's first test), known
      // without making the key of a long text.
      if (key_longer_than(t->text, lex.placeholder_max_chars)) return Fill::Filled;
      return classified(t->text, short_text_hash(t->text)).fill;
    };
    f.period = cell(ind.period_target);
    f.annual = cell(ind.annual_target);
    if (has_content(target_of(ind, true))) f.annual_target = &*ind.annual_target;
    if (has_content(target_of(ind, false))) f.period_target = &*ind.period_target;
    f.credit =
        f.annual_target ? kind_credit(f.annual_target, f.annual) : kind_credit(f.period_target, f.period);
    f.level1_reading = reading(levels1, ind.level1_printed);
    f.level2_reading = reading(levels2, ind.level2_printed);
    f.traits = indicator_traits(ind, f, lex);
    if (f.withheld()) pf.withheld = true;
    const NameHashes hashes = name_hashes(f);
    f.name_hash = hashes.name_key;
    if (f.real()) {
      ++pf.real_indicators;
      pf.real_names_sum += hashes.name_key * 0xBF58476D1CE4E5B9ULL;  // + : order-free
      const std::optional<Level1> l1 = level1_of(ind);
      if (l1 == Level1::Output) pf.covered |= cover::kOutput;
      if (l1 == Level1::Benefit) pf.covered |= cover::kBenefit;
      if (l1 == Level1::Satisfaction) pf.covered |= cover::kSatisfaction | cover::kSatisfactionAny;
      if (ind.level2 == Level2::Satisfaction) pf.covered |= cover::kSatisfactionAny;
      if (f.traits & trait::kCost) pf.covered |= cover::kCost;  // is_cost, for a real indicator
      for (const Target* t : {f.period_target, f.annual_target}) {
        if (!t) continue;
        ++pf.target_cells;
        if (bare_figure(t)) ++pf.bare_cells;
      }
    }
    if (!hashes.key_left_out) {
      ++pf.corpus_keys;
      pf.corpus_keys_sum.a += hashes.key_share.a;
      pf.corpus_keys_sum.b += hashes.key_share.b;
    }
  }
}

NameHashes name_hashes(const IndicatorFacts& fi) {
  auto work = [&] {
    NameHashes h;
    h.name_key = std::hash<std::string_view>{}(fi.name_key);
    h.key_left_out = corpus_left_out(fi.key);
    if (!h.key_left_out) h.key_share = corpus_key_share(fi.key);
    return h;
  };
  TextMemo::Entry* e = fi.name_entry;
  if (!e) return work();
  if (!e->hashed) {
    e->hashes = work();
    e->hashed = true;
  }
  return e->hashes;
}

Facts gather_facts(const Document& doc, const Lexicon& lex) {
  Facts facts = prepare_facts(doc);
  for (std::size_t u = 0; u < doc.units.size(); ++u) {
    for (std::size_t p = 0; p < doc.units[u].projects.size(); ++p)
      gather_project(facts, doc, int(u), int(p), lex);
  }
  return facts;
}

Finding& Context::emit(Location where, MessageId message, MessageArgs args) {
  Finding* kept = nullptr;
  if (!places_.empty() && where.unit < 0 && where.project < 0 && where.indicator < 0) {
    for (Place& place : places_) {
      if (place.rule != rule->index) continue;
      place.rule = -1;
      kept = &(*out_)[place.at];
      break;
    }
  }
  if (!kept) rule_of_->push_back(rule->index);
  Finding& f = kept ? *kept : out_->emplace_back();
  f.rule = rule->id;
  f.severity = rule->severity;
  f.message = message;
  f.args = std::move(args);
  f.where = std::move(where);
  return f;
}

void Context::keep_place(int rule_index) {
  places_.push_back({rule_index, out_->size()});
  out_->emplace_back();
  rule_of_->push_back(rule_index);
}

std::vector<std::size_t> Context::take_unused_places() {
  std::vector<std::size_t> unused;
  for (const Place& place : places_) {
    if (place.rule >= 0) unused.push_back(place.at);
  }
  places_.clear();
  return unused;
}

Location Context::at_document() const { return Location{}; }

Location Context::at_unit(int u) const {
  Location l;
  l.unit = u;
  l.unit_name = doc.units[u].name;
  l.span = doc.units[u].span;
  return l;
}

Location Context::at_project(int u, int p, std::string_view field) const {
  Location l = at_unit(u);
  const Project& project = doc.units[u].projects[p];
  l.project = p;
  if (project.name) l.project_name = *project.name;
  l.field = field;
  l.span = project.span;
  return l;
}

Location Context::at_indicator(int u, int p, int i, std::string_view field) const {
  Location l = at_project(u, p, field);
  const Indicator& ind = doc.units[u].projects[p].indicators[i];
  l.indicator = i;
  l.indicator_name = ind.name;
  l.span = ind.span;
  return l;
}

bool ends_with(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

const Target* target_of(const Indicator& ind, bool annual) {
  const auto& t = annual ? ind.annual_target : ind.period_target;
  return t ? &*t : nullptr;
}

std::string fold_width(std::string_view s) {
  if (s.find('\xEF') == std::string_view::npos) return std::string(s);  // no full-width form (U+FF01–FF5E)
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size();) {
    std::size_t len = 0;
    char32_t cp = utf8::decode(s, i, &len);
    if (cp >= 0xFF01 && cp <= 0xFF5E) cp -= 0xFEE0;
    utf8::append(out, cp);
    i += len;
  }
  return out;
}

bool key_changes(std::string_view text) { return key_scan(text, false).changes; }


std::optional<Level1> level1_of(const Indicator& ind) {
  if (ind.level1) return ind.level1;
  if (ind.level2) return natural_parent(*ind.level2);
  return std::nullopt;
}

std::uint32_t indicator_traits(const Indicator& ind, const IndicatorFacts& f, const Lexicon& lex) {
  using namespace trait;
  if (!f.real()) return !f.withheld() && f.unfilled() ? std::uint32_t{kUnfilled} : 0;
  std::uint32_t traits = kReal;
  if (f.unfilled()) traits |= kUnfilled;
  if (!f.annual_target && !f.period_target) traits |= kNoTarget;
  if (!ind.level1 || !ind.level2) traits |= kLevelGap;
  if (ind.level1 && ind.level2 && !is_valid_parent(*ind.level1, *ind.level2)) traits |= kWrongParent;
  // What the readings of the printed levels say (worked out once per distinct level).
  if (ind.level1 && f.level1_reading) traits |= f.level1_reading->level1_traits;
  if (ind.level2 && f.level2_reading) traits |= f.level2_reading->level2_traits;
  if (is_cost(ind)) traits |= kCost;
  auto figure = [](const Target* t) { return t && t->kind == TargetKind::Quantitative && t->number; };
  if (figure(f.annual_target) && figure(f.period_target)) traits |= kTwoFigures;
  // The filled cells, as the measurability rules read them.
  for (const Target* t : {f.annual == Fill::Filled ? f.annual_target : nullptr,
                          f.period == Fill::Filled ? f.period_target : nullptr}) {
    if (!t) continue;
    switch (t->kind) {
      case TargetKind::Qualitative:
        traits |= kQualitative;
        break;
      case TargetKind::Text:
        traits |= kText;
        break;
      case TargetKind::Quantitative:
        if (t->number && t->unit.size() == 1 && t->unit[0] == '%' && compare_decimals(*t->number, lex.percent_limit) > 0)
          traits |= kPercentOver;
        if (bounded_figure(*t)) traits |= kBounded;
        if (figure_without_rate_unit(*t, lex)) traits |= kRateless;
        if (unitless_figure(*t)) traits |= kUnitless;
        break;
      default:
        break;
    }
  }
  return traits;
}

Decimal abs_decimal(const Decimal& d) { return d.mantissa() < 0 ? Decimal(0, 0) - d : d; }

std::optional<Decimal> shift_decimal(const Decimal& d, int power) {
  std::int64_t m = d.mantissa();
  int scale = d.scale() - power;
  while (scale < 0) {
    if (m > INT64_MAX / 10 || m < INT64_MIN / 10) return std::nullopt;
    m *= 10;
    ++scale;
  }
  return Decimal(m, scale);
}

}  // namespace detail

const std::vector<RuleInfo>& rule_table() {
  static const std::vector<RuleInfo> infos = [] {
    std::vector<RuleInfo> v;
    for (const auto& e : entries()) v.push_back(e.info);
    return v;
  }();
  return infos;
}

namespace {

// The rules the policy switches on, sorted by scope, and the indicator rules
// that ask for each trait: the same for every document a Checker reviews, so
// made once with it (a corpus has thousands of small documents, and making
// them per document looked up each rule's severity by name and filled the
// trait table bit by bit every time).
struct RulePlan {
  struct Active : ActiveRule {
    RuleFns fns;
  };
  std::vector<Active> active;
  std::vector<const Active*> before, project_rules, indicator_rules, after;
  // The indicator rules that ask for each trait (bit k: indicator_rules[k]):
  // an indicator's rules are the union over its few traits, a handful of
  // ORs, where testing every rule against its traits took a branch each
  // (seventeen an indicator, hard to predict). Called in table order, as
  // before. A table of more rules than bits tests each rule, as it did.
  static constexpr std::size_t kMaskRules = 64;
  std::uint64_t rules_of_trait[32] = {};
  bool by_mask = true;

  explicit RulePlan(const Policy& policy) {
    const auto& table = entries();
    active.reserve(table.size());  // the scope lists point into it
    for (std::size_t k = 0; k < table.size(); ++k) {
      const RuleEntry& e = table[k];
      Severity severity = e.info.severity;
      if (auto it = policy.severity.find(e.info.id); it != policy.severity.end()) {
        if (!it->second) continue;  // switched off
        severity = *it->second;
      }
      active.push_back({{static_cast<int>(k), e.info.id, severity}, e.make()});
    }
    for (const Active& a : active) {
      if (a.fns.before) before.push_back(&a);
      if (a.fns.project) project_rules.push_back(&a);
      if (a.fns.indicator) indicator_rules.push_back(&a);
      if (a.fns.after) after.push_back(&a);
    }
    for (std::size_t k = 0; k < indicator_rules.size() && k < kMaskRules; ++k) {
      for (int b = 0; b < 32; ++b) {
        if (indicator_rules[k]->fns.indicator_when & (std::uint32_t{1} << b))
          rules_of_trait[b] |= std::uint64_t{1} << k;
      }
    }
    by_mask = indicator_rules.size() <= kMaskRules;
  }
  RulePlan(const RulePlan&) = delete;  // the scope lists point into `active`
  RulePlan& operator=(const RulePlan&) = delete;
};

}  // namespace

struct Checker::Compiled {
  Policy policy;
  Lexicon lex;
  RulePlan plan;
  explicit Compiled(const Policy& p) : policy(p), lex(p), plan(p) {}
};

Checker::Checker(const Policy& policy) : compiled_(std::make_unique<const Compiled>(policy)) {}
Checker::~Checker() = default;
Checker::Checker(Checker&&) noexcept = default;
Checker& Checker::operator=(Checker&&) noexcept = default;

const Policy& Checker::policy() const { return compiled_->policy; }

namespace {

std::vector<Finding> run_rules(const Document& doc, const Policy& policy, const Lexicon& lex, const RulePlan& plan,
                               Facts& facts) {
  using Active = RulePlan::Active;

  std::vector<Finding> found;
  found.reserve(facts.indicator_pool.size() / 2 + 16);  // typical: a finding per two indicators
  std::vector<int> rule_of;                             // rule index of each finding, for ordering
  rule_of.reserve(found.capacity());
  Context ctx(doc, policy, lex, facts, &found, &rule_of);
  // A rule runs hundreds of thousands of times in a large document and
  // seldom finds anything: what it costs to call is kept to one store.
  auto run = [&](const Active& a, auto&& call) {
    ctx.rule = &a;
    call();
  };
  // Rules by scope, so the inner loops call only what applies.
  const std::vector<const Active*>&before = plan.before, &project_rules = plan.project_rules,
                                   &indicator_rules = plan.indicator_rules, &after = plan.after;
  // A document-level finding sorts first, so a rule that reports one after
  // the pass gets its place now: otherwise every finding of the pass would
  // be moved back to make room for it.
  for (const Active* a : after) {
    if (a->fns.document_summary) ctx.keep_place(a->index);
  }
  for (const Active* a : before) run(*a, [&] { a->fns.before(ctx); });
  const std::uint64_t* const rules_of_trait = plan.rules_of_trait;
  const bool by_mask = plan.by_mask;
  // One pass over projects and indicators for every rule at those scopes.
  for (std::size_t u = 0; u < doc.units.size(); ++u) {
    const Unit& unit = doc.units[u];
    for (std::size_t p = 0; p < unit.projects.size(); ++p) {
      const Project& project = unit.projects[p];
      gather_project(facts, doc, int(u), int(p), lex);
      const ProjectFacts& pf = facts.at(int(u), int(p));
      for (const Active* a : project_rules)
        run(*a, [&] { a->fns.project(ctx, int(u), int(p), project, pf); });
      for (std::size_t i = 0; i < project.indicators.size(); ++i) {
        const Indicator& ind = project.indicators[i];
        const IndicatorFacts& fi = pf.indicators[i];
        if (!by_mask) {
          for (const Active* a : indicator_rules) {
            if (a->fns.indicator_when & fi.traits)
              run(*a, [&] { a->fns.indicator(ctx, int(u), int(p), int(i), ind, fi); });
          }
          continue;
        }
        std::uint64_t called = 0;
        for (std::uint32_t t = fi.traits; t != 0; t &= t - 1) called |= rules_of_trait[__builtin_ctz(t)];
        for (; called != 0; called &= called - 1) {
          const Active* a = indicator_rules[static_cast<std::size_t>(__builtin_ctzll(called))];
          run(*a, [&] { a->fns.indicator(ctx, int(u), int(p), int(i), ind, fi); });
        }
      }
    }
  }
  for (const Active* a : after) run(*a, [&] { a->fns.after(ctx); });
  // Places no finding took are let go (few: the rules that keep one report
  // in most documents); the order of the rest is as if none had been kept.
  const std::vector<std::size_t> unused = ctx.take_unused_places();
  for (auto k = unused.rbegin(); k != unused.rend(); ++k) {
    found.erase(found.begin() + static_cast<std::ptrdiff_t>(*k));
    rule_of.erase(rule_of.begin() + static_cast<std::ptrdiff_t>(*k));
  }

  // Document order. The pass emits nearly in order already (only the
  // document-wide and unit rules, and boilerplate, come out of place), so
  // the findings are permuted in place rather than moved into a second
  // vector of the same size.
  // The keys are gathered into one compact array first: comparing through
  // the findings themselves (hundreds of bytes apart) missed the cache on
  // every comparison.
  struct SortKey {
    int unit, project, indicator, rule;
    std::size_t index;
    bool operator<(const SortKey& o) const {
      if (unit != o.unit) return unit < o.unit;
      if (project != o.project) return project < o.project;
      if (indicator != o.indicator) return indicator < o.indicator;
      return rule < o.rule;
    }
  };
  std::vector<SortKey> keys(found.size());
  for (std::size_t i = 0; i < found.size(); ++i) {
    const Location& l = found[i].where;
    keys[i] = {l.unit, l.project, l.indicator, rule_of[i], i};
  }
  if (std::is_sorted(keys.begin(), keys.end())) return found;
  std::stable_sort(keys.begin(), keys.end());
  std::vector<std::size_t> order(found.size());
  for (std::size_t i = 0; i < keys.size(); ++i) order[i] = keys[i].index;
  // found[i] is to receive found[order[i]]: follow each cycle of the permutation once.
  constexpr std::size_t kPlaced = static_cast<std::size_t>(-1);
  for (std::size_t i = 0; i < order.size(); ++i) {
    if (order[i] == kPlaced || order[i] == i) continue;
    Finding held = std::move(found[i]);
    std::size_t j = i;
    for (;;) {
      const std::size_t from = order[j];
      order[j] = kPlaced;
      if (from == i) {
        found[j] = std::move(held);
        break;
      }
      found[j] = std::move(found[from]);
      j = from;
    }
  }
  return found;
}

}  // namespace

namespace {

// The facts of the document a thread is checking, their room kept from
// document to document: made afresh for each, they were allocated, zeroed
// and faulted in again for every table of a corpus (and their level
// readings' tables with them), which showed in the profile. A review uses
// them only while it runs, and a thread runs one at a time.
Facts& facts_for(const Document& doc) {
  thread_local Facts facts;
  prepare_facts(facts, doc);
  return facts;
}

}  // namespace

std::vector<Finding> Checker::check(const Document& doc) const {
  Facts& facts = facts_for(doc);
  return run_rules(doc, compiled_->policy, compiled_->lex, compiled_->plan, facts);
}

Checker::Review Checker::review(const Document& doc) const {
  Facts& facts = facts_for(doc);
  Review r;
  r.findings = run_rules(doc, compiled_->policy, compiled_->lex, compiled_->plan, facts);
  r.score = score_with_facts(doc, r.findings, compiled_->policy, facts);
  return r;
}

Checker::Review Checker::review(const Document& doc, CorpusBoilerplate& corpus, std::size_t document,
                                const std::string& label) const {
  Facts& facts = facts_for(doc);
  Review r;
  r.findings = run_rules(doc, compiled_->policy, compiled_->lex, compiled_->plan, facts);
  r.score = score_with_facts(doc, r.findings, compiled_->policy, facts);
  corpus.add(document, doc, label, facts);
  return r;
}

std::vector<Finding> check_document(const Document& doc, const Policy& policy) {
  return Checker(policy).check(doc);
}

}  // namespace jixiao::check
