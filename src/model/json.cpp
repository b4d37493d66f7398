#include "model/json.hpp"

namespace jixiao {
namespace {

using ojson = nlohmann::ordered_json;

ojson opt(const std::optional<std::string>& s) { return s ? ojson(*s) : ojson(nullptr); }

ojson amount(const std::optional<Decimal>& d) { return d ? ojson(d->to_string()) : ojson(nullptr); }

ojson amounts_json(const Amounts& a) {
  ojson j;
  j["total"] = amount(a.total);
  j["fiscal"] = amount(a.fiscal);
  j["special"] = amount(a.special);
  j["other"] = amount(a.other);
  return j;
}

ojson span_json(const SourceSpan& s) {
  ojson j;
  j["first_line"] = s.first_line;
  j["last_line"] = s.last_line;
  if (s.page) j["page"] = s.page;
  return j;
}

ojson target_parsed(const Target& t) {
  ojson j;
  j["kind"] = target_kind_name(t.kind);
  if (t.comparator != Comparator::None) j["comparator"] = comparator_symbol(t.comparator);
  if (t.number) j["number"] = t.number->to_string();
  if (!t.unit.empty()) j["unit"] = t.unit;
  if (!t.qualitative.empty()) j["qualitative"] = t.qualitative;
  return j;
}

ojson level_text(const std::optional<std::string>& canonical, const std::string& printed) {
  if (canonical) return *canonical;
  return printed.empty() ? ojson(nullptr) : ojson(printed);
}

ojson indicator_json(const Indicator& i, const JsonOptions& o) {
  ojson j;
  j["level1"] = level_text(i.level1 ? std::optional<std::string>(level1_name(*i.level1)) : std::nullopt,
                           i.level1_printed);
  j["level2"] = level_text(i.level2 ? std::optional<std::string>(level2_name(*i.level2)) : std::nullopt,
                           i.level2_printed);
  j["name"] = i.name;
  j["description"] = opt(i.description);
  j["period_target"] = i.period_target ? ojson(i.period_target->text) : ojson(nullptr);
  j["annual_target"] = i.annual_target ? ojson(i.annual_target->text) : ojson(nullptr);
  if (i.weight) j["weight"] = *i.weight;
  if (i.direction) j["direction"] = *i.direction;
  if (i.basis) j["basis"] = *i.basis;
  if (i.note) j["note"] = *i.note;
  if (o.with_structured_targets) {
    if (i.period_target) j["period_target_parsed"] = target_parsed(*i.period_target);
    if (i.annual_target) j["annual_target_parsed"] = target_parsed(*i.annual_target);
  }
  if (o.with_provenance) j["source"] = span_json(i.span);
  return j;
}

std::optional<Decimal> amount_from(const nlohmann::json& j, const char* key) {
  if (!j.is_object() || !j.contains(key) || j[key].is_null()) return std::nullopt;
  std::string s = j[key].is_string() ? j[key].get<std::string>() : j[key].dump();
  auto d = Decimal::parse(s);
  if (!d) throw nlohmann::json::other_error::create(501, std::string("amount is not a decimal: ") + s, &j);
  return d;
}

Amounts amounts_from(const nlohmann::json& j) {
  Amounts a;
  if (!j.is_object()) return a;
  a.total = amount_from(j, "total");
  a.fiscal = amount_from(j, "fiscal");
  a.special = amount_from(j, "special");
  a.other = amount_from(j, "other");
  return a;
}

std::optional<std::string> str_from(const nlohmann::json& j, const char* key) {
  if (!j.contains(key) || j[key].is_null()) return std::nullopt;
  return j[key].is_string() ? j[key].get<std::string>() : j[key].dump();
}

}  // namespace

nlohmann::ordered_json to_json(const Document& doc, const JsonOptions& o) {
  ojson j;
  j["format"] = "jixiao/1";
  j["kind"] = doc.kind == DocumentKind::Department ? "department" : "project";
  j["title"] = opt(doc.title);
  j["department"] = opt(doc.department);
  j["department_code"] = opt(doc.department_code);
  j["year"] = doc.year ? ojson(*doc.year) : ojson(nullptr);
  j["amount_unit"] = doc.amount_unit;
  j["total"] = doc.total ? amounts_json(*doc.total) : ojson(nullptr);
  ojson units = ojson::array();
  for (const Unit& u : doc.units) {
    ojson ju;
    ju["name"] = u.name;
    ju["code"] = opt(u.code);
    ju["amounts"] = u.amounts.empty() ? ojson(nullptr) : amounts_json(u.amounts);
    ojson projects = ojson::array();
    for (const Project& p : u.projects) {
      ojson jp;
      jp["name"] = opt(p.name);
      jp["amounts"] = amounts_json(p.amounts);
      jp["purpose"] = opt(p.purpose);
      jp["goal"] = opt(p.goal);
      ojson inds = ojson::array();
      for (const Indicator& i : p.indicators) inds.push_back(indicator_json(i, o));
      jp["indicators"] = std::move(inds);
      if (o.with_provenance) jp["source"] = span_json(p.span);
      projects.push_back(std::move(jp));
    }
    ju["projects"] = std::move(projects);
    if (o.with_provenance) ju["source"] = span_json(u.span);
    units.push_back(std::move(ju));
  }
  j["units"] = std::move(units);
  if (o.with_provenance) {
    j["source_path"] = doc.source_path;
    j["layout"] = doc.layout;
    j["encoding"] = doc.encoding;
    ojson diags = ojson::array();
    for (const Diagnostic& d : doc.diagnostics) {
      ojson jd;
      jd["severity"] = severity_name(d.severity);
      jd["code"] = d.code;
      jd["line"] = d.line;
      if (d.page) jd["page"] = d.page;
      jd["message"] = d.message;
      diags.push_back(std::move(jd));
    }
    j["diagnostics"] = std::move(diags);
  }
  return j;
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
  doc.amount_unit = j.value("amount_unit", std::string("万元"));
  if (j.contains("total") && j["total"].is_object()) doc.total = amounts_from(j["total"]);
  for (const auto& ju : j.value("units", nlohmann::json::array())) {
    Unit u;
    u.name = ju.value("name", std::string());
    u.code = str_from(ju, "code");
    if (ju.contains("amounts")) u.amounts = amounts_from(ju["amounts"]);
    for (const auto& jp : ju.value("projects", nlohmann::json::array())) {
      Project p;
      p.name = str_from(jp, "name");
      if (jp.contains("amounts")) p.amounts = amounts_from(jp["amounts"]);
      p.purpose = str_from(jp, "purpose");
      p.goal = str_from(jp, "goal");
      for (const auto& ji : jp.value("indicators", nlohmann::json::array())) {
        Indicator i;
        i.level1_printed = ji.value("level1", std::string());
        i.level2_printed = ji.value("level2", std::string());
        if (ji.contains("level1") && !ji["level1"].is_null()) i.level1 = resolve_level1(i.level1_printed);
        if (ji.contains("level2") && !ji["level2"].is_null()) i.level2 = resolve_level2(i.level2_printed);
        i.name = ji.value("name", std::string());
        i.description = str_from(ji, "description");
        if (auto t = str_from(ji, "period_target")) i.period_target = parse_target(*t);
        if (auto t = str_from(ji, "annual_target")) i.annual_target = parse_target(*t);
        i.weight = str_from(ji, "weight");
        i.direction = str_from(ji, "direction");
        i.basis = str_from(ji, "basis");
        i.note = str_from(ji, "note");
        p.indicators.push_back(std::move(i));
      }
      u.projects.push_back(std::move(p));
    }
    doc.units.push_back(std::move(u));
  }
  return doc;
}

}  // namespace jixiao
