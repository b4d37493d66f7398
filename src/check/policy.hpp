// The review policy: thresholds and vocabularies the rules apply.
//
// domain.md finds no numeric minimum in the published rules ("≥1 per 一级",
// "定量 ≥ x%"), so every threshold here is a documented default a finance
// department may change, never a law built into a rule. Defaults come from
// this struct and data/check_vocabulary.tsv (compiled in); a policy file
// (docs/CHECK.md) changes them:
//
//   # comments
//   require-satisfaction = false        # settings: key = value
//   severity.measure.vague-qualitative = off
//   vague<TAB>见成效                      # vocabulary rows, as in the data file
//   -vague<TAB>达到                       # remove a row
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "model/decimal.hpp"
#include "model/document.hpp"

namespace jixiao::check {

struct Policy {
  // Completeness: which 一级 every project must cover. 中发〔2018〕34号 asks for
  // 产出, 效益 and 满意度; 10号 lets 满意度 be left out (its weight merges
  // into 效益), so it is a notice. 成本 as its own 一级 is 101号's tree, "供参考
  // 试行", hence off by default.
  bool require_output = true;
  bool require_benefit = true;
  bool require_satisfaction = true;
  bool require_cost = false;

  // Arithmetic: the largest |difference| that still counts as equal. Tables
  // print rounded 万元, so a department may allow 0.01; exact by default.
  Decimal sum_tolerance{0, 0};

  // Numeric junk ("88100" in every cell): a project whose targets are all one
  // bare figure, over at least this many indicators; or a document where one
  // bare figure fills this share (percent) of at least this many cells.
  int junk_min_indicators = 3;
  int junk_document_min_cells = 6;
  int junk_document_share = 80;
  std::vector<std::string> junk_exempt_numbers = {"0", "100"};  // legitimately repeated

  // Placeholders (待单位补充, 保密项目) are short template text: a cell longer
  // than this many characters is content, whatever words it contains.
  int placeholder_max_chars = 120;

  // Measurability: a text target of at least this many characters with no
  // figure is prose, not a target value.
  int descriptive_min_chars = 8;
  Decimal percent_limit{100, 0};

  // Boilerplate: identical indicator sets of at least this many indicators,
  // identical goals of at least this many characters.
  int boilerplate_min_indicators = 3;
  int boilerplate_min_goal_chars = 12;

  // Score weights (score.hpp); they need not add to 100, the score is scaled.
  int weight_completeness = 40;
  int weight_measurability = 40;
  int weight_consistency = 20;

  // Per-rule severity override; nullopt switches the rule off.
  std::map<std::string, std::optional<Severity>, std::less<>> severity;

  // list name → rows (entry, extra fields…), from data/check_vocabulary.tsv.
  std::map<std::string, std::vector<std::vector<std::string>>, std::less<>> vocabulary;

  // The first field of every row of a list ({} when the list is absent).
  std::vector<std::string> words(std::string_view list) const;
};

// The built-in policy (the defaults above and the compiled-in vocabulary).
const Policy& default_policy();

// Applies a policy file's text on top of `policy`. Returns false and sets
// `error` to "line N: what was expected" on the first line it cannot read;
// `policy` is then unchanged.
bool apply_policy(std::string_view text, Policy& policy, std::string* error);

}  // namespace jixiao::check
