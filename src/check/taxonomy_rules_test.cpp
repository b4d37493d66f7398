// Taxonomy rules over both accepted trees.
#include <gtest/gtest.h>

#include <set>
#include <string>
#include <vector>

#include "check/rule_context.hpp"
#include "check/test_builders.hpp"

namespace jixiao::check::testing {
namespace {

struct LevelCase {
  const char *level1, *level2, *name;
  const char* rule;  // the taxonomy rule expected, or "" for none
};

std::vector<std::string> taxonomy_rules(const Indicator& i) {
  Project p = good_project("项目");
  p.indicators.push_back(i);
  std::vector<std::string> out;
  for (const auto& f : findings_of(document({p}))) {
    if (f.rule.starts_with("taxonomy.")) out.emplace_back(f.rule);
  }
  return out;
}

TEST(CheckTaxonomy, LevelsCodesAndParents) {
  const LevelCase cases[] = {
      // Known levels, printed either way.
      {"1-产出指标", "13-时效指标", "支付及时率", ""},
      {"产出指标", "时效指标", "支付及时率", ""},
      {"2-效益指标", "22-社会效益", "办结率", ""},
      // Both accepted trees: 成本 under 产出, or 成本 as its own 一级.
      {"1-产出指标", "14-成本指标", "单位成本", ""},
      {"成本指标", "经济成本指标", "单位成本", ""},
      {"成本指标", "生态环境成本指标", "排放成本", ""},
      {"成本指标", "成本指标", "单位成本", ""},
      // Code and name disagree.
      {"1-产出指标", "12-时效指标", "支付及时率", "taxonomy.code-mismatch"},
      {"2-产出指标", "11-数量指标", "服务次数", "taxonomy.code-mismatch"},
      // A 二级 under the wrong 一级.
      {"2-效益指标", "11-数量指标", "服务次数", "taxonomy.wrong-parent"},
      {"产出指标", "经济成本指标", "单位成本", "taxonomy.wrong-parent"},
      {"满意度指标", "社会效益指标", "群众满意度", "taxonomy.wrong-parent"},
      // Unknown, misspelled (read by its code), missing.
      {"1-产出指标", "数质指标", "服务次数", "taxonomy.level-unknown"},
      {"9-奇怪指标", "11-数量指标", "服务次数", "taxonomy.level-unknown"},
      {"2-效益指标", "22-社会郊益", "办结率", "taxonomy.level-misspelled"},
      {"2-效益指标", "", "办结率", "taxonomy.level-missing"},
  };
  for (const LevelCase& c : cases) {
    SCOPED_TRACE(std::string(c.level1) + " / " + c.level2);
    auto rules = taxonomy_rules(ind(c.level1, c.level2, c.name, "≥95%"));
    if (*c.rule) {
      ASSERT_EQ(rules.size(), 1u);
      EXPECT_EQ(rules[0], c.rule);
    } else {
      EXPECT_TRUE(rules.empty()) << rules[0];
    }
  }
}

TEST(CheckTaxonomy, CodeMismatchSuggestsTheNamesCode) {
  Project p = good_project("项目");
  p.indicators.push_back(ind("1-产出指标", "12-时效指标", "支付及时率", "100%"));
  auto f = findings_of(document({p}));
  const Finding* m = first_of(f, "taxonomy.code-mismatch");
  ASSERT_NE(m, nullptr);
  EXPECT_EQ(m->where.field, "level2");
  EXPECT_EQ(m->fix_zh(), "改为 13-时效指标，或核对该指标应属的层级");
}

TEST(CheckTaxonomy, NamesThatBelongUnderAnotherLevel) {
  const LevelCase cases[] = {
      {"产出指标", "质量指标", "搬运库存档案数量", "taxonomy.misfiled"},
      {"产出指标", "质量指标", "搬运信息化设备（终端等）数量", "taxonomy.misfiled"},
      {"产出指标", "质量指标", "培训人数", "taxonomy.misfiled"},
      {"产出指标", "质量指标", "赔偿立案数", "taxonomy.misfiled"},
      {"产出指标", "质量指标", "提高办公效率，保障审判工作高效运转", "taxonomy.misfiled"},
      {"产出指标", "数量指标", "搬运库存档案数量", ""},
      {"产出指标", "质量指标", "搬运工作验收合格率", ""},
      {"产出指标", "质量指标", "司法公开透明度指数", ""},  // an index, not a count
      {"效益指标", "社会效益指标", "提高办公效率", ""},
  };
  for (const LevelCase& c : cases) {
    SCOPED_TRACE(c.name);
    auto rules = taxonomy_rules(ind(c.level1, c.level2, c.name, "≥3.5万盒"));
    if (*c.rule) {
      ASSERT_EQ(rules.size(), 1u);
      EXPECT_EQ(rules[0], c.rule);
    } else {
      EXPECT_TRUE(rules.empty()) << rules[0];
    }
  }
}

}  // namespace
}  // namespace jixiao::check::testing

