// `jixiao check` on the five seeds: exactly the findings a careful reviewer
// lists (tests/check/expected_findings.tsv), no noise and nothing missing;
// a broken sum must fire; and the command's exit status follows --fail-on.
#include <gtest/gtest.h>
#include <sys/wait.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <set>
#include <string>
#include <tuple>
#include <vector>

#include "check/report.hpp"
#include "check/rules.hpp"
#include "check/score.hpp"
#include "test_support.hpp"

namespace jixiao::testing {
namespace {

using Row = std::tuple<std::string, std::string, std::string>;  // rule, project, indicator

std::map<std::string, std::vector<Row>> expected_findings() {
  std::map<std::string, std::vector<Row>> out;
  std::istringstream in(slurp(test_data() / "check" / "expected_findings.tsv"));
  bool header = true;
  for (std::string line; std::getline(in, line);) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty() || line[0] == '#') continue;
    if (header) {  // the column names
      header = false;
      continue;
    }
    std::vector<std::string> f;
    std::size_t start = 0;
    for (;;) {
      std::size_t tab = line.find('\t', start);
      f.push_back(line.substr(start, tab == std::string::npos ? std::string::npos : tab - start));
      if (tab == std::string::npos) break;
      start = tab + 1;
    }
    f.resize(4);  // editors drop trailing empty fields
    out[f[0]].emplace_back(f[1], f[2], f[3]);
  }
  return out;
}

std::vector<Row> rows_of(const std::vector<check::Finding>& findings) {
  std::vector<Row> rows;
  for (const auto& f : findings) rows.emplace_back(f.rule, f.where.project_name, f.where.indicator_name);
  return rows;
}

std::string describe(const std::vector<Row>& rows) {
  std::string out;
  for (const auto& [rule, project, indicator] : rows)
    out += "\n    " + rule + "\t" + project + "\t" + indicator;
  return out;
}

TEST(CheckSeeds, FindingsEqualTheReviewersList) {
  auto expected = expected_findings();
  auto all = seeds();
  ASSERT_EQ(all.size(), 5u);
  std::set<std::string> stems;
  for (const Seed& s : all) {
    stems.insert(s.stem);
    Document doc = parse_text(s.text, s.stem);
    std::vector<Row> got = rows_of(check::check_document(doc));
    std::vector<Row> want = expected[s.stem];
    std::sort(got.begin(), got.end());
    std::sort(want.begin(), want.end());
    std::vector<Row> missing, unexpected;
    std::set_difference(want.begin(), want.end(), got.begin(), got.end(), std::back_inserter(missing));
    std::set_difference(got.begin(), got.end(), want.begin(), want.end(), std::back_inserter(unexpected));
    EXPECT_TRUE(missing.empty() && unexpected.empty())
        << s.stem << ":\n  missing (expected, not found):" << describe(missing)
        << "\n  unexpected (found, not expected):" << describe(unexpected);
  }
  for (const auto& [stem, rows] : expected)
    EXPECT_TRUE(stems.count(stem)) << "fixture names an unknown seed " << stem;
}

TEST(CheckSeeds, TheSeedsSumsHold) {
  for (const Seed& s : seeds()) {
    const Document doc = parse_text(s.text, s.stem);  // the findings view it
    for (const auto& f : check::check_document(doc)) {
      EXPECT_NE(std::string(check::family_of(f.rule)), "arithmetic") << s.stem << ": " << f.message_en();
    }
  }
}

