#include "recognise/header_meta.hpp"

#include <algorithm>
#include <vector>

#include "recognise/vocabulary.hpp"
#include "text/key.hpp"
#include "text/utf8.hpp"

namespace jixiao {
namespace {

bool looks_damaged(std::string_view name) {
  for (char c : name) {
    if (c == '/' || c == '\\' || c == '|' || c == '#' || c == '*' || c == '_' || c == '~') return true;
  }
  return name.find("\xEF\xBF\xBD") != std::string_view::npos;  // U+FFFD
}

bool is_digit(char c) { return c >= '0' && c <= '9'; }

bool is_year_at(std::string_view s, std::size_t i) {
  return i + 4 <= s.size() && s[i] == '2' && s[i + 1] == '0' && is_digit(s[i + 2]) && is_digit(s[i + 3]);
}

}  // namespace

int year_in_title(std::string_view title, int* strength) {
  // Titles often name a project's own year too ("2019年信息化运维项目-2021中央
  // 绩效目标表"); the budget year is the one marked as such (中央, 年度, 年预算)
  // or set off by a dash, and otherwise the last one printed.
  int best = 0, best_score = -1;
  for (std::size_t i = 0; i + 4 <= title.size(); ++i) {
    if (!(title[i] == '2' && title[i + 1] == '0' && is_digit(title[i + 2]) && is_digit(title[i + 3])))
      continue;
    if ((i > 0 && is_digit(title[i - 1])) || (i + 4 < title.size() && is_digit(title[i + 4]))) continue;
    // "2021-2023年" names a span, not the budget year.
    if (i + 9 <= title.size() && title[i + 4] == '-' && is_year_at(title, i + 5)) continue;
    if (i >= 5 && title[i - 1] == '-' && is_year_at(title, i - 5)) continue;
    std::string_view after = title.substr(i + 4);
    int score = 0;
    for (std::string_view mark : {"中央", "年度", "年预算", "年部门", "年项目支出"}) {
      if (after.substr(0, mark.size()) == mark) score = 2;
    }
    if (score == 0 && i > 0 && title[i - 1] == '-') score = 1;
    if (score >= best_score) {
      best_score = score;
      best = (title[i + 2] - '0') * 10 + (title[i + 3] - '0') + 2000;
    }
  }
  if (strength) *strength = best_score < 0 ? 0 : best_score;
  return best;
}

namespace {

// Where a budget code would stand at the start of `t`: the bytes of an
// opening bracket ("[", "(", "（", "【"; 0 when bare) and the end of the
// digits after it.
struct CodeStart {
  std::size_t open = 0;
  std::size_t digits_end = 0;
};

CodeStart code_start(std::string_view t) {
  CodeStart c;
  // The brackets a code may stand in ([ ( （ 【), each told by its bytes in
  // place: asked of every line under a title-like line, where comparing
  // with each in turn cost more than the rest of the test.
  if (t.starts_with('[') || t.starts_with('(')) {
    c.open = 1;
  } else if (t.starts_with("（") || t.starts_with("【")) {
    c.open = 3;
  }
  c.digits_end = c.open;
  while (c.digits_end < t.size() && is_digit(t[c.digits_end])) ++c.digits_end;
  return c;
}

}  // namespace

bool may_open_with_budget_code(std::string_view text) {
  const CodeStart c = code_start(utf8::trim(text));
  return c.open > 0 ? c.digits_end - c.open >= 3 : c.digits_end >= 6;
}

void read_department(std::string_view text, Document& doc) {
  std::string_view t = utf8::trim(text);
  // "单位：万元" after the name gives the amount unit.
  for (std::string_view label : {std::string_view("单位："), std::string_view("单位:")}) {
    // The last occurrence, as rfind gives it, found by the block search
    // forward: rfind compares at every byte from the end, and this runs on
    // every line that opens with a number (a grid's figures and codes).
    std::size_t p = std::string_view::npos;
    for (std::size_t q = utf8::find(t, label); q != std::string_view::npos; q = utf8::find(t, label, q + 1)) p = q;
    if (p != std::string_view::npos && p > 0) {
      std::string_view unit = utf8::trim(t.substr(p + label.size()));
      if (!unit.empty() && unit.size() <= 12) doc.amount_unit = std::string(unit);
      t = utf8::trim(t.substr(0, p));
      break;
    }
  }
  // The budget code comes bare ("209101天津市…") or bracketed ("[209]…",
  // "（209）…") before the name.
  const CodeStart code = code_start(t);
  const std::size_t open = code.open, d = code.digits_end;
  std::size_t close = d;
  if (open > 0) {
    for (std::string_view b :
         {std::string_view("]"), std::string_view(")"), std::string_view("）"), std::string_view("】")}) {
      if (t.substr(d, b.size()) == b) close = d + b.size();
    }
  }
  const bool bracketed = open > 0 && close > d && d - open >= 3;
  if (bracketed || (open == 0 && d >= 6)) {
    doc.department_code = std::string(t.substr(open, d - open));
    t = utf8::trim(t.substr(bracketed ? close : d));
  }
  if (!t.empty()) doc.department = std::string(t);
}

void read_preamble(const Source& src, int from, int to, Document& doc) {
  for (int i = from; i < to && i < static_cast<int>(src.lines.size()); ++i) {
    const Line& line = src.lines[i];
    if (line.blank()) continue;
    std::string key = vocabulary_key(line.text);
    bool dept = false;
    for (const std::string& label : spellings("meta.department")) {
      std::size_t p = key.find(label);
      if (p == std::string::npos) continue;
      // Take the text after the label in the printed line, not the key, so
      // the name keeps its spelling.
      std::string_view text = line.text;
      std::size_t colon = text.find("：");
      std::size_t len = 3;
      std::size_t ascii = text.find(':');
      if (ascii != std::string_view::npos && (colon == std::string_view::npos || ascii < colon)) {
        colon = ascii;
        len = 1;
      }
      std::string_view rest = colon == std::string_view::npos
                                  ? text.substr(std::min(text.size(), label.size()))
                                  : text.substr(colon + len);
      read_department(rest, doc);
      dept = true;
      break;
    }
    if (dept) continue;
    if (key.rfind("单位:", 0) == 0) {
      std::string unit(key.substr(std::string_view("单位:").size()));
      if (!unit.empty() && unit.size() <= 12) doc.amount_unit = unit;
      continue;
    }
    if (!doc.title &&
        (key.find("绩效目标表") != std::string::npos || key.find("目标申报表") != std::string::npos)) {
      doc.title = std::string(utf8::trim(line.text));
      if (int y = year_in_title(*doc.title)) doc.year = y;
    }
  }
}

void repair_department(Document& doc) {
  if (!doc.department || !looks_damaged(*doc.department)) return;
  const Unit* best = nullptr;
  double best_score = 0.5;
  for (const Unit& u : doc.units) {
    double s = utf8::similarity(*doc.department, u.name);
    if (s >= best_score) {
      best_score = s;
      best = &u;
    }
  }
  if (!best) {
    doc.diagnostics.push_back({Severity::Warning, "department.damaged", 0, 0,
                               "部门名称 '" + *doc.department + "' looks damaged and no unit row spells it"});
    return;
  }
  doc.diagnostics.push_back({Severity::Notice, "department.repaired", 0, 0,
                             "部门名称 '" + *doc.department + "' looks damaged by OCR; read as '" +
                                 best->name + "', the unit row that spells it"});
  doc.department = best->name;
}

}  // namespace jixiao
