// A per-project quality score, 0–100, from the model and its findings.
//
//   completeness   share of the required parts present: a goal; indicators
//                  the project set itself; one per 一级 the policy requires
//                  (产出, 效益, 满意度, 成本); every indicator filled in.
//   measurability  mean over the project's indicators of: the target's kind
//                  (figure or period 1.0, qualitative 0.6, prose 0.2, none 0)
//                  less 0.5 per measure.* warning and 0.25 per notice on it.
//   consistency    100 less 40 per error, 20 per warning, 10 per notice of
//                  the arithmetic, taxonomy and consistency families on the
//                  project or its indicators (boilerplate counts for every
//                  project that shares the text).
//   score          the three weighted by the policy (40/40/20 by default).
//
// All parts are rounded to whole numbers and clamped to 0–100. A project
// that sets no indicators of its own scores 0 for measurability.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "check/findings.hpp"
#include "check/policy.hpp"
#include "model/document.hpp"

namespace jixiao::check {

struct ProjectScore {
  int unit = 0;
  int project = 0;
  std::string unit_name;
  std::string project_name;
  int completeness = 0;
  int measurability = 0;
  int consistency = 0;
  int score = 0;
};

struct DocumentScore {
  std::vector<ProjectScore> projects;  // in document order
  std::optional<int> mean;             // rounded mean of the project scores; none without projects
};

DocumentScore score_projects(const Document& doc, const std::vector<Finding>& findings, const Policy& policy);

}  // namespace jixiao::check
