#include "check/report.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cerrno>
#include <charconv>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <deque>
#include <memory>
#include <span>
#include <stdexcept>
#include <string_view>

#include "model/json_writer.hpp"
#include "text/output_buffer.hpp"
#include "text/short_hash.hpp"

namespace jixiao::check {
namespace {

using ojson = nlohmann::ordered_json;

ojson index_or_null(int i) { return i < 0 ? ojson(nullptr) : ojson(i); }
ojson text_or_null(int i, std::string_view s) { return i < 0 ? ojson(nullptr) : ojson(std::string(s)); }

ojson location_json(const Location& l) {
  ojson j;
  j["unit"] = index_or_null(l.unit);
  j["unit_name"] = text_or_null(l.unit, l.unit_name);
  j["project"] = index_or_null(l.project);
  j["project_name"] = text_or_null(l.project, l.project_name);
  j["indicator"] = index_or_null(l.indicator);
  j["indicator_name"] = text_or_null(l.indicator, l.indicator_name);
  j["field"] = l.field.empty() ? ojson(nullptr) : ojson(std::string(l.field));
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
  j["message_zh"] = f.message_zh();
  j["message_en"] = f.message_en();
  j["where"] = location_json(f.where);
  j["difference"] = f.difference ? ojson(*f.difference) : ojson(nullptr);
  if (f.has_fix()) {
    j["fix"] = {{"zh", *f.fix_zh()}, {"en", *f.fix_en()}};
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
  if (l.project < 0) return "unit " + std::string(l.unit_name);
  return l.project_name.empty() ? "(unnamed project)" : std::string(l.project_name);
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

// The summary's "ranking" of the documents kept past their report (--json's
// and --jsonl's Kept: path, department, mean).
template <typename Kept>
void write_ranking(JsonWriter& w, const std::vector<Kept>& docs) {
  w.key("ranking");
  w.begin_array();
  for (const Kept* k : ranked(docs, [](const Kept& k) -> const std::optional<int>& { return k.mean; })) {
    w.begin_object();
    w.field("path", k->path);
    k->department ? w.field("department", *k->department) : w.null_field("department");
    w.field("mean", *k->mean);
    w.end_object();
  }
  w.end_array();
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
      std::string what = f.where.indicator >= 0 ? "  " + std::string(f.where.indicator_name) : "";
      std::string at = lines(f.where.span);
      out += fmt::format("    {:<7} {}{}{}\n", severity_name(f.severity), f.rule, what,
                         at.empty() ? "" : "  (" + at + ")");
      out += fmt::format("            {}\n            {}\n", f.message_zh(), f.message_en());
      if (f.has_fix()) out += fmt::format("            → {}\n", *f.fix_zh());
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

// A text as the report writes it: viewed wherever it is kept, with its JSON
// form when that is known already (a numbered text of the records is escaped
// once, not once per finding that says it).
struct Text {
  std::string_view raw;
  const std::string* json = nullptr;  // raw as a JSON string, quotes included
};

// A place as the report writes it, its texts viewed wherever they are kept:
// in a Finding (late findings) or in a compact record (JsonReportBuilder).
struct PlaceView {
  int unit = -1, project = -1, indicator = -1;
  Text unit_name, project_name, indicator_name;
  Text field, document;
  int first_line = 0, last_line = 0, page = 0;
};

PlaceView view_of(const Location& l) {
  return {l.unit,      l.project,    l.indicator,       {l.unit_name},    {l.project_name}, {l.indicator_name},
          {l.field},   {l.document}, l.span.first_line, l.span.last_line, l.span.page};
}

struct FindingView {
  Text rule;
  Severity severity = Severity::Warning;
  Text message_zh, message_en;
  PlaceView where;
  std::optional<Text> difference, fix_zh, fix_en;
  std::span<const PlaceView> related;
};

// The report's findings and project scores, laid out in an OutputBuffer and
// handed to the output a block at a time, with what this layout adds to it:
// a piece of fixed text (Lit) copied in one move of a known size, and the
// numbers of the builder's records.
class Buf : public OutputBuffer {
 public:
  // Unset: read only up to the cursor, and the builder's may be 16 MB.
  explicit Buf(std::size_t capacity = std::size_t{1} << 17) : OutputBuffer(capacity, Start::unset) {}
  using OutputBuffer::put;
  template <std::size_t N>
  [[gnu::always_inline]] void literal(const char (&s)[N]) {
    append(s, N - 1);
  }
  // A fixed piece of the layout (Lit): its whole array is copied, a move of
  // a size known when compiled, and the cursor advanced by its length.
  template <typename L>
  [[gnu::always_inline]] void put(const L& l) {
    reserve(sizeof l.s);
    std::memcpy(cursor(), l.s, sizeof l.s);
    advance_to(cursor() + l.n);
  }
  // A number of the builder's records: unsigned LEB128, written in place.
  [[gnu::always_inline]] void varint(std::uint64_t v) {
    reserve(10);
    char* o = cursor();
    while (v >= 0x80) {
      *o++ = static_cast<char>(v | 0x80);
      v >>= 7;
    }
    *o++ = static_cast<char>(v);
    advance_to(o);
  }
};

void put_text(Buf& out, const Text& t) {
  if (t.json) {
    out.append(t.json->data(), t.json->size());
  } else {
    json_detail::append_json_string(out, t.raw);
  }
}

// A fixed piece of the report's layout, made when the program is compiled:
// its text in the first n bytes of s, the rest zero.
struct Lit {
  char s[48];
  std::size_t n;
};

consteval Lit lit(std::string_view a, std::size_t spaces, std::string_view b) {
  Lit l{};
  l.n = 0;
  if (a.size() + spaces + b.size() > sizeof l.s) throw "a layout piece longer than Lit holds";
  for (char c : a) l.s[l.n++] = c;
  for (std::size_t i = 0; i < spaces; ++i) l.s[l.n++] = ' ';
  for (char c : b) l.s[l.n++] = c;
  return l;
}
// A member's key with what goes before it: "{" (first) or "," (next), the
// new line and indent, the quoted key and ": ".
consteval Lit member(bool first, std::size_t indent, std::string_view key) {
  Lit l = lit(first ? "{\n" : ",\n", indent, "\"");
  const Lit k = lit(key, 0, "\": ");
  if (l.n + k.n > sizeof l.s) throw "a layout piece longer than Lit holds";
  for (std::size_t i = 0; i < k.n; ++i) l.s[l.n++] = k.s[i];
  return l;
}
consteval Lit close(std::size_t indent, char bracket) {
  return lit("\n", indent, std::string_view(&bracket, 1));
}
consteval Lit element(bool first, std::size_t indent) { return lit(first ? "\n" : ",\n", indent, ""); }

// The report's shape is fixed, so the keys of a finding and of a project's
// score, each with the comma, new line and indent before it, are laid out
// once here as JsonWriter (and dump(2)) lays them: a finding is an element
// of documents[i].findings ('{' at 8 spaces, its members at 10), its place
// an object at 10 and a related place an element at 12. A finding was a
// few dozen writer calls, each finding its separator and scanning its key.
namespace layout {

struct Place {
  Lit unit, unit_name, project, project_name, indicator, indicator_name, field, first_line, last_line, page,
      document, end;
};
consteval Place place_at(std::size_t at) {
  return {member(true, at + 2, "unit"),       member(false, at + 2, "unit_name"),
          member(false, at + 2, "project"),   member(false, at + 2, "project_name"),
          member(false, at + 2, "indicator"), member(false, at + 2, "indicator_name"),
          member(false, at + 2, "field"),     member(false, at + 2, "first_line"),
          member(false, at + 2, "last_line"), member(false, at + 2, "page"),
          member(false, at + 2, "document"),  close(at, '}')};
}
constexpr Place where = place_at(10), related_place = place_at(12);
constexpr Lit rule = member(true, 10, "rule"), severity = member(false, 10, "severity"),
              family = member(false, 10, "family"), message_zh = member(false, 10, "message_zh"),
              message_en = member(false, 10, "message_en"), where_key = member(false, 10, "where"),
              difference = member(false, 10, "difference"), fix = member(false, 10, "fix"),
              fix_zh = member(true, 12, "zh"), fix_en = member(false, 12, "en"), fix_end = close(10, '}'),
              related = member(false, 10, "related"), related_first = element(true, 12),
              related_next = element(false, 12), related_end = close(10, ']'), finding_end = close(8, '}'),
              finding_first = element(true, 8), finding_next = element(false, 8);
// documents[i].score.projects[j]: '{' at 10, members at 12.
constexpr Lit project_first = element(true, 10), project_next = element(false, 10),
              p_unit = member(true, 12, "unit"), p_unit_name = member(false, 12, "unit_name"),
              p_project = member(false, 12, "project"), p_project_name = member(false, 12, "project_name"),
              p_score = member(false, 12, "score"), p_completeness = member(false, 12, "completeness"),
              p_measurability = member(false, 12, "measurability"),
              p_consistency = member(false, 12, "consistency"), project_end = close(10, '}');

}  // namespace layout

void put_place(Buf& o, const PlaceView& l, const layout::Place& k) {
  auto index = [&](int i) {
    if (i < 0) {
      o.literal("null");
    } else {
      o.number(i);
    }
  };
  auto name = [&](int i, const Text& s) {
    if (i < 0) {
      o.literal("null");
    } else {
      put_text(o, s);
    }
  };
  auto line = [&](int n) { index(n > 0 ? n : -1); };
  o.put(k.unit);
  index(l.unit);
  o.put(k.unit_name);
  name(l.unit, l.unit_name);
  o.put(k.project);
  index(l.project);
  o.put(k.project_name);
  name(l.project, l.project_name);
  o.put(k.indicator);
  index(l.indicator);
  o.put(k.indicator_name);
  name(l.indicator, l.indicator_name);
  o.put(k.field);
  if (l.field.raw.empty()) {
    o.literal("null");
  } else {
    put_text(o, l.field);
  }
  o.put(k.first_line);
  line(l.first_line);
  o.put(k.last_line);
  line(l.last_line);
  o.put(k.page);
  line(l.page);
  if (!l.document.raw.empty()) {
    o.put(k.document);
    put_text(o, l.document);
  }
  o.put(k.end);
}

// One element of a document's findings array, from its '{' to its '}'.
void put_finding(Buf& o, const FindingView& f) {
  namespace k = layout;
  o.put(k::rule);
  put_text(o, f.rule);
  o.put(k::severity);
  o.put('"');
  const std::string_view severity = severity_name(f.severity);  // plain ASCII names: nothing to escape
  o.append(severity.data(), severity.size());
  o.put('"');
  o.put(k::family);
  o.put('"');
  const std::string_view family = family_of(f.rule.raw);
  o.append(family.data(), family.size());
  o.put('"');
  o.put(k::message_zh);
  put_text(o, f.message_zh);
  o.put(k::message_en);
  put_text(o, f.message_en);
  o.put(k::where_key);
  put_place(o, f.where, k::where);
  o.put(k::difference);
  if (f.difference) {
    put_text(o, *f.difference);
  } else {
    o.literal("null");
  }
  o.put(k::fix);
  if (f.fix_zh || f.fix_en) {
    o.put(k::fix_zh);
    put_text(o, f.fix_zh.value_or(Text{}));
    o.put(k::fix_en);
    put_text(o, f.fix_en.value_or(Text{}));
    o.put(k::fix_end);
  } else {
    o.literal("null");
  }
  o.put(k::related);
  if (f.related.empty()) {
    o.literal("[]");
  } else {
    o.put('[');
    for (std::size_t i = 0; i < f.related.size(); ++i) {
      o.put(i == 0 ? k::related_first : k::related_next);
      put_place(o, f.related[i], k::related_place);
    }
    o.put(k::related_end);
  }
  o.put(k::finding_end);
}

void put_finding(Buf& o, const Finding& f, std::vector<PlaceView>& related) {
  related.clear();
  for (const Location& l : f.related) related.push_back(view_of(l));
  auto opt = [](const std::optional<std::string>& s) { return s ? std::optional<Text>(Text{*s}) : std::nullopt; };
  const std::string message_zh = f.message_zh(), message_en = f.message_en();
  const std::optional<std::string> fix_zh = f.fix_zh(), fix_en = f.fix_en();
  put_finding(o, FindingView{{f.rule},
                             f.severity,
                             {message_zh},
                             {message_en},
                             view_of(f.where),
                             opt(f.difference),
                             opt(fix_zh),
                             opt(fix_en),
                             related});
}

void write_counts(JsonWriter& w, int errors, int warnings, int notices) {
  w.begin_object();
  w.field("error", errors);
  w.field("warning", warnings);
  w.field("notice", notices);
  w.end_object();
}

[[noreturn]] void temporary_file_failed(const char* what) {
  throw std::runtime_error(fmt::format("cannot {} the report's temporary file: {}", what, std::strerror(errno)));
}

[[noreturn]] void record_damaged() {
  throw std::runtime_error("the report's temporary file was read back damaged");
}

void put_varint(std::string& out, std::uint64_t v) {
  char tmp[10];
  std::size_t n = 0;
  while (v >= 0x80) {
    tmp[n++] = static_cast<char>(v | 0x80);
    v >>= 7;
  }
  tmp[n++] = static_cast<char>(v);
  out.append(tmp, n);
}

// Most numbers of the records (indexes, lines, tags) are below 128: one
// byte, written where it is called; the loop is called only for the rest.
[[gnu::always_inline]] inline void put_varint(Buf& out, std::uint64_t v) {
  if (v < 0x80) {
    out.put(static_cast<char>(v));
  } else {
    out.varint(v);
  }
}

// Signed numbers (-1 is "not at this level") as small varints.
[[gnu::always_inline]] inline void put_signed_varint(Buf& out, int v) {
  const auto x = static_cast<std::int64_t>(v);
  put_varint(out, (static_cast<std::uint64_t>(x) << 1) ^ static_cast<std::uint64_t>(x >> 63));
}

// Reads one record back. The records are the builder's own, so damage means
// the temporary file failed; it is reported, never read past.
struct Cursor {
  const char* p;
  const char* end;
  std::uint64_t varint() {
    if (p != end && !(static_cast<unsigned char>(*p) & 0x80))
      return static_cast<unsigned char>(*p++);  // one byte
    std::uint64_t v = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      if (p == end) record_damaged();
      const auto c = static_cast<unsigned char>(*p++);
      v |= std::uint64_t(c & 0x7F) << shift;
      if (!(c & 0x80)) return v;
    }
    record_damaged();
  }
  int integer() {
    const std::uint64_t v = varint();
    return static_cast<int>(static_cast<std::int64_t>(v >> 1) ^ -static_cast<std::int64_t>(v & 1));
  }
  std::string_view bytes(std::uint64_t n) {
    if (n > static_cast<std::uint64_t>(end - p)) record_damaged();
    std::string_view v(p, static_cast<std::size_t>(n));
    p += n;
    return v;
  }
};

// What the report writers remember of a message said before, so that most
// findings are not formatted again: a finding's message and fix depend only
// on its form and the texts it is filled in with (the key). A form with
// nothing to fill in is kept by form. The keys are looked up in a flat table
// probed linearly, each slot an entry's number, the key's full hash in the
// entry: std::unordered_map's nodes missed the cache (2% of check's CPU on
// 30 MB of summary tables). The caller bounds the keys' bytes (key_bytes).
template <typename Payload>
class MessageMemo {
 public:
  // What was remembered for f's message, or nullptr; then remember() may
  // follow for the same finding.
  const Payload* find(const Finding& f) {
    form_ = static_cast<std::size_t>(f.message);
    by_form_ = f.args.size() == 0;
    if (by_form_) return fixed_[form_] == 0 ? nullptr : &entries_[fixed_[form_] - 1].payload;
    key_.clear();
    key_.push_back(static_cast<char>(f.message));
    for (int i = 0; i < f.args.size(); ++i) {
      const std::string_view a = f.args[i];
      put_varint(key_, a.size());
      key_.append(a);
    }
    hash_ = short_text_hash(key_);
    const std::size_t mask = slots_.size() - 1;
    for (at_ = hash_ & mask; slots_[at_] != 0; at_ = (at_ + 1) & mask) {
      const Entry& e = entries_[slots_[at_] - 1];
      if (e.hash == hash_ && std::string_view(keys_).substr(e.key_at, e.key_size) == key_) return &e.payload;
    }
    return nullptr;
  }
  // The bytes the keys take, with the last key find() did not know.
  std::size_t key_bytes() const { return keys_.size() + (by_form_ ? 0 : key_.size()); }
  // Remembers `payload` for the message find() was last asked about and did
  // not know.
  const Payload& remember(Payload payload) {
    entries_.push_back({hash_, 0, 0, std::move(payload)});
    const auto number = static_cast<std::uint32_t>(entries_.size());
    if (by_form_) {
      fixed_[form_] = number;
    } else {
      entries_.back().key_at = static_cast<std::uint32_t>(keys_.size());
      entries_.back().key_size = static_cast<std::uint32_t>(key_.size());
      keys_.append(key_);
      slots_[at_] = number;
      if (entries_.size() * 2 > slots_.size()) grow();
    }
    return entries_.back().payload;
  }

 private:
  struct Entry {
    std::uint64_t hash;
    std::uint32_t key_at, key_size;  // in keys_; size 0: kept by form, not in the table
    Payload payload;
  };
  void grow() {
    std::vector<std::uint32_t> slots(slots_.size() * 2, 0);
    const std::size_t mask = slots.size() - 1;
    for (std::size_t n = 0; n < entries_.size(); ++n) {
      if (entries_[n].key_size == 0) continue;
      std::size_t i = entries_[n].hash & mask;
      while (slots[i] != 0) i = (i + 1) & mask;
      slots[i] = static_cast<std::uint32_t>(n + 1);
    }
    slots_.swap(slots);
  }

  std::vector<Entry> entries_;
  std::string keys_;
  std::vector<std::uint32_t> slots_ = std::vector<std::uint32_t>(1024, 0);          // entry + 1; 0 = empty
  std::array<std::uint32_t, static_cast<std::size_t>(MessageId::Count_)> fixed_{};  // entry + 1, by form
  // find()'s last question, for remember().
  std::string key_;
  std::uint64_t hash_ = 0;
  std::size_t at_ = 0, form_ = 0;
  bool by_form_ = false;
};

}  // namespace

// The compact records of the documents' scores and findings, in the order
// added, and the texts they refer to.
//
// A text is written as a varint tag: 0 = the same as the last text of its
// slot (a finding's unit and project names are its neighbour's), odd = the
// text numbered tag / 2 in texts_ (messages, fixes, fields and rule ids are
// mostly fixed phrases: 894 distinct messages among 14,000 findings of 400
// generated tables), even = tag / 2 - 1 bytes of text follow. The slots
// start empty with each document, so a record reads on its own.
class JsonReportBuilder::Records {
 public:
  enum Slot { kUnitName, kProjectName, kIndicatorName, kNone, kSlots = kNone };

  explicit Records(std::size_t memory_bytes)
      : memory_bytes_(memory_bytes), buf_(std::min(memory_bytes_, std::size_t{1} << 24) + 4096) {}
  ~Records() {
    if (file_) std::fclose(file_);
  }

  void add(const CheckedDocument& d) {
    for (auto& s : last_) s.clear();
    const std::size_t start = buf_.size();
    buf_.append("\0\0\0\0", 4);  // the record's length, set below
    const DocumentScore& score = d.score;
    put_varint(buf_, score.mean ? 1 : 0);
    if (score.mean) put_signed_varint(buf_, *score.mean);
    put_varint(buf_, score.projects.size());
    for (const ProjectScore& s : score.projects) {
      put_signed_varint(buf_, s.unit);
      name(kUnitName, s.unit_name);
      put_signed_varint(buf_, s.project);
      name(kProjectName, s.project_name);
      put_signed_varint(buf_, s.score);
      put_signed_varint(buf_, s.completeness);
      put_signed_varint(buf_, s.measurability);
      put_signed_varint(buf_, s.consistency);
    }
    put_varint(buf_, d.findings.size());
    for (const Finding& f : d.findings) finding(f);
    const std::size_t size = buf_.size() - start - 4;
    if (size > 0xFFFFFFFFu) throw std::runtime_error("a document's findings are too many for the report");
    const auto n = static_cast<std::uint32_t>(size);
    const char length[4] = {char(n), char(n >> 8), char(n >> 16), char(n >> 24)};
    std::memcpy(buf_.data() + start, length, 4);
    if (buf_.size() > memory_bytes_) spill();
  }

  // The records back, one per call, in the order added; each is valid until
  // the next call.
  void rewind() {
    if (!failed_.empty()) throw std::runtime_error(failed_);
    read_from_file_ = file_ != nullptr;
    if (file_) {
      if (std::fflush(file_) != 0 || std::ferror(file_)) temporary_file_failed("write");
      std::rewind(file_);
    }
    memory_at_ = 0;
    // Every numbered text is said by some record: each is escaped once here,
    // and read_text() is then one look-up (it was a deque's and a lazily
    // filled vector's, with their tests, for about seven texts a finding).
    numbered_.clear();
    numbered_.reserve(texts_.size());
    escaped_.resize(texts_.size());
    for (std::size_t id = 0; id < texts_.size(); ++id) {
      if (escaped_[id].empty()) put_json_string(escaped_[id], texts_[id]);
      numbered_.push_back({texts_[id], &escaped_[id]});
    }
  }
  Cursor next() {
    if (read_from_file_) {
      unsigned char length[4];
      const std::size_t got = std::fread(length, 1, 4, file_);
      if (got == 4) {
        const std::uint32_t n = length[0] | length[1] << 8 | length[2] << 16 | std::uint32_t(length[3]) << 24;
        scratch_.resize(n);
        if (std::fread(scratch_.data(), 1, n, file_) != n) temporary_file_failed("read back");
        return {scratch_.data(), scratch_.data() + n};
      }
      if (got != 0 || std::ferror(file_)) temporary_file_failed("read back");
      read_from_file_ = false;  // the file's records are done: the rest are in memory
    }
    if (buf_.size() - memory_at_ < 4) record_damaged();
    const auto* b = reinterpret_cast<const unsigned char*>(buf_.data() + memory_at_);
    const std::uint32_t n = b[0] | b[1] << 8 | b[2] << 16 | std::uint32_t(b[3]) << 24;
    if (buf_.size() - memory_at_ - 4 < n) record_damaged();
    const char* p = buf_.data() + memory_at_ + 4;
    memory_at_ += 4 + std::size_t{n};
    return {p, p + n};
  }

  // A name slot while a record is read: the last name and its JSON form.
  struct NameSlot {
    std::string_view raw;  // into the record
    std::string json;      // a JSON string, quotes included: raw's when `current`
    bool current = false;
  };
  // A name of the record at `c`; `slot` remembers it for a later repeat.
  // With `escaped`, its JSON form too, made once for all the findings that
  // repeat the name (the unit's above all) and valid until the next call
  // with `escaped` on this slot. Related places are read without it: they
  // are read after their finding's own place, whose JSON form stays put.
  Text read_name(Cursor& c, NameSlot& slot, bool escaped) {
    const std::uint64_t tag = c.varint();
    if (tag != 0) {
      if (tag & 1) record_damaged();  // names are never numbered
      slot.raw = c.bytes((tag >> 1) - 1);
      slot.current = false;
    }
    if (!escaped) return {slot.raw};
    if (!slot.current) {
      slot.json.clear();
      put_json_string(slot.json, slot.raw);
      slot.current = true;
    }
    return {slot.raw, &slot.json};
  }
  // Any other text of the record at `c`; a numbered one with its JSON form.
  Text read_text(Cursor& c) {
    const std::uint64_t tag = c.varint();
    if (tag == 0) record_damaged();  // only names repeat by slot
    if (!(tag & 1)) return {c.bytes((tag >> 1) - 1)};
    const std::uint64_t id = tag >> 1;
    if (id >= numbered_.size()) record_damaged();
    return numbered_[id];
  }

 private:
  // A document's own name (unit, project, indicator): repeated by its slot
  // or written out, never numbered (they seldom recur across documents).
  void name(Slot s, std::string_view v) {
    if (v == last_[s]) {
      buf_.put('\0');
      return;
    }
    last_[s].assign(v);
    put_varint(buf_, (std::uint64_t{v.size()} + 1) << 1);
    buf_.append(v.data(), v.size());
  }
  // A text that recurs across documents (a message, a fix): numbered the
  // first time, while texts_ is under its bound, and referred to after.
  // Returns the text's number + 1, or 0 when it was written out.
  std::uint32_t text(std::string_view v) {
    const std::uint32_t id = number(v);
    if (id != 0) {
      put_varint(buf_, (std::uint64_t{id - 1} << 1) | 1);
    } else {
      put_varint(buf_, (std::uint64_t{v.size()} + 1) << 1);
      buf_.append(v.data(), v.size());
    }
    return id;
  }
  // The number + 1 of `v`, numbered now if new and texts_ has room; 0 when
  // it has none.
  std::uint32_t number(std::string_view v) {
    const std::uint64_t h = short_text_hash(v);
    std::uint32_t* slot = find_slot(v, h);
    if (*slot != 0) return *slot;
    if (text_bytes_ + v.size() > kTextBytes) return 0;
    const auto id = static_cast<std::uint32_t>(texts_.size());
    texts_.emplace_back(v);
    hashes_.push_back(h);
    *slot = id + 1;
    text_bytes_ += v.size() + sizeof(std::string);
    if (texts_.size() * 2 > slots_.size()) grow();
    return id + 1;
  }
  // What a finding says, numbered: its message and, when its form has one,
  // its fix, in both languages (MessagePart order). A text the store had no
  // room to number is 0, and is written out from `formatted` instead.
  struct Said {
    std::array<std::uint32_t, 4> ids{};      // number + 1; 0 = not numbered
    const std::string* formatted = nullptr;  // the four texts, when formatted by say()
  };
  // A finding's message and fix: formatted only the first time its form is
  // filled in with these texts. Most findings repeat a message said before
  // (a corpus of 14,000 findings says 900 distinct messages), so the form
  // and its texts are looked up, once for the message and the fix together,
  // and the numbers of the formatted texts written, without formatting them
  // again.
  Said say(const Finding& f, bool fix) {
    if (const auto* ids = said_.find(f)) return {*ids};
    Said said;
    said.formatted = formatted_.data();
    bool all = true;  // every text numbered
    for (int part = 0; part < (fix ? 4 : 2); ++part) {
      formatted_[part].clear();
      f.append(static_cast<MessagePart>(part), formatted_[part]);
      said.ids[part] = number(formatted_[part]);
      all = all && said.ids[part] != 0;
    }
    if (all && said_.key_bytes() <= kTextBytes) said_.remember(said.ids);
    return said;
  }
  // Part `part` of what say() gave, as a text of the record.
  void put_said(const Said& said, int part) {
    if (said.ids[part] != 0) {
      put_varint(buf_, (std::uint64_t{said.ids[part] - 1} << 1) | 1);
      return;
    }
    const std::string& v = said.formatted[part];
    put_varint(buf_, (std::uint64_t{v.size()} + 1) << 1);
    buf_.append(v.data(), v.size());
  }
  // Every text of every finding is looked up (about six per finding): a flat
  // table probed linearly, each entry a number with the text's full hash
  // beside the text, so a miss rarely reads a text and the table (4 bytes a
  // slot) stays in cache; std::unordered_map's nodes showed in the profile.
  // The slot holding v's number + 1, or the empty slot (0) where it goes.
  std::uint32_t* find_slot(std::string_view v, std::uint64_t h) {
    const std::size_t mask = slots_.size() - 1;
    for (std::size_t i = h & mask;; i = (i + 1) & mask) {
      std::uint32_t& s = slots_[i];
      if (s == 0 || (hashes_[s - 1] == h && texts_[s - 1] == v)) return &s;
    }
  }
  void grow() {
    std::vector<std::uint32_t> old(slots_.size() * 2, 0);
    old.swap(slots_);
    const std::size_t mask = slots_.size() - 1;
    for (std::uint32_t s : old) {
      if (s == 0) continue;
      std::size_t i = hashes_[s - 1] & mask;
      while (slots_[i] != 0) i = (i + 1) & mask;
      slots_[i] = s;
    }
  }
  void place(const Location& l) {
    put_signed_varint(buf_, l.unit);
    put_signed_varint(buf_, l.project);
    put_signed_varint(buf_, l.indicator);
    // A name is written only where the report shows it (null elsewhere).
    if (l.unit >= 0) name(kUnitName, l.unit_name);
    if (l.project >= 0) name(kProjectName, l.project_name);
    if (l.indicator >= 0) name(kIndicatorName, l.indicator_name);
    repeated_text(l.field, last_field_);
    put_signed_varint(buf_, l.span.first_line);
    put_signed_varint(buf_, l.span.last_line);
    put_signed_varint(buf_, l.span.page);
    repeated_text(l.document, last_document_);
  }
  // A place's field ("annual_target", "goal" …) and document ("" but for
  // corpus findings) mostly repeat the last place's: compared with it
  // before the text is hashed and looked up.
  struct LastText {
    std::string text;
    std::uint32_t number = 0;  // + 1; 0 = none yet
  };
  void repeated_text(std::string_view v, LastText& last) {
    if (last.number == 0 || v != last.text) {
      last.number = text(v);
      if (last.number != 0) last.text.assign(v);
      return;
    }
    put_varint(buf_, (std::uint64_t{last.number - 1} << 1) | 1);
  }
  // A finding's rule id: a few dozen ids say every finding, so its number is
  // kept by the id's address (a view of the rule table's static text; the
  // text is compared too) rather than hashed and looked up each time.
  struct RuleNumber {
    std::string rule;
    std::uint32_t number = 0;  // + 1; 0 = none
  };
  void rule(std::string_view r) {
    RuleNumber& c = rule_numbers_[(reinterpret_cast<std::uintptr_t>(r.data()) >> 3) % rule_numbers_.size()];
    if (c.number != 0 && c.rule == r) {
      put_varint(buf_, (std::uint64_t{c.number - 1} << 1) | 1);
      return;
    }
    const std::uint32_t n = text(r);
    if (n != 0) {
      c.rule.assign(r);
      c.number = n;
    }
  }
  void finding(const Finding& f) {
    rule(f.rule);
    buf_.put(static_cast<char>(f.severity));
    const bool fix = f.has_fix();
    const Said said = say(f, fix);
    put_said(said, 0);
    put_said(said, 1);
    place(f.where);
    buf_.put(static_cast<char>((f.difference ? 1 : 0) | (fix ? 6 : 0)));
    if (f.difference) text(*f.difference);
    if (fix) {
      put_said(said, 2);
      put_said(said, 3);
    }
    put_varint(buf_, f.related.size());
    for (const Location& l : f.related) place(l);
  }
  // A failure is kept for write() to report: add() runs inside the readers'
  // callbacks, where the command cannot stop cleanly.
  void spill() {
    if (failed_.empty() && !file_) {
      if ((file_ = std::tmpfile())) {
        std::setvbuf(file_, nullptr, _IOFBF, std::size_t{1} << 16);  // read back in 64 KB blocks, not 4 KB
      } else {
        failed_ = fmt::format("cannot create the report's temporary file: {}", std::strerror(errno));
      }
    }
    if (failed_.empty() && std::fwrite(buf_.data(), 1, buf_.size(), file_) != buf_.size())
      failed_ = fmt::format("cannot write the report's temporary file: {}", std::strerror(errno));
    buf_.clear();  // after a failure too: the report is lost, the memory need not be
  }

  // Texts numbered: 14,127 (2.1 MB) over 50 MB of generated summary tables,
  // whose 90,000 findings say them; bounded, as a corpus whose messages quote
  // each indicator would otherwise number them all.
  static constexpr std::size_t kTextBytes = std::size_t{4} << 20;
  std::size_t memory_bytes_;
  Buf buf_;  // records not in file_
  std::FILE* file_ = nullptr;
  std::string last_[kSlots];
  std::deque<std::string> texts_;      // by number
  std::vector<std::string> escaped_;   // texts_ as JSON strings, made by rewind()
  std::vector<Text> numbered_;         // texts_ and escaped_, by number, for read_text()
  std::vector<std::uint64_t> hashes_;  // short_text_hash of texts_, by number
  std::vector<std::uint32_t> slots_ = std::vector<std::uint32_t>(1024, 0);  // number + 1; 0 = empty
  std::size_t text_bytes_ = 0;
  bool read_from_file_ = false;
  std::size_t memory_at_ = 0;
  std::string scratch_;  // a record read back from file_
  // say(): the numbers + 1 of the texts formatted from a message (message
  // and fix, MessagePart order), remembered when all were numbered; its keys
  // bounded like texts_.
  MessageMemo<std::array<std::uint32_t, 4>> said_;
  std::array<std::string, 4> formatted_;  // say()'s texts, by MessagePart
  LastText last_field_, last_document_;
  std::array<RuleNumber, 64> rule_numbers_;
  std::string failed_;   // why the temporary file failed ("" = it did not)
};

// What the report says of a document besides its score and findings.
struct JsonReportBuilder::Kept {
  std::string path;
  std::optional<std::string> department;
  std::optional<std::string> unreadable;
  std::optional<int> mean;
  int errors = 0, warnings = 0, notices = 0;
  std::vector<Finding> late;

  void count(Severity s) { ++(s == Severity::Error ? errors : s == Severity::Warning ? warnings : notices); }
};

JsonReportBuilder::JsonReportBuilder(std::string policy, std::size_t memory_bytes)
    : policy_(std::move(policy)), records_(std::make_unique<Records>(memory_bytes)) {}

JsonReportBuilder::~JsonReportBuilder() = default;

std::size_t JsonReportBuilder::size() const { return docs_.size(); }

void JsonReportBuilder::add(const CheckedDocument& d) {
  Kept& k = docs_.emplace_back();
  k.path = d.path;
  k.department = d.department;
  k.unreadable = d.unreadable;
  k.mean = mean_of(d);
  for (const Finding& f : d.findings) k.count(f.severity);
  records_->add(d);
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
  Records& records = *records_;
  records.rewind();
  std::vector<PlaceView> related;
  Records::NameSlot slots[Records::kSlots];  // the names' slots of the record being read
  constexpr std::size_t kHandOver = 4096;
  Buf piece;  // a document's projects, then its findings, laid out (layout::) before they are handed over

  JsonWriter w(out, 2);
  // A laid-out piece joins the report: a large one goes to `out` as it is,
  // after what the writer holds (copying it into the writer's buffer cost
  // a fifth of the report), a small one is copied in, cheaper than a write.
  auto hand_over = [&] {
    if (piece.size() >= kHandOver) {
      w.flush();
      out.write(piece.view().data(), static_cast<std::streamsize>(piece.size()));
    } else {
      w.splice(piece.view());
    }
    piece.clear();
  };
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

    Cursor c = records.next();
    for (Records::NameSlot& s : slots) {
      s.raw = {};
      s.current = false;
    }
    w.key("score");
    w.begin_object();
    if (c.varint()) {
      w.field("mean", c.integer());
    } else {
      w.null_field("mean");
    }
    // The arrays' elements are laid out here (layout::) and handed over: the
    // writer is told the array is left open, then resumed to close it.
    w.key("projects");
    w.begin_array();
    w.leave();
    piece.clear();
    const std::uint64_t projects = c.varint();
    for (std::uint64_t n = 0; n < projects; ++n) {
      piece.put(n == 0 ? layout::project_first : layout::project_next);
      piece.put(layout::p_unit);
      piece.number(c.integer());
      piece.put(layout::p_unit_name);
      put_text(piece, records.read_name(c, slots[Records::kUnitName], true));
      piece.put(layout::p_project);
      piece.number(c.integer());
      piece.put(layout::p_project_name);
      put_text(piece, records.read_name(c, slots[Records::kProjectName], true));
      piece.put(layout::p_score);
      piece.number(c.integer());
      piece.put(layout::p_completeness);
      piece.number(c.integer());
      piece.put(layout::p_measurability);
      piece.number(c.integer());
      piece.put(layout::p_consistency);
      piece.number(c.integer());
      piece.put(layout::project_end);
    }
    hand_over();
    w.resume(']', projects > 0);
    w.end_array();
    w.end_object();
    w.key("findings");
    w.begin_array();
    w.leave();
    piece.clear();
    auto place = [&](PlaceView& l, bool escaped) {
      l.unit = c.integer();
      l.project = c.integer();
      l.indicator = c.integer();
      if (l.unit >= 0) l.unit_name = records.read_name(c, slots[Records::kUnitName], escaped);
      if (l.project >= 0) l.project_name = records.read_name(c, slots[Records::kProjectName], escaped);
      if (l.indicator >= 0) l.indicator_name = records.read_name(c, slots[Records::kIndicatorName], escaped);
      l.field = records.read_text(c);
      l.first_line = c.integer();
      l.last_line = c.integer();
      l.page = c.integer();
      l.document = records.read_text(c);
    };
    const std::uint64_t own = c.varint();
    for (std::uint64_t n = 0; n < own; ++n) {
      FindingView f;
      f.rule = records.read_text(c);
      const auto severity = static_cast<unsigned char>(c.bytes(1)[0]);
      if (severity > static_cast<unsigned char>(Severity::Notice)) record_damaged();
      f.severity = static_cast<Severity>(severity);
      f.message_zh = records.read_text(c);
      f.message_en = records.read_text(c);
      place(f.where, true);
      const auto has = static_cast<unsigned char>(c.bytes(1)[0]);
      if (has & 1) f.difference = records.read_text(c);
      if (has & 2) f.fix_zh = records.read_text(c);
      if (has & 4) f.fix_en = records.read_text(c);
      related.clear();
      for (std::uint64_t r = c.varint(); r > 0; --r) place(related.emplace_back(), false);
      f.related = related;
      piece.put(n == 0 ? layout::finding_first : layout::finding_next);
      put_finding(piece, f);
      if (piece.size() >= (std::size_t{1} << 16)) hand_over();
    }
    if (c.p != c.end) record_damaged();
    for (std::size_t n = 0; n < k.late.size(); ++n) {
      piece.put(own + n == 0 ? layout::finding_first : layout::finding_next);
      put_finding(piece, k.late[n], related);
    }
    hand_over();
    w.resume(']', own + k.late.size() > 0);
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
  write_ranking(w, docs_);
  w.end_object();
  w.end_object();
}

void write_json_report(std::ostream& out, const std::vector<CheckedDocument>& docs, const std::string& policy) {
  JsonReportBuilder report(policy);
  for (const CheckedDocument& d : docs) report.add(d);
  report.write(out);
}

}  // namespace jixiao::check

namespace jixiao::check {

// What the summary and the corpus lines need of a document once its line is
// written.
struct JsonLinesReport::Kept {
  std::string path;
  std::optional<std::string> department;
  std::optional<int> mean;  // none when unreadable or without projects: not ranked
};

// Lays the lines out in one buffer, reused line after line, and hands it to
// the stream in blocks.
class JsonLinesReport::Writer {
 public:
  static constexpr std::size_t kHandOver = std::size_t{1} << 16;

