// Reading a printed 指标值 into a Target.
//
// The reading is deliberately conservative: a value is Quantitative only when
// it is one clean figure (comparator, number, short unit, comparator suffix)
// optionally followed by a separated remark; Qualitative only when the part
// before any remark is wholly known grading vocabulary. Everything else is
// Text, because a wrong structure is worse than an honest "could not read".
//
// Invariants the rest of the program may rely on:
//   - text is valid UTF-8 (invalid bytes become U+FFFD, so the JSON writer
//     never meets them), trimmed, and otherwise as printed;
//   - number is present exactly when kind is Quantitative; comparator and
//     unit are set only then. A comparator without a figure ("≥", "≤**%")
//     is therefore Text: it is an unfilled template, not a target;
//   - qualitative is non-empty exactly when kind is Qualitative.
#include "model/target.hpp"

#include <array>
#include <cstddef>
#include <cstdint>
#include <span>
#include <utility>

#include "text/flat_memo.hpp"
#include "text/utf8.hpp"

namespace jixiao {
namespace {

// ---------------------------------------------------------------------------
// Vocabulary. Extending the reader is a one-line change in these tables.

struct ComparatorSpelling {
  std::string_view spelling;
  Comparator comparator;
};

// clang-format off
// Forms printed before the figure. ≮ (not less than) and ≯ (not greater
// than) appear in older Guangdong templates.
constexpr ComparatorSpelling kLeadingComparators[] = {
    {"≥", Comparator::GreaterEqual}, {"≧", Comparator::GreaterEqual}, {"⩾", Comparator::GreaterEqual},
    {"≮", Comparator::GreaterEqual}, {">=", Comparator::GreaterEqual}, {"＞＝", Comparator::GreaterEqual},
    {"大于等于", Comparator::GreaterEqual}, {"大于或等于", Comparator::GreaterEqual},
    {"不低于", Comparator::GreaterEqual}, {"不少于", Comparator::GreaterEqual},
    {"不小于", Comparator::GreaterEqual}, {"至少", Comparator::GreaterEqual},

    {"≤", Comparator::LessEqual}, {"≦", Comparator::LessEqual}, {"⩽", Comparator::LessEqual},
    {"≯", Comparator::LessEqual}, {"<=", Comparator::LessEqual}, {"＜＝", Comparator::LessEqual},
    {"小于等于", Comparator::LessEqual}, {"小于或等于", Comparator::LessEqual},
    {"不高于", Comparator::LessEqual}, {"不超过", Comparator::LessEqual}, {"不多于", Comparator::LessEqual},
    {"不大于", Comparator::LessEqual}, {"至多", Comparator::LessEqual}, {"最多", Comparator::LessEqual},

    {">", Comparator::Greater}, {"＞", Comparator::Greater}, {"大于", Comparator::Greater},
    {"超过", Comparator::Greater}, {"高于", Comparator::Greater}, {"多于", Comparator::Greater},

    {"<", Comparator::Less}, {"＜", Comparator::Less}, {"小于", Comparator::Less},
    {"低于", Comparator::Less}, {"少于", Comparator::Less},

    {"=", Comparator::Equal}, {"＝", Comparator::Equal}, {"等于", Comparator::Equal},
};

// Forms printed after the figure or its unit: "90%以上", "2小时内".
constexpr ComparatorSpelling kTrailingComparators[] = {
    {"或以上", Comparator::GreaterEqual}, {"及以上", Comparator::GreaterEqual}, {"以上", Comparator::GreaterEqual},
    {"或以下", Comparator::LessEqual}, {"及以下", Comparator::LessEqual}, {"以下", Comparator::LessEqual},
    {"以内", Comparator::LessEqual}, {"之内", Comparator::LessEqual}, {"内", Comparator::LessEqual},
};

// Words that grade an outcome. A qualitative value must contain at least one.
constexpr std::string_view kGradeWords[] = {
    "及时", "准时", "按时", "达标", "达到", "达成", "实现", "完成", "完好", "落实", "到位",
    "提升", "提高", "增强", "加强", "增加", "增长", "扩大", "改善", "改进", "优化", "完善", "健全",
    "降低", "下降", "减少", "缩短", "维持", "保持", "保障", "稳定", "平稳", "持续", "长期",
    "安全", "通过", "合格", "符合", "满足", "有效", "高效", "明显", "显著", "满意",
    "良好", "优秀", "优良", "优", "良", "好", "较好", "高", "较高",
    "正常", "准确", "完整", "规范", "合规", "合法", "有序", "畅通", "顺畅", "便捷", "充足",
    "无事故", "零事故", "无差错", "零差错", "无投诉", "是", "否",
};

// Words that only qualify a grade word: degree adverbs (有所提升, 显著提高),
// comparisons (与去年同比提升), the thing graded (效果明显, 验收合格), the
// yardstick (达成预期指标, 符合要求) and connectors (及时、准确).
constexpr std::string_view kGradeQualifiers[] = {
    "有所", "逐步", "稳步", "不断", "进一步", "大幅", "大幅度", "大大", "较大", "较大幅度",
    "基本", "全面", "切实", "逐年", "得到", "得以", "均", "全部", "总体", "整体",
    "更加", "更", "较", "很", "非常", "十分",
    "同比", "与去年同比", "与上年同比", "较去年", "较上年", "比去年", "比上年",
    "效果", "成效", "验收", "质量", "运行", "服务", "管理", "水平", "效率", "能力", "程度", "作用",
    "预期", "指标", "目标", "要求", "标准", "规定", "任务",
    "的", "了", "和", "与", "且", "并", "、",
};
// clang-format on

// Verbs that may follow a trailing comparator without changing the reading:
// "3个工作日内完成" is ≤ 3 个工作日.
constexpr std::string_view kCompletionWords[] = {"完成", "办结", "处理", "响应"};

// Spans of time printed without a leading date: "年底前完成".
constexpr std::string_view kPeriodWords[] = {
    "年底前", "年底", "年末", "年内", "年度内", "本年度", "本年内", "当年内", "上半年", "下半年",
};

// What may follow "N月" for it to be a month rather than a count of months.
constexpr std::string_view kMonthSuffixes[] = {
    "底", "末", "初", "前", "份", "中旬", "上旬", "下旬", "之前", "以前",
};

// Units are short; a longer run of characters after a figure is prose
// ("100%如未发生…"), and reading it as a unit would be wrong.
constexpr int kMaxUnitSegment = 4;
// A qualitative value is a word or phrase, never a paragraph.
constexpr std::size_t kMaxQualitativeBytes = 96;

// ---------------------------------------------------------------------------
// UTF-8.

constexpr char32_t kReplacement = 0xFFFD;
constexpr std::string_view kReplacementUtf8 = "\xEF\xBF\xBD";

struct Decoded {
  char32_t code_point = 0;
  std::size_t length = 0;
  bool valid = false;
};

// Strict: overlong forms, surrogates and values past U+10FFFF are invalid.
// An invalid byte is consumed alone so the next lead byte resynchronises.
Decoded decode(std::string_view s, std::size_t pos) {
  const auto byte = [&](std::size_t i) { return static_cast<unsigned char>(s[i]); };
  const unsigned char lead = byte(pos);
  if (lead < 0x80) return {lead, 1, true};
  std::size_t length = 0;
  char32_t code_point = 0;
  char32_t smallest = 0;
  if ((lead & 0xE0) == 0xC0) {
    length = 2, code_point = lead & 0x1F, smallest = 0x80;
  } else if ((lead & 0xF0) == 0xE0) {
    length = 3, code_point = lead & 0x0F, smallest = 0x800;
  } else if ((lead & 0xF8) == 0xF0) {
    length = 4, code_point = lead & 0x07, smallest = 0x10000;
  } else {
    return {kReplacement, 1, false};
  }
  if (length > s.size() - pos) return {kReplacement, 1, false};
  for (std::size_t i = 1; i < length; ++i) {
    const unsigned char next = byte(pos + i);
    if ((next & 0xC0) != 0x80) return {kReplacement, 1, false};
    code_point = (code_point << 6) | (next & 0x3F);
  }
  if (code_point < smallest || code_point > 0x10FFFF || (code_point >= 0xD800 && code_point <= 0xDFFF)) {
    return {kReplacement, 1, false};
  }
  return {code_point, length, true};
}

bool is_space(char32_t c) {
  return c == ' ' || (c >= '\t' && c <= '\r') || c == 0xA0 || c == 0x3000 || c == 0xFEFF ||
         (c >= 0x2000 && c <= 0x200B);
}

// Full-width ASCII (０-９ ． ％ ＞ …) and the typographic minus read as
// ASCII. Only used for recognising; stored text keeps what was printed.
char32_t fold(char32_t c) {
  if (c >= 0xFF01 && c <= 0xFF5E) return c - 0xFEE0;
  if (c == 0x2212) return '-';
  return c;
}

bool is_digit(char32_t folded) { return folded >= '0' && folded <= '9'; }

bool is_unit_char(char32_t folded) {
  return (folded >= 0x4E00 && folded <= 0x9FFF) ||  // CJK ideographs: 件, 平方米
         (folded >= 0x3400 && folded <= 0x4DBF) ||  // extension A
         (folded >= 'A' && folded <= 'Z') || (folded >= 'a' && folded <= 'z') ||
         (folded >= 0x3380 && folded <= 0x33FF) ||  // squared units: ㎡ ㎏ ㎞
         folded == 0xB2 || folded == 0xB3 ||        // m² m³
         folded == 0xB0 || folded == 0x2103;        // ° ℃
}

// Where a value's clean head ends and a remark begins:
// "100%，如未发生…", "≥1200件（以实际为准）".
bool is_tail_separator(char32_t folded) {
  return folded == ',' || folded == ';' || folded == '(' || folded == 0x3002;  // 。
}

bool is_range_separator(char32_t folded) {
  return folded == '-' || folded == '~' || folded == 0x2013 || folded == 0x2014 || folded == 0x301C ||
         folded == U'至' || folded == U'到';
}

// Replaces invalid sequences and trims white space at both ends.
std::string sanitise(std::string_view printed) {
  if (utf8::valid(printed)) {
    // Nearly every value: checked in blocks, then only the characters at
    // either end are decoded (they are whole characters, the text being
    // valid), not every character of it.
    std::size_t begin = 0;
    while (begin < printed.size()) {
      const Decoded d = decode(printed, begin);
      if (!is_space(d.code_point)) break;
      begin += d.length;
    }
    std::size_t end = printed.size();
    while (end > begin) {
      std::size_t start = end - 1;
      while (start > begin && (static_cast<unsigned char>(printed[start]) & 0xC0) == 0x80) --start;
      if (!is_space(decode(printed, start).code_point)) break;
      end = start;
    }
    return std::string(printed.substr(begin, end - begin));
  }
  std::size_t begin = printed.size();
  std::size_t end = 0;
  bool all_valid = true;
  for (std::size_t pos = 0; pos < printed.size();) {
    const Decoded d = decode(printed, pos);
    all_valid = all_valid && d.valid;
    if (!is_space(d.code_point)) {
      if (begin == printed.size()) begin = pos;
      end = pos + d.length;
    }
    pos += d.length;
  }
  if (begin >= end) return {};
  const std::string_view kept = printed.substr(begin, end - begin);
  if (all_valid) return std::string(kept);
  std::string out;
  out.reserve(kept.size() + 8);
  for (std::size_t pos = 0; pos < kept.size();) {
    const Decoded d = decode(kept, pos);
    if (d.valid) {
      out.append(kept.substr(pos, d.length));
    } else {
      out.append(kReplacementUtf8);
    }
    pos += d.length;
  }
  return out;
}

// A read position in sanitised text. Copies are cheap, which is how the
// readers below look ahead without committing.
class Cursor {
 public:
  explicit Cursor(std::string_view text) : text_(text) {}

