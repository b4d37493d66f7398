// Boilerplate across tables: fires when two documents share a goal or an
// indicator set, stays quiet for one document and for different texts.
#include "check/corpus.hpp"

#include <gtest/gtest.h>

#include <set>

#include "check/rule_context.hpp"
#include "check/rules.hpp"
#include "check/test_builders.hpp"

namespace jixiao::check {
namespace {

using testing::document;
using testing::good_project;
using testing::project;

const std::string kSharedGoal = "加强全省档案信息化建设，提升档案数字化水平和公共服务能力，确保档案安全。";

std::vector<CorpusFinding> run(const std::vector<Document>& docs) {
  CorpusBoilerplate corpus;
  for (std::size_t k = 0; k < docs.size(); ++k) corpus.add(k, docs[k], "表" + std::to_string(k + 1));
  return corpus.findings();
}

int count_rule(const std::vector<CorpusFinding>& f, std::string_view rule) {
  return static_cast<int>(
      std::count_if(f.begin(), f.end(), [&](const auto& c) { return c.finding.rule == rule; }));
}

TEST(CorpusBoilerplate, SharedGoalAcrossTwoTablesFiresOnce) {
  Document a = document({project("档案信息化", "10.00", {}, kSharedGoal), good_project("甲")});
  Document b = document({project("档案数字化", "20.00", {}, kSharedGoal), good_project("乙")});
  auto f = run({a, b});
  ASSERT_EQ(count_rule(f, "consist.corpus-boilerplate-goal"), 1);
  const CorpusFinding& g = f.front();
  EXPECT_EQ(g.document, 0u);
  EXPECT_EQ(g.finding.where.project_name, "档案信息化");
  ASSERT_EQ(g.finding.related.size(), 1u);
  EXPECT_EQ(g.finding.related[0].document, "表2");
  EXPECT_EQ(g.finding.related[0].project_name, "档案数字化");
  EXPECT_NE(g.finding.message_zh().find("表2《档案数字化》"), std::string::npos) << g.finding.message_zh();
}

TEST(CorpusBoilerplate, GoalRepeatedInsideOneTableIsLeftToTheDocumentRule) {
  Document a = document({project("一", "10.00", {}, kSharedGoal), project("二", "10.00", {}, kSharedGoal)});
  EXPECT_TRUE(run({a}).empty());
  Document b = document({good_project("丙")});
  EXPECT_EQ(count_rule(run({a, b}), "consist.corpus-boilerplate-goal"), 0);
}

TEST(CorpusBoilerplate, SpacingAndPunctuationWidthDoNotHideACopy) {
  std::string spaced = kSharedGoal;
  spaced.insert(6, " ");  // a rewrap in one table, not in the other
  Document a = document({project("一", "10.00", {}, kSharedGoal)});
  Document b = document({project("二", "10.00", {}, spaced)});
  EXPECT_EQ(count_rule(run({a, b}), "consist.corpus-boilerplate-goal"), 1);
}

TEST(CorpusBoilerplate, IndicatorSetInAnotherOrderIsTheSameSet) {
  Project p1 = good_project("同名");
  Project p2 = good_project("同名");
  std::reverse(p2.indicators.begin(), p2.indicators.end());
  p1.goal = "甲单位的目标文本，各不相同的内容一。";
  p2.goal = "乙单位的目标文本，各不相同的内容二。";
  auto f = run({document({p1}), document({p2})});
  EXPECT_EQ(count_rule(f, "consist.corpus-boilerplate-indicators"), 1);
  EXPECT_EQ(count_rule(f, "consist.corpus-boilerplate-goal"), 0);
}

// Checker::review adds a document with the keys its review made; the
// signatures, and so the findings, are those corpus.add makes itself.
TEST(CorpusBoilerplate, ReviewAddsTheSameSignatures) {
  std::string spaced = kSharedGoal;
  spaced.insert(9, "　");
  Project named = good_project("同名");
  named.indicators[0].name += "（个）";
  named.indicators[1].name = " " + named.indicators[1].name;
  Project pending = project("待定", "1.00", {}, "待补充");
  const std::vector<Document> docs = {
      document({project("一", "10.00", {}, kSharedGoal), named, pending}),
      document({project("二", "10.00", {}, spaced), named, pending, good_project("乙")}),
      document({project("三", "10.00", {}, "（" + kSharedGoal + "）"), named})};
  const auto plain = run(docs);
  ASSERT_FALSE(plain.empty());
  CorpusBoilerplate corpus;
  Checker checker;
  for (std::size_t k = 0; k < docs.size(); ++k)
    checker.review(docs[k], corpus, k, "表" + std::to_string(k + 1));
  const auto reviewed = corpus.findings();
  ASSERT_EQ(reviewed.size(), plain.size());
  for (std::size_t k = 0; k < plain.size(); ++k) {
    EXPECT_EQ(reviewed[k].document, plain[k].document);
    EXPECT_EQ(reviewed[k].finding.rule, plain[k].finding.rule);
    EXPECT_EQ(reviewed[k].finding.where.project, plain[k].finding.where.project);
    EXPECT_EQ(reviewed[k].finding.message_zh(), plain[k].finding.message_zh());
    EXPECT_EQ(reviewed[k].finding.related.size(), plain[k].finding.related.size());
  }
}

// A document's corpus findings come in table order: unit, then project,
// then a project's goal before its indicator set, whatever order the
// copies' hashes put the groups in.
// Among many copies (more than a sort handles by insertion alone), the
// first table given carries the finding and the others follow in the order
// they were given, whatever their hashes sort like among other texts.
TEST(CorpusBoilerplate, TheFirstOfManyCopiesCarriesTheFindingAndTheRestFollowInOrder) {
  std::vector<Document> docs;
  for (int k = 0; k < 60; ++k) {
    Project own = good_project("自有" + std::to_string(k));
    own.goal = "第" + std::to_string(k) + "个项目自己的绩效目标，完成年度建设任务并通过验收，保障服务质量。";
    docs.push_back(document({own, project("共享" + std::to_string(k), "10.00", {}, kSharedGoal)}));
  }
  const auto f = run(docs);
  ASSERT_EQ(count_rule(f, "consist.corpus-boilerplate-goal"), 1);
  const CorpusFinding& g = *std::find_if(
      f.begin(), f.end(), [](const auto& c) { return c.finding.rule == "consist.corpus-boilerplate-goal"; });
  EXPECT_EQ(g.document, 0u);
  EXPECT_EQ(g.finding.where.project_name, "共享0");
  ASSERT_EQ(g.finding.related.size(), 59u);
  for (std::size_t k = 0; k < 59; ++k) {
    EXPECT_EQ(g.finding.related[k].document, "表" + std::to_string(k + 2));
    EXPECT_EQ(g.finding.related[k].project_name, "共享" + std::to_string(k + 1));
  }
}

TEST(CorpusBoilerplate, FindingsComeInTableOrder) {
  const std::string other_goal = "完善社区养老服务设施，提高老年人生活照料水平，保障服务安全有序开展。";
  Project copied_goal = good_project("乙");
  copied_goal.goal = kSharedGoal;
  Project copied_both = good_project("丙");
  copied_both.goal = other_goal;
  Document a = document({good_project("甲"), copied_goal});
  Unit second = a.units[0];
  second.name = "另一单位";
  second.projects = {copied_both};
  a.units.push_back(second);
  Project b_goal = good_project("丁");
  b_goal.goal = kSharedGoal;
  Document b = document({copied_both, b_goal});

  const auto f = run({a, b});
  ASSERT_EQ(f.size(), 3u);
  for (const CorpusFinding& c : f) EXPECT_EQ(c.document, 0u);
  EXPECT_EQ(f[0].finding.where.unit, 0);
  EXPECT_EQ(f[0].finding.where.project, 1);
  EXPECT_EQ(f[0].finding.rule, "consist.corpus-boilerplate-goal");
  EXPECT_EQ(f[1].finding.where.unit, 1);
  EXPECT_EQ(f[1].finding.where.project, 0);
  EXPECT_EQ(f[1].finding.rule, "consist.corpus-boilerplate-goal");
  EXPECT_EQ(f[2].finding.where.unit, 1);
  EXPECT_EQ(f[2].finding.where.project, 0);
  EXPECT_EQ(f[2].finding.rule, "consist.corpus-boilerplate-indicators");
}

// A goal's two hashes come from one pass: the first is key_hash (the
// document's boilerplate rule), the second another (corpus signatures)
// that tells apart texts differing anywhere, the tail bytes included.
TEST(CorpusBoilerplate, KeyHashesAreKeyHashAndAnother) {
  std::string text;
  std::set<std::uint64_t> seen;
  for (int n = 0; n < 40; ++n) {
    const detail::KeyHashes h = detail::key_hashes(text);
    EXPECT_EQ(h.fnv, detail::key_hash(text)) << n;
    EXPECT_NE(h.mixed, h.fnv) << n;
    EXPECT_TRUE(seen.insert(h.mixed).second) << n;
    std::string last_changed = text + "a";
    last_changed.back() = 'b';
    EXPECT_NE(detail::key_hashes(text + "a").mixed, detail::key_hashes(last_changed).mixed) << n;
    text += static_cast<char>('a' + n % 26);
  }
}

// An indicator set's signature sums its names' shares: the order is free,
// but a name printed twice counts twice, and a set is not its subset.
TEST(CorpusBoilerplate, AnIndicatorSetIsAMultisetOfNames) {
  auto with_names = [](const std::string& project_name, const std::string& goal,
                       const std::vector<std::string>& names) {
    std::vector<Indicator> inds;
    for (const auto& n : names) inds.push_back(testing::ind("产出指标", "数量指标", n, "≥1次"));
    return project(project_name, "10.00", inds, goal);
  };
  const Project xxy =
      with_names("甲", "甲单位的目标文本，各不相同的内容一。", {"培训人次", "培训人次", "覆盖率"});
  const Project xyy =
      with_names("乙", "乙单位的目标文本，各不相同的内容二。", {"培训人次", "覆盖率", "覆盖率"});
  const Project yxx =
      with_names("丙", "丙单位的目标文本，各不相同的内容三。", {"覆盖率", "培训人次", "培训人次"});
  const Project xxyz =
      with_names("丁", "丁单位的目标文本，各不相同的内容四。", {"培训人次", "培训人次", "覆盖率", "满意度"});
  EXPECT_EQ(count_rule(run({document({xxy}), document({xyy})}), "consist.corpus-boilerplate-indicators"), 0);
  EXPECT_EQ(count_rule(run({document({xxy}), document({xxyz})}), "consist.corpus-boilerplate-indicators"), 0);
  const auto f = run({document({xxy}), document({xyy}), document({yxx})});
  ASSERT_EQ(count_rule(f, "consist.corpus-boilerplate-indicators"), 1);
  EXPECT_EQ(f[0].finding.where.project_name, "甲");
  ASSERT_EQ(f[0].finding.related.size(), 1u);
  EXPECT_EQ(f[0].finding.related[0].project_name, "丙");
}

TEST(CorpusBoilerplate, DifferentTextsAndShortGoalsDoNotFire) {
  Document a = document({good_project("甲"), project("短", "1.00", {}, "保障运转")});
  Document b = document({good_project("乙"), project("短二", "1.00", {}, "保障运转")});
  // good_project's goals and indicator names carry the project name.
  EXPECT_TRUE(run({a, b}).empty());
}

// A name's boilerplate facts are kept in its memo entry (the facts ask for
// them): the same as worked out without the memo, and asked again they come
// from the entry. The project's facts sum them.
TEST(CorpusBoilerplate, NameHashesAreKeptPerNameAndAgreeWithoutTheMemo) {
  const detail::Lexicon lex(default_policy());
  Document d = document({project("项目", "10.00",
                                 {testing::ind("产出指标", "数量指标", "培训（含线上） 人次", "≥12次"),
                                  testing::ind("产出指标", "数量指标", "待补充", "≥1次")})});
  detail::Facts facts = detail::gather_facts(d, lex);
  ASSERT_EQ(facts.indicator_pool.size(), 2u);
  {
    // Only the first name is real, and only its key is kept for the corpus.
    const detail::ProjectFacts& pf = facts.at(0, 0);
    const detail::IndicatorFacts& real = facts.indicator_pool[0];
    const detail::KeyShare share = detail::corpus_key_share(real.key);
    EXPECT_EQ(pf.real_indicators, 1);
    EXPECT_EQ(pf.real_names_sum, std::hash<std::string_view>{}(real.name_key) * 0xBF58476D1CE4E5B9ULL);
    EXPECT_EQ(pf.corpus_keys, 1u);
    EXPECT_EQ(pf.corpus_keys_sum.a, share.a);
    EXPECT_EQ(pf.corpus_keys_sum.b, share.b);
  }
  for (detail::IndicatorFacts& fi : facts.indicator_pool) {
    ASSERT_NE(fi.name_entry, nullptr);
    EXPECT_TRUE(fi.name_entry->hashed);
    const detail::NameHashes kept = detail::name_hashes(fi);
    detail::IndicatorFacts without = fi;
    without.name_entry = nullptr;
    const detail::NameHashes worked = detail::name_hashes(without);
    EXPECT_EQ(kept.name_key, worked.name_key);
    EXPECT_EQ(kept.key_left_out, worked.key_left_out);
    EXPECT_EQ(kept.key_share.a, worked.key_share.a);
    EXPECT_EQ(kept.key_share.b, worked.key_share.b);
    EXPECT_EQ(kept.name_key, std::hash<std::string_view>{}(fi.name_key));
    fi.name_entry->hashes.name_key ^= 1;  // asked again, the entry answers
    EXPECT_EQ(detail::name_hashes(fi).name_key, kept.name_key ^ 1);
  }
  // Template residue is left out of the corpus signatures; a real name is not.
  EXPECT_FALSE(detail::name_hashes(facts.indicator_pool[0]).key_left_out);
  EXPECT_EQ(detail::name_hashes(facts.indicator_pool[0]).key_share.a,
            detail::corpus_key_share(facts.indicator_pool[0].key).a);
  EXPECT_TRUE(detail::name_hashes(facts.indicator_pool[1]).key_left_out);
  EXPECT_TRUE(detail::corpus_left_out(""));
}

// Documents added out of the order of their indexes (`jixiao check` adds
// them in order; another caller need not): the findings still come by
// document, though the first added carries each.
TEST(CorpusBoilerplate, DocumentsAddedOutOfOrderStillComeInTableOrder) {
  const std::string other_goal = "完善社区养老服务设施，提高老年人生活照料水平，保障服务安全有序开展。";
  Document a = document({project("甲", "10.00", {}, other_goal)});
  Document b = document({project("乙", "10.00", {}, other_goal), project("丙", "10.00", {}, kSharedGoal)});
  Document c = document({project("丁", "10.00", {}, kSharedGoal)});
  CorpusBoilerplate corpus;
  corpus.add(2, c, "表3");
  corpus.add(0, a, "表1");
  corpus.add(1, b, "表2");
  const auto f = corpus.findings();
  ASSERT_EQ(f.size(), 2u);
  EXPECT_EQ(f[0].document, 0u);
  EXPECT_EQ(f[0].finding.where.project_name, "甲");
  EXPECT_EQ(f[1].document, 2u);
  EXPECT_EQ(f[1].finding.where.project_name, "丁");
  ASSERT_EQ(f[1].finding.related.size(), 1u);
  EXPECT_EQ(f[1].finding.related[0].document, "表2");
}

// Names are kept in blocks: many projects fill several, and a name longer
// than a block has one of its own; each finding still names its projects.
TEST(CorpusBoilerplate, NamesKeptAcrossBlocksComeBackWhole) {
  const std::string long_name(70 * 1024, 'x');
  std::vector<Document> docs;
  for (int k = 0; k < 2; ++k) {
    std::vector<Project> projects;
    for (int i = 0; i < 1500; ++i) projects.push_back(good_project("项目" + std::to_string(k) + "之" + std::to_string(i)));
    projects.push_back(project(long_name + std::to_string(k), "10.00", {}, kSharedGoal));
    projects.push_back(project("末" + std::to_string(k), "10.00", {}, kSharedGoal + "又一份"));
    docs.push_back(document(projects));
  }
  const auto f = run(docs);
  ASSERT_EQ(count_rule(f, "consist.corpus-boilerplate-goal"), 2);
  EXPECT_EQ(f[0].finding.where.project_name, long_name + "0");
  ASSERT_EQ(f[0].finding.related.size(), 1u);
  EXPECT_EQ(f[0].finding.related[0].project_name, long_name + "1");
  EXPECT_EQ(f[1].finding.where.project_name, "末0");
  ASSERT_EQ(f[1].finding.related.size(), 1u);
  EXPECT_EQ(f[1].finding.related[0].project_name, "末1");
}

}  // namespace
}  // namespace jixiao::check