namespace jixiao::check::detail {
namespace {

// LevelReadings finds a printed level by its print (length and first and
// last eight bytes): levels that share both ends, lengths and first eight
// bytes, and enough of them to grow its table, are still told apart.
TEST(LevelReadings, EachPrintedLevelHasItsOwnReading) {
  LevelReadings readings;
  std::vector<std::string> printed;
  for (int k = 0; k < 300; ++k) {
    printed.push_back(std::to_string(10 + k % 90) + "-数量" + std::string(k / 90, 'x') + "指标");
    printed.push_back("1" + std::to_string(k) + "-产出指标");
  }
  printed.push_back("");
  printed.push_back("7");
  std::vector<const CodedReading*> first;
  for (const std::string& p : printed) first.push_back(&readings.get(p));
  for (int pass = 0; pass < 2; ++pass) {
    for (std::size_t k = 0; k < printed.size(); ++k) {
      const std::string copy = printed[k];
      const CodedReading& r = readings.get(copy);
      EXPECT_EQ(&r, first[k]) << copy;
    }
  }
  std::set<const CodedReading*> distinct(first.begin(), first.end());
  std::set<std::string> texts(printed.begin(), printed.end());
  EXPECT_EQ(distinct.size(), texts.size());
  EXPECT_EQ(readings.size(), texts.size());
  EXPECT_EQ(readings.get("12-质量指标").code, "12");
}

// A text of at most 16 bytes is told from others by its print alone: texts
// of every length up to 25 bytes that differ in one byte anywhere (ASCII,
// a byte inside a character, a zero byte) each have their own reading.
TEST(LevelReadings, TextsDifferingInOneByteHaveTheirOwnReadings) {
  LevelReadings readings;
  std::vector<std::string> printed;
  const std::string base = "12-质量指标abcdefghij";  // 25 bytes
  for (std::size_t size = 0; size <= base.size(); ++size) {
    const std::string text = base.substr(0, size);
    printed.push_back(text);
    for (std::size_t at = 0; at < size; ++at) {
      for (char c : {'\0', '7', '\x80'}) {
        std::string changed = text;
        if (changed[at] == c) continue;
        changed[at] = c;
        printed.push_back(changed);
      }
    }
  }
  std::vector<const CodedReading*> first;
  for (const std::string& p : printed) first.push_back(&readings.get(p));
  for (std::size_t k = 0; k < printed.size(); ++k) {
    const std::string copy = printed[k];
    EXPECT_EQ(&readings.get(copy), first[k]) << k;
  }
  const std::set<std::string> texts(printed.begin(), printed.end());
  const std::set<const CodedReading*> distinct(first.begin(), first.end());
  EXPECT_EQ(distinct.size(), texts.size());
  EXPECT_EQ(readings.size(), texts.size());
}

}  // namespace
}  // namespace jixiao::check::detail
