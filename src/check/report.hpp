// The two forms `jixiao check` prints: a readable report, and JSON in the
// stable `jixiao-check/1` format documented in docs/CHECK.md (keys always
// present and in a fixed order, null where a value does not apply).
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "check/findings.hpp"
#include "check/score.hpp"

namespace jixiao::check {

// One input's result. `unreadable` is set (and the rest empty) when the
// file could not be read or no table was recognised in it.
struct CheckedDocument {
  std::string path;
  std::optional<std::string> department;
  std::optional<std::string> unreadable;
  std::vector<Finding> findings;
  DocumentScore score;
};

std::string text_report(const std::vector<CheckedDocument>& docs);

// `policy` names where the policy came from: "default" or the file given.
nlohmann::ordered_json json_report(const std::vector<CheckedDocument>& docs, const std::string& policy);

// The same report written straight to `out`, byte for byte what
// json_report(docs, policy).dump(2) gives (with invalid UTF-8 replaced), but
// without building the tree: on a large corpus the tree cost more than the
// checking.
void write_json_report(std::ostream& out, const std::vector<CheckedDocument>& docs, const std::string& policy);

}  // namespace jixiao::check