TEST(CheckSeeds, ABrokenSumInTheTextFires) {
  // 000's first project row prints 375.00 twice (总计, 财政拨款). Misprint the
  // second: the row no longer adds up, nor does the unit's 财政拨款 column.
  Seed s = seeds().front();
  ASSERT_EQ(s.stem.substr(0, 4), "000_");
  const std::string row = "业务用房物业管理费 375.00 375.00";
  std::size_t at = s.text.find(row);
  ASSERT_NE(at, std::string::npos);
  std::string text = s.text;
  text.replace(at, row.size(), "业务用房物业管理费 375.00 357.00");
  const Document doc = parse_text(text, s.stem);  // the findings view it
  auto findings = check::check_document(doc);
  auto row_finding = std::find_if(findings.begin(), findings.end(),
                                  [](const check::Finding& f) { return f.rule == "sum.project-row"; });
  ASSERT_NE(row_finding, findings.end());
  EXPECT_EQ(row_finding->where.project_name, "业务用房物业管理费");
  EXPECT_EQ(row_finding->difference, "18.00");
  EXPECT_EQ(row_finding->severity, Severity::Error);
  auto column = std::find_if(findings.begin(), findings.end(), [](const check::Finding& f) {
    return f.rule == "sum.projects-to-unit" && f.where.field == "fiscal";
  });
  ASSERT_NE(column, findings.end());
  EXPECT_EQ(column->difference, "18.00");  // the unit prints 18.00 more than its projects now add up to
}

TEST(CheckSeeds, ABrokenUnitTotalFires) {
  Seed s = seeds()[2];  // 002: two units and a 合计
  Document doc = parse_text(s.text, s.stem);
  ASSERT_EQ(doc.units.size(), 2u);
  doc.units[1].amounts.total = *Decimal::parse("393.19");
  doc.units[1].amounts.fiscal = *Decimal::parse("393.19");
  auto findings = check::check_document(doc);
  std::map<std::string, std::string> diffs;
  for (const auto& f : findings) {
    if (std::string(check::family_of(f.rule)) == "arithmetic")
      diffs[std::string(f.rule) + "/" + std::string(f.where.field)] = f.difference.value_or("");
  }
  EXPECT_EQ(diffs["sum.units-to-total/total"], "-0.01");
  EXPECT_EQ(diffs["sum.units-to-total/fiscal"], "-0.01");
  EXPECT_EQ(diffs["sum.projects-to-unit/total"], "0.01");
  EXPECT_EQ(diffs["sum.projects-to-unit/fiscal"], "0.01");
  EXPECT_EQ(diffs.size(), 4u);
}

TEST(CheckSeeds, FindingsAreWellFormed) {
  std::set<std::string, std::less<>> ids;
  for (const auto& r : check::rule_table()) ids.insert(std::string(r.id));
  for (const Seed& s : seeds()) {
    Document doc = parse_text(s.text, s.stem);
    for (const auto& f : check::check_document(doc)) {
      EXPECT_TRUE(ids.count(f.rule)) << f.rule;
      EXPECT_FALSE(std::string(check::family_of(f.rule)).empty()) << f.rule;
      EXPECT_FALSE(f.message_zh().empty()) << f.rule;
      EXPECT_FALSE(f.message_en().empty()) << f.rule;
      const auto& w = f.where;
      if (w.project >= 0) {
        ASSERT_LT(w.unit, static_cast<int>(doc.units.size()));
        ASSERT_LT(w.project, static_cast<int>(doc.units[w.unit].projects.size()));
        const Project& p = doc.units[w.unit].projects[w.project];
        EXPECT_EQ(w.project_name, p.name.value_or(""));
        EXPECT_GT(w.span.first_line, 0) << f.rule << " at " << w.project_name;
        if (w.indicator >= 0) {
          ASSERT_LT(w.indicator, static_cast<int>(p.indicators.size()));
          EXPECT_EQ(w.indicator_name, p.indicators[w.indicator].name);
        }
      }
    }
  }
}

TEST(CheckSeeds, ScoresStayInRangeAndRankTheWeakest) {
  for (const Seed& s : seeds()) {
    Document doc = parse_text(s.text, s.stem);
    auto findings = check::check_document(doc);
    auto score = check::score_projects(doc, findings, check::default_policy());
    std::size_t projects = 0;
    for (const Unit& u : doc.units) projects += u.projects.size();
    ASSERT_EQ(score.projects.size(), projects);
    ASSERT_TRUE(score.mean.has_value());
    for (const auto& p : score.projects) {
      for (int v : {p.score, p.completeness, p.measurability, p.consistency}) {
        EXPECT_GE(v, 0);
        EXPECT_LE(v, 100);
      }
    }
  }
  // 001: a 待单位补充 project scores below a fully set one.
  Seed s = seeds()[1];
  Document doc = parse_text(s.text, s.stem);
  auto score = check::score_projects(doc, check::check_document(doc), check::default_policy());
  int placeholder = -1, full = -1;
  for (const auto& p : score.projects) {
    if (p.project_name == "GZIT2022-QM-N-C-061088") placeholder = p.score;
    if (p.project_name == "业务用房物业管理费") full = p.score;
  }
  EXPECT_GE(placeholder, 0);
  EXPECT_LT(placeholder, full);
}

