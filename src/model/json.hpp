// The `jixiao/1` interchange format (docs/FORMAT.md) both ways.
#pragma once

#include <nlohmann/json.hpp>
#include <string>

#include "model/document.hpp"

namespace jixiao {

struct JsonOptions {
  bool with_provenance = false;          // add "source" spans and "diagnostics" (extension fields)
  bool with_structured_targets = false;  // add "*_parsed" objects beside targets
};

nlohmann::ordered_json to_json(const Document& doc, const JsonOptions& options = {});

// Reads a jixiao/1 document. Throws nlohmann::json::exception on a structure
// that is not jixiao/1; amounts that are not decimals become diagnostics.
Document document_from_json(const nlohmann::json& j);

}  // namespace jixiao
