// What a table prints above its rows: title, 部门名称 (with budget code),
// 单位：万元, the budget year; and the repair of an OCR-damaged department
// name from the unit rows of the same document.
#pragma once

#include <string>
#include <string_view>

#include "model/document.hpp"
#include "read/source.hpp"

namespace jixiao {

// Reads lines [from, to) of the source into doc's title, department,
// department_code, amount_unit and year, where they are printed.
void read_preamble(const Source& src, int from, int to, Document& doc);

// Reads one 部门名称 text ("209101天津市河西区人民法院", "广州市X 单位：万元")
// into doc's department, code and amount unit.
void read_department(std::string_view text, Document& doc);

// False when read_department cannot find a budget code in `text`: one
// opens it, six digits or more bare, three or more in brackets. A cheap
// test before read_department where only a code counts (split_tables).
bool may_open_with_budget_code(std::string_view text);

// A year the title states ("2023年", "-2023中央"), or 0. `strength`, when
// given, is 2 for a year marked as the budget year (中央, 年度 …), 1 for one
// set off by a dash, 0 otherwise.
int year_in_title(std::string_view title, int* strength = nullptr);

// When the department name shows OCR damage and a unit row spells a
// similar name, the unit's spelling is taken (with a diagnostic).
void repair_department(Document& doc);

}  // namespace jixiao
