#include "check/findings.hpp"

#include <algorithm>

namespace jixiao::check {

const char* family_of(std::string_view rule_id) {
  if (rule_id.starts_with("sum.")) return "arithmetic";
  if (rule_id.starts_with("taxonomy.")) return "taxonomy";
  if (rule_id.starts_with("complete.")) return "completeness";
  if (rule_id.starts_with("measure.")) return "measurability";
  if (rule_id.starts_with("consist.")) return "consistency";
  return "";
}

int severity_rank(Severity s) {
  switch (s) {
    case Severity::Error:
      return 2;
    case Severity::Warning:
      return 1;
    case Severity::Notice:
      return 0;
  }
  return 0;
}

int count_severity(const std::vector<Finding>& findings, Severity s) {
  return static_cast<int>(
      std::count_if(findings.begin(), findings.end(), [&](const Finding& f) { return f.severity == s; }));
}

bool any_at_or_above(const std::vector<Finding>& findings, Severity s) {
  return std::any_of(findings.begin(), findings.end(),
                     [&](const Finding& f) { return severity_rank(f.severity) >= severity_rank(s); });
}

}  // namespace jixiao::check
