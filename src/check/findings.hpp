// What `jixiao check` reports: one Finding per problem a reviewer would raise.
//
// A finding names its rule (a stable id such as "sum.project-row"), its
// severity, the exact place it applies (document, unit, project, indicator:
// indexes, names and the source span), which message it says (a form in the
// message table, check/messages.hpp) and the few texts that message is
// filled in with. The Chinese and English message and fix are formatted
// only when they are written (the JSON and text reports, the store): a
// corpus has a finding every two indicators, and formatting eight strings
// for each when the rule fired cost more than the rule.
//
// Lifetime: the names of a finding's places and the texts its message is
// filled in with are views of the Document it was made from (and of static
// text). They stay valid while that Document lives and is not changed.
// keep() copies them into the finding, for a finding that outlives its
// Document (the readable report and the store keep findings; `check --json`
// writes them out first).
#pragma once

#include <array>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "check/messages.hpp"
#include "model/document.hpp"

namespace jixiao::check {

// Where a finding applies. An index of -1 means "not at this level": a
// document-wide finding has unit = project = indicator = -1.
struct Location {
  int unit = -1;
  int project = -1;
  int indicator = -1;
  // Views of the Document's names (or of what keep_names() copied).
  std::string_view unit_name;
  std::string_view project_name;
  std::string_view indicator_name;
  // The cell concerned: "goal", "annual_target", "total" … ("" for the whole
  // node). Static text, or kept by keep_names().
  std::string_view field;
  SourceSpan span;
  std::string document;  // another table (corpus findings): its path, department and year; "" = this one

  // Copies the names and field, so that this Location (and its copies, which
  // share the copy) no longer depends on the Document.
  void keep_names();

 private:
  std::shared_ptr<const std::array<std::string, 4>> kept_;
};

// The texts a message form is filled in with ({0} … {9} in the form): views
// of the Document or of static text, or copies kept here (a figure written
// out, a list joined). Copies share one string and are addressed by offset,
// so moving the record keeps them valid.
class MessageArgs {
 public:
  static constexpr int kMax = 10;
  MessageArgs() = default;
  MessageArgs(std::initializer_list<std::string_view> views);
  void view(std::string_view s);  // refers to s: it must outlive the finding (or keep() be called)
  void copy(std::string_view s);  // keeps a copy
  int size() const { return count_; }
  std::string_view operator[](int i) const;
  void keep();  // makes every view a copy

 private:
  struct Arg {
    const char* data = nullptr;  // a view, when offset < 0
    std::uint32_t size = 0;
    std::int32_t offset = -1;  // into kept_
  };
  std::array<Arg, kMax> args_{};
  std::uint8_t count_ = 0;
  std::string kept_;
};

struct Finding {
  // Stable id, "family.name". A view of static text (the rule table's ids,
  // or a literal).
  std::string_view rule;
  Severity severity = Severity::Warning;
  Location where;
  MessageId message = MessageId::Plain;   // which form of the message table
  MessageArgs args;                       // what it is filled in with
  std::optional<std::string> difference;  // arithmetic: found − expected, exact decimal text
  std::vector<Location> related;          // boilerplate: the other projects sharing the text

  // The message and the suggested repair (when one can be said), formatted now.
  std::string message_zh() const;
  std::string message_en() const;
  std::optional<std::string> fix_zh() const;
  std::optional<std::string> fix_en() const;
  bool has_fix() const;
  // The same, appended to `out` (no allocation when `out` has room).
  void append(MessagePart part, std::string& out) const;

  // Copies every view into the Document (names, texts), so the finding
  // outlives it.
  void keep();
};

// A finding with its message given as text (MessageId::Plain; tests, and
// callers outside the rule table).
Finding plain_finding(std::string_view rule, Severity severity, std::string_view message_zh,
                      std::string_view message_en);

// The family a rule id belongs to, from its prefix: "arithmetic", "taxonomy",
// "completeness", "measurability", "consistency" ("" when unknown).
const char* family_of(std::string_view rule_id);

// Error = 2, Warning = 1, Notice = 0, so higher means more serious.
int severity_rank(Severity s);
int count_severity(const std::vector<Finding>& findings, Severity s);
bool any_at_or_above(const std::vector<Finding>& findings, Severity s);

}  // namespace jixiao::check
