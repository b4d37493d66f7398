// The store on both backends: whole readings in and out, unchanged files
// skipped, changed files replaced, failures recorded, queries, read-only SQL,
// schema versions, exports that re-import as the same model.
#include <gtest/gtest.h>
#include <fmt/format.h>
#include <sqlite3.h>

#include <algorithm>
#include <filesystem>
#include <functional>
#include <cmath>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <sys/wait.h>
#include <unistd.h>

#include "check/rules.hpp"
#include "model/json.hpp"
#include "recognise/parse_file.hpp"
#include "render/text_render.hpp"
#include "store/connection.hpp"
#include "store/export.hpp"
#include "store/ingest.hpp"
#include "store/store_test_support.hpp"
#include "synth/generator.hpp"
#include "text/encoding.hpp"

namespace jixiao::store {
namespace {

namespace fs = std::filesystem;
using testing::StoreBackendTest;

fs::path seeds_dir() { return fs::path(JIXIAO_TEST_DATA) / "corpus" / "seeds"; }

std::vector<std::string> seed_files() {
  std::vector<std::string> files;
  for (const auto& e : fs::directory_iterator(seeds_dir())) files.push_back(fs::absolute(e.path()).string());
  std::sort(files.begin(), files.end());
  return files;
}

// The store keeps amounts as hundredths: "375" comes back as "375.00".
void two_places(std::optional<Decimal>& d) {
  if (d) d = Decimal(d->mantissa(), d->scale()) + Decimal(0, 2);
}
void two_places(Amounts& a) {
  for (auto* v : {&a.total, &a.fiscal, &a.special, &a.other}) two_places(*v);
}
std::string model_text(Document doc) {
  if (doc.total) two_places(*doc.total);
  for (Unit& u : doc.units) {
    two_places(u.amounts);
    for (Project& p : u.projects) two_places(p.amounts);
  }
  JsonOptions o;
  o.with_provenance = true;
  o.with_structured_targets = true;
  return json_text(doc, o, 1);
}

std::vector<Document> parse_all(const std::string& path) {
  std::vector<Document> docs;
  parse_file(path, [&](Document&& d) { docs.push_back(std::move(d)); });
  return docs;
}

void write_file(const fs::path& p, const std::string& text) {
  std::ofstream f(p, std::ios::binary | std::ios::trunc);
  f << text;
}

std::string slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// Takes schema version 5's finding texts back into the findings table the
// earlier versions had (the same columns in the same order, texts inline).
const char* const kFindingsBackToVersion4 =
    "CREATE TABLE findings_v4 AS SELECT * FROM findings; DROP VIEW findings; DROP TABLE finding_rows; "
    "DROP TABLE finding_texts; ALTER TABLE findings_v4 RENAME TO findings; "
    "CREATE INDEX findings_severity ON findings (severity_rank); ";

// Takes a store back to an older schema with `downgrade` (SQL), as a file
// written by an older binary would be. SQLite through the store's own
// connection: dropping the FTS5 tables needs their tokenizer.
void downgrade_store(const std::string& backend, const std::string& target, const std::string& downgrade) {
  if (backend == "sqlite") {
    open_sqlite(target, OpenMode::ReadWrite, false)->exec_script(downgrade);
  } else {
    testing::pg_exec(target, downgrade);
  }
}

// Every findings row as text, in key order: what exports and queries read.
std::vector<std::vector<std::optional<std::string>>> findings_rows(Store& store) {
  std::vector<std::vector<std::optional<std::string>>> rows;
  store.scan("findings", [&](const std::vector<std::string>&,
                             const std::vector<std::optional<std::string>>& r) { rows.push_back(r); });
  return rows;
}

std::int64_t count_of(Store& store, const std::string& sql) {
  auto r = store.sql(sql);
  return r.rows.empty() || !r.rows[0][0] ? -1 : std::stoll(*r.rows[0][0]);
}

IngestSummary ingest_paths(Store& store, const std::vector<std::string>& paths, bool force = false,
                           BulkLoad bulk = BulkLoad::Auto,
                           const std::function<void(const IngestProgress&)>& progress = {}) {
  std::vector<IngestFailure> missing;
  auto files = collect_files(paths, missing);
  IngestOptions options;
  options.threads = 2;
  options.force = force;
  options.bulk = bulk;
  IngestSummary s = ingest(store, files, options, progress);
  s.failures.insert(s.failures.end(), missing.begin(), missing.end());
  return s;
}

TEST_P(StoreBackendTest, SeedsComeBackAsTheSameModel) {
  auto store = open();
  EXPECT_EQ(store->schema_version(), kSchemaVersion);
  check::Checker checker;
  for (const std::string& path : seed_files()) {
    FileReading reading = read_file(path, checker);
    ASSERT_TRUE(reading.ok()) << path << ": " << reading.error;
    ASSERT_EQ(reading.content_hash.rfind("sha256:", 0), 0u);
    auto ids = store->put_file(reading);
    auto parsed = parse_all(path);
    ASSERT_EQ(ids.size(), parsed.size());
    for (std::size_t i = 0; i < ids.size(); ++i) {
      auto loaded = store->load_document(ids[i]);
      ASSERT_TRUE(loaded);
      EXPECT_EQ(model_text(*loaded), model_text(parsed[i])) << path;
    }
  }
  EXPECT_FALSE(store->load_document(999999));
}

// An ingest parses a text table from the bytes it read for the content hash
// instead of opening the file again: the same documents as parse_file gives,
// whatever the bytes (a byte-order mark, CRLF lines, no final newline, two
// tables in one file, GB 18030, a file larger than the first read block).
TEST(IngestReading, TextFromMemoryReadsAsParseFileDoes) {
  const fs::path dir = fs::temp_directory_path() / ("jixiao_read_bytes_" + std::to_string(::getpid()));
  fs::create_directories(dir);
  std::vector<std::string> files;
  const std::string a = slurp(seed_files()[0]), b = slurp(seed_files()[1]);
  auto add = [&](const std::string& name, const std::string& bytes) {
    write_file(dir / name, bytes);
    files.push_back((dir / name).string());
  };
  std::string crlf;
  for (char c : a) crlf += c == '\n' ? std::string("\r\n") : std::string(1, c);
  add("bom.txt", "\xEF\xBB\xBF" + a);
  add("crlf.txt", crlf);
  add("no_final_newline.txt", a.substr(0, a.find_last_not_of("\r\n") + 1));
  add("two_tables.txt", a + "\n\n" + b);
  std::string big;
  while (big.size() < (3u << 20)) big += a + "\n\n";
  add("big.txt", big);
  add("empty.txt", "");
  std::string gb;
  ASSERT_TRUE(convert_encoding(a, "UTF-8", "GB18030", gb));
  add("gb18030.txt", gb);
  for (const auto& f : seed_files()) files.push_back(f);
  for (const auto& e : fs::directory_iterator(fs::path(JIXIAO_TEST_DATA) / "blind"))
    if (e.path().extension() == ".txt") files.push_back(e.path().string());
  check::Checker checker;
  for (const std::string& path : files) {
    FileReading reading = read_file(path, checker);
    auto parsed = parse_all(path);
    ASSERT_EQ(reading.documents.size(), parsed.size()) << path;
    for (std::size_t i = 0; i < parsed.size(); ++i)
      EXPECT_EQ(model_text(reading.documents[i].document), model_text(parsed[i])) << path;
  }
  fs::remove_all(dir);
}

TEST_P(StoreBackendTest, UnchangedFilesAreSkippedAndChangedFilesReplaced) {
  auto store = open();
  fs::path dir = scratch() / "input";
  fs::create_directories(dir);
  for (const auto& f : seed_files()) fs::copy_file(f, dir / fs::path(f).filename());

  const std::string empty = store->generation();
  IngestSummary first = ingest_paths(*store, {dir.string()});
  const std::string stored = store->generation();
  EXPECT_NE(stored, empty);  // the server's caches must see the new files
  EXPECT_EQ(first.counts.stored, 5u);
  EXPECT_EQ(first.counts.documents, 5u);
  EXPECT_TRUE(first.failures.empty());
  const auto before = store->documents({}, {}).total;
  EXPECT_EQ(before, 5);

  IngestSummary again = ingest_paths(*store, {dir.string()});
  EXPECT_EQ(again.counts.unchanged, 5u);
  EXPECT_EQ(again.counts.stored, 0u);
  EXPECT_EQ(store->documents({}, {}).total, 5);
  EXPECT_EQ(store->generation(), stored);  // nothing changed: cached answers still hold

  // Change one file: its old reading goes, the new one comes in, nothing doubles.
  fs::path changed = dir / fs::path(seed_files()[0]).filename();
  std::string text = slurp(changed);
  const std::string department = *parse_all(changed.string())[0].department;
  std::size_t at = text.find(department);
  ASSERT_NE(at, std::string::npos);
  text.replace(at, department.size(), "广州市测试改名法院");
  write_file(changed, text);
  IngestSummary third = ingest_paths(*store, {dir.string()});
  EXPECT_EQ(third.counts.stored, 1u);
  EXPECT_EQ(third.counts.unchanged, 4u);
  EXPECT_EQ(store->documents({}, {}).total, 5);
  EXPECT_NE(store->generation(), stored);  // a replaced file is a change
  Filter f;
  f.department = "测试改名";
  EXPECT_EQ(store->documents(f, {}).total, 1);
  f.department = department;
  EXPECT_EQ(store->documents(f, {}).total, 0);
  auto counts = store->sql("SELECT COUNT(*) FROM sources");
  EXPECT_EQ(counts.rows.at(0).at(0), "5");
}

// A server asks for the generation on whichever pooled connection it leases
// and compares it with one read on another: the value must be the store's,
// not the connection's, and change for a reader when a writer commits.
TEST_P(StoreBackendTest, GenerationIsTheSameOnEveryConnectionAndSeesOtherWriters) {
  auto writer = open();
  auto reader_a = open(OpenMode::ReadOnly);
  auto reader_b = open(OpenMode::ReadOnly);
  const std::string before = reader_a->generation();
  EXPECT_EQ(reader_b->generation(), before);
  EXPECT_EQ(writer->generation(), before);
  ingest_paths(*writer, {seed_files()[0]});
  // A reader opened after the commit and one opened before agree, and both
  // differ from what was read before it.
  auto reader_c = open(OpenMode::ReadOnly);
  const std::string after = reader_a->generation();
  EXPECT_NE(after, before);
  EXPECT_EQ(reader_b->generation(), after);
  EXPECT_EQ(reader_c->generation(), after);
  EXPECT_EQ(writer->generation(), after);
  // A review rewritten in place (no source added or removed) is a change too.
  const auto ids = writer->document_ids();
  ASSERT_FALSE(ids.empty());
  check::DocumentScore none;
  writer->put_review(ids[0], {}, none);
  EXPECT_NE(reader_c->generation(), after);
}

// A binary that did not keep the write counter yet changes only the
// sources: a reader that keeps the sources' part between writes of other
// connections (SQLite's data_version, query.cpp) still sees that change,
// and sees nothing new while nothing was written.
TEST_P(StoreBackendTest, GenerationSeesASourceChangedWithoutTheCounter) {
  if (GetParam() != "sqlite") GTEST_SKIP() << "a raw SQLite write stands for the older binary";
  auto writer = open();
  ingest_paths(*writer, {seed_files()[0]});
  auto reader = open(OpenMode::ReadOnly);
  const std::string before = reader->generation();
  EXPECT_EQ(reader->generation(), before);
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(target().c_str(), &db), SQLITE_OK);
  ASSERT_EQ(sqlite3_exec(db, "UPDATE sources SET ingested_at = '2999-01-01T00:00:00Z'", nullptr, nullptr, nullptr),
            SQLITE_OK);
  sqlite3_close(db);
  const std::string after = reader->generation();
  EXPECT_NE(after, before);
  EXPECT_EQ(reader->generation(), after);
}

// --text is a literal substring whatever the backend does underneath (SQLite
// answers through its FTS5 character index): the matches are exactly the
// rows a plain substring test finds, for one character, several, ASCII,
// spaces, quotes and texts that occur nowhere, and a replaced file leaves
// no stale entries behind.
TEST_P(StoreBackendTest, TextSearchFindsExactlyTheSubstrings) {
  auto store = open();
  fs::path dir = scratch() / "search";
  fs::create_directories(dir);
  for (const auto& f : seed_files()) fs::copy_file(f, dir / fs::path(f).filename());
  ASSERT_TRUE(ingest_paths(*store, {dir.string()}).failures.empty());
  const bool pg = GetParam() != "sqlite";
  auto expected = [&](const std::string& table, std::initializer_list<const char*> columns,
                      const std::string& needle, const std::string& also = "") {
    std::string quoted = "'";
    for (char c : needle) quoted += c == '\'' ? std::string("''") : std::string(1, c);
    quoted += "'";
    std::string where;
    for (const char* c : columns)
      where += (where.empty() ? "" : " OR ") +
               (pg ? "strpos(" + std::string(c) + ", " + quoted + ") > 0"
                   : "instr(" + std::string(c) + ", " + quoted + ") > 0");
    return std::stoll(
        *store->sql("SELECT COUNT(*) FROM " + table + " WHERE (" + where + ")" + also).rows.at(0).at(0));
  };
  auto check = [&](const std::string& needle) {
    Filter f;
    f.text = needle;
    auto projects = store->projects(f, {10000, 0});
    EXPECT_EQ(projects.total, expected("projects", {"name", "goal"}, needle)) << needle;
    EXPECT_EQ(static_cast<std::int64_t>(projects.rows.size()), projects.total) << needle;
    for (const auto& p : projects.rows)
      EXPECT_TRUE(p.name.value_or("").find(needle) != std::string::npos ||
                  p.goal.value_or("").find(needle) != std::string::npos)
          << needle;
    EXPECT_EQ(store->indicators(f, {10000, 0}).total,
              expected("indicators", {"name", "description", "annual_target", "period_target"}, needle))
        << needle;
    // Among the qualitative targets only (SQLite: their own index, schema version 4).
    Filter qualitative = f;
    qualitative.qualitative_only = true;
    EXPECT_EQ(store->indicators(qualitative, {10000, 0}).total,
              expected("indicators", {"name", "description", "annual_target", "period_target"}, needle,
                       " AND (annual_kind = 'qualitative' OR period_kind = 'qualitative')"))
        << needle;
    // Paged past the first rows, with another filter beside the text.
    for (const auto& d : store->documents({}, {}).rows)
      if (d.year) f.year = d.year;
    ASSERT_TRUE(f.year.has_value());
    auto page = store->indicators(f, {3, 2});
    EXPECT_LE(page.rows.size(), 3u);
    for (const auto& i : page.rows) EXPECT_EQ(i.year, f.year) << needle;
  };
  for (const std::string needle : {"率", "满意", "设备维护", "%", "≥", "100", "0%", "个", " ", "\"", "'", "率\"",
                                   "完成率 ", "不存在的文字组合", "a"})
    check(needle);
  EXPECT_GT(expected("indicators", {"name"}, "率"), 0);
  EXPECT_NE(store->sql("SELECT COUNT(*) FROM indicators WHERE annual_kind = 'qualitative'").rows.at(0).at(0), "0");
  const std::int64_t before = expected("projects", {"name", "goal"}, "项目");

  // Read every file again: each reading replaces the old one, and the index with it.
  ASSERT_TRUE(ingest_paths(*store, {dir.string()}, /*force=*/true).failures.empty());
  Filter f;
  f.text = "项目";
  EXPECT_EQ(store->projects(f, {}).total, before);
  check("率");
  check("满意");
}

// SQLite: the substring indexes an ingest writes row by row from the model
// hold exactly what the migrations build from the stored rows (every term at
// every position of every column, for every key), also after each file was
// read again (the old entries taken out by the stored text).
// A bulk load (indexes built at the end from the stored rows), and a bulk
// load that reads every file again over a store indexed row by row, must
// hold the same.
void expect_text_indexes_as_migration_builds(const std::string& target);

TEST_P(StoreBackendTest, IngestIndexesTheTextTheMigrationWould) {
  if (GetParam() != "sqlite") GTEST_SKIP() << "the substring indexes are SQLite's";
  fs::path dir = scratch() / "index";
  fs::create_directories(dir);
  for (const auto& f : seed_files()) fs::copy_file(f, dir / fs::path(f).filename());
  {
    auto store = open();
    ASSERT_TRUE(ingest_paths(*store, {dir.string()}, false, BulkLoad::Never).failures.empty());
    ASSERT_TRUE(ingest_paths(*store, {dir.string()}, /*force=*/true, BulkLoad::Never).failures.empty());
  }
  expect_text_indexes_as_migration_builds(target());
  {
    auto store = open();
    ASSERT_TRUE(ingest_paths(*store, {dir.string()}, /*force=*/true, BulkLoad::Always).failures.empty());
    EXPECT_FALSE(store->indexes_pending());
  }
  expect_text_indexes_as_migration_builds(target());
  testing::TestDatabase bulk("sqlite");
  {
    auto store = Store::open(bulk.target());
    ASSERT_TRUE(ingest_paths(*store, {dir.string()}, false, BulkLoad::Always).failures.empty());
  }
  expect_text_indexes_as_migration_builds(bulk.target());
}

void expect_text_indexes_as_migration_builds(const std::string& target) {
  auto db = open_sqlite(target, OpenMode::ReadWrite, false);
  const std::string indicator_columns = "name, description, annual_target, period_target";
  const std::string indicator_rows = "SELECT document_id * 4294967296 + project_no * 65536 + indicator_no, " +
                                     indicator_columns +
                                     " FROM indicators WHERE project_no < 65536 AND indicator_no < 65536";
  const struct {
    std::string index, columns, rows;
  } indexes[] = {
      {"projects_fts", "name, goal",
       "SELECT document_id * 4294967296 + project_no, name, goal FROM projects"},
      {"indicators_fts", indicator_columns, indicator_rows},
      {"indicators_qualitative_fts", indicator_columns,
       indicator_rows + " AND (annual_kind = 'qualitative' OR period_kind = 'qualitative')"},
  };
  for (const auto& i : indexes) {
    db->exec_script("CREATE VIRTUAL TABLE rebuilt USING fts5(" + i.columns +
                    ", content='', columnsize=0, tokenize='characters'); "
                    "INSERT INTO rebuilt (rowid, " +
                    i.columns + ") " + i.rows +
                    "; "
                    "CREATE VIRTUAL TABLE temp.written_terms USING fts5vocab(main, " +
                    i.index +
                    ", instance); "
                    "CREATE VIRTUAL TABLE temp.rebuilt_terms USING fts5vocab(main, rebuilt, instance);");
    auto count = [&](const std::string& sql) { return std::stoll(*db->query(sql).at(0).at(0)); };
    const std::string terms = "SELECT term, doc, col, offset FROM ";
    EXPECT_GT(count("SELECT COUNT(*) FROM temp.rebuilt_terms"), 0) << i.index;
    EXPECT_EQ(count("SELECT COUNT(*) FROM temp.written_terms"),
              count("SELECT COUNT(*) FROM temp.rebuilt_terms"))
        << i.index;
    EXPECT_EQ(count("SELECT COUNT(*) FROM (" + terms + "temp.written_terms EXCEPT " + terms +
                    "temp.rebuilt_terms)"),
              0)
        << i.index;
    db->exec_script("DROP TABLE temp.written_terms; DROP TABLE temp.rebuilt_terms; DROP TABLE rebuilt;");
  }
}

// A capped count (Page::count_limit) is the exact count when the matches
// are no more than the cap, else the cap with `more` set; it never stops
// short of the page asked for, and the page holds the same rows as uncapped.
TEST_P(StoreBackendTest, CappedCountsSayAtLeast) {
  auto store = open();
  ASSERT_TRUE(ingest_paths(*store, {seeds_dir().string()}).failures.empty());
  auto keys = [](const auto& rows) {
    std::vector<std::string> out;
    for (const auto& r : rows) {
      std::string key = std::to_string(r.document_id);
      if constexpr (requires { r.project_no; }) key += "/" + std::to_string(r.project_no);
      if constexpr (requires { r.indicator_no; }) key += "/" + std::to_string(r.indicator_no);
      if constexpr (requires { r.message_zh; }) key += "/" + r.message_zh;
      out.push_back(key);
    }
    return out;
  };
  auto check = [&](const char* what, auto&& search) {
    const Page first{3, 0}, later{4, 6};
    const std::int64_t exact = search(Page{1, 0}).total;
    ASSERT_GT(exact, 0) << what;
    EXPECT_FALSE(search(Page{1, 0}).more) << what;
    for (const std::int64_t cap :
         {std::int64_t{1}, std::int64_t{7}, exact - 1, exact, exact + 1, std::int64_t{20000}}) {
      if (cap <= 0) continue;  // 0 is "no cap"
      for (Page page : {first, later}) {
        const auto uncapped = search(page);
        page.count_limit = cap;
        const auto capped = search(page);
        const std::int64_t reach = std::max<std::int64_t>(cap, page.offset + page.limit);
        EXPECT_EQ(capped.total, std::min(exact, reach)) << what << " cap " << cap << " offset " << page.offset;
        EXPECT_EQ(capped.more, exact > reach) << what << " cap " << cap << " offset " << page.offset;
        EXPECT_EQ(keys(capped.rows), keys(uncapped.rows)) << what << " cap " << cap << " offset " << page.offset;
      }
    }
  };
  Filter text;
  text.text = "率";
  Filter qualitative;
  qualitative.qualitative_only = true;
  Filter both = text;
  both.qualitative_only = true;
  Filter other;  // past the substring index: a filter on the document too
  other.text = "率";
  other.department = store->documents({}, {1, 0}).rows.at(0).department.value_or("");
  check("projects", [&](const Page& p) { return store->projects({}, p); });
  check("projects 的", [&](const Page& p) {
    Filter f;
    f.text = "的";
    return store->projects(f, p);
  });
  check("indicators", [&](const Page& p) { return store->indicators({}, p); });
  check("indicators 率", [&](const Page& p) { return store->indicators(text, p); });
  check("indicators qualitative", [&](const Page& p) { return store->indicators(qualitative, p); });
  check("indicators 率 qualitative", [&](const Page& p) { return store->indicators(both, p); });
  check("indicators 率 department", [&](const Page& p) { return store->indicators(other, p); });
  check("findings", [&](const Page& p) { return store->findings({}, p); });
}

TEST_P(StoreBackendTest, UnreadableFilesAreRecordedAndTheBatchGoesOn) {
  auto store = open();
  fs::path dir = scratch() / "mixed";
  fs::create_directories(dir);
  fs::copy_file(seed_files()[1], dir / "good.txt");
  write_file(dir / "noise.txt", "这不是一张表\n只是几行文字\n");
  write_file(dir / "broken.json", "{\"format\": \"jixiao/1\", \"units\": [");
  IngestSummary s = ingest_paths(*store, {dir.string(), (dir / "missing.txt").string()});
  EXPECT_EQ(s.counts.stored, 1u);
  EXPECT_EQ(s.counts.failed, 2u);
  ASSERT_EQ(s.failures.size(), 3u);
  for (const auto& f : s.failures) EXPECT_FALSE(f.error.empty()) << f.path;
  auto errors = store->sql("SELECT path, error FROM sources WHERE status = 'error' ORDER BY path");
  ASSERT_EQ(errors.rows.size(), 2u);
  EXPECT_NE(errors.rows[0][0]->find("broken.json"), std::string::npos);
  EXPECT_NE(errors.rows[0][1]->find("jixiao/1"), std::string::npos);
  EXPECT_NE(errors.rows[1][0]->find("noise.txt"), std::string::npos);
  // A failed file is read again next time (a newer reader may manage it).
  IngestSummary again = ingest_paths(*store, {dir.string()});
  EXPECT_EQ(again.counts.unchanged, 1u);
  EXPECT_EQ(again.counts.failed, 2u);
}

// Ids follow the order of the file list, not the order the parser threads
// finish in: a large first file takes one thread a long while, during which
// the others parse the small files after it (within the reading window), yet
// it is stored first; and two ingests of the same files give the same ids.
TEST_P(StoreBackendTest, IngestStoresReadingsInTheOrderOfTheFiles) {
  const fs::path dir = scratch() / "ordered";
  fs::create_directories(dir);
  GenerateOptions g;
  g.projects = 1500;
  write_file(dir / "000_large.txt", render_text(generate_document(7, g)));
  const auto seeds = seed_files();
  const std::size_t smalls = 24;
  for (std::size_t k = 0; k < smalls; ++k)
    fs::copy_file(seeds[k % seeds.size()], dir / fmt::format("{:03}_small.txt", k + 1));
  std::vector<IngestFailure> missing;
  const std::vector<std::string> files = collect_files({dir.string()}, missing);
  ASSERT_EQ(files.size(), smalls + 1);
  ASSERT_TRUE(missing.empty());
  ASSERT_EQ(fs::path(files[0]).filename(), "000_large.txt");

  const std::string ids_sql =
      "SELECT s.path, s.id, d.id FROM sources s JOIN documents d ON d.source_id = s.id ORDER BY s.id, "
      "d.ordinal";
  auto ingest_ids = [&](Store& store) {
    IngestOptions options;
    options.threads = 4;
    options.bulk = BulkLoad::Never;
    EXPECT_TRUE(ingest(store, files, options).failures.empty());
    return store.sql(ids_sql).rows;
  };
  const auto first = ingest_ids(*open());
  ASSERT_EQ(first.size(), files.size());
  for (std::size_t k = 0; k < files.size(); ++k) {
    EXPECT_EQ(first[k][0], files[k]) << "source " << k + 1 << " is not the file list's " << k + 1
                                     << "th file";
    EXPECT_EQ(first[k][1], std::to_string(k + 1));
  }
  testing::TestDatabase other(GetParam());
  ASSERT_TRUE(other.available());
  EXPECT_EQ(ingest_ids(*Store::open(other.target())), first);
}

TEST_P(StoreBackendTest, QueriesAnswerTheEverydayQuestions) {
  auto store = open();
  ASSERT_TRUE(ingest_paths(*store, {seeds_dir().string()}).failures.empty());

  auto docs = store->documents({}, {});
  ASSERT_EQ(docs.total, 5);
  int projects = 0, indicators = 0;
  for (const auto& d : docs.rows) {
    projects += d.projects;
    indicators += d.indicators;
  }

  // Paging: pages of 2 cover every document once, each page knowing the total.
  std::set<std::int64_t> seen;
  for (int offset = 0; offset < 5; offset += 2) {
    auto page = store->documents({}, {2, offset});
    EXPECT_EQ(page.total, 5);
    for (const auto& d : page.rows) seen.insert(d.id);
  }
  EXPECT_EQ(seen.size(), 5u);

  EXPECT_EQ(store->projects({}, {10000, 0}).total, projects);
  EXPECT_EQ(store->indicators({}, {10000, 0}).total, indicators);

  Filter text;
  text.text = "物业";
  auto found = store->projects(text, {});
  ASSERT_GT(found.total, 0);
  for (const auto& p : found.rows)
    EXPECT_TRUE(p.name->find("物业") != std::string::npos ||
                p.goal.value_or("").find("物业") != std::string::npos);

  // LIKE's own characters are literal: "%" finds only texts holding "%".
  Filter percent;
  percent.text = "%";
  auto with_percent = store->indicators(percent, {10000, 0});
  EXPECT_GT(with_percent.total, 0);
  EXPECT_LT(with_percent.total, indicators);

  Filter level;
  level.level2 = "时效指标";
  auto timely = store->indicators(level, {10000, 0});
  ASSERT_GT(timely.total, 0);
  for (const auto& i : timely.rows) EXPECT_EQ(i.level2, "时效指标");

  Filter qualitative;
  qualitative.qualitative_only = true;
  auto vague = store->indicators(qualitative, {10000, 0});
  ASSERT_GT(vague.total, 0);
  EXPECT_LT(vague.total, indicators);

  // Totals by department add up to each document's 合计 (the seeds' sums hold).
  for (const auto& t : store->totals(TotalsBy::Department, {})) {
    Filter dept;
    dept.department = t.key;
    auto d = store->documents(dept, {});
    ASSERT_EQ(d.total, 1) << t.key;
    if (!d.rows[0].total) continue;  // a per-project table prints no 合计
    EXPECT_EQ(t.amounts.total->to_string(), d.rows[0].total->to_string()) << t.key;
  }
  auto categories = store->totals(TotalsBy::Category, {});
  ASSERT_EQ(categories.size(), 3u);
  EXPECT_EQ(categories[0].key, "财政拨款");

  // History: a project's name finds every reading of it.
  auto some = store->projects({}, {1, 0}).rows.at(0);
  auto history = store->project_history(*some.name);
  ASSERT_GE(history.size(), 1u);
  for (const auto& h : history) EXPECT_EQ(*h.name, *some.name);

  auto best = store->rank_projects({}, false, {5, 0});
  auto worst = store->rank_projects({}, true, {5, 0});
  ASSERT_FALSE(best.rows.empty());
  EXPECT_GE(*best.rows.front().quality, *worst.rows.front().quality);
  for (std::size_t i = 1; i < best.rows.size(); ++i)
    EXPECT_GE(*best.rows[i - 1].quality, *best.rows[i].quality);
  auto departments = store->rank_departments({}, false);
  EXPECT_EQ(departments.size(), 5u);

  auto findings = store->findings({}, {1000, 0});
  ASSERT_GT(findings.total, 0);
  for (std::size_t i = 1; i < findings.rows.size(); ++i) {
    auto rank = [](const std::string& s) { return s == "error" ? 2 : s == "warning" ? 1 : 0; };
    EXPECT_GE(rank(findings.rows[i - 1].severity), rank(findings.rows[i].severity));
  }
}

// A bulk load (SQLite: indexes dropped, rows written bare, indexes and the
// substring indexes built at the end) answers every question as a store
// written row by row; so does a bulk load over a store that held rows
// already (every file read again), and the store has the same indexes.
TEST_P(StoreBackendTest, ABulkLoadAnswersAsARowByRowLoad) {
  testing::TestDatabase reference(GetParam());
  auto row_by_row = Store::open(reference.target());
  ASSERT_TRUE(ingest_paths(*row_by_row, {seeds_dir().string()}, false, BulkLoad::Never).failures.empty());
  auto store = open();
  // The index build is announced once, after every file, and only where a bulk load runs.
  std::vector<IngestProgress> seen;
  ASSERT_TRUE(ingest_paths(*store, {seeds_dir().string()}, false, BulkLoad::Always,
                           [&](const IngestProgress& p) { seen.push_back(p); })
                  .failures.empty());
  ASSERT_FALSE(seen.empty());
  const auto announced = std::count_if(seen.begin(), seen.end(), [](const auto& p) { return p.building_indexes; });
  EXPECT_EQ(announced, GetParam() == "sqlite" ? 1 : 0);
  if (announced == 1) {
    auto at = std::find_if(seen.begin(), seen.end(), [](const auto& p) { return p.building_indexes; });
    EXPECT_EQ(at->files_done, at->files_total);
  }
  EXPECT_FALSE(store->indexes_pending());
  const std::string expected = testing::answers(*row_by_row);
  EXPECT_NE(expected.find("findings: "), std::string::npos);
  testing::expect_same_answers(testing::answers(*store), expected);
  ASSERT_TRUE(ingest_paths(*store, {seeds_dir().string()}, true, BulkLoad::Always).failures.empty());
  testing::expect_same_answers(testing::answers(*store), expected);
  if (GetParam() != "sqlite") {
    EXPECT_FALSE(store->begin_bulk());  // PostgreSQL keeps its indexes
    return;
  }
  const std::string indexes = "SELECT name, sql FROM sqlite_master WHERE type = 'index' ORDER BY name";
  EXPECT_EQ(store->sql(indexes).rows, row_by_row->sql(indexes).rows);
  EXPECT_EQ(count_of(*store, "SELECT COUNT(*) FROM meta WHERE key LIKE 'pending_index:%'"), 0);
  // The fills' larger FTS5 hash is not left behind: row-by-row writing
  // afterwards flushes its terms as before.
  for (const char* fts : {"projects_fts", "indicators_fts", "indicators_qualitative_fts"}) {
    const std::string hashsize = std::string("SELECT COALESCE((SELECT v FROM ") + fts +
                                 "_config WHERE k = 'hashsize'), 1048576)";
    EXPECT_EQ(count_of(*store, hashsize), 1048576) << fts;
  }
}

// SQLite: while a bulk load's indexes are pending (it runs, or was killed),
// the store refuses to answer questions read-only, and the next open for
// writing builds them: the answers are then those of a store written row by row.
TEST_P(StoreBackendTest, PendingIndexesAreBuiltByTheNextWriterAndRefusedToReaders) {
  if (GetParam() != "sqlite") GTEST_SKIP() << "bulk loading is SQLite's";
  testing::TestDatabase reference(GetParam());
  auto row_by_row = Store::open(reference.target());
  ASSERT_TRUE(ingest_paths(*row_by_row, {seeds_dir().string()}, false, BulkLoad::Never).failures.empty());
  {
    auto store = open();
    ASSERT_TRUE(store->begin_bulk());
    EXPECT_TRUE(store->indexes_pending());
    const check::Checker checker;
    for (const auto& f : seed_files()) store->put_file(read_file(f, checker));
    EXPECT_GT(count_of(*store, "SELECT COUNT(*) FROM meta WHERE key LIKE 'pending_index:%'"), 3);
    EXPECT_EQ(count_of(*store, "SELECT COUNT(*) FROM sqlite_master WHERE name = 'projects_amounts'"), 0);
    // Not finished: as if the process had been killed here.
  }
  try {
    Store::open(target(), OpenMode::ReadOnly);
    ADD_FAILURE() << "a store with pending indexes opened read-only";
  } catch (const StoreError& e) {
    EXPECT_NE(std::string(e.what()).find("indexes are pending"), std::string::npos) << e.what();
  }
  open().reset();  // builds them
  auto store = open(OpenMode::ReadOnly);
  EXPECT_FALSE(store->indexes_pending());
  testing::expect_same_answers(testing::answers(*store), testing::answers(*row_by_row));
  const std::string indexes = "SELECT name, sql FROM sqlite_master WHERE type = 'index' ORDER BY name";
  EXPECT_EQ(store->sql(indexes).rows, row_by_row->sql(indexes).rows);
}

// SQLite: a bulk load writes through a rollback journal when no other
// connection has the store open (each appended page written once, no WAL to
// checkpoint), goes back to WAL at its end, and stays in WAL mode when
// another connection is open (a server started before it). Either way the
// store answers as one written row by row. The file header says the mode:
// bytes 18 and 19 are 2 in WAL mode, 1 with a rollback journal.
TEST_P(StoreBackendTest, ABulkLoadWritesThroughARollbackJournalUnlessTheStoreIsOpenElsewhere) {
  if (GetParam() != "sqlite") GTEST_SKIP() << "journal modes are SQLite's";
  testing::TestDatabase reference(GetParam());
  auto row_by_row = Store::open(reference.target());
  ASSERT_TRUE(ingest_paths(*row_by_row, {seeds_dir().string()}, false, BulkLoad::Never).failures.empty());
  const std::string expected = testing::answers(*row_by_row);
  auto header_mode = [&] {
    std::ifstream in(target(), std::ios::binary);
    char bytes[20] = {};
    in.read(bytes, sizeof bytes);
    return std::pair<int, int>(bytes[18], bytes[19]);
  };
  const std::string journal = target() + "-journal";
  const check::Checker checker;
  {
    auto store = open();
    EXPECT_EQ(header_mode(), std::pair(2, 2));
    ASSERT_TRUE(store->begin_bulk());
    EXPECT_EQ(header_mode(), std::pair(1, 1)) << "the bulk load did not leave WAL mode";
    store->begin_batch();
    for (const auto& f : seed_files()) store->put_file(read_file(f, checker));
    store->commit_batch();
    EXPECT_FALSE(std::filesystem::exists(target() + "-wal") &&
                 std::filesystem::file_size(target() + "-wal") > 0);
    store->finish_bulk();
    EXPECT_EQ(header_mode(), std::pair(2, 2)) << "the bulk load did not go back to WAL mode";
    EXPECT_FALSE(std::filesystem::exists(journal));
  }
  testing::expect_same_answers(testing::answers(*open(OpenMode::ReadOnly)), expected);

  // Another connection open (a reader, as a server holds): the load stays in WAL mode.
  for (const char* suffix : {"", "-wal", "-shm", "-journal"}) std::filesystem::remove(target() + suffix);
  open().reset();
  {
    auto reader = open(OpenMode::ReadOnly);
    auto store = open();
    ASSERT_TRUE(store->begin_bulk());
    EXPECT_EQ(header_mode(), std::pair(2, 2));
    store->begin_batch();
    for (const auto& f : seed_files()) store->put_file(read_file(f, checker));
    store->commit_batch();
    store->finish_bulk();
    EXPECT_EQ(header_mode(), std::pair(2, 2));
  }
  testing::expect_same_answers(testing::answers(*open(OpenMode::ReadOnly)), expected);
}

// SQLite: a writer killed while it wrote pages through a rollback journal
// leaves a hot journal, which a read-only open cannot roll back: it is
// refused with a message saying what to do, and the next open for writing
// rolls the journal back (the interrupted transaction leaves nothing).
TEST_P(StoreBackendTest, AHotJournalIsRefusedToReadersAndRolledBackByTheNextWriter) {
  if (GetParam() != "sqlite") GTEST_SKIP() << "journals are SQLite's";
  {
    auto store = open();
    ASSERT_TRUE(ingest_paths(*store, {seed_files()[0]}).failures.empty());
  }
  const std::int64_t documents = count_of(*open(OpenMode::ReadOnly), "SELECT COUNT(*) FROM documents");
  pid_t child = fork();
  ASSERT_GE(child, 0);
  if (child == 0) {
    // A transaction larger than a ten-page cache writes into the file before
    // its commit (after syncing the journal); the process dies before committing.
    sqlite3* db = nullptr;
    if (sqlite3_open(target().c_str(), &db) != SQLITE_OK) _exit(2);
    const char* sql =
        "PRAGMA journal_mode=TRUNCATE; PRAGMA cache_size=10; BEGIN IMMEDIATE; DELETE FROM documents; "
        "CREATE TABLE filler (x); WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < "
        "20000) INSERT INTO filler SELECT randomblob(200) FROM n;";
    _exit(sqlite3_exec(db, sql, nullptr, nullptr, nullptr) == SQLITE_OK ? 0 : 3);
  }
  int status = 0;
  waitpid(child, &status, 0);
  ASSERT_TRUE(WIFEXITED(status));
  ASSERT_EQ(WEXITSTATUS(status), 0);
  ASSERT_TRUE(std::filesystem::exists(target() + "-journal"));
  try {
    Store::open(target(), OpenMode::ReadOnly);
    ADD_FAILURE() << "a store with a hot journal opened read-only";
  } catch (const StoreError& e) {
    EXPECT_NE(std::string(e.what()).find("open the database for writing once"), std::string::npos) << e.what();
  }
  open().reset();  // rolls the journal back
  auto store = open(OpenMode::ReadOnly);
  EXPECT_EQ(count_of(*store, "SELECT COUNT(*) FROM documents"), documents);
  EXPECT_EQ(count_of(*store, "SELECT COUNT(*) FROM sqlite_master WHERE name = 'filler'"), 0);
}

// Totals and the department ranking read the sums each unit and document
// keeps of its projects (schema version 2); they must say what the project
// rows say, both as ingest writes them and as the migration from version 1
// fills them in.
TEST_P(StoreBackendTest, KeptSumsAgreeWithTheProjectsAndSurviveTheMigration) {
  std::map<std::string, std::pair<std::string, int>> by_department, by_unit;
  std::map<std::string, std::pair<long, long>> quality;  // department: sum, count
  auto expect_sums_of_projects = [&](Store& store) {
    for (const auto& t : store.totals(TotalsBy::Department, {})) {
      ASSERT_TRUE(by_department.count(t.key)) << t.key;
      EXPECT_EQ(t.amounts.total ? t.amounts.total->to_string() : "-", by_department[t.key].first) << t.key;
      EXPECT_EQ(t.projects, by_department[t.key].second) << t.key;
    }
    EXPECT_EQ(store.totals(TotalsBy::Department, {}).size(), by_department.size());
    for (const auto& t : store.totals(TotalsBy::Unit, {})) {
      ASSERT_TRUE(by_unit.count(t.key)) << t.key;
      EXPECT_EQ(t.amounts.total ? t.amounts.total->to_string() : "-", by_unit[t.key].first) << t.key;
      EXPECT_EQ(t.projects, by_unit[t.key].second) << t.key;
    }
    EXPECT_EQ(store.totals(TotalsBy::Unit, {}).size(), by_unit.size());
    for (const auto& d : store.rank_departments({}, false)) {
      auto [sum, n] = quality[d.department];
      EXPECT_EQ(d.projects, n) << d.department;
      EXPECT_EQ(d.quality, static_cast<int>(std::lround(static_cast<double>(sum) / n))) << d.department;
    }
  };
  {
    auto store = open();
    ASSERT_TRUE(ingest_paths(*store, {seeds_dir().string()}).failures.empty());
    auto all = store->projects({}, {10000, 0});
    ASSERT_GT(all.total, 0);
    // The page's keys are padded to a power of two with keys no row has: exactly the matches come back.
    ASSERT_EQ(static_cast<std::int64_t>(all.rows.size()), all.total);
    for (std::size_t i = 1; i < all.rows.size(); ++i)
      EXPECT_LT(std::pair(all.rows[i - 1].document_id, all.rows[i - 1].project_no),
                std::pair(all.rows[i].document_id, all.rows[i].project_no));
    auto three = store->indicators({}, {3, 1});
    ASSERT_EQ(three.rows.size(), 3u);
    EXPECT_EQ(three.rows[0].indicator_no, store->indicators({}, {1, 1}).rows.at(0).indicator_no);
    for (const auto& p : all.rows) {
      for (auto* group : {&by_department[p.department.value_or("")], &by_unit[p.unit]}) {
        if (p.amounts.total)
          group->first = group->first.empty() || group->first == "-"
                             ? p.amounts.total->to_string()
                             : (Decimal::parse(group->first).value() + *p.amounts.total).to_string();
        else if (group->first.empty())
          group->first = "-";
        ++group->second;
      }
      if (p.quality) {
        quality[p.department.value_or("")].first += *p.quality;
        ++quality[p.department.value_or("")].second;
      }
    }
    expect_sums_of_projects(*store);
    // Past the window of keys read in one pass, the count and the page come the other way.
    auto far = store->projects({}, {5, 9999});
    EXPECT_EQ(far.total, all.total);
  }
  // Back to version 1: the kept sums and the narrow indexes were not there.
  const std::string downgrade =
      "ALTER TABLE units DROP COLUMN projects; ALTER TABLE units DROP COLUMN projects_total_cents; "
      "ALTER TABLE units DROP COLUMN projects_fiscal_cents; ALTER TABLE units DROP COLUMN "
      "projects_special_cents; "
      "ALTER TABLE units DROP COLUMN projects_other_cents; "
      "ALTER TABLE documents DROP COLUMN projects_total_cents; ALTER TABLE documents DROP COLUMN "
      "projects_fiscal_cents; ALTER TABLE documents DROP COLUMN projects_special_cents; "
      "ALTER TABLE documents DROP COLUMN projects_other_cents; ALTER TABLE documents DROP COLUMN "
      "scored_projects; ALTER TABLE documents DROP COLUMN quality_sum; ALTER TABLE documents DROP COLUMN "
      "quality_min; DROP TABLE IF EXISTS projects_fts; DROP TABLE IF EXISTS indicators_fts; DROP INDEX IF "
      "EXISTS indicators_text; "
      "DROP TABLE IF EXISTS indicators_qualitative_fts; "
      // The earliest version-1 files had no qualitative index: the upgrade must not need it.
      "DROP INDEX IF EXISTS indicators_qualitative; " +
      std::string(kFindingsBackToVersion4) + "UPDATE meta SET value = '1' WHERE key = 'schema_version';";
  downgrade_store(GetParam(), target(), downgrade);
  EXPECT_THROW(open(OpenMode::ReadOnly), StoreError);  // an old schema is upgraded only by a writer
  auto store = open();
  EXPECT_EQ(store->schema_version(), kSchemaVersion);
  expect_sums_of_projects(*store);
}

// Version 3 to 4: the qualitative targets' substring index (SQLite) is
// filled from the stored rows, so a text search among them finds what it
// found before; PostgreSQL only moves the version.
TEST_P(StoreBackendTest, AVersion3StoreIsUpgraded) {
  Filter f;
  f.text = "满意";
  f.qualitative_only = true;
  std::int64_t before = 0;
  {
    auto store = open();
    ASSERT_TRUE(ingest_paths(*store, {seeds_dir().string()}).failures.empty());
    before = store->indicators(f, {10000, 0}).total;
  }
  const std::string downgrade =
      std::string(GetParam() == "sqlite" ? "DROP TABLE indicators_qualitative_fts; " : "") +
      kFindingsBackToVersion4 + "UPDATE meta SET value = '3' WHERE key = 'schema_version';";
  downgrade_store(GetParam(), target(), downgrade);
  EXPECT_THROW(open(OpenMode::ReadOnly), StoreError);
  auto store = open();
  EXPECT_EQ(store->schema_version(), kSchemaVersion);
  EXPECT_EQ(store->indicators(f, {10000, 0}).total, before);
  Filter all = f;
  all.qualitative_only = false;
  EXPECT_LE(before, store->indicators(all, {10000, 0}).total);
}

// Version 5: a finding's messages and fixes live once per distinct text
// (finding_texts) and the findings view joins them back. An upgraded store
// and a fresh ingest read the same rows as the version-4 table held, and
// texts are shared, not copied, when the same files come again.
TEST_P(StoreBackendTest, AVersion4StoreIsUpgradedAndFindingTextsAreShared) {
  std::vector<std::vector<std::optional<std::string>>> before;
  {
    auto store = open();
    ASSERT_TRUE(ingest_paths(*store, {seeds_dir().string()}).failures.empty());
    before = findings_rows(*store);
    ASSERT_GT(before.size(), 0u);
    const std::int64_t texts = count_of(*store, "SELECT COUNT(*) FROM finding_texts");
    EXPECT_GT(texts, 0);
    EXPECT_LT(texts, static_cast<std::int64_t>(before.size()));  // the seeds repeat texts
    EXPECT_EQ(texts, count_of(*store,
                              "SELECT COUNT(*) FROM (SELECT DISTINCT message_zh, message_en, fix_zh, fix_en "
                              "FROM findings) d"));
    // Read again from the same bytes: every text is found, none stored twice
    // (the documents get new ids: compared without them, in any order).
    ASSERT_TRUE(ingest_paths(*store, {seeds_dir().string()}, true).failures.empty());
    auto without_ids = [](std::vector<std::vector<std::optional<std::string>>> rows) {
      for (auto& r : rows) r[0].reset();
      std::sort(rows.begin(), rows.end());
      return rows;
    };
    auto again = findings_rows(*store);
    EXPECT_EQ(without_ids(again), without_ids(before));
    EXPECT_EQ(count_of(*store, "SELECT COUNT(*) FROM finding_texts"), texts);
    before = findings_rows(*store);
  }
  const std::string downgrade =
      std::string(kFindingsBackToVersion4) + "UPDATE meta SET value = '4' WHERE key = 'schema_version';";
  downgrade_store(GetParam(), target(), downgrade);
  EXPECT_THROW(open(OpenMode::ReadOnly), StoreError);
  auto store = open();
  EXPECT_EQ(store->schema_version(), kSchemaVersion);
  EXPECT_EQ(findings_rows(*store), before);
  EXPECT_EQ(
      count_of(*store, "SELECT COUNT(*) FROM finding_texts"),
      count_of(
          *store,
          "SELECT COUNT(*) FROM (SELECT DISTINCT message_zh, message_en, fix_zh, fix_en FROM findings) d"));
  EXPECT_EQ(count_of(*store, "SELECT COUNT(*) FROM findings WHERE message_zh IS NULL"), 0);
}

// A rolled-back batch takes its new texts with it: the store must not keep
// their ids for the files that follow (their findings would lose their words).
TEST_P(StoreBackendTest, FindingTextsOfARolledBackBatchAreStoredAgain) {
  auto store = open();
  check::Checker checker;
  const FileReading reading = read_file(seed_files()[0], checker);
  ASSERT_TRUE(reading.ok()) << reading.error;
  store->begin_batch();
  store->put_file(reading);
  store->rollback_batch();
  EXPECT_EQ(count_of(*store, "SELECT COUNT(*) FROM finding_texts"), 0);
  store->put_file(reading);
  EXPECT_GT(store->findings({}, {}).total, 0);
  EXPECT_EQ(count_of(*store, "SELECT COUNT(*) FROM findings WHERE message_zh IS NULL OR message_en IS NULL"),
            0);
}

TEST_P(StoreBackendTest, SqlReadsButNeverWrites) {
  {
    auto store = open();
    ASSERT_TRUE(ingest_paths(*store, {seed_files()[0]}).failures.empty());
  }
  auto store = open(OpenMode::ReadOnly);
  auto r = store->sql("SELECT COUNT(*) AS n FROM documents");
  ASSERT_EQ(r.columns, std::vector<std::string>{"n"});
  EXPECT_EQ(r.rows.at(0).at(0), "1");
  EXPECT_THROW(store->sql("DELETE FROM documents"), StoreError);
  EXPECT_THROW(store->sql("SELECT 1; DELETE FROM documents"), StoreError);
  EXPECT_THROW(store->sql("DROP TABLE findings"), StoreError);
  EXPECT_EQ(store->sql("SELECT COUNT(*) FROM documents").rows.at(0).at(0), "1");
}

// Page size is fixed when SQLite writes a file's header: a new store gets
// 8 KB pages (sqlite_connection.cpp), one made with another size keeps it
// and goes on working.
TEST_P(StoreBackendTest, ANewSqliteStoreHasEightKilobytePagesAndAnOldOneKeepsItsOwn) {
  if (GetParam() != "sqlite") GTEST_SKIP() << "page size is SQLite's";
  auto page_size = [&] {
    sqlite3* db = nullptr;
    EXPECT_EQ(sqlite3_open(target().c_str(), &db), SQLITE_OK);
    sqlite3_stmt* stmt = nullptr;
    sqlite3_prepare_v2(db, "PRAGMA page_size", -1, &stmt, nullptr);
    sqlite3_step(stmt);
    const int size = sqlite3_column_int(stmt, 0);
    sqlite3_finalize(stmt);
    sqlite3_close(db);
    return size;
  };
  open();
  EXPECT_EQ(page_size(), 8192);

  std::filesystem::remove(target());
  {
    sqlite3* db = nullptr;
    ASSERT_EQ(sqlite3_open(target().c_str(), &db), SQLITE_OK);
    ASSERT_EQ(sqlite3_exec(db, "PRAGMA page_size=4096; CREATE TABLE t (x); DROP TABLE t;", nullptr, nullptr,
                           nullptr),
              SQLITE_OK);
    sqlite3_close(db);
  }
  {
    auto store = open();
    ASSERT_TRUE(ingest_paths(*store, {seed_files()[0]}).failures.empty());
  }
  EXPECT_EQ(page_size(), 4096);
  EXPECT_EQ(open(OpenMode::ReadOnly)->sql("SELECT COUNT(*) FROM documents").rows.at(0).at(0), "1");
}

TEST_P(StoreBackendTest, ANewerSchemaIsRefused) {
  open();  // creates version kSchemaVersion
  if (GetParam() == "sqlite") {
    sqlite3* db = nullptr;
    ASSERT_EQ(sqlite3_open(target().c_str(), &db), SQLITE_OK);
    ASSERT_EQ(sqlite3_exec(db, "UPDATE meta SET value = '99' WHERE key = 'schema_version'", nullptr, nullptr,
                           nullptr),
              SQLITE_OK);
    sqlite3_close(db);
  } else {
    testing::pg_exec(target(), "UPDATE meta SET value = '99' WHERE key = 'schema_version'");
  }
  try {
    open();
    FAIL() << "a database of schema version 99 was opened";
  } catch (const StoreError& e) {
    EXPECT_NE(std::string(e.what()).find("newer"), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find("99"), std::string::npos) << e.what();
  }
}

TEST_P(StoreBackendTest, ExportedJsonLinesReimportAsTheSameModel) {
  auto store = open();
  ASSERT_TRUE(ingest_paths(*store, {seeds_dir().string()}).failures.empty());
  fs::path out = scratch() / "export.jsonl";
  {
    std::ofstream f(out, std::ios::binary);
    EXPECT_EQ(export_jsonl(*store, f), 5u);
  }
  testing::TestDatabase second(GetParam());
  auto copy = Store::open(second.target());
  IngestSummary s = ingest_paths(*copy, {out.string()});
  ASSERT_TRUE(s.failures.empty()) << s.failures[0].error;
  EXPECT_EQ(s.counts.documents, 5u);
  auto a = store->document_ids(), b = copy->document_ids();
  ASSERT_EQ(a.size(), b.size());
  for (std::size_t i = 0; i < a.size(); ++i) {
    EXPECT_EQ(model_text(*store->load_document(a[i])), model_text(*copy->load_document(b[i])));
  }
  // The findings and scores are made again from the same model: the same.
  EXPECT_EQ(store->findings({}, {}).total, copy->findings({}, {}).total);
}

TEST_P(StoreBackendTest, CsvAndXlsxExportsHoldEveryTable) {
  auto store = open();
  ASSERT_TRUE(ingest_paths(*store, {seeds_dir().string()}).failures.empty());
  fs::path dir = scratch() / "csv";
  EXPECT_GT(export_csv(*store, dir.string()), 0u);
  for (const auto& table : kTables) {
    std::string text = slurp(dir / (table + ".csv"));
    ASSERT_GE(text.size(), 3u) << table;
    EXPECT_EQ(text.substr(0, 3), "\xEF\xBB\xBF") << table;
  }
  std::string projects = slurp(dir / "projects.csv");
  EXPECT_NE(projects.find(",total,"), std::string::npos);
  EXPECT_EQ(projects.find("total_cents"), std::string::npos);
  std::string documents = slurp(dir / "documents.csv");
  EXPECT_NE(documents.find("2376.02"), std::string::npos);  // seed 000's 合计, exact

  fs::path xlsx = scratch() / "out.xlsx";
  EXPECT_GT(export_xlsx(*store, xlsx.string()), 0u);
  EXPECT_EQ(slurp(xlsx).substr(0, 2), "PK");
}

// A finding's related places are stored as nlohmann's compact JSON of them
// (keys in order, non-ASCII as it is, invalid UTF-8 replaced by U+FFFD),
// which the store writes directly for plain names: the same bytes for every
// kind of name, plain or not.
TEST_P(StoreBackendTest, RelatedPlacesAreStoredAsTheirJson) {
  auto store = open();
  ASSERT_TRUE(ingest_paths(*store, {seed_files()[0]}).failures.empty());
  const auto id = store->document_ids().at(0);
  const std::vector<std::string> names = {"",
                                          "培训人次",
                                          "a \"quoted\" name",
                                          "back\\slash",
                                          "line\nbreak",
                                          "tab\tbell\x07",
                                          "del\x7f/slash",
                                          "bad \xff byte",
                                          "cut \xe4\xb8",
                                          "surrogate \xed\xa0\x80",
                                          "overlong \xc0\xaf",
                                          "four \xf0\x9f\x98\x80 bytes"};
  std::vector<check::Finding> findings;
  std::vector<std::string> expected;
  for (std::size_t k = 0; k < names.size(); ++k) {
    check::Finding f = check::plain_finding("consistency.boilerplate", Severity::Notice, "同", "same");
    nlohmann::json want = nlohmann::json::array();
    for (int r = 0; r < 3; ++r) {
      check::Location l;
      l.unit = r - 1;
      l.project = static_cast<int>(k) * 10 + r;
      l.indicator = r == 2 ? -1 : r;
      l.unit_name = r == 0 ? names[k] : names[(k + 1) % names.size()];
      l.project_name = names[(k + static_cast<std::size_t>(r)) % names.size()];
      l.indicator_name = r == 1 ? std::string_view(names[k]) : std::string_view("指标");
      want.push_back({{"unit", l.unit},
                      {"project", l.project},
                      {"indicator", l.indicator},
                      {"unit_name", std::string(l.unit_name)},
                      {"project_name", std::string(l.project_name)},
                      {"indicator_name", std::string(l.indicator_name)}});
      f.related.push_back(l);
    }
    expected.push_back(want.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
    findings.push_back(std::move(f));
  }
  store->put_review(id, findings, check::DocumentScore{});
  const auto rows = store->sql("SELECT related FROM finding_rows ORDER BY finding_no").rows;
  ASSERT_EQ(rows.size(), expected.size());
  for (std::size_t k = 0; k < rows.size(); ++k) EXPECT_EQ(rows[k][0], expected[k]) << names[k];
}

TEST_P(StoreBackendTest, AReviewReplacesTheStoredFindings) {
  auto store = open();
  ASSERT_TRUE(ingest_paths(*store, {seed_files()[0]}).failures.empty());
  const auto id = store->document_ids().at(0);
  ASSERT_GT(store->findings({}, {}).total, 0);
  check::DocumentScore none;
  store->put_review(id, {}, none);
  EXPECT_EQ(store->findings({}, {}).total, 0);
  EXPECT_FALSE(store->documents({}, {}).rows.at(0).quality);

  auto doc = store->load_document(id);
  auto review = check::Checker().review(*doc);
  store->put_review(id, review.findings, review.score);
  EXPECT_EQ(store->findings({}, {}).total, static_cast<std::int64_t>(review.findings.size()));
  EXPECT_EQ(store->documents({}, {}).rows.at(0).quality, review.score.mean);
}

INSTANTIATE_TEST_SUITE_P(Backends, StoreBackendTest, ::testing::Values("sqlite", "postgresql"),
                         testing::backend_name);

TEST(StoreAmounts, MoreThanTwoPlacesIsRefusedNotRounded) {
  Document doc;
  Unit u;
  u.name = "单位";
  Project p;
  p.name = "项目";
  p.amounts.total = Decimal::parse("1.005");
  u.projects.push_back(p);
  doc.units.push_back(u);
  EXPECT_NE(storable(doc).find("1.005"), std::string::npos);
  doc.units[0].projects[0].amounts.total = Decimal::parse("1.500");
  EXPECT_EQ(storable(doc), "");
}

// SQLite writes rows several to a statement (16 or 4, then one by one):
// every row lands, in order, whatever the count; a row that breaks a
// constraint fails the call, and rolling back leaves none of them.
TEST(SqliteInsertRows, EveryRowLandsAndAFailingRowFailsTheCall) {
  const fs::path path = fs::temp_directory_path() / ("jixiao_insert_rows_" + std::to_string(::getpid()) + ".db");
  for (const char* suffix : {"", "-wal", "-shm", "-journal"}) fs::remove(path.string() + suffix);
  {
    auto db = open_sqlite(path.string(), OpenMode::ReadWrite, false);
    db->exec_script("CREATE TABLE t (k INTEGER PRIMARY KEY, v TEXT NOT NULL);");
    const std::vector<std::string_view> columns = {"k", "v"};
    std::vector<std::string> texts;
    for (int i = 0; i < 40; ++i) texts.push_back("row " + std::to_string(i));
    for (const int n : {1, 3, 4, 5, 16, 17, 23, 40}) {
      db->exec_script("DELETE FROM t;");
      std::vector<Value> values;
      for (int i = 0; i < n; ++i) values.insert(values.end(), {Value(i), Value(texts[i])});
      db->insert_rows("t", columns, values);
      const auto rows = db->query("SELECT k, v FROM t ORDER BY k");
      ASSERT_EQ(rows.size(), static_cast<std::size_t>(n));
      for (int i = 0; i < n; ++i) {
        EXPECT_EQ(rows[i][0], std::to_string(i));
        EXPECT_EQ(rows[i][1], texts[i]);
      }
    }
    db->exec_script("DELETE FROM t;");
    for (const int bad : {0, 9, 18, 21}) {  // in a chunk of 16, of 4, and one alone
      std::vector<Value> values;
      for (int i = 0; i < 22; ++i) values.insert(values.end(), {Value(i), i == bad ? Value() : Value(texts[i])});
      db->begin();
      EXPECT_THROW(db->insert_rows("t", columns, values), StoreError) << bad;
      db->rollback();
      EXPECT_EQ(db->query("SELECT COUNT(*) FROM t").at(0).at(0), "0") << bad;
    }
    // NULLs are not bound where the statement holds NULL already: a NULL
    // after a value in the same place (the chunk before, the call before,
    // a failed call before) must still land as NULL, and a value after a NULL as itself.
    db->exec_script("CREATE TABLE u (k INTEGER PRIMARY KEY, a TEXT, b INTEGER);");
    const std::vector<std::string_view> u_columns = {"k", "a", "b"};
    auto pattern = [&](int call, int i) { return (i * 7 + call * 3) % 5 < 2; };  // true: NULLs
    std::vector<std::vector<Value>> calls;
    for (int call = 0; call < 4; ++call) {
      std::vector<Value> values;
      for (int i = 0; i < 37; ++i) {
        const bool null = pattern(call, i);
        values.insert(values.end(),
                      {Value(call * 100 + i), null ? Value() : Value(texts[i]), null ? Value(i) : Value()});
      }
      db->insert_rows("u", u_columns, values);
      // A call that fails after binding values leaves none of them behind.
      std::vector<Value> failing = values;
      failing[0] = Value(call * 100);  // the first row's key again: the chunk of 16 fails
      EXPECT_THROW(db->insert_rows("u", u_columns, failing), StoreError);
    }
    const auto rows = db->query("SELECT k, a, b FROM u ORDER BY k");
    ASSERT_EQ(rows.size(), 4u * 37);
    for (const auto& row : rows) {
      const int k = std::stoi(*row[0]), call = k / 100, i = k % 100;
      if (pattern(call, i)) {
        EXPECT_FALSE(row[1]) << k;
        EXPECT_EQ(row[2], std::to_string(i)) << k;
      } else {
        EXPECT_EQ(row[1], texts[i]) << k;
        EXPECT_FALSE(row[2]) << k;
      }
    }
  }
  for (const char* suffix : {"", "-wal", "-shm", "-journal"}) fs::remove(path.string() + suffix);
}

}  // namespace
}  // namespace jixiao::store
