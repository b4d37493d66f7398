#include "recognise/indicator_text.hpp"

#include <algorithm>
#include <array>
#include <cstring>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "recognise/vocabulary.hpp"
#include "text/utf8.hpp"

namespace jixiao {
namespace {

// Separators between an indicator's fields: ；;：:，, (space) 、 and, where a
// full stop may end a field, 。. (see separator_length).

bool is_digit(char c) { return c >= '0' && c <= '9'; }

// The separators, compared as bytes: these two run at every
// field of every indicator, and a string comparison per separator and
// position showed in profiles. ASCII separators are one byte; the full-width
// ones are EF BC 9B/9A/8C (；：，) and E3 80 81/82 (、。), so at most one
// separator matches at a position and the order of the tests does not matter.
std::size_t separator_length(std::string_view s, std::size_t pos, bool allow_stop) {
  const char c = s[pos];
  if (c == ';' || c == ':' || c == ',' || c == ' ' || (allow_stop && c == '.')) return 1;
  if (pos + 3 > s.size()) return 0;
  const auto b1 = static_cast<unsigned char>(s[pos + 1]), b2 = static_cast<unsigned char>(s[pos + 2]);
  if (static_cast<unsigned char>(c) == 0xEF && b1 == 0xBC && (b2 == 0x9B || b2 == 0x9A || b2 == 0x8C)) return 3;
  if (static_cast<unsigned char>(c) == 0xE3 && b1 == 0x80 && (b2 == 0x81 || (allow_stop && b2 == 0x82))) return 3;
  return 0;
}

std::size_t skip_separators(std::string_view s, std::size_t pos, bool allow_stop = false) {
  while (pos < s.size()) {
    const std::size_t len = separator_length(s, pos, allow_stop);
    if (len == 0) break;
    pos += len;
  }
  return pos;
}

// Strips ；;，, 、：: and (with strip_full_stop) 。 from the end, as bytes
// (see separator_length; "." is not stripped).
std::string_view strip_trailing(std::string_view s, bool strip_full_stop) {
  while (!s.empty()) {
    const char c = s.back();
    if (c == ';' || c == ',' || c == ' ' || c == ':') {
      s.remove_suffix(1);
      continue;
    }
    if (s.size() < 3) break;
    const auto* e = reinterpret_cast<const unsigned char*>(s.data() + s.size() - 3);
    if ((e[0] == 0xEF && e[1] == 0xBC && (e[2] == 0x9B || e[2] == 0x8C || e[2] == 0x9A)) ||
        (e[0] == 0xE3 && e[1] == 0x80 && (e[2] == 0x81 || (strip_full_stop && e[2] == 0x82)))) {
      s.remove_suffix(3);
      continue;
    }
    break;
  }
  return s;
}

// Whether a byte can start what marker_end accepts after a number: a
// space, a stray bracket or bar, . , ) or the lead byte of 、，） (E3, EF).
// Most numbers in indicator text are figures followed by a unit, a CJK
// character or %, and are done with here.
bool may_start_mark(char c) {
  switch (static_cast<unsigned char>(c)) {
    case ' ': case ']': case '|': case '}': case ')': case '.': case ',': case 0xE3: case 0xEF:
      return true;
    default:
      return false;
  }
}

// Where the mark after a number ends, the number's digits ending at `d`:
// spaces, then 、 . ， , ) ）, or npos when none follows.
std::size_t marker_end(std::string_view s, std::size_t d) {
  if (d >= s.size() || !may_start_mark(s[d])) return std::string_view::npos;
  while (d < s.size() && s[d] == ' ') ++d;
  // OCR reads the stroke ending a digit, or the rule beside it, as a stray
  // bracket or bar before the mark ("1]、"); one is skipped when a mark follows.
  if (d + 1 < s.size() && (s[d] == ']' || s[d] == '|' || s[d] == '}' || s[d] == ')')) {
    std::size_t e = d + 1;
    while (e < s.size() && s[e] == ' ') ++e;
    if (s.substr(e, 3) == "、" || s.substr(e, 3) == "，" || (e < s.size() && (s[e] == '.' || s[e] == ','))) d = e;
  }
  // The marks 、 . ， , ) ）: ASCII, or E3 80 81 and EF BC 8C/89, as bytes.
  if (d >= s.size()) return std::string_view::npos;
  if (s[d] == '.' || s[d] == ',' || s[d] == ')') return d + 1;
  if (d + 3 > s.size()) return std::string_view::npos;
  const auto b0 = static_cast<unsigned char>(s[d]), b1 = static_cast<unsigned char>(s[d + 1]),
             b2 = static_cast<unsigned char>(s[d + 2]);
  if ((b0 == 0xE3 && b1 == 0x80 && b2 == 0x81) || (b0 == 0xEF && b1 == 0xBC && (b2 == 0x8C || b2 == 0x89)))
    return d + 3;
  return std::string_view::npos;
}

// Length of the "N、" / "N." number marker at pos (at most three digits), 0
// when none.
std::size_t number_marker(std::string_view s, std::size_t pos) {
  std::size_t d = pos;
  while (d < s.size() && is_digit(s[d]) && d - pos < 3) ++d;
  if (d == pos) return 0;
  const std::size_t end = marker_end(s, d);
  return end == std::string_view::npos ? 0 : end - pos;
}

// The first ASCII digit at or after `from`, or s.size(). Indicator text is
// mostly Chinese with a digit every few characters: sixteen bytes are
// tested at a time where SSE2 is there.
std::size_t find_digit(std::string_view s, std::size_t from) {
  std::size_t i = from;
#if defined(__SSE2__)
  // As signed bytes, '0'..'9' is the only range above '/' and below ':'
  // (bytes from 0x80 are negative).
  const __m128i below = _mm_set1_epi8('0' - 1), above = _mm_set1_epi8('9' + 1);
  for (; i + 16 <= s.size(); i += 16) {
    const __m128i b = _mm_loadu_si128(reinterpret_cast<const __m128i*>(s.data() + i));
    const __m128i digits = _mm_and_si128(_mm_cmpgt_epi8(b, below), _mm_cmplt_epi8(b, above));
    const auto mask = static_cast<unsigned>(_mm_movemask_epi8(digits));
    if (mask != 0) return i + static_cast<std::size_t>(__builtin_ctz(mask));
  }
#endif
  while (i < s.size() && !is_digit(s[i])) ++i;
  return i;
}

// What reading an indicator's start found, as offsets in the text read:
// where its number marker begins and ends, and where its 一级 begins and
// how long it is (level1_len 0: no 一级 there, a 二级 stands alone).
struct IndicatorStart {
  std::size_t begin = 0;
  std::size_t marker_end = 0;
  std::size_t level1_at = 0;
  std::size_t level1_len = 0;
};

// Whether an indicator's level names follow at pos: a 一级 (the 二级 after
// it may be missing — that is reported, not a reason to lose the indicator),
// or, with `level2_alone`, just a 二级. `start`, when given, receives where
// the 一级 was read (parse_one takes it from there instead of reading it again).
bool levels_follow(std::string_view s, std::size_t pos, bool level2_alone, IndicatorStart* start = nullptr) {
  std::size_t p = pos;
  while (p < s.size() && s[p] == ' ') ++p;
  std::size_t used = 0;
  if (starts_with_level1(s.substr(p), &used)) {
    if (start) {
      start->level1_at = p;
      start->level1_len = used;
    }
    return true;
  }
  if (start) {
    start->level1_at = p;
    start->level1_len = 0;
  }
  return level2_alone && starts_with_level2(s.substr(p), &used);
}

// The next indicator start at or after `from`, or npos: a number marker
// whose digits do not continue a longer number, followed by the level names.
// *start receives what was read there. Digits glued to a value before them
// ("年度指标值:122、1-产出…") count, so the marker can be a run's tail: of a
// run of digits only its last three positions can start a marker, all of
// them the same mark (the one after the run), and the same level names
// follow, so each run is tested once, from its first such position.
std::size_t next_indicator_start(std::string_view s, std::size_t from, IndicatorStart* start) {
  for (std::size_t i = find_digit(s, from); i < s.size(); i = find_digit(s, i)) {
    std::size_t run_end = i;
    while (run_end < s.size() && is_digit(s[run_end])) ++run_end;
    const std::size_t mark = marker_end(s, run_end);
    if (mark != std::string_view::npos && levels_follow(s, mark, true, start)) {
      start->marker_end = mark;
      start->begin = std::max(i, run_end - std::min<std::size_t>(run_end, 3));
      return start->begin;
    }
    i = run_end;
  }
  return std::string_view::npos;
}

// Finds every indicator start.
std::vector<IndicatorStart> indicator_starts(std::string_view s) {
  std::vector<IndicatorStart> starts;
  IndicatorStart start;
  for (std::size_t at = next_indicator_start(s, 0, &start); at != std::string_view::npos;
       at = next_indicator_start(s, start.marker_end, &start)) {
    starts.push_back(start);
  }
  return starts;
}

// Finds `word` in `s` from `from`, allowing spaces between its characters
// (OCR and some exports split "实施周期指标 值"); *len receives the matched
// length including those spaces.
std::size_t find_spaced(std::string_view s, std::string_view word, std::size_t from, std::size_t* len) {
  std::size_t first_len = 0;
  utf8::decode(word, 0, &first_len);
  std::string_view first = word.substr(0, first_len);
  for (std::size_t p = utf8::find(s, first, from); p != std::string_view::npos;
       p = utf8::find(s, first, p + 1)) {
    std::size_t i = p, w = 0;
    while (w < word.size() && i < s.size()) {
      if (s[i] == ' ' && w > 0) {
        ++i;
        continue;
      }
      if (s[i] != word[w]) break;
      ++i;
      ++w;
    }
    if (w == word.size()) {
      *len = i - p;
      return p;
    }
  }
  return std::string_view::npos;
}

// The spellings of one keyword (实施周期指标值, 实施期目标值 …), searched as a
// set: each spelling's last character is looked for once, and the spellings
// ending in it are matched backwards from there. Searching every spelling
// forwards from its first character scanned each value many times over.
class KeywordSet {
 public:
  explicit KeywordSet(const std::vector<std::string>& spellings) : spellings_(spellings) {
    for (const std::string& w : spellings_) {
      if (w.empty()) continue;
      std::size_t at = w.size() - 1;
      while (at > 0 && (static_cast<unsigned char>(w[at]) & 0xC0) == 0x80) --at;
      std::string last = w.substr(at);
      // Matching backwards from the first ending found is right only when
      // the last character occurs nowhere else in the spelling.
      if (w.find(last) != at) backwards_ = false;
      if (w.find(' ') != std::string::npos) spaceless_ = false;
      auto group = std::find_if(endings_.begin(), endings_.end(), [&](const Ending& e) { return e.last == last; });
      if (group == endings_.end()) group = endings_.insert(endings_.end(), Ending{last, {}});
      group->spellings.push_back(w);
    }
    // Longest first (as the vocabulary lists them; sorted again here so that
    // find does not rest on it): of the spellings ending at one place, the
    // longest that matches starts earliest (a shorter one that matches there
    // is its tail), so the first match is the one wanted.
    for (Ending& group : endings_) {
      std::stable_sort(group.spellings.begin(), group.spellings.end(),
                       [](const std::string& a, const std::string& b) { return a.size() > b.size(); });
    }
  }

