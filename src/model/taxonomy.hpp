// The indicator taxonomy (指标体系): canonical 一级/二级 levels with codes.
//
// Both trees that domain.md describes are accepted: 成本指标 as a 二级 under
// 产出指标 (classic forms) and 成本指标 as its own 一级 with 经济/社会/生态环境
// 成本指标 (财预〔2021〕101号). Printed level names are resolved through a
// synonyms table kept as data (data/level_synonyms.tsv, compiled in), so
// `1-产出指标`, `产出指标(50分)`, `22-社会效益` and `社会效益指标` all land on
// their canonical level.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace jixiao {

enum class Level1 { Output, Benefit, Satisfaction, Cost };

enum class Level2 {
  Quantity,        // 11 数量指标
  Quality,         // 12 质量指标
  Timeliness,      // 13 时效指标
  Cost,            // 14 成本指标 (under 产出)
  Economic,        // 21 经济效益指标
  Social,          // 22 社会效益指标
  Ecological,      // 23 生态效益指标
  Sustainable,     // 24 可持续影响指标
  Satisfaction,    // 31 服务对象满意度指标
  EconomicCost,    // 经济成本指标 (under 成本, 101号)
  SocialCost,      // 社会成本指标
  EcologicalCost,  // 生态环境成本指标
};

const char* level1_name(Level1 l);  // "产出指标" …
const char* level2_name(Level2 l);  // "数量指标" …
// Codes as the Guangdong tables print them ("1", "11"). The 101号 cost levels
// have no published code; they get "4" and "41".."43" here, marked internal.
const char* level1_code(Level1 l);
const char* level2_code(Level2 l);
// The 一级 a 二级 normally sits under (Cost → Output in the classic tree).
Level1 natural_parent(Level2 l);
// Whether `child` may sit under `parent` in either accepted tree.
bool is_valid_parent(Level1 parent, Level2 child);

// Resolves a printed level name: strips codes (`1-`, `22-`), decorations
// (`(50分)`, `(必填硬性指标)`), inner spaces, and looks the rest up in the
// synonyms table. nullopt when unknown.
std::optional<Level1> resolve_level1(std::string_view printed);
std::optional<Level2> resolve_level2(std::string_view printed);

// True when the text starts with a level name standing as a token (with its
// code, its 指标 suffix, a decoration, or a separator after it); `consumed`
// receives the bytes that made the match. Used to find indicator starts in
// running text, where a bare "质量" inside "质量良好" must not count.
bool starts_with_level1(std::string_view text, std::size_t* consumed);
bool starts_with_level2(std::string_view text, std::size_t* consumed);

}  // namespace jixiao
