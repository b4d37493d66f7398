#include "check/policy.hpp"

#include <algorithm>
#include <charconv>
#include <functional>

#include "jixiao_data.hpp"
#include "text/key.hpp"
#include "text/utf8.hpp"

namespace jixiao::check {
namespace {

using Rows = std::vector<std::vector<std::string>>;

void add_row(Policy& p, const std::vector<std::string_view>& fields) {
  std::vector<std::string> row;
  for (std::size_t i = 1; i < fields.size(); ++i) row.emplace_back(utf8::trim(fields[i]));
  if (row.empty() || row[0].empty()) return;
  p.vocabulary[std::string(utf8::trim(fields[0]))].push_back(std::move(row));
}

bool parse_bool(std::string_view v, bool* out) {
  if (v == "true" || v == "yes" || v == "on" || v == "1") return *out = true, true;
  if (v == "false" || v == "no" || v == "off" || v == "0") return *out = false, true;
  return false;
}

bool parse_int(std::string_view v, int* out) {
  int n = 0;
  auto [ptr, ec] = std::from_chars(v.data(), v.data() + v.size(), n);
  if (ec != std::errc() || ptr != v.data() + v.size() || n < 0) return false;
  *out = n;
  return true;
}

bool parse_decimal(std::string_view v, Decimal* out) {
  auto d = Decimal::parse(v);
  if (!d || d->mantissa() < 0) return false;
  *out = *d;
  return true;
}

std::vector<std::string> split_list(std::string_view v) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start <= v.size()) {
    std::size_t comma = v.find(',', start);
    if (comma == std::string_view::npos) comma = v.size();
    std::string_view item = utf8::trim(v.substr(start, comma - start));
    if (!item.empty()) out.emplace_back(item);
    start = comma + 1;
  }
  return out;
}

// "off" gives nullopt in *out (the rule is switched off).
bool parse_severity(std::string_view v, std::optional<Severity>* out) {
  if (v == "error")
    *out = Severity::Error;
  else if (v == "warning")
    *out = Severity::Warning;
  else if (v == "notice")
    *out = Severity::Notice;
  else if (v == "off")
    *out = std::nullopt;
  else
    return false;
  return true;
}

// One `key = value` setting; "" when done, else what was expected.
std::string apply_setting(Policy& p, std::string_view key, std::string_view value) {
  struct BoolKey {
    std::string_view key;
    bool Policy::*field;
  };
  static const BoolKey bools[] = {
      {"require-output", &Policy::require_output},
      {"require-benefit", &Policy::require_benefit},
      {"require-satisfaction", &Policy::require_satisfaction},
      {"require-cost", &Policy::require_cost},
  };
  struct IntKey {
    std::string_view key;
    int Policy::*field;
  };
  static const IntKey ints[] = {
      {"junk-min-indicators", &Policy::junk_min_indicators},
      {"junk-document-min-cells", &Policy::junk_document_min_cells},
      {"junk-document-share", &Policy::junk_document_share},
      {"descriptive-min-chars", &Policy::descriptive_min_chars},
      {"placeholder-max-chars", &Policy::placeholder_max_chars},
      {"boilerplate-min-indicators", &Policy::boilerplate_min_indicators},
      {"boilerplate-min-goal-chars", &Policy::boilerplate_min_goal_chars},
      {"weight-completeness", &Policy::weight_completeness},
      {"weight-measurability", &Policy::weight_measurability},
      {"weight-consistency", &Policy::weight_consistency},
  };
  for (const auto& b : bools) {
    if (key == b.key) return parse_bool(value, &(p.*b.field)) ? "" : "expected true or false";
  }
  for (const auto& i : ints) {
    if (key == i.key) return parse_int(value, &(p.*i.field)) ? "" : "expected a whole number ≥ 0";
  }
  if (key == "sum-tolerance") return parse_decimal(value, &p.sum_tolerance) ? "" : "expected a decimal ≥ 0";
  if (key == "percent-limit") return parse_decimal(value, &p.percent_limit) ? "" : "expected a decimal ≥ 0";
  if (key == "junk-exempt-numbers") {
    p.junk_exempt_numbers = split_list(value);
    return "";
  }
  if (key.starts_with("severity.")) {
    std::optional<Severity> s;
    if (!parse_severity(value, &s)) return "expected error, warning, notice or off";
    p.severity[std::string(key.substr(9))] = s;
    return "";
  }
  return "unknown setting '" + std::string(key) + "' (docs/CHECK.md lists the settings)";
}

}  // namespace

std::vector<std::string> Policy::words(std::string_view list) const {
  std::vector<std::string> out;
  auto it = vocabulary.find(list);
  if (it == vocabulary.end()) return out;
  out.reserve(it->second.size());
  for (const auto& row : it->second) out.push_back(row[0]);
  return out;
}

const Policy& default_policy() {
  static const Policy policy = [] {
    Policy p;
    for_each_tsv_row(data::check_vocabulary_tsv, [&](const std::vector<std::string_view>& f) {
      if (f.size() >= 2) add_row(p, f);
    });
    return p;
  }();
  return policy;
}

bool apply_policy(std::string_view text, Policy& policy, std::string* error) {
  Policy p = policy;
  int line_no = 0;
  std::size_t pos = 0;
  while (pos <= text.size()) {
    std::size_t end = text.find('\n', pos);
    if (end == std::string_view::npos) end = text.size();
    std::string_view line = text.substr(pos, end - pos);
    pos = end + 1;
    ++line_no;
    if (std::size_t hash = line.find('#');
        hash != std::string_view::npos && line.find('\t') == std::string_view::npos) {
      line = line.substr(0, hash);  // a vocabulary row may hold '#' (no comments after tabs)
    }
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (utf8::trim(line).empty() || utf8::trim(line).front() == '#') continue;
    auto fail = [&](const std::string& what) {
      if (error) *error = "line " + std::to_string(line_no) + ": " + what;
      return false;
    };
    if (line.find('\t') != std::string_view::npos) {
      std::vector<std::string_view> fields;
      std::size_t start = 0;
      for (;;) {
        std::size_t tab = line.find('\t', start);
        fields.push_back(line.substr(start, tab == std::string_view::npos ? line.npos : tab - start));
        if (tab == std::string_view::npos) break;
        start = tab + 1;
      }
      std::string_view list = utf8::trim(fields[0]);
      if (fields.size() < 2 || utf8::trim(fields[1]).empty() || list.empty() || list == "-") {
        return fail("expected a vocabulary row: list<TAB>entry");
      }
      if (list.front() == '-') {
        auto it = p.vocabulary.find(list.substr(1));
        if (it != p.vocabulary.end()) {
          std::string entry(utf8::trim(fields[1]));
          std::erase_if(it->second, [&](const std::vector<std::string>& row) { return row[0] == entry; });
        }
      } else {
        add_row(p, fields);
      }
      continue;
    }
    std::size_t eq = line.find('=');
    if (eq == std::string_view::npos) return fail("expected key = value or list<TAB>entry");
    std::string_view key = utf8::trim(line.substr(0, eq));
    std::string_view value = utf8::trim(line.substr(eq + 1));
    if (std::string what = apply_setting(p, key, value); !what.empty()) return fail(what);
  }
  policy = std::move(p);
  return true;
}

}  // namespace jixiao::check