// The command line: exit 0 by default, 1 with --fail-on at or below the worst
// finding, 2 for an input that cannot be read. JSON is stable: documented keys.
int run(const std::string& args) {
  std::string cmd = std::string(JIXIAO_BINARY) + " check " + args + " > /dev/null 2>&1";
  int status = std::system(cmd.c_str());
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

TEST(CheckCommand, ExitStatusFollowsFailOn) {
  std::string seed003 = (test_data() / "corpus" / "seeds" / "003_6b1ff0f4850c688f.txt").string();
  EXPECT_EQ(run(seed003), 0);
  EXPECT_EQ(run(seed003 + " --fail-on warning"), 1);  // 003 has warnings but no error
  EXPECT_EQ(run(seed003 + " --fail-on error"), 0);
  EXPECT_EQ(run(seed003 + " --json --fail-on error"), 0);
  EXPECT_EQ(run("/nonexistent/table.txt"), 2);
  EXPECT_EQ(run(seed003 + " /nonexistent/table.txt --fail-on warning"), 2);
  // A policy that switches the warnings off lets --fail-on warning pass; a
  // policy that cannot be read stops the command.
  std::string policy = (std::filesystem::temp_directory_path() / "jixiao_check_test.policy").string();
  std::ofstream(policy) << "severity.taxonomy.misfiled = notice\nseverity.consist.cost-over-budget = off\n";
  EXPECT_EQ(run(seed003 + " --policy " + policy + " --fail-on warning"), 0);
  std::ofstream(policy) << "require-satisfaction = perhaps\n";
  EXPECT_EQ(run(seed003 + " --policy " + policy), 2);
  std::filesystem::remove(policy);
}

TEST(CheckCommand, JsonReportHasTheDocumentedShape) {
  Seed s = seeds()[3];
  Document doc = parse_text(s.text, s.stem);
  check::CheckedDocument r;
  r.path = s.stem;
  r.department = doc.department;
  r.findings = check::check_document(doc);
  r.score = check::score_projects(doc, r.findings, check::default_policy());
  auto j = check::json_report({r}, "default");
  EXPECT_EQ(j["format"], "jixiao-check/1");
  ASSERT_EQ(j["documents"].size(), 1u);
  const auto& d = j["documents"][0];
  for (const char* key : {"path", "department", "readable", "error", "counts", "score", "findings"}) {
    EXPECT_TRUE(d.contains(key)) << key;
  }
  ASSERT_FALSE(d["findings"].empty());
  for (const auto& f : d["findings"]) {
    for (const char* key : {"rule", "severity", "family", "message_zh", "message_en", "where", "difference",
                            "fix", "related"}) {
      EXPECT_TRUE(f.contains(key)) << key;
    }
    for (const char* key : {"unit", "unit_name", "project", "project_name", "indicator", "indicator_name",
                            "field", "first_line", "last_line", "page"}) {
      EXPECT_TRUE(f["where"].contains(key)) << key;
    }
  }
  auto cost = std::find_if(d["findings"].begin(), d["findings"].end(),
                           [](const auto& f) { return f["rule"] == "consist.cost-over-budget"; });
  ASSERT_NE(cost, d["findings"].end());
  EXPECT_EQ((*cost)["difference"], "0.01");
  EXPECT_EQ((*cost)["where"]["indicator_name"], "搬迁项目支出");
  // Same input, same bytes.
  EXPECT_EQ(j.dump(), check::json_report({r}, "default").dump());
}

}  // namespace
}  // namespace jixiao::testing
