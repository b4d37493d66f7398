#include "model/taxonomy.hpp"

#include <gtest/gtest.h>

#include <string>

namespace jixiao {
namespace {

struct Level1Case {
  const char* printed;
  std::optional<Level1> want;
};

TEST(Taxonomy, ResolvesPrintedLevel1Names) {
  const Level1Case cases[] = {
      {"产出指标", Level1::Output},
      {"1-产出指标", Level1::Output},
      {"产出指标(50分)", Level1::Output},
      {"产出指标（50分）", Level1::Output},
      {"项目完成指标", Level1::Output},
      {"预期产出指标", Level1::Output},
      {"产出", Level1::Output},
      {"2-效益指标", Level1::Benefit},
      {"效果指标", Level1::Benefit},
      {"项目效益指标", Level1::Benefit},
      {"3-满意度指标", Level1::Satisfaction},
      {"社会公众或服务对象满意度指标", Level1::Satisfaction},
      {"成本指标", Level1::Cost},
      {"成本指标(0-20)分", Level1::Cost},
      {"经费指标", std::nullopt},
      {"", std::nullopt},
  };
  for (const auto& c : cases) EXPECT_EQ(resolve_level1(c.printed), c.want) << c.printed;
}

struct Level2Case {
  const char* printed;
  std::optional<Level2> want;
};

TEST(Taxonomy, ResolvesPrintedLevel2Names) {
  const Level2Case cases[] = {
      {"11-数量指标", Level2::Quantity},
      {"数量指标(必填硬性指标)", Level2::Quantity},
      {"数量指标（或建筑规模指标）", Level2::Quantity},
      {"12-质量指标", Level2::Quality},
      {"13-时效指标", Level2::Timeliness},
      {"14-成本指标", Level2::Cost},
      {"预算(或投资规模)控制指标", Level2::Cost},
      {"22-社会效益", Level2::Social},
      {"社会效益指标", Level2::Social},
      {"经济效益 指标", Level2::Economic},
      {"生态效益指标", Level2::Ecological},
      {"24-可持续影响", Level2::Sustainable},
      {"31-服务对象满意度", Level2::Satisfaction},
      {"服务对象满意度指标", Level2::Satisfaction},
      {"经济成本指标", Level2::EconomicCost},
      {"社会成本指标", Level2::SocialCost},
      {"生态环境成本指标", Level2::EcologicalCost},
      {"完成率", std::nullopt},
  };
  for (const auto& c : cases) EXPECT_EQ(resolve_level2(c.printed), c.want) << c.printed;
}

TEST(Taxonomy, CanonicalNamesAndCodes) {
  EXPECT_STREQ(level1_name(Level1::Output), "产出指标");
  EXPECT_STREQ(level2_name(Level2::Social), "社会效益指标");
  EXPECT_STREQ(level2_code(Level2::Social), "22");
  EXPECT_STREQ(level2_code(Level2::Satisfaction), "31");
}

TEST(Taxonomy, BothTreesPlaceCost) {
  EXPECT_TRUE(is_valid_parent(Level1::Output, Level2::Cost));
  EXPECT_TRUE(is_valid_parent(Level1::Cost, Level2::Cost));
  EXPECT_TRUE(is_valid_parent(Level1::Cost, Level2::EconomicCost));
  EXPECT_FALSE(is_valid_parent(Level1::Output, Level2::Social));
  EXPECT_FALSE(is_valid_parent(Level1::Benefit, Level2::Quantity));
}

TEST(Taxonomy, LevelTokensInRunningText) {
  std::size_t used = 0;
  EXPECT_TRUE(starts_with_level1("1-产出指标；11-数量", &used));
  EXPECT_EQ(used, std::string("1-产出指标").size());
  EXPECT_TRUE(starts_with_level2("22-社会效益；名称", &used));
  EXPECT_EQ(used, std::string("22-社会效益").size());
  EXPECT_TRUE(starts_with_level2("质量指标 名称", &used));
  // A bare word that merely begins like a level is not one.
  EXPECT_FALSE(starts_with_level2("质量良好", &used));
  EXPECT_FALSE(starts_with_level1("产出了很多", &used));
  // Spaces inside a level word (OCR, wrapped exports) still match, and count.
  EXPECT_TRUE(starts_with_level1("1-产 出 指标；", &used));
  EXPECT_EQ(used, std::string("1-产 出 指标").size());
  EXPECT_TRUE(starts_with_level2("11-数量指 标；", &used));
  EXPECT_EQ(used, std::string("11-数量指 标").size());
  EXPECT_FALSE(starts_with_level1("1-产", &used));
}

// A bare level word (no code, no 指标, no bracket) stands as a token only
// before a separator or the end of the text.
TEST(Taxonomy, BareLevelWordBeforeEachSeparator) {
  for (const char* sep : {"；", ";", "：", ":", "，", ",", "-", "】", "]", "、", "\t", "  ；"}) {
    std::size_t used = 0;
    const std::string text = std::string("质量") + sep + "良好";
    EXPECT_TRUE(starts_with_level2(text, &used)) << text;
    EXPECT_EQ(used, std::string("质量").size()) << text;
    EXPECT_TRUE(starts_with_level2(std::string("质量") + sep, &used)) << sep;
  }
  std::size_t used = 0;
  EXPECT_TRUE(starts_with_level2("质量", &used));  // the end of the text
  // Other punctuation sharing a lead byte with the separators is not one.
  for (const char* other : {"。", "（", "）", "【", "》", ".", "良好"}) {
    EXPECT_FALSE(starts_with_level2(std::string("质量") + other + "良好", &used)) << other;
  }
  EXPECT_FALSE(starts_with_level2("质量\xEF\xBC", &used));  // a separator cut short
}

// OCR garbles the dash of a code: read as 一 or ～, or lost altogether.
TEST(Taxonomy, LevelCodeWithGarbledDash) {
  std::size_t used = 0;
  EXPECT_TRUE(starts_with_level1("1产出指标;11-数量指标", &used));
  EXPECT_EQ(used, std::string("1产出指标").size());
  EXPECT_TRUE(starts_with_level1("2一效益指标；", &used));
  EXPECT_TRUE(starts_with_level2("12～质量指标;", &used));
  EXPECT_EQ(resolve_level1("1产出指标"), Level1::Output);
  EXPECT_EQ(resolve_level1("3一满意度指标"), Level1::Satisfaction);
  EXPECT_EQ(resolve_level2("11—数量指标"), Level2::Quantity);
  // Without its dash a code still needs the word to stand as a token.
  EXPECT_FALSE(starts_with_level1("1产出了很多", &used));
}

}  // namespace
}  // namespace jixiao
