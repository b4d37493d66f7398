// libFuzzer entry: arbitrary bytes through the whole text pipeline
// (read → recognise → model) and out as jixiao/1 JSON. Any crash, sanitizer
// report, hang or escaping exception is a finding: the parser must turn bad
// input into diagnostics, never fail.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "model/json.hpp"
#include "recognise/parse.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  const jixiao::Document doc = jixiao::parse_text(bytes, "fuzz-input.txt");
  (void)jixiao::has_errors(doc);

  (void)jixiao::to_json(doc).dump();

  jixiao::JsonOptions full;
  full.with_provenance = true;
  full.with_structured_targets = true;
  (void)jixiao::to_json(doc, full).dump();
  return 0;
}