  bool at_end() const { return pos_ >= text_.size(); }
  std::size_t position() const { return pos_; }
  void reset(std::size_t pos) { pos_ = pos; }
  std::string_view rest() const { return text_.substr(pos_); }
  std::string_view slice(std::size_t from, std::size_t to) const { return text_.substr(from, to - from); }

  // ASCII (the figures, %, separators) is its own code point and one byte
  // long: told without the call that decodes longer characters.
  char32_t raw() const {
    if (at_end()) return 0;
    const auto b = static_cast<unsigned char>(text_[pos_]);
    return b < 0x80 ? b : decode(text_, pos_).code_point;
  }
  char32_t folded() const { return fold(raw()); }
  char32_t folded_after_this() const {
    Cursor next = *this;
    next.advance();
    return next.folded();
  }

  void advance() {
    if (at_end()) return;
    pos_ += static_cast<unsigned char>(text_[pos_]) < 0x80 ? 1 : decode(text_, pos_).length;
  }
  bool starts_with(std::string_view literal) const { return rest().starts_with(literal); }
  bool consume(std::string_view literal) {
    if (!starts_with(literal)) return false;
    pos_ += literal.size();
    return true;
  }
  void skip_spaces() {
    while (!at_end() && is_space(raw())) advance();
  }

 private:
  std::string_view text_;
  std::size_t pos_ = 0;
};

// A list of comparator spellings with the first two bytes they can start
// with, hashed to one of 256 buckets: most places a comparator is looked for
// (a digit, each character of a unit) start none, and one look-up rejects
// them before any spelling is compared. The first byte alone let through
// nearly every Chinese character (the 或以上 and 以内 of the trailing forms
// share their lead bytes with most of them), and each then compared every
// spelling; now only the spellings of its bucket are compared.
struct ComparatorTable {
  std::span<const ComparatorSpelling> spellings;
  std::array<std::uint64_t, 256> starting{};  // bit k: spellings[k] may start a text hashed here
};

// Distinct second bytes after one first byte go to distinct buckets.
constexpr std::size_t lead_bucket(unsigned char first, unsigned char second) {
  return (first ^ (second * 0x9Du)) & 0xFFu;
}

template <std::size_t N>
constexpr ComparatorTable comparator_table(const ComparatorSpelling (&spellings)[N]) {
  static_assert(N <= 64, "one bit a spelling");
  ComparatorTable table{spellings};
  for (std::size_t k = 0; k < N; ++k) {
    const std::string_view w = spellings[k].spelling;
    const auto first = static_cast<unsigned char>(w[0]);
    if (w.size() >= 2) {
      table.starting[lead_bucket(first, static_cast<unsigned char>(w[1]))] |= std::uint64_t{1} << k;
    } else {
      // One byte long: whatever follows it (0 stands for the text's end).
      for (unsigned second = 0; second < 256; ++second)
        table.starting[lead_bucket(first, static_cast<unsigned char>(second))] |= std::uint64_t{1} << k;
    }
  }
  return table;
}

constexpr ComparatorTable kLeading = comparator_table(kLeadingComparators);
constexpr ComparatorTable kTrailing = comparator_table(kTrailingComparators);

// Longest spelling wins so that 大于等于 is not read as 大于 then 等于; of
// equally long ones, the first listed.
const ComparatorSpelling* match_comparator(const ComparatorTable& table, std::string_view rest) {
  if (rest.empty()) return nullptr;
  const auto second = rest.size() > 1 ? static_cast<unsigned char>(rest[1]) : 0;
  std::uint64_t may = table.starting[lead_bucket(static_cast<unsigned char>(rest[0]), second)];
  const ComparatorSpelling* best = nullptr;
  for (; may != 0; may &= may - 1) {
    const ComparatorSpelling& s = table.spellings[static_cast<std::size_t>(__builtin_ctzll(may))];
    if (rest.starts_with(s.spelling) && (!best || s.spelling.size() > best->spelling.size())) best = &s;
  }
  return best;
}

// The rest is nothing, or a remark set off by a separator. A separator
// followed by another figure or comparator is a list or a range ("90%,95%",
// "≥90%，≤95%"), which no single Target can hold.
bool at_clean_end(Cursor c) {
  c.skip_spaces();
  if (c.at_end()) return true;
  if (!is_tail_separator(c.folded())) return false;
  c.advance();
  c.skip_spaces();
  return !is_digit(c.folded()) && !match_comparator(kLeading, c.rest());
}

void consume_completion_word(Cursor& c) {
  for (std::string_view w : kCompletionWords) {
    if (c.consume(w)) return;
  }
}

// ---------------------------------------------------------------------------
// Quantitative values.

// Exactly three digits and then no digit: a thousands group after a comma.
bool thousands_group_follows_comma(Cursor c) {
  c.advance();  // the comma
  for (int i = 0; i < 3; ++i, c.advance()) {
    if (!is_digit(c.folded())) return false;
  }
  return !is_digit(c.folded());
}

std::optional<Decimal> read_number(Cursor& c) {
  const std::size_t start = c.position();
  std::string ascii;  // short enough for the small-string buffer in practice
  const char32_t first = c.folded();
  if ((first == '-' || first == '+') && is_digit(c.folded_after_this())) {
    ascii.push_back(static_cast<char>(first));
    c.advance();
  }
  if (!is_digit(c.folded())) {
    c.reset(start);
    return std::nullopt;
  }
  int digits_in_group = 0;
  for (;;) {
    const char32_t f = c.folded();
    if (is_digit(f)) {
      ascii.push_back(static_cast<char>(f));
      ++digits_in_group;
      c.advance();
    } else if (c.raw() == ',' && digits_in_group <= 3 && thousands_group_follows_comma(c)) {
      // Only the ASCII comma: a full-width one separates clauses in prose.
      c.advance();
      digits_in_group = 0;
    } else {
      break;
    }
  }
  if (c.folded() == '.' && is_digit(c.folded_after_this())) {
    ascii.push_back('.');
    c.advance();
    while (is_digit(c.folded())) {
      ascii.push_back(static_cast<char>(c.folded()));
      c.advance();
    }
  }
  std::optional<Decimal> number = Decimal::parse(ascii);
  if (!number) c.reset(start);
  return number;
}

// A parenthesised qualifier that is part of the unit: 件（套）, 人（次）.
void consume_unit_qualifier(Cursor& c) {
  if (c.folded() != '(') return;
  Cursor inside = c;
  inside.advance();
  int length = 0;
  while (is_unit_char(inside.folded()) && length <= kMaxUnitSegment) {
    inside.advance();
    ++length;
  }
  if (length == 0 || length > kMaxUnitSegment || inside.folded() != ')') return;
  inside.advance();
  c = inside;
}

// Reads the unit after a figure into `unit`. False when what follows is
// too long to be a unit.
bool read_unit(Cursor& c, std::string& unit) {
  if (c.folded() == '%') {
    c.advance();
    unit = "%";
    return true;
  }
  if (c.consume("百分比")) {
    unit = "%";
    return true;
  }
  if (c.consume("‰")) {
    unit = "‰";
    return true;
  }
  const std::size_t start = c.position();
  for (;;) {
    int length = 0;
    // 以上/以内/内 end the unit even mid-phrase: "2天内完成" is 2 天, never
    // the unit 天内完成.
    while (is_unit_char(c.folded()) && !match_comparator(kTrailing, c.rest())) {
      if (++length > kMaxUnitSegment) return false;
      c.advance();
    }
    if (length == 0) break;
    consume_unit_qualifier(c);
    // Compound units: 元/页, 件/年/法官.
    if (c.folded() == '/') {
      Cursor next = c;
      next.advance();
      if (is_unit_char(next.folded()) && !match_comparator(kTrailing, next.rest())) {
        c = next;
        continue;
      }
    }
    break;
  }
  unit.assign(c.slice(start, c.position()));
  return true;
}

bool read_quantitative(std::string_view text, Target& target) {
  Cursor c(text);
  Comparator leading = Comparator::None;
  if (const ComparatorSpelling* m = match_comparator(kLeading, c.rest())) {
    leading = m->comparator;
    c.consume(m->spelling);
    c.skip_spaces();
  }
  std::optional<Decimal> number = read_number(c);
  if (!number) return false;
  c.skip_spaces();
  std::string unit;
  if (!read_unit(c, unit)) return false;
  c.skip_spaces();
  Comparator trailing = Comparator::None;
  if (const ComparatorSpelling* m = match_comparator(kTrailing, c.rest())) {
    trailing = m->comparator;
    c.consume(m->spelling);
    consume_completion_word(c);
  }
  if (!at_clean_end(c)) return false;
  // "≥90%以上" says it twice; "≥5人以下" contradicts itself and is left as text.
  if (leading != Comparator::None && trailing != Comparator::None && leading != trailing) {
    return false;
  }
  target.kind = TargetKind::Quantitative;
  target.comparator = leading != Comparator::None ? leading : trailing;
  target.number = number;
  target.unit = std::move(unit);
  return true;
}

// ---------------------------------------------------------------------------
// Periods.

// Reads a run of plain digits and returns its length; `value` stops growing
// past six digits, which is more than any date part needs.
int read_digit_run(Cursor& c, int& value) {
  value = 0;
  int digits = 0;
  while (is_digit(c.folded())) {
    if (digits < 6) value = value * 10 + static_cast<int>(c.folded() - '0');
    ++digits;
    c.advance();
  }
  return digits;
}

bool starts_with_any(const Cursor& c, std::span<const std::string_view> words) {
  for (std::string_view w : words) {
    if (c.starts_with(w)) return true;
  }
  return false;
}

// 2023年…, 2023.12.31前, 2023-12, 12月底前, 1-12月, 6月30日. A bare "12月" is
// not a period: it is as often a count of months as December.
bool looks_like_period(std::string_view text) {
  Cursor c(text);
  if (starts_with_any(c, kPeriodWords)) return true;
  int value = 0;
  const int digits = read_digit_run(c, value);
  if (digits == 4 && value >= 1900 && value <= 2199) {
    const char32_t f = c.folded();
    if (f == U'年') return true;
    if ((f == '-' || f == '/') && is_digit(c.folded_after_this())) return true;
    if (f == '.') {
      // 2023.12 alone could be a figure; a day or a deadline word makes it a date.
      c.advance();
      int month = 0;
      const int month_digits = read_digit_run(c, month);
      if (month_digits < 1 || month_digits > 2) return false;
      if (c.folded() == '.' && is_digit(c.folded_after_this())) return true;
      return c.starts_with("前") || c.starts_with("底") || c.starts_with("之前") || c.starts_with("以前");
    }
    return false;
  }
  if (digits < 1 || digits > 2 || value < 1 || value > 12) return false;
  if (c.folded() == U'月') {
    c.advance();
    if (starts_with_any(c, kMonthSuffixes)) return true;
    int day = 0;
    if (read_digit_run(c, day) > 0) return c.folded() == U'日' || c.folded() == U'号';
    return is_range_separator(c.folded());
  }
  if (is_range_separator(c.folded())) {
    c.advance();
    c.skip_spaces();
    int last = 0;
    const int last_digits = read_digit_run(c, last);
    return last_digits >= 1 && last_digits <= 2 && last >= 1 && last <= 12 && c.folded() == U'月';
  }
  return false;
}

// ---------------------------------------------------------------------------
// Qualitative values.

// The part before any remark: "达标" of "达标（财务人员收到…）".
std::string_view head_before_remark(std::string_view text) {
  Cursor c(text);
  while (!c.at_end() && !is_tail_separator(c.folded())) c.advance();
  std::string_view head = text.substr(0, c.position());
  // Trim trailing white space before the separator.
  std::size_t end = 0;
  for (Cursor h(head); !h.at_end(); h.advance()) {
    if (!is_space(h.raw())) end = h.position() + decode(head, h.position()).length;
  }
  return head.substr(0, end);
}

// The first byte is compared inline: most positions fail there, and a call
// to memcmp per word and position dominated parse time.
bool matches_at(std::string_view text, std::size_t pos, std::string_view word) {
  return pos < text.size() && text[pos] == word[0] && text.substr(pos).starts_with(word);
}

// The head, when it splits wholly into known words with at least one grade
// word among them. A small dynamic programme over byte positions: no
// allocation, and no dependence on which word the text happens to start with.
std::optional<std::string_view> qualitative_words(std::string_view text) {
  const std::string_view head = head_before_remark(text);
  if (head.empty() || head.size() > kMaxQualitativeBytes) return std::nullopt;
  // reachable[i][g]: head[0, i) splits into known words; g says a grade word was among them.
  std::array<std::array<bool, 2>, kMaxQualitativeBytes + 1> reachable{};
  reachable[0][0] = true;
  for (std::size_t i = 0; i < head.size(); ++i) {
    for (std::size_t graded = 0; graded < 2; ++graded) {
      if (!reachable[i][graded]) continue;
      const Decoded d = decode(head, i);
      if (is_space(d.code_point)) reachable[i + d.length][graded] = true;
      for (std::string_view w : kGradeWords) {
        if (matches_at(head, i, w)) reachable[i + w.size()][1] = true;
      }
      for (std::string_view w : kGradeQualifiers) {
        if (matches_at(head, i, w)) reachable[i + w.size()][graded] = true;
      }
    }
  }
  if (!reachable[head.size()][1]) return std::nullopt;
  return head;
}

}  // namespace

namespace {

Target parse_target_uncached(std::string_view printed) {
  Target target;
  target.text = sanitise(printed);
  if (target.text.empty()) {
    target.kind = TargetKind::Empty;
    return target;
  }
  // Periods first: "2023年1-12月" would otherwise start like the figure 2023.
  if (looks_like_period(target.text)) {
    target.kind = TargetKind::Period;
    return target;
  }
  if (read_quantitative(target.text, target)) return target;
  if (std::optional<std::string_view> words = qualitative_words(target.text)) {
    target.kind = TargetKind::Qualitative;
    target.qualitative.assign(*words);
    return target;
  }
  target.kind = TargetKind::Text;
  return target;
}

}  // namespace

// Documents print the same few values thousands of times (达标, 100%, ≥95%,
// 及时): the reading of each printed form is remembered, so a repeated value
// costs a lookup and a copy instead of decoding it again. The reading depends
// on the text alone. Per thread, so no lock; bounded, so a stream of distinct
// values (prose, one-off figures) keeps memory flat — values past the bound
// are read as before.
Target parse_target(std::string_view printed) {
  // Long values are prose, rarely repeated: not worth hashing and keeping.
  constexpr std::size_t kMaxRememberedBytes = 64;
  if (printed.size() > kMaxRememberedBytes) return parse_target_uncached(printed);
  thread_local FlatMemo<Target> memo(4096);
  const std::size_t hash = FlatMemo<Target>::hash(printed);
  if (const Target* known = memo.find(printed, hash)) return *known;
  Target target = parse_target_uncached(printed);
  memo.remember(printed, hash, target);
  return target;
}

const char* comparator_symbol(Comparator c) {
  switch (c) {
    case Comparator::GreaterEqual:
      return "≥";
    case Comparator::LessEqual:
      return "≤";
    case Comparator::Greater:
      return ">";
    case Comparator::Less:
      return "<";
    case Comparator::Equal:
      return "=";
    case Comparator::None:
      return "";
  }
  return "";
}

const char* target_kind_name(TargetKind k) {
  switch (k) {
    case TargetKind::Quantitative:
      return "quantitative";
    case TargetKind::Qualitative:
      return "qualitative";
    case TargetKind::Period:
      return "period";
    case TargetKind::Text:
      return "text";
    case TargetKind::Empty:
      return "empty";
  }
  return "";
}

}  // namespace jixiao
