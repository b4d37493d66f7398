#include "recognise/summary_table.hpp"

#include <algorithm>
#include <iterator>
#include <optional>
#include <set>
#include <string>
#include <unordered_map>
#include <utility>

#include "recognise/amount_text.hpp"
#include "recognise/header_meta.hpp"
#include "recognise/indicator_text.hpp"
#include "recognise/line_search.hpp"
#include "recognise/vocabulary.hpp"
#include "text/key.hpp"
#include "text/page_number.hpp"
#include "text/utf8.hpp"

namespace jixiao {
namespace {

using Column = SummaryHeads::Column;
using HeaderBlock = SummaryHeads::Block;

// One table row as read, before it is known to be a unit or a project.
struct RawRow {
  std::string name;
  std::vector<std::optional<Decimal>> figures;  // printed order when positions are lost; nullopt = unreadable
  std::vector<std::optional<Decimal>> by_column;  // when positions are known
  bool positions_known = false;
  std::string body;                                     // goal and indicators, joined
  std::vector<std::string> text_cells;                  // a cell row: its cells after the figures
  std::vector<std::pair<std::size_t, int>> body_lines;  // (offset in body, source line)
  int indent = 0;
  int first_line = 0;
  int last_line = 0;
  bool in_name = false;  // still collecting a wrapped name
  int name_lines = 0;
  bool unreadable_amounts = false;  // an amount cell held something no figure
};

// A cell row's goal and indicators as one text, the way a text export
// prints them: the non-empty cells in order, a space between.
std::string body_of_cells(const std::vector<std::string>& cells) {
  std::string text;
  for (const std::string& c : cells) {
    if (c.empty()) continue;
    if (!text.empty()) text += " ";
    text += c;
  }
  return utf8::squeeze_cjk_spaces(text);
}

std::optional<Column> amount_column(std::string_view field) {
  if (field == "col.total") return Column::Total;
  if (field == "col.fiscal") return Column::Fiscal;
  if (field == "col.special") return Column::Special;
  if (field == "col.other") return Column::Other;
  return std::nullopt;
}

bool contains_any(std::string_view key, const std::vector<std::string>& words, std::size_t from = 0) {
  for (const std::string& s : words) {
    // Only occurrences ending at or after `from` (key[0, from) is known to hold none).
    const std::size_t start = from >= s.size() ? from - s.size() + 1 : 0;
    if (utf8::find(key, s, start) != std::string_view::npos) return true;
  }
  return false;
}


// Whether `word` ends at text[end] with only white space (ASCII or U+3000)
// between its bytes' characters, as a vocabulary key would join them.
bool ends_spaced(std::string_view text, std::size_t end, std::string_view word) {
  std::size_t i = end, w = word.size();
  while (w > 0 && i > 0) {
    const char c = text[i - 1];
    if (w < word.size() && (c == ' ' || c == '\t' || c == '\r' || c == '\n')) {
      --i;
    } else if (w < word.size() && i >= 3 && text.substr(i - 3, 3) == "\xE3\x80\x80") {
      i -= 3;
    } else if (c == word[w - 1]) {
      --i;
      --w;
    } else {
      return false;
    }
  }
  return w == 0;
}

// Column heads: 项目名称 … 绩效指标, possibly wrapped over several lines (a
// PDF export breaks "财政专户拨款" inside the word).
// The blocks in source order; with `first_before`, only the first block and
// only when it starts before that line (the first block the whole search
// finds, or none).
std::vector<HeaderBlock> find_header_blocks(const Source& src, int first_before = -1) {
  std::vector<HeaderBlock> blocks;
  const int n = static_cast<int>(src.lines.size());
  const int starts_end = first_before < 0 ? n : std::min(first_before, n);  // a block starts before it
  // A line can only hold the name column's head if its key holds a spelling,
  // so the raw line holds the spelling's text before any bracket with at
  // most white space between characters (all the key drops there). Testing
  // that first avoids building a key for the many lines that mention 项目.
  // The cores end in only a few distinct characters (名称, 单位), words the
  // reading finds in every line (text/line_words.hpp): a line is searched
  // for the ends its bits say it holds, and the cores are matched backwards
  // from each, rather than every line being searched for every core.
  struct CoreEnd {
    std::string end;  // the last character
    std::uint8_t bit;
    std::vector<std::string> cores;
  };
  static const std::vector<CoreEnd> core_ends = [] {
    std::vector<std::string> v;
    for (const std::string& s : spellings("col.name")) {
      std::string core = s.substr(0, std::min(s.find('('), s.find("（")));
      if (!core.empty() && std::find(v.begin(), v.end(), core) == v.end()) v.push_back(core);
    }
    // A core holding another core (转移支付项目名称 holds 项目名称) adds nothing to the test.
    std::vector<CoreEnd> ends;
    for (const std::string& c : v) {
      if (std::any_of(v.begin(), v.end(),
                      [&](const std::string& o) { return o != c && c.find(o) != std::string::npos; }))
        continue;
      std::size_t at = c.size();
      while (at > 0 && (static_cast<unsigned char>(c[at - 1]) & 0xC0) == 0x80) --at;
      const std::string end = c.substr(at == 0 ? 0 : at - 1);
      auto group = std::find_if(ends.begin(), ends.end(), [&](const CoreEnd& e) { return e.end == end; });
      if (group == ends.end()) group = ends.insert(ends.end(), CoreEnd{end, line_word_bit(end), {}});
      group->cores.push_back(c);
    }
    return ends;
  }();
  // Should the vocabulary give an end that is not a line word, every line is
  // searched for every end.
  static const bool bits_known =
      std::all_of(core_ends.begin(), core_ends.end(), [](const CoreEnd& e) { return e.bit != 0; });
  auto holds_core = [&](std::string_view text, std::uint8_t bits) {
    for (const CoreEnd& e : core_ends) {
      if (bits_known && (bits & e.bit) == 0) continue;
      for (std::size_t q = utf8::find(text, e.end); q != std::string_view::npos;
           q = utf8::find(text, e.end, q + 1)) {
        for (const std::string& core : e.cores) {
          if (ends_spaced(text, q + e.end.size(), core)) return true;
        }
      }
    }
    return false;
  };
  const SourceWords words(src);
  for (int i = 0; i < starts_end; ++i) {
    std::string_view text = src.lines[i].text;
    // A blank line (every other line of a table row's export) holds no head.
    if (text.empty() || !holds_core(text, words.of(static_cast<std::size_t>(i)))) continue;
    // Searched for any of them, not which: the words that add nothing to the
    // answer (转移支付项目名称 holds 项目名称, 年度绩效目标 ends in 绩效目标)
    // are left out, half the searches over each window of lines.
    static const std::vector<std::string> name_words = words_a_search_needs(spellings("col.name"), true);
    static const std::vector<std::string> head_words = [] {
      std::vector<std::string> both = spellings("col.indicators");
      const std::vector<std::string>& goal = spellings("col.goal");
      both.insert(both.end(), goal.begin(), goal.end());
      return words_a_search_needs(both, false);  // searched from `checked` on
    }();
    std::string key = vocabulary_key(text);
    if (!contains_any(key, name_words)) continue;
    std::string joined = key;
    int j = i;
    int seen = 0;
    // joined[0, checked) holds neither head: only what a line adds (and the
    // words it completes) is searched again.
    std::size_t checked = 0;
    auto heads_end = [&] {
      const bool found = contains_any(joined, head_words, checked);
      checked = joined.size();
      return found;
    };
    bool found = heads_end();
    while (!found && j + 1 < n && seen < 8) {
      ++j;
      if (src.lines[j].blank()) continue;
      ++seen;
      joined += vocabulary_key(src.lines[j].text);
      found = heads_end();
    }
    if (!found) continue;
    // An export that prints each head on its own line has 绩效指标 still to
    // come after 绩效目标: a line that is nothing but a column head belongs here.
    for (int k = j + 1; k < n && k <= j + 2; ++k) {
      if (src.lines[k].blank()) continue;
      const std::string field = header_field(src.lines[k].text);
      if (field != "col.indicators" && field != "col.goal") break;
      joined += vocabulary_key(src.lines[k].text);
      j = k;
    }
    HeaderBlock block;
    block.first = i;
    block.last = j;
    for (const HeaderHit& hit : find_headers(joined, "col.")) {
      if (auto c = amount_column(hit.field)) block.columns.push_back(*c);
    }
    if (block.columns.empty()) continue;
    if (i == j && !src.lines[i].cells.empty()) {
      for (const Cell& cell : src.lines[i].cells) block.cell_fields.push_back(header_field(cell.text));
    }
    blocks.push_back(std::move(block));
    if (first_before >= 0) break;
    i = j;
  }
  return blocks;
}

bool starts_with_total_label(std::string_view text, std::size_t* label_len) {
  std::string_view t = utf8::trim(text);
  static const std::vector<std::string>& total_labels = spellings("row.total");
  for (const std::string& s : total_labels) {
    if (!t.empty() && t[0] == s[0] && t.substr(0, s.size()) == s) {
      *label_len = s.size();
      return true;
    }
  }
  return false;
}

void set_column(Amounts& a, Column c, const Decimal& d) {
  switch (c) {
    case Column::Total:
      a.total = d;
      break;
    case Column::Fiscal:
      a.fiscal = d;
      break;
    case Column::Special:
      a.special = d;
      break;
    case Column::Other:
      a.other = d;
      break;
  }
}

std::optional<Decimal>& column_ref(Amounts& a, Column c) {
  switch (c) {
    case Column::Total:
      return a.total;
    case Column::Fiscal:
      return a.fiscal;
    case Column::Special:
      return a.special;
    case Column::Other:
      return a.other;
  }
  return a.total;
}

struct AmountReading {
  Amounts amounts;
  bool funding_inferred = false;  // which funding column held a figure was guessed
  std::string note;
};

// Figures whose column positions the export lost. The reading the seeds'
// documents support: one figure is 总计 and its single funding source; two
// equal figures are 总计 and one funding column; three are 总计, 财政拨款 and
// 其他资金 (FORMAT.md). Funding guessed here is settled by the unit sums later.
AmountReading read_figures(const std::vector<std::optional<Decimal>>& figures,
                           const std::vector<Column>& columns) {
  AmountReading r;
  const std::size_t n = figures.size();
  if (n == 0) return r;
  if (n >= columns.size() && !columns.empty()) {
    for (std::size_t k = 0; k < columns.size(); ++k) {
      if (figures[k]) set_column(r.amounts, columns[k], *figures[k]);
    }
    return r;
  }
  r.amounts.total = figures[0];
  if (n == 1) {
    r.amounts.fiscal = figures[0];
    r.funding_inferred = figures[0].has_value();
    r.note = "one figure: read as 总计 and its only funding column";
  } else if (n == 2) {
    r.amounts.fiscal = figures[1];
    r.funding_inferred = figures[0] && figures[1] && *figures[1] == *figures[0];
    if (!r.funding_inferred) r.note = "two different figures: read as 总计 and 财政拨款";
  } else {
    r.amounts.fiscal = figures[1];
    r.amounts.other = figures[2];
    if (n > 3) r.amounts.special = figures[3];
  }
  return r;
}

std::string fmt_column_note(const std::string& project, const char* column) {
  return "project '" + project + "': the export does not show which funding column holds its figure; " +
         column + " makes the projects add up to their unit";
}

bool has_figures(const TrailingAmounts& ta) { return !ta.figures.empty() || !ta.damaged.empty(); }

std::vector<std::optional<Decimal>> figure_slots(const TrailingAmounts& ta, int line,
                                                 std::vector<Diagnostic>& diags) {
  std::vector<std::optional<Decimal>> slots;
  if (!ta.damaged.empty()) {
    slots.emplace_back(std::nullopt);
    diags.push_back({Severity::Warning, "amount.unreadable", line, 0,
                     "'" + std::string(ta.damaged) +
                         "' is not a number: expected an amount such as 1,300.16; "
                         "its column is left empty"});
  }
  for (const Decimal& d : ta.figures) slots.emplace_back(d);
  return slots;
}

struct ReadProject {
  Project project;
  bool funding_inferred = false;
  bool has_body = false;
  bool unreadable_amounts = false;
  int indent = 0;
  int last_line = 0;
};

// Whether the first of `rows` is the 合计 row with its label misread: a
// label of two characters, one of them where 合计 or 总计 has it, no goal
// or indicators, and a total that the rows below without goal or
// indicators (the units) add up to. A unit named in two characters ("总队")
// heads projects, which have goals, so its total is not their sum.
bool looks_like_misread_total(const std::vector<ReadProject>& rows) {
  const ReadProject& first = rows.front();
  if (first.has_body || first.unreadable_amounts || !first.project.amounts.total) return false;
  const std::string name(utf8::trim(first.project.name.value_or("")));
  if (utf8::length(name) != 2) return false;
  static const std::vector<std::string>& total_labels = spellings("row.total");
  bool near = false;
  for (const std::string& s : total_labels) {
    if (utf8::length(s) != 2 || name == s) continue;
    const std::size_t split = utf8::prefix(s, 1).size();
    const std::size_t name_split = utf8::prefix(name, 1).size();
    near = near || name.compare(0, name_split, s, 0, split) == 0 ||
           name.compare(name_split, std::string::npos, s, split, std::string::npos) == 0;
  }
  if (!near) return false;
  Decimal sum;
  int units = 0;
  for (std::size_t k = 1; k < rows.size(); ++k) {
    if (rows[k].has_body || !rows[k].project.amounts.total) continue;
    sum = sum + *rows[k].project.amounts.total;
    ++units;
  }
  return units > 0 && sum == *first.project.amounts.total;
}

// A unit whose amount cells OCR garbled: each column it lacks is the sum of
// its projects' (a unit's figures are its projects' sums), and it is said so.
void sum_unreadable_unit(Unit& unit, std::vector<ReadProject*>& projects, std::vector<Diagnostic>& diags) {
  bool filled = false;
  for (Column c : {Column::Total, Column::Fiscal, Column::Special, Column::Other}) {
    std::optional<Decimal>& col = column_ref(unit.amounts, c);
    if (col) continue;
    std::optional<Decimal> sum;
    for (ReadProject* rp : projects) {
      if (const std::optional<Decimal>& v = column_ref(rp->project.amounts, c)) {
        sum = sum ? *sum + *v : *v;
      }
    }
    if (sum) {
      col = sum;
      filled = true;
    }
  }
  if (filled) {
    diags.push_back({Severity::Notice, "amount.summed", unit.span.first_line, 0,
                     "unit '" + unit.name + "': its amounts could not be read; the sums of its projects are given"});
  }
}

// The funding column of a single-source row is not printed in a text export;
// pick the assignment that makes the projects add up to their unit, and say so.
void settle_funding(Unit& unit, std::vector<ReadProject*>& projects, std::vector<Diagnostic>& diags) {
  for (Column target : {Column::Other, Column::Special}) {
    std::optional<Decimal>& unit_col = column_ref(unit.amounts, target);
    if (!unit_col) continue;
    Decimal sum;
    for (ReadProject* p : projects) {
      if (auto& v = column_ref(p->project.amounts, target)) sum = sum + *v;
    }
    Decimal missing = *unit_col - sum;
    if (missing.is_zero() || missing < Decimal()) continue;
    std::vector<ReadProject*> movable;
    for (ReadProject* p : projects) {
      if (p->funding_inferred && p->project.amounts.fiscal && !column_ref(p->project.amounts, target)) {
        movable.push_back(p);
      }
    }
    // Where several rows would make the sums hold, a row whose name says
    // where its money comes from (其他收入, 非财政拨款 … in the vocabulary) goes first.
    // Where several rows would make the sums hold, rows whose names say where
    // their money comes from (其他收入, 非财政拨款 … in the vocabulary) are
    // tried first, alone and in pairs, before all rows are.
    auto cued = [&](ReadProject* p) {
      const std::string key = vocabulary_key(p->project.name.value_or(""));
      for (const std::string& cue : spellings(target == Column::Other ? "cue.other" : "cue.special")) {
        if (key.find(cue) != std::string::npos) return true;
      }
      return false;
    };
    std::vector<ReadProject*> with_cue;
    std::copy_if(movable.begin(), movable.end(), std::back_inserter(with_cue), cued);
    auto move = [&](ReadProject* p) {
      column_ref(p->project.amounts, target) = p->project.amounts.fiscal;
      p->project.amounts.fiscal.reset();
      p->funding_inferred = false;
      diags.push_back(
          {Severity::Notice, "amount.column-inferred", p->project.span.first_line, 0,
           fmt_column_note(*p->project.name, target == Column::Other ? "其他资金" : "财政专户拨款")});
    };
    auto settle = [&](const std::vector<ReadProject*>& rows) {
      for (ReadProject* p : rows) {
        if (*p->project.amounts.fiscal == missing) {
          move(p);
          return true;
        }
      }
      // Two rows together: a two-sum over exact amounts (hashed at a fixed
      // scale, then checked exactly), linear so a unit of thousands of
      // projects stays cheap.
      auto key = [](const Decimal& d) { return (d - Decimal(0, 6)).mantissa(); };
      std::unordered_map<std::int64_t, std::size_t> seen;
      for (std::size_t b = 0; b < rows.size(); ++b) {
        const Decimal& v = *rows[b]->project.amounts.fiscal;
        auto hit = seen.find(key(missing - v));
        if (hit != seen.end() && *rows[hit->second]->project.amounts.fiscal + v == missing) {
          move(rows[hit->second]);
          move(rows[b]);
          return true;
        }
        seen.emplace(key(v), b);
      }
      return false;
    };
    if (!settle(with_cue)) settle(movable);
  }
}

}  // namespace

std::vector<std::string> words_a_search_needs(const std::vector<std::string>& words, bool anywhere) {
  std::vector<std::string> out;
  for (std::size_t a = 0; a < words.size(); ++a) {
    const std::string& w = words[a];
    bool redundant = false;
    for (std::size_t b = 0; b < words.size() && !redundant; ++b) {
      const std::string& u = words[b];
      if (b == a || u.empty() || u.size() > w.size()) continue;
      if (u.size() == w.size() && (u != w || b > a)) continue;  // of equals, the first stays
      redundant = anywhere ? w.find(u) != std::string::npos : w.compare(w.size() - u.size(), u.size(), u) == 0;
    }
    if (!redundant) out.push_back(w);
  }
  return out;
}

SummaryHeads find_summary_heads(const Source& source) { return {find_header_blocks(source)}; }

SummaryHeads find_first_summary_heads(const Source& source, int before_line) {
  return {find_header_blocks(source, std::max(before_line, 0))};
}

Document recognise_summary(const Source& source) { return recognise_summary(source, find_summary_heads(source)); }

Document recognise_summary(const Source& src, const SummaryHeads& heads) {
  Document doc;
  const std::vector<HeaderBlock>& blocks = heads.blocks;
  if (blocks.empty()) return doc;  // layout stays empty: not this layout
  doc.layout = "summary";
  const HeaderBlock& head = blocks.front();
  const int max_figures = static_cast<int>(head.columns.size());

  read_preamble(src, 0, head.first, doc);

  // One flag per line (a tree of line numbers was asked about every line).
  std::vector<bool> header_lines(src.lines.size(), false);
  for (const auto& b : blocks) {
    for (int i = b.first; i <= b.last; ++i) header_lines[i] = true;
  }

  // A page's header repeats more than the column heads: the title (and at
  // times the 部门名称 line) printed above them, or below a page number when
  // the heads are not repeated. Such a line spliced into a row cut by the page
  // break would land in its goal or an indicator's value. It is dropped where
  // it stands at a page break: next to a repeated head or a page number, with
  // only blank lines, page numbers and other header lines between. Below a
  // page number the walk is made when the reading reaches it.
  std::set<std::string> preamble_keys;
  for (int i = 0; i < head.first; ++i) {
    if (src.lines[i].blank()) continue;
    std::string key = vocabulary_key(src.lines[i].text);
    if (utf8::length(key) >= 2) preamble_keys.insert(std::move(key));
  }
  auto drop_page_header = [&](int from, int step) {
    if (preamble_keys.empty()) return;
    for (int i = from; i > head.last && i < static_cast<int>(src.lines.size()); i += step) {
      const Line& l = src.lines[i];
      if (header_lines[i] || l.blank() || is_page_furniture_line(l.text)) continue;
      if (!preamble_keys.count(vocabulary_key(l.text))) break;
      header_lines[i] = true;
    }
  };
  for (std::size_t b = 1; b < blocks.size(); ++b) drop_page_header(blocks[b].first - 1, -1);

  std::vector<RawRow> rows;
  std::optional<RawRow> total_row;
  RawRow* current = nullptr;
  bool any_indent = false;

  auto add_body = [](RawRow& row, std::string_view text, int line) {
    // A project's goal and indicators run to a kilobyte or two over a dozen
    // lines or more: room for a kilobyte from its first line spares the
    // string and the line list most of their regrowths (each a copy of all
    // so far). Not more: every row of a table is held until the table ends,
    // so a one-document table of 344,000 projects held 360 MB more with
    // room for two (and no fewer instructions).
    if (row.body_lines.empty()) {
      row.body.reserve(1024);
      row.body_lines.reserve(16);
    }
    row.body_lines.emplace_back(row.body.size(), line);
    utf8::append_wrapped(row.body, text);
    if (!row.text_cells.empty()) utf8::append_wrapped(row.text_cells.back(), text);
    row.last_line = line;
  };

  // A header repeated since the last row: the table went on to a new page.
  bool after_repeated_header = false;
  // The row (or 合计) whose figures the last figure line gave, and that
  // line's index: an export printing one cell a line puts each figure on a
  // line of its own, and the next figure line goes on where it stopped.
  RawRow* figures_row = nullptr;
  int figures_row_line = -1;
  for (int i = head.last + 1; i < static_cast<int>(src.lines.size()); ++i) {
    const Line& line = src.lines[i];
    if (header_lines[i]) {
      after_repeated_header = true;
      continue;
    }
    if (line.blank()) continue;
    if (is_page_furniture_line(line.text)) {
      drop_page_header(i + 1, 1);
      continue;
    }
    const bool new_page = std::exchange(after_repeated_header, false);

    if (line.cells.size() >= 2) {
      // A tab-separated row: one row a line, positions as OCR left them.
      const auto& cells = line.cells;
      std::size_t label_len = 0;
      RawRow row;
      row.first_line = row.last_line = line.number;
      row.name = utf8::squeeze_cjk_spaces(utf8::trim(cells[0].text));
      const bool positions = head.cell_fields.size() == cells.size();
      row.positions_known = positions;
      if (positions) row.by_column.assign(4, std::nullopt);
      std::size_t pos = 1;
      std::string leftover;
      int figure_cells = 0;
      while (pos < cells.size() && figure_cells < max_figures) {
        std::string_view c = cells[pos].text;
        Decimal d;
        std::string_view rest;
        if (c.empty()) {
          ++pos;
          ++figure_cells;
          continue;
        }
        if (parse_amount_cell(c, &d)) {
          row.figures.push_back(d);
          if (positions) {
            if (auto col = amount_column(head.cell_fields[pos])) row.by_column[static_cast<int>(*col)] = d;
          }
          ++pos;
          ++figure_cells;
          continue;
        }
        if (positions && amount_column(head.cell_fields[pos])) {
          // A scan's figure cell OCR garbled ("23中9"): no goal text, and no
          // figure to guess at; the row keeps its place, the cell is reported.
          row.unreadable_amounts = true;
          doc.diagnostics.push_back({Severity::Warning, "amount.unreadable", line.number, 0,
                                     "row '" + row.name + "': the amount cell '" + std::string(c) +
                                         "' is not a figure"});
          ++pos;
          ++figure_cells;
          continue;
        }
        if (split_leading_amount(c, &d, &rest)) {
          row.figures.push_back(d);
          row.positions_known = false;
          leftover = std::string(rest);
          ++pos;
        }
        break;
      }
      if (!row.positions_known) row.by_column.clear();
      for (std::size_t k = pos; k < cells.size(); ++k) row.text_cells.emplace_back(cells[k].text);
      if (!leftover.empty()) {
        if (row.text_cells.empty()) row.text_cells.emplace_back();
        row.text_cells.front().insert(0, leftover);
      }
      row.body = body_of_cells(row.text_cells);
      row.body_lines.emplace_back(0, line.number);
      // A cut row's figures are printed once, on one side of the break: a
      // row whose amount cells hold something OCR could not read is a row of
      // its own when the row above already has its figures.
      const bool own_figures = current && row.unreadable_amounts && !current->figures.empty();
      if (current && row.figures.empty() && !own_figures && (row.name.empty() || new_page) &&
          current->text_cells.size() == row.text_cells.size()) {
        // The rest of the row above, cut by a page break (the producer drew
        // a rule at the page's foot, so the reader could not join it): its
        // cells go on where the row above's stopped, name and goal included.
        utf8::append_wrapped(current->name, row.name);
        for (std::size_t k = 0; k < row.text_cells.size(); ++k) {
          utf8::append_wrapped(current->text_cells[k], row.text_cells[k]);
        }
        current->body = body_of_cells(current->text_cells);
        current->body_lines.emplace_back(current->body.size(), line.number);
        current->last_line = line.number;
        continue;
      }
      if (starts_with_total_label(row.name, &label_len) && label_len == row.name.size()) {
        total_row = std::move(row);
        current = nullptr;
        continue;
      }
      if (row.name.empty() && row.figures.empty()) {
        // A continuation line OCR split off: it belongs to the row above.
        if (current) add_body(*current, row.body, line.number);
        continue;
      }
      rows.push_back(std::move(row));
      current = &rows.back();
      continue;
    }

    // Plain text export: rows wrapped over lines.
    std::string_view text = line.text;
    const int line_index = i;
    // Figures too wide for their cells wrapped inside the number: the heads
    // end this line, the tails stand alone on the next.
    std::string joined_figures;
    {
      int next = i + 1;
      while (next < static_cast<int>(src.lines.size()) && src.lines[next].blank()) ++next;
      if (next < static_cast<int>(src.lines.size()) && !header_lines[next] &&
          src.lines[next].cells.size() < 2 &&
          join_wrapped_figures(text, src.lines[next].text, max_figures, &joined_figures)) {
        text = joined_figures;
        i = next;
      }
    }
    TrailingAmounts ta = trailing_amounts(text, max_figures);
    auto note_figures = [&](RawRow* row) {
      figures_row = row;
      figures_row_line = i;
    };
    if (has_figures(ta) && ta.text_end == 0 && figures_row && figures_row_line >= 0) {
      int prev = line_index - 1;
      while (prev > head.last && (src.lines[prev].blank() || is_page_furniture_line(src.lines[prev].text))) --prev;
      const std::size_t more = ta.figures.size() + (ta.damaged.empty() ? 0 : 1);
      if (prev == figures_row_line && !figures_row->in_name && figures_row->body.empty() &&
          figures_row->figures.size() + more <= static_cast<std::size_t>(max_figures)) {
        // The next figure of a row whose cells come one a line.
        for (auto& f : figure_slots(ta, line.number, doc.diagnostics)) figures_row->figures.push_back(f);
        figures_row->last_line = line.number;
        figures_row_line = i;
        continue;
      }
    }
    std::size_t label_len = 0;
    // The figures first: most lines (goals, indicators) have none, and the
    // label is then not looked for.
    if (has_figures(ta) && starts_with_total_label(text, &label_len) &&
        utf8::trim(text.substr(0, ta.text_end)).size() == label_len) {
      RawRow row;
      row.name = std::string(utf8::trim(text.substr(0, ta.text_end)));
      row.figures = figure_slots(ta, line.number, doc.diagnostics);
      row.first_line = row.last_line = line.number;
      total_row = std::move(row);
      current = nullptr;
      note_figures(&*total_row);
      continue;
    }
    if (current && current->in_name) {
      if (has_figures(ta)) {
        utf8::append_wrapped(current->name, text.substr(0, ta.text_end));
        current->figures = figure_slots(ta, line.number, doc.diagnostics);
        current->in_name = false;
        current->last_line = line.number;
        if (starts_with_total_label(current->name, &label_len) &&
            label_len == utf8::trim(current->name).size()) {
          // 合计 on a line of its own, its figures below it.
          total_row = std::move(*current);
          rows.pop_back();
          current = nullptr;
          note_figures(&*total_row);
          continue;
        }
        note_figures(current);
      } else if (current->name_lines >= 6) {
        // Six lines and still no figures: this was never a row name.
        doc.diagnostics.push_back({Severity::Warning, "row.no-amounts", current->first_line, 0,
                                   "expected the amounts of row '" + current->name +
                                       "' within a few lines; read it as a row without amounts"});
        current->in_name = false;
        add_body(*current, text, line.number);
      } else {
        utf8::append_wrapped(current->name, text);
        ++current->name_lines;
      }
      current->last_line = line.number;
      continue;
    }
    const bool indented = line.indent >= 2;
    const bool indicator_text = begins_inline_indicator(text);
    const bool row_line = has_figures(ta) && ta.text_end > 0;
    // Before any row, flush-left text can only be a row name (a unit whose
    // name wrapped before its figures).
    if ((indented && !indicator_text) || (!indented && !indicator_text && !current)) {
      RawRow row;
      row.indent = line.indent;
      row.first_line = row.last_line = line.number;
      any_indent = any_indent || indented;
      if (row_line) {
        row.name = std::string(utf8::trim(text.substr(0, ta.text_end)));
        row.figures = figure_slots(ta, line.number, doc.diagnostics);
      } else if (has_figures(ta)) {
        row.figures = figure_slots(ta, line.number, doc.diagnostics);  // figures alone on an indented line
      } else {
        row.name = std::string(text);
        row.in_name = true;
        row.name_lines = 1;
      }
      rows.push_back(std::move(row));
      current = &rows.back();
      if (has_figures(ta)) note_figures(current);
      continue;
    }
    if (!indented && row_line && !indicator_text && current && !any_indent) {
      // Without indentation a figure-ended line still opens a row, but only
      // in documents that never indent (else it is a goal line ending in figures).
      RawRow row;
      row.first_line = row.last_line = line.number;
      row.name = std::string(utf8::trim(text.substr(0, ta.text_end)));
      row.figures = figure_slots(ta, line.number, doc.diagnostics);
      rows.push_back(std::move(row));
      current = &rows.back();
      note_figures(current);
      continue;
    }
    if (!indented && row_line && !indicator_text && current && any_indent &&
        utf8::length(text.substr(0, ta.text_end)) <= 40) {
      // A flush-left row in an indented table is a unit (资金使用单位).
      RawRow row;
      row.first_line = row.last_line = line.number;
      row.name = std::string(utf8::trim(text.substr(0, ta.text_end)));
      row.figures = figure_slots(ta, line.number, doc.diagnostics);
      rows.push_back(std::move(row));
      current = &rows.back();
      note_figures(current);
      continue;
    }
    if (current && has_figures(ta) && ta.text_end == 0 && !indented) {
      // Figures alone on a line after finished body text: the lines since the
      // body's last full stop were a wrapped row name printed flush left (a
      // unit whose name is longer than its column).
      std::size_t cut = std::string::npos;
      int cut_line = 0;
      for (auto it = current->body_lines.rbegin(); it != current->body_lines.rend(); ++it) {
        std::string_view before = std::string_view(current->body).substr(0, it->first);
        if (before.size() >= 3 && before.substr(before.size() - 3) == "。") {
          cut = it->first;
          cut_line = it->second;
          break;
        }
      }
      // No full stop at all: a row that printed no goal (a unit) and one
      // name line after its figures, when that is all its body holds.
      if (cut == std::string::npos && !current->body_lines.empty() &&
          find_inline_indicator_start(current->body) == std::string::npos) {
        cut = 0;
        cut_line = current->body_lines.front().second;
      }
      if (cut != std::string::npos && utf8::length(std::string_view(current->body).substr(cut)) <= 60) {
        RawRow row;
        row.name = current->body.substr(cut);
        row.figures = figure_slots(ta, line.number, doc.diagnostics);
        row.first_line = cut_line;
        row.last_line = line.number;
        current->body.resize(cut);
        while (!current->body_lines.empty() && current->body_lines.back().first >= cut)
          current->body_lines.pop_back();
        if (!current->body_lines.empty()) current->last_line = current->body_lines.back().second;
        rows.push_back(std::move(row));
        current = &rows.back();
        note_figures(current);
        continue;
      }
    }
    if (current) {
      add_body(*current, text, line.number);
    } else {
      doc.diagnostics.push_back(
          {Severity::Warning, "row.orphan-text", line.number, 0,
           "text before the first row of the table was ignored: " + std::string(utf8::prefix(text, 30))});
    }
  }

  if (total_row) {
    AmountReading r = read_figures(total_row->figures, head.columns);
    doc.total = r.amounts;
  }

  // Build projects; then decide which rows are units.
  std::vector<ReadProject> read;
  read.reserve(rows.size());
  for (RawRow& row : rows) {
    ReadProject rp;
    rp.indent = row.indent;
    rp.unreadable_amounts = row.unreadable_amounts;
    rp.project.span = {row.first_line, row.last_line, 0};
    rp.project.name = row.name;  // cell rows were squeezed when read; text exports keep their spaces
    if (row.in_name) {
      doc.diagnostics.push_back({Severity::Warning, "row.no-amounts", row.first_line, 0,
                                 "row '" + row.name + "' ended before its amounts were printed"});
    }
    if (row.positions_known) {
      for (int c = 0; c < 4; ++c) {
        if (row.by_column[c]) set_column(rp.project.amounts, static_cast<Column>(c), *row.by_column[c]);
      }
    } else {
      AmountReading r = read_figures(row.figures, head.columns);
      rp.project.amounts = r.amounts;
      rp.funding_inferred = r.funding_inferred;
      if (!r.note.empty()) {
        doc.diagnostics.push_back({Severity::Notice, "amount.positions-lost", row.first_line, 0,
                                   "row '" + row.name + "': " + r.note});
      }
    }
    const std::string& body = row.body;
    // The indicators are read from the whole body: the first one's offset is
    // where the goal ends (one search for it, rather than a search and then
    // the same reading again where it was found).
    std::vector<InlineIndicatorProblem> problems;
    std::vector<std::size_t> offsets;
    rp.project.indicators = parse_inline_indicators(body, &problems, &offsets);
    const std::size_t start = offsets.empty() ? std::string::npos : offsets.front();
    std::string goal(utf8::trim(std::string_view(body).substr(0, std::min(start, body.size()))));
    if (!goal.empty()) rp.project.goal = goal;
    rp.has_body = !utf8::trim(body).empty();
    if (start != std::string::npos) {
      // Map offsets back to source lines for provenance. Squeezing spaces
      // shifts offsets slightly; lines are what a reviewer needs.
      // The line of the last body line starting at or before `off`. Body
      // lines are recorded in order of their offsets, so that is a binary
      // search (a walk over every body line for every indicator was
      // quadratic in a long project); the walk stays for a row whose
      // offsets are not in order.
      const bool in_order = std::is_sorted(row.body_lines.begin(), row.body_lines.end(),
                                           [](const auto& a, const auto& b) { return a.first < b.first; });
      auto line_at = [&](std::size_t off) {
        if (in_order) {
          auto after = std::upper_bound(row.body_lines.begin(), row.body_lines.end(), off,
                                        [](std::size_t o, const auto& entry) { return o < entry.first; });
          return after == row.body_lines.begin() ? row.first_line : std::prev(after)->second;
        }
        int ln = row.first_line;
        for (const auto& [o, l] : row.body_lines) {
          if (o <= off) ln = l;
        }
        return ln;
      };
      for (std::size_t k = 0; k < rp.project.indicators.size(); ++k) {
        int first = line_at(offsets[k]);
        std::size_t end_off = k + 1 < offsets.size() ? offsets[k + 1] : body.size();
        int last = line_at(end_off > 0 ? end_off - 1 : 0);
        rp.project.indicators[k].span = {first, std::max(first, last), 0};
      }
      for (const auto& pr : problems) {
        doc.diagnostics.push_back({Severity::Warning, "indicator.incomplete", line_at(pr.offset), 0,
                                   "project '" + rp.project.name.value_or("") + "': " + pr.message});
      }
    }
    rp.last_line = row.last_line;
    read.push_back(std::move(rp));
  }

  // A scan's 合计 whose label OCR misread ("台计"): no 合计 was found, and
  // the first row is a two-character label holding one of 合计's or 总计's
  // characters in its place, with neither goal nor indicators, whose total
  // the rows below it without goal or indicators (the units) add up to.
  if (!total_row && read.size() >= 2 && looks_like_misread_total(read)) {
    doc.diagnostics.push_back({Severity::Notice, "total.label-misread", read.front().project.span.first_line, 0,
                               "row '" + read.front().project.name.value_or("") +
                                   "' read as the 合计 row: its figures are the units' sum"});
    doc.total = read.front().project.amounts;
    read.erase(read.begin());
  }

  // Units: flush-left rows where projects are indented; else rows with no
  // goal or indicators whose total the following rows add up to.
  std::vector<bool> is_unit(read.size(), false);
  if (any_indent) {
    for (std::size_t k = 0; k < read.size(); ++k) is_unit[k] = read[k].indent < 2;
  } else {
    for (std::size_t k = 0; k < read.size(); ++k) {
      if (read[k].has_body || (!read[k].project.amounts.total && !read[k].unreadable_amounts)) continue;
      Decimal sum, fiscal_sum;
      std::size_t m = k + 1;
      auto member = [&](const ReadProject& rp) {
        return rp.has_body || (!rp.project.amounts.total && !rp.unreadable_amounts);
      };
      for (; m < read.size() && member(read[m]); ++m) {
        if (read[m].project.amounts.total) sum = sum + *read[m].project.amounts.total;
        if (read[m].project.amounts.fiscal) fiscal_sum = fiscal_sum + *read[m].project.amounts.fiscal;
      }
      const std::optional<Decimal>& total = read[k].project.amounts.total;
      const std::optional<Decimal>& fiscal = read[k].project.amounts.fiscal;
      bool adds_up = m > k + 1 && total && sum == *total;
      // A scan's unit row whose 总计 OCR misread (393.18 as 323.18): its
      // 财政拨款, read right, is still its projects' sum. Taken as the unit
      // with a notice; the 总计 stays as read, and the sum rules report it.
      if (!adds_up && m > k + 1 && fiscal && fiscal_sum == *fiscal && !(fiscal->is_zero())) {
        adds_up = true;
        doc.diagnostics.push_back({Severity::Notice, "unit.by-fiscal-sum", read[k].project.span.first_line, 0,
                                   "row '" + read[k].project.name.value_or("") +
                                       "' read as a unit: its 财政拨款 is the sum of the projects below it, "
                                       "its 总计 is not"});
      }
      // A row with neither goal nor indicators, whose amounts OCR garbled,
      // above rows that have them: a unit whose figures are lost.
      is_unit[k] = adds_up || (k == 0 && m > k + 1) || (read[k].unreadable_amounts && m > k + 1);
    }
  }

  auto new_unit_from = [&](ReadProject& rp) {
    Unit u;
    u.name = rp.project.name.value_or("");
    u.amounts = rp.project.amounts;
    u.span = rp.project.span;
    if (rp.funding_inferred && doc.total && doc.total->other && u.amounts.total == doc.total->other &&
        !(doc.total->fiscal && u.amounts.total == doc.total->fiscal)) {
      u.amounts.other = u.amounts.fiscal;
      u.amounts.fiscal.reset();
    }
    return u;
  };

  std::vector<std::vector<ReadProject*>> members;
  std::vector<bool> unreadable_unit;
  for (std::size_t k = 0; k < read.size(); ++k) {
    if (is_unit[k]) {
      doc.units.push_back(new_unit_from(read[k]));
      members.emplace_back();
      unreadable_unit.push_back(read[k].unreadable_amounts);
      continue;
    }
    if (doc.units.empty()) {
      Unit u;
      u.name = doc.department.value_or("");
      doc.units.push_back(std::move(u));
      members.emplace_back();
      unreadable_unit.push_back(false);
    }
    members.back().push_back(&read[k]);
    if (read[k].project.indicators.empty()) {
      doc.diagnostics.push_back({Severity::Warning, "indicator.none", read[k].last_line, 0,
                                 "project '" + read[k].project.name.value_or("") +
                                     "': no indicators found; expected text such as "
                                     "1、1-产出指标；11-数量指标；名称；实施周期指标值:…；年度指标值:…"});
    }
  }
  for (std::size_t u = 0; u < doc.units.size(); ++u) {
    if (unreadable_unit[u]) sum_unreadable_unit(doc.units[u], members[u], doc.diagnostics);
    settle_funding(doc.units[u], members[u], doc.diagnostics);
    for (ReadProject* rp : members[u]) doc.units[u].projects.push_back(std::move(rp->project));
  }
  repair_department(doc);
  return doc;
}

}  // namespace jixiao
