// Private to src/check: what every rule function sees. Not part of the API.
//
// The engine compiles the policy's vocabularies once (Lexicon). For each
// document it makes one pass: per project it gathers the facts several rules
// need (Facts: which cells are placeholders, each indicator's name key) and
// runs the rule functions over a Context that knows the current rule's id and
// severity. Checking a large document is bound by memory traffic, which is
// why the facts are compact and the pass is single.
#pragma once

#include <cstdint>
#include <cstring>
#include <deque>
#include <map>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "check/findings.hpp"
#include "check/policy.hpp"
#include "check/score.hpp"
#include "model/document.hpp"
#include "model/taxonomy.hpp"
#include "text/short_hash.hpp"
#include "text/utf8.hpp"

namespace jixiao::check::detail {

// A vocabulary list ready for matching. Words are indexed by their first and
// last character, so a text is scanned once rather than once per word: the
// check must stay cheap next to parsing (issue 4: ≤ 20%).
class WordList {
 public:
  WordList() = default;
  // `tags` (optional, one per word) ride along: a direction, an index.
  explicit WordList(std::vector<std::string> words, std::vector<int> tags = {});

  bool found_in(std::string_view text) const;   // some word occurs in text
  int max_tag_in(std::string_view text) const;  // the largest tag of the words occurring in text (0 if none)
  // The longest word `text` ends with (nullptr if none); *tag receives its tag.
  const std::string* ending_of(std::string_view text, int* tag = nullptr) const;
  const std::vector<std::string>& words() const { return words_; }

 private:
  template <typename Hit>
  void scan(std::string_view text, Hit hit) const;

  std::vector<std::string> words_;
  std::vector<int> tags_;
  // Words by their first two bytes (by_pair_, looked up by binary search).
  // A text is scanned position by position, and a position is looked up
  // only if its first three bytes are some word's (a bit in triple_bits_,
  // by a hash of the three) or its first two are a two-byte word's
  // (pair_bits_): a test on two bytes alone passed at most characters of a
  // Chinese text (E4 B8, E6 97 lead many ideographs). When every word starts
  // on a lead byte (valid UTF-8), positions inside a character are skipped.
  static std::uint32_t triple_hash(unsigned char a, unsigned char b, unsigned char c) {
    return ((std::uint32_t(a) << 16 | std::uint32_t(b) << 8 | c) * 0x9E3779B1u) >> 16;
  }
  std::vector<std::uint64_t> pair_bits_ = std::vector<std::uint64_t>(1024, 0);    // 65536 bits
  std::vector<std::uint64_t> triple_bits_ = std::vector<std::uint64_t>(1024, 0);  // 65536 bits
  bool starts_on_lead_bytes_ = true;
  // The words' distinct heads (first three bytes, two for a two-byte word),
  // each byte repeated 32 times, when there are at most kVectorHeads of
  // them: a text is then tested 16 or 32 positions at a time, against every
  // head at once. Goals are searched for template text, and are long. The
  // bytes are kept repeated, not broadcast from one byte for every block:
  // the test then compares with them where they lie, an instruction a byte
  // of a head where loading and broadcasting took three.
  static constexpr std::size_t kVectorHeads = 16;
  struct alignas(32) VectorHead {
    unsigned char bytes[3][32];
    bool three;  // the third byte counts
  };
  std::vector<VectorHead> vector_heads_;
  // The same test thirty-two positions at a time, on processors with AVX2
  // (rules.cpp): for up to `blocks` whole blocks from `i` whose two bytes
  // after them lie in the text, the positions where some head starts
  // (masks[k] for block k). Returns the blocks done.
  std::size_t wide_head_masks(const unsigned char* b, std::size_t i, std::size_t n, std::uint32_t* masks,
                              std::size_t blocks) const;
  std::vector<std::pair<std::uint16_t, std::vector<int>>> by_pair_;  // sorted by pair
  std::vector<int> one_byte_;                                         // words of a single byte ("%")
  std::vector<std::pair<char32_t, std::vector<int>>> by_last_;  // character → words, longest first
};

// The policy's vocabularies in matching form: keyed like the text they are
// compared with, endings matched longest first so the most specific wins.
struct Lexicon {
  WordList vague, vague_qualifiers, yes_no;
  WordList placeholder;  // unfilled (tag 1) and withheld (tag 2) phrases together: one scan
  std::vector<std::string> unfilled_whole;
  std::size_t unfilled_whole_max = 0;  // bytes of the longest
  WordList direction;  // tag +1 higher-better, -1 lower-better
  WordList direction_neutral;
  WordList percent_may_exceed;
  WordList rate_suffix, rate_exempt;
  std::vector<std::string> rate_unit;
  WordList unit_cue;                        // tag: index into unit_cue_units
  std::vector<std::string> unit_cue_units;  // the units a fix suggests
  WordList quantity_suffix, quantity_exempt;
  std::vector<std::string> outcome_prefix;
  std::vector<std::string> non_accumulating_unit;
  std::vector<std::pair<std::string, int>> money_unit;  // unit → power of ten to 元
  struct Spelling {
    Comparator comparator = Comparator::None;
    std::string symbol;    // "≥"
    std::string spelling;  // "或以上"
    std::string folded;    // the spelling with full-width ASCII folded (fold_width)
    bool variant = false;  // a comparator-variant glyph (≧)
  };
  std::vector<Spelling> spelling;  // longest spelling first
  // Indexes into spelling by Comparator (longest first): a cell is matched
  // only against its own comparator's spellings.
  std::vector<int> spelling_of[6];
  // By Comparator: the spelling find_spelling settles on for a cell that
  // opens with the comparator's symbol (≥95%), or -1 when the rest of the
  // cell could still decide (a longer spelling opens with the symbol).
  // Most bounded cells open with it, and this is known without the memo.
  int symbol_spelling[6] = {-1, -1, -1, -1, -1, -1};
  std::vector<std::string> comparator_variant;
  std::vector<Decimal> junk_exempt;
  Decimal percent_limit;  // the policy's (trait::kPercentOver)
  std::size_t placeholder_max_chars = 0;
  std::size_t boilerplate_min_goal_chars = 0;
  // Which Lexicon this is (a copy keeps it: the same words): memos made with
  // one (gather_project's) are not used with another.
  std::uint64_t serial = 0;

