// `check --jsonl`: the jixiao-check/1 report as JSON Lines carries exactly
// what `check --json` carries. Each test rebuilds the --json report from the
// lines (documents in order, corpus findings appended to the document they
// name, their counts added) and compares the two as parsed JSON, so a
// finding, score or summary member lost or changed on either side fails it.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "check/report.hpp"
#include "check/score.hpp"
#include "check/test_builders.hpp"
#include "test_support.hpp"

namespace jixiao::check::testing {
namespace {

using jixiao::testing::run_command;
using jixiao::testing::test_data;
using ojson = nlohmann::ordered_json;

// NOLINTNEXTLINE(bugprone-exception-escape): a json member's implicit moves and destructor may throw
struct Rebuilt {
  ojson report;
  std::vector<std::string> kinds;  // each line's "line", in order
  int corpus_lines = 0;
};

// The --json report the lines stand for; a line that breaks the documented
// order or names no document added before fails the test.
void rebuild(const std::string& lines, Rebuilt& r) {
  r = {};
  ojson documents = ojson::array(), summary;
  std::istringstream in(lines);
  std::string line;
  while (std::getline(in, line)) {
    ojson o = ojson::parse(line);
    EXPECT_EQ(o.begin().key(), "line") << "the kind is the first member: " << line.substr(0, 80);
    const std::string kind = o["line"];
    r.kinds.push_back(kind);
    o.erase("line");
    if (kind == "head") {
      EXPECT_EQ(r.kinds.size(), 1u);
      r.report["format"] = o["format"];
      r.report["policy"] = o["policy"];
    } else if (kind == "document") {
      EXPECT_EQ(o["document"], documents.size());
      o.erase("document");
      documents.push_back(std::move(o));
    } else if (kind == "corpus") {
      const std::size_t i = o["document"];
      if (i >= documents.size()) {
        ADD_FAILURE() << "a corpus line names document " << i << " of " << documents.size();
        continue;
      }
      ojson& d = documents[i];
      EXPECT_EQ(o["path"], d["path"]);
      const ojson& f = o["finding"];
      d["counts"][f["severity"].get<std::string>()] =
          d["counts"][f["severity"].get<std::string>()].get<int>() + 1;
      d["findings"].push_back(f);
      ++r.corpus_lines;
    } else if (kind == "summary") {
      summary = std::move(o);
    } else {
      ADD_FAILURE() << "unknown line kind " << kind;
    }
  }
  EXPECT_FALSE(r.kinds.empty());
  if (!r.kinds.empty()) EXPECT_EQ(r.kinds.back(), "summary");
  r.report["documents"] = std::move(documents);
  r.report["summary"] = std::move(summary);
}

// The lines as they would be written for `docs`, with `late` (document,
// finding) after them.
std::string lines_of(const std::vector<CheckedDocument>& docs,
                     const std::vector<std::pair<std::size_t, Finding>>& late, const std::string& policy) {
  std::ostringstream out;
  JsonLinesReport lines(out, policy);
  for (const CheckedDocument& d : docs) lines.add(d);
  for (const auto& [i, f] : late) lines.add_late(i, f);
  lines.finish();
  return out.str();
}

TEST(CheckJsonLines, CarryWhatTheJsonReportCarries) {
  // Every kind of value: findings at each level, related places in another
  // table, fixes and differences, an unreadable input, text that needs
  // escaping (and bytes that are not UTF-8), an empty project list.
  Project p = good_project("甲\"引号\"\\");
  p.indicators.push_back(ind("效益指标", "社会效益指标", "司法公正性水平\t", "提升"));
  p.indicators[0].annual_target = parse_target("≧12次");
  Document d = document({p, good_project("乙")});
  CheckedDocument r = checked(d, "t\x01.txt");
  Finding corpus = corpus_goal_finding(Severity::Warning);
  CheckedDocument bad = unreadable_document();
  CheckedDocument empty;
  empty.path = "empty.txt";
  ASSERT_GE(r.findings.size(), 2u);

  const std::vector<CheckedDocument> docs{r, bad, empty, r};
  const std::vector<std::pair<std::size_t, Finding>> late{{3, corpus}, {0, corpus}, {3, corpus}};
  JsonReportBuilder builder("dept.policy");
  for (const CheckedDocument& x : docs) builder.add(x);
  for (const auto& [i, f] : late) builder.add_late(i, f);
  std::ostringstream json;
  builder.write(json);

  Rebuilt lines;
  rebuild(lines_of(docs, late, "dept.policy"), lines);
  EXPECT_EQ(lines.report, ojson::parse(json.str()));
  EXPECT_EQ(lines.corpus_lines, 3);
  EXPECT_EQ(lines.kinds.size(), 1u + docs.size() + late.size() + 1u);

  // No document: a head and a summary.
  Rebuilt none;
  rebuild(lines_of({}, {}, "default"), none);
  EXPECT_EQ(none.kinds, (std::vector<std::string>{"head", "summary"}));
  EXPECT_EQ(none.report, json_report({}, "default"));
}

TEST(CheckJsonLines, AMessageSaidAgainIsWrittenTheSame) {
  // The writer formats a message once per form and texts and copies it
  // after: the same finding twice, and a finding whose texts differ, each
  // come out as the tree says them.
  Project p = good_project("甲");
  p.indicators.push_back(ind("效益指标", "社会效益指标", "司法公正性水平", "提升"));
  Project q = good_project("乙");
  q.indicators.push_back(ind("效益指标", "社会效益指标", "群众满意水平", "提高"));
  Document d = document({p, q});
  CheckedDocument r = checked(d, "t.txt");
  ASSERT_FALSE(r.findings.empty());
  std::vector<CheckedDocument> docs{r, r};
  docs[1].findings.push_back(plain_finding("consist.x", Severity::Notice, "说\"一\"", "says one"));
  docs[1].findings.push_back(plain_finding("consist.x", Severity::Notice, "说\"一\"", "says one"));
  docs[1].findings.push_back(plain_finding("consist.x", Severity::Notice, "说二", "says two"));
  Rebuilt lines;
  rebuild(lines_of(docs, {}, "default"), lines);
  EXPECT_EQ(lines.report, json_report(docs, "default"));
}

TEST(CheckJsonLines, APlacesNamesAreTheScoresOnlyWhenTheTextIsTheSame) {
  // The writer copies a unit's and a project's name as its score wrote them
  // when a place names the same unit and project with the same text: a
  // place whose names are not its indexes' (or whose indexes the score does
  // not list) is written as it is, and so is one of another document.
  Project p = good_project("甲\"引号\"");
  Project q = good_project("乙\\");
  Document d = document({p, q});
  Unit second = d.units[0];
  second.name = "第二\t单位";
  second.projects = {good_project("丙"), good_project("丁")};
  d.units.push_back(second);
  CheckedDocument r = checked(d, "t.txt");
  ASSERT_EQ(r.score.projects.size(), 4u);
  auto at = [](int u, int p, std::string_view unit_name, std::string_view project_name) {
    Finding f = plain_finding("consist.x", Severity::Notice, "说", "says");
    f.where.unit = u;
    f.where.project = p;
    f.where.unit_name = unit_name;
    f.where.project_name = project_name;
    return f;
  };
  std::vector<CheckedDocument> docs{r, r};
  std::vector<Finding>& found = docs[1].findings;
  found.push_back(at(1, 1, "第二\t单位", "丁"));           // the score's names
  found.push_back(at(1, 1, "别的单位", "别的项目"));        // other names at the same place
  found.push_back(at(0, 1, "第二\t单位", "丁"));           // another place's names
  found.push_back(at(1, 2, "第二\t单位", "丁"));           // a project the score does not list
  found.push_back(at(7, 0, "不在表中", "甲\"引号\""));  // nor a unit
  Finding related = at(0, 0, d.units[0].name, "甲\"引号\"");
  related.related.push_back(at(1, 0, "第二\t单位", "丙").where);
  related.related.push_back(at(1, 0, "第二\t单位", "不是丙").where);
  related.related.push_back(at(0, 1, d.units[0].name, "乙\\").where);
  found.push_back(related);
  const std::vector<std::pair<std::size_t, Finding>> late{{1, at(1, 1, "第二\t单位", "丁")}};
  Rebuilt lines;
  const std::string text = lines_of(docs, late, "default");
  rebuild(text, lines);
  JsonReportBuilder builder("default");
  for (const CheckedDocument& x : docs) builder.add(x);
  for (const auto& [i, f] : late) builder.add_late(i, f);
  std::ostringstream json;
  builder.write(json);
  EXPECT_EQ(lines.report, ojson::parse(json.str()));
  EXPECT_NE(text.find("\"unit_name\":\"别的单位\",\"project\":1,\"project_name\":\"别的项目\""), std::string::npos);
  EXPECT_NE(text.find("\"project\":0,\"project_name\":\"不是丙\""), std::string::npos);
}

// The command: --json and --jsonl over the same files say the same, and
// --fail-on reads the lines' findings (corpus ones too).
void check_both(const std::string& files, ojson& json, Rebuilt& lines) {
  const std::string bin = JIXIAO_BINARY;
  int status = 0;
  json = ojson::parse(run_command(bin + " check --json " + files + " 2>/dev/null", &status));
  const int json_status = status;
  rebuild(run_command(bin + " check --jsonl " + files + " 2>/dev/null", &status), lines);
  EXPECT_EQ(status, json_status);
}

TEST(CheckJsonLines, TheCommandsLinesAreItsJsonReport) {
  const std::filesystem::path seeds = test_data() / "corpus" / "seeds";
  std::string files;
  for (const auto& e : std::filesystem::directory_iterator(seeds)) files += " " + e.path().string();
  files += " /nonexistent/table.txt";  // an unreadable document, in its place
  ojson json;
  Rebuilt lines;
  check_both(files, json, lines);
  EXPECT_EQ(lines.report, json);
  EXPECT_EQ(json["documents"].size(), 6u);

  // A generated corpus, where tables share goals across departments: the
  // corpus findings come after the documents and land where --json lists them.
  const std::filesystem::path dir = std::filesystem::temp_directory_path() / "jixiao_check_lines_test";
  std::filesystem::remove_all(dir);
  int status = 0;
  run_command(std::string(JIXIAO_BINARY) + " synth --docs 40 --seed 5 --layout mixed --no-gold --to " +
                  dir.string() + " >/dev/null 2>&1",
              &status);
  ASSERT_EQ(status, 0);
  std::vector<std::string> generated;
  for (const auto& e : std::filesystem::directory_iterator(dir)) generated.push_back(e.path().string());
  std::sort(generated.begin(), generated.end());
  files.clear();
  for (const std::string& f : generated) files += " " + f;
  check_both(files, json, lines);
  EXPECT_EQ(lines.report, json);
  EXPECT_GE(lines.corpus_lines, 1);
  EXPECT_EQ(json["documents"].size(), 40u);

  // A database's documents (check --db): the summary ends with the
  // departments ranked, as in --json.
  const std::string db = (dir / "lines.db").string();
  run_command(std::string(JIXIAO_BINARY) + " ingest " + seeds.string() + " --db " + db + " >/dev/null 2>&1",
              &status);
  ASSERT_EQ(status, 0);
  check_both("--db " + db, json, lines);
  EXPECT_EQ(lines.report, json);
  EXPECT_TRUE(json["summary"].contains("departments"));
  std::filesystem::remove_all(dir);
}

int exit_status(const std::string& args) {
  const std::string cmd = std::string(JIXIAO_BINARY) + " check " + args + " > /dev/null 2>&1";
  const int status = std::system(cmd.c_str());
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

TEST(CheckJsonLines, FailOnWorksWithTheLines) {
  const std::string seed003 = (test_data() / "corpus" / "seeds" / "003_6b1ff0f4850c688f.txt").string();
  EXPECT_EQ(exit_status(seed003 + " --jsonl"), 0);
  EXPECT_EQ(exit_status(seed003 + " --jsonl --fail-on warning"), 1);  // 003 has warnings but no error
  EXPECT_EQ(exit_status(seed003 + " --jsonl --fail-on error"), 0);
  EXPECT_EQ(exit_status(seed003 + " /nonexistent/table.txt --jsonl --fail-on warning"), 2);
  EXPECT_EQ(exit_status(seed003 + " --jsonl --json"), exit_status("--json --jsonl " + seed003));
  EXPECT_NE(exit_status(seed003 + " --jsonl --json"), 0);  // one report form at a time
}

}  // namespace
}  // namespace jixiao::check::testing
