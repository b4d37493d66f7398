// Store: open/migrate, write a file's reading, read a document back. The
// queries are in query.cpp; the backends in *_connection.cpp.
#include "store/store.hpp"

#include <fmt/format.h>

#include <chrono>
#include <cstdlib>
#include <ctime>
#include <deque>
#include <iterator>
#include <type_traits>
#include <unordered_map>

#include "model/json_writer.hpp"
#include "model/taxonomy.hpp"
#include "store/connection.hpp"
#include "store/schema.hpp"
#include "store/store_internal.hpp"

namespace jixiao::store {

bool is_postgres_url(const std::string& target) {
  return target.rfind("postgresql://", 0) == 0 || target.rfind("postgres://", 0) == 0;
}

std::optional<std::int64_t> to_cents(const Decimal& d) {
  std::int64_t m = d.mantissa();
  int scale = d.scale();
  while (scale > 2) {
    if (m % 10 != 0) return std::nullopt;
    m /= 10;
    --scale;
  }
  while (scale < 2) {
    if (m > INT64_MAX / 10 || m < INT64_MIN / 10) return std::nullopt;
    m *= 10;
    ++scale;
  }
  return m;
}

double thread_cpu_seconds() {
  timespec t{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
  return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_nsec) * 1e-9;
}

bool PhaseTimer::enabled() {
  static const bool on = [] {
    const char* v = std::getenv("JIXIAO_INGEST_TIMINGS");
    return v && *v && std::string(v) != "0";
  }();
  return on;
}

PhaseTimer::PhaseTimer()
    : wall_(std::chrono::steady_clock::now()), cpu_(enabled() ? thread_cpu_seconds() : 0) {}

void PhaseTimer::mark(const char* name) {
  if (!enabled()) return;
  const auto now = std::chrono::steady_clock::now();
  const double cpu = thread_cpu_seconds();
  fmt::print(stderr, "timing: {:<28} wall {:7.3f} s, thread cpu {:7.3f} s\n", name,
             std::chrono::duration<double>(now - wall_).count(), cpu - cpu_);
  wall_ = now;
  cpu_ = cpu;
}

std::optional<Decimal> from_cents(const std::optional<std::string>& text) {
  if (!text) return std::nullopt;
  return Decimal(std::stoll(*text), 2);
}

namespace {

std::string amounts_problem(const Amounts& a, const std::string& where) {
  for (const auto* v : {&a.total, &a.fiscal, &a.special, &a.other}) {
    if (*v && !to_cents(**v)) {
      return fmt::format("{}: amount {} has more than two decimal places (stored as exact hundredths)", where,
                         (*v)->to_string());
    }
  }
  return {};
}

Value cents(const std::optional<Decimal>& d) {
  if (!d) return {};
  return Value(*to_cents(*d));
}

std::string now_utc() {
  std::time_t t = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

std::int64_t to_int(const std::optional<std::string>& s, std::int64_t fallback = 0) {
  return s ? std::stoll(*s) : fallback;
}

// Whitespace-free name for matching the same project across years.
std::string name_key(const std::optional<std::string>& name) {
  if (!name) return {};
  std::string out;
  for (std::size_t i = 0; i < name->size(); ++i) {
    unsigned char c = (*name)[i];
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r') continue;
    if (c == 0xE3 && i + 2 < name->size() && (unsigned char)(*name)[i + 1] == 0x80 &&
        (unsigned char)(*name)[i + 2] == 0x80) {  // U+3000
      i += 2;
      continue;
    }
    out += static_cast<char>(c);
  }
  return out;
}

const std::vector<std::string_view> kUnitColumns = {
    "document_id",   "unit_no",     "name",       "code",      "total_cents", "fiscal_cents",
    "special_cents", "other_cents", "first_line", "last_line", "page", "projects", "projects_total_cents",
    "projects_fiscal_cents", "projects_special_cents", "projects_other_cents"};
const std::vector<std::string_view> kProjectColumns = {
    "document_id",   "project_no",  "unit_no",    "name",      "name_key",   "total_cents", "fiscal_cents",
    "special_cents", "other_cents", "purpose",    "goal",      "indicators", "quality",     "completeness",
    "measurability", "consistency", "first_line", "last_line", "page"};
const std::vector<std::string_view> kIndicatorColumns = {"document_id",
                                                         "project_no",
                                                         "indicator_no",
                                                         "level1",
                                                         "level2",
                                                         "level1_printed",
                                                         "level2_printed",
                                                         "name",
                                                         "description",
                                                         "period_target",
                                                         "period_kind",
                                                         "period_comparator",
                                                         "period_number",
                                                         "period_unit",
                                                         "period_qualitative",
                                                         "annual_target",
                                                         "annual_kind",
                                                         "annual_comparator",
                                                         "annual_number",
                                                         "annual_unit",
                                                         "annual_qualitative",
                                                         "weight",
                                                         "direction",
                                                         "basis",
                                                         "note",
                                                         "first_line",
                                                         "last_line",
                                                         "page"};
const std::vector<std::string_view> kDiagnosticColumns = {"document_id", "diagnostic_no", "severity", "code",
                                                          "line",        "page",          "message"};
// finding_rows (schema version 5): the findings view's columns with the
// messages and fixes replaced by text_id (finding_texts).
const std::vector<std::string_view> kFindingColumns = {
    "document_id", "finding_no", "rule",         "family",     "severity",     "severity_rank",  "text_id",
    "unit_no",     "project_no", "indicator_no", "unit_name",  "project_name", "indicator_name", "field",
    "first_line",  "last_line",  "page",         "difference", "related"};

// Text made while building rows (numbers as text, JSON) lives here until the
// rows are written: Values only point at text.
struct Arena {
  std::deque<std::string> texts;
  std::string_view keep(std::string s) { return texts.emplace_back(std::move(s)); }
};

void add_target(std::vector<Value>& row, Arena& arena, const std::optional<Target>& t) {
  if (!t) {
    for (int i = 0; i < 6; ++i) row.emplace_back();
    return;
  }
  row.emplace_back(t->text);
  row.emplace_back(target_kind_name(t->kind));
  row.emplace_back(t->comparator == Comparator::None ? Value() : Value(comparator_symbol(t->comparator)));
  row.emplace_back(t->number ? Value(arena.keep(t->number->to_string())) : Value());
  row.emplace_back(t->unit.empty() ? Value() : Value(t->unit));
  row.emplace_back(t->qualitative.empty() ? Value() : Value(t->qualitative));
}

std::vector<int> project_offsets(const Document& doc) {
  std::vector<int> offsets;
  int n = 0;
  for (const Unit& u : doc.units) {
    offsets.push_back(n);
    n += static_cast<int>(u.projects.size());
  }
  return offsets;
}

// A finding's related places as JSON: what nlohmann's dump of their objects
// writes (compact, keys in sorted order, non-ASCII as it is, invalid UTF-8
// replaced), written directly with the JSON writer's string escaping:
// building the objects cost more than the row's insert.
std::string related_json(const std::vector<check::Location>& related) {
  std::string out = "[";
  for (const check::Location& l : related) {
    if (out.size() > 1) out += ',';
    fmt::format_to(std::back_inserter(out), "{{\"indicator\":{},\"indicator_name\":", l.indicator);
    json_detail::append_json_string(out, l.indicator_name);
    fmt::format_to(std::back_inserter(out), ",\"project\":{},\"project_name\":", l.project);
    json_detail::append_json_string(out, l.project_name);
    fmt::format_to(std::back_inserter(out), ",\"unit\":{},\"unit_name\":", l.unit);
    json_detail::append_json_string(out, l.unit_name);
    out += '}';
  }
  out += ']';
  return out;
}

}  // namespace

struct Store::FindingTexts {
  bool loaded = false;
  std::unordered_map<std::string, std::int64_t> ids;
  // The same ids by what a finding's texts are made of: its message form and
  // the texts it is filled in with (check/findings.hpp), from which the four
  // texts follow. A finding whose form and fillings were seen before needs
  // no formatting: a corpus repeats its texts (on the benchmark corpus
  // 203,860 findings say 11,264 texts), and formatting four of them for
  // every finding was most of what ids_of cost. Filled from `ids`, so two
  // forms that say the same words still share one text.
  std::unordered_map<std::string, std::int64_t> by_form;