  void head(const std::string& policy) {
    out_.literal("{\"line\":\"head\",\"format\":\"jixiao-check/1\",\"policy\":");
    json_detail::append_json_string(out_, policy);
    out_.literal("}\n");
  }

  void document(std::size_t index, const CheckedDocument& d, int errors, int warnings, int notices) {
    Buf& o = out_;
    forget_names();  // a view's address may be another Document's now
    names_.start(&d.score.projects);
    o.literal("{\"line\":\"document\",\"document\":");
    o.number(static_cast<long long>(index));
    o.literal(",\"path\":");
    json_detail::append_json_string(o, d.path);
    o.literal(",\"department\":");
    text_or_null(d.department);
    if (d.unreadable) {
      o.literal(",\"readable\":false,\"error\":");
      json_detail::append_json_string(o, *d.unreadable);
    } else {
      o.literal(",\"readable\":true,\"error\":null");
    }
    o.literal(",\"counts\":{\"error\":");
    o.number(errors);
    o.literal(",\"warning\":");
    o.number(warnings);
    o.literal(",\"notice\":");
    o.number(notices);
    o.literal("},\"score\":{\"mean\":");
    number_or_null(d.score.mean);
    o.literal(",\"projects\":[");
    bool first = true;
    for (std::size_t k = 0; k < d.score.projects.size(); ++k) {
      const ProjectScore& s = d.score.projects[k];
      if (!first) o.put(',');
      first = false;
      o.literal("{\"unit\":");
      o.number(s.unit);
      o.literal(",\"unit_name\":");
      if (!names_.unit(s.unit, s.unit_name, o)) names_.keep_unit(s.unit, k, escaped(s.unit_name));
      o.literal(",\"project\":");
      o.number(s.project);
      o.literal(",\"project_name\":");
      names_.keep_project(s.unit, k, escaped(s.project_name));
      o.literal(",\"score\":");
      o.number(s.score);
      o.literal(",\"completeness\":");
      o.number(s.completeness);
      o.literal(",\"measurability\":");
      o.number(s.measurability);
      o.literal(",\"consistency\":");
      o.number(s.consistency);
      o.put('}');
    }
    o.literal("]},\"findings\":[");
    first = true;
    for (const Finding& f : d.findings) {
      if (!first) o.put(',');
      first = false;
      finding(f);
    }
    o.literal("]}\n");
    names_.start(nullptr);  // the score is the caller's: not looked at past its line
  }

