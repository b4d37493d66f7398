// The `jixiao/1` interchange format (docs/FORMAT.md) both ways.
#pragma once

#include <nlohmann/json.hpp>
#include <ostream>
#include <string>

#include "model/document.hpp"

namespace jixiao {

class JsonWriter;

struct JsonOptions {
  bool with_provenance = false;          // add "source" spans and "diagnostics" (extension fields)
  bool with_structured_targets = false;  // add "*_parsed" objects beside targets
};

// Writes the document as JSON to `out`, field by field (no JSON tree is
// built, so memory does not double on a large document). indent < 0 gives
// one compact line; invalid UTF-8 in text is written as U+FFFD.
void write_json(std::ostream& out, const Document& doc, const JsonOptions& options = {}, int indent = 2);
// The same into a writer that may go on with more (JsonWriter::raw between
// documents): one writer, and one buffer, for a whole stream of documents.
void write_json(JsonWriter& out, const Document& doc, const JsonOptions& options = {});
std::string json_text(const Document& doc, const JsonOptions& options = {}, int indent = 2);

// The same document as a JSON value (for tests and callers that edit it).
nlohmann::ordered_json to_json(const Document& doc, const JsonOptions& options = {});

// Reads a jixiao/1 document. Throws nlohmann::json::exception on a structure
// that is not jixiao/1; amounts that are not decimals are left empty and
// become Error diagnostics (amount.not-decimal) naming where they were.
// The provenance fields (source spans, source_path, layout, encoding,
// diagnostics) are read back when present, so with_provenance output
// re-imports as the same model.
Document document_from_json(const nlohmann::json& j);

}  // namespace jixiao