  static void form_key(std::string& key, const check::Finding& f) {
    key.clear();
    // The form's whole number, however wide MessageId becomes.
    const auto form = static_cast<std::underlying_type_t<check::MessageId>>(f.message);
    key.append(reinterpret_cast<const char*>(&form), sizeof form);
    for (int a = 0; a < f.args.size(); ++a) {
      const std::string_view arg = f.args[a];
      const auto n = static_cast<std::uint32_t>(arg.size());
      key.append(reinterpret_cast<const char*>(&n), sizeof n);
      key += arg;
    }
  }

  // The four texts as one key: each with its length, a missing fix apart
  // from an empty one.
  static void add_key(std::string& key, const std::optional<std::string_view>& text) {
    if (!text) {
      key += '\0';
      return;
    }
    const auto n = static_cast<std::uint32_t>(text->size());
    key += '\1';
    key.append(reinterpret_cast<const char*>(&n), sizeof n);
    key += *text;
  }
  static std::string key_of(std::string_view zh, std::string_view en,
                            const std::optional<std::string_view>& fix_zh,
                            const std::optional<std::string_view>& fix_en) {
    std::string key;
    key.reserve(zh.size() + en.size() + (fix_zh ? fix_zh->size() : 0) + (fix_en ? fix_en->size() : 0) + 24);
    add_key(key, zh);
    add_key(key, en);
    add_key(key, fix_zh);
    add_key(key, fix_en);
    return key;
  }
  static std::optional<std::string_view> view(const std::optional<std::string>& s) {
    return s ? std::optional<std::string_view>(*s) : std::nullopt;
  }

  void load(Store::Connection& db) {
    if (loaded) return;
    ids.clear();
    by_form.clear();
    for (const Row& r :
         db.query("SELECT id, message_zh, message_en, fix_zh, fix_en FROM finding_texts ORDER BY id"))
      ids.emplace(key_of(r[1].value_or(""), r[2].value_or(""), view(r[3]), view(r[4])), std::stoll(*r[0]));
    loaded = true;
  }

  // The ids of the findings' texts, storing the new ones now (first id wins
  // when a text is stored twice, as the migration's MIN(id) does). SQLite
  // stores them one statement each: a RETURNING would open a statement
  // savepoint, which makes FTS5 flush its pending terms. PostgreSQL stores a
  // document's new texts in one statement, a round trip instead of one per
  // text; the rows it returns carry their texts, so their order does not matter.
  std::vector<std::int64_t> ids_of(Store::Connection& db, const std::vector<check::Finding>& findings) {
    load(db);
    std::vector<std::int64_t> out(findings.size(), -1);
    std::vector<std::string> keys(findings.size()), forms(findings.size());
    std::vector<std::size_t> fresh;  // the first finding of each text not stored yet
    std::unordered_map<std::string_view, std::size_t> fresh_of;
    // A finding formats its texts when asked (check/messages.hpp): once each
    // here, and only when its form and fillings are new.
    struct Said {
      std::string zh, en;
      std::optional<std::string> fix_zh, fix_en;
    };
    std::vector<Said> said(findings.size());
    for (std::size_t i = 0; i < findings.size(); ++i) {
      const check::Finding& f = findings[i];
      form_key(forms[i], f);
      if (auto it = by_form.find(forms[i]); it != by_form.end()) {
        out[i] = it->second;
        continue;
      }
      said[i] = {f.message_zh(), f.message_en(), f.fix_zh(), f.fix_en()};
      keys[i] = key_of(said[i].zh, said[i].en, view(said[i].fix_zh), view(said[i].fix_en));
      if (auto it = ids.find(keys[i]); it != ids.end()) {
        out[i] = it->second;
      } else if (fresh_of.emplace(keys[i], i).second) {
        fresh.push_back(i);
      }
    }
    if (fresh.empty()) {
      remember_forms(forms, out);
      return out;
    }
    const bool pg = std::string(db.dialect()) == "postgresql";
    constexpr std::size_t kPerStatement = 1000;  // 4 parameters each, within PostgreSQL's 65,535
    for (std::size_t at = 0; at < fresh.size(); at += pg ? kPerStatement : 1) {
      const std::size_t n = pg ? std::min(kPerStatement, fresh.size() - at) : 1;
      std::vector<Value> params;
      params.reserve(4 * n);
      std::string sql = "INSERT INTO finding_texts (message_zh, message_en, fix_zh, fix_en) VALUES ";
      for (std::size_t k = 0; k < n; ++k) {
        const Said& f = said[fresh[at + k]];
        sql += k ? ", (?, ?, ?, ?)" : "(?, ?, ?, ?)";
        params.insert(params.end(),
                      {Value(f.zh), Value(f.en), Value::maybe(f.fix_zh), Value::maybe(f.fix_en)});
      }
      if (!pg) {
        ids.emplace(keys[fresh[at]], db.insert_returning_id(sql, params));
        continue;
      }
      for (const Row& r : db.query(sql + " RETURNING id, message_zh, message_en, fix_zh, fix_en", params))
        ids.emplace(key_of(r[1].value_or(""), r[2].value_or(""), view(r[3]), view(r[4])), std::stoll(*r[0]));
    }
    for (std::size_t i = 0; i < findings.size(); ++i) {
      if (out[i] >= 0) continue;
      auto it = ids.find(keys[i]);
      if (it == ids.end()) throw StoreError("a finding text was stored but its id did not come back");
      out[i] = it->second;
    }
    remember_forms(forms, out);
    return out;
  }