  explicit Lexicon(const Policy& policy);
};

// Printed levels repeat thousands of times in a document; each distinct
// spelling is split into code and name, and resolved, once.
struct CodedReading {
  std::string code;  // "12" of "12-时效指标"; "" when none leads
  bool has_name = false;
  std::optional<Level1> level1_by_name;  // the name part resolved (only when coded)
  std::optional<Level2> level2_by_name;
  // The code is not the published one of the level named (taxonomy.code-mismatch):
  // decided once per distinct printed level, not per indicator.
  bool level1_code_differs = false;
  bool level2_code_differs = false;
  // The trait:: bits (kLevelMisspelled, kLevelCodeDiffers) this reading
  // gives an indicator whose 一级, or 二级, was recognised: worked out with
  // the reading, once per distinct printed level, so indicator_traits ORs
  // them in rather than testing the reading's parts for every indicator.
  std::uint32_t level1_traits = 0, level2_traits = 0;
};

class LevelReadings {
 public:
  // Inline, the last reading asked for first, then the table: consecutive
  // indicators mostly repeat the level they sit under, but a project's
  // levels alternate (产出, 效益, 满意度 and their 二级), and every indicator
  // asks twice. Only a reading not yet made is made out of line (add).
  const CodedReading& get(const std::string& printed) {
    const Print print = print_of(printed);
    if (last_ && same(last_print_, *last_, print, printed)) return last_->second;
    const std::size_t mask = slots_.size() - 1;
    std::size_t at = slot_of(print);
    for (; slots_[at].entry; at = (at + 1) & mask) {
      if (same(slots_[at].print, *slots_[at].entry, print, printed)) {
        last_ = slots_[at].entry;
        last_print_ = print;
        return last_->second;
      }
    }
    return add(printed, print, at);
  }
  std::size_t size() const { return count_; }

