#include "recognise/project_grid.hpp"

#include <algorithm>
#include <cstring>
#include <deque>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <unordered_map>
#include <unordered_set>

#include "recognise/amount_text.hpp"
#include "recognise/grid_rows.hpp"
#include "recognise/header_meta.hpp"
#include "recognise/indicator_cells.hpp"
#include "recognise/vocabulary.hpp"
#include "text/flat_memo.hpp"
#include "text/key.hpp"
#include "text/page_number.hpp"
#include "text/utf8.hpp"

namespace jixiao {
namespace {

// What an indicator grid column holds, from its header (data/header_synonyms.tsv).
enum class Col {
  Ignore,        // 绩效指标 (the merged label column), a header this reader does not map
  Level1,        // 一级指标
  Level2,        // 二级指标
  Level3,        // 三级指标 / 指标名称
  Description,   // 绩效指标描述
  Target,        // 指标值 / 年度指标值
  PeriodTarget,  // 实施期 / 中期指标值
  Comparator,    // 指标性质 / 计算符号
  Unit,          // 计量单位 / 度量单位
  Weight,        // 分值 / 权重
  Direction,     // 指标方向
  Basis,         // 绩效标准 / 指标标准或依据
  Note,          // 指标解释 / 指标值说明
  Previous,      // 上年实际值: last year's figure, not a target
  Region,        // a transfer-payment table's value column for one region
};

std::optional<Col> column_of(std::string_view field) {
  if (field.empty()) return std::nullopt;  // most cells: no field, no lookup
  // Hashed: asked of every cell of every indicator row, where an ordered
  // map's string comparisons, then std::hash, showed in profiles.
  static const std::unordered_map<std::string_view, Col, TextHash> map = {
      {"grid.level1", Col::Level1},       {"grid.level2", Col::Level2},
      {"grid.level3", Col::Level3},       {"grid.description", Col::Description},
      {"grid.target", Col::Target},       {"kw.annual", Col::Target},
      {"row.total", Col::Target},         {"grid.period_target", Col::PeriodTarget},
      {"kw.period", Col::PeriodTarget},   {"grid.comparator", Col::Comparator},
      {"grid.unit", Col::Unit},           {"meta.amount_unit", Col::Unit},
      {"grid.weight", Col::Weight},       {"grid.direction", Col::Direction},
      {"grid.basis", Col::Basis},         {"grid.note", Col::Note},
      {"grid.previous", Col::Previous},   {"grid.label", Col::Ignore},
      {"grid.label_period", Col::Ignore}, {"col.indicators", Col::Ignore},
  };
  auto it = map.find(field);
  if (it == map.end()) return std::nullopt;
  return it->second;
}

// The field a header or label cell names; a decoration in brackets
// ("分值（分）", "年度资金总额（元）") does not hide it.
std::string field_of_uncached(std::string_view cell) {
  std::string f = header_field(cell);
  if (!f.empty()) return f;
  // Only a decorated head ("产出指标(50分)") is left to find: no bracket, no key.
  if (cell.find('(') == std::string_view::npos && cell.find('[') == std::string_view::npos &&
      utf8::find(cell, "（") == std::string_view::npos && utf8::find(cell, "【") == std::string_view::npos) {
    return {};
  }
  std::string key = vocabulary_key(cell);
  if (key.find('(') == std::string::npos && key.find('[') == std::string::npos) return {};
  std::string bare = strip_brackets(key);
  if (bare.empty() || bare == key) return {};
  return header_field(bare);
}

// The field a cell names and the grid column that field heads.
struct CellField {
  std::string_view field;
  std::optional<Col> column;
};

// The field's name is a view valid for the thread's life: the names are
// kept once each (a vocabulary's worth), so the answer is never a copy.
CellField cell_field(std::string_view cell) {
  if (cell.empty() || cell.size() > 90) return {};
  // A grid asks this of every cell, and its labels and many of its values
  // (正向, 达标, 100%) repeat from project to project: each cell's answer is
  // remembered, its column with it (most asks want the column: one look-up,
  // not a memo's and then a map's). The answer depends on the text alone.
  // Per thread: no lock; bounded: memory stays flat, cells past the bound
  // are looked up as before.
  thread_local FlatMemo<CellField> memo(8192);
  thread_local std::unordered_set<std::string> names;  // node-based: a name stays where it is
  const std::size_t hash = FlatMemo<CellField>::hash(cell);
  if (const CellField* known = memo.find(cell, hash)) return *known;
  std::string f = field_of_uncached(cell);
  const std::string_view name = f.empty() ? std::string_view() : std::string_view(*names.insert(std::move(f)).first);
  const CellField answer{name, column_of(name)};
  memo.remember(cell, hash, answer);
  return answer;
}

std::string_view field_of(std::string_view cell) { return cell_field(cell).field; }

// The column the field a cell names heads (column_of of field_of).
std::optional<Col> column_of_cell(std::string_view cell) { return cell_field(cell).column; }

bool ends_with(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

// Region columns of a transfer-payment table are headed by place names.
bool looks_like_region(std::string_view header) {
  std::string key = strip_brackets(vocabulary_key(header));
  if (key.empty() || key.size() > 45) return false;
  for (std::string_view suffix : {"省", "市", "县", "区", "州", "盟", "旗", "镇", "乡", "街道"}) {
    if (ends_with(key, suffix) && key.size() > suffix.size()) return true;
  }
  return false;
}

// The units amounts are stated in.
constexpr std::string_view kMoneyUnits[] = {"万元", "元", "亿元", "千元", "百万元"};

// The amount unit a label states in brackets: "年度资金总额（元）" → "元".
std::string unit_in_label(std::string_view cell) {
  // Every unit holds 元, and the key changes only white space, brackets and
  // colons: a label without 元 states none (most labels; no key built).
  if (cell.find("元") == std::string_view::npos) return {};
  std::string key = vocabulary_key(cell);
  for (std::string_view unit : kMoneyUnits) {
    if (key.find("(" + std::string(unit) + ")") != std::string::npos) return std::string(unit);
  }
  return {};
}

// Whether the key of `text` can hold the characters `first` and `second`
// one after the other (each neither white space nor a folded form): the key
// only drops white space (ASCII and U+3000) and folds brackets and colons,
// and keeps every other well-formed character's bytes, so the pair is in it
// only where the printed text has `second` with `first` before it, white
// space allowed between. Most lines with 标 hold 指标 (every indicator row of
// a grid), not 目标: no key is built. The characters are literals, so the
// searches are made for them.
template <std::size_t FirstSize, std::size_t SecondSize>
bool key_may_hold(std::string_view text, const char (&first_chars)[FirstSize],
                  const char (&second_chars)[SecondSize]) {
  const std::string_view first(first_chars, FirstSize - 1), second(second_chars, SecondSize - 1);
  constexpr std::string_view ideographic_space = "\xE3\x80\x80";
  for (std::size_t at = utf8::find(text, second); at != std::string_view::npos;
       at = utf8::find(text, second, at + second.size())) {
    std::string_view before = text.substr(0, at);
    for (;;) {
      const char c = before.empty() ? '\0' : before.back();
      if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
        before.remove_suffix(1);
      } else if (before.ends_with(ideographic_space)) {
        before.remove_suffix(ideographic_space.size());
      } else {
        break;
      }
    }
    if (before.ends_with(first)) return true;
  }
  return false;
}

bool is_noise(std::string_view cell) {
  // A key starts with a spelling only where its first byte does: most cells
  // asked (a title, a value) are told by their first character, unkeyed.
  static const std::string first_bytes = [] {
    std::string bytes;
    for (const std::string& s : spellings("page.noise")) {
      if (s.empty()) return std::string();  // every key starts with it: look at each
      if (bytes.find(s[0]) == std::string::npos) bytes.push_back(s[0]);
    }
    return bytes;
  }();
  if (const int first = key_first_byte(cell);
      first >= 0 && !first_bytes.empty() && first_bytes.find(static_cast<char>(first)) == std::string::npos)
    return false;
  std::string key = vocabulary_key(cell);
  for (const std::string& s : spellings("page.noise")) {
    if (key.rfind(s, 0) == 0) return true;
  }
  return false;
}

// What a 单位： of amounts names (and not the 填报单位：某某局 of a unit's name).
bool is_money_unit(std::string_view text) {
  return std::find(std::begin(kMoneyUnits), std::end(kMoneyUnits), text) != std::end(kMoneyUnits);
}

// A head line that is not a cell: a budget code of six digits or more, the
// department's name, and perhaps, after a space, where 单位：万元 is printed,
// that label as OCR read it: "单位：浪交" (label read, unit not), "香位万元"
// (unit read, label not). The unit counts only when it follows 位 or the
// colon: "香位浪元" is not 元, it is a 万元 misread. A longer tail is text.
struct CodedDepartmentLine {
  std::string department;   // code and name, for read_department
  std::string amount_unit;  // "" when the line states none or it is unreadable
  std::string label;        // the tail as printed, "" when there is none
};
std::optional<CodedDepartmentLine> coded_department_line(std::string_view cell) {
  std::string_view t = utf8::trim(cell);
  std::size_t d = 0;
  while (d < t.size() && t[d] >= '0' && t[d] <= '9') ++d;
  if (d < 6 || d == t.size() || t[d] == ' ') return std::nullopt;
  CodedDepartmentLine out;
  std::size_t space = t.rfind(' ');
  if (space == std::string_view::npos || space < d) {
    out.department = std::string(t);
    return out;
  }
  // OCR may put a space inside the label too ("单位 :万了0"): when the last
  // space leaves no label, the one before it is tried, the tail's spaces
  // dropped.
  for (int attempt = 0; attempt < 2; ++attempt) {
    std::string tail;
    for (char c : utf8::trim(t.substr(space + 1))) {
      if (c != ' ') tail.push_back(c);
    }
    const bool label_read = tail.rfind("单位", 0) == 0 || tail.rfind("金额单位", 0) == 0;
    for (std::string_view unit : kMoneyUnits) {
      if (tail.size() <= unit.size() || std::string_view(tail).substr(tail.size() - unit.size()) != unit)
        continue;
      std::string_view before = std::string_view(tail).substr(0, tail.size() - unit.size());
      bool after_label = false;
      for (std::string_view end : {"位", ":", "：", "，", ","}) {
        after_label =
            after_label || (before.size() >= end.size() && before.substr(before.size() - end.size()) == end);
      }
      if (after_label && utf8::length(before) <= 4 && unit.size() > out.amount_unit.size())
        out.amount_unit = std::string(unit);
    }
    if (!out.amount_unit.empty() || label_read) {
      out.department = std::string(utf8::trim(t.substr(0, space)));
      out.label = tail;
      return out;
    }
    const std::size_t previous = space == 0 ? std::string_view::npos : t.rfind(' ', space - 1);
    if (previous == std::string_view::npos || previous < d || utf8::length(t.substr(previous + 1)) > 10)
      break;
    space = previous;
  }
  // The whole label garbled ("站人 万7", "音信 万7" for 单位：万元): a short tail
  // after the code and name is that label, unread. The line still names the
  // department; its unit stays unknown (the caller warns).
  const std::size_t name_end = t.find(' ', d);
  std::string tail;
  for (char c : t.substr(name_end + 1)) {
    if (c != ' ') tail.push_back(c);
  }
  if (tail.empty() || utf8::length(tail) > 8) return std::nullopt;  // a long text: not this line
  out.department = std::string(t.substr(0, name_end));
  out.label = std::move(tail);
  return out;
}

bool is_department_title(std::string_view text) {
  // Every spelling below holds 整体: a title without it is turned away unkeyed.
  if (!key_may_hold(text, "整", "体")) return false;
  std::string key = vocabulary_key(text);
  return key.find("部门整体支出绩效目标") != std::string::npos ||
         key.find("部门整体绩效目标") != std::string::npos ||
         key.find("单位整体支出绩效目标") != std::string::npos ||
         key.find("整体支出绩效目标表") != std::string::npos;
}

std::string strip_numbering(std::string_view title) {
  std::size_t d = 0;
  while (d < title.size() && title[d] >= '0' && title[d] <= '9') ++d;
  if (d > 0 && d < title.size() && (title[d] == '.' || title[d] == ' '))
    return std::string(utf8::trim(title.substr(d + 1)));
  if (d > 0 && title.substr(d, 3) == "、") return std::string(utf8::trim(title.substr(d + 3)));
  return std::string(title);
}

// "项目名称：XX" in one cell: the label's field and its value. Views: the
// field's name is kept for the thread's life (as cell_field's are), the
// value lies in `cell`; asked of most label cells, it copied both.
std::optional<std::pair<std::string_view, std::string_view>> inline_label(std::string_view cell) {
  // "其中：财政拨款：650万元": the label may hold a colon itself.
  // A label's colon starts within the first 60 bytes: it is looked for
  // there only (a goal runs to hundreds of bytes, its ，sharing the first
  // byte of ：).
  const std::string_view head = cell.substr(0, 60 + std::string_view("：").size());
  std::size_t from = 0;
  while (from < cell.size() && from <= 60) {
    std::size_t full = head.find("：", from), ascii = head.find(':', from);
    std::size_t p = std::min(full, ascii);
    if (p == std::string_view::npos || p > 60) break;
    std::size_t len = p == full ? 3 : 1;
    if (p > 0) {
      const std::string_view f = field_of(cell.substr(0, p));
      if (!f.empty()) return std::make_pair(f, utf8::trim(cell.substr(p + len)));
    }
    from = p + len;
  }
  return std::nullopt;
}

// "【产出指标-数量指标】 指标1:机柜数量(≥77台)": levels in brackets, then the indicator.
struct BracketIndicator {
  std::string level1, level2, rest;
};

std::optional<BracketIndicator> bracket_indicator(std::string_view text) {
  std::string_view t = utf8::trim(text);
  std::string_view open, close;
  if (t.substr(0, 3) == "【") {
    open = "【";
    close = "】";
  } else if (t.substr(0, 1) == "[") {
    open = "[";
    close = "]";
  } else {
    return std::nullopt;
  }
  std::size_t end = t.find(close);
  if (end == std::string_view::npos) return std::nullopt;
  std::string_view inside = t.substr(open.size(), end - open.size());
  std::size_t consumed = 0;
  if (!starts_with_level1(inside, &consumed)) return std::nullopt;
  BracketIndicator b;
  b.level1 = std::string(utf8::trim(inside.substr(0, consumed)));
  std::string_view rest = utf8::trim(inside.substr(consumed));
  for (std::string_view sep : {"-", "－", "—", "/", "、", "·", "："}) {
    if (rest.substr(0, sep.size()) == sep) {
      rest = utf8::trim(rest.substr(sep.size()));
      break;
    }
  }
  // "-"s and such may close the level1 word itself ("产出指标-"): trim any left.
  while (!b.level1.empty() && (b.level1.back() == '-')) b.level1.pop_back();
  b.level2 = std::string(rest);
  b.rest = std::string(utf8::trim(t.substr(end + close.size())));
  return b;
}

// "产出指标数量指标覆盖率100%": levels glued to the indicator with no separator.
std::optional<std::vector<std::string>> split_glued_row(std::string_view text) {
  std::size_t c1 = 0, c2 = 0;
  if (!starts_with_level1(text, &c1)) return std::nullopt;
  std::string_view rest = text.substr(c1);
  if (!starts_with_level2(rest, &c2)) return std::nullopt;
  std::string_view tail = utf8::trim(rest.substr(c2));
  for (std::string_view sep : {"；", ";", "：", ":", "，", ",", "、", "-"}) {
    if (tail.substr(0, sep.size()) == sep) tail = utf8::trim(tail.substr(sep.size()));
  }
  if (tail.empty()) return std::nullopt;
  std::vector<std::string> cells{std::string(utf8::trim(text.substr(0, c1))),
                                 std::string(utf8::trim(rest.substr(0, c2)))};
  if (auto nt = split_trailing_target(tail, true)) {
    cells.push_back(nt->name);
    cells.push_back(nt->target);
  } else {
    cells.emplace_back(tail);
  }
  return cells;
}

// A glued header line: "一级指标二级指标三级指标指标值" read as its cells.
std::vector<std::string> split_glued_header(std::string_view text) {
  // A glued header opens with its first column's head; running text that
  // merely mentions 指标 is turned away before any key is built.
  std::string_view t = utf8::trim(text);
  if (t.substr(0, 12) != "一级指标" && t.substr(0, 12) != "指标名称" && t.substr(0, 12) != "三级指标")
    return {};
  std::string key = vocabulary_key(text);
  if (!made_of_header_chars(key, "grid.")) return {};
  std::vector<HeaderHit> hits = find_headers(key, "grid.");
  std::size_t covered = 0;
  for (const HeaderHit& h : hits) covered += h.length;
  std::vector<std::string> cells;
  if (hits.size() < 3 || covered != key.size()) return cells;
  for (const HeaderHit& h : hits) cells.push_back(key.substr(h.position, h.length));
  return cells;
}

bool is_figure(std::string_view cell) {
  Decimal d;
  return parse_amount_cell(cell, &d);
}

struct Header {
  std::vector<Col> cols;
  // Views of the header's cells (the rows' cells, or a glued header's kept
  // for the reading), which outlive the header.
  std::vector<std::string_view> texts;
  // Two blocks side by side (中期 then 年度): where the second begins.
  std::size_t second_block = 0;
  // A block of its own under a 中期绩效指标 heading: its values are period targets.
  bool period = false;
};

}  // namespace

std::optional<std::string> coded_department_head(std::string_view text) {
  auto head = coded_department_line(text);
  if (!head) return std::nullopt;
  return std::move(head->department);
}

bool is_table_title(std::string_view text) {
  // Each test below needs 目标 in the key: a line that cannot hold it (most
  // lines with 标 or 目, such as 指标 and 项目) is turned away unread.
  if (!key_may_hold(text, "目", "标")) return false;
  // Titles run to a hundred bytes and more (a Word title keeps its
  // bookmarks): the key is copied in runs, sixteen bytes looked at a time.
  // The text is valid UTF-8, as the readers make every text (parse_stream
  // checks a raw line first).
  std::string key = vocabulary_key_of_valid_utf8(text);
  if (key.size() > 300) return false;
  return key.find("目标表") != std::string::npos || key.find("目标申报表") != std::string::npos ||
         ends_with(key, "绩效目标") || (key.find("绩效目标") != std::string::npos && ends_with(key, "表"));
}

bool looks_like_project_grid(const Source& source, std::size_t line_limit) {
  return project_grid_labels_end(source, line_limit) != 0;
}

std::size_t project_grid_labels_end(const Source& source, std::size_t line_limit) {
  bool level = false, value = false, label = false, bracket = false, level1 = false, level3 = false;
  const std::size_t lines = std::min(line_limit, source.lines.size());
  for (std::size_t i = 0; i < lines; ++i) {
    const Line& line = source.lines[i];
    auto check = [&](std::string_view text) {
      if (text.empty()) return;
      if (text.size() <= 90) {
        // Cheap first: only cells that hold a 指标 word can be grid heads,
        // and once a label is seen only they need the field looked up.
        const bool head_word = utf8::find(text, "指标") != std::string_view::npos ||
                               utf8::find(text, "目标值") != std::string_view::npos;
        if (head_word || !label) {
          const std::string_view f = field_of(text);
          if (head_word) {
            level = level || f == "grid.level1" || f == "grid.level3";
            level1 = level1 || f == "grid.level1";
            level3 = level3 || f == "grid.level3";
            value = value || f == "grid.target" || f == "kw.annual" || f == "grid.period_target" ||
                    f == "kw.period";
            if (!level || !value) {
              auto glued = split_glued_header(text);
              for (const std::string& g : glued) {
                std::string gf = header_field(g);
                level = level || gf == "grid.level1" || gf == "grid.level3";
                value = value || gf == "grid.target" || gf == "kw.annual";
              }
            }
          }
          if (!label) {
            label = f == "col.name" || f == "meta.department";
            if (f.empty()) {
              if (auto il = inline_label(text)) label = il->first == "col.name" || il->first == "meta.department";
            }
          }
        }
      }
      if (!bracket && (text.substr(0, 3) == "【" || text[0] == '[') && bracket_indicator(text))
        bracket = true;
    };
    if (!line.cells.empty()) {
      for (const Cell& c : line.cells) check(c.text);
    } else if (line.text.find('|') != std::string_view::npos) {
      for (std::string_view c : split_bar_cells(line.text)) check(c);
    } else if (line.text.find("  ") != std::string_view::npos) {
      for (std::string_view c : split_spaced_cells(line.text)) check(c);
    } else {
      check(line.text);
    }
    if (level && value) return i + 1;
    if (label && bracket) return i + 1;
    if (level1 && level3) return i + 1;  // value columns headed by region names
    if (level1 && label) return i + 1;   // a grid whose other heads no reader knows: mapped with an error
  }
  return 0;
}

namespace {
// Indicators a project's list has room for from its first: most grids list
// a handful (a longer list grows from there as before).
constexpr std::size_t kIndicatorsReserved = 8;
}  // namespace

Document recognise_project_grid(const Source& src) {
  Document doc;
  doc.layout = "project-grid";
  const GridRows grid = grid_rows(src);
  const std::vector<GridRow>& rows = grid.rows;
  std::vector<Project> projects;
  std::vector<std::string> titles;
  std::map<int, int> year_votes;
  bool unit_stated = false;

  enum class State { Head, Labels, Duties, Indicators };
  State state = State::Head;
  Project* project = nullptr;

  // Labels waiting for their value; an amount label takes a figure, the
  // others take text. Every field named here is one of cell_field's names
  // (inline_label's are too), kept for the thread's life: a view serves, and
  // is compared with a literal by length first (a std::string measured the
  // literal and compared bytes every time).
  struct Pending {
    std::string_view field;
    int line;
  };
  std::vector<Pending> pending;
  bool last_was_label = false;
  std::string_view last_text_field;  // where a further unlabelled paragraph goes
  std::optional<Decimal> fiscal_upper, fiscal_local;
  std::optional<std::string> period_goal;

  Header header;
  bool period_section = false;  // under a 中期绩效指标 heading
  int rows_since_header = 0;
  // Per block: the level names carried down a merged group.
  std::string carry1[2], carry2[2];
  std::vector<int> level_rows;  // per indicator of the project: whether its levels were printed on its row
  // Indicators of a 中期 block, joined to the 年度 block's by name at the end.
  std::vector<Indicator> period_block;
  // A transfer-payment table's per-region values: region → indicators.
  struct RegionTargets {
    std::string region;
    std::optional<std::string> project;
    std::vector<Indicator> indicators;
  };
  std::vector<RegionTargets> regions;
  // Shift evidence: the first indicator row printed no level name.
  struct RowLevels {
    bool l1_printed, l2_printed;
  };
  std::vector<RowLevels> printed_levels;
  // One-cell-per-line text: cells gathered into a row until it is complete.
  std::vector<std::string> stream_row;
  int stream_col = -1;
  int stream_line = 0;

  auto diag = [&](Severity s, std::string code, int line, std::string message) {
    doc.diagnostics.push_back({s, std::move(code), line, 0, std::move(message)});
  };

  auto settle_amounts = [&]() {
    if (!project) return;
    if (fiscal_upper || fiscal_local) {
      if (!project->amounts.fiscal) {
        Decimal sum;
        if (fiscal_upper) sum = sum + *fiscal_upper;
        if (fiscal_local) sum = sum + *fiscal_local;
        project->amounts.fiscal = sum;
        diag(Severity::Notice, "amount.fiscal-parts", project->span.first_line,
             "财政拨款 read as the sum of 本级 and 上级资金 printed separately");
      } else {
        diag(Severity::Notice, "amount.fiscal-upper", project->span.first_line,
             "其中：上级资金 is part of 财政拨款; not counted again");
      }
    }
    fiscal_upper.reset();
    fiscal_local.reset();
    if (period_goal && !project->goal) project->goal = period_goal;
    period_goal.reset();
  };

  auto finish_blocks = [&]() {
    if (!project) return;
    // Misplaced level names: when the first indicator row printed none, the
    // merged cells put each name one row below its group's start.
    auto& inds = project->indicators;
    const bool aligned = inds.size() == printed_levels.size();
    for (int level = 0; level < 2 && aligned && !inds.empty(); ++level) {
      auto printed = [&](std::size_t k) {
        return level == 0 ? printed_levels[k].l1_printed : printed_levels[k].l2_printed;
      };
      if (printed(0)) continue;
      bool any = false;
      for (std::size_t k = 0; k < inds.size(); ++k) any = any || printed(k);
      if (!any) continue;
      std::vector<std::string> names(inds.size());
      std::string current;
      // A name applies from the row above it, unless that row prints its own.
      auto name_at = [&](std::size_t k) {
        return level == 0 ? inds[k].level1_printed : inds[k].level2_printed;
      };
      for (std::size_t k = 0; k < inds.size(); ++k) {
        if (printed(k)) {
          current = name_at(k);
        } else if (k + 1 < inds.size() && printed(k + 1)) {
          current = name_at(k + 1);
        }
        names[k] = current;
      }
      for (std::size_t k = 0; k < inds.size(); ++k) {
        if (names[k].empty()) continue;
        if (level == 0) {
          inds[k].level1_printed = names[k];
          inds[k].level1 = resolve_level1(names[k]);
          printed_levels[k].l1_printed = true;
        } else {
          inds[k].level2_printed = names[k];
          inds[k].level2 = resolve_level2(names[k]);
        }
      }
      diag(Severity::Notice, "grid.levels-shifted", inds.front().span.first_line,
           std::string(level == 0 ? "一级" : "二级") +
               "指标 names stand one row below their group's first row (a merged cell); read as the group's");
    }
    // A carried 一级 that cannot hold the row's 二级 belongs to the group
    // above: the 二级 tells its 一级 (a label the export lost or misplaced).
    for (std::size_t k = 0; k < inds.size(); ++k) {
      Indicator& ind = inds[k];
      bool carried = aligned && !printed_levels[k].l1_printed;
      if (ind.level2 && !ind.level1) {
        ind.level1 = natural_parent(*ind.level2);
        if (ind.level1_printed.empty()) ind.level1_printed = level1_name(*ind.level1);
      } else if (carried && ind.level2 && ind.level1 && !is_valid_parent(*ind.level1, *ind.level2) &&
                 !(*ind.level1 == Level1::Benefit && *ind.level2 == Level2::Satisfaction)) {
        Level1 natural = natural_parent(*ind.level2);
        diag(Severity::Notice, "indicator.level1-derived", ind.span.first_line,
             "一级指标 '" + ind.level1_printed + "' carried down cannot hold '" + ind.level2_printed +
                 "'; read as " + level1_name(natural));
        ind.level1 = natural;
        ind.level1_printed = level1_name(natural);
      }
    }
    if (!period_block.empty()) {
      // 中期 and 年度 blocks side by side: one indicator per name, with both targets.
      for (Indicator& p : period_block) {
        auto same =
            std::find_if(project->indicators.begin(), project->indicators.end(), [&](const Indicator& a) {
              return vocabulary_key(a.name) == vocabulary_key(p.name) && !a.period_target;
            });
        if (same != project->indicators.end()) {
          same->period_target = p.period_target;
        } else {
          project->indicators.push_back(std::move(p));
        }
      }
      period_block.clear();
    }
    printed_levels.clear();
  };

  auto start_project = [&](int line) {
    settle_amounts();
    finish_blocks();
    projects.emplace_back();
    project = &projects.back();
    project->span = {line, line, 0};
    header = {};
    pending.clear();
    last_text_field = {};
    for (auto& c : carry1) c.clear();
    for (auto& c : carry2) c.clear();
  };

  auto ensure_project = [&](int line) {
    if (!project) start_project(line);
  };

  // An indicator from the cells of one row laid out as `header` says.
  // `cells`: a vector of strings or of views.
  auto emit_indicator = [&](const auto& cells, int first_line, int last_line) {
    if (!project) return;
    std::size_t blocks = header.second_block ? 2 : 1;
    for (std::size_t b = 0; b < blocks; ++b) {
      std::size_t from = b == 0 ? 0 : header.second_block;
      std::size_t to = (b == 0 && header.second_block) ? header.second_block : header.cols.size();
      // Built where it is kept (the 中期 block's list or the project's) and
      // dropped again when the row turns out empty: moving a finished
      // indicator in (a dozen strings and optionals) and destroying the
      // moved-from one cost a tenth of reading an indicator row.
      const bool period_block_row = (b == 0 && blocks == 2) || header.period;
      std::vector<Indicator>& kept = period_block_row ? period_block : project->indicators;
      // Room for a project's usual indicators at once: growing 1, 2, 4, 8
      // moved each (a dozen strings) again at every step.
      if (!period_block_row && kept.empty()) kept.reserve(kIndicatorsReserved);
      Indicator& ind = kept.emplace_back();
      ind.span = {first_line, last_line, 0};
      // The cells stay views (into the row, which outlives this call) until
      // the indicator keeps them: a string per cell was an allocation each.
      std::string_view comparator, unit;
      std::string value, period_value;
      bool l1_printed = false, l2_printed = false;
      std::vector<std::pair<std::size_t, std::string>> region_values;
      for (std::size_t k = from; k < to; ++k) {
        const std::string_view v =
            utf8::trim(k < cells.size() ? std::string_view(cells[k]) : std::string_view());
        switch (header.cols[k]) {
          case Col::Level1:
            // An empty cell is a merged one: the group's name carries down.
            l1_printed = !v.empty();
            if (!v.empty()) carry1[b] = v;
            ind.level1_printed = carry1[b];
            break;
          case Col::Level2:
            l2_printed = !v.empty();
            if (!v.empty()) carry2[b] = v;
            ind.level2_printed = carry2[b];
            break;
          case Col::Level3:
            ind.name = clean_indicator_name(v);
            break;
          case Col::Description:
            if (!v.empty()) ind.description.emplace(v);
            break;
          case Col::Target:
            value = v;
            break;
          case Col::PeriodTarget:
            period_value = v;
            break;
          case Col::Comparator:
            comparator = v;
            break;
          case Col::Unit:
            unit = v;
            break;
          case Col::Weight:
            if (!v.empty()) ind.weight.emplace(v);
            break;
          case Col::Direction:
            if (!v.empty()) ind.direction.emplace(v);
            break;
          case Col::Basis:
            if (!v.empty()) ind.basis.emplace(v);
            break;
          case Col::Note:
            if (!v.empty()) ind.note.emplace(v);
            break;
          case Col::Region:
            region_values.emplace_back(k, std::string(v));
            break;
          case Col::Previous:
          case Col::Ignore:
            break;
        }
      }
      // A name that carries its own target: "机柜数量(≥77台)", or OCR that
      // merged the value cell into the name ("满意度≥90%": a comparator
      // shows where the value starts).
      if (value.empty() && period_value.empty() && region_values.empty()) {
        if (auto nt = split_trailing_target(ind.name, false)) {
          ind.name = nt->name;
          value = nt->target;
        } else if (auto glued = split_trailing_target(ind.name, true);
                   glued && is_comparator_cell(utf8::prefix(glued->target, 1)) && header.cols.size() > 1) {
          diag(Severity::Notice, "grid.cells-merged", first_line,
               "indicator '" + ind.name + "' holds its value; read as name '" + glued->name +
                   "' and target '" + glued->target + "'");
          ind.name = glued->name;
          value = glued->target;
        }
      }
      ind.level1 = resolve_level1(ind.level1_printed);
      ind.level2 = resolve_level2(ind.level2_printed);
      bool empty = ind.name.empty() && value.empty() && period_value.empty() && !ind.description &&
                   region_values.empty();
      if (empty) {
        kept.pop_back();
        continue;
      }
      if (period_block_row) {
        // The 中期 block: its 指标值 is the period target.
        std::string t = join_target(comparator, value, unit);
        if (!t.empty()) ind.period_target = parse_target(t);
      } else {
        std::string t = join_target(comparator, value, unit);
        if (!t.empty()) ind.annual_target = parse_target(t);
        // Most rows have no 实施期 value: nothing to join.
        if (!period_value.empty())
          ind.period_target = parse_target(join_target(comparator, period_value, unit));
      }
      for (const auto* t : {&ind.annual_target, &ind.period_target}) {
        if (*t && target_lacks_number((*t)->text)) {
          diag(Severity::Warning, "target.number-missing", first_line,
               "indicator '" + ind.name + "': target '" + (*t)->text +
                   "' has a comparator or unit but no figure");
        }
      }
      if (!ind.level1 && !ind.level2) {
        diag(Severity::Warning, "indicator.level1-unknown", first_line,
             "expected a 一级指标 name, found '" + ind.level1_printed + "'");
      }
      if (!ind.level2) {
        diag(Severity::Warning, "indicator.level2-unknown", first_line,
             "expected a 二级指标 name, found '" + ind.level2_printed + "'");
      }
      if (period_block_row) continue;  // kept in period_block
      for (const auto& region_value : region_values) {
        // Named, not bound: a lambda below captures them.
        const std::size_t k = region_value.first;
        const std::string& v = region_value.second;
        auto it = std::find_if(regions.begin(), regions.end(), [&](const RegionTargets& r) {
          return r.region == header.texts[k] && r.project == project->name;
        });
        if (it == regions.end()) {
          regions.push_back({std::string(header.texts[k]), project->name, {}});
          it = regions.end() - 1;
        }
        Indicator copy = ind;
        copy.annual_target.reset();
        copy.period_target.reset();
        std::string t = join_target(comparator, v, unit);
        if (!t.empty()) copy.annual_target = parse_target(t);
        it->indicators.push_back(std::move(copy));
      }
      printed_levels.push_back({l1_printed, l2_printed});
      project->span.last_line = std::max(project->span.last_line, last_line);
    }
  };

  auto index_of = [&](Col c, std::size_t from) -> int {
    for (std::size_t k = from; k < header.cols.size(); ++k) {
      if (header.cols[k] == c) return static_cast<int>(k);
    }
    return -1;
  };

  // Places a delimited row's cells under the header. A row narrower than
  // the header lost merged cells: its first cell tells where it starts.
  auto align_row = [&](std::span<const std::string_view> row_cells, int line) {
    std::vector<std::string_view> cells(row_cells.begin(), row_cells.end());
    std::size_t n = header.cols.size();
    while (cells.size() > n && cells.front().empty()) cells.erase(cells.begin());
    while (cells.size() > n && cells.back().empty()) cells.pop_back();
    if (cells.size() > n) {
      diag(Severity::Warning, "grid.row-width", line,
           "indicator row has " + std::to_string(cells.size()) + " cells where the header has " +
               std::to_string(n) + "; extra cells ignored");
      cells.resize(n);
    }
    if (cells.size() == n) return cells;
    int start;
    int l1 = index_of(Col::Level1, 0), l2 = index_of(Col::Level2, 0), l3 = index_of(Col::Level3, 0);
    const std::string_view first = cells.front();
    if (l1 >= 0 && resolve_level1(first) &&
        !(cells.size() > 1 && !resolve_level2(cells[1]) && resolve_level2(first))) {
      start = l1;
    } else if (l2 >= 0 && resolve_level2(first)) {
      start = l2;
    } else if (l3 >= 0 && static_cast<std::size_t>(l3) + cells.size() <= n) {
      start = l3;
    } else {
      start = static_cast<int>(n - cells.size());
    }
    if (static_cast<std::size_t>(start) + cells.size() > n) start = static_cast<int>(n - cells.size());
    diag(Severity::Notice, "grid.row-width", line,
         "indicator row has fewer cells than the header; placed from column " + std::to_string(start + 1));
    std::vector<std::string_view> placed(n);
    for (std::size_t k = 0; k < cells.size(); ++k) placed[start + k] = cells[k];
    return placed;
  };

  auto flush_stream = [&]() {
    if (stream_col < 0) return;
    emit_indicator(stream_row, stream_line, stream_line);
    stream_row.assign(header.cols.size(), "");
    stream_col = -1;
  };

  // One cell of a row the text flattened one cell per line: a level name
  // opens a row at its column; other cells fill the next free column.
  auto stream_cell = [&](std::string_view cell, int line) {
    std::size_t n = header.cols.size();
    if (stream_row.size() != n) stream_row.assign(n, "");
    int l1 = index_of(Col::Level1, 0), l2 = index_of(Col::Level2, 0), l3 = index_of(Col::Level3, 0);
    int at;
    if (l1 >= 0 && resolve_level1(cell) && (stream_col < l1 || stream_col >= l3)) {
      at = l1;
    } else if (l2 >= 0 && resolve_level2(cell) && (stream_col < l2 || stream_col >= l3)) {
      at = l2;
    } else {
      at = stream_col < 0 ? std::max(l3, 0) : stream_col + 1;
      if (at >= static_cast<int>(n)) at = std::max(l3, 0);
    }
    if (stream_col >= 0 && at <= stream_col) {
      flush_stream();
      stream_row.assign(n, "");
    } else if (stream_col >= l3 && l3 >= 0 && at < l3) {
      flush_stream();
      stream_row.assign(n, "");
    }
    if (stream_col < 0) stream_line = line;
    stream_row[at] = cell;
    stream_col = at;
    if (at == static_cast<int>(n) - 1) flush_stream();
  };

  auto take_header = [&](std::span<const std::string_view> cells, int line, bool repeated) {
    if (!repeated) {
      settle_amounts();
      pending.clear();
      finish_blocks();
      for (auto& c : carry1) c.clear();
      for (auto& c : carry2) c.clear();
    }
    const bool was_period = header.period;
    header = {};
    // One allocation each: grown a column at a time they were reallocated
    // (and the texts moved) three or four times per header, 24 thousand
    // headers in a 30 MB grid book.
    header.cols.reserve(cells.size());
    header.texts.reserve(cells.size());
    header.period = period_section;
    std::size_t level3_seen = 0;
    for (std::size_t k = 0; k < cells.size(); ++k) {
      const std::string_view text = cells[k];
      // The field and its column, looked up once (an empty cell names none).
      const CellField named = cell_field(text);
      std::optional<Col> col = text.empty() ? std::optional<Col>(Col::Ignore) : named.column;
      if (!col) {
        if (looks_like_region(text)) {
          col = Col::Region;
        } else {
          col = Col::Ignore;
          diag(Severity::Warning, "grid.header-unknown", line,
               "column " + std::to_string(k + 1) + " is headed '" + std::string(text) +
                   "', which no reader maps; its cells are left out");
        }
      }
      if (*col == Col::Level3 && ++level3_seen == 2) {
        // The second block starts at its own level columns.
        std::size_t start = k;
        while (start > 0 && (header.cols[start - 1] == Col::Level1 || header.cols[start - 1] == Col::Level2))
          --start;
        header.second_block = start;
      }
      header.cols.push_back(*col);
      header.texts.push_back(text);
      const std::string_view f = named.field;
      if (f == "grid.label_period") header.period = true;
      if (f == "grid.label") header.period = false;
    }
    if (repeated && header.period != was_period) {
      // Not the header again after a page break: the other block (中期 or 年度) begins.
      for (auto& c : carry1) c.clear();
      for (auto& c : carry2) c.clear();
    }
    // A header the reader cannot map is an error that says why, not a guess.
    auto has = [&](Col c) { return std::count(header.cols.begin(), header.cols.end(), c) > 0; };
    if (!has(Col::Level3)) {
      diag(Severity::Error, "grid.unmapped", line,
           "the indicator header (" + std::to_string(cells.size()) +
               " columns) has no column for the indicator's name (三级指标 / 指标名称); its rows are not "
               "read");
      header.cols.assign(header.cols.size(), Col::Ignore);
    } else if (!has(Col::Target) && !has(Col::PeriodTarget) && !has(Col::Region)) {
      diag(Severity::Error, "grid.unmapped", line,
           "the indicator header has no value column (指标值 / 目标值, or one per region); targets are not "
           "read");
    }
    if (std::count(header.cols.begin(), header.cols.end(), Col::Region) > 0) {
      std::string names;
      for (std::size_t k = 0; k < header.cols.size(); ++k) {
        if (header.cols[k] == Col::Region) {
          names += names.empty() ? "" : "、";
          names += header.texts[k];
        }
      }
      diag(Severity::Notice, "grid.region-columns", line,
           "one value column per region (" + names + "): each region read as a unit with its own targets");
    }
    stream_row.assign(header.cols.size(), "");
    stream_col = -1;
    rows_since_header = 0;
    state = State::Indicators;
  };

  // A second header row under a spanning head ("指标值" over "全省 | 甲市 |
  // 乙市", or over "实施期 | 年度"): its cells name the columns below them.
  auto refine_header = [&](const GridRow& r) {
    if (r.cells.size() > header.cols.size()) return false;
    bool any = false;
    for (std::string_view c : r.cells) {
      if (c.empty()) continue;
      if (resolve_level1(c) || resolve_level2(c)) return false;
      if (!column_of_cell(c) && !looks_like_region(c)) return false;
      any = true;
    }
    if (!any) return false;
    std::string names;
    for (std::size_t k = 0; k < r.cells.size(); ++k) {
      const std::string_view c = r.cells[k];
      if (c.empty()) continue;
      auto col = column_of_cell(c);
      header.cols[k] = col ? *col : Col::Region;
      header.texts[k] = c;
      if (!col) {
        names += names.empty() ? "" : "、";
        names += c;
      }
    }
    if (!names.empty()) {
      diag(Severity::Notice, "grid.region-columns", r.first_line,
           "one value column per region (" + names + "): each region read as a unit with its own targets");
    }
    stream_row.assign(header.cols.size(), "");
    return true;
  };

  // A row is the indicator header when its cells name a level or an
  // indicator name and a target. `fields`: what each cell names (cell_field).
  auto is_header = [](std::span<const CellField> fields) {
    bool level = false, value = false;
    for (const CellField& f : fields) {
      if (!f.column) continue;
      const Col col = *f.column;
      level = level || col == Col::Level1 || col == Col::Level2 || col == Col::Level3;
      value = value || col == Col::Target || col == Col::PeriodTarget;
    }
    return level && (value || fields.size() >= 3);
  };
  // The header's cells when `r` is the header row, else none. Asked of every
  // row: the row's cells are copied only when they are the header.
  // `fields`: the row's cells' fields, found once per row (row_fields below).
  // Views: of the row's cells, which outlive the reading, or of a glued
  // header's cells, kept in glued_heads (a string per cell was an
  // allocation each, and take_header copied them again).
  std::deque<std::string> glued_heads;
  auto header_cells_of = [&](const GridRow& r,
                             std::span<const CellField> fields) -> std::vector<std::string_view> {
    if (r.cells.size() == 1) {
      if (std::vector<std::string> glued = split_glued_header(r.cells[0]); !glued.empty()) {
        std::vector<CellField> glued_fields;
        for (const std::string& c : glued) glued_fields.push_back(cell_field(c));
        if (!is_header(glued_fields)) return {};
        std::vector<std::string_view> cells;
        for (std::string& c : glued) cells.push_back(glued_heads.emplace_back(std::move(c)));
        return cells;
      }
    }
    if (is_header(fields)) return std::vector<std::string_view>(r.cells.begin(), r.cells.end());
    return {};
  };
  // A cell whose bytes equal the cell to its left takes that cell's answer
  // (the answer depends on the text alone): a grid's 三级指标 and 绩效指标描述
  // cells are most often the same text, and a length test and a short
  // memcmp cost a fraction of the memo's hash, probe and compare.
  auto fields_of = [](std::span<const std::string_view> cells, std::vector<CellField>& out) {
    out.clear();
    for (std::size_t c = 0; c < cells.size(); ++c) {
      const std::string_view cell = cells[c];
      if (c > 0 && !cell.empty() && cell.size() == cells[c - 1].size() &&
          std::memcmp(cell.data(), cells[c - 1].data(), cell.size()) == 0) {
        out.push_back(out.back());
      } else {
        out.push_back(cell_field(cell));
      }
    }
  };

  // A label's value, assigned to the field it names.
  auto assign = [&](std::string_view field, std::string_view value, int line) {
    if (value.empty()) return;
    if (field == "col.name") {
      if (!project || project->name) start_project(line);
      project->name = value;
      return;
    }
    if (field == "meta.department") {
      read_department(value, doc);
      return;
    }
    if (field == "col.total" || field == "col.fiscal" || field == "col.special" || field == "col.other" ||
        field == "col.fiscal_upper" || field == "col.fiscal_local") {
      ensure_project(line);
      Decimal d;
      if (!parse_amount_cell(value, &d)) {
        // "120万元": the figure with its unit.
        std::string v(value);
        for (std::string_view u : {"万元", "元"}) {
          if (ends_with(v, u)) {
            if (!unit_stated) {
              doc.amount_unit = std::string(u);
              unit_stated = true;
            }
            v.resize(v.size() - u.size());
            break;
          }
        }
        if (!parse_amount_cell(v, &d)) {
          diag(Severity::Warning, "amount.unreadable", line,
               "expected an amount after the label, found '" + std::string(value) + "'");
          return;
        }
      }
      if (field == "col.total") project->amounts.total = d;
      if (field == "col.fiscal") project->amounts.fiscal = d;
      if (field == "col.special") project->amounts.special = d;
      if (field == "col.other") project->amounts.other = d;
      if (field == "col.fiscal_upper") fiscal_upper = d;
      if (field == "col.fiscal_local") fiscal_local = d;
      return;
    }
    ensure_project(line);
    if (field == "grid.purpose") {
      project->purpose = value;
      last_text_field = field;
    } else if (field == "col.goal") {
      project->goal = value;
      last_text_field = field;
    } else if (field == "goal.period") {
      period_goal = value;
      last_text_field = field;
    }
  };

  auto append_text = [&](std::string_view text) {
    if (!project) return false;
    std::optional<std::string>* target = nullptr;
    if (last_text_field == "grid.purpose") target = &project->purpose;
    if (last_text_field == "col.goal") target = &project->goal;
    if (last_text_field == "goal.period") target = &period_goal;
    if (!target) return false;
    if (*target) {
      utf8::append_wrapped(**target, text);
    } else {
      *target = text;
    }
    return true;
  };

  // A view: compared with each name by length first (a std::string compared
  // with a literal measured the literal and compared bytes every time).
  auto is_amount_field = [](std::string_view f) {
    return f == "col.total" || f == "col.fiscal" || f == "col.special" || f == "col.other" ||
           f == "col.fiscal_upper" || f == "col.fiscal_local" || f == "amount.skip";
  };

  // One cell of the labelled part above the indicators.
  // `field`: field_of(cell), found by the caller with the row's other cells'.
  auto label_cell = [&](std::string_view cell, std::string_view field, int line, bool delimited) {
    if (state == State::Duties) return;
    // field_of's names stay where they are, so a view serves (an inline
    // label's too).
    if (field == "page.noise") return;
    if (field.empty() && !cell.empty()) {
      auto il = inline_label(cell);
      // "年度资金总额：" with its value in the next cell is a plain label.
      if (il && il->second.empty()) {
        field = il->first;
        il.reset();
      }
      if (il) {
        if (il->first == "page.noise") return;
        std::size_t colon = std::min(cell.find("："), cell.find(':'));
        std::string u = unit_in_label(cell.substr(0, colon));
        if (!u.empty()) {
          doc.amount_unit = u;
          unit_stated = true;
        }
        if (il->first == "meta.amount_unit") {
          doc.amount_unit = il->second;
          unit_stated = true;
          return;
        }
        if (il->first == "col.indicators" || il->first == "grid.label") return;
        if (il->first != "grid.meta" && il->first != "head.section" && il->first != "amount.skip")
          assign(il->first, il->second, line);
        pending.clear();
        return;
      }
    }
    if (!field.empty() && field != "row.total" && field.rfind("cue.", 0) != 0 && field.rfind("kw.", 0) != 0) {
      if (std::string u = unit_in_label(cell); !u.empty()) {
        doc.amount_unit = u;
        unit_stated = true;
      }
      if (field == "dept.duties") {
        doc.kind = DocumentKind::Department;
        state = State::Duties;
        pending.clear();
        return;
      }
      if (field == "head.section" || field == "col.indicators" || field == "grid.label") {
        pending.clear();
        return;
      }
      if (field == "meta.amount_unit") {
        pending.push_back({field, line});
        return;
      }
      // A text label directly after another text label with no value
      // between them: the first was a heading (总体目标 → 年度目标).
      if (!is_amount_field(field) && !pending.empty() && !is_amount_field(pending.back().field))
        pending.pop_back();
      pending.push_back({field, line});
      last_was_label = true;
      return;
    }
    if (cell.empty()) {
      // An empty cell right after its label: the value is empty.
      if (delimited && last_was_label && !pending.empty()) pending.pop_back();
      last_was_label = false;
      return;
    }
    last_was_label = false;
    if (is_figure(cell)) {
      auto it = std::find_if(pending.begin(), pending.end(),
                             [&](const Pending& p) { return is_amount_field(p.field); });
      if (it != pending.end()) {
        const std::string_view f = it->field;
        pending.erase(it);
        last_was_label = false;
        if (f != "amount.skip") assign(f, cell, line);
        return;
      }
    }
    // A figure OCR damaged ("37x.00") still belongs to its amount label,
    // where it is reported, rather than to the text after it.
    auto figure_like = [&] {
      int digits = 0, other = 0;
      for (char ch : cell)
        (ch >= '0' && ch <= '9') ? ++digits : (static_cast<unsigned char>(ch) < 0x80 ? ++other : other += 9);
      return digits >= 2 && other <= 3;
    };
    auto it = std::find_if(pending.begin(), pending.end(), [&](const Pending& p) {
      return !is_amount_field(p.field) ||
             ((ends_with(cell, "元") || figure_like()) && is_amount_field(p.field));
    });
    if (it != pending.end()) {
      const std::string_view f = it->field;
      pending.erase(it);
      last_was_label = false;
      if (f == "meta.amount_unit") {
        doc.amount_unit = cell;
        unit_stated = true;
      } else if (f != "grid.meta" && f != "amount.skip") {
        assign(f, cell, line);
      }
      return;
    }
    if (!append_text(cell) && project) {
      diag(
          Severity::Notice, "grid.unlabelled", line,
          "text with no label before the indicators left out: '" + std::string(utf8::prefix(cell, 30)) + "'");
    }
  };

  // A row of labels over a row of their values ("资金总额 | 财政拨款 | 其他资金"
  // then the figures; "实施期目标 | 年度目标" then the two texts): each value
  // sits under its label, across the label's merged cells.
  auto label_row_then_values = [&](const GridRow& labels, const GridRow& values) {
    if (!labels.delimited || !values.delimited || labels.cells.size() < 2) return false;
    std::vector<std::pair<std::size_t, std::string_view>> cols;  // field names: views (see Pending)
    for (std::size_t k = 0; k < labels.cells.size(); ++k) {
      if (labels.cells[k].empty()) continue;
      const std::string_view f = field_of(labels.cells[k]);
      if (f.empty() || f == "page.noise") return false;
      if (f == "head.section" || f == "col.indicators" || f == "grid.label") continue;
      if (f.rfind("col.", 0) != 0 && f.rfind("goal.", 0) != 0 && f != "amount.skip" && f != "grid.purpose")
        return false;
      cols.emplace_back(k, f);
    }
    if (cols.size() < 2) return false;
    bool any_value = false;
    for (std::string_view v : values.cells) {
      if (v.empty()) continue;
      if (!field_of(v).empty() || inline_label(v)) return false;
      any_value = true;
    }
    if (!any_value) return false;
    for (std::string_view cell : labels.cells) {
      if (std::string u = unit_in_label(cell); !u.empty()) {
        doc.amount_unit = u;
        unit_stated = true;
      }
    }
    for (std::size_t c = 0; c < cols.size(); ++c) {
      std::size_t end =
          c + 1 < cols.size() ? cols[c + 1].first : std::max(labels.cells.size(), values.cells.size());
      for (std::size_t k = cols[c].first; k < end && k < values.cells.size(); ++k) {
        if (values.cells[k].empty()) continue;
        if (cols[c].second != "amount.skip") assign(cols[c].second, values.cells[k], values.first_line);
        break;
      }
    }
    pending.clear();
    if (project) project->span.last_line = values.last_line;
    return true;
  };

  std::vector<CellField> row_fields;  // the current row's, reused from row to row
  for (std::size_t r = 0; r < rows.size(); ++r) {
    const GridRow& row = rows[r];
    if (row.cells.empty()) continue;
    const std::string_view first = row.cells.front();
    // Web page furniture around the table.
    if (!row.delimited && is_noise(first)) {
      if (state == State::Indicators) flush_stream();
      continue;
    }
    // A page number between rows: the table goes on after it.
    if (!row.delimited && row.cells.size() == 1 && is_page_marker_between_rows(first)) continue;
    // A row of one cell (OCR keeps a title's empty cells beside it).
    const bool lone =
        std::all_of(row.cells.begin() + 1, row.cells.end(), [](std::string_view c) { return c.empty(); });
    if (row.bookmark || (lone && (state != State::Indicators || !row.delimited) && is_table_title(first) &&
                         !inline_label(first) && field_of(first).empty())) {
      if (state == State::Indicators) flush_stream();
      std::string title = strip_numbering(first);
      if (is_department_title(title)) doc.kind = DocumentKind::Department;
      if (!title.empty()) {
        titles.push_back(title);
        int strength = 0;
        if (int y = year_in_title(title, &strength)) year_votes[y] += 1 + 2 * strength;
      }
      if (row.bookmark || state == State::Indicators) state = State::Head;
      continue;
    }
    // A new 项目名称 starts a project wherever it stands.
    // What each cell names, found once for the row: the header test asks
    // it of every cell, the first cell's opens the tests below, and the
    // labels' cells are read by it (each used to look it up again).
    fields_of(row.cells, row_fields);
    std::string_view first_field = row_fields.front().field;
    if (first_field.empty()) {
      if (auto il = inline_label(first)) first_field = il->first;
    }
    if (first_field == "col.name" && (state == State::Indicators || state == State::Head)) {
      if (state == State::Indicators) flush_stream();
      if (project && (project->name || !project->indicators.empty())) start_project(row.first_line);
      state = State::Labels;
    }
    // "中期绩效指标" / "年度绩效指标" standing alone above their block.
    if (lone && (first_field == "grid.label_period" || first_field == "grid.label")) {
      if (state == State::Indicators) flush_stream();
      period_section = first_field == "grid.label_period";
      continue;
    }
    if (!row.delimited && row.cells.size() == 1 && state != State::Indicators) {
      // A header flattened one cell per line: gather its cells.
      std::vector<std::string_view> cells;
      std::size_t j = r;
      while (j < rows.size() && !rows[j].delimited && rows[j].cells.size() == 1 &&
             column_of_cell(rows[j].cells[0]))
        cells.push_back(rows[j++].cells[0]);
      if (cells.size() >= 3) {
        GridRow joined;
        joined.cells = cells;
        std::vector<CellField> joined_fields;
        fields_of(joined.cells, joined_fields);
        if (auto header_cells = header_cells_of(joined, joined_fields); !header_cells.empty()) {
          ensure_project(row.first_line);
          take_header(header_cells, row.first_line, false);
          r = j - 1;
          continue;
        }
      }
    }
    if (auto cells = header_cells_of(row, row_fields); !cells.empty()) {
      if (state != State::Indicators) {
        ensure_project(row.first_line);
        take_header(cells, row.first_line, false);
      } else {
        // The header again after a page break: same columns, groups carry on.
        flush_stream();
        take_header(cells, row.first_line, true);
      }
      continue;
    }
    if (state == State::Head) {
      if (first_field == "meta.department" || first_field == "col.name" ||
          first_field == "meta.amount_unit" || first_field == "col.goal" || first_field == "dept.duties" ||
          first_field == "col.total" || first_field == "grid.meta" ||
          (inline_label(first) && !first_field.empty())) {
        state = State::Labels;
      } else {
        // Above the labels: a department cell of a Word export, "单位：万元".
        for (std::string_view cell : row.cells) {
          if (cell.empty()) continue;
          std::string key = vocabulary_key(cell);
          const std::size_t unit_at = key.find("单位:");
          if (key.rfind("单位:", 0) == 0 || key.rfind("金额单位:", 0) == 0) {
            doc.amount_unit = key.substr(key.find(':') + 1);
            unit_stated = true;
          } else if (unit_at != std::string::npos && !doc.department &&
                     is_money_unit(
                         std::string_view(key).substr(unit_at + std::string_view("单位:").size()))) {
            // "561746某某局单位：万元": code, department and unit in one
            // cell (an HTML or PDF head line with no space between them).
            std::string before = key.substr(0, unit_at);
            if (before.size() >= 6 && before.compare(before.size() - 6, 6, "金额") == 0)
              before.resize(before.size() - 6);
            if (!before.empty() && header_field(before).empty()) read_department(before, doc);
            doc.amount_unit = key.substr(unit_at + std::string_view("单位:").size());
            unit_stated = true;
          } else if (row.delimited && !doc.department) {
            read_department(cell, doc);
          } else if (auto head = coded_department_line(cell); head && !doc.department) {
            // "209101某某局 香位万元": a scan's head line, its 单位： misread.
            read_department(head->department, doc);
            if (!head->amount_unit.empty()) {
              doc.amount_unit = head->amount_unit;
              unit_stated = true;
              diag(Severity::Notice, "head.unit-label", row.first_line,
                   "the amount unit is read from \"" + head->label + "\", taken for 单位：" +
                       head->amount_unit + " (its label unreadable)");
            } else if (!head->label.empty()) {
              diag(Severity::Warning, "head.unit-unreadable", row.first_line,
                   "the amount unit \"" + head->label + "\" cannot be read; amounts are taken in " +
                       doc.amount_unit + ", the usual unit: check it on the page");
            }
          } else if (int strength = 0;
                     !row.delimited && key.size() <= 40 && year_in_title(key, &strength) && strength == 2) {
            // "（2024年度）" under the title.
            year_votes[year_in_title(key)] += 5;
          }
        }
        continue;
      }
    }
    if (state == State::Duties) {
      // 年度履职目标's own table (任务, 内容, 金额) until the indicators or
      // the next label of the head (年度总体目标 may follow it).
      bool head_label = first_field.rfind("col.", 0) == 0 || first_field.rfind("goal.", 0) == 0 ||
                        first_field == "meta.department";
      if (!head_label) continue;
      state = State::Labels;
    }
    if (state == State::Labels) {
      if (auto b = bracket_indicator(first)) {
        // Indicators written one a line: "【产出指标-数量指标】 指标1:机柜数量(≥77台)".
        settle_amounts();
        pending.clear();
        header = {};
        header.cols = {Col::Level1, Col::Level2, Col::Level3, Col::Target};
        state = State::Indicators;
      } else {
        last_was_label = false;  // an empty cell on the next row is not the label's value
        if (r + 1 < rows.size() && label_row_then_values(row, rows[r + 1])) {
          ++r;
          continue;
        }
        for (std::size_t k = 0; k < row.cells.size(); ++k)
          label_cell(row.cells[k], row_fields[k].field, row.first_line, row.delimited);
        if (project) project->span.last_line = row.last_line;
        continue;
      }
    }
    // State::Indicators
    if (rows_since_header == 0 && row.delimited && refine_header(row)) continue;
    ++rows_since_header;
    if (auto b = bracket_indicator(first)) {
      std::string rest = b->rest;
      for (std::size_t k = 1; k < row.cells.size(); ++k) rest += row.cells[k];
      std::string name = clean_indicator_name(rest), target;
      if (auto nt = split_trailing_target(name, false)) {
        name = nt->name;
        target = nt->target;
      }
      std::vector<std::string> cells(header.cols.size());
      int l1 = index_of(Col::Level1, 0), l2 = index_of(Col::Level2, 0), l3 = index_of(Col::Level3, 0),
          t = index_of(Col::Target, 0);
      if (l1 >= 0) cells[l1] = b->level1;
      if (l2 >= 0) cells[l2] = b->level2;
      if (l3 >= 0) cells[l3] = name;
      if (t >= 0) cells[t] = target;
      emit_indicator(cells, row.first_line, row.last_line);
      continue;
    }
    if (row.delimited && row.cells.size() > 1) {
      flush_stream();
      // A row as wide as the header (nearly all) is placed as it stands.
      if (row.cells.size() == header.cols.size()) {
        emit_indicator(row.cells, row.first_line, row.last_line);
      } else {
        emit_indicator(align_row(row.cells, row.first_line), row.first_line, row.last_line);
      }
      continue;
    }
    if (auto head = coded_department_line(first);
        head && !row.delimited && doc.department_code &&
        head->department.rfind(*doc.department_code, 0) == 0) {
      // The department's line under the next table's title: that table's
      // head, not a cell. A scan's cells come from its rules, so what was
      // gathered since the last row was text outside them, the title OCR
      // could not read as one: it is dropped, and said so.
      if (src.format == "scan" && stream_col >= 0) {
        std::string dropped;
        for (const std::string& c : stream_row) dropped += c;
        diag(Severity::Warning, "grid.unread-title", stream_line,
             "text between two tables, taken for a title OCR could not read, is left out: \"" + dropped + "\"");
        stream_row.assign(header.cols.size(), "");
        stream_col = -1;
      }
      flush_stream();
      state = State::Head;
      continue;
    }
    if (auto glued = split_glued_row(first); glued && !row.delimited) {
      flush_stream();
      std::vector<std::string> cells(header.cols.size());
      int l1 = index_of(Col::Level1, 0), l2 = index_of(Col::Level2, 0), l3 = index_of(Col::Level3, 0),
          t = index_of(Col::Target, 0);
      if (l1 >= 0) cells[l1] = (*glued)[0];
      if (l2 >= 0) cells[l2] = (*glued)[1];
      if (l3 >= 0) cells[l3] = (*glued)[2];
      if (t >= 0 && glued->size() > 3) cells[t] = (*glued)[3];
      emit_indicator(cells, row.first_line, row.last_line);
      continue;
    }
    stream_cell(first, row.first_line);
  }
  if (state == State::Indicators) flush_stream();
  settle_amounts();
  finish_blocks();

  if (titles.size() == 1 || (!titles.empty() && projects.size() <= 1)) doc.title = titles.front();
  if (!year_votes.empty()) {
    int best = 0, votes = 0;
    for (auto [y, v] : year_votes) {
      if (v > votes) {
        best = y;
        votes = v;
      }
    }
    doc.year = best;
  }
  if (doc.kind == DocumentKind::Department) {
    // The whole department's targets: one project without a name.
    for (Project& p : projects) p.name.reset();
  }
  Unit unit;
  unit.name = doc.department.value_or("");
  unit.code = doc.department_code;
  unit.projects = std::move(projects);
  if (!unit.projects.empty())
    unit.span = {unit.projects.front().span.first_line, unit.projects.back().span.last_line, 0};
  doc.units.push_back(std::move(unit));
  for (RegionTargets& r : regions) {
    auto u = std::find_if(doc.units.begin() + 1, doc.units.end(),
                          [&](const Unit& x) { return x.name == r.region; });
    if (u == doc.units.end()) {
      doc.units.push_back(Unit{});
      u = doc.units.end() - 1;
      u->name = r.region;
    }
    Project p;
    p.name = r.project;
    p.indicators = std::move(r.indicators);
    if (!p.indicators.empty())
      p.span = {p.indicators.front().span.first_line, p.indicators.back().span.last_line, 0};
    u->span = p.span;
    u->projects.push_back(std::move(p));
  }
  return doc;
}

}  // namespace jixiao
