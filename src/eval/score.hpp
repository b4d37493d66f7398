// Field-level F1 of a reading against a gold reading, by the comparison rules
// of docs/FORMAT.md (the same rules as the independent referee score.py):
// NFKC and no white space for text, comparators written one way for
// targets, decimals for amounts, edit similarity for long texts, matching of
// projects and indicators by name.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace jixiao {

struct ScoreMiss {
  std::string where;
  std::string field;
  std::string gold;
  std::string got;
};

struct Score {
  double credit = 0;  // true positives (long texts earn partial credit)
  int gold_fields = 0;
  int predicted_fields = 0;
  std::vector<ScoreMiss> misses;
  double precision() const { return predicted_fields ? credit / predicted_fields : 0; }
  double recall() const { return gold_fields ? credit / gold_fields : 0; }
  double f1() const {
    double p = precision(), r = recall();
    return p + r > 0 ? 2 * p * r / (p + r) : 0;
  }
};

Score score_document(const nlohmann::json& gold, const nlohmann::json& predicted);

// NFKC without white space: the form text is compared in.
std::string normalize_for_comparison(const std::string& s);

}  // namespace jixiao
