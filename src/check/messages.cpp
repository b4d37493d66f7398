#include "check/messages.hpp"

#include <array>
#include <cstring>
#include <iterator>

#include "check/findings.hpp"

namespace jixiao::check {
namespace {

// clang-format off
// In MessageId's order. {n} is the finding's n-th argument; the arguments
// each form expects are listed beside it.
constexpr MessageForm kForms[] = {
  // Plain: 0 message_zh, 1 message_en
  {"{0}", "{1}", nullptr, nullptr},

  // SumRow: 0 row (zh), 1 row (en), 2 总计, 3 sum of the funding columns, 4 difference, 5 amount unit
  {"{0}总计 {2} 不等于 财政拨款 + 财政专户拨款 + 其他资金 = {3}（相差 {4}{5}）",
   "{1}: 总计 {2} is not 财政拨款 + 财政专户拨款 + 其他资金 = {3} (difference {4} {5})",
   "核对该行各列金额，或把总计改为 {3}",
   "check the row's figures, or correct 总计 to {3}"},
  // SumColumn: 0 children (zh), 1 column (zh), 2 sum, 3 parent (zh), 4 parent's figure, 5 difference,
  // 6 amount unit, 7 children (en), 8 column (en), 9 parent (en)
  {"{0}的{1}之和 {2} 不等于{3}的{1} {4}（相差 {5}{6}）",
   "{7} add up to {2} {6} in {1} ({8}), but {9} prints {4} (difference {5} {6})",
   "核对{3}的{1}，或查找漏列、重列的行",
   "check {9}'s {1} figure, or look for a missing or repeated row"},

  // NoIndicators
  {"项目没有设置任何绩效指标", "the project sets no performance indicators",
   "按产出、效益、满意度设置绩效指标", "set indicators for 产出, 效益 and 满意度"},
  // Withheld: 0 the withheld text
  {"项目内容以保密为由未公开（“{0}”）", "the project's content is withheld as confidential ('{0}')",
   "确属涉密的可不公开；否则补全绩效目标和指标",
   "if it is truly classified this is expected; otherwise publish its goal and indicators"},
  // EmptyGoal
  {"项目没有填写绩效目标", "the project states no 绩效目标 (goal)",
   "写明项目预期达到的产出和效果", "state the outputs and effects the project is expected to achieve"},
  // PlaceholderGoal: 0 the template text
  {"绩效目标是未填写的模板文字：“{0}”", "the goal is template text, not a goal: '{0}'",
   "填写项目的绩效目标", "write the project's goal"},
  // PlaceholderIndicator: 0 the cells (zh), 1 the cells (en), 2 the template text
  {"{0}未填写，只有模板文字“{2}”", "left unfilled ({1}): template text '{2}'",
   "填写具体的指标名称和指标值", "fill in the indicator's name and target value"},
  // NoTarget: 0 indicator name
  {"指标“{0}”没有指标值", "indicator '{0}' has no target value",
   "填写年度指标值（和实施周期指标值）", "fill in the annual (and whole-period) target value"},
  // NoOutput
  {"项目没有产出指标", "the project has no 产出 (output) indicator",
   "按数量、质量、时效设置产出指标", "set output indicators for 数量, 质量 and 时效"},
  // NoBenefit
  {"项目没有效益指标", "the project has no 效益 (benefit) indicator",
   "设置反映项目效果的效益指标（社会效益、经济效益、生态效益或可持续影响）",
   "set benefit indicators for the project's effect (social, economic, ecological or sustained)"},
  // NoBenefitOnlySatisfaction (domain.md §2: reviewers report 满意度 used in place of 效益)
  {"项目只有满意度指标，没有效益指标（满意度不能代替效益）",
   "the project has 满意度 but no 效益 (benefit) indicator; satisfaction is no substitute for effect",
   "设置反映项目效果的效益指标（社会效益、经济效益、生态效益或可持续影响）",
   "set benefit indicators for the project's effect (social, economic, ecological or sustained)"},
  // NoSatisfaction
  {"项目没有服务对象满意度指标", "the project has no 满意度 (service-user satisfaction) indicator",
   "设置服务对象满意度指标（政策 require-satisfaction 可关闭本项检查）",
   "set a satisfaction indicator (policy require-satisfaction turns this check off)"},
  // NoCost
  {"项目没有成本指标", "the project has no 成本 (cost) indicator",
   "设置成本指标（财预〔2021〕101号：经济成本、社会成本、生态环境成本）",
   "set cost indicators (101号: economic, social and ecological cost)"},
  // JunkDocument: 0 cells, 1 cells with the figure, 2 the figure
  {"{0} 个指标值中有 {1} 个是同一个数字 {2}，不是真实的指标值",
   "{1} of {0} target values are the same bare figure {2}: numeric junk, not targets",
   "逐项填写真实的指标值和计量单位", "fill in each indicator's real target value and unit"},
  // JunkProject: 0 indicators, 1 the figure
  {"项目的 {0} 个指标的指标值都是同一个数字 {1}，不是真实的指标值",
   "every target of the project's {0} indicators is the same bare figure {1}: numeric junk, not targets",
   "逐项填写真实的指标值和计量单位", "fill in each indicator's real target value and unit"},

  // LevelMissing: 0 indicator name, 1 what is missing (zh), 2 (en)
  {"指标“{0}”缺少{1}", "indicator '{0}' lacks {2}",
   "补上该指标所属的指标层级", "state the level the indicator belongs to"},
  // Level1Unknown: 0 the printed 一级
  {"一级指标“{0}”不是已知的指标层级", "一级 '{0}' is not a known level",
   "改为 产出指标、效益指标、满意度指标 或 成本指标", "use 产出指标, 效益指标, 满意度指标 or 成本指标"},
  // Level2Unknown: 0 the printed 二级
  {"二级指标“{0}”不是已知的指标层级", "二级 '{0}' is not a known level",
   "改为 数量、质量、时效、成本、经济效益、社会效益、生态效益、可持续影响 或 服务对象满意度指标",
   "use one of the 二级 levels of the accepted trees (数量指标 … 服务对象满意度指标)"},
  // LevelMisspelled: 0 printed level, 1 the level its code names, 2 the code
  {"指标层级“{0}”名称有误，按编码读作{1}", "level '{0}' is misspelled; read by its code as {1}",
   "改为 {2}-{1}", "write {2}-{1}"},
  // CodeMismatch: 0 printed level, 1 its code, 2 the name's level, 3 that level's code
  {"指标层级“{0}”的编码 {1} 与名称不符：{2}的编码是 {3}",
   "level '{0}': code {1} does not match the name; {2} is coded {3}",
   "改为 {3}-{2}，或核对该指标应属的层级", "write {3}-{2}, or check which level the indicator belongs to"},
  // WrongParent: 0 the 二级, 1 the 一级, 2 the 二级's own 一级
  {"二级指标{0}不属于一级指标{1}（应在{2}下）", "二级 {0} does not belong under 一级 {1} (it belongs under {2})",
   "把该指标移到{2}下，或改正二级指标", "move the indicator under {2}, or correct its 二级"},
  // MisfiledQuantity: 0 indicator name
  {"“{0}”是数量类指标，却填在质量指标下", "'{0}' counts a quantity but is filed under 质量指标",
   "移到数量指标下，或改为衡量质量的指标（如验收合格率）",
   "move it under 数量指标, or replace it with a quality measure (such as a pass rate)"},
  // MisfiledEffect: 0 indicator name, 1 the level it is filed under
  {"“{0}”描述的是效果，却填在产出指标（{1}）下", "'{0}' states an effect but is filed under 产出指标 ({1})",
   "移到效益指标下，或改写为可计量的产出", "move it under 效益指标, or restate it as a measurable output"},

  // VagueRate: 0 the target's words
  {"指标值“{0}”只有方向或口径，没有可考核的程度",
   "target '{0}' gives a direction or a yardstick but no degree that can be assessed",
   "该指标是比率，写成百分比，如“≥95%”", "the indicator is a rate: state it as a percentage, e.g. ≥95%"},
  // Vague: 0 the target's words
  {"指标值“{0}”只有方向或口径，没有可考核的程度",
   "target '{0}' gives a direction or a yardstick but no degree that can be assessed",
   "能量化的给出数值（如“≥x%”“≤x天”），不能量化的写明分级分档标准",
   "give a figure where one is possible (≥x%, ≤x days), else graded levels (分级分档)"},
  // Descriptive: 0 the target
  {"指标值是一段描述“{0}”，不是可考核的目标值",
   "the target is a description ('{0}'), not a value that can be assessed",
   "给出数值目标，或写明可判定达成与否的分级标准",
   "give a figure, or graded levels that decide whether it was met"},
  // PercentOver: 0 indicator name, 1 target, 2 the limit
  {"“{0}”的指标值 {1} 超过 {2}%", "'{0}': target {1} is above {2}%",
   "比率不超过 100%；核对数值或计量单位", "a share cannot exceed 100%; check the figure or its unit"},
  // CeilingOnHigher: 0 indicator name, 1 target, 2 its figure, 3 its unit
  {"“{0}”越高越好，指标值“{1}”却是上限", "'{0}' is better when higher, but the target '{1}' is a ceiling",
   "改为“≥{2}{3}”", "write ≥{2}{3}"},
  // FloorOnLower: as CeilingOnHigher
  {"“{0}”越低越好，指标值“{1}”却是下限", "'{0}' is better when lower, but the target '{1}' is a floor",
   "改为“≤{2}{3}”", "write ≤{2}{3}"},
  // RateWithoutPercent: 0 indicator name, 1 target, 2 its comparator, 3 its figure
  {"“{0}”是比率，指标值“{1}”却没有 %", "'{0}' is a rate, but its target '{1}' has no %",
   "写成“{2}{3}%”", "write {2}{3}%"},
  // UnitMissing: 0 indicator name, 1 the figure, 2 the units the name suggests
  {"“{0}”的指标值“{1}”没有计量单位", "'{0}': the target '{1}' has no unit",
   "补上计量单位（如{2}）", "add the unit ({2})"},

  // BoilerplateGoal: 0 projects, 1 their names
  {"{0} 个项目的绩效目标一字不差：{1}", "{0} projects share the same goal word for word: {1}",
   "按各项目的具体任务分别编写绩效目标", "write each project's goal from its own tasks"},
  // BoilerplateIndicators: 0 projects, 1 their names, 2 indicators
  {"{0} 个项目的指标设置完全相同（{2} 个指标）：{1}", "{0} projects set the same {2} indicators: {1}",
   "按各项目的产出和效果分别设置指标和指标值", "set each project's indicators from its own outputs and effects"},
  // PeriodAnnual: 0 annual target, 1 whole-period target
  {"年度指标值“{0}”大于实施周期指标值“{1}”：累计的量一年不应超过整个实施周期",
   "annual target '{0}' exceeds the whole-period target '{1}'; an accumulating quantity cannot be larger in "
   "one year than over the whole period",
   "核对两个指标值：实施周期值应不小于年度值（多年项目为各年度之和）",
   "check both values: the whole-period target is at least the annual one (the sum of the years)"},
  // CostOverBudget: 0 target, 1 budget, 2 amount unit, 3 excess
  {"成本指标值“{0}”超过项目预算 {1}{2}（超出 {3}{2}）",
   "cost target '{0}' exceeds the project's budget of {1} {2} (by {3} {2})",
   "把成本上限改为不超过 {1}{2}，或核对预算数", "cap the cost at {1} {2} at most, or check the budget"},
  // DuplicateIndicator: 0 indicator name, 1 first item, 2 repeated item
  {"指标“{0}”在本项目中重复出现（第 {1} 条与第 {2} 条）",
   "indicator '{0}' appears twice in the project (items {1} and {2})",
   "删去重复的指标，或改为不同的考核内容", "remove the repeated indicator, or make it measure something else"},
  // ComparatorSpelling: 0 the spellings (zh), 1 (en)
  {"比较符写法不统一或使用了变体符号：{0}", "comparators written several ways or with variant glyphs: {1}",
   "统一使用标准符号 ≥、≤、>、<（≧ 应写作 ≥）",
   "write each comparator one way, with the standard symbol (≥ ≤ > <; ≧ is ≥)"},
  // CorpusBoilerplate: 0 what (zh), 1 other tables, 2 where (zh), 3 " 等" or "", 4 what (en),
  // 5 where (en), 6 " …" or ""
  {"{0}与另外 {1} 份表中的项目相同（{2}{3}）", "the same {4} appears in {1} other table(s): {5}{6}",
   "按本项目本年度的实际内容重新编写，避免照搬其他单位或往年的表述",
   "write the targets for this project and year instead of copying another table's"},
};
// clang-format on

static_assert(std::size(kForms) == static_cast<std::size_t>(MessageId::Count_),
              "one form per MessageId, in its order");

// Whether a form's text is plain text and {n} fields only (n one digit,
// below MessageArgs::kMax): all format_message substitutes, with no
// escaped braces, widths or other format specs.
constexpr bool numbered_fields_only(const char* s) {
  if (s == nullptr) return true;
  for (; *s != '\0'; ++s) {
    if (*s == '}') return false;
    if (*s != '{') continue;
    if (s[1] < '0' || s[1] >= '0' + MessageArgs::kMax || s[2] != '}') return false;
    s += 2;
  }
  return true;
}

constexpr bool every_form_numbered_fields_only() {
  for (const MessageForm& f : kForms) {
    if (!numbered_fields_only(f.message_zh) || !numbered_fields_only(f.message_en) ||
        !numbered_fields_only(f.fix_zh) || !numbered_fields_only(f.fix_en))
      return false;
  }
  return true;
}

static_assert(every_form_numbered_fields_only(),
              "a form is plain text and {0} … {9}: format_message substitutes nothing else");

}  // namespace

const MessageForm& message_form(MessageId id) { return kForms[static_cast<std::size_t>(id)]; }

// The fields are substituted here rather than by fmt::vformat_to: the forms
// hold nothing but {n} (checked above, when compiled), and fmt's parsing of
// each field, through a back_inserter, cost more than a message's copy
// (the --jsonl report formats each message it has not said before: 13,000
// parts on the 30 MB summary corpus). An argument past args.size() is empty.
void format_message(MessageId id, MessagePart part, const MessageArgs& args, std::string& out) {
  const MessageForm& form = message_form(id);
  const char* text = part == MessagePart::MessageZh   ? form.message_zh
                     : part == MessagePart::MessageEn ? form.message_en
                     : part == MessagePart::FixZh     ? form.fix_zh
                                                      : form.fix_en;
  if (!text) return;
  // '{' is ASCII: it never occurs inside a UTF-8 sequence.
  for (const char* open; (open = std::strchr(text, '{')) != nullptr; text = open + 3) {
    out.append(text, static_cast<std::size_t>(open - text));
    const int i = open[1] - '0';
    if (i < args.size()) out.append(args[i]);
  }
  out.append(text);
}

}  // namespace jixiao::check
