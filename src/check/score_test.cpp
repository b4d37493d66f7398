// The score's completeness part against a whole document of numeric junk:
// complete.junk-number's document finding (located at no unit) fails every
// project's "filled in" part, which the score learns from the findings.
#include <gtest/gtest.h>

#include "check/score.hpp"
#include "check/test_builders.hpp"

namespace jixiao::check::testing {
namespace {

DocumentScore scored(const Document& d, const Policy& p = default_policy()) {
  return score_projects(d, findings_of(d, p), p);
}

Document junk_document(const char* figure) {
  std::vector<Project> projects;
  for (const char* n : {"甲", "乙", "丙", "丁"}) {
    projects.push_back(project(n, "1.00",
                               {ind("产出指标", "数量指标", std::string(n) + "次数", figure, figure),
                                ind("效益指标", "社会效益指标", std::string(n) + "办结率", figure, figure),
                                ind("满意度指标", "服务对象满意度指标", std::string(n) + "满意度", figure, figure)}));
  }
  return document(std::move(projects));
}

TEST(CheckScore, DocumentJunkFailsEveryProjectsFilledPart) {
  const Document junk = junk_document("88100");
  const std::vector<Finding> f = findings_of(junk);
  ASSERT_EQ(count_rule(f, "complete.junk-number"), 1) << rules_text(f);
  ASSERT_EQ(first_of(f, "complete.junk-number")->where.unit, -1);
  // The same figures, exempt from the rule (100 legitimately repeats): no finding, all parts pass.
  const Document fine = junk_document("100");
  ASSERT_EQ(count_rule(findings_of(fine), "complete.junk-number"), 0);
  const DocumentScore bad = scored(junk), good = scored(fine);
  ASSERT_EQ(bad.projects.size(), 4u);
  ASSERT_EQ(good.projects.size(), 4u);
  for (std::size_t k = 0; k < 4; ++k) {
    EXPECT_LT(bad.projects[k].completeness, good.projects[k].completeness) << k;
    // One part of six (goal, own indicators, 产出, 效益, 满意度, filled) fails.
    EXPECT_EQ(bad.projects[k].completeness, 83) << k;
  }
  // With the rule off there is no finding, and nothing fails.
  Policy off = default_policy();
  off.severity["complete.junk-number"] = std::nullopt;
  for (const ProjectScore& s : scored(junk, off).projects) EXPECT_EQ(s.completeness, 100);
}

}  // namespace
}  // namespace jixiao::check::testing