  void corpus(std::size_t index, std::string_view path, const Finding& f) {
    forget_names();
    out_.literal("{\"line\":\"corpus\",\"document\":");
    out_.number(static_cast<long long>(index));
    out_.literal(",\"path\":");
    json_detail::append_json_string(out_, path);
    out_.literal(",\"finding\":");
    finding(f);
    out_.literal("}\n");
  }

  void raw(std::string_view s) { out_.append(s.data(), s.size()); }

  // Hands what is laid out to `os`: when a block has gathered, or `all`.
  void hand_over(std::ostream& os, bool all) {
    if (out_.size() == 0 || (!all && out_.size() < kHandOver)) return;
    os.write(out_.data(), static_cast<std::streamsize>(out_.size()));
    out_.clear();
  }

 private:
  // The fields of the last places written, as JSON: a few fixed words
  // ("annual_target", "indicators" …), which findings of one project
  // alternate between (one slot missed every other place). Known by the
  // address and size of the view, which is the same text only within one
  // Document (forget_names between).
  struct NameSlot {
    const char* data = nullptr;
    std::size_t size = 0;
    std::string json;
  };

  void forget_names() {
    for (NameSlot& f : fields_) f.data = nullptr;
  }

  // The unit and project names of the document being written, as JSON, by
  // their place: the score lists every project in document order, and the
  // findings' places (their own, and the related ones) name the same units
  // and projects again. A unit's name was escaped for each of its projects'
  // scores, and a project's again for each of its findings (its neighbour's
  // only was kept). Found by the place's indexes through the score's list,
  // and used only when the name is the same text (compared), so a place
  // whose name is not its indexes' (or a document without a score) is
  // escaped as it is.
  class NameMemo {
   public:
    // A new document whose score lists `projects` (nullptr: none to look up).
    void start(const std::vector<ProjectScore>* projects) {
      projects_ = projects;
      json_.clear();
      units_.clear();
      if (!projects) return;
      project_json_.assign(projects->size(), Kept{});
    }
    // The score's k-th project names unit u, whose name was written as
    // `json` (escaped at k: its first project's).
    void keep_unit(int u, std::size_t k, std::string_view json) {
      if (u < 0) return;
      if (units_.size() <= static_cast<std::size_t>(u)) units_.resize(static_cast<std::size_t>(u) + 1);
      units_[static_cast<std::size_t>(u)] = {k, keep(json)};
    }
    void keep_project(int, std::size_t k, std::string_view json) { project_json_[k] = keep(json); }
    // Writes unit u's name to `out` when it is `raw`; false if not known.
    bool unit(int u, std::string_view raw, Buf& out) const {
      if (!projects_ || u < 0 || static_cast<std::size_t>(u) >= units_.size()) return false;
      const UnitKept& k = units_[static_cast<std::size_t>(u)];
      if (k.json.size == 0 || (*projects_)[k.project].unit_name != raw) return false;
      out.append(json_.data() + k.json.at, k.json.size);
      return true;
    }
    // Writes the name of unit u's project p to `out` when it is `raw`.
    bool project(int u, int p, std::string_view raw, Buf& out) const {
      if (!projects_ || u < 0 || p < 0 || static_cast<std::size_t>(u) >= units_.size()) return false;
      const UnitKept& uk = units_[static_cast<std::size_t>(u)];
      if (uk.json.size == 0) return false;
      const std::size_t k = uk.project + static_cast<std::size_t>(p);
      if (k >= projects_->size()) return false;
      const ProjectScore& s = (*projects_)[k];
      if (s.unit != u || s.project != p || s.project_name != raw) return false;
      out.append(json_.data() + project_json_[k].at, project_json_[k].size);
      return true;
    }

