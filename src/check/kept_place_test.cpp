// The place the engine keeps at the front for a rule that reports once for
// the whole document after its pass (RuleFns::document_summary,
// Context::keep_place): the rule's first document-level finding goes there,
// nothing else does, and the findings come out in the same order as when
// that finding was appended and the whole list sorted.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "check/policy.hpp"
#include "check/rule_context.hpp"
#include "check/test_builders.hpp"

namespace jixiao::check::testing {
namespace {

using namespace detail;

// A rule context over one good project's document, its findings in `found`.
struct OneDocument : ::testing::Test {
  const Policy& policy = default_policy();
  const Lexicon lex{policy};
  const Document doc = document({good_project("项目")});
  const Facts facts = gather_facts(doc, lex);
  std::vector<Finding> found;
  std::vector<int> rule_of;
  Context ctx{doc, policy, lex, facts, &found, &rule_of};
};

TEST_F(OneDocument, KeptPlaceTakesOnlyTheRulesFirstDocumentLevelFinding) {
  const ActiveRule summary{7, "consist.comparator-spelling", Severity::Notice};
  const ActiveRule other{3, "sum.units-to-total", Severity::Error};
  ctx.keep_place(summary.index);
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(rule_of, std::vector<int>{7});

  ctx.rule = &other;
  ctx.emit(ctx.at_document(), MessageId::Plain);  // another rule's: appended
  ctx.rule = &summary;
  ctx.emit(ctx.at_project(0, 0), MessageId::Plain);  // not at document level: appended
  ctx.emit(ctx.at_document(), MessageId::ComparatorSpelling);  // into the place
  ctx.emit(ctx.at_document(), MessageId::Plain);               // the place is taken: appended
  ASSERT_EQ(found.size(), 4u);
  EXPECT_EQ(rule_of, (std::vector<int>{7, 3, 7, 7}));
  EXPECT_EQ(found[0].rule, "consist.comparator-spelling");
  EXPECT_EQ(found[0].message, MessageId::ComparatorSpelling);
  EXPECT_EQ(found[0].severity, Severity::Notice);
  EXPECT_EQ(found[1].rule, "sum.units-to-total");
  EXPECT_EQ(found[2].where.project, 0);
  EXPECT_EQ(found[3].where.unit, -1);
  EXPECT_TRUE(ctx.take_unused_places().empty());
}

TEST_F(OneDocument, KeptPlaceUnusedIsReported) {
  const ActiveRule first{1, "a.first", Severity::Notice};
  ctx.rule = &first;
  ctx.emit(ctx.at_document(), MessageId::Plain);
  ctx.keep_place(5);
  ctx.keep_place(9);
  const ActiveRule nine{9, "a.nine", Severity::Notice};
  ctx.rule = &nine;
  ctx.emit(ctx.at_document(), MessageId::Plain);
  EXPECT_EQ(found[2].rule, "a.nine");
  EXPECT_EQ(ctx.take_unused_places(), std::vector<std::size_t>{1});
  EXPECT_TRUE(ctx.take_unused_places().empty());  // forgotten
}

bool in_document_order(const std::vector<Finding>& f) {
  for (std::size_t i = 1; i < f.size(); ++i) {
    const Location &a = f[i - 1].where, &b = f[i].where;
    if (std::tie(a.unit, a.project, a.indicator) > std::tie(b.unit, b.project, b.indicator)) return false;
  }
  return true;
}

// Through the engine: with mixed spellings the summary is first, and the
// rest are the findings of the same document with the rule off, in the
// same order; without, no empty place is left among the findings.
TEST(KeptPlace, TheEngineGivesTheSameFindingsInDocumentOrder) {
  Policy without = default_policy();
  without.severity["consist.comparator-spelling"] = std::nullopt;
  for (const bool mixed : {true, false}) {
    SCOPED_TRACE(mixed ? "mixed" : "consistent");
    std::vector<Project> projects;
    for (int k = 0; k < 3; ++k) {
      Project p = good_project("项目" + std::to_string(k));
      for (std::size_t i = 0; i < p.indicators.size(); ++i) {
        const char* target = mixed && i % 2 ? "90%以上" : "≥95%";
        p.indicators[i].annual_target = parse_target(target);
        p.indicators[i].period_target = parse_target(target);
      }
      p.indicators.push_back(ind("产出指标", "质量指标", "", ""));  // findings in the pass
      p.goal.reset();
      projects.push_back(p);
    }
    const Document doc = document(projects);
    const std::vector<Finding> all = findings_of(doc);
    const std::vector<Finding> rest = findings_of(doc, without);
    ASSERT_GT(rest.size(), 3u);
    EXPECT_TRUE(in_document_order(all));
    for (const Finding& f : all) EXPECT_FALSE(f.rule.empty());
    ASSERT_EQ(all.size(), rest.size() + (mixed ? 1 : 0));
    if (mixed) EXPECT_EQ(all[0].rule, "consist.comparator-spelling");
    for (std::size_t i = 0; i < rest.size(); ++i) {
      const Finding& f = all[i + (mixed ? 1 : 0)];
      EXPECT_EQ(f.rule, rest[i].rule) << i;
      EXPECT_EQ(f.where.project, rest[i].where.project) << i;
      EXPECT_EQ(f.where.indicator, rest[i].where.indicator) << i;
    }
  }
}

}  // namespace
}  // namespace jixiao::check::testing
