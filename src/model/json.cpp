#include "model/json.hpp"

#include <array>
#include <cstdio>
#include <string_view>
#include <vector>

#include "model/json_writer.hpp"
#include "text/utf8.hpp"

namespace jixiao {
namespace {

using ojson = nlohmann::ordered_json;

[[gnu::always_inline]] inline void amount_field(JsonWriter& j, JsonKey k, const std::optional<Decimal>& v) {
  if (v) {
    j.field(k, *v);
  } else {
    j.null_field(k);
  }
}

[[gnu::always_inline]] inline void write_amounts(JsonWriter& j, JsonKey k, const Amounts& a) {
  j.key(k);
  j.begin_object();
  amount_field(j, "total", a.total);
  amount_field(j, "fiscal", a.fiscal);
  amount_field(j, "special", a.special);
  amount_field(j, "other", a.other);
  j.end_object();
}

void write_span(JsonWriter& j, const SourceSpan& s) {
  j.key("source");
  j.begin_object();
  j.field("first_line", s.first_line);
  j.field("last_line", s.last_line);
  if (s.page) j.field("page", s.page);
  if (s.last_page && s.last_page != s.page) j.field("last_page", s.last_page);
  if (s.x0 >= 0) {
    j.key("bbox");
    j.begin_array();
    for (double v : {s.x0, s.y0, s.x1, s.y1}) j.value(v);
    j.end_array();
  }
  j.end_object();
}

[[gnu::always_inline]] inline void write_target_parsed(JsonWriter& j, JsonKey k, const Target& t) {
  j.key(k);
  j.begin_object();
  j.field("kind", target_kind_name(t.kind));
  if (t.comparator != Comparator::None) j.field("comparator", comparator_symbol(t.comparator));
  if (t.number) j.field("number", *t.number);
  if (!t.unit.empty()) j.field("unit", t.unit);
  if (!t.qualitative.empty()) j.field("qualitative", t.qualitative);
  j.end_object();
}

// A canonical level name's JSON text, quotes included, escaped once: the
// same few names are two of every indicator's five strings, and escaping
// them each time (a UTF-8 check of every byte) was a third of writing one.
// `N`: the levels' count; a level past it (one added to the enum but not
// here) is escaped as it is written.
template <typename Level, std::size_t N>
const std::string* quoted_level(Level level, const char* (*name)(Level)) {
  static const std::array<std::string, N> quoted = [name] {
    std::array<std::string, N> q;
    for (std::size_t k = 0; k < N; ++k) json_detail::append_json_string(q[k], name(static_cast<Level>(k)));
    return q;
  }();
  const auto k = static_cast<std::size_t>(level);
  return k < N ? &quoted[k] : nullptr;
}

// Canonical level name where resolved, else the printed text, else null.
// Written in place: building an optional string per field cost an
// allocation per level and target of every indicator.
[[gnu::always_inline]] inline void level_field(JsonWriter& j, JsonKey k, const std::string* quoted,
                                               const char* canonical, const std::string& printed) {
  if (quoted) {
    j.key(k);
    j.json_value(*quoted);
  } else if (canonical) {
    j.field(k, canonical);
  } else if (printed.empty()) {
    j.null_field(k);
  } else {
    j.field(k, printed);
  }
}

[[gnu::always_inline]] inline void target_field(JsonWriter& j, JsonKey k, const std::optional<Target>& t) {
  if (t) {
    j.field(k, t->text);
  } else {
    j.null_field(k);
  }
}

void write_indicator(JsonWriter& j, const Indicator& i, const JsonOptions& o) {
  j.begin_object();
  constexpr std::size_t kLevel1s = static_cast<std::size_t>(Level1::Cost) + 1;
  constexpr std::size_t kLevel2s = static_cast<std::size_t>(Level2::EcologicalCost) + 1;
  level_field(j, "level1", i.level1 ? quoted_level<Level1, kLevel1s>(*i.level1, level1_name) : nullptr,
              i.level1 ? level1_name(*i.level1) : nullptr, i.level1_printed);
  level_field(j, "level2", i.level2 ? quoted_level<Level2, kLevel2s>(*i.level2, level2_name) : nullptr,
              i.level2 ? level2_name(*i.level2) : nullptr, i.level2_printed);
  j.key("name");
  j.marked_value(i.name);
  // Most descriptions repeat the name: its JSON is copied, not escaped again.
  if (!(i.description && *i.description == i.name && j.repeat_marked("description")))
    j.field("description", i.description);
  target_field(j, "period_target", i.period_target);
  target_field(j, "annual_target", i.annual_target);
  if (i.weight) j.field("weight", *i.weight);
  if (i.direction) j.field("direction", *i.direction);
  if (i.basis) j.field("basis", *i.basis);
  if (i.note) j.field("note", *i.note);
  if (o.with_structured_targets) {
    if (i.period_target) write_target_parsed(j, "period_target_parsed", *i.period_target);
    if (i.annual_target) write_target_parsed(j, "annual_target_parsed", *i.annual_target);
  }
  if (o.with_provenance) write_span(j, i.span);
  j.end_object();
}

// An amount that is not a decimal is left empty and reported in `problems`
// (saying where it was), so the rest of the document still comes in.
std::optional<Decimal> amount_from(const nlohmann::json& j, const char* key, const std::string& where,
                                   std::vector<Diagnostic>* problems) {
  if (!j.is_object() || !j.contains(key) || j[key].is_null()) return std::nullopt;
  std::string s = j[key].is_string() ? j[key].get<std::string>() : j[key].dump();
  auto d = Decimal::parse(s);
  if (!d) {
    problems->push_back({Severity::Error, "amount.not-decimal", 0, 0,
                         where + " " + key + ": \"" + s + "\" is not a decimal amount (expected e.g. \"12.50\"); left empty"});
  }
  return d;
}

Amounts amounts_from(const nlohmann::json& j, const std::string& where, std::vector<Diagnostic>* problems) {
  Amounts a;
  if (!j.is_object()) return a;
  a.total = amount_from(j, "total", where, problems);
  a.fiscal = amount_from(j, "fiscal", where, problems);
  a.special = amount_from(j, "special", where, problems);
  a.other = amount_from(j, "other", where, problems);
  return a;
}

std::optional<std::string> str_from(const nlohmann::json& j, const char* key) {
  if (!j.contains(key) || j[key].is_null()) return std::nullopt;
  return j[key].is_string() ? j[key].get<std::string>() : j[key].dump();
}

// The provenance extension fields, read back when present (write_json with
// with_provenance writes them), so an export re-imports as the same model.
SourceSpan span_from(const nlohmann::json& j) {
  SourceSpan s;
  if (!j.contains("source") || !j["source"].is_object()) return s;
  const auto& js = j["source"];
  s.first_line = js.value("first_line", 0);
  s.last_line = js.value("last_line", 0);
  s.page = js.value("page", 0);
  return s;
}

Severity severity_from(const std::string& name) {
  if (name == "error") return Severity::Error;
  if (name == "notice") return Severity::Notice;
  return Severity::Warning;
}

}  // namespace

void write_json(JsonWriter& j, const Document& doc, const JsonOptions& o) {
  j.begin_object();
  j.field("format", "jixiao/1");
  j.field("kind", doc.kind == DocumentKind::Department ? "department" : "project");
  j.field("title", doc.title);
  j.field("department", doc.department);
  j.field("department_code", doc.department_code);
  if (doc.year) {
    j.field("year", *doc.year);
  } else {
    j.null_field("year");
  }
  j.field("amount_unit", doc.amount_unit);
  if (doc.total) {
    write_amounts(j, "total", *doc.total);
  } else {
    j.null_field("total");
  }
  j.key("units");
  j.begin_array();
  for (const Unit& u : doc.units) {
    j.begin_object();
    j.field("name", u.name);
    j.field("code", u.code);
    if (u.amounts.empty()) {
      j.null_field("amounts");
    } else {
      write_amounts(j, "amounts", u.amounts);
    }
    j.key("projects");
    j.begin_array();
    for (const Project& p : u.projects) {
      j.begin_object();
      j.field("name", p.name);
      write_amounts(j, "amounts", p.amounts);
      j.field("purpose", p.purpose);
      j.field("goal", p.goal);
      j.key("indicators");
      j.begin_array();
      for (const Indicator& i : p.indicators) write_indicator(j, i, o);
      j.end_array();
      if (o.with_provenance) write_span(j, p.span);
      j.end_object();
    }
    j.end_array();
    if (o.with_provenance) write_span(j, u.span);
    j.end_object();
  }
  j.end_array();
  if (o.with_provenance) {
    j.field("source_path", doc.source_path);
    j.field("layout", doc.layout);
    j.field("encoding", doc.encoding);
    j.key("diagnostics");
    j.begin_array();
    for (const Diagnostic& d : doc.diagnostics) {
      j.begin_object();
      j.field("severity", severity_name(d.severity));
      j.field("code", d.code);
      j.field("line", d.line);
      if (d.page) j.field("page", d.page);
      j.field("message", d.message);
      j.end_object();
    }
    j.end_array();
  }
  j.end_object();
}

void write_json(std::ostream& out, const Document& doc, const JsonOptions& options, int indent) {
  JsonWriter j(out, indent);
  write_json(j, doc, options);
}

std::string json_text(const Document& doc, const JsonOptions& options, int indent) {
  std::string text;
  {
    JsonWriter j(text, indent);
    write_json(j, doc, options);
  }
  return text;
}

nlohmann::ordered_json to_json(const Document& doc, const JsonOptions& o) {
  return nlohmann::ordered_json::parse(json_text(doc, o, -1));
}

Document document_from_json(const nlohmann::json& j) {
  if (!j.is_object() || j.value("format", std::string()) != "jixiao/1") {
    throw nlohmann::json::other_error::create(
        501, "not a jixiao/1 document (\"format\" must be \"jixiao/1\")", &j);
  }
  Document doc;
  doc.kind = j.value("kind", std::string("project")) == "department" ? DocumentKind::Department
                                                                     : DocumentKind::Project;
  doc.title = str_from(j, "title");
  doc.department = str_from(j, "department");
  doc.department_code = str_from(j, "department_code");
  if (j.contains("year") && j["year"].is_number_integer()) doc.year = j["year"].get<int>();
  doc.amount_unit = str_from(j, "amount_unit").value_or("万元");
  std::vector<Diagnostic> amount_problems;
  if (j.contains("total") && j["total"].is_object()) doc.total = amounts_from(j["total"], "total", &amount_problems);
  for (const auto& ju : j.value("units", nlohmann::json::array())) {
    Unit u;
    u.name = str_from(ju, "name").value_or("");
    u.code = str_from(ju, "code");
    if (ju.contains("amounts"))
      u.amounts = amounts_from(ju["amounts"], "unit " + std::to_string(doc.units.size() + 1), &amount_problems);
    for (const auto& jp : ju.value("projects", nlohmann::json::array())) {
      Project p;
      p.name = str_from(jp, "name");
      if (jp.contains("amounts"))
        p.amounts = amounts_from(jp["amounts"],
                                 "unit " + std::to_string(doc.units.size() + 1) + " project " +
                                     std::to_string(u.projects.size() + 1),
                                 &amount_problems);
      p.purpose = str_from(jp, "purpose");
      p.goal = str_from(jp, "goal");
      for (const auto& ji : jp.value("indicators", nlohmann::json::array())) {
        Indicator i;
        i.level1_printed = str_from(ji, "level1").value_or("");
        i.level2_printed = str_from(ji, "level2").value_or("");
        if (!i.level1_printed.empty()) i.level1 = resolve_level1(i.level1_printed);
        if (!i.level2_printed.empty()) i.level2 = resolve_level2(i.level2_printed);
        i.name = str_from(ji, "name").value_or("");
        i.description = str_from(ji, "description");
        if (auto t = str_from(ji, "period_target")) i.period_target = parse_target(*t);
        if (auto t = str_from(ji, "annual_target")) i.annual_target = parse_target(*t);
        i.weight = str_from(ji, "weight");
        i.direction = str_from(ji, "direction");
        i.basis = str_from(ji, "basis");
        i.note = str_from(ji, "note");
        i.span = span_from(ji);
        p.indicators.push_back(std::move(i));
      }
      p.span = span_from(jp);
      u.projects.push_back(std::move(p));
    }
    u.span = span_from(ju);
    doc.units.push_back(std::move(u));
  }
  doc.source_path = str_from(j, "source_path").value_or("");
  doc.layout = str_from(j, "layout").value_or("");
  doc.encoding = str_from(j, "encoding").value_or("");
  for (const auto& jd : j.value("diagnostics", nlohmann::json::array())) {
    Diagnostic d;
    d.severity = severity_from(jd.value("severity", std::string("warning")));
    d.code = jd.value("code", std::string());
    d.line = jd.value("line", 0);
    d.page = jd.value("page", 0);
    d.message = jd.value("message", std::string());
    doc.diagnostics.push_back(std::move(d));
  }
  for (Diagnostic& d : amount_problems) doc.diagnostics.push_back(std::move(d));
  return doc;
}

}  // namespace jixiao
