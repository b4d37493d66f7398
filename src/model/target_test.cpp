#include "model/target.hpp"

#include <gtest/gtest.h>

#include <cstddef>
#include <ostream>
#include <random>
#include <string>
#include <vector>

namespace jixiao {
namespace {

struct Expected {
  const char* printed;
  TargetKind kind;
  Comparator comparator = Comparator::None;
  const char* number = nullptr;  // as Decimal::to_string prints it; nullptr when absent
  const char* unit = "";
  const char* qualitative = "";
};

void PrintTo(const Expected& e, std::ostream* os) { *os << '"' << e.printed << '"'; }

Expected quantity(const char* printed, Comparator comparator, const char* number, const char* unit = "") {
  return {printed, TargetKind::Quantitative, comparator, number, unit, ""};
}
Expected quality(const char* printed, const char* words) {
  return {printed, TargetKind::Qualitative, Comparator::None, nullptr, "", words};
}
Expected quality(const char* printed) { return quality(printed, printed); }
Expected period(const char* printed) { return {printed, TargetKind::Period}; }
Expected text(const char* printed) { return {printed, TargetKind::Text}; }
Expected empty(const char* printed) { return {printed, TargetKind::Empty}; }

constexpr Comparator kNone = Comparator::None;
constexpr Comparator kGe = Comparator::GreaterEqual;
constexpr Comparator kLe = Comparator::LessEqual;
constexpr Comparator kGt = Comparator::Greater;
constexpr Comparator kLt = Comparator::Less;
constexpr Comparator kEq = Comparator::Equal;

class ParseTarget : public testing::TestWithParam<Expected> {};

TEST_P(ParseTarget, ReadsPrintedValue) {
  const Expected& e = GetParam();
  const Target t = parse_target(e.printed);
  EXPECT_EQ(target_kind_name(t.kind), std::string(target_kind_name(e.kind)));
  EXPECT_EQ(comparator_symbol(t.comparator), std::string(comparator_symbol(e.comparator)));
  if (e.number) {
    ASSERT_TRUE(t.number.has_value());
    EXPECT_EQ(t.number->to_string(), e.number);
  } else {
    EXPECT_FALSE(t.number.has_value()) << t.number->to_string();
  }
  EXPECT_EQ(t.unit, e.unit);
  EXPECT_EQ(t.qualitative, e.qualitative);
}

INSTANTIATE_TEST_SUITE_P(
    Quantitative, ParseTarget,
    testing::Values(
        quantity("100%", kNone, "100", "%"), quantity("≥95%", kGe, "95", "%"),
        quantity("≧95%", kGe, "95", "%"), quantity("⩾95%", kGe, "95", "%"), quantity("≮95%", kGe, "95", "%"),
        quantity(">=95%", kGe, "95", "%"), quantity("90%或以上", kGe, "90", "%"),
        quantity("90%以上", kGe, "90", "%"), quantity("90%及以上", kGe, "90", "%"),
        quantity("95或以上", kGe, "95"), quantity("≥98百分比", kGe, "98", "%"),
        quantity("100 %", kNone, "100", "%"), quantity("≥ 95 %", kGe, "95", "%"),
        quantity("≤3秒", kLe, "3", "秒"), quantity("＞10个", kGt, "10", "个"),
        quantity(">10个", kGt, "10", "个"), quantity("≤24小时", kLe, "24", "小时"),
        quantity("≥83万页", kGe, "83", "万页"), quantity("≤1867件", kLe, "1867", "件"),
        quantity("2辆", kNone, "2", "辆"), quantity("≥1200件（套）", kGe, "1200", "件（套）"),
        quantity("≥1950台(套)", kGe, "1950", "台(套)"), quantity("≤0.3元/页", kLe, "0.3", "元/页"),
        quantity("≤6.6万元/人", kLe, "6.6", "万元/人"), quantity("≥3件/年/法官", kGe, "3", "件/年/法官"),
        quantity("≥12次/年", kGe, "12", "次/年"), quantity("11733.38平方米", kNone, "11733.38", "平方米"),
        quantity("0次", kNone, "0", "次"), quantity("0", kNone, "0"), quantity("12", kNone, "12"),
        quantity("0%", kNone, "0", "%"), quantity("<1小时", kLt, "1", "小时"),
        quantity("＜1小时", kLt, "1", "小时"), quantity("2小时内", kLe, "2", "小时"),
        quantity("3个工作日内完成", kLe, "3", "个工作日"), quantity("2天内完成", kLe, "2", "天"),
        quantity("30分钟内", kLe, "30", "分钟"), quantity("10个以内", kLe, "10", "个"),
        quantity("5人以下", kLe, "5", "人"), quantity("7天", kNone, "7", "天"),
        quantity("≥5.4万宗", kGe, "5.4", "万宗"), quantity("≥70分", kGe, "70", "分"),
        quantity("24期", kNone, "24", "期"), quantity("≥8年", kGe, "8", "年"),
        quantity("3个月", kNone, "3", "个月"), quantity("≥1200", kGe, "1200"), quantity("≤2", kLe, "2"),
        quantity("≤280.25万元", kLe, "280.25", "万元"), quantity("100Mbps", kNone, "100", "Mbps"),
        quantity("-5%", kNone, "-5", "%"), quantity("−5%", kNone, "-5", "%"),
        quantity("≥-0.5%", kGe, "-0.5", "%"), quantity("0.5‰", kNone, "0.5", "‰"),
        // A bare month count is as often a duration as December: kept a figure.
        quantity("12月", kNone, "12", "月"),
        // Without a day or deadline word 2023.12 is a figure.
        quantity("2023.12", kNone, "2023.12"), quantity("2023", kNone, "2023")));

INSTANTIATE_TEST_SUITE_P(
    ComparatorWords, ParseTarget,
    testing::Values(quantity("大于等于98%", kGe, "98", "%"), quantity("大于或等于98%", kGe, "98", "%"),
                    quantity("不低于90%", kGe, "90", "%"), quantity("不少于3次", kGe, "3", "次"),
                    quantity("至少3次", kGe, "3", "次"), quantity("小于等于10次", kLe, "10", "次"),
                    quantity("不高于5%", kLe, "5", "%"), quantity("不超过5人", kLe, "5", "人"),
                    quantity("不多于5人", kLe, "5", "人"), quantity("≦5人", kLe, "5", "人"),
                    quantity("⩽5人", kLe, "5", "人"), quantity("≯5人", kLe, "5", "人"),
                    quantity("<=5", kLe, "5"), quantity("大于98%", kGt, "98", "%"),
                    quantity("超过98%", kGt, "98", "%"), quantity("高于98%", kGt, "98", "%"),
                    quantity("小于5%", kLt, "5", "%"), quantity("低于5%", kLt, "5", "%"),
                    quantity("少于3次", kLt, "3", "次"), quantity("=100%", kEq, "100", "%"),
                    quantity("＝100%", kEq, "100", "%"), quantity("等于100%", kEq, "100", "%"),
                    // Said twice, the same way.
                    quantity("≥90%以上", kGe, "90", "%")));

INSTANTIATE_TEST_SUITE_P(
    FoldedAndGroupedFigures, ParseTarget,
    testing::Values(quantity("１００％", kNone, "100", "%"), quantity("≥９５．５％", kGe, "95.5", "%"),
                    quantity("＞１０个", kGt, "10", "个"), quantity("1,200件", kNone, "1200", "件"),
                    quantity("≥1,200,000元", kGe, "1200000", "元"), quantity("　≥95%　", kGe, "95", "%"),
                    quantity("\t100%\n", kNone, "100", "%"),
                    // The unit is kept as printed, even when full width.
                    quantity("5ｋｇ", kNone, "5", "ｋｇ")));

INSTANTIATE_TEST_SUITE_P(
    RemarksAfterACleanHead, ParseTarget,
    testing::Values(quantity("100%，如未发生需要拨付国家赔偿金的情况，则以我院已完成该项目指标认定。"
                             "如有发生，则按实际发生情况进行考核。",
                             kNone, "100", "%"),
                    quantity("≥95%（含95%）", kGe, "95", "%"),
                    quantity("≥1200件（以实际采购为准）", kGe, "1200", "件"),
                    quantity("100%；按季度考核", kNone, "100", "%"), quantity("100%。", kNone, "100", "%"),
                    quality("达标，如未发生需要拨付国家赔偿金的情况，则以我院已完成该项目指标认定。", "达标"),
                    quality("达标（财务人员收到案件经办人提交符合相关退费规定的材料之日起，"
                            "在规定时间内完成退费手续。）",
                            "达标")));

INSTANTIATE_TEST_SUITE_P(Periods, ParseTarget,
                         testing::Values(period("2023年1-12月"), period("2023年1月-2023年12月"),
                                         period("2023年1月-12月"), period("2023年底前"), period("2023年"),
                                         period("２０２３年"), period("12月底前完成"), period("12月31日前"),
                                         period("6月30日"), period("1-12月"), period("1月-12月"),
                                         period("1至12月"), period("2023.12.31"), period("2023-12-31前"),
                                         period("2023/12"), period("2023.12前"), period("年底前完成"),
                                         period("上半年"), period("2023年12月31日前")));

INSTANTIATE_TEST_SUITE_P(
    Qualitative, ParseTarget,
    testing::Values(quality("及时"), quality("达标"), quality("提升"), quality("安全"), quality("通过"),
                    quality("有效"), quality("良好"), quality("明显"), quality("效果明显"),
                    quality("显著提升"), quality("逐步提升"), quality("持续提升"), quality("稳定"),
                    quality("合格"), quality("验收合格"), quality("安全无事故"), quality("达成预期指标"),
                    quality("长期"), quality("有所提升"), quality("显著提高"), quality("与去年同比提升"),
                    quality("与去年同比提高"), quality("维持"), quality("下降"), quality("增强"),
                    quality("优"), quality("逐步完善"), quality("进一步畅通"), quality("及时、准确"),
                    quality("符合要求"), quality("运行正常"), quality("有效保障"), quality("明显改善"),
                    quality("合法合规"), quality("提升 明显"), quality(" 良好 ", "良好")));

INSTANTIATE_TEST_SUITE_P(Text, ParseTarget,
                         testing::Values(
                             // Unfilled templates: a comparator with no figure is not a target.
                             text("≥"), text("≤"), text("≤**%"), text("**%"), text("≥xx%"), text("≥%"),
                             // Placeholders and prose.
                             text("保密项目"), text("待单位补充..."), text("当年预计值"),
                             text("(法院制服购置数量)当年预计值"), text("前三名"), text("按月发放"),
                             text("按合同约定时间"), text("长期保障司法救助机制"), text("数字档案长期应用"),
                             text("保障物业管理正常运行"), text("对公司工作完成情况进行定期考核"),
                             text("采购程序流程合法合规"), text("有所"), text("无"), text("/"), text("-"),
                             // A comparison between names, not a figure.
                             text("采购金额≤预算金额"), text("物业管理水平良好情况100%"),
                             // Ranges, lists and contradictions have no single reading.
                             text("90%-95%"), text("5-10人"), text("≥90%，≤95%"), text("100%,95%"),
                             text("100%、95%"), text("≥5人以下"), text("1.2.3"), text("≥≥95%"),
                             // A figure run into prose without a separator.
                             text("100%达标"), text("2小时内完成任务"),
                             text("100%如未发生需要拨付国家赔偿金"),
                             // More digits than an exact Decimal holds.
                             text("12345678901234567890"),
                             // 1,2 is not a thousands group.
                             text("1,2"), text("1,2345"),
                             // A compound unit needs both halves.
                             text("5元/以上"), text("5元/")));

INSTANTIATE_TEST_SUITE_P(Empty, ParseTarget,
                         testing::Values(empty(""), empty("   "), empty("\t\r\n"), empty("　"),
                                         empty("\xC2\xA0")));

// --- Text keeping -----------------------------------------------------------

struct TextCase {
  const char* printed;
  const char* kept;
};

void PrintTo(const TextCase& c, std::ostream* os) { *os << '"' << c.printed << '"'; }

class KeptText : public testing::TestWithParam<TextCase> {};

TEST_P(KeptText, IsTrimmedAndValidUtf8) { EXPECT_EQ(parse_target(GetParam().printed).text, GetParam().kept); }

INSTANTIATE_TEST_SUITE_P(
    Cases, KeptText,
    testing::Values(TextCase{"≥95%", "≥95%"}, TextCase{"  ≥95%  ", "≥95%"},
                    TextCase{"　１００％　", "１００％"}, TextCase{"100 %", "100 %"},
                    TextCase{"100%，如未发生", "100%，如未发生"},
                    // Every kind of space is trimmed at either end, none inside.
                    TextCase{"\xC2\xA0≥95%\xE2\x80\x83", "≥95%"}, TextCase{"\t达标\xEF\xBB\xBF", "达标"},
                    TextCase{"\xE2\x80\x8B达 标 \r", "达 标"}, TextCase{"　 \xC2\xA0", ""},
                    TextCase{"\xEF\xBF\xBD", "\xEF\xBF\xBD"},
                    // Invalid bytes become U+FFFD, one per byte that cannot start a sequence.
                    TextCase{"\xFF≥95%", "\xEF\xBF\xBD≥95%"},
                    TextCase{"达标\xE6\x8F", "达标\xEF\xBF\xBD\xEF\xBF\xBD"},
                    TextCase{"\xC0\xAF", "\xEF\xBF\xBD\xEF\xBF\xBD"},
                    TextCase{"\xED\xA0\x80", "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD"},
                    TextCase{"\xF4\x90\x80\x80", "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD"}));

TEST(ParseTarget, InvalidBytesNeverMakeAFigure) {
  EXPECT_EQ(parse_target("95%\xC3").kind, TargetKind::Text);
  EXPECT_EQ(parse_target("\xFF").kind, TargetKind::Text);
}

TEST(ParseTarget, NamesAreStable) {
  EXPECT_STREQ(comparator_symbol(Comparator::GreaterEqual), "≥");
  EXPECT_STREQ(comparator_symbol(Comparator::LessEqual), "≤");
  EXPECT_STREQ(comparator_symbol(Comparator::Greater), ">");
  EXPECT_STREQ(comparator_symbol(Comparator::Less), "<");
  EXPECT_STREQ(comparator_symbol(Comparator::Equal), "=");
  EXPECT_STREQ(comparator_symbol(Comparator::None), "");
  EXPECT_STREQ(target_kind_name(TargetKind::Quantitative), "quantitative");
  EXPECT_STREQ(target_kind_name(TargetKind::Qualitative), "qualitative");
  EXPECT_STREQ(target_kind_name(TargetKind::Period), "period");
  EXPECT_STREQ(target_kind_name(TargetKind::Text), "text");
  EXPECT_STREQ(target_kind_name(TargetKind::Empty), "empty");
}

// --- Arbitrary input ---------------------------------------------------------

bool is_valid_utf8(const std::string& s) {
  for (std::size_t i = 0; i < s.size();) {
    const auto b = static_cast<unsigned char>(s[i]);
    std::size_t n = b < 0x80 ? 1 : (b >> 5) == 6 ? 2 : (b >> 4) == 14 ? 3 : (b >> 3) == 30 ? 4 : 0;
    if (n == 0 || i + n > s.size()) return false;
    std::uint32_t cp = n == 1 ? b : b & (0x7F >> n);
    for (std::size_t k = 1; k < n; ++k) {
      const auto c = static_cast<unsigned char>(s[i + k]);
      if ((c & 0xC0) != 0x80) return false;
      cp = (cp << 6) | (c & 0x3F);
    }
    const std::uint32_t smallest[] = {0, 0, 0x80, 0x800, 0x10000};
    if (cp < smallest[n] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return false;
    i += n;
  }
  return true;
}

// The promises callers build on, whatever came in.
void expect_invariants(const std::string& input, const Target& t) {
  SCOPED_TRACE(testing::PrintToString(input));
  EXPECT_TRUE(is_valid_utf8(t.text));
  EXPECT_EQ(t.kind == TargetKind::Empty, t.text.empty());
  EXPECT_EQ(t.number.has_value(), t.kind == TargetKind::Quantitative);
  if (t.kind != TargetKind::Quantitative) {
    EXPECT_EQ(t.comparator, Comparator::None);
    EXPECT_TRUE(t.unit.empty());
  }
  EXPECT_EQ(!t.qualitative.empty(), t.kind == TargetKind::Qualitative);
  EXPECT_TRUE(is_valid_utf8(t.unit));
  EXPECT_TRUE(is_valid_utf8(t.qualitative));
}

TEST(ParseTarget, SurvivesRandomBytes) {
  std::mt19937 random(20230101);
  std::uniform_int_distribution<int> length(0, 48);
  std::uniform_int_distribution<int> byte(0, 255);
  for (int i = 0; i < 20000; ++i) {
    std::string input(static_cast<std::size_t>(length(random)), '\0');
    for (char& c : input) c = static_cast<char>(byte(random));
    expect_invariants(input, parse_target(input));
    if (HasFailure()) return;
  }
}

// Random bytes rarely reach the deeper readers; splicing real fragments with
// broken bytes does.
TEST(ParseTarget, SurvivesSplicedFragments) {
  const std::vector<std::string> fragments = {
      "≥",    "≤",    "＞",     "<",        "=",      "大于等于", "不超过",
      "9",    "0",    "1",      "5",        ".",      "．",       ",",
      "，",   "１",   "%",      "％",       "百分比", "以上",     "或以上",
      "内",   "以内", "件",     "（",       "）",     "(",        ")",
      "套",   "/",    "年",     "月",       "底前",   "日",       "-",
      "至",   "2023", "达标",   "提升",     "有所",   "、",       " ",
      "　",   "*",    "\xE2",   "\xE2\x89", "\xFF",   "\xC0",     "\xED\xA0\x80",
      "\x80", "万元", "平方米", "。",       "；",     "1,200",    "‰",
      "≮"};
  std::mt19937 random(7);
  std::uniform_int_distribution<std::size_t> pick(0, fragments.size() - 1);
  std::uniform_int_distribution<int> count(0, 12);
  for (int i = 0; i < 50000; ++i) {
    std::string input;
    for (int n = count(random); n > 0; --n) input += fragments[pick(random)];
    expect_invariants(input, parse_target(input));
    if (HasFailure()) return;
  }
}

}  // namespace
}  // namespace jixiao