  // Earliest start at or after `from` of any spelling, allowing spaces
  // between its characters (OCR and some exports split "实施周期指标 值");
  // *len receives the matched length including those spaces.
  std::size_t find(std::string_view s, std::size_t from, std::size_t* len) const {
    std::size_t best = std::string_view::npos;
    if (!backwards_) {
      for (const std::string& w : spellings_) {
        std::size_t l = 0;
        const std::size_t p = find_spaced(s, w, from, &l);
        if (p != std::string_view::npos && (best == std::string_view::npos || p < best)) {
          best = p;
          *len = l;
        }
      }
      return best;
    }
    // Without a space after `from` a spelling can only be there byte for
    // byte: one comparison per spelling instead of the byte walk that allows
    // spaces (the spellings hold none).
    const bool spaced = !spaceless_ || std::memchr(s.data() + from, ' ', s.size() - from) != nullptr;
    for (const Ending& group : endings_) {
      // A match holds its last character only at its end, so a match ending
      // at a later copy of that character starts after an earlier copy: the
      // first ending with a match gives this character's earliest start.
      for (std::size_t q = utf8::find(s, group.last, from); q != std::string_view::npos;
           q = utf8::find(s, group.last, q + 1)) {
        const std::size_t end = q + group.last.size();
        bool matched = false;
        for (const std::string& w : group.spellings) {
          std::size_t start = 0;
          if (spaced) {
            if (!match_backwards(s, end, w, from, &start)) continue;
          } else {
            // The first byte inline: spellings sharing the ending (…指标值)
            // mostly differ from the text there.
            if (end - from < w.size() || s[end - w.size()] != w[0] ||
                std::memcmp(s.data() + end - w.size(), w.data(), w.size()) != 0)
              continue;
            start = end - w.size();
          }
          matched = true;
          if (best == std::string_view::npos || start < best) {
            best = start;
            *len = end - start;
          }
          break;
        }
        if (matched) break;
      }
    }
    return best;
  }

