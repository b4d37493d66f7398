#include "check/corpus.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <cstring>
#include <set>
#include <tuple>

#include "check/rule_context.hpp"
#include "text/key.hpp"
#include "text/utf8.hpp"

namespace jixiao::check {
namespace {

// At least `n` characters (UTF-8 lead bytes), counting no further than needed.
bool at_least_chars(std::string_view s, std::size_t n) {
  std::size_t count = 0;
  for (unsigned char c : s) {
    if ((c & 0xC0) != 0x80 && ++count >= n) return true;
  }
  return count >= n;
}

// Whether 待 (E5 BE 85) occurs in `key`. Found by its middle byte: E5
// leads a good share of all ideographs, and a search for it stopped at most
// characters of a name.
bool has_dai(std::string_view key) {
  const char* p = key.data();
  const char* const end = p + key.size();
  while (p < end) {
    const void* at = std::memchr(p, 0xBE, static_cast<std::size_t>(end - p));
    if (!at) return false;
    const char* m = static_cast<const char*>(at);
    if (m > key.data() && m + 1 < end && m[-1] == '\xE5' && m[1] == '\x85') return true;
    p = m + 1;
  }
  return false;
}

bool placeholder_like(std::string_view key) {
  // Template residue is the placeholder rules' business, not boilerplate.
  // 96 bytes hold at least 24 characters (UTF-8 takes at most 4 a character):
  // a long goal is not searched.
  if (key.size() >= 96) return false;
  return has_dai(key) && !at_least_chars(key, 24);
}

}  // namespace

bool detail::corpus_left_out(std::string_view key) { return key.empty() || placeholder_like(key); }

CorpusBoilerplate::CorpusBoilerplate(const Policy& policy) : policy_(policy) {}

void CorpusBoilerplate::add_label(std::size_t document, const std::string& label) {
  if (labels_.size() <= document) labels_.resize(document + 1);
  labels_[document] = label;
}

namespace {

// A 64-bit finaliser (splitmix64's): a key's hashes are mixed before they
// are summed, so that a sum of shares is as unlikely to collide as a hash.
std::uint64_t mix(std::uint64_t x) {
  x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ULL;
  x = (x ^ (x >> 27)) * 0x94D049BB133111EBULL;
  return x ^ (x >> 31);
}

}  // namespace

// Two unrelated functions (std::hash and detail::key_hash): two different
// texts, or two different sets of names, are taken for the same only if
// both agree (about 2^-128).
detail::KeyShare detail::corpus_key_share(std::string_view key) {
  return {mix(std::hash<std::string_view>{}(key)), mix(detail::key_hash(key) ^ 0x2545F4914F6CDD1DULL)};
}

CorpusBoilerplate::Name CorpusBoilerplate::keep_name(const Project& p) {
  const std::string_view name = p.name ? std::string_view(*p.name) : std::string_view();
  Name n{names_.size(), name.size()};
  names_.append(name);
  return n;
}

void CorpusBoilerplate::push(std::uint64_t hash_a, std::uint64_t hash_b, bool goal, std::size_t document,
                             int unit, int project, Name name, const Project& p) {
  Entry e;
  e.hash_a = hash_a;
  e.hash_b = hash_b;
  e.goal = goal;
  e.document = document;
  e.unit = unit;
  e.project = project;
  e.name_offset = name.offset;
  e.name_size = name.size;
  e.span = p.span;
  entries_.push_back(e);
}

// The indicator set: the sums of its names' shares, so the order they were
// printed in does not matter (the count rides along, and a name printed
// twice counts twice).
void CorpusBoilerplate::push_names(std::size_t document, int unit, int project, Name name, const Project& p,
                                   const SetSignature& set) {
  const std::size_t min_indicators =
      static_cast<std::size_t>(std::max(1, policy_.boilerplate_min_indicators));
  if (set.count < min_indicators) return;
  const std::uint64_t count = mix(set.count);
  push(set.a + count, set.b ^ count, false, document, unit, project, name, p);
}

// Runs once per project of every table given, beside the checker: keys are
// views into the document unless spacing or bracket width changes them, so
// a project costs no allocation but its entry (and a changed key).
void CorpusBoilerplate::add(std::size_t document, const Document& doc, const std::string& label) {
  add_label(document, label);
  const std::size_t min_goal = static_cast<std::size_t>(std::max(0, policy_.boilerplate_min_goal_chars));
  std::string changed_goal, changed_name;
  for (std::size_t u = 0; u < doc.units.size(); ++u) {
    for (std::size_t p = 0; p < doc.units[u].projects.size(); ++p) {
      const Project& project = doc.units[u].projects[p];
      const Name name = keep_name(project);
      if (project.goal) {
        std::string_view key = *project.goal;
        if (detail::key_changes(key)) key = changed_goal = vocabulary_key(key);
        if (at_least_chars(key, min_goal) && !placeholder_like(key)) {
          const detail::KeyHashes h = detail::key_hashes(key);
          push(h.mixed, h.fnv, true, document, int(u), int(p), name, project);
        }
      }
      SetSignature set;
      for (const Indicator& ind : project.indicators) {
        std::string_view key = ind.name;
        if (detail::key_changes(key)) key = changed_name = vocabulary_key(key);
        if (detail::corpus_left_out(key)) continue;
        const detail::KeyShare share = detail::corpus_key_share(key);
        ++set.count;
        set.a += share.a;
        set.b += share.b;
      }
      push_names(document, int(u), int(p), name, project, set);
    }
  }
}

// The same signatures from the keys a review made (detail::gather_project):
// the goal's key, its length and its two hashes, and the sums of its
// names' shares (worked out once per distinct name, detail::name_hashes).
void CorpusBoilerplate::add(std::size_t document, const Document& doc, const std::string& label,
                            const detail::Facts& facts) {
  add_label(document, label);
  const std::size_t min_goal = static_cast<std::size_t>(std::max(0, policy_.boilerplate_min_goal_chars));
  for (std::size_t u = 0; u < doc.units.size(); ++u) {
    for (std::size_t p = 0; p < doc.units[u].projects.size(); ++p) {
      const Project& project = doc.units[u].projects[p];
      const detail::ProjectFacts& pf = facts.at(int(u), int(p));
      const Name name = keep_name(project);
      if (project.goal && pf.goal_chars >= min_goal && !placeholder_like(pf.goal_key))
        push(pf.goal_hash_b, pf.goal_hash, true, document, int(u), int(p), name, project);
      push_names(document, int(u), int(p), name, project,
                 {pf.corpus_keys, pf.corpus_keys_sum.a, pf.corpus_keys_sum.b});
    }
  }
}

std::vector<CorpusFinding> CorpusBoilerplate::findings() const {
  // The keys are copied into one compact array and sorted there: sorting
  // indexes compared through the deque of entries missed the cache on every
  // comparison, and showed in the profile of a large corpus.
  struct SortKey {
    bool goal;
    std::uint64_t hash_a, hash_b;
    std::size_t entry;
    auto key() const { return std::tuple(goal, hash_a, hash_b); }
  };
  std::vector<SortKey> keys;
  keys.reserve(entries_.size());
  for (std::size_t k = 0; k < entries_.size(); ++k) {
    const Entry& e = entries_[k];
    keys.push_back({e.goal, e.hash_a, e.hash_b, k});
  }
  // Members keep the order they were added in, so the first occurrence (in
  // the order files were given) carries the finding: the entry's index
  // breaks ties, which makes the order total and an in-place sort enough.
  // stable_sort took a buffer as large as the keys (megabytes on a large
  // corpus, faulted in afresh) and merged through it.
  std::sort(keys.begin(), keys.end(), [](const SortKey& a, const SortKey& b) {
    return std::tuple(a.goal, a.hash_a, a.hash_b, a.entry) < std::tuple(b.goal, b.hash_a, b.hash_b, b.entry);
  });
  std::vector<CorpusFinding> out;
  for (std::size_t i = 0; i < keys.size();) {
    std::size_t j = i;
    while (j < keys.size() && keys[j].key() == keys[i].key()) ++j;
    // Nearly every text is a project's own: a group of one is passed over
    // without gathering its documents.
    std::set<std::size_t> documents;
    if (j - i >= 2) {
      for (std::size_t k = i; k < j; ++k) documents.insert(entries_[keys[k].entry].document);
    }
    if (documents.size() >= 2) {
      const Entry& first = entries_[keys[i].entry];
      CorpusFinding cf;
      cf.document = first.document;
      Finding& f = cf.finding;
      f.rule = first.goal ? "consist.corpus-boilerplate-goal" : "consist.corpus-boilerplate-indicators";
      f.severity = Severity::Notice;
      f.where.unit = first.unit;
      f.where.project = first.project;
      f.where.project_name = name_of(first);
      f.where.field = first.goal ? "goal" : "indicators";
      f.where.span = first.span;
      std::vector<std::string> elsewhere;
      for (std::size_t k = i + 1; k < j; ++k) {
        const Entry& e = entries_[keys[k].entry];
        Location l;
        l.unit = e.unit;
        l.project = e.project;
        l.project_name = name_of(e);
        l.field = f.where.field;
        l.span = e.span;
        l.document = labels_[e.document];
        f.related.push_back(std::move(l));
        if (e.document != first.document && elsewhere.size() < 3) {
          elsewhere.push_back(fmt::format("{}《{}》", labels_[e.document], name_of(e)));
        }
      }
      const std::size_t other_docs = documents.size() - 1;
      f.message = MessageId::CorpusBoilerplate;
      f.args.view(first.goal ? "绩效目标" : "绩效指标设置");
      f.args.copy(std::to_string(other_docs));
      f.args.copy(fmt::format("{}", fmt::join(elsewhere, "、")));
      f.args.view(other_docs > elsewhere.size() ? " 等" : "");
      f.args.view(first.goal ? "goal" : "indicator set");
      f.args.copy(fmt::format("{}", fmt::join(elsewhere, "; ")));
      f.args.view(other_docs > elsewhere.size() ? " …" : "");
      // The tables named are gone by the time the finding is written.
      f.where.keep_names();
      for (Location& l : f.related) l.keep_names();
      out.push_back(std::move(cf));
    }
    i = j;
  }
  // In table order: document, unit, project, and a project's goal before
  // its indicator set. No two findings share all four, so the order is the
  // same whatever order the groups above came in (their hashes').
  std::sort(out.begin(), out.end(), [](const CorpusFinding& a, const CorpusFinding& b) {
    auto place = [](const CorpusFinding& c) {
      return std::tuple(c.document, c.finding.where.unit, c.finding.where.project, c.finding.where.field != "goal");
    };
    return place(a) < place(b);
  });
  return out;
}

}  // namespace jixiao::check
