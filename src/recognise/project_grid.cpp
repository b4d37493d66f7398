#include "recognise/project_grid.hpp"

#include <algorithm>
#include <map>
#include <optional>
#include <string>

#include "recognise/amount_text.hpp"
#include "recognise/header_meta.hpp"
#include "recognise/vocabulary.hpp"
#include "text/key.hpp"
#include "text/utf8.hpp"

namespace jixiao {
namespace {

enum class TokenKind { Cell, RowBreak, Title };

struct Token {
  TokenKind kind = TokenKind::Cell;
  std::string text;
  int line = 0;
};

// "[bookmark: _Toc…][bookmark: _Toc…]1.法院…绩效目标表" → "1.法院…绩效目标表".
std::string strip_bookmarks(std::string_view text) {
  std::string out;
  std::size_t pos = 0;
  while (pos < text.size()) {
    std::size_t open = text.find("[bookmark:", pos);
    if (open == std::string_view::npos) {
      out.append(text.substr(pos));
      break;
    }
    out.append(text.substr(pos, open - pos));
    std::size_t close = text.find(']', open);
    if (close == std::string_view::npos) break;
    pos = close + 1;
  }
  return std::string(utf8::trim(out));
}

// The cell stream: a cell per tab-introduced line (or per tab-separated
// field), continuation lines appended to the cell above, blank lines as row
// breaks, bookmark lines as table titles.
std::vector<Token> tokenize(const Source& src) {
  std::vector<Token> tokens;
  for (const Line& line : src.lines) {
    if (line.blank() && line.cells.empty()) {
      if (!tokens.empty() && tokens.back().kind != TokenKind::RowBreak)
        tokens.push_back({TokenKind::RowBreak, "", line.number});
      continue;
    }
    if (line.text.find("[bookmark:") != std::string::npos) {
      tokens.push_back({TokenKind::Title, strip_bookmarks(line.text), line.number});
      continue;
    }
    if (!line.cells.empty()) {
      for (std::size_t c = 0; c < line.cells.size(); ++c) {
        // A Word export opens each cell line with a tab ("\t指标值"): that
        // leading empty field is not a cell. In a row of several
        // tab-separated cells an empty first field is a merged cell.
        if (c == 0 && line.cells[0].text.empty() && line.cells.size() == 2) continue;
        tokens.push_back({TokenKind::Cell, line.cells[c].text, line.number});
      }
      continue;
    }
    // Continuation of the cell above (a paragraph inside a Word cell).
    if (!tokens.empty() && tokens.back().kind == TokenKind::Cell) {
      // Joined as the gold readings join them: a paragraph break inside a
      // cell is layout, not text.
      utf8::append_wrapped(tokens.back().text, line.text);
    } else if (!tokens.empty() && tokens.back().kind == TokenKind::Title) {
      // A line under the title, outside the table (a PDF's or a Word
      // body's "209101某某法院 单位：万元"): the table's head cells, one per
      // space-separated part, not another title.
      std::string_view rest = line.text;
      while (!rest.empty()) {
        std::size_t space = rest.find(' ');
        std::string_view part = rest.substr(0, space);
        if (!part.empty()) tokens.push_back({TokenKind::Cell, std::string(part), line.number});
        if (space == std::string_view::npos) break;
        rest.remove_prefix(space + 1);
      }
    } else {
      tokens.push_back({TokenKind::Title, std::string(line.text), line.number});
    }
  }
  return tokens;
}

std::string strip_numbering(std::string_view title) {
  std::size_t d = 0;
  while (d < title.size() && title[d] >= '0' && title[d] <= '9') ++d;
  if (d > 0 && d < title.size() && (title[d] == '.' || title[d] == ' '))
    return std::string(utf8::trim(title.substr(d + 1)));
  if (d > 0 && title.substr(d, 3) == "、") return std::string(utf8::trim(title.substr(d + 3)));
  return std::string(title);
}

bool is_label(const std::string& field) { return !field.empty(); }

}  // namespace

bool looks_like_project_grid(const Source& source) {
  // Labels are short cells that start like one of their spellings; testing
  // that first keeps this scan cheap on documents of other layouts.
  static const std::vector<std::string> heads = [] {
    std::vector<std::string> v;
    for (const char* field : {"col.name", "grid.level1", "grid.target"}) {
      for (const std::string& s : spellings(field)) {
        std::size_t a = 0, b = 0;
        utf8::decode(s, 0, &a);
        if (a < s.size()) utf8::decode(s, a, &b);
        v.push_back(s.substr(0, a + b));
      }
    }
    return v;
  }();
  bool name = false, level = false, value = false;
  for (const Line& line : source.lines) {
    auto check = [&](std::string_view text) {
      if (text.empty() || text.size() > 64) return;
      if (std::none_of(heads.begin(), heads.end(), [&](const std::string& h) {
            return text.size() >= h.size() && text[0] == h[0] && text[1] == h[1] && text[2] == h[2] &&
                   text.substr(0, h.size()) == h;
          })) {
        return;
      }
      std::string f = header_field(text);
      name = name || f == "col.name";
      level = level || f == "grid.level1";
      value = value || f == "grid.target";
    };
    if (line.cells.empty()) {
      check(line.text);
    } else {
      for (const Cell& c : line.cells) check(c.text);
    }
    if (name && level && value) return true;
  }
  return false;
}

Document recognise_project_grid(const Source& src) {
  Document doc;
  doc.layout = "project-grid";
  std::vector<Token> tokens = tokenize(src);
  std::vector<Project> projects;
  std::vector<std::string> titles;
  std::map<int, int> year_votes;

  enum class State { Head, Name, Amounts, Goal, IndicatorHeader, Indicators };
  State state = State::Head;
  Project* project = nullptr;
  std::optional<std::string> pending_amount;  // label whose value comes next
  std::optional<std::string> skip_value;      // a header label whose value is not the purpose
  std::vector<std::string> columns;           // indicator grid columns (fields)
  std::vector<const Token*> row;
  std::string level1_carry, level2_carry;

  auto start_project = [&](int line) {
    projects.emplace_back();
    project = &projects.back();
    project->span = {line, line, 0};
    columns.clear();
    level1_carry.clear();
    level2_carry.clear();
  };

  auto flush_row = [&]() {
    if (row.empty() || !project) {
      row.clear();
      return;
    }
    // Rows narrower than the header lost leading merged cells: align right.
    std::vector<std::string> cells(columns.size());
    std::size_t offset = columns.size() > row.size() ? columns.size() - row.size() : 0;
    if (row.size() > columns.size()) {
      doc.diagnostics.push_back({Severity::Warning, "grid.row-width", row.front()->line, 0,
                                 "indicator row has " + std::to_string(row.size()) +
                                     " cells where the header has " + std::to_string(columns.size()) +
                                     "; extra cells ignored"});
    } else if (offset > 0) {
      doc.diagnostics.push_back({Severity::Notice, "grid.row-width", row.front()->line, 0,
                                 "indicator row has fewer cells than the header; read right-aligned"});
    }
    for (std::size_t k = 0; k < row.size() && k + offset < columns.size(); ++k)
      cells[k + offset] = row[k]->text;
    Indicator ind;
    ind.span = {row.front()->line, row.back()->line, 0};
    std::string annual;
    for (std::size_t k = 0; k < columns.size(); ++k) {
      const std::string& f = columns[k];
      std::string v(utf8::trim(cells[k]));
      if (f == "grid.level1") {
        if (v.empty()) v = level1_carry;
        level1_carry = v;
        if (!v.empty()) level2_carry = level2_carry;  // a new 一级 keeps nothing else
        ind.level1_printed = v;
      } else if (f == "grid.level2") {
        if (v.empty()) v = level2_carry;
        level2_carry = v;
        ind.level2_printed = v;
      } else if (f == "grid.level3") {
        ind.name = v;
      } else if (f == "grid.description") {
        if (!v.empty()) ind.description = v;
      } else if (f == "grid.target") {
        annual = v;
      }
    }
    ind.level1 = resolve_level1(ind.level1_printed);
    ind.level2 = resolve_level2(ind.level2_printed);
    if (!annual.empty()) ind.annual_target = parse_target(annual);
    bool empty = ind.name.empty() && annual.empty() && !ind.description;
    if (!empty) {
      if (!ind.level1) {
        doc.diagnostics.push_back({Severity::Warning, "indicator.level1-unknown", ind.span.first_line, 0,
                                   "expected a 一级指标 name, found '" + ind.level1_printed + "'"});
      }
      if (!ind.level2) {
        doc.diagnostics.push_back({Severity::Warning, "indicator.level2-unknown", ind.span.first_line, 0,
                                   "expected a 二级指标 name, found '" + ind.level2_printed + "'"});
      }
      project->indicators.push_back(std::move(ind));
      project->span.last_line = row.back()->line;
    }
    row.clear();
  };

  for (std::size_t t = 0; t < tokens.size(); ++t) {
    const Token& tok = tokens[t];
    if (tok.kind == TokenKind::Title) {
      if (state == State::Indicators) flush_row();
      std::string title = strip_numbering(tok.text);
      if (!title.empty()) {
        titles.push_back(title);
        int strength = 0;
        if (int y = year_in_title(title, &strength)) year_votes[y] += 1 + 2 * strength;
      }
      state = State::Head;
      continue;
    }
    if (tok.kind == TokenKind::RowBreak) {
      if (state == State::Indicators) flush_row();
      continue;
    }
    std::string field = header_field(tok.text);
    if (field == "col.name") {
      if (state == State::Indicators) flush_row();
      start_project(tok.line);
      state = State::Name;
      continue;
    }
    switch (state) {
      case State::Head: {
        if (tok.text.empty()) break;
        std::string key = vocabulary_key(tok.text);
        if (key.rfind("单位:", 0) == 0) {
          doc.amount_unit = key.substr(std::string_view("单位:").size());
        } else if (!doc.department) {
          std::string text = tok.text;
          for (const std::string& label : spellings("meta.department")) {
            if (key.rfind(label, 0) == 0) {
              std::size_t colon = text.find("：");
              text = colon == std::string::npos ? text.substr(std::min(text.size(), label.size()))
                                                : text.substr(colon + 3);
            }
          }
          read_department(text, doc);
        }
        break;
      }
      case State::Name:
        if (tok.text.empty()) break;
        project->name = std::string(utf8::trim(tok.text));
        state = State::Amounts;
        break;
      case State::Amounts: {
        if (field == "grid.purpose") break;
        if (field == "meta.department" || field == "grid.meta") {
          // 主管部门及代码, 实施单位, 项目属性 …: the next cell is their value,
          // not the purpose text.
          skip_value = field;
          break;
        }
        if (skip_value) {
          if (!tok.text.empty()) {
            if (*skip_value == "meta.department" && !doc.department) read_department(tok.text, doc);
            skip_value.reset();
          }
          break;
        }
        if (field == "col.total" || field == "col.fiscal" || field == "col.special" || field == "col.other") {
          pending_amount = field;
          break;
        }
        if (field == "col.goal") {
          state = State::Goal;
          break;
        }
        if (pending_amount) {
          Decimal d;
          if (!tok.text.empty()) {
            if (parse_amount_cell(tok.text, &d)) {
              if (*pending_amount == "col.total") project->amounts.total = d;
              if (*pending_amount == "col.fiscal") project->amounts.fiscal = d;
              if (*pending_amount == "col.special") project->amounts.special = d;
              if (*pending_amount == "col.other") project->amounts.other = d;
            } else {
              doc.diagnostics.push_back({Severity::Warning, "amount.unreadable", tok.line, 0,
                                         "expected an amount after the label, found '" + tok.text + "'"});
            }
          }
          pending_amount.reset();
          break;
        }
        if (!tok.text.empty() && !is_label(field)) {
          if (project->purpose) {
            utf8::append_wrapped(*project->purpose, tok.text);
          } else {
            project->purpose = tok.text;
          }
        }
        break;
      }
      case State::Goal:
        if (field == "grid.level1") {
          columns.assign(1, field);
          state = State::IndicatorHeader;
          break;
        }
        if (!tok.text.empty()) {
          if (project->goal) {
            utf8::append_wrapped(*project->goal, tok.text);
          } else {
            project->goal = tok.text;
          }
        }
        break;
      case State::IndicatorHeader:
        if (is_label(field) && field.rfind("grid.", 0) == 0) {
          columns.push_back(field);
          break;
        }
        if (is_label(field)) {
          // A column this recogniser does not map yet: keep its place.
          columns.push_back(field);
          break;
        }
        state = State::Indicators;
        row.push_back(&tok);
        break;
      case State::Indicators:
        if (field == "grid.level1" && row.empty()) {
          columns.assign(1, field);  // the header repeated after a page break
          state = State::IndicatorHeader;
          break;
        }
        row.push_back(&tok);
        if (row.size() == columns.size()) flush_row();
        break;
    }
  }
  if (state == State::Indicators) flush_row();

  if (titles.size() == 1) doc.title = titles.front();
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
  Unit unit;
  unit.name = doc.department.value_or("");
  unit.code = doc.department_code;
  unit.projects = std::move(projects);
  if (!unit.projects.empty())
    unit.span = {unit.projects.front().span.first_line, unit.projects.back().span.last_line, 0};
  doc.units.push_back(std::move(unit));
  return doc;
}

}  // namespace jixiao