 private:
  using Entry = std::pair<std::string, CodedReading>;
  // The readings are kept across the documents of a corpus (gather_project),
  // which print a few dozen distinct levels each, mostly of one length
  // (11-数量指标, 12-质量指标 …), and every indicator asks for two. Each is
  // found by its print (length and first and last eight bytes) in a flat
  // table probed linearly: hashing the whole text (std::unordered_map) or
  // comparing the texts one by one cost more. A text of at most 16 bytes
  // (most printed levels) is all in its print, so equal prints are equal
  // texts; a longer one is compared in full when the prints agree.
  struct Print {
    std::uint64_t head = 0, tail = 0;  // tail is 0 for a text under 8 bytes
    std::size_t size = 0;
    bool operator==(const Print&) const = default;
    bool whole() const { return size <= 16; }
    std::uint64_t hash() const { return (head ^ (tail * 0x9E3779B97F4A7C15ULL)) + size; }
  };
  static Print print_of(std::string_view s) {
    Print p;
    p.size = s.size();
    if (s.size() >= 8) {
      std::memcpy(&p.head, s.data(), 8);
      std::memcpy(&p.tail, s.data() + s.size() - 8, 8);
    } else if (!s.empty()) {
      std::memcpy(&p.head, s.data(), s.size());
    }
    return p;
  }
  struct Slot {
    Print print;
    const Entry* entry = nullptr;
  };
  static bool same(const Print& print, const Entry& e, const Print& asked, std::string_view text) {
    return print == asked && (asked.whole() || e.first == text);
  }
  // A new reading of `printed`, at the empty slot `at` where its probe ended.
  const CodedReading& add(const std::string& printed, const Print& print, std::size_t at);
  std::size_t slot_of(const Print& p) const {
    return static_cast<std::size_t>((p.hash() * 0x9E3779B97F4A7C15ULL) >> 32) & (slots_.size() - 1);
  }
  std::deque<Entry> entries_;  // a deque: the readings handed out stay put
  std::vector<Slot> slots_ = std::vector<Slot>(64);  // a power of two, at most half full
  const Entry* last_ = nullptr;
  Print last_print_;
  std::size_t count_ = 0;  // entries_.size(), which a deque works out
};

// A key's share of a corpus signature of an indicator set: two hashes by
// unrelated functions (std::hash and key_hash), each mixed, that the set's
// signature sums (corpus.cpp). A sum does not depend on the order names
// were printed in, so a project's names need not be sorted and joined.
struct KeyShare {
  std::uint64_t a = 0, b = 0;
};
KeyShare corpus_key_share(std::string_view key);

// What boilerplate takes from an indicator's name: the hash of its name
// form (IndicatorFacts::name_key) that in-document boilerplate sums, and
// whether corpus signatures leave its key (IndicatorFacts::key) out, and
// if not, its share of them.
struct NameHashes {
  std::uint64_t name_key = 0;  // std::hash
  bool key_left_out = false;
  KeyShare key_share;  // corpus_key_share(key), unless left out
};
// A key the corpus signatures leave out: empty, or template residue (待…),
// which is the placeholder rules' business, not boilerplate (corpus.cpp).
bool corpus_left_out(std::string_view key);

// Whether a cell holds content, a template left unfilled, or withheld content.
enum class Fill : std::uint8_t { Filled, Unfilled, Withheld };  // a byte: three in each IndicatorFacts
// IndicatorFacts tests its three fills together by these bits.
static_assert(static_cast<unsigned>(Fill::Filled) == 0 && static_cast<unsigned>(Fill::Unfilled) == 1 &&
              static_cast<unsigned>(Fill::Withheld) == 2);

// What the rules work out from a text alone recurs with the text: indicator
// names and short targets repeat across a corpus (满意度, 按时完成率, 有效提升,
// ≥95%), and classifying one (its key forms, a scan of the placeholder or
// vague words, its comparator spelling) cost hundreds to thousands of
// instructions where a lookup costs about a hundred. So each distinct text
// has an entry, kept per thread for the Lexicon last used there (what is
// worked out depends on its words), whose facts are filled in as rules first
// ask for them. Bounded: past the bound a text gets no entry (nullptr) and
// is worked out each time, as before. An entry is never changed or removed
// while its Lexicon is in use, so views into it stay valid as long as the
// facts of the document being reviewed (a thread reviews one at a time).
// What an entry holds may depend on the Policy too (descriptive-min-chars):
// a Lexicon is made from one Policy and only used with it.
class TextMemo {
 public:
  // Trivially destructible, and followed in memory by its text: a lookup
  // reads the entry's slot, then one place holding the text and what is
  // known of it (the memo of a 30 MB corpus is a few MB, and a lookup that
  // chased a node, a string and an entry missed the cache three times).
  struct Entry {
    // gather_project: the text as a cell (classify_fill) and its name form,
    // text.substr(name_offset, name_size) when `name_in_text`, else `name`
    // (kept by the memo).
    bool classified = false;
    Fill fill = Fill::Filled;
    bool name_in_text = true;
    // Its vocabulary key (IndicatorFacts::key): the text itself, else `key`
    // (kept by the memo).
    bool key_is_text = true;
    // measure.vague-qualitative: its key holds a vague word or qualifier (-1 = not yet asked).
    std::int8_t vague = -1;
    // measure.descriptive: a text target that is prose (-1 = not yet asked).
    std::int8_t descriptive = -1;
    // consist.comparator-spelling: the Lexicon::spelling it uses (-1 none),
    // for the comparator it was asked for (spelling_for; -1 = not yet asked).
    std::int8_t spelling_for = -1;
    // measure.comparator-direction, for an indicator name: +1 higher is
    // better, -1 lower, 0 neither or neutral (2 = not yet asked).
    std::int8_t direction = 2;
    // For an indicator name (name_fact; -1 = not yet asked): a rate's name
    // (率 but not 频率), a count's (数量, 人数 …), an effect's (提高…).
    std::int8_t rate = -1, quantity = -1, outcome = -1;
    int spelling = -1;
    // For an indicator name: its hashes (name_hashes; false until asked).
    bool hashed = false;
    NameHashes hashes;
    std::uint32_t name_offset = 0, name_size = 0;
    std::string_view name, key;
    std::uint32_t text_size = 0;
    std::string_view text() const { return {reinterpret_cast<const char*>(this + 1), text_size}; }
  };

