// The rule engine: a table of rules, each a stable id, a default severity and
// a function over the model that emits findings.
//
// Rules read the model only; they never re-read text or special-case a
// source. Thresholds and vocabularies come from the Policy, so a department
// changes what is checked by policy file, not by code. Findings come back in
// document order: document-wide first, then by unit, project and indicator,
// and within one place in the order of the rule table.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "check/findings.hpp"
#include "check/policy.hpp"
#include "check/score.hpp"
#include "model/document.hpp"

namespace jixiao::check {

class CorpusBoilerplate;

struct RuleInfo {
  std::string_view id;  // "sum.project-row"
  Severity severity;    // default; a policy may override it or switch it off
  std::string_view summary_en;
};

// Every rule, in the order the engine runs them (docs/CHECK.md lists them).
const std::vector<RuleInfo>& rule_table();

// A policy compiled once (vocabularies sorted and keyed) for many documents.
class Checker {
 public:
  explicit Checker(const Policy& policy = default_policy());
  ~Checker();
  Checker(Checker&&) noexcept;
  Checker& operator=(Checker&&) noexcept;

  std::vector<Finding> check(const Document& doc) const;

  // check and score_projects together, sharing the work both need.
  struct Review {
    std::vector<Finding> findings;
    DocumentScore score;
  };
  Review review(const Document& doc) const;
  // review, and corpus.add(document, doc, label) with the keys the review
  // made: a goal's vocabulary key is made once for both.
  Review review(const Document& doc, CorpusBoilerplate& corpus, std::size_t document,
                const std::string& label) const;

  const Policy& policy() const;

 private:
  struct Compiled;
  std::unique_ptr<const Compiled> compiled_;
};

// One-off convenience: Checker(policy).check(doc).
std::vector<Finding> check_document(const Document& doc, const Policy& policy = default_policy());

}  // namespace jixiao::check