   private:
    struct Kept {
      std::uint32_t at = 0, size = 0;  // in json_; size 0: none (a JSON string is at least "")
    };
    struct UnitKept {
      std::size_t project = 0;  // the score's first project of the unit
      Kept json;
    };
    Kept keep(std::string_view json) {
      Kept k{static_cast<std::uint32_t>(json_.size()), static_cast<std::uint32_t>(json.size())};
      json_.append(json);
      return k;
    }
    const std::vector<ProjectScore>* projects_ = nullptr;
    std::string json_;  // the names kept, as JSON, one after another
    std::vector<UnitKept> units_;
    std::vector<Kept> project_json_;  // by the score's index
  };

  // Writes `raw` as a JSON string, and returns what was written.
  std::string_view escaped(std::string_view raw) {
    const std::size_t at = out_.size();
    json_detail::append_json_string(out_, raw);
    return {out_.data() + at, out_.size() - at};
  }

  void text_or_null(const std::optional<std::string>& s) {
    if (s) {
      json_detail::append_json_string(out_, *s);
    } else {
      out_.literal("null");
    }
  }
  void number_or_null(const std::optional<int>& n) {
    if (n) {
      out_.number(*n);
    } else {
      out_.literal("null");
    }
  }
  // A place's index, or null when the finding is above that level (a line
  // or page of 0: unknown).
  [[gnu::always_inline]] void index(int i) {
    if (i < 0) {
      out_.literal("null");
    } else {
      out_.number(i);
    }
  }
  void field(std::string_view raw) {
    for (const NameSlot& f : fields_) {
      if (f.data == raw.data() && f.size == raw.size()) {
        out_.append(f.json.data(), f.json.size());
        return;
      }
    }
    NameSlot& f = fields_[next_field_];
    next_field_ = (next_field_ + 1) % fields_.size();
    f.json.assign(escaped(raw));
    f.data = raw.data();
    f.size = raw.size();
  }

