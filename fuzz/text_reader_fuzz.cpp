// libFuzzer entry: arbitrary bytes through the whole text pipeline
// (read → recognise → model), out as jixiao/1 JSON, and through the review
// (check → score → the --jsonl and readable reports, with the document given
// twice so that the corpus boilerplate rules fire). Any crash, sanitizer
// report, hang or escaping exception is a finding: the parser must turn bad
// input into diagnostics and the checker must review whatever it made.
#include <cstddef>
#include <cstdint>
#include <sstream>
#include <string_view>
#include <vector>

#include "check/corpus.hpp"
#include "check/report.hpp"
#include "check/rules.hpp"
#include "model/json.hpp"
#include "recognise/parse.hpp"

namespace {

void review_twice(const jixiao::Document& doc) {
  using namespace jixiao::check;
  static const Checker checker;  // compiled once: the policy's word lists are the same for every input
  CorpusBoilerplate corpus(checker.policy());
  std::ostringstream lines_out;
  JsonLinesReport lines(lines_out, "default");
  std::vector<CheckedDocument> kept;
  for (std::size_t k = 0; k < 2; ++k) {
    Checker::Review r = checker.review(doc, corpus, k, "fuzz-input.txt");
    CheckedDocument c;
    c.path = "fuzz-input.txt";
    c.findings = std::move(r.findings);
    c.score = std::move(r.score);
    lines.add(c);
    for (Finding& f : c.findings) f.keep();  // as the readable report does (check/findings.hpp)
    kept.push_back(std::move(c));
  }
  for (const CorpusFinding& cf : corpus.findings()) {
    lines.add_late(cf.document, cf.finding);
    kept[cf.document].findings.push_back(cf.finding);
  }
  lines.finish();
  (void)text_report(kept);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  const jixiao::Document doc = jixiao::parse_text(bytes, "fuzz-input.txt");

  (void)jixiao::to_json(doc).dump();

  jixiao::JsonOptions full;
  full.with_provenance = true;
  full.with_structured_targets = true;
  (void)jixiao::to_json(doc, full).dump();

  // As `jixiao check` does: a table with an error diagnostic is reported
  // unreadable, not reviewed.
  if (!jixiao::has_errors(doc)) review_twice(doc);
  return 0;
}
