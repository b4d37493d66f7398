// Tree (indented) tables: no column heads at all, each level on its own
// line, deeper levels indented (or not, once a web page has flattened them):
//
//   某市园林绿化局                      ← unit (资金使用单位)
//     城市公园绿地养护 320.00          ← project, with its amounts
//       产出指标                       ← 一级
//         数量指标                     ← 二级
//           养护绿地面积               ← indicator
//             ≥150万平方米             ← its value, one a line
//
// A line is told by what it is, not where it stands: a level name resolves
// through the taxonomy, a value parses as a target, and a line followed by
// neither is a heading (the last heading before a 一级 is the project, one
// before that its unit).
#pragma once

#include "model/document.hpp"
#include "read/source.hpp"

namespace jixiao {

// True when lines that are whole 一级 and 二级 names stand alone (at least one
// 一级 and two 二级) and an indicator's value follows its name.
bool looks_like_outline(const Source& source);

Document recognise_outline(const Source& source);

}  // namespace jixiao