  void place(const Location& l) {
    Buf& o = out_;
    if (l.unit < 0 && l.project < 0 && l.indicator < 0) {  // document-wide: one piece
      o.literal(
          "{\"unit\":null,\"unit_name\":null,\"project\":null,\"project_name\":null,\"indicator\":null,"
          "\"indicator_name\":null");
    } else {
      named_levels(l);
    }
    o.literal(",\"field\":");
    if (l.field.empty()) {
      o.literal("null");
    } else {
      field(l.field);
    }
    o.literal(",\"first_line\":");
    index(l.span.first_line > 0 ? l.span.first_line : -1);
    o.literal(",\"last_line\":");
    index(l.span.last_line > 0 ? l.span.last_line : -1);
    o.literal(",\"page\":");
    index(l.span.page > 0 ? l.span.page : -1);
    if (!l.document.empty()) {
      o.literal(",\"document\":");
      json_detail::append_json_string(o, l.document);
    }
    o.put('}');
  }
  // A place's indexes and names, from its '{'.
  void named_levels(const Location& l) {
    Buf& o = out_;
    o.literal("{\"unit\":");
    index(l.unit);
    o.literal(",\"unit_name\":");
    if (l.unit < 0) {
      o.literal("null");
    } else if (!names_.unit(l.unit, l.unit_name, o)) {
      json_detail::append_json_string(o, l.unit_name);
    }
    o.literal(",\"project\":");
    index(l.project);
    o.literal(",\"project_name\":");
    if (l.project < 0) {
      o.literal("null");
    } else if (!names_.project(l.unit, l.project, l.project_name, o)) {
      json_detail::append_json_string(o, l.project_name);
    }
    if (l.indicator < 0) {
      o.literal(",\"indicator\":null,\"indicator_name\":null");
    } else {
      o.literal(",\"indicator\":");
      o.number(l.indicator);
      o.literal(",\"indicator_name\":");
      json_detail::append_json_string(o, l.indicator_name);
    }
  }