  static TextMemo& of(const Lexicon& lex);
  // The entry of `text`, made empty if new; nullptr once the memo is full.
  Entry* find(std::string_view text) { return find(text, short_text_hash(text)); }
  // find, with the text's hash from prefetch().
  Entry* find(std::string_view text, std::uint64_t hash);
  // The memo of a corpus is larger than the cache, and a lookup waited for
  // its slot, then for its entry. The facts ask for a project's names in
  // two steps before they look them up, with work to do in between:
  // prefetch() starts loading the slot where `text` is first looked for
  // and returns the text's hash for find(); prefetch_entry(hash), once that
  // slot is at hand, starts loading the entry it holds.
  std::uint64_t prefetch(std::string_view text) const {
    const std::uint64_t h = short_text_hash(text);
    __builtin_prefetch(&slots_[h & (slots_.size() - 1)]);
    return h;
  }
  void prefetch_entry(std::uint64_t hash) const {
    if (const Entry* e = slots_[hash & (slots_.size() - 1)].entry) {
      __builtin_prefetch(e);
      __builtin_prefetch(reinterpret_cast<const char*>(e + 1) + 8);  // the text, past the entry's line
    }
  }
  // A copy of `s` kept as long as the entries; empty once the memo is full.
  std::optional<std::string_view> keep(std::string_view s);

 private:
  void grow();
  char* allocate(std::size_t bytes);

