// The policy file: settings, vocabulary rows, severity overrides, errors.
#include "check/policy.hpp"

#include <gtest/gtest.h>

#include "check/test_builders.hpp"

namespace jixiao::check::testing {
namespace {

TEST(CheckPolicy, DefaultsCarryTheVocabulary) {
  const Policy& p = default_policy();
  for (const char* list :
       {"vague", "vague-qualifier", "unfilled", "unfilled-whole", "withheld", "higher-better", "lower-better",
        "rate-suffix", "rate-unit", "unit-cue", "quantity-suffix", "outcome-prefix", "non-accumulating-unit",
        "money-unit", "comparator-spelling", "comparator-variant", "yes-no"}) {
    EXPECT_FALSE(p.words(list).empty()) << list;
  }
  EXPECT_TRUE(p.require_satisfaction);
  EXPECT_FALSE(p.require_cost);
  EXPECT_TRUE(p.sum_tolerance.is_zero());
}

TEST(CheckPolicy, SettingsAndVocabularyRows) {
  Policy p = default_policy();
  std::string error;
  ASSERT_TRUE(
      apply_policy("# a department's policy\n"
                   "require-satisfaction = no   # 10号 allows it\n"
                   "sum-tolerance = 0.01\n"
                   "junk-exempt-numbers = 0, 100, 1\n"
                   "descriptive-min-chars=12\n"
                   "severity.measure.vague-qualitative = warning\n"
                   "severity.complete.no-benefit = off\n"
                   "vague\t见成效\n"
                   "-vague\t提升\n",
                   p, &error))
      << error;
  EXPECT_FALSE(p.require_satisfaction);
  EXPECT_EQ(p.sum_tolerance.to_string(), "0.01");
  EXPECT_EQ(p.junk_exempt_numbers, (std::vector<std::string>{"0", "100", "1"}));
  EXPECT_EQ(p.descriptive_min_chars, 12);
  auto vague = p.words("vague");
  EXPECT_NE(std::find(vague.begin(), vague.end(), "见成效"), vague.end());
  EXPECT_EQ(std::find(vague.begin(), vague.end(), "提升"), vague.end());
  ASSERT_TRUE(p.severity.count("complete.no-benefit"));
  EXPECT_FALSE(p.severity.at("complete.no-benefit").has_value());
}

TEST(CheckPolicy, ErrorsNameTheLineAndChangeNothing) {
  Policy p = default_policy();
  std::string error;
  EXPECT_FALSE(apply_policy("require-cost = true\nno-such-setting = 1\n", p, &error));
  EXPECT_NE(error.find("line 2"), std::string::npos) << error;
  EXPECT_FALSE(p.require_cost);  // the good first line was not applied either
  EXPECT_FALSE(apply_policy("require-cost = maybe\n", p, &error));
  EXPECT_FALSE(apply_policy("severity.sum.project-row = fatal\n", p, &error));
  EXPECT_FALSE(apply_policy("just words\n", p, &error));
  EXPECT_FALSE(apply_policy("vague\t\n", p, &error));
  EXPECT_FALSE(apply_policy("junk-min-indicators = -3\n", p, &error));
}

TEST(CheckPolicy, TheEngineFollowsThePolicy) {
  Project p = good_project("项目");
  p.indicators.push_back(ind("效益指标", "社会效益指标", "司法公正性水平", "提升"));
  Document d = document({p});
  auto before = findings_of(d);
  ASSERT_EQ(count_rule(before, "measure.vague-qualitative"), 1);
  EXPECT_EQ(first_of(before, "measure.vague-qualitative")->severity, Severity::Notice);

  Policy raised = default_policy();
  std::string error;
  ASSERT_TRUE(apply_policy("severity.measure.vague-qualitative = warning\n", raised, &error));
  EXPECT_EQ(first_of(findings_of(d, raised), "measure.vague-qualitative")->severity, Severity::Warning);

  Policy off = default_policy();
  ASSERT_TRUE(apply_policy("severity.measure.vague-qualitative = off\n", off, &error));
  EXPECT_EQ(count_rule(findings_of(d, off), "measure.vague-qualitative"), 0);

  Policy fewer_words = default_policy();
  ASSERT_TRUE(apply_policy("-vague\t提升\n", fewer_words, &error));
  EXPECT_EQ(count_rule(findings_of(d, fewer_words), "measure.vague-qualitative"), 0);
}

TEST(CheckPolicy, EveryRuleIdIsUniqueAndFamilied) {
  std::set<std::string_view> seen;
  for (const auto& r : rule_table()) {
    EXPECT_TRUE(seen.insert(r.id).second) << r.id;
    EXPECT_FALSE(std::string(family_of(r.id)).empty()) << r.id;
    EXPECT_FALSE(r.summary_en.empty()) << r.id;
  }
}

}  // namespace
}  // namespace jixiao::check::testing