  // A rule's id and family laid out once: `{"rule":"<id>","severity":"` and
  // `","family":"<family>","message_zh":`, kept by the address of the id (a
  // view of the rule table's static text, or of a kept copy: compared in
  // full before it is trusted).
  struct RulePieces {
    std::string rule;  // the id itself, to compare
    std::string before, after;
  };
  const RulePieces& rule_pieces(std::string_view rule) {
    RulePieces& r = rules_[(reinterpret_cast<std::uintptr_t>(rule.data()) >> 3) % rules_.size()];
    if (r.rule != rule || r.before.empty()) {
      r.rule.assign(rule);
      r.before = "{\"rule\":";
      put_json_string(r.before, rule);
      r.before += ",\"severity\":\"";
      r.after = "\",\"family\":\"";
      r.after += family_of(rule);  // plain ASCII names
      r.after += "\",\"message_zh\":";
    }
    return r;
  }

  void finding(const Finding& f) {
    Buf& o = out_;
    const RulePieces& rule = rule_pieces(f.rule);
    o.append(rule.before.data(), rule.before.size());
    const std::string_view severity = severity_name(f.severity);  // plain ASCII names
    o.append(severity.data(), severity.size());
    o.append(rule.after.data(), rule.after.size());
    const Said said = say(f);
    o.append(said.json[0].data(), said.json[0].size());
    o.literal(",\"message_en\":");
    o.append(said.json[1].data(), said.json[1].size());
    o.literal(",\"where\":");
    place(f.where);
    o.literal(",\"difference\":");
    text_or_null(f.difference);
    if (said.fix) {
      o.literal(",\"fix\":{\"zh\":");
      o.append(said.json[2].data(), said.json[2].size());
      o.literal(",\"en\":");
      o.append(said.json[3].data(), said.json[3].size());
      o.literal("},\"related\":[");
    } else {
      o.literal(",\"fix\":null,\"related\":[");
    }
    bool first = true;
    for (const Location& l : f.related) {
      if (!first) o.put(',');
      first = false;
      place(l);
    }
    o.literal("]}");
  }

