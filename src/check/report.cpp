#include "check/report.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace jixiao::check {
namespace {

using ojson = nlohmann::ordered_json;

ojson index_or_null(int i) { return i < 0 ? ojson(nullptr) : ojson(i); }
ojson text_or_null(int i, const std::string& s) { return i < 0 ? ojson(nullptr) : ojson(s); }

ojson location_json(const Location& l) {
  ojson j;
  j["unit"] = index_or_null(l.unit);
  j["unit_name"] = text_or_null(l.unit, l.unit_name);
  j["project"] = index_or_null(l.project);
  j["project_name"] = text_or_null(l.project, l.project_name);
  j["indicator"] = index_or_null(l.indicator);
  j["indicator_name"] = text_or_null(l.indicator, l.indicator_name);
  j["field"] = l.field.empty() ? ojson(nullptr) : ojson(l.field);
  j["first_line"] = l.span.first_line > 0 ? ojson(l.span.first_line) : ojson(nullptr);
  j["last_line"] = l.span.last_line > 0 ? ojson(l.span.last_line) : ojson(nullptr);
  j["page"] = l.span.page > 0 ? ojson(l.span.page) : ojson(nullptr);
  if (!l.document.empty()) j["document"] = l.document;
  return j;
}

ojson finding_json(const Finding& f) {
  ojson j;
  j["rule"] = f.rule;
  j["severity"] = severity_name(f.severity);
  j["family"] = family_of(f.rule);
  j["message_zh"] = f.message_zh;
  j["message_en"] = f.message_en;
  j["where"] = location_json(f.where);
  j["difference"] = f.difference ? ojson(*f.difference) : ojson(nullptr);
  if (f.fix_zh || f.fix_en) {
    j["fix"] = {{"zh", f.fix_zh.value_or("")}, {"en", f.fix_en.value_or("")}};
  } else {
    j["fix"] = nullptr;
  }
  ojson related = ojson::array();
  for (const Location& l : f.related) related.push_back(location_json(l));
  j["related"] = std::move(related);
  return j;
}

ojson counts_json(const std::vector<Finding>& findings) {
  return {{"error", count_severity(findings, Severity::Error)},
          {"warning", count_severity(findings, Severity::Warning)},
          {"notice", count_severity(findings, Severity::Notice)}};
}

std::string lines(const SourceSpan& s) {
  if (s.first_line <= 0) return "";
  std::string page = s.page > 0 ? fmt::format("page {} ", s.page) : "";
  if (s.last_line > s.first_line) return fmt::format("{}lines {}-{}", page, s.first_line, s.last_line);
  return fmt::format("{}line {}", page, s.first_line);
}

std::string place_heading(const Location& l) {
  if (l.unit < 0) return "document";
  if (l.project < 0) return "unit " + l.unit_name;
  return l.project_name.empty() ? "(unnamed project)" : l.project_name;
}

std::string plural(int n, const char* word) { return fmt::format("{} {}{}", n, word, n == 1 ? "" : "s"); }

std::vector<const CheckedDocument*> ranked(const std::vector<CheckedDocument>& docs) {
  std::vector<const CheckedDocument*> out;
  for (const auto& d : docs) {
    if (!d.unreadable && d.score.mean) out.push_back(&d);
  }
  std::stable_sort(out.begin(), out.end(),
                   [](const auto* a, const auto* b) { return *a->score.mean > *b->score.mean; });
  return out;
}

}  // namespace