  static constexpr std::size_t kBytes = std::size_t{8} << 20;
  static constexpr std::size_t kChunk = std::size_t{64} << 10;
  std::uint64_t serial_ = 0;
  std::size_t bytes_ = 0, count_ = 0;
  // Open addressing, probed linearly: each slot an entry beside its text's
  // hash, so a probe seldom reads a text. Entries and kept texts are laid
  // out one after another in chunks that never move.
  struct Slot {
    std::uint64_t hash = 0;
    Entry* entry = nullptr;
  };
  std::vector<Slot> slots_;
  std::vector<std::unique_ptr<char[]>> chunks_;
  char* at_ = nullptr;
  std::size_t left_ = 0;
};

// What an indicator offers the indicator rules, worked out once by the
// facts (indicator_traits). An indicator rule names the traits it can act
// on (RuleFns::indicator_when), and the engine calls it only for an
// indicator with one of them: about twenty rules ran for every indicator,
// and most returned at once after reading its facts and targets again.
// Each trait is a superset of what its rules test, never a decision: a rule
// called still checks everything it did.
namespace trait {
enum : std::uint32_t {
  kUnfilled = 1u << 0,          // a cell is template text, and nothing is withheld
  kNoTarget = 1u << 1,          // real, and neither target has content
  kLevelGap = 1u << 2,          // real, and its 一级 or 二级 was not recognised
  kLevelMisspelled = 1u << 3,   // real, and a level recognised by its code has a name that is none
  kLevelCodeDiffers = 1u << 4,  // real, and a recognised level's code is not its name's
  kReal = 1u << 5,              // real (IndicatorFacts::real)
  kQualitative = 1u << 6,       // real, and a filled cell is a grading (提升, 达标)
  kText = 1u << 7,              // real, and a filled cell is text
  kPercentOver = 1u << 8,       // real, and a filled cell is a figure in % above the policy's limit
  kBounded = 1u << 9,           // real, and a filled cell is a figure bounded by ≥ ≤ > <
  kRateless = 1u << 10,         // real, and a filled cell is a non-zero figure in no rate unit
  kUnitless = 1u << 11,         // real, and a filled cell is a non-zero figure without a unit
  kTwoFigures = 1u << 12,       // real, and both targets are figures
  kCost = 1u << 13,             // real, and it is a 成本 indicator
  kWrongParent = 1u << 14,      // real, and its 二级 is not under its 一级
  kAlways = ~0u,
};
}  // namespace trait

struct IndicatorFacts {
  std::string_view
      name_key;  // vocabulary key of the name, brackets removed (into the document or Facts::arena)
  std::string_view key;  // the name's vocabulary key as it is (corpus signatures): same places
  // std::hash of name_key (NameHashes::name_key): names compared within a
  // project (consist.duplicate-indicator) are told apart by it first.
  std::uint64_t name_hash = 0;
  const Target* annual_target = nullptr;  // present and not empty, else nullptr
  const Target* period_target = nullptr;
  const CodedReading* level1_reading = nullptr;  // when the printed 一级 starts with a code
  const CodedReading* level2_reading = nullptr;
  // The name's TextMemo entry (nullptr when the memo had no room): the
  // rules that work something out from the name find it here, not again.
  TextMemo::Entry* name_entry = nullptr;
  Fill name = Fill::Filled;
  Fill period = Fill::Filled;
  Fill annual = Fill::Filled;
  float credit = 0;  // how measurable its target is by kind (score.hpp), before findings
  std::uint32_t traits = 0;  // trait:: bits
  // Every rule asks these of every indicator it is called for: the three
  // fills are ORed and tested for a bit, as only Unfilled has bit 0 and
  // only Withheld bit 1 (below), not compared one by one.
  bool withheld() const { return (fills() & 2) != 0; }
  bool unfilled() const { return (fills() & 1) != 0; }
  // Counts as an indicator the project set: it has a real name and is not withheld.
  bool real() const { return name == Fill::Filled && ((static_cast<unsigned>(period) | static_cast<unsigned>(annual)) & 2) == 0; }
  unsigned fills() const {
    return static_cast<unsigned>(name) | static_cast<unsigned>(period) | static_cast<unsigned>(annual);
  }
};

// name_hashes of an indicator, once per distinct name (kept in its memo
// entry; worked out each time when the memo had no room for the name).
// In-document boilerplate hashes every real indicator's name and the
// corpus signatures test every key for template residue, and a corpus has
// a few hundred distinct names (367 among 118,777 indicators in 30 MB of
// generated summary tables).
NameHashes name_hashes(const IndicatorFacts& fi);

// A fact of an indicator's name, worked out by `work` once per distinct
// name and kept in the name's memo entry (`field`: -1 until asked), or
// worked out each time when the memo had no room for the name. Names recur
// across a corpus, and several rules ask the same of every indicator.
template <typename Work>
bool name_fact(const IndicatorFacts& fi, std::int8_t TextMemo::Entry::*field, Work work) {
  TextMemo::Entry* e = fi.name_entry;
  if (!e) return work();
  if (e->*field < 0) e->*field = work() ? 1 : 0;
  return e->*field != 0;
}

// The 一级 a project's real indicators cover (ProjectFacts::covered), as
// the coverage rules (complete.no-output …) ask.
namespace cover {
enum : std::uint8_t {
  kOutput = 1u << 0,           // level1_of is 产出
  kBenefit = 1u << 1,          // level1_of is 效益
  kSatisfaction = 1u << 2,     // level1_of is 满意度
  kSatisfactionAny = 1u << 3,  // level1_of or its 二级 is 满意度
  kCost = 1u << 4,             // is_cost
};
}  // namespace cover

struct ProjectFacts {
  Fill goal = Fill::Filled;
  bool goal_empty = false;
  // The goal's vocabulary key (a view of the goal, or in Facts::arena when
  // the key differs), made once: the placeholder test, boilerplate in the
  // document and corpus signatures all use it. Goals run to pages.
  std::string_view goal_key;
  std::uint64_t goal_hash = 0;    // key_hash(goal_key)
  std::uint64_t goal_hash_b = 0;  // key_hashes(goal_key).mixed (corpus signatures)
  std::size_t goal_chars = 0;   // characters of goal_key
  bool withheld = false;       // goal or any indicator withheld
  int real_indicators = 0;
  // cover:: bits, gathered with the indicators' facts while each indicator
  // is at hand: the four coverage rules each walked the project's
  // indicators again (a level1_of call apiece) to learn the same.
  std::uint8_t covered = 0;
  // The cells of its real indicators that hold a target, and of those the
  // bare figures (bare_figure), counted with the facts: complete.junk-number
  // walks a project's cells again only when it has a bare figure (few do).
  int target_cells = 0, bare_cells = 0;
  // Its names' hashes summed as the facts are gathered, while each name's
  // memo entry is at hand (name_hashes), not looked up again by the
  // boilerplate rule and the corpus: the real names' name_key hashes, each
  // mixed (in-document boilerplate, order-free), and the shares of the keys
  // corpus signatures keep, with their count.
  std::uint64_t real_names_sum = 0;
  std::size_t corpus_keys = 0;
  KeyShare corpus_keys_sum;
  std::size_t first_indicator = 0;             // its indicators' place in Facts::indicator_pool
  std::span<const IndicatorFacts> indicators;  // into Facts::indicator_pool
};

// One allocation for all projects and one for all indicators: a large
// document has tens of thousands of each. Not copyable (spans point inside).
struct Facts {
  std::vector<ProjectFacts> flat;       // all projects, unit by unit
  std::vector<std::size_t> unit_start;  // index in flat of each unit's first project
  std::vector<IndicatorFacts> indicator_pool;
  std::deque<std::string> arena;   // keys that differ from the printed text (a deque: views stay valid)
  // Printed 一级 and 二级 (each with its own last-hit cache), once the
  // readings kept across documents are full (gather_project).
  LevelReadings levels1, levels2;

