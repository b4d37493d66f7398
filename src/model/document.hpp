// The model: one published 绩效目标表 as an exact, validated structure.
//
// Document → units (资金使用单位) → projects → indicators. Every node keeps
// the span of source it was read from, and the document carries the
// diagnostics the reader produced (partial or doubtful readings are reported
// there, never hidden). Serialised as `jixiao/1` by model/json.hpp.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "model/decimal.hpp"
#include "model/target.hpp"
#include "model/taxonomy.hpp"

namespace jixiao {

// Where a node came from. Lines are 1-based and inclusive; page is 0 when the
// source has no pages (plain text). Readers with geometry (PDF, scans) add
// the box the node occupies on `page` (its first page), in points for PDF and
// pixels for images, origin top left; x0 < 0 when unknown.
struct SourceSpan {
  int first_line = 0;
  int last_line = 0;
  int page = 0;
  double x0 = -1, y0 = -1, x1 = -1, y1 = -1;
  int last_page = 0;  // when the node continues onto later pages; 0 = same as page
};

struct Amounts {
  std::optional<Decimal> total;    // 总计 / 预算数
  std::optional<Decimal> fiscal;   // 财政拨款 / 财政资金
  std::optional<Decimal> special;  // 财政专户拨款
  std::optional<Decimal> other;    // 其他资金
  bool empty() const { return !total && !fiscal && !special && !other; }
};

struct Indicator {
  std::optional<Level1> level1;  // 一级指标; nullopt when unreadable
  std::optional<Level2> level2;  // 二级指标
  std::string level1_printed;    // as printed, for review and provenance
  std::string level2_printed;
  std::string name;                        // 三级指标
  std::optional<std::string> description;  // 绩效指标描述
  std::optional<Target> period_target;     // 实施周期指标值
  std::optional<Target> annual_target;     // 年度指标值 / 指标值
  std::optional<std::string> weight;       // 分值 / 权重
  std::optional<std::string> direction;    // 正向 / 反向
  std::optional<std::string> basis;        // 绩效标准 / 指标标准或依据
  std::optional<std::string> note;         // 指标解释 / 指标值说明
  SourceSpan span;
};

struct Project {
  std::optional<std::string> name;
  Amounts amounts;
  std::optional<std::string> purpose;  // 预算规模及资金用途
  std::optional<std::string> goal;     // 绩效目标
  std::vector<Indicator> indicators;
  SourceSpan span;
};

struct Unit {
  std::string name;
  std::optional<std::string> code;
  Amounts amounts;
  std::vector<Project> projects;
  SourceSpan span;
};

enum class Severity { Error, Warning, Notice };

// A reader's remark on the input: what it expected, where, and what it did.
struct Diagnostic {
  Severity severity = Severity::Warning;
  std::string code;  // stable id, e.g. "amount.unreadable"
  int line = 0;      // 1-based; 0 for the whole file
  int page = 0;
  std::string message;  // says what was expected and what was done
};

enum class DocumentKind { Project, Department };

struct Document {
  DocumentKind kind = DocumentKind::Project;
  std::optional<std::string> title;
  std::optional<std::string> department;
  std::optional<std::string> department_code;
  std::optional<int> year;
  std::string amount_unit = "万元";
  std::optional<Amounts> total;  // 合计
  std::vector<Unit> units;

  // Not part of the table: where it came from and what the reader noticed.
  std::string source_path;
  std::string layout;    // "summary", "project-grid" …
  std::string encoding;  // "utf-8", "gb18030" …
  std::vector<Diagnostic> diagnostics;
};

const char* severity_name(Severity s);

}  // namespace jixiao