  // A finding's message and fix as JSON strings (quotes included), in
  // MessagePart order; the fix's two only when `fix`. Valid until the next
  // call.
  struct Said {
    std::array<std::string_view, 4> json;
    bool fix = false;
  };
  // Most findings say a message said before (the 52,744 findings of the 30 MB
  // summary corpus say about 3,200): the form and the texts it is filled in
  // with are looked up, and the message and fix formatted and escaped only
  // the first time.
  struct KeptMessage {
    std::uint32_t text_at = 0;  // in texts_: the parts one after another
    std::array<std::uint32_t, 4> sizes{};
  };
  Said said_of(const KeptMessage& k, bool fix) const {
    Said s;
    s.fix = fix;
    std::size_t at = k.text_at;
    for (int part = 0; part < 4; ++part) {
      s.json[part] = std::string_view(texts_).substr(at, k.sizes[part]);
      at += k.sizes[part];
    }
    return s;
  }
  Said say(const Finding& f) {
    const bool fix = f.has_fix();
    const int parts = fix ? 4 : 2;
    if (const KeptMessage* k = said_.find(f)) return said_of(*k, fix);
    if (texts_.size() + said_.key_bytes() > kMemoBytes) {  // full: formatted for this finding alone
      Said s;
      s.fix = fix;
      for (int part = 0; part < parts; ++part) {
        formatted_.clear();
        f.append(static_cast<MessagePart>(part), formatted_);
        unkept_[part].clear();
        put_json_string(unkept_[part], formatted_);
        s.json[part] = unkept_[part];
      }
      return s;
    }
    KeptMessage k;
    k.text_at = static_cast<std::uint32_t>(texts_.size());
    for (int part = 0; part < parts; ++part) {
      formatted_.clear();
      f.append(static_cast<MessagePart>(part), formatted_);
      const std::size_t before = texts_.size();
      put_json_string(texts_, formatted_);
      k.sizes[part] = static_cast<std::uint32_t>(texts_.size() - before);
    }
    return said_of(said_.remember(k), fix);
  }