 private:
  // Whether `word` ends at `end` in `s` (spaces allowed between its bytes,
  // none before its first), starting at or after `from`.
  static bool match_backwards(std::string_view s, std::size_t end, std::string_view word, std::size_t from,
                              std::size_t* start) {
    std::size_t i = end, w = word.size();
    while (w > 0 && i > from) {
      if (s[i - 1] == ' ' && w < word.size()) {
        --i;
        continue;
      }
      if (s[i - 1] != word[w - 1]) return false;
      --i;
      --w;
    }
    if (w != 0) return false;
    *start = i;
    return true;
  }

  // The spellings grouped by their last character, in the order of first
  // appearance (as searched before they were grouped).
  struct Ending {
    std::string last;
    std::vector<std::string> spellings;
  };
  std::vector<Ending> endings_;
  std::vector<std::string> spellings_;
  bool backwards_ = true;
  bool spaceless_ = true;  // no spelling holds a space
};

// OCR puts a stray bracket or bar next to a separator ("效益指标;)22-社会效益"):
// skipped when the separators around it are.
std::size_t skip_stray_marks(std::string_view s, std::size_t pos) {
  while (pos < s.size() && (s[pos] == ')' || s[pos] == ']' || s[pos] == '|' || s[pos] == '}')) pos = skip_separators(s, pos + 1);
  return pos;
}

std::size_t skip_colon(std::string_view s, std::size_t pos) {
  while (pos < s.size() && s[pos] == ' ') ++pos;
  if (s.substr(pos, 3) == "：") return pos + 3;
  if (pos < s.size() && s[pos] == ':') return pos + 1;
  return pos;
}

// Reads one indicator's text into `ind` (a fresh one, built in its place in
// the caller's list: moving each indicator there cost more than reading it).
// `start` is what finding the indicator read, its offsets relative to `seg`:
// the marker and the 一级 are taken from there, not read a second time.
void parse_one(std::string_view seg, std::size_t base, const IndicatorStart& start,
               std::vector<InlineIndicatorProblem>* problems, Indicator& ind) {
  auto problem = [&](std::size_t at, std::string msg) {
    if (problems) problems->push_back({base + at, std::move(msg)});
  };
  std::size_t p = start.level1_at;
  std::size_t used = start.level1_len;
  // A 一级 read past the segment (the next start inside it, as only a
  // contrived text has) is read again within it.
  if (p + used > seg.size()) used = starts_with_level1(seg.substr(p), &used) ? used : 0;
  if (used != 0) {
    ind.level1_printed = std::string(utf8::trim(seg.substr(p, used)));
    ind.level1 = resolve_level1(ind.level1_printed);
    p = skip_stray_marks(seg, skip_separators(seg, p + used));
  }
  if (starts_with_level2(seg.substr(p), &used)) {
    ind.level2_printed = std::string(utf8::trim(seg.substr(p, used)));
    ind.level2 = resolve_level2(ind.level2_printed);
    p = skip_stray_marks(seg, skip_separators(seg, p + used));
  }
  std::string_view rest = seg.substr(p);
  std::size_t period_len = 0, annual_len = 0;
  // Looked up once: a map lookup per indicator showed in profiles.
  static const KeywordSet period_words(spellings("kw.period"));
  static const KeywordSet annual_words(spellings("kw.annual"));
  std::size_t kp = period_words.find(rest, 0, &period_len);
  std::size_t ka = annual_words.find(rest, kp == std::string_view::npos ? 0 : kp + period_len, &annual_len);
  std::size_t name_end = std::min(kp, ka);
  if (name_end == std::string_view::npos) {
    name_end = rest.size();
    problem(p, "expected 实施周期指标值 or 年度指标值 after the indicator name");
  }
  ind.name = std::string(strip_trailing(utf8::trim(rest.substr(0, name_end)), true));
  if (ind.name.empty()) problem(p, "indicator has no name (三级指标)");
  std::string_view period_value;
  if (kp != std::string_view::npos) {
    std::size_t v = skip_colon(rest, kp + period_len);
    std::size_t end = ka == std::string_view::npos ? rest.size() : ka;
    // The last field ends the indicator, so its full stop is punctuation,
    // not part of the value; a value before 年度指标值 keeps its own 。.
    period_value = strip_trailing(utf8::trim(rest.substr(v, end - v)), ka == std::string_view::npos);
    if (!period_value.empty()) ind.period_target = parse_target(period_value);
  }
  if (ka != std::string_view::npos) {
    std::size_t v = skip_colon(rest, ka + annual_len);
    std::string_view value = strip_trailing(utf8::trim(rest.substr(v)), true);
    // Most indicators print the same value for the period and the year
    // (≥95% twice), and a reading depends on the text alone: the period's
    // reading is the year's then, without looking it up again.
    if (!value.empty()) ind.annual_target = value == period_value ? ind.period_target : parse_target(value);
  }
  if (!ind.level1) problem(0, "expected a 一级指标 name such as 1-产出指标");
  if (!ind.level2) problem(0, "expected a 二级指标 name such as 11-数量指标");
  if (!ind.period_target && !ind.annual_target) problem(p, "indicator has no target value");
}

}  // namespace

bool begins_inline_indicator(std::string_view text) {
  std::size_t marker = text.empty() || !is_digit(text[0]) ? 0 : number_marker(text, 0);
  return marker != 0 && levels_follow(text, marker, true);
}

std::size_t find_inline_indicator_start(std::string_view text) {
  IndicatorStart start;
  return next_indicator_start(text, 0, &start);
}

std::vector<Indicator> parse_inline_indicators(std::string_view text,
                                               std::vector<InlineIndicatorProblem>* problems,
                                               std::vector<std::size_t>* offsets) {
  std::vector<Indicator> out;
  std::vector<IndicatorStart> starts = indicator_starts(text);
  out.reserve(starts.size());
  for (std::size_t k = 0; k < starts.size(); ++k) {
    IndicatorStart start = starts[k];
    const std::size_t begin = start.begin;
    const std::size_t end = k + 1 < starts.size() ? starts[k + 1].begin : text.size();
    start.marker_end -= begin;
    start.level1_at -= begin;
    parse_one(text.substr(begin, end - begin), begin, start, problems, out.emplace_back());
    if (offsets) offsets->push_back(begin);
  }
  return out;
}

}  // namespace jixiao
