// The score's breakdown and the two report forms.
#include <gtest/gtest.h>

#include <sstream>

#include "check/report.hpp"
#include "check/score.hpp"
#include "check/test_builders.hpp"

namespace jixiao::check::testing {
namespace {

DocumentScore scored(const Document& d, const Policy& p = default_policy()) {
  return score_projects(d, findings_of(d, p), p);
}

TEST(CheckScore, AWellSetProjectScoresFull) {
  auto s = scored(document({good_project("甲")}));
  ASSERT_EQ(s.projects.size(), 1u);
  EXPECT_EQ(s.projects[0].completeness, 100);
  EXPECT_EQ(s.projects[0].measurability, 100);
  EXPECT_EQ(s.projects[0].consistency, 100);
  EXPECT_EQ(s.projects[0].score, 100);
  EXPECT_EQ(s.mean, 100);
}

TEST(CheckScore, EachPartFallsWithItsFindings) {
  // Completeness: no 满意度 fails one of six parts (goal, own indicators, 产出, 效益, 满意度, filled).
  Project no_satisfaction = good_project("甲");
  no_satisfaction.indicators.pop_back();
  auto s = scored(document({no_satisfaction}));
  EXPECT_EQ(s.projects[0].completeness, 83);
  EXPECT_EQ(s.projects[0].measurability, 100);

  // Measurability: one of four indicators vague (qualitative 0.6 − notice 0.25).
  Project vague = good_project("甲");
  vague.indicators[2].annual_target = parse_target("提升");
  vague.indicators[2].period_target = parse_target("提升");
  s = scored(document({vague}));
  EXPECT_EQ(s.projects[0].measurability, 84);  // (1 + 1 + 0.35 + 1) / 4
  EXPECT_EQ(s.projects[0].completeness, 100);

  // Consistency: a warning costs 20.
  Project misfiled = good_project("甲");
  misfiled.indicators[1] = ind("产出指标", "质量指标", "搬运库存档案数量", "≥3.5万盒");
  s = scored(document({misfiled}));
  EXPECT_EQ(s.projects[0].consistency, 80);

  // A placeholder-only project: no own indicators.
  auto placeholder = project("乙", "1.00", {ind("产出指标", "数量指标", "待单位补充...", "待单位补充...")});
  s = scored(document({placeholder}));
  EXPECT_EQ(s.projects[0].measurability, 0);
  EXPECT_EQ(s.projects[0].completeness, 17);  // only the goal is there
}

TEST(CheckScore, WeightsArePolicy) {
  Project vague = good_project("甲");
  for (auto& i : vague.indicators) i.annual_target = i.period_target = parse_target("提升");
  Policy only_measure = default_policy();
  std::string error;
  ASSERT_TRUE(apply_policy("weight-completeness = 0\nweight-consistency = 0\n", only_measure, &error));
  auto s = scored(document({vague}), only_measure);
  EXPECT_EQ(s.projects[0].score, s.projects[0].measurability);
}

TEST(CheckReport, TextAndJsonSayTheSameThing) {
  Project p = good_project("甲");
  p.indicators.push_back(ind("效益指标", "社会效益指标", "司法公正性水平", "提升"));
  Document d = document({p, good_project("乙")});
  CheckedDocument r = checked(d, "t.txt");
  CheckedDocument bad;
  bad.path = "missing.txt";
  bad.unreadable = "cannot open file";

  std::string text = text_report({r, bad});
  EXPECT_NE(text.find("measure.vague-qualitative"), std::string::npos) << text;
  EXPECT_NE(text.find("司法公正性水平"), std::string::npos);
  EXPECT_NE(text.find("unreadable: cannot open file"), std::string::npos);
  EXPECT_NE(text.find("ranking"), std::string::npos);

  auto j = json_report({r, bad}, "default");
  EXPECT_EQ(j["documents"][0]["counts"]["notice"], 1);
  EXPECT_EQ(j["documents"][1]["readable"], false);
  EXPECT_EQ(j["summary"]["unreadable"], 1);
  const auto& f = j["documents"][0]["findings"][0];
  EXPECT_EQ(f["rule"], "measure.vague-qualitative");
  EXPECT_EQ(f["family"], "measurability");
  EXPECT_EQ(f["where"]["project_name"], "甲");
  EXPECT_EQ(f["where"]["indicator"], 4);
  EXPECT_TRUE(f["difference"].is_null());
  // Keys come in a fixed order, so the same findings always print the same bytes.
  std::vector<std::string> keys;
  for (auto it = f.begin(); it != f.end(); ++it) keys.push_back(it.key());
  EXPECT_EQ(keys, (std::vector<std::string>{"rule", "severity", "family", "message_zh", "message_en", "where",
                                            "difference", "fix", "related"}));
}

TEST(CheckReport, DocumentLevelFindingsHaveNullPlaces) {
  Project p = good_project("甲");
  p.indicators[0].annual_target = parse_target("≧12次");
  Document d = document({p});
  CheckedDocument r;
  r.path = "t.txt";
  r.findings = findings_of(d);
  ASSERT_EQ(count_rule(r.findings, "consist.comparator-spelling"), 1);
  auto j = json_report({r}, "default");
  const auto& w = j["documents"][0]["findings"][0]["where"];
  EXPECT_TRUE(w["unit"].is_null());
  EXPECT_TRUE(w["project"].is_null());
  EXPECT_TRUE(w["project_name"].is_null());
  EXPECT_TRUE(w["first_line"].is_null());
}

TEST(CheckReport, StreamedJsonIsTheTreeDumpedByteForByte) {
  // Every kind of value the report holds: findings at each level, related
  // places in another table, fixes and differences, an unreadable input,
  // text that needs escaping, an empty project list.
  Project p = good_project("甲\"引号\"\\");
  p.indicators.push_back(ind("效益指标", "社会效益指标", "司法公正性水平\t", "提升"));
  p.indicators[0].annual_target = parse_target("≧12次");
  Document d = document({p, good_project("乙")});
  CheckedDocument r = checked(d, "t.txt");
  Finding corpus = corpus_goal_finding(Severity::Notice);
  r.findings.push_back(corpus);
  CheckedDocument bad = unreadable_document();
  CheckedDocument empty;
  empty.path = "empty.txt";
  ASSERT_GE(r.findings.size(), 3u);

  for (const auto& docs : {std::vector<CheckedDocument>{r, bad, empty}, std::vector<CheckedDocument>{}}) {
    std::ostringstream streamed;
    write_json_report(streamed, docs, "dept.policy");
    EXPECT_EQ(streamed.str(), json_report(docs, "dept.policy")
                                  .dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace));
  }
}

TEST(CheckReport, BuilderRecordsReadBackTheSameFromMemoryAndFile) {
  // The builder keeps each document as a compact record: names its
  // neighbour had as back-references, recurring texts by number. Records
  // held in memory, all in the temporary file (bound 0) and split between
  // the two read back as the tree says, including texts that recur across
  // documents and names that change from one finding to the next.
  Project p = good_project("甲\"引号\"\\");
  p.indicators.push_back(ind("效益指标", "社会效益指标", "司法公正性水平\t", "提升"));
  p.indicators.push_back(ind("效益指标", "社会效益指标", "群众满意度", "提升"));
  Project q = good_project("乙");
  q.indicators.push_back(ind("效益指标", "社会效益指标", "服务对象满意度", "较好"));
  CheckedDocument a = checked(document({p, q}), "a.txt");
  CheckedDocument b = checked(document({q, good_project(""), p}), "b.txt");
  b.findings.front().where.unit_name = "";  // an empty name after a repeated one
  // Related places naming other units, projects and indicators than their
  // finding's own place, which the next finding repeats: a name's escaped
  // form is kept between findings, and must be the finding's own.
  Finding spelled = a.findings.front();
  spelled.where = Location{};
  for (int k = 0; k < 3; ++k) {
    const std::string project = "项目" + std::to_string(k), indicator = "指标" + std::to_string(k);
    Location l;
    l.unit = k;
    l.unit_name = k == 1 ? "第二\"单位\"" : "某单位";
    l.project = k;
    l.project_name = project;
    l.indicator = k;
    l.indicator_name = indicator;
    l.keep_names();  // the names above go at the end of the loop
    spelled.related.push_back(l);
  }
  a.findings.insert(a.findings.begin() + 1, spelled);
  Finding after = a.findings[2];
  after.related = {spelled.related[1]};
  a.findings.insert(a.findings.begin() + 2, after);
  a.findings.insert(a.findings.begin() + 3, a.findings[2]);
  CheckedDocument bad;
  bad.path = "missing.txt";
  bad.unreadable = "cannot open the file";
  ASSERT_GE(a.findings.size(), 3u);
  const std::vector<CheckedDocument> docs = {a, bad, b, a, b};
  const std::string tree =
      json_report(docs, "default").dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
  for (std::size_t memory : {JsonReportBuilder::kDefaultMemoryBytes, std::size_t{0}, std::size_t{3000}}) {
    JsonReportBuilder builder("default", memory);
    for (const CheckedDocument& d : docs) builder.add(d);
    std::ostringstream streamed;
    builder.write(streamed);
    EXPECT_EQ(streamed.str(), tree) << "memory bound " << memory;
  }
}

TEST(CheckReport, BuilderWritesLargePiecesAsTheTreeDoes) {
  // A document's findings are laid out in a buffer that goes to the output
  // in blocks: pieces smaller and larger than a block, a block boundary
  // inside a document, and one finding (many related places) larger than
  // the buffer's first size, which must grow rather than cut it.
  Project p = good_project("甲");
  p.indicators.push_back(ind("效益指标", "社会效益指标", "司法公正性水平", "提升"));
  CheckedDocument small = checked(document({p}), "small.txt");
  CheckedDocument large = checked(document({p, good_project("乙")}), "large.txt");
  ASSERT_FALSE(large.findings.empty());
  const std::vector<Finding> own = large.findings;
  for (int k = 0; k < 300; ++k) large.findings.push_back(own[static_cast<std::size_t>(k) % own.size()]);
  Finding wide = own.front();
  for (int k = 0; k < 600; ++k) {
    const std::string unit = "某单位" + std::to_string(k), project = "项目\\" + std::to_string(k);
    Location l;
    l.unit = k;
    l.unit_name = unit;
    l.project = k;
    l.project_name = project;
    l.span.first_line = k + 1;
    l.document = "other" + std::to_string(k) + ".txt";
    l.keep_names();  // before unit and project go
    wide.related.push_back(l);
  }
  large.findings.push_back(wide);
  const std::vector<CheckedDocument> docs = {small, large, small, large};
  const std::string tree =
      json_report(docs, "default").dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
  ASSERT_GT(tree.size(), std::size_t{1} << 19);
  std::ostringstream streamed;
  write_json_report(streamed, docs, "default");
  EXPECT_EQ(streamed.str(), tree);
}

TEST(CheckReport, BuilderPutsLateFindingsAfterTheDocumentsOwnAsTheTreeDoes) {
  // Corpus boilerplate is known only once every document is seen: the
  // builder has written the documents' own findings out by then.
  Project p = good_project("甲");
  p.indicators.push_back(ind("效益指标", "社会效益指标", "司法公正性水平", "提升"));
  CheckedDocument first = checked(document({p, good_project("乙")}), "a.txt");
  CheckedDocument quiet = checked(document({good_project("丙")}), "b.txt");
  CheckedDocument last = checked(document({p}), "c.txt");
  ASSERT_FALSE(first.findings.empty());
  ASSERT_TRUE(quiet.findings.empty()) << "a document whose only findings come late";
  Finding copied;
  copied.rule = "consist.corpus-boilerplate-goal";
  copied.severity = Severity::Warning;
  copied.where.unit = 0;
  copied.where.project = 0;
  copied.args.copy("与另外 1 份表中的项目相同");  // MessageId::Plain: {0} zh, {1} en
  copied.args.copy("");
  Location other;
  other.document = "c.txt";
  copied.related.push_back(other);
  Finding error = copied;
  error.severity = Severity::Error;

  JsonReportBuilder builder("default");
  for (const CheckedDocument* d : {&first, &quiet, &last}) builder.add(*d);
  EXPECT_FALSE(builder.any_at_or_above(Severity::Warning));
  builder.add_late(0, copied);
  builder.add_late(1, copied);
  builder.add_late(0, error);
  EXPECT_TRUE(builder.any_at_or_above(Severity::Warning));
  EXPECT_TRUE(builder.any_at_or_above(Severity::Error));
  std::ostringstream streamed;
  builder.write(streamed);

  first.findings.push_back(copied);
  first.findings.push_back(error);
  quiet.findings.push_back(copied);
  EXPECT_EQ(streamed.str(), json_report({first, quiet, last}, "default")
                                .dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace));
}

}  // namespace
}  // namespace jixiao::check::testing
