// The per-project grid (central template, 中央绩效目标表): one table per
// project with labelled cells — 项目名称, 预算规模及资金用途 (预算数 / 其中：
// 财政资金 / 其他资金), 绩效目标 — then an indicator grid whose columns are
// named by a header row (一级指标 二级指标 三级指标 绩效指标描述 指标值 …).
// Merged cells arrive as empty cells and are carried down.
//
// Reads sources whose cells are known (Word export with one cell a line,
// tab-separated rows), recognising every label through the vocabulary.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "model/document.hpp"
#include "read/source.hpp"

namespace jixiao {

// True when the labels of this layout (项目名称, 一级指标, 指标值) occur in
// the first `line_limit` lines.
bool looks_like_project_grid(const Source& source, std::size_t line_limit = SIZE_MAX);

// The least line_limit for which looks_like_project_grid holds (the labels
// are all seen in that many lines; more lines never undo it), or 0 when it
// does not hold within `line_limit` lines.
std::size_t project_grid_labels_end(const Source& source, std::size_t line_limit = SIZE_MAX);

Document recognise_project_grid(const Source& source);

// A table's title line: "…绩效目标表", "…绩效目标申报表", "…项目绩效目标".
// `text` is valid UTF-8 (a reader's text, or a raw line checked to be).
bool is_table_title(std::string_view text);

// A head line "209101某某局 单位：万元" as a scan reads it, the label and unit
// perhaps garbled ("209101某某局 单位 :万7", "… 香位万元", or beyond reading:
// "… 站人 万7", a tail of at most 8 characters): its code and name
// ("209101某某局"), without the label; nullopt when the line is not one.
std::optional<std::string> coded_department_head(std::string_view text);

}  // namespace jixiao
