#include "check/report.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <stdexcept>

#include "model/json_writer.hpp"

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
  j["rule"] = std::string(f.rule);
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

// Documents with a mean score, best first (ties keep their order).
template <typename Doc, typename MeanOf>
std::vector<const Doc*> ranked(const std::vector<Doc>& docs, MeanOf mean_of) {
  std::vector<const Doc*> out;
  for (const auto& d : docs) {
    if (mean_of(d)) out.push_back(&d);
  }
  std::stable_sort(out.begin(), out.end(), [&](const Doc* a, const Doc* b) { return *mean_of(*a) > *mean_of(*b); });
  return out;
}

// An unreadable document has no score.
const std::optional<int>& mean_of(const CheckedDocument& d) {
  static const std::optional<int> none;
  return d.unreadable ? none : d.score.mean;
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
    auto order = ranked(docs, mean_of);
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
  for (const CheckedDocument* d : ranked(docs, mean_of)) {
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

namespace {

void write_location(JsonWriter& w, const Location& l) {
  w.begin_object();
  auto index = [&](std::string_view k, int i) { i < 0 ? w.null_field(k) : w.field(k, i); };
  auto name = [&](std::string_view k, int i, const std::string& s) { i < 0 ? w.null_field(k) : w.field(k, s); };
  auto line = [&](std::string_view k, int n) { n > 0 ? w.field(k, n) : w.null_field(k); };
  index("unit", l.unit);
  name("unit_name", l.unit, l.unit_name);
  index("project", l.project);
  name("project_name", l.project, l.project_name);
  index("indicator", l.indicator);
  name("indicator_name", l.indicator, l.indicator_name);
  l.field.empty() ? w.null_field("field") : w.field("field", l.field);
  line("first_line", l.span.first_line);
  line("last_line", l.span.last_line);
  line("page", l.span.page);
  if (!l.document.empty()) w.field("document", l.document);
  w.end_object();
}

void write_finding(JsonWriter& w, const Finding& f) {
  w.begin_object();
  w.field("rule", f.rule);
  w.field("severity", severity_name(f.severity));
  w.field("family", family_of(f.rule));
  w.field("message_zh", f.message_zh);
  w.field("message_en", f.message_en);
  w.key("where");
  write_location(w, f.where);
  f.difference ? w.field("difference", *f.difference) : w.null_field("difference");
  if (f.fix_zh || f.fix_en) {
    w.key("fix");
    w.begin_object();
    w.field("zh", f.fix_zh ? std::string_view(*f.fix_zh) : std::string_view());
    w.field("en", f.fix_en ? std::string_view(*f.fix_en) : std::string_view());
    w.end_object();
  } else {
    w.null_field("fix");
  }
  w.key("related");
  w.begin_array();
  for (const Location& l : f.related) write_location(w, l);
  w.end_array();
  w.end_object();
}

void write_counts(JsonWriter& w, int errors, int warnings, int notices) {
  w.begin_object();
  w.field("error", errors);
  w.field("warning", warnings);
  w.field("notice", notices);
  w.end_object();
}

}  // namespace

// What the report says of a document besides its score and findings.
struct JsonReportBuilder::Kept {
  std::string path;
  std::optional<std::string> department;
  std::optional<std::string> unreadable;
  std::optional<int> mean;
  int errors = 0, warnings = 0, notices = 0;
  std::size_t piece_bytes = 0;  // its score and own findings, in pieces_file_
  bool own_findings = false;
  std::vector<Finding> late;

  void count(Severity s) { ++(s == Severity::Error ? errors : s == Severity::Warning ? warnings : notices); }
};

namespace {

// Where each document's piece goes: in the report object, in its documents
// array, in the document's object after its counts.
void enter_document(JsonWriter& w) {
  w.resume('}', true);
  w.resume(']', true);
  w.resume('}', true);
}

[[noreturn]] void temporary_file_failed(const char* what) {
  throw std::runtime_error(fmt::format("cannot {} the report's temporary file: {}", what, std::strerror(errno)));
}

}  // namespace

JsonReportBuilder::JsonReportBuilder(std::string policy) : policy_(std::move(policy)) {
  pieces_file_ = std::tmpfile();
  if (!pieces_file_) temporary_file_failed("create");
  pieces_ = std::make_unique<JsonWriter>(pieces_file_, 2);
  enter_document(*pieces_);
}

JsonReportBuilder::~JsonReportBuilder() {
  pieces_.reset();  // flushes into the file before it goes
  std::fclose(pieces_file_);
}

std::size_t JsonReportBuilder::size() const { return docs_.size(); }

void JsonReportBuilder::add(const CheckedDocument& d) {
  Kept& k = docs_.emplace_back();
  k.path = d.path;
  k.department = d.department;
  k.unreadable = d.unreadable;
  k.mean = mean_of(d);
  for (const Finding& f : d.findings) k.count(f.severity);
  k.own_findings = !d.findings.empty();
  JsonWriter& w = *pieces_;
  const std::size_t start = w.written();
  w.key("score");
  w.begin_object();
  d.score.mean ? w.field("mean", *d.score.mean) : w.null_field("mean");
  w.key("projects");
  w.begin_array();
  for (const ProjectScore& s : d.score.projects) {
    w.begin_object();
    w.field("unit", s.unit);
    w.field("unit_name", s.unit_name);
    w.field("project", s.project);
    w.field("project_name", s.project_name);
    w.field("score", s.score);
    w.field("completeness", s.completeness);
    w.field("measurability", s.measurability);
    w.field("consistency", s.consistency);
    w.end_object();
  }
  w.end_array();
  w.end_object();
  w.key("findings");
  w.begin_array();
  for (const Finding& f : d.findings) write_finding(w, f);
  w.leave();  // closed in write(), after the late findings
  k.piece_bytes = w.written() - start;
}

void JsonReportBuilder::add_late(std::size_t document, Finding finding) {
  Kept& k = docs_.at(document);
  k.count(finding.severity);
  k.late.push_back(std::move(finding));
}

bool JsonReportBuilder::any_at_or_above(Severity s) const {
  const int rank = severity_rank(s);
  return std::any_of(docs_.begin(), docs_.end(), [&](const Kept& k) {
    return k.errors > 0 || (rank <= 1 && k.warnings > 0) || (rank <= 0 && k.notices > 0);
  });
}

void JsonReportBuilder::write(std::ostream& out) {
  pieces_->flush();
  if (std::fflush(pieces_file_) != 0 || std::ferror(pieces_file_)) temporary_file_failed("write");
  std::rewind(pieces_file_);
  std::string chunk(std::size_t{1} << 16, '\0');

  JsonWriter w(out, 2);
  w.begin_object();
  w.field("format", "jixiao-check/1");
  w.field("policy", policy_);
  w.key("documents");
  w.begin_array();
  int errors = 0, warnings = 0, notices = 0, unreadable = 0;
  for (const Kept& k : docs_) {
    w.begin_object();
    w.field("path", k.path);
    k.department ? w.field("department", *k.department) : w.null_field("department");
    w.field("readable", !k.unreadable);
    k.unreadable ? w.field("error", *k.unreadable) : w.null_field("error");
    w.key("counts");
    write_counts(w, k.errors, k.warnings, k.notices);
    for (std::size_t left = k.piece_bytes; left > 0;) {
      const std::size_t n = std::fread(chunk.data(), 1, std::min(left, chunk.size()), pieces_file_);
      if (n == 0) temporary_file_failed("read back");
      w.splice(std::string_view(chunk.data(), n));
      left -= n;
    }
    w.resume(']', k.own_findings);
    for (const Finding& f : k.late) write_finding(w, f);
    w.end_array();
    w.end_object();
    errors += k.errors;
    warnings += k.warnings;
    notices += k.notices;
    if (k.unreadable) ++unreadable;
  }
  w.end_array();
  w.key("summary");
  w.begin_object();
  w.field("documents", docs_.size());
  w.field("unreadable", unreadable);
  w.key("counts");
  write_counts(w, errors, warnings, notices);
  w.key("ranking");
  w.begin_array();
  for (const Kept* k : ranked(docs_, [](const Kept& k) -> const std::optional<int>& { return k.mean; })) {
    w.begin_object();
    w.field("path", k->path);
    k->department ? w.field("department", *k->department) : w.null_field("department");
    w.field("mean", *k->mean);
    w.end_object();
  }
  w.end_array();
  w.end_object();
  w.end_object();
}

void write_json_report(std::ostream& out, const std::vector<CheckedDocument>& docs, const std::string& policy) {
  JsonReportBuilder report(policy);
  for (const CheckedDocument& d : docs) report.add(d);
  report.write(out);
}

}  // namespace jixiao::check
