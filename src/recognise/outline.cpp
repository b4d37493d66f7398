#include "recognise/outline.hpp"

#include "recognise/amount_text.hpp"
#include "recognise/header_meta.hpp"
#include "recognise/indicator_cells.hpp"
#include "text/key.hpp"
#include "text/utf8.hpp"

namespace jixiao {
namespace {

bool whole_level1(std::string_view text) {
  std::size_t consumed = 0;
  return starts_with_level1(text, &consumed) && consumed >= text.size() && resolve_level1(text);
}

bool whole_level2(std::string_view text) {
  std::size_t consumed = 0;
  return starts_with_level2(text, &consumed) && consumed >= text.size() && resolve_level2(text);
}

bool is_value(std::string_view text) {
  if (text.size() > 90) return false;
  Target t = parse_target(text);
  return t.kind == TargetKind::Quantitative || t.kind == TargetKind::Qualitative ||
         t.kind == TargetKind::Period || target_lacks_number(text);
}

}  // namespace

bool looks_like_outline(const Source& source) {
  int level1 = 0, level2 = 0;
  for (const Line& line : source.lines) {
    if (line.blank() || !line.cells.empty() || line.text.size() > 60) continue;
    // Only lines that end in 指标 (or a bracketed decoration) can be levels here.
    if (whole_level1(line.text)) {
      ++level1;
    } else if (whole_level2(line.text)) {
      ++level2;
    }
    if (level1 >= 1 && level2 >= 2) return true;
  }
  return false;
}

Document recognise_outline(const Source& src) {
  Document doc;
  doc.layout = "outline";
  std::vector<const Line*> lines;
  for (const Line& l : src.lines) {
    if (!l.blank()) lines.push_back(&l);
  }
  std::string level1, level2;
  std::vector<const Line*> headings;  // since the last indicator
  Unit* unit = nullptr;
  Project* project = nullptr;
  bool in_indicators = false;
  std::optional<Indicator> pending;  // a name waiting for its value

  auto flush = [&]() {
    if (pending && project) {
      project->indicators.push_back(std::move(*pending));
      project->span.last_line = project->indicators.back().span.last_line;
    }
    pending.reset();
  };

  auto read_heading = [&](const Line& l, std::optional<std::string>* name, Amounts* amounts) {
    TrailingAmounts t = trailing_amounts(l.text, 4);
    *name = std::string(utf8::trim(l.text.substr(0, t.text_end)));
    if (!t.figures.empty()) amounts->total = t.figures[0];
    if (t.figures.size() > 1) amounts->fiscal = t.figures[1];
    if (t.figures.size() > 2) amounts->other = t.figures.back();
    if (t.figures.size() > 3) amounts->special = t.figures[2];
  };

  // The headings gathered before a 一级: the last is the project, one before
  // it (when there is one) opens a new unit.
  auto open_project = [&]() {
    if (headings.empty()) {
      if (!project) {
        if (!unit) {
          doc.units.emplace_back();
          unit = &doc.units.back();
        }
        unit->projects.emplace_back();
        project = &unit->projects.back();
      }
      return;
    }
    if (headings.size() >= 2 || !unit) {
      doc.units.emplace_back();
      unit = &doc.units.back();
      if (headings.size() >= 2) {
        const Line& u = *headings[headings.size() - 2];
        std::optional<std::string> name;
        read_heading(u, &name, &unit->amounts);
        unit->name = name.value_or("");
        unit->span = {u.number, u.number, u.page};
      }
      for (std::size_t k = 0; k + 2 < headings.size(); ++k) {
        doc.diagnostics.push_back({Severity::Notice, "outline.heading-skipped", headings[k]->number, 0,
                                   "a line above the unit and project left out: '" +
                                       std::string(utf8::prefix(headings[k]->text, 30)) + "'"});
      }
    }
    unit->projects.emplace_back();
    project = &unit->projects.back();
    read_heading(*headings.back(), &project->name, &project->amounts);
    project->span = {headings.back()->number, headings.back()->number, headings.back()->page};
    headings.clear();
  };

  bool seen_structure = false;
  for (std::size_t k = 0; k < lines.size(); ++k) {
    const Line& l = *lines[k];
    std::string_view text = l.text;
    // "服务对象满意度指标" names both levels: right under a 一级 it is the 二级.
    const bool under_level1 = in_indicators && level2.empty() && !pending && whole_level2(text);
    if (!under_level1 && whole_level1(text)) {
      flush();
      if (!headings.empty() || !project) open_project();
      level1 = std::string(text);
      level2.clear();
      in_indicators = true;
      seen_structure = true;
      continue;
    }
    if (in_indicators && whole_level2(text)) {
      flush();
      level2 = std::string(text);
      continue;
    }
    if (!seen_structure) {
      // Above the tree: title, 部门名称, 单位：万元, or the first headings.
      std::string key = vocabulary_key(text);
      if (!doc.title && (key.find("目标表") != std::string::npos)) {
        doc.title = std::string(text);
        if (int y = year_in_title(text)) doc.year = y;
        continue;
      }
      if (key.rfind("部门名称:", 0) == 0 || key.rfind("部门:", 0) == 0) {
        std::size_t full = text.find("："), ascii = text.find(':');
        std::size_t after = full < ascii ? full + 3 : ascii + 1;
        read_department(utf8::trim(text.substr(after)), doc);
        continue;
      }
      if (key.rfind("单位:", 0) == 0) {
        doc.amount_unit = key.substr(std::string_view("单位:").size());
        continue;
      }
      headings.push_back(&l);
      continue;
    }
    if (!in_indicators) {
      headings.push_back(&l);
      continue;
    }
    // Inside the indicators: a value, a name, or a heading of the next project.
    if (pending && !pending->annual_target && is_value(text)) {
      pending->annual_target = parse_target(text);
      pending->span.last_line = l.number;
      if (target_lacks_number(text)) {
        doc.diagnostics.push_back(
            {Severity::Warning, "target.number-missing", l.number, 0,
             "target '" + std::string(text) + "' has a comparator or unit but no figure"});
      }
      flush();
      continue;
    }
    bool value_follows =
        k + 1 < lines.size() && is_value(lines[k + 1]->text) && !whole_level1(lines[k + 1]->text);
    auto own = split_trailing_target(text, false);
    if (value_follows || own) {
      flush();
      Indicator ind;
      ind.level1_printed = level1;
      ind.level2_printed = level2;
      ind.level1 = resolve_level1(level1);
      ind.level2 = resolve_level2(level2);
      ind.name = clean_indicator_name(own ? own->name : std::string(text));
      if (own) ind.annual_target = parse_target(own->target);
      ind.span = {l.number, l.number, l.page};
      pending = std::move(ind);
      if (own) flush();
      continue;
    }
    // Neither a value nor a name with one: the next project's (or unit's) heading.
    flush();
    in_indicators = false;
    headings.push_back(&l);
  }
  flush();
  if (!doc.department && !doc.units.empty()) doc.department = doc.units.front().name;
  for (Unit& u : doc.units) {
    if (u.name.empty()) u.name = doc.department.value_or("");
    if (!u.projects.empty())
      u.span = {u.projects.front().span.first_line, u.projects.back().span.last_line, 0};
  }
  return doc;
}

}  // namespace jixiao
