// The two forms `jixiao check` prints: a readable report, and JSON in the
// stable `jixiao-check/1` format documented in docs/CHECK.md (keys always
// present and in a fixed order, null where a value does not apply).
#pragma once

#include <functional>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "check/findings.hpp"
#include "check/score.hpp"

namespace jixiao {
class JsonWriter;
}

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
// checking. (A JsonReportBuilder given every document.)
void write_json_report(std::ostream& out, const std::vector<CheckedDocument>& docs, const std::string& policy);

// The jixiao-check/1 report made one document at a time, so that a corpus's
// findings are never all in memory: each document's score and findings are
// kept as a compact record as soon as it is added (the Finding's strings
// dropped), and only what the report's heads and summary need is kept apart
// (path, department, counts, mean). write() then expands the records into
// the report, byte for byte what write_json_report gives for the same
// documents.
//
// A record holds the numbers as varints, a name the finding before it had
// (unit, project, indicator) as a back-reference, and a text seen before
// (messages, fixes, fields: most are fixed phrases) as the number of its
// first copy; so it is about a fifteenth of its JSON. The records gather in
// a buffer of `memory_bytes`, which is emptied into a temporary file each
// time it fills (the file held the JSON before: a hundred megabytes on 50 MB
// of tables, written and read back). The buffer is reused rather than grown:
// holding every record in one growing buffer faulted in twice its size
// (each growth copies), and a page fault cost more than the file's write.
class JsonReportBuilder {
 public:
  static constexpr std::size_t kDefaultMemoryBytes = std::size_t{1} << 20;

  // `policy` as for json_report. `memory_bytes`: how much of the records is
  // gathered in memory before it goes to the temporary file (0: every record
  // goes there at once; tests use it). A corpus whose records fit makes no
  // file.
  explicit JsonReportBuilder(std::string policy, std::size_t memory_bytes = kDefaultMemoryBytes);
  ~JsonReportBuilder();
  JsonReportBuilder(const JsonReportBuilder&) = delete;
  JsonReportBuilder& operator=(const JsonReportBuilder&) = delete;

  // The next document (numbered from 0); its findings are not kept.
  void add(const CheckedDocument& doc);
  // A finding on an added document that is known only once later documents
  // are seen (corpus boilerplate): listed after the document's own findings,
  // in the order added here.
  void add_late(std::size_t document, Finding finding);

  std::size_t size() const;
  // Whether any document has a finding at or above `s` (its late ones too).
  bool any_at_or_above(Severity s) const;

  // The report, once every document is added. Throws std::runtime_error
  // when the temporary file could not be made, written or read back.
  void write(std::ostream& out);

 private:
  struct Kept;
  class Records;
  std::string policy_;
  std::vector<Kept> docs_;
  std::unique_ptr<Records> records_;
};

// The jixiao-check/1 report as JSON Lines (`check --jsonl`, docs/CHECK.md):
// compact, one line per document written as soon as the document is added,
// so that nothing of a document outlives its line but its path, department
// and mean (the corpus findings and the summary name them). Every line is an
// object whose first member, "line", says what it holds:
//
//   {"line":"head","format":"jixiao-check/1","policy":…}           first
//   {"line":"document","document":i,"path":…,…,"findings":[…]}       one per document
//   {"line":"corpus","document":i,"path":…,"finding":{…}}           after the documents
//   {"line":"summary","documents":…,"counts":…,"ranking":[…]}       last
//
// A document line has the members of a document of the --json report, with
// `counts` and `findings` its own findings; the corpus lines that name it
// (boilerplate across tables, known only once every table is seen) add
// theirs, in the order --json lists them after the document's own.
//
// Findings are written straight from the Finding (no records, no temporary
// file) into one buffer that is reused line after line and handed to `out`
// in blocks. A message is formatted and escaped once per form and texts
// (most findings repeat a message said before) and copied after.
class JsonLinesReport {
 public:
  // Writes the head line.
  JsonLinesReport(std::ostream& out, const std::string& policy);
  ~JsonLinesReport();
  JsonLinesReport(const JsonLinesReport&) = delete;
  JsonLinesReport& operator=(const JsonLinesReport&) = delete;

  // The next document (numbered from 0): its line is written now, and its
  // findings may go (they are views of the Document: it must live until this
  // returns).
  void add(const CheckedDocument& doc);
  // A finding on an added document known only at the end (corpus boilerplate).
  void add_late(std::size_t document, const Finding& finding);
  // The summary line, then everything is handed to the stream. `more` may
  // add members after the summary's own (the --db ranking of departments),
  // to a compact writer placed inside the summary object.
  void finish(const std::function<void(JsonWriter&)>& more = {});

  std::size_t size() const;
  // Whether any finding written so far is at or above `s`.
  bool any_at_or_above(Severity s) const;

 private:
  struct Kept;
  class Writer;
  std::ostream& out_;
  std::vector<Kept> docs_;
  std::unique_ptr<Writer> writer_;
  int errors_ = 0, warnings_ = 0, notices_ = 0, unreadable_ = 0;
};

}  // namespace jixiao::check