  void remember_forms(std::vector<std::string>& forms, const std::vector<std::int64_t>& out) {
    for (std::size_t i = 0; i < forms.size(); ++i) by_form.try_emplace(std::move(forms[i]), out[i]);
  }
};

namespace {

void write_findings(Store::Connection& db, Store::FindingTexts& texts, std::int64_t id,
                    const std::vector<check::Finding>& findings, const std::vector<int>& offsets) {
  Arena arena;
  std::vector<Value> rows;
  rows.reserve(findings.size() * kFindingColumns.size());
  const std::vector<std::int64_t> text_ids = texts.ids_of(db, findings);
  int n = 0;
  for (const check::Finding& f : findings) {
    const auto& w = f.where;
    rows.emplace_back(id);
    rows.emplace_back(n++);
    rows.emplace_back(f.rule);
    rows.emplace_back(check::family_of(f.rule));
    rows.emplace_back(severity_name(f.severity));
    rows.emplace_back(check::severity_rank(f.severity));
    rows.emplace_back(text_ids[static_cast<std::size_t>(n - 1)]);
    rows.push_back(w.unit >= 0 ? Value(w.unit) : Value());
    bool has_project = w.unit >= 0 && w.project >= 0 && w.unit < static_cast<int>(offsets.size());
    rows.push_back(has_project ? Value(offsets[w.unit] + w.project) : Value());
    rows.push_back(w.indicator >= 0 ? Value(w.indicator) : Value());
    rows.push_back(w.unit >= 0 ? Value(w.unit_name) : Value());
    rows.push_back(w.project >= 0 ? Value(w.project_name) : Value());
    rows.push_back(w.indicator >= 0 ? Value(w.indicator_name) : Value());
    rows.push_back(w.field.empty() ? Value() : Value(w.field));
    rows.emplace_back(w.span.first_line);
    rows.emplace_back(w.span.last_line);
    rows.emplace_back(w.span.page);
    rows.push_back(Value::maybe(f.difference));
    if (f.related.empty()) {
      rows.emplace_back();
    } else {
      rows.emplace_back(arena.keep(related_json(f.related)));
    }
  }
  db.insert_rows("finding_rows", kFindingColumns, rows);
}

void write_scores(Store::Connection& db, std::int64_t id, const check::DocumentScore& score,
                  const std::vector<int>& offsets) {
  for (const check::ProjectScore& p : score.projects) {
    if (p.unit < 0 || p.unit >= static_cast<int>(offsets.size())) continue;
    db.query(
        "UPDATE projects SET quality = ?, completeness = ?, measurability = ?, consistency = ? "
        "WHERE document_id = ? AND project_no = ?",
        {Value(p.score), Value(p.completeness), Value(p.measurability), Value(p.consistency), Value(id),
         Value(offsets[p.unit] + p.project)});
  }
}

// Sums of project amounts in hundredths, column by column; a column no
// project states stays nullopt (NULL), as SUM() over the rows would give.
struct ProjectSums {
  std::optional<std::int64_t> total, fiscal, special, other;

  void add(const Amounts& a, const std::string& where) {
    add_one(total, a.total, where);
    add_one(fiscal, a.fiscal, where);
    add_one(special, a.special, where);
    add_one(other, a.other, where);
  }
  void add(const ProjectSums& s, const std::string& where) {
    for (auto [to, from] : {std::pair{&total, &s.total}, std::pair{&fiscal, &s.fiscal},
                            std::pair{&special, &s.special}, std::pair{&other, &s.other}}) {
      if (from->has_value()) add_cents(*to, **from, where);
    }
  }

