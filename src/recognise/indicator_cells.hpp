// The cells of one indicator as tables of many provinces print them: a name
// with numbering or unfilled template residue, a target split over 指标性质/
// 计算符号, 指标值 and 计量单位 columns, or the target written after the name
// ("机柜数量(≥77台)", "覆盖率100%").
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace jixiao {

// "大于等于", "≥", "=", "小于" …: a cell that holds only a comparator.
bool is_comparator_cell(std::string_view cell);

// Joins a split target as FORMAT.md says: comparator, value and unit in that
// order as printed. The comparator is left out when it is not one (指标性质
// printed as 定量/定性) or the value already starts with one; the unit is
// left out when the value already ends with it.
std::string join_target(std::string_view comparator, std::string_view value, std::string_view unit);

// True when a target has a comparator or a unit but no figure ("≥%",
// "大于等于 个"): the number was never filled in.
bool target_lacks_number(std::string_view target);

// "指标1:机柜数量(≥**%)" → "机柜数量": drops leading numbering (指标1：, 1.,
// 1、, (1), ①) and bracketed template residue made of placeholders
// (*, ＊, x, X, ×, …).
std::string clean_indicator_name(std::string_view name);

struct NameAndTarget {
  std::string name;
  std::string target;
};

// Splits a target printed after the name: a bracketed one at the end
// ("机柜数量(≥77台)") or, when `glued` allows, a figure glued to the name
// ("覆盖率100%", "满意度≥90%"). nullopt when the text ends in no target.
std::optional<NameAndTarget> split_trailing_target(std::string_view text, bool glued);

}  // namespace jixiao
