// What `jixiao check` reports: one Finding per problem a reviewer would raise.
//
// A finding names its rule (a stable id such as "sum.project-row"), its
// severity, a one-line message in Chinese and in English, and the exact place
// it applies: document, unit, project, indicator (indexes, names and the
// source span). Arithmetic findings carry the difference as exact decimal
// text; boilerplate findings list the other projects involved.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "model/document.hpp"

namespace jixiao::check {

// Where a finding applies. An index of -1 means "not at this level": a
// document-wide finding has unit = project = indicator = -1.
struct Location {
  int unit = -1;
  int project = -1;
  int indicator = -1;
  std::string unit_name;
  std::string project_name;
  std::string indicator_name;
  std::string field;  // the cell concerned: "goal", "annual_target", "total" … ("" for the whole node)
  SourceSpan span;
  std::string document;  // another table (corpus findings): its path, department and year; "" = this one
};

struct Finding {
  // Stable id, "family.name". A view of static text (the rule table's ids,
  // or a literal): a corpus has a finding every few indicators, and a copied
  // id was one more allocation each.
  std::string_view rule;
  Severity severity = Severity::Warning;
  std::string message_zh;
  std::string message_en;
  Location where;
  std::optional<std::string> fix_zh;  // a suggested repair, when one can be said
  std::optional<std::string> fix_en;
  std::optional<std::string> difference;  // arithmetic: found − expected, exact decimal text
  std::vector<Location> related;          // boilerplate: the other projects sharing the text
};

// The family a rule id belongs to, from its prefix: "arithmetic", "taxonomy",
// "completeness", "measurability", "consistency" ("" when unknown).
const char* family_of(std::string_view rule_id);

// Error = 2, Warning = 1, Notice = 0, so higher means more serious.
int severity_rank(Severity s);
int count_severity(const std::vector<Finding>& findings, Severity s);
bool any_at_or_above(const std::vector<Finding>& findings, Severity s);

}  // namespace jixiao::check