  Facts() = default;
  Facts(Facts&&) = default;
  Facts(const Facts&) = delete;
  const ProjectFacts& at(int u, int p) const { return flat[unit_start[u] + p]; }
};

// A text's vocabulary key and its name form (brackets and final punctuation
// removed), as views into the text itself when nothing changes, else into
// the buffers here. Most names and targets need no copy.
struct KeyForms {
  std::string key_buffer, whole_buffer;
  std::string_view key, whole;  // whole is in the text or in whole_buffer
  explicit KeyForms(std::string_view text);
  KeyForms(const KeyForms&) = delete;  // the views may point into the buffers
  KeyForms& operator=(const KeyForms&) = delete;
};

// Classifies a cell from its key forms. Template text is short: a key longer
// than the policy's placeholder-max-chars is content.
Fill classify_fill(const KeyForms& k, const Lexicon& lex);

// Whether vocabulary_key would change a text, and whether it holds a bracket
// that the name form removes; one scan (16 bytes at a time). With
// `need_brackets` false it stops at the first change.
struct KeyScan {
  bool changes = false;
  bool brackets = false;
};
KeyScan key_scan(std::string_view text, bool need_brackets = true);

// The hash two equal keys share (FNV-1a, eight bytes at a time): the goal's
// in the facts, and one of the two a corpus signature is made of.
inline std::uint64_t key_hash(std::string_view s) {
  constexpr std::uint64_t prime = 1099511628211ULL;
  std::uint64_t h = 1469598103934665603ULL;
  std::size_t i = 0;
  for (; i + 8 <= s.size(); i += 8) {
    std::uint64_t w;
    std::memcpy(&w, s.data() + i, 8);
    h = (h ^ w) * prime;
  }
  for (; i < s.size(); ++i) h = (h ^ static_cast<unsigned char>(s[i])) * prime;
  return (h ^ s.size()) * prime;
}

// key_hash and a second hash of an unrelated kind (each word mixed by a
// multiply and a shift, as short_text_hash does), in one pass: a goal's key
// is hashed for boilerplate in its document (the first) and across tables
// (both), goals run to hundreds of bytes, and the two chains of multiplies
// run side by side where two passes ran one after the other.
struct KeyHashes {
  std::uint64_t fnv = 0;    // key_hash
  std::uint64_t mixed = 0;  // the other
};
inline KeyHashes key_hashes(std::string_view s) {
  constexpr std::uint64_t prime = 1099511628211ULL, k = 0x9E3779B97F4A7C15ULL;
  std::uint64_t h = 1469598103934665603ULL, m = s.size() * k + 0x2545F4914F6CDD1DULL;
  std::size_t i = 0;
  for (; i + 8 <= s.size(); i += 8) {
    std::uint64_t w;
    std::memcpy(&w, s.data() + i, 8);
    h = (h ^ w) * prime;
    m = (m ^ w) * k;
    m ^= m >> 29;
  }
  if (i < s.size()) {
    std::uint64_t w = 0;
    std::memcpy(&w, s.data() + i, s.size() - i);
    m = (m ^ w) * k;
    m ^= m >> 29;
  }
  for (; i < s.size(); ++i) h = (h ^ static_cast<unsigned char>(s[i])) * prime;
  m *= 0xBF58476D1CE4E5B9ULL;
  return {(h ^ s.size()) * prime, m ^ (m >> 32)};
}

// Facts are sized for the document first, then filled project by project
// during the engine's one pass, while each project's data is in cache (the
// model is large and checking is bound by memory, not arithmetic).
Facts prepare_facts(const Document& doc);
// The same into `facts`, keeping the room it had (one Facts reused from
// document to document); what it held before is gone.
void prepare_facts(Facts& facts, const Document& doc);
void gather_project(Facts& facts, const Document& doc, int u, int p, const Lexicon& lex);
Facts gather_facts(const Document& doc, const Lexicon& lex);  // prepare + gather every project

// score_projects (score.hpp) on facts already gathered.
DocumentScore score_with_facts(const Document& doc, const std::vector<Finding>& findings,
                               const Policy& policy, const Facts& facts);

// What a rule accumulates over one document (one Context per document).
struct RuleState {
  // complete.junk-number: cells seen, bare figures by value, projects wholly of one figure.
  int junk_cells = 0;
  std::map<Decimal, int> junk_bare;
  struct JunkProject {
    int unit, project, indicators;
    Decimal figure;
  };
  std::vector<JunkProject> junk_projects;
  struct SpellingUse {
    int spelling = 0;  // index into Lexicon::spelling
    int indicators = 0;
    Location first;
  };
  std::vector<SpellingUse> spellings;  // consist.comparator-spelling, first-seen order
  std::vector<int> spelling_slot;      // Lexicon::spelling index → index in spellings, or -1
  bool variant_glyph = false;
};

// A rule as the engine runs it: its place in the rule table, its id and
// the severity the policy gives it.
struct ActiveRule {
  int index = 0;
  std::string_view id;
  Severity severity = Severity::Warning;
};

class Context {
 public:
  // Findings go to `o`, and the rule's index of each to `rule_of` (for ordering).
  Context(const Document& d, const Policy& p, const Lexicon& l, const Facts& f, std::vector<Finding>* o,
          std::vector<int>* rule_of)
      : doc(d), policy(p), lex(l), facts(f), out_(o), rule_of_(rule_of) {}

