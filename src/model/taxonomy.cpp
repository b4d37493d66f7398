#include "model/taxonomy.hpp"

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <string>
#include <unordered_map>
#include <vector>

#include "jixiao_data.hpp"
#include "text/flat_memo.hpp"
#include "text/key.hpp"
#include "text/utf8.hpp"

namespace jixiao {
namespace {

struct LevelInfo {
  const char* name;
  const char* code;
};

constexpr LevelInfo kLevel1[] = {
    {"产出指标", "1"}, {"效益指标", "2"}, {"满意度指标", "3"}, {"成本指标", "4"}};
constexpr LevelInfo kLevel2[] = {
    {"数量指标", "11"},           {"质量指标", "12"},     {"时效指标", "13"},     {"成本指标", "14"},
    {"经济效益指标", "21"},       {"社会效益指标", "22"}, {"生态效益指标", "23"}, {"可持续影响指标", "24"},
    {"服务对象满意度指标", "31"}, {"经济成本指标", "41"}, {"社会成本指标", "42"}, {"生态环境成本指标", "43"},
};

// Spellings from data/level_synonyms.tsv, keyed without the 指标 suffix.
struct SynonymTable {
  std::unordered_map<std::string, int> level1;
  std::unordered_map<std::string, int> level2;
  std::vector<std::pair<std::string, int>> level1_by_length;  // longest first, for prefix matching
  std::vector<std::pair<std::string, int>> level2_by_length;
  // The same, grouped by their first character's three bytes: a text is
  // compared only with the words that can start it.
  std::unordered_map<std::uint32_t, std::vector<std::pair<std::string, int>>> level1_by_first;
  std::unordered_map<std::uint32_t, std::vector<std::pair<std::string, int>>> level2_by_first;
};

std::uint32_t first_three_bytes(std::string_view s) {
  return static_cast<std::uint32_t>(static_cast<unsigned char>(s[0])) << 16 |
         static_cast<std::uint32_t>(static_cast<unsigned char>(s[1])) << 8 |
         static_cast<std::uint32_t>(static_cast<unsigned char>(s[2]));
}

int index_of(const LevelInfo* table, int n, std::string_view canonical) {
  for (int i = 0; i < n; ++i) {
    if (canonical == table[i].name) return i;
  }
  return -1;
}

const SynonymTable& synonyms() {
  static const SynonymTable table = [] {
    SynonymTable t;
    auto add = [](std::unordered_map<std::string, int>& map, std::string key, int idx) {
      map.emplace(std::move(key), idx);
    };
    for (int i = 0; i < 4; ++i) {
      std::string k = kLevel1[i].name;
      add(t.level1, k.substr(0, k.size() - 6), i);  // 6 bytes = 指标
    }
    for (int i = 0; i < 12; ++i) {
      std::string k = kLevel2[i].name;
      add(t.level2, k.substr(0, k.size() - 6), i);
    }
    for_each_tsv_row(data::level_synonyms_tsv, [&](const std::vector<std::string_view>& f) {
      if (f.size() < 3) return;
      if (f[0] == "1") {
        int idx = index_of(kLevel1, 4, f[1]);
        if (idx >= 0) add(t.level1, vocabulary_key(f[2]), idx);
      } else if (f[0] == "2") {
        int idx = index_of(kLevel2, 12, f[1]);
        if (idx >= 0) add(t.level2, vocabulary_key(f[2]), idx);
      }
    });
    for (auto& [k, v] : t.level1) t.level1_by_length.emplace_back(k, v);
    for (auto& [k, v] : t.level2) t.level2_by_length.emplace_back(k, v);
    auto longest_first = [](const auto& a, const auto& b) {
      return a.first.size() != b.first.size() ? a.first.size() > b.first.size() : a.first < b.first;
    };
    std::sort(t.level1_by_length.begin(), t.level1_by_length.end(), longest_first);
    std::sort(t.level2_by_length.begin(), t.level2_by_length.end(), longest_first);
    // Sorted order is kept within each group.
    for (const auto& w : t.level1_by_length) {
      if (w.first.size() >= 3) t.level1_by_first[first_three_bytes(w.first)].push_back(w);
    }
    for (const auto& w : t.level2_by_length) {
      if (w.first.size() >= 3) t.level2_by_first[first_three_bytes(w.first)].push_back(w);
    }
    return t;
  }();
  return table;
}

bool ends_with(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

// Splits "22-社会效益" into code "22" and the rest; Chinese ordinals such as
// "一、" are dropped too.
// OCR reads the dash of a level code ("1-产出指标") as another dash-like
// glyph (一 — – ~ －) or drops it ("1产出指标"). The bytes at `pos` that
// stand for such a dash before a CJK word: the glyph's length, 0 when the
// word follows directly (the dash was lost), npos when neither.
std::size_t garbled_code_dash(std::string_view text, std::size_t pos) {
  // The glyphs lead with E4 (一), E2 (— –) or EF (－ ～), or are ~: a text
  // going on with any other byte holds none of them, told before each is
  // compared.
  const unsigned char lead = pos < text.size() ? static_cast<unsigned char>(text[pos]) : 0;
  const bool may_be_dash = lead == 0xE4 || lead == 0xE2 || lead == 0xEF || lead == '~';
  for (std::string_view dash : {std::string_view("一"), std::string_view("—"), std::string_view("–"),
                                std::string_view("－"), std::string_view("~"), std::string_view("～")}) {
    if (!may_be_dash) break;
    if (text.substr(pos, dash.size()) == dash && pos + dash.size() + 3 <= text.size() &&
        static_cast<unsigned char>(text[pos + dash.size()]) >= 0xE0)
      return dash.size();
  }
  if (pos + 3 <= text.size() && static_cast<unsigned char>(text[pos]) >= 0xE0) return 0;
  return std::string_view::npos;
}

std::string_view strip_code(std::string_view key, std::string* code) {
  std::size_t i = 0;
  while (i < key.size() && key[i] >= '0' && key[i] <= '9') ++i;
  if (i > 0 && i < key.size() && (key[i] == '-' || key[i] == '.' || key[i] == '_')) {
    if (code) code->assign(key.substr(0, i));
    return key.substr(i + 1);
  }
  if (i > 0 && i + 3 <= key.size() && key.substr(i, 3) == "、") {
    return key.substr(i + 3);
  }
  if (std::size_t dash = garbled_code_dash(key, i); i > 0 && i <= 2 && dash != std::string_view::npos) {
    if (code) code->assign(key.substr(0, i));
    return key.substr(i + dash);
  }
  return key;
}

std::string level_key(std::string_view printed, std::string* code) {
  std::string key = vocabulary_key(printed);
  std::string rest(strip_code(key, code));
  rest = strip_brackets(rest);
  // "成本指标(0-20)分" leaves a trailing 分 after the bracket is gone.
  if (ends_with(rest, "分") && rest.size() > 3) rest.resize(rest.size() - 3);
  if (ends_with(rest, "指标")) rest.resize(rest.size() - 6);
  if (ends_with(rest, "类")) rest.resize(rest.size() - 3);
  return rest;
}

template <typename Enum>
std::optional<Enum> lookup(const std::unordered_map<std::string, int>& map, const std::string& key) {
  auto it = map.find(key);
  if (it == map.end()) return std::nullopt;
  return static_cast<Enum>(it->second);
}

// Matches `word` at text[pos], allowing spaces between its characters (OCR and
// wrapped exports split words). Returns the end position or npos.
// Byte by byte, spaces skipped only before a character's first byte: the
// words are vocabulary keys and literals, valid UTF-8, so that is the same as
// comparing character by character, without decoding each one (this runs at
// every digit of every indicator text).
std::size_t match_spaced(std::string_view text, std::size_t pos, std::string_view word) {
  // Nearly always the word is there as it is: one comparison. The words hold
  // no space (keys and literals), so an exact match is the walk's match too.
  if (text.size() - pos >= word.size() && std::memcmp(text.data() + pos, word.data(), word.size()) == 0)
    return pos + word.size();
  for (std::size_t w = 0; w < word.size(); ++w, ++pos) {
    if ((static_cast<unsigned char>(word[w]) & 0xC0) != 0x80) {
      while (pos < text.size() && text[pos] == ' ') ++pos;
    }
    if (pos >= text.size() || text[pos] != word[w]) return std::string_view::npos;
  }
  return pos;
}

std::size_t skip_decoration(std::string_view text, std::size_t pos) {
  std::size_t p = pos;
  while (p < text.size() && text[p] == ' ') ++p;
  std::string_view open_full = "（";
  std::size_t close = std::string_view::npos;
  if (p < text.size() && text[p] == '(') {
    close = text.find(')', p);
    if (close != std::string_view::npos) close += 1;
  } else if (text.substr(p, open_full.size()) == open_full) {
    close = text.find("）", p);
    if (close != std::string_view::npos) close += 3;
  }
  if (close != std::string_view::npos && close - p <= 40) return close;
  return pos;
}

// Whether the text ends at pos, after spaces, or goes on with one of
// ；;：:，,-】]、 or a tab. Compared as bytes: ；：， are EF BC 9B/9A/8C and
// 】、 E3 80 91/81, so the ASCII ones decide on their one byte.
bool separator_follows(std::string_view text, std::size_t pos) {
  while (pos < text.size() && text[pos] == ' ') ++pos;
  if (pos >= text.size()) return true;
  const char c = text[pos];
  if (c == ';' || c == ':' || c == ',' || c == '-' || c == ']' || c == '\t') return true;
  if (pos + 3 > text.size()) return false;
  const auto b0 = static_cast<unsigned char>(c), b1 = static_cast<unsigned char>(text[pos + 1]),
             b2 = static_cast<unsigned char>(text[pos + 2]);
  return (b0 == 0xEF && b1 == 0xBC && (b2 == 0x9B || b2 == 0x9A || b2 == 0x8C)) ||
         (b0 == 0xE3 && b1 == 0x80 && (b2 == 0x91 || b2 == 0x81));
}

bool starts_with_level(std::string_view text, std::size_t* consumed,
                       const std::unordered_map<std::uint32_t, std::vector<std::pair<std::string, int>>>& by_first,
                       int max_code_digits) {
  std::size_t pos = 0;
  while (pos < text.size() && text[pos] == ' ') ++pos;
  std::size_t digits = pos;
  bool has_code = false;
  while (digits < text.size() && text[digits] >= '0' && text[digits] <= '9') ++digits;
  if (digits > pos && static_cast<int>(digits - pos) <= max_code_digits) {
    std::size_t after = digits;
    while (after < text.size() && text[after] == ' ') ++after;
    if (after < text.size() && text[after] == '-') {
      pos = after + 1;
      has_code = true;
    } else if (std::size_t dash = garbled_code_dash(text, after); dash != std::string_view::npos) {
      // A code whose dash OCR garbled: the word after it must still stand as
      // a token (suffixed, decorated or followed by a separator) to count.
      pos = after + dash;
    }
  }
  // Every level word starts with a CJK character: a quick look at the first
  // byte rejects almost all positions before any word is compared.
  while (pos < text.size() && text[pos] == ' ') ++pos;
  if (pos + 3 > text.size() || static_cast<unsigned char>(text[pos]) < 0xE0) return false;
  const auto group = by_first.find(first_three_bytes(text.substr(pos)));
  if (group == by_first.end()) return false;
  for (const auto& [word, idx] : group->second) {
    std::size_t end = match_spaced(text, pos, word);
    if (end == std::string_view::npos) continue;
    std::size_t with_suffix = match_spaced(text, end, "指标");
    bool has_suffix = with_suffix != std::string_view::npos;
    if (has_suffix) end = with_suffix;
    std::size_t decorated = skip_decoration(text, end);
    bool has_decoration = decorated != end;
    end = decorated;
    // A bare word ("质量" in "质量良好") is a level only when it stands as a
    // token: coded, suffixed with 指标, decorated, or followed by a separator.
    if (!has_code && !has_suffix && !has_decoration && !separator_follows(text, end)) continue;
    if (consumed) *consumed = end;
    return true;
  }
  return false;
}

}  // namespace

const char* level1_name(Level1 l) { return kLevel1[static_cast<int>(l)].name; }
const char* level2_name(Level2 l) { return kLevel2[static_cast<int>(l)].name; }
const char* level1_code(Level1 l) { return kLevel1[static_cast<int>(l)].code; }
const char* level2_code(Level2 l) { return kLevel2[static_cast<int>(l)].code; }

Level1 natural_parent(Level2 l) {
  switch (l) {
    case Level2::Quantity:
    case Level2::Quality:
    case Level2::Timeliness:
    case Level2::Cost:
      return Level1::Output;
    case Level2::Economic:
    case Level2::Social:
    case Level2::Ecological:
    case Level2::Sustainable:
      return Level1::Benefit;
    case Level2::Satisfaction:
      return Level1::Satisfaction;
    case Level2::EconomicCost:
    case Level2::SocialCost:
    case Level2::EcologicalCost:
      return Level1::Cost;
  }
  return Level1::Output;
}

bool is_valid_parent(Level1 parent, Level2 child) {
  if (natural_parent(child) == parent) return true;
  // 101号 moved 成本 to its own 一级; a plain 成本指标 under it is accepted.
  return parent == Level1::Cost && child == Level2::Cost;
}

// Documents print the same few level names thousands of times; remembering
// each printed form's resolution skips the key building. Per thread, so the
// memo needs no lock; a flat table (text/flat_memo.hpp) because a node-based
// map's hashing and node walk were most of a look-up's cost.
template <typename Enum, typename Fn>
std::optional<Enum> cached(std::string_view printed, Fn resolve) {
  thread_local FlatMemo<std::optional<Enum>> memo(1024);
  const std::size_t h = memo.hash(printed);
  if (const std::optional<Enum>* hit = memo.find(printed, h)) return *hit;
  std::optional<Enum> r = resolve(printed);
  memo.remember(printed, h, r);
  return r;
}

// OCR damages the 指标 suffix ("时效指杯", "社会效益指"): the key without
// its broken suffix, or "" when the key does not end in one.
std::string without_broken_suffix(const std::string& key) {
  static const std::string zhi = "指";
  if (key.size() > zhi.size() && key.compare(key.size() - zhi.size(), zhi.size(), zhi) == 0)
    return key.substr(0, key.size() - zhi.size());
  if (key.size() > zhi.size() + 3 && key.compare(key.size() - zhi.size() - 3, zhi.size(), zhi) == 0 &&
      static_cast<unsigned char>(key[key.size() - 3]) >= 0xE0)
    return key.substr(0, key.size() - zhi.size() - 3);
  return {};
}

static std::optional<Level1> resolve_level1_uncached(std::string_view printed) {
  std::string code;
  std::string key = level_key(printed, &code);
  if (auto hit = lookup<Level1>(synonyms().level1, key)) return hit;
  if (std::string bare = without_broken_suffix(key); !bare.empty()) {
    if (auto hit = lookup<Level1>(synonyms().level1, bare)) return hit;
  }
  // A name OCR destroyed can still be read from its code ("2-效益指…").
  if (code.size() == 1 && code[0] >= '1' && code[0] <= '3' && !key.empty()) {
    return static_cast<Level1>(code[0] - '1');
  }
  return std::nullopt;
}

static std::optional<Level2> resolve_level2_uncached(std::string_view printed) {
  std::string code;
  std::string key = level_key(printed, &code);
  if (auto hit = lookup<Level2>(synonyms().level2, key)) return hit;
  if (std::string bare = without_broken_suffix(key); !bare.empty()) {
    if (auto hit = lookup<Level2>(synonyms().level2, bare)) return hit;
  }
  if (code.size() == 2 && !key.empty()) {
    for (int i = 0; i < 9; ++i) {
      if (code == kLevel2[i].code) return static_cast<Level2>(i);
    }
  }
  return std::nullopt;
}

std::optional<Level1> resolve_level1(std::string_view printed) {
  return cached<Level1>(printed, resolve_level1_uncached);
}

std::optional<Level2> resolve_level2(std::string_view printed) {
  return cached<Level2>(printed, resolve_level2_uncached);
}

bool starts_with_level1(std::string_view text, std::size_t* consumed) {
  return starts_with_level(text, consumed, synonyms().level1_by_first, 1);
}

bool starts_with_level2(std::string_view text, std::size_t* consumed) {
  return starts_with_level(text, consumed, synonyms().level2_by_first, 2);
}

}  // namespace jixiao
