#include "recognise/vocabulary.hpp"

#include <algorithm>
#include <map>
#include <mutex>
#include <set>
#include <unordered_map>

#include "jixiao_data.hpp"
#include "text/key.hpp"
#include "text/utf8.hpp"

namespace jixiao {
namespace {

struct Vocabulary {
  std::unordered_map<std::string, std::string> by_key;                    // spelling → field
  std::map<std::string, std::vector<std::string>, std::less<>> by_field;  // field → spellings
  std::vector<std::pair<std::string, std::string>> longest_first;         // (spelling, field)
  std::set<char32_t> first_chars;                                         // of every key
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
      if (!key.empty()) {
        std::size_t len = 0;
        voc.first_chars.insert(utf8::decode(key, 0, &len));
      }
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
  // Most cells asked about are table content, not heads: a key can only be
  // known if its first character starts some known key, and that character
  // is read without building the key.
  std::string first(vocabulary_key(utf8::prefix(utf8::trim(cell), 1)));
  if (first.empty() && !utf8::trim(cell).empty()) first = vocabulary_key(utf8::prefix(utf8::trim(cell), 2));
  if (!first.empty()) {
    std::size_t len = 0;
    if (!voc.first_chars.count(utf8::decode(first, 0, &len))) return {};
  }
  auto it = voc.by_key.find(vocabulary_key(cell));
  return it == voc.by_key.end() ? std::string() : it->second;
}

namespace {

std::vector<HeaderHit> find_headers_uncached(std::string_view key_text, std::string_view field_prefix) {
  std::vector<HeaderHit> hits;
  std::vector<bool> taken(key_text.size(), false);
  for (const auto& [spelling, field] : vocabulary().longest_first) {
    if (field.compare(0, field_prefix.size(), field_prefix) != 0) continue;
    std::size_t pos = 0;
    while ((pos = utf8::find(key_text, spelling, pos)) != std::string_view::npos) {
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

}  // namespace

std::vector<HeaderHit> find_headers(std::string_view key_text, std::string_view field_prefix) {
  // A table repeats its column heads on every page, and a budget book prints
  // the same heads for every department: each search tries every spelling of
  // the vocabulary, so the answer for a text is remembered (per thread: no
  // lock; bounded, so memory stays flat; long texts are not kept).
  constexpr std::size_t kMaxRemembered = 1024;
  constexpr std::size_t kMaxRememberedBytes = 1024;
  if (key_text.size() > kMaxRememberedBytes) return find_headers_uncached(key_text, field_prefix);
  std::string key;
  key.reserve(field_prefix.size() + 1 + key_text.size());
  key.append(field_prefix).push_back('\0');  // prefixes are ASCII field names, never holding NUL
  key.append(key_text);
  thread_local std::unordered_map<std::string, std::vector<HeaderHit>> cache;
  if (auto it = cache.find(key); it != cache.end()) return it->second;
  std::vector<HeaderHit> hits = find_headers_uncached(key_text, field_prefix);
  if (cache.size() < kMaxRemembered) cache.emplace(std::move(key), hits);
  return hits;
}

bool made_of_header_chars(std::string_view key_text, std::string_view field_prefix) {
  // Per prefix, the set of code points its spellings use; built once.
  static std::mutex mutex;
  static std::map<std::string, std::set<char32_t>, std::less<>> sets;
  const std::set<char32_t>* chars = nullptr;
  {
    std::lock_guard<std::mutex> lock(mutex);
    auto it = sets.find(field_prefix);
    if (it == sets.end()) {
      std::set<char32_t> used;
      for (const auto& [spelling, field] : vocabulary().longest_first) {
        if (field.compare(0, field_prefix.size(), field_prefix) != 0) continue;
        for (std::size_t i = 0; i < spelling.size();) {
          std::size_t len = 0;
          used.insert(utf8::decode(spelling, i, &len));
          i += len;
        }
      }
      it = sets.emplace(std::string(field_prefix), std::move(used)).first;
    }
    chars = &it->second;  // never erased, so safe to read unlocked
  }
  for (std::size_t i = 0; i < key_text.size();) {
    std::size_t len = 0;
    if (!chars->count(utf8::decode(key_text, i, &len))) return false;
    i += len;
  }
  return true;
}

const std::vector<std::string>& spellings(std::string_view field) {
  static const std::vector<std::string> none;
  const auto& voc = vocabulary();
  auto it = voc.by_field.find(field);
  return it == voc.by_field.end() ? none : it->second;
}

}  // namespace jixiao