  // Bounded, as a corpus whose messages quote each indicator would otherwise
  // keep them all.
  static constexpr std::size_t kMemoBytes = std::size_t{4} << 20;
  Buf out_;
  std::array<NameSlot, 4> fields_;
  std::size_t next_field_ = 0;  // the slot a field not kept takes
  NameMemo names_;
  std::array<RulePieces, 64> rules_;
  MessageMemo<KeptMessage> said_;
  std::string texts_;  // the messages and fixes kept, as JSON strings
  std::string formatted_;
  std::array<std::string, 4> unkept_;
};

JsonLinesReport::JsonLinesReport(std::ostream& out, const std::string& policy)
    : out_(out), writer_(std::make_unique<Writer>()) {
  writer_->head(policy);
}

JsonLinesReport::~JsonLinesReport() = default;

std::size_t JsonLinesReport::size() const { return docs_.size(); }

void JsonLinesReport::add(const CheckedDocument& d) {
  const int e = count_severity(d.findings, Severity::Error),
            w = count_severity(d.findings, Severity::Warning),
            n = count_severity(d.findings, Severity::Notice);
  errors_ += e;
  warnings_ += w;
  notices_ += n;
  if (d.unreadable) ++unreadable_;
  writer_->document(docs_.size(), d, e, w, n);
  writer_->hand_over(out_, false);
  Kept& k = docs_.emplace_back();
  k.path = d.path;
  k.mean = mean_of(d);
  if (k.mean) k.department = d.department;  // named in the ranking only
}

void JsonLinesReport::add_late(std::size_t document, const Finding& f) {
  const Kept& k = docs_.at(document);
  ++(f.severity == Severity::Error ? errors_ : f.severity == Severity::Warning ? warnings_ : notices_);
  writer_->corpus(document, k.path, f);
  writer_->hand_over(out_, false);
}

bool JsonLinesReport::any_at_or_above(Severity s) const {
  const int rank = severity_rank(s);
  return errors_ > 0 || (rank <= 1 && warnings_ > 0) || (rank <= 0 && notices_ > 0);
}

void JsonLinesReport::finish(const std::function<void(JsonWriter&)>& more) {
  std::string line;
  {
    JsonWriter w(line, -1);
    w.begin_object();
    w.field("line", "summary");
    w.field("documents", docs_.size());
    w.field("unreadable", unreadable_);
    w.key("counts");
    write_counts(w, errors_, warnings_, notices_);
    write_ranking(w, docs_);
    if (more) more(w);
    w.end_object();
  }
  line += '\n';
  writer_->raw(line);
  writer_->hand_over(out_, true);
}

}  // namespace jixiao::check