 private:
  static void add_one(std::optional<std::int64_t>& sum, const std::optional<Decimal>& amount,
                      const std::string& where) {
    if (amount) add_cents(sum, *to_cents(*amount), where);  // storable() checked the places
  }
  static void add_cents(std::optional<std::int64_t>& sum, std::int64_t cents, const std::string& where) {
    std::int64_t out = 0;
    if (__builtin_add_overflow(sum.value_or(0), cents, &out))
      throw StoreError(where + ": the sum of the project amounts does not fit 64 bits");
    sum = out;
  }
};

Value sum_value(const std::optional<std::int64_t>& v) { return v ? Value(*v) : Value(); }

// SQLite's substring index (schema version 3, schema.cpp): a row's FTS5
// rowid packs its key, so a search reads keys in key order straight from
// the index. The same expressions serve insertion and deletion.
const char* const kProjectTextKey = "document_id * 4294967296 + project_no";
const char* const kIndicatorTextKey = "document_id * 4294967296 + project_no * 65536 + indicator_no";
const char* const kIndicatorKeyFits = "project_no < 65536 AND indicator_no < 65536";

// The indicator substring indexes: every indicator's text, and (schema
// version 4) the qualitative targets' alone.
const char* const kIndicatorTextIndexes[] = {"indicators_fts", "indicators_qualitative_fts"};
const char* const kQualitativeOnly = " AND (annual_kind = 'qualitative' OR period_kind = 'qualitative')";

// The statement that puts the text of the indicators `which` selects into
// the index `fts` (one of kIndicatorTextIndexes), or with `remove` takes it
// out: a contentless FTS5 table forgets a row only when given the text it indexed.
std::string indicator_text_sql(const std::string& fts, bool remove, const std::string& which) {
  const bool qualitative = fts == kIndicatorTextIndexes[1];
  return "INSERT INTO " + fts + " (" + (remove ? fts + ", " : std::string()) +
         "rowid, name, description, annual_target, period_target) SELECT " + (remove ? "'delete', " : "") +
         kIndicatorTextKey + ", name, description, annual_target, period_target FROM indicators WHERE " + which +
         " AND " + kIndicatorKeyFits + (qualitative ? kQualitativeOnly : "");
}

// Indexes the text of document `id`'s rows, in its transaction, from the
// model the rows were made of, one row per statement: a statement that
// writes many rows (INSERT … SELECT) opens a statement savepoint, and FTS5
// answers every savepoint by flushing its pending terms to a new segment, so
// indexing by SELECT wrote a segment per document and table, which automerge
// then merged again. Rows inserted one by one stay in FTS5's memory until the
// batch commits (or a megabyte of terms is pending). The keys and texts are
// those kProjectTextKey, kIndicatorTextKey and kQualitativeOnly name, so
// unindex_text finds them again in the stored rows.
void index_text(Store::Connection& db, std::int64_t id, const Document& doc) {
  static const std::vector<std::string_view> kProjectFtsColumns = {"rowid", "name", "goal"};
  static const std::vector<std::string_view> kIndicatorFtsColumns = {"rowid", "name", "description",
                                                                     "annual_target", "period_target"};
  auto target_text = [](const std::optional<Target>& t) { return t ? Value(t->text) : Value(); };
  auto qualitative = [](const std::optional<Target>& t) { return t && t->kind == TargetKind::Qualitative; };
  const std::int64_t base = id * 4294967296;
  std::vector<Value> project_rows, indicator_rows, qualitative_rows;
  bool fits = true;
  std::int64_t project_no = 0;
  for (const Unit& u : doc.units) {
    for (const Project& p : u.projects) {
      project_rows.insert(project_rows.end(),
                          {Value(base + project_no), Value::maybe(p.name), Value::maybe(p.goal)});
      // Keys hold 16 bits of project and of indicator number (kIndicatorKeyFits).
      const std::size_t keyed = project_no < 65536 ? std::min<std::size_t>(p.indicators.size(), 65536) : 0;
      fits = fits && keyed == p.indicators.size();
      for (std::size_t ii = 0; ii < keyed; ++ii) {
        const Indicator& i = p.indicators[ii];
        const bool is_qualitative = qualitative(i.annual_target) || qualitative(i.period_target);
        for (auto* rows : {&indicator_rows, is_qualitative ? &qualitative_rows : nullptr}) {
          if (!rows) continue;
          rows->insert(rows->end(), {Value(base + project_no * 65536 + static_cast<std::int64_t>(ii)),
                                     Value(i.name), Value::maybe(i.description), target_text(i.annual_target),
                                     target_text(i.period_target)});
        }
      }
      ++project_no;
    }
  }
  db.insert_rows("projects_fts", kProjectFtsColumns, project_rows);
  db.insert_rows(kIndicatorTextIndexes[0], kIndicatorFtsColumns, indicator_rows);
  db.insert_rows(kIndicatorTextIndexes[1], kIndicatorFtsColumns, qualitative_rows);
  if (!fits) db.query("INSERT OR IGNORE INTO meta (key, value) VALUES ('indicator_text_partial', '1')");
}

// Takes the rows of source `source_id`'s documents out of the substring
// index: a contentless FTS5 table forgets a row when given its indexed text.
// Counts the transactions that changed the data (meta data_generation),
// as the last statement before their commit. Store::generation() reads it:
// the same value on every connection, unlike SQLite's per-connection
// data_version, so a server comparing answers cached on one pooled
// connection with a value read on another sees every change.
void bump_data_generation(Store::Connection& db) {
  db.query(
      "INSERT INTO meta (key, value) VALUES ('data_generation', '1') ON CONFLICT (key) DO UPDATE "
      "SET value = CAST(CAST(meta.value AS BIGINT) + 1 AS TEXT)");
}

void unindex_text(Store::Connection& db, std::int64_t source_id) {
  db.query(std::string("INSERT INTO projects_fts (projects_fts, rowid, name, goal) SELECT 'delete', ") +
               kProjectTextKey +
               ", name, goal FROM projects WHERE document_id IN (SELECT id FROM documents WHERE source_id = ?)",
           {Value(source_id)});
  for (const char* fts : kIndicatorTextIndexes)
    db.query(indicator_text_sql(fts, true, "document_id IN (SELECT id FROM documents WHERE source_id = ?)"),
             {Value(source_id)});
}

// Bulk loading (Store::begin_bulk). The secondary indexes of the three
// large tables go while a bulk load writes, and come back as they were: their
// SQL is taken from sqlite_master and kept in meta ('pending_index:NAME'),
// beside 'indexes_pending', in the transaction that drops them. The unique
// keys' own indexes (sources.path, documents' (source_id, ordinal)) stay:
// the writer looks rows up by them.
const char* const kDeferredIndexes =
    "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL "
    "AND tbl_name IN ('projects', 'indicators', 'finding_rows') ORDER BY name";

bool sqlite_indexes_pending(Store::Connection& db) {
  return !db.query("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'meta'").empty() &&
         !db.query("SELECT 1 FROM meta WHERE key = 'indexes_pending'").empty();
}

void drop_deferred_indexes(Store::Connection& db) {
  for (const Row& index : db.query(kDeferredIndexes)) {
    const std::string key = "pending_index:" + *index[0];
    db.query("INSERT INTO meta (key, value) VALUES (?, ?)", {Value(key), Value(*index[1])});
    db.exec_script("DROP INDEX " + *index[0]);
  }
  db.query("INSERT INTO meta (key, value) VALUES ('indexes_pending', '1')");
}

// FTS5's default limit on the terms it keeps in memory before writing a
// segment, and the limit during a bulk load's fills: a bound on memory
// (peak RSS did not move on the 507,403-indicator benchmark corpus, whose
// largest fill, the projects' names and goals, is 18 million characters).
constexpr long kFtsDefaultHashBytes = 1024 * 1024;
constexpr long kBulkFtsHashBytes = 256L * 1024 * 1024;

// Builds what drop_deferred_indexes left pending, in the caller's
// transaction: the indexes from their recorded SQL, then the three substring
// indexes emptied and filled again from every stored row, one statement
// each (rows written while the mark stood were not indexed, and an earlier
// reading of a replaced file may still be), with the same keys and texts
// index_text writes.
void build_pending_indexes(Store::Connection& db) {
  PhaseTimer timer;
  for (const Row& index : db.query("SELECT value FROM meta WHERE key LIKE 'pending_index:%' ORDER BY key"))
    db.exec_script(*index[0]);
  timer.mark("bulk: create indexes");
  // Each fill keeps its terms in one FTS5 hash until the end of the
  // statement, instead of writing a segment per megabyte of terms (FTS5's
  // default 'hashsize') and merging those segments again (automerge): the
  // fills cost about a third less CPU on the benchmark corpus (docs/STORE.md
  // "Bulk loading"). The option is stored in the table's config, so it goes
  // back to the default afterwards: row-by-row writing is unchanged.
  auto with_large_hash = [&](const char* fts, const std::string& fill) {
    const std::string set = std::string("INSERT INTO ") + fts + " (" + fts + ", rank) VALUES ('hashsize', ";
    db.exec_script(set + std::to_string(kBulkFtsHashBytes) + ");");
    db.exec_script(std::string("INSERT INTO ") + fts + " (" + fts + ") VALUES ('delete-all');");
    db.exec_script(fill);
    db.exec_script(set + std::to_string(kFtsDefaultHashBytes) + ");");
    timer.mark(fts);
  };
  with_large_hash("projects_fts", std::string("INSERT INTO projects_fts (rowid, name, goal) SELECT ") +
                                      kProjectTextKey + ", name, goal FROM projects;");
  for (const char* fts : kIndicatorTextIndexes)
    with_large_hash(fts, indicator_text_sql(fts, false, "1") + ";");
  db.query(std::string("INSERT OR IGNORE INTO meta (key, value) SELECT 'indicator_text_partial', '1' WHERE "
                       "EXISTS (SELECT 1 FROM indicators WHERE NOT (") +
           kIndicatorKeyFits + "))");
  db.query("DELETE FROM meta WHERE key = 'indexes_pending' OR key LIKE 'pending_index:%'");
}

std::int64_t write_document(Store::Connection& db, Store::FindingTexts& texts, std::int64_t source_id,
                            int ordinal, const ReviewedDocument& r, bool index) {
  const Document& doc = r.document;
  int projects = 0, indicators = 0;
  std::vector<ProjectSums> unit_sums(doc.units.size());
  ProjectSums document_sums;
  for (std::size_t ui = 0; ui < doc.units.size(); ++ui) {
    const Unit& u = doc.units[ui];
    projects += static_cast<int>(u.projects.size());
    for (const Project& p : u.projects) {
      indicators += static_cast<int>(p.indicators.size());
      unit_sums[ui].add(p.amounts, u.name);
    }
    document_sums.add(unit_sums[ui], u.name);
  }
  const std::vector<int> offsets = project_offsets(doc);
  // Scores by global project number, so a project row carries its own.
  std::vector<const check::ProjectScore*> score_of(projects, nullptr);
  for (const auto& s : r.score.projects) {
    if (s.unit >= 0 && s.unit < static_cast<int>(offsets.size()) && offsets[s.unit] + s.project < projects)
      score_of[offsets[s.unit] + s.project] = &s;
  }
  int scored = 0;
  std::int64_t quality_sum = 0;
  std::optional<int> quality_min;
  for (const check::ProjectScore* s : score_of) {
    if (!s) continue;
    ++scored;
    quality_sum += s->score;
    quality_min = std::min(quality_min.value_or(s->score), s->score);
  }
  std::optional<Amounts> total = doc.total;
  const std::int64_t id = db.insert_returning_id(
      "INSERT INTO documents (source_id, ordinal, kind, title, department, department_code, year, "
      "amount_unit, "
      "has_total, total_cents, fiscal_cents, special_cents, other_cents, origin_path, layout, encoding, "
      "units, "
      "projects, indicators, errors, warnings, notices, quality, projects_total_cents, "
      "projects_fiscal_cents, "
      "projects_special_cents, projects_other_cents, scored_projects, quality_sum, quality_min) "
      "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
      {Value(source_id),
       Value(ordinal),
       Value(doc.kind == DocumentKind::Department ? "department" : "project"),
       Value::maybe(doc.title),
       Value::maybe(doc.department),
       Value::maybe(doc.department_code),
       doc.year ? Value(*doc.year) : Value(),
       Value(doc.amount_unit),
       Value(total ? 1 : 0),
       total ? cents(total->total) : Value(),
       total ? cents(total->fiscal) : Value(),
       total ? cents(total->special) : Value(),
       total ? cents(total->other) : Value(),
       Value(doc.source_path),
       Value(doc.layout),
       Value(doc.encoding),
       Value(static_cast<int>(doc.units.size())),
       Value(projects),
       Value(indicators),
       Value(check::count_severity(r.findings, Severity::Error)),
       Value(check::count_severity(r.findings, Severity::Warning)),
       Value(check::count_severity(r.findings, Severity::Notice)),
       r.score.mean ? Value(*r.score.mean) : Value(),
       sum_value(document_sums.total),
       sum_value(document_sums.fiscal),
       sum_value(document_sums.special),
       sum_value(document_sums.other),
       Value(scored),
       scored ? Value(quality_sum) : Value(),
       Value::maybe(quality_min)});

  Arena arena;
  std::vector<Value> unit_rows, project_rows, indicator_rows;
  indicator_rows.reserve(static_cast<std::size_t>(indicators) * kIndicatorColumns.size());
  project_rows.reserve(static_cast<std::size_t>(projects) * kProjectColumns.size());
  unit_rows.reserve(doc.units.size() * kUnitColumns.size());
  int project_no = 0;
  for (std::size_t ui = 0; ui < doc.units.size(); ++ui) {
    const Unit& u = doc.units[ui];
    unit_rows.insert(
        unit_rows.end(),
        {Value(id), Value(static_cast<int>(ui)), Value(u.name), Value::maybe(u.code), cents(u.amounts.total),
         cents(u.amounts.fiscal), cents(u.amounts.special), cents(u.amounts.other), Value(u.span.first_line),
         Value(u.span.last_line), Value(u.span.page), Value(static_cast<int>(u.projects.size())),
         sum_value(unit_sums[ui].total), sum_value(unit_sums[ui].fiscal), sum_value(unit_sums[ui].special),
         sum_value(unit_sums[ui].other)});
    for (const Project& p : u.projects) {
      const check::ProjectScore* s = score_of[project_no];
      project_rows.insert(
          project_rows.end(),
          {Value(id), Value(project_no), Value(static_cast<int>(ui)), Value::maybe(p.name),
           Value(arena.keep(name_key(p.name))), cents(p.amounts.total), cents(p.amounts.fiscal),
           cents(p.amounts.special), cents(p.amounts.other), Value::maybe(p.purpose), Value::maybe(p.goal),
           Value(static_cast<int>(p.indicators.size())), s ? Value(s->score) : Value(),
           s ? Value(s->completeness) : Value(), s ? Value(s->measurability) : Value(),
           s ? Value(s->consistency) : Value(), Value(p.span.first_line), Value(p.span.last_line),
           Value(p.span.page)});
      for (std::size_t ii = 0; ii < p.indicators.size(); ++ii) {
        const Indicator& i = p.indicators[ii];
        indicator_rows.insert(indicator_rows.end(),
                              {Value(id), Value(project_no), Value(static_cast<int>(ii)),
                               i.level1 ? Value(level1_name(*i.level1)) : Value(),
                               i.level2 ? Value(level2_name(*i.level2)) : Value(), Value(i.level1_printed),
                               Value(i.level2_printed), Value(i.name), Value::maybe(i.description)});
        add_target(indicator_rows, arena, i.period_target);
        add_target(indicator_rows, arena, i.annual_target);
        indicator_rows.insert(
            indicator_rows.end(),
            {Value::maybe(i.weight), Value::maybe(i.direction), Value::maybe(i.basis), Value::maybe(i.note),
             Value(i.span.first_line), Value(i.span.last_line), Value(i.span.page)});
      }
      ++project_no;
    }
  }
  std::vector<Value> diagnostic_rows;
  for (std::size_t di = 0; di < doc.diagnostics.size(); ++di) {
    const Diagnostic& d = doc.diagnostics[di];
    diagnostic_rows.insert(diagnostic_rows.end(),
                           {Value(id), Value(static_cast<int>(di)), Value(severity_name(d.severity)),
                            Value(d.code), Value(d.line), Value(d.page), Value(d.message)});
  }
  db.insert_rows("units", kUnitColumns, unit_rows);
  db.insert_rows("projects", kProjectColumns, project_rows);
  db.insert_rows("indicators", kIndicatorColumns, indicator_rows);
  db.insert_rows("diagnostics", kDiagnosticColumns, diagnostic_rows);
  write_findings(db, texts, id, r.findings, offsets);
  if (index && std::string(db.dialect()) == "sqlite") index_text(db, id, doc);
  return id;
}

template <typename Enum>
std::optional<Enum> enum_named(const std::optional<std::string>& text, std::initializer_list<Enum> all,
                               const char* (*name)(Enum)) {
  if (!text) return std::nullopt;
  for (Enum e : all)
    if (*text == name(e)) return e;
  return std::nullopt;
}

std::optional<Target> target_from(const Row& row, std::size_t at) {
  if (!row[at]) return std::nullopt;
  Target t;
  t.text = *row[at];
  t.kind = enum_named(row[at + 1],
                      {TargetKind::Quantitative, TargetKind::Qualitative, TargetKind::Period,
                       TargetKind::Text, TargetKind::Empty},
                      target_kind_name)
               .value_or(TargetKind::Text);
  t.comparator = enum_named(row[at + 2],
                            {Comparator::GreaterEqual, Comparator::LessEqual, Comparator::Greater,
                             Comparator::Less, Comparator::Equal},
                            comparator_symbol)
                     .value_or(Comparator::None);
  if (row[at + 3]) t.number = Decimal::parse(*row[at + 3]);
  t.unit = row[at + 4].value_or("");
  t.qualitative = row[at + 5].value_or("");
  return t;
}

Severity severity_named(const std::string& s) {
  if (s == "error") return Severity::Error;
  if (s == "notice") return Severity::Notice;
  return Severity::Warning;
}

}  // namespace

std::string storable(const Document& doc) {
  if (doc.total) {
    if (auto e = amounts_problem(*doc.total, "合计"); !e.empty()) return e;
  }
  for (const Unit& u : doc.units) {
    if (auto e = amounts_problem(u.amounts, u.name); !e.empty()) return e;
    for (const Project& p : u.projects) {
      if (auto e = amounts_problem(p.amounts, p.name.value_or("(unnamed project)")); !e.empty()) return e;
    }
  }
  return {};
}

Store::Store(std::unique_ptr<Connection> connection)
    : db_(std::move(connection)), texts_(std::make_unique<FindingTexts>()) {}
Store::~Store() = default;

std::unique_ptr<Store> Store::open(const std::string& target, OpenMode mode, bool long_lived) {
  std::unique_ptr<Connection> c =
      is_postgres_url(target) ? open_postgres(target, mode) : open_sqlite(target, mode, long_lived);
  migrate(*c, mode == OpenMode::ReadWrite);
  auto store = std::make_unique<Store>(std::move(c));
  if (store->indexes_pending()) {
    if (mode == OpenMode::ReadOnly) {
      throw StoreError(
          "the database's indexes are pending: a large ingest is writing it, or was stopped before it "
          "built them; wait for it to finish, or open the database for writing once (any jixiao ingest) "
          "to build them");
    }
    store->bulk_ = true;
    store->finish_bulk();
  }
  return store;
}

std::string Store::backend() const { return db_->dialect(); }

int Store::schema_version() {
  auto rows = db_->query("SELECT value FROM meta WHERE key = 'schema_version'");
  return rows.empty() ? 0 : static_cast<int>(to_int(rows[0][0]));
}

std::vector<std::pair<std::string, SourceState>> Store::sources() {
  std::vector<std::pair<std::string, SourceState>> out;
  for (auto& row : db_->query("SELECT path, content_hash, status FROM sources")) {
    out.emplace_back(*row[0], SourceState{*row[1], *row[2] == "ok"});
  }
  return out;
}

std::vector<std::int64_t> Store::put_file(const FileReading& reading) {
  for (const auto& r : reading.documents) {
    if (auto problem = storable(r.document); !problem.empty())
      throw StoreError(reading.path + ": " + problem);
  }
  std::vector<std::int64_t> ids;
  if (!in_batch_) db_->begin();
  try {
    auto old = db_->query("SELECT id FROM sources WHERE path = ?", {Value(reading.path)});
    if (!old.empty()) {
      const std::int64_t old_id = std::stoll(*old[0][0]);
      if (!bulk_ && std::string(db_->dialect()) == "sqlite") unindex_text(*db_, old_id);
      // Children first, explicitly: SQLite does not enforce the declared keys.
      for (const char* table : {"finding_rows", "diagnostics", "indicators", "projects", "units"}) {
        db_->query(std::string("DELETE FROM ") + table +
                       " WHERE document_id IN (SELECT id FROM documents WHERE source_id = ?)",
                   {Value(old_id)});
      }
      db_->query("DELETE FROM documents WHERE source_id = ?", {Value(old_id)});
      db_->query("DELETE FROM sources WHERE id = ?", {Value(old_id)});
    }
    const std::int64_t source_id = db_->insert_returning_id(
        "INSERT INTO sources (path, size, content_hash, format, status, error, documents, ingested_at) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        {Value(reading.path), Value(static_cast<std::int64_t>(reading.size)), Value(reading.content_hash),
         Value(reading.format), Value(reading.ok() ? "ok" : "error"),
         reading.ok() ? Value() : Value(reading.error), Value(static_cast<int>(reading.documents.size())),
         Value(now_utc())});
    for (std::size_t i = 0; i < reading.documents.size(); ++i) {
      ids.push_back(
          write_document(*db_, *texts_, source_id, static_cast<int>(i), reading.documents[i], !bulk_));
    }
    if (!in_batch_) {
      bump_data_generation(*db_);
      db_->commit();
    } else {
      batch_changed_ = true;
    }
  } catch (...) {
    // Nothing of a failed file may stay; inside a batch that means the batch.
    in_batch_ = false;
    rollback_and_forget();
    throw;
  }
  return ids;
}

void Store::analyze() {
  PhaseTimer timer;
  db_->exec_script(std::string(db_->dialect()) == "postgresql" ? "ANALYZE"
                                                               : "PRAGMA analysis_limit=1000; ANALYZE;");
  timer.mark("analyze");
}

void Store::begin_batch() {
  if (in_batch_) throw StoreError("a batch is already open");
  db_->begin();
  in_batch_ = true;
  batch_changed_ = false;
  // Another writer's open may have built the pending indexes between two
  // batches: rows written from here on are indexed as they go.
  if (bulk_) {
    try {
      bulk_ = sqlite_indexes_pending(*db_);
    } catch (...) {
      in_batch_ = false;
      rollback_and_forget();
      throw;
    }
  }
}

bool Store::indexes_pending() {
  return std::string(db_->dialect()) == "sqlite" && sqlite_indexes_pending(*db_);
}

// A WAL checkpoint copies every page changed since the last one into the
// file. SQLite checkpoints each time the WAL passes 1,000 pages; a bulk load
// changes the same inner and trailing pages again and again between two of
// them, so a longer WAL copies each of those pages fewer times. The WAL is
// truncated at the end.
constexpr int kBulkWalPages = 65536;  // 512 MB of 8 KB pages

namespace {

// A bulk load writes through a rollback journal instead of the WAL when no
// other connection has the store open (docs/STORE.md "Bulk loading"). In
// WAL mode every page is written twice (the WAL frame, then the
// checkpoint's copy) and, while the indexes are built, read back from the
// WAL with a system call each; a rollback journal holds only the original
// content of pages that existed when a transaction began, and SQLite does
// not journal pages past the file's size at that moment, so the pages a
// load appends are written once, to the file, and read back through the
// memory map. Commits stay atomic when the process is killed (a hot journal
// is rolled back by the next open for writing) and keep their order after a
// power cut (synchronous=NORMAL syncs the journal before the file changes).
// Leaving WAL mode needs every other connection closed: with another one
// open (a server, a query running) the switch fails at once and the load
// goes through the WAL as before. Returns whether the switch was made.
bool leave_wal(Store::Connection& db) {
  bool switched = false;
  // Asked at once, then the connection's own timeout back (sqlite_connection.cpp sets it).
  const std::vector<Row> timeout = db.query("PRAGMA busy_timeout");
  const std::string restore =
      "PRAGMA busy_timeout=" + (timeout.empty() ? std::string("0") : timeout[0][0].value_or("0")) + ";";
  db.exec_script("PRAGMA busy_timeout=0;");
  try {
    db.exec_script("PRAGMA journal_mode=TRUNCATE;");
    const std::vector<Row> mode = db.query("PRAGMA journal_mode");
    switched = !mode.empty() && mode[0][0] == "truncate";
  } catch (const StoreError&) {
    switched = false;  // another connection has the store open
  }
  db.exec_script(restore);
  return switched;
}

}  // namespace

bool Store::begin_bulk() {
  if (in_batch_) throw StoreError("begin_bulk inside a batch");
  if (std::string(db_->dialect()) != "sqlite") return false;
  if (bulk_) return true;
  db_->begin();
  try {
    if (!sqlite_indexes_pending(*db_)) drop_deferred_indexes(*db_);
    bump_data_generation(*db_);
    db_->commit();
  } catch (...) {
    rollback_and_forget();
    throw;
  }
  bulk_journal_ = leave_wal(*db_);
  if (!bulk_journal_) db_->exec_script("PRAGMA wal_autocheckpoint=" + std::to_string(kBulkWalPages) + ";");
  bulk_ = true;
  return true;
}

void Store::finish_bulk() {
  if (!bulk_) return;
  if (in_batch_) throw StoreError("finish_bulk inside a batch");
  bulk_ = false;
  PhaseTimer timer;
  db_->begin();
  try {
    if (sqlite_indexes_pending(*db_)) {
      build_pending_indexes(*db_);
      bump_data_generation(*db_);
    }
    timer.mark("bulk: before commit");
    db_->commit();
    timer.mark("bulk: commit");
  } catch (...) {
    rollback_and_forget();
    throw;
  }
  if (bulk_journal_) {
    // Back to WAL, which readers beside a writer need (the file header
    // records the mode). The switch waits for readers that opened meanwhile
    // (the busy timeout); should it fail, the store stays whole in rollback
    // mode and the next open for writing switches it.
    bulk_journal_ = false;
    try {
      db_->exec_script("PRAGMA journal_mode=WAL;");
    } catch (const StoreError&) {
    }
    timer.mark("bulk: back to WAL");
    return;
  }
  db_->exec_script("PRAGMA wal_autocheckpoint=1000; PRAGMA wal_checkpoint(TRUNCATE);");
  timer.mark("bulk: checkpoint");
}

void Store::commit_batch() {
  if (!in_batch_) return;
  in_batch_ = false;
  try {
    if (batch_changed_) bump_data_generation(*db_);
    db_->commit();
  } catch (...) {
    rollback_and_forget();
    throw;
  }
}

void Store::rollback_batch() noexcept {
  if (!in_batch_) return;
  in_batch_ = false;
  rollback_and_forget();
}

void Store::rollback_and_forget() noexcept {
  db_->rollback();
  texts_->loaded = false;
  texts_->ids.clear();
  texts_->by_form.clear();
}

void Store::put_review(std::int64_t document_id, const std::vector<check::Finding>& findings,
                       const check::DocumentScore& score) {
  auto doc = load_document(document_id);
  if (!doc) throw StoreError(fmt::format("no document {} in the store", document_id));
  const std::vector<int> offsets = project_offsets(*doc);
  db_->begin();
  try {
    db_->query("DELETE FROM finding_rows WHERE document_id = ?", {Value(document_id)});
    db_->query(
        "UPDATE projects SET quality = NULL, completeness = NULL, measurability = NULL, consistency = NULL "
        "WHERE document_id = ?",
        {Value(document_id)});
    write_findings(*db_, *texts_, document_id, findings, offsets);
    write_scores(*db_, document_id, score, offsets);
    db_->query(
        "UPDATE documents SET scored_projects = (SELECT COUNT(p.quality) FROM projects p WHERE p.document_id = ?), "
        "quality_sum = (SELECT SUM(p.quality) FROM projects p WHERE p.document_id = ?), "
        "quality_min = (SELECT MIN(p.quality) FROM projects p WHERE p.document_id = ?) WHERE id = ?",
        {Value(document_id), Value(document_id), Value(document_id), Value(document_id)});
    db_->query("UPDATE documents SET errors = ?, warnings = ?, notices = ?, quality = ? WHERE id = ?",
               {Value(check::count_severity(findings, Severity::Error)),
                Value(check::count_severity(findings, Severity::Warning)),
                Value(check::count_severity(findings, Severity::Notice)),
                score.mean ? Value(*score.mean) : Value(), Value(document_id)});
    bump_data_generation(*db_);
    db_->commit();
  } catch (...) {
    rollback_and_forget();
    throw;
  }
}

std::vector<std::int64_t> Store::document_ids() {
  std::vector<std::int64_t> ids;
  for (auto& row : db_->query("SELECT d.id FROM documents d JOIN sources s ON s.id = d.source_id "
                              "ORDER BY s.path, d.ordinal"))
    ids.push_back(std::stoll(*row[0]));
  return ids;
}

std::optional<Document> Store::load_document(std::int64_t id) {
  auto head = db_->query(
      "SELECT kind, title, department, department_code, year, amount_unit, has_total, total_cents, "
      "fiscal_cents, "
      "special_cents, other_cents, origin_path, layout, encoding FROM documents WHERE id = ?",
      {Value(id)});
  if (head.empty()) return std::nullopt;
  const Row& h = head[0];
  Document doc;
  doc.kind = h[0] == "department" ? DocumentKind::Department : DocumentKind::Project;
  doc.title = h[1];
  doc.department = h[2];
  doc.department_code = h[3];
  if (h[4]) doc.year = static_cast<int>(std::stoll(*h[4]));
  doc.amount_unit = h[5].value_or("");
  if (to_int(h[6]))
    doc.total = Amounts{from_cents(h[7]), from_cents(h[8]), from_cents(h[9]), from_cents(h[10])};
  doc.source_path = h[11].value_or("");
  doc.layout = h[12].value_or("");
  doc.encoding = h[13].value_or("");

  for (auto& r :
       db_->query("SELECT name, code, total_cents, fiscal_cents, special_cents, other_cents, first_line, "
                  "last_line, page FROM units WHERE document_id = ? ORDER BY unit_no",
                  {Value(id)})) {
    Unit u;
    u.name = r[0].value_or("");
    u.code = r[1];
    u.amounts = {from_cents(r[2]), from_cents(r[3]), from_cents(r[4]), from_cents(r[5])};
    u.span = {static_cast<int>(to_int(r[6])), static_cast<int>(to_int(r[7])), static_cast<int>(to_int(r[8]))};
    doc.units.push_back(std::move(u));
  }
  std::vector<Project*> by_no;
  for (auto& r :
       db_->query("SELECT unit_no, name, total_cents, fiscal_cents, special_cents, other_cents, purpose, "
                  "goal, first_line, last_line, page FROM projects WHERE document_id = ? "
                  "ORDER BY project_no",
                  {Value(id)})) {
    std::size_t unit = static_cast<std::size_t>(to_int(r[0]));
    if (unit >= doc.units.size()) throw StoreError(fmt::format("document {}: project of a missing unit", id));
    Project p;
    p.name = r[1];
    p.amounts = {from_cents(r[2]), from_cents(r[3]), from_cents(r[4]), from_cents(r[5])};
    p.purpose = r[6];
    p.goal = r[7];
    p.span = {static_cast<int>(to_int(r[8])), static_cast<int>(to_int(r[9])),
              static_cast<int>(to_int(r[10]))};
    doc.units[unit].projects.push_back(std::move(p));
  }
  for (Unit& u : doc.units)
    for (Project& p : u.projects) by_no.push_back(&p);
  for (auto& r : db_->query(
           "SELECT project_no, level1_printed, level2_printed, name, description, "
           "period_target, period_kind, period_comparator, period_number, period_unit, period_qualitative, "
           "annual_target, annual_kind, annual_comparator, annual_number, annual_unit, annual_qualitative, "
           "weight, direction, basis, note, first_line, last_line, page, level1, level2 "
           "FROM indicators WHERE document_id = ? ORDER BY project_no, indicator_no",
           {Value(id)})) {
    std::size_t project = static_cast<std::size_t>(to_int(r[0]));
    if (project >= by_no.size())
      throw StoreError(fmt::format("document {}: indicator of a missing project", id));
    Indicator i;
    i.level1_printed = r[1].value_or("");
    i.level2_printed = r[2].value_or("");
    if (r[24]) i.level1 = resolve_level1(*r[24]);
    if (r[25]) i.level2 = resolve_level2(*r[25]);
    i.name = r[3].value_or("");
    i.description = r[4];
    i.period_target = target_from(r, 5);
    i.annual_target = target_from(r, 11);
    i.weight = r[17];
    i.direction = r[18];
    i.basis = r[19];
    i.note = r[20];
    i.span = {static_cast<int>(to_int(r[21])), static_cast<int>(to_int(r[22])),
              static_cast<int>(to_int(r[23]))};
    by_no[project]->indicators.push_back(std::move(i));
  }
  for (auto& r :
       db_->query("SELECT severity, code, line, page, message FROM diagnostics WHERE document_id = ? "
                  "ORDER BY diagnostic_no",
                  {Value(id)})) {
    Diagnostic d;
    d.severity = severity_named(r[0].value_or(""));
    d.code = r[1].value_or("");
    d.line = static_cast<int>(to_int(r[2]));
    d.page = static_cast<int>(to_int(r[3]));
    d.message = r[4].value_or("");
    doc.diagnostics.push_back(std::move(d));
  }
  return doc;
}

}  // namespace jixiao::store
