#include "check/findings.hpp"

#include <algorithm>
#include <cassert>

namespace jixiao::check {

void Location::keep_names() {
  auto kept = std::make_shared<std::array<std::string, 4>>(std::array<std::string, 4>{
      std::string(unit_name), std::string(project_name), std::string(indicator_name), std::string(field)});
  unit_name = (*kept)[0];
  project_name = (*kept)[1];
  indicator_name = (*kept)[2];
  field = (*kept)[3];
  kept_ = std::move(kept);
}

MessageArgs::MessageArgs(std::initializer_list<std::string_view> views) {
  for (std::string_view v : views) view(v);
}

void MessageArgs::view(std::string_view s) {
  assert(count_ < kMax && "a message form takes at most kMax texts");
  args_[count_++] = Arg{s.data(), static_cast<std::uint32_t>(s.size()), -1};
}

void MessageArgs::copy(std::string_view s) {
  assert(count_ < kMax && "a message form takes at most kMax texts");
  args_[count_++] =
      Arg{nullptr, static_cast<std::uint32_t>(s.size()), static_cast<std::int32_t>(kept_.size())};
  kept_.append(s);
}

std::string_view MessageArgs::operator[](int i) const {
  const Arg& a = args_[i];
  return a.offset < 0 ? std::string_view(a.data, a.size) : std::string_view(kept_).substr(a.offset, a.size);
}

void MessageArgs::keep() {
  for (int i = 0; i < count_; ++i) {
    Arg& a = args_[i];
    if (a.offset >= 0) continue;
    const std::string_view s(a.data, a.size);
    a.offset = static_cast<std::int32_t>(kept_.size());
    a.data = nullptr;
    kept_.append(s);
  }
}

void Finding::append(MessagePart part, std::string& out) const { format_message(message, part, args, out); }

std::string Finding::message_zh() const {
  std::string s;
  append(MessagePart::MessageZh, s);
  return s;
}

std::string Finding::message_en() const {
  std::string s;
  append(MessagePart::MessageEn, s);
  return s;
}

bool Finding::has_fix() const { return message_form(message).fix_zh != nullptr; }

std::optional<std::string> Finding::fix_zh() const {
  if (!has_fix()) return std::nullopt;
  std::string s;
  append(MessagePart::FixZh, s);
  return s;
}

std::optional<std::string> Finding::fix_en() const {
  if (!has_fix()) return std::nullopt;
  std::string s;
  append(MessagePart::FixEn, s);
  return s;
}

void Finding::keep() {
  where.keep_names();
  for (Location& l : related) l.keep_names();
  args.keep();
}

Finding plain_finding(std::string_view rule, Severity severity, std::string_view message_zh,
                      std::string_view message_en) {
  Finding f;
  f.rule = rule;
  f.severity = severity;
  f.message = MessageId::Plain;
  f.args.copy(message_zh);
  f.args.copy(message_en);
  return f;
}

const char* family_of(std::string_view rule_id) {
  if (rule_id.starts_with("sum.")) return "arithmetic";
  if (rule_id.starts_with("taxonomy.")) return "taxonomy";
  if (rule_id.starts_with("complete.")) return "completeness";
  if (rule_id.starts_with("measure.")) return "measurability";
  if (rule_id.starts_with("consist.")) return "consistency";
  return "";
}

int severity_rank(Severity s) {
  switch (s) {
    case Severity::Error:
      return 2;
    case Severity::Warning:
      return 1;
    case Severity::Notice:
      return 0;
  }
  return 0;
}

int count_severity(const std::vector<Finding>& findings, Severity s) {
  return static_cast<int>(
      std::count_if(findings.begin(), findings.end(), [&](const Finding& f) { return f.severity == s; }));
}

bool any_at_or_above(const std::vector<Finding>& findings, Severity s) {
  return std::any_of(findings.begin(), findings.end(),
                     [&](const Finding& f) { return severity_rank(f.severity) >= severity_rank(s); });
}

}  // namespace jixiao::check