std::string text_report(const std::vector<CheckedDocument>& docs) {
  std::string out;
  int errors = 0, warnings = 0, notices = 0, unreadable = 0;
  for (const CheckedDocument& d : docs) {
    out += fmt::format("{}{}\n", d.path, d.department ? " — " + *d.department : "");
    if (d.unreadable) {
      out += fmt::format("  unreadable: {}\n\n", *d.unreadable);
      ++unreadable;
      continue;
    }
    int e = count_severity(d.findings, Severity::Error), w = count_severity(d.findings, Severity::Warning),
        n = count_severity(d.findings, Severity::Notice);
    errors += e;
    warnings += w;
    notices += n;
    out +=
        fmt::format("  {} · {} · {} · {} · mean score {}\n", plural(int(d.score.projects.size()), "project"),
                    plural(e, "error"), plural(w, "warning"), plural(n, "notice"),
                    d.score.mean ? std::to_string(*d.score.mean) : "-");
    std::string heading;
    for (const Finding& f : d.findings) {
      std::string h = place_heading(f.where);
      if (h != heading || f.where.indicator < 0) {
        if (h != heading) out += fmt::format("\n  {}\n", h);
        heading = h;
      }
      std::string what = f.where.indicator >= 0 ? "  " + f.where.indicator_name : "";
      std::string at = lines(f.where.span);
      out += fmt::format("    {:<7} {}{}{}\n", severity_name(f.severity), f.rule, what,
                         at.empty() ? "" : "  (" + at + ")");
      out += fmt::format("            {}\n            {}\n", f.message_zh, f.message_en);
      if (f.fix_zh) out += fmt::format("            → {}\n", *f.fix_zh);
    }
    if (!d.score.projects.empty()) {
      out += "\n  scores (lowest first): score  completeness measurability consistency  project\n";
      std::vector<const ProjectScore*> order;
      for (const auto& s : d.score.projects) order.push_back(&s);
      std::stable_sort(order.begin(), order.end(),
                       [](const auto* a, const auto* b) { return a->score < b->score; });
      for (const ProjectScore* s : order) {
        out +=
            fmt::format("    {:>3}    {:>3} {:>3} {:>3}  {}\n", s->score, s->completeness, s->measurability,
                        s->consistency, s->project_name.empty() ? "(unnamed)" : s->project_name);
      }
    }
    out += "\n";
  }
  if (docs.size() > 1) {
    out += fmt::format("{} · {} · {} · {}{}\n", plural(int(docs.size()), "document"), plural(errors, "error"),
                       plural(warnings, "warning"), plural(notices, "notice"),
                       unreadable ? fmt::format(" · {} unreadable", unreadable) : "");
    auto order = ranked(docs);
    if (!order.empty()) out += "ranking by mean project score:\n";
    for (const CheckedDocument* d : order) {
      out += fmt::format("  {:>3}  {}  ({})\n", *d->score.mean, d->department.value_or("-"), d->path);
    }
  }
  return out;
}

nlohmann::ordered_json json_report(const std::vector<CheckedDocument>& docs, const std::string& policy) {
  ojson j;
  j["format"] = "jixiao-check/1";
  j["policy"] = policy;
  ojson documents = ojson::array();
  int errors = 0, warnings = 0, notices = 0, unreadable = 0;
  for (const CheckedDocument& d : docs) {
    ojson jd;
    jd["path"] = d.path;
    jd["department"] = d.department ? ojson(*d.department) : ojson(nullptr);
    jd["readable"] = !d.unreadable;
    jd["error"] = d.unreadable ? ojson(*d.unreadable) : ojson(nullptr);
    jd["counts"] = counts_json(d.findings);
    ojson projects = ojson::array();
    for (const ProjectScore& s : d.score.projects) {
      projects.push_back({{"unit", s.unit},
                          {"unit_name", s.unit_name},
                          {"project", s.project},
                          {"project_name", s.project_name},
                          {"score", s.score},
                          {"completeness", s.completeness},
                          {"measurability", s.measurability},
                          {"consistency", s.consistency}});
    }
    jd["score"] = {{"mean", d.score.mean ? ojson(*d.score.mean) : ojson(nullptr)},
                   {"projects", std::move(projects)}};
    ojson findings = ojson::array();
    for (const Finding& f : d.findings) findings.push_back(finding_json(f));
    jd["findings"] = std::move(findings);
    documents.push_back(std::move(jd));
    errors += count_severity(d.findings, Severity::Error);
    warnings += count_severity(d.findings, Severity::Warning);
    notices += count_severity(d.findings, Severity::Notice);
    if (d.unreadable) ++unreadable;
  }
  j["documents"] = std::move(documents);
  ojson ranking = ojson::array();
  for (const CheckedDocument* d : ranked(docs)) {
    ranking.push_back({{"path", d->path},
                       {"department", d->department ? ojson(*d->department) : ojson(nullptr)},
                       {"mean", *d->score.mean}});
  }
  j["summary"] = {{"documents", docs.size()},
                  {"unreadable", unreadable},
                  {"counts", {{"error", errors}, {"warning", warnings}, {"notice", notices}}},
                  {"ranking", std::move(ranking)}};
  return j;
}

}  // namespace jixiao::check
