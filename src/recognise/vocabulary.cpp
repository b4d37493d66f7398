#include "recognise/vocabulary.hpp"

#include <algorithm>
#include <map>
#include <unordered_map>

#include "jixiao_data.hpp"
#include "text/key.hpp"

namespace jixiao {
namespace {

struct Vocabulary {
  std::unordered_map<std::string, std::string> by_key;                    // spelling → field
  std::map<std::string, std::vector<std::string>, std::less<>> by_field;  // field → spellings
  std::vector<std::pair<std::string, std::string>> longest_first;         // (spelling, field)
};

const Vocabulary& vocabulary() {
  static const Vocabulary v = [] {
    Vocabulary voc;
    for_each_tsv_row(data::header_synonyms_tsv, [&](const std::vector<std::string_view>& f) {
      if (f.size() < 2) return;
      std::string key = vocabulary_key(f[1]);
      std::string field(f[0]);
      voc.by_key.emplace(key, field);
      voc.by_field[field].push_back(key);
      voc.longest_first.emplace_back(key, field);
    });
    for (auto& [field, list] : voc.by_field) {
      std::sort(list.begin(), list.end(), [](const auto& a, const auto& b) { return a.size() > b.size(); });
    }
    std::stable_sort(voc.longest_first.begin(), voc.longest_first.end(),
                     [](const auto& a, const auto& b) { return a.first.size() > b.first.size(); });
    return voc;
  }();
  return v;
}

}  // namespace

std::string header_field(std::string_view cell) {
  const auto& voc = vocabulary();
  auto it = voc.by_key.find(vocabulary_key(cell));
  return it == voc.by_key.end() ? std::string() : it->second;
}

std::vector<HeaderHit> find_headers(std::string_view key_text, std::string_view field_prefix) {
  std::vector<HeaderHit> hits;
  std::vector<bool> taken(key_text.size(), false);
  for (const auto& [spelling, field] : vocabulary().longest_first) {
    if (field.compare(0, field_prefix.size(), field_prefix) != 0) continue;
    std::size_t pos = 0;
    while ((pos = key_text.find(spelling, pos)) != std::string_view::npos) {
      bool free =
          std::none_of(taken.begin() + static_cast<long>(pos),
                       taken.begin() + static_cast<long>(pos + spelling.size()), [](bool b) { return b; });
      if (free) {
        std::fill(taken.begin() + static_cast<long>(pos),
                  taken.begin() + static_cast<long>(pos + spelling.size()), true);
        hits.push_back({field, pos, spelling.size()});
      }
      pos += spelling.size();
    }
  }
  std::sort(hits.begin(), hits.end(), [](const auto& a, const auto& b) { return a.position < b.position; });
  return hits;
}

const std::vector<std::string>& spellings(std::string_view field) {
  static const std::vector<std::string> none;
  const auto& voc = vocabulary();
  auto it = voc.by_field.find(field);
  return it == voc.by_field.end() ? none : it->second;
}

}  // namespace jixiao