  const Document& doc;
  const Policy& policy;
  const Lexicon& lex;
  const Facts& facts;
  const ActiveRule* rule = nullptr;  // the rule running (set by the engine)
  RuleState state;

  // A finding of the current rule at `where`, saying form `message` of the
  // message table filled in with `args` (views of the document or of static
  // text; a text made here is copied: MessageArgs::copy).
  Finding& emit(Location where, MessageId message, MessageArgs args = {});

  // Keeps a place, next among the findings so far, for the first finding
  // rule `rule_index` emits at document level (ActiveRule::index; the
  // engine's, for RuleFns::document_summary). A place left unused is
  // reported by take_unused_places().
  void keep_place(int rule_index);
  // The places kept and still empty, in order, forgotten.
  std::vector<std::size_t> take_unused_places();

  // Places; their names are views of the document, `field` static text.
  Location at_document() const;
  Location at_unit(int u) const;
  Location at_project(int u, int p, std::string_view field = {}) const;
  Location at_indicator(int u, int p, int i, std::string_view field = {}) const;

  const ProjectFacts& project_facts(int u, int p) const { return facts.at(u, p); }

 private:
  std::vector<Finding>* out_;
  std::vector<int>* rule_of_;
  struct Place {
    int rule = -1;  // -1 once used
    std::size_t at = 0;
  };
  std::vector<Place> places_;  // keep_place
};

// A rule works at up to three scopes. The engine makes one pass over the
// document: every rule's `before` (facts are not gathered yet), then for each
// project its facts, every rule's `project` and, for each of its indicators,
// every rule's `indicator` that asks for one of the indicator's traits
// (trait::), then every rule's `after` (all facts at hand).
// One pass, not one per rule, keeps checking cheap on large documents.
using DocumentFn = void (*)(Context&);
using ProjectFn = void (*)(Context&, int u, int p, const Project&, const ProjectFacts&);
using IndicatorFn = void (*)(Context&, int u, int p, int i, const Indicator&, const IndicatorFacts&);

struct RuleFns {
  DocumentFn before = nullptr;
  ProjectFn project = nullptr;
  IndicatorFn indicator = nullptr;                // called for every indicator, placeholders included …
  std::uint32_t indicator_when = trait::kAlways;  // … that has one of these traits
  DocumentFn after = nullptr;
  // Its `after` usually reports once for the whole document (a summary of
  // what the pass tallied): the engine keeps that finding a place at the
  // front, where document order puts it, so the findings it follows need
  // not all be moved back one (consist.comparator-spelling reports in
  // nineteen documents of twenty). A hint only: the order is the same
  // either way.
  bool document_summary = false;
};

// ---- text helpers shared by the families ----------------------------------

// vocabulary_key with bracketed remarks and final punctuation removed: the
// form names are matched in ("搬运信息化设备（终端等）数量" → "搬运信息化设备数量").
std::string name_key(std::string_view text);
bool ends_with(std::string_view s, std::string_view suffix);
// A name ending in a cue, unless it ends in a longer (or equal) exemption:
// 数 but not 指数, 率 but not 频率.
bool ends_in_cue(std::string_view key, const WordList& cues, const WordList& exempt);
const Target* target_of(const Indicator& ind, bool annual);  // nullptr when absent
// Present, not Empty and not only white space (inline: asked of both
// targets of every indicator, and most open with a figure or a comparator).
inline bool has_content(const Target* t) {
  return t && t->kind != TargetKind::Empty && !utf8::trim(t->text).empty();
}
// Full-width ASCII forms (＞, ＝) written as ASCII: the same spelling, typeset differently.
std::string fold_width(std::string_view s);
bool key_changes(std::string_view text);  // whether vocabulary_key would change the text
Decimal abs_decimal(const Decimal& d);
// a.compare(b), without the call where the two are written to one scale
// (95% and 100%, 12 and 10): their mantissas compare as the numbers do.
// Targets are compared with limits and with each other for most indicators.
inline int compare_decimals(const Decimal& a, const Decimal& b) {
  if (a.scale() == b.scale()) return a.mantissa() < b.mantissa() ? -1 : a.mantissa() > b.mantissa() ? 1 : 0;
  return a.compare(b);
}
// d × 10^power exactly; nullopt when it would overflow.
std::optional<Decimal> shift_decimal(const Decimal& d, int power);
// The 一级 an indicator counts for: its own, else its 二级's natural parent.
std::optional<Level1> level1_of(const Indicator& ind);
// 成本 in either tree (inline: the facts ask it of every indicator).
inline bool is_cost(const Indicator& ind) {
  if (ind.level1 == Level1::Cost) return true;
  return ind.level2 == Level2::Cost || ind.level2 == Level2::EconomicCost ||
         ind.level2 == Level2::SocialCost || ind.level2 == Level2::EcologicalCost;
}
// A figure that is not zero, and not in one of the policy's rate units (%):
// what measure.rate-without-percent reports on a rate's name.
inline bool figure_without_rate_unit(const Target& t, const Lexicon& lex) {
  if (t.kind != TargetKind::Quantitative || !t.number || t.number->is_zero()) return false;
  for (const auto& unit : lex.rate_unit) {
    if (t.unit == unit) return false;
  }
  return true;
}
// A figure that is not zero and has no unit: what measure.unit-missing reports.
inline bool unitless_figure(const Target& t) {
  return t.kind == TargetKind::Quantitative && t.number && !t.number->is_zero() && t.unit.empty();
}
// A figure with nothing else: no unit and no comparator (its number, else
// nullptr). Printed junk ("88100") looks like this (complete.junk-number).
inline const Decimal* bare_figure(const Target* t) {
  if (!t || t->kind != TargetKind::Quantitative || !t->number || !t->unit.empty() ||
      t->comparator != Comparator::None) {
    return nullptr;
  }
  return &*t->number;
}
// A figure bounded by ≥ ≤ > < (not = or no comparator).
inline bool bounded_figure(const Target& t) {
  return t.kind == TargetKind::Quantitative && t.comparator != Comparator::None &&
         t.comparator != Comparator::Equal;
}
// The trait:: bits of an indicator whose other facts are gathered.
std::uint32_t indicator_traits(const Indicator& ind, const IndicatorFacts& f, const Lexicon& lex);

// ---- the rules, by family (arithmetic.cpp, taxonomy_rules.cpp, …) ---------

RuleFns sum_total_row();
RuleFns sum_units_to_total();
RuleFns sum_unit_row();
RuleFns sum_projects_to_unit();
RuleFns sum_project_row();

RuleFns taxonomy_level_missing();
RuleFns taxonomy_level_unknown();
RuleFns taxonomy_level_misspelled();
RuleFns taxonomy_code_mismatch();
RuleFns taxonomy_wrong_parent();
RuleFns taxonomy_misfiled();

RuleFns complete_junk_number();
RuleFns complete_withheld();
RuleFns complete_no_indicators();
RuleFns complete_empty_goal();
RuleFns complete_placeholder();
RuleFns complete_no_output();
RuleFns complete_no_benefit();
RuleFns complete_no_satisfaction();
RuleFns complete_no_cost();
RuleFns complete_no_target();

RuleFns measure_vague_qualitative();
RuleFns measure_descriptive();
RuleFns measure_percent_over_limit();
RuleFns measure_comparator_direction();
RuleFns measure_rate_without_percent();
RuleFns measure_unit_missing();

RuleFns consist_comparator_spelling();
RuleFns consist_boilerplate_goal();
RuleFns consist_boilerplate_indicators();
RuleFns consist_duplicate_indicator();
RuleFns consist_period_annual();
RuleFns consist_cost_over_budget();

}  // namespace jixiao::check::detail
