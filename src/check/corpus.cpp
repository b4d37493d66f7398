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
  if (name_blocks_.empty() || name.size() > name_room_) {
    const std::size_t size = std::max(kNameBlock, name.size());
    name_blocks_.push_back(std::make_unique_for_overwrite<char[]>(size));
    name_used_ = 0;
    name_room_ = size;
  }
  char* at = name_blocks_.back().get() + name_used_;
  if (!name.empty()) std::memcpy(at, name.data(), name.size());
  name_used_ += name.size();
  name_room_ -= name.size();
  return {at, name.size()};
}

void CorpusBoilerplate::push(std::uint64_t hash_a, std::uint64_t hash_b, bool goal, std::size_t document,
                             int unit, int project, Name& name, const Project& p) {
  if (!name.data) name = keep_name(p);
  Entry e;
  e.hash_a = hash_a;
  e.hash_b = hash_b;
  e.document = document;
  e.name_data = name.data;
  e.name_size = static_cast<std::uint32_t>(name.size);
  e.unit = unit;
  e.project = project;
  e.lines = {p.span.first_line, p.span.last_line, p.span.page, p.span.last_page};
  e.goal = goal;
  entries_.push_back(e);
}

// The indicator set: the sums of its names' shares, so the order they were
// printed in does not matter (the count rides along, and a name printed
// twice counts twice).
void CorpusBoilerplate::push_names(std::size_t document, int unit, int project, Name& name, const Project& p,
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
      Name name;  // kept by the first entry pushed
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
      Name name;  // kept by the first entry pushed
      if (project.goal && pf.goal_chars >= min_goal && !placeholder_like(pf.goal_key))
        push(pf.goal_hash_b, pf.goal_hash, true, document, int(u), int(p), name, project);
      push_names(document, int(u), int(p), name, project,
                 {pf.corpus_keys, pf.corpus_keys_sum.a, pf.corpus_keys_sum.b});
    }
  }
}

namespace {

SourceSpan span_of(int first_line, int last_line, int page, int last_page) {
  SourceSpan s;
  s.first_line = first_line;
  s.last_line = last_line;
  s.page = page;
  s.last_page = last_page;
  return s;
}

}  // namespace

std::vector<CorpusFinding> CorpusBoilerplate::findings() const {
  // Entries with the same key are chained in the order they were added,
  // found through a table of each key's first entry (probed linearly, its
  // slots holding the key's first hash, so that a probe reads the entries
  // themselves only on a likely match). Sorting every key (a corpus has one
  // or two per project, nearly all unique) cost several times as much.
  const std::size_t n = entries_.size();
  constexpr std::size_t kNone = static_cast<std::size_t>(-1);
  struct Slot {
    std::uint64_t hash_a = 0;
    std::size_t first = kNone;
  };
  std::size_t capacity = 16;
  while (capacity < 2 * n) capacity *= 2;
  const std::size_t mask = capacity - 1;
  std::vector<Slot> slots(capacity);
  std::vector<std::size_t> next(n, kNone);  // the next entry with the same key
  std::vector<std::size_t> last(n, kNone);  // a key's first entry: its last so far; kNone for the rest
  for (std::size_t k = 0; k < n; ++k) {
    const Entry& e = entries_[k];
    // A goal and an indicator set with the same hashes are different keys:
    // the kind moves the probe's start, and is compared with the hashes.
    std::size_t i = static_cast<std::size_t>(e.hash_a ^ (e.goal ? 0x9E3779B97F4A7C15ULL : 0)) & mask;
    for (;; i = (i + 1) & mask) {
      Slot& slot = slots[i];
      if (slot.first == kNone) {
        slot = {e.hash_a, k};
        last[k] = k;
        break;
      }
      if (slot.hash_a != e.hash_a) continue;
      const Entry& f = entries_[slot.first];
      if (f.goal != e.goal || f.hash_b != e.hash_b) continue;
      next[last[slot.first]] = k;
      last[slot.first] = k;
      break;
    }
  }
  std::vector<CorpusFinding> out;
  // Groups by their first entry, in the order entries were added: a
  // document's, by unit and project, a goal before its indicator set.
  for (std::size_t head = 0; head < n; ++head) {
    // Nearly every text is a project's own: a group of one is passed over
    // without gathering its documents.
    if (last[head] == kNone || next[head] == kNone) continue;
    std::set<std::size_t> documents;
    for (std::size_t k = head; k != kNone; k = next[k]) documents.insert(entries_[k].document);
    if (documents.size() < 2) continue;
    const Entry& first = entries_[head];
    CorpusFinding cf;
    cf.document = first.document;
    Finding& f = cf.finding;
    f.rule = first.goal ? "consist.corpus-boilerplate-goal" : "consist.corpus-boilerplate-indicators";
    f.severity = Severity::Notice;
    f.where.unit = first.unit;
    f.where.project = first.project;
    f.where.project_name = name_of(first);
    f.where.field = first.goal ? "goal" : "indicators";
    f.where.span =
        span_of(first.lines.first_line, first.lines.last_line, first.lines.page, first.lines.last_page);
    std::vector<std::string> elsewhere;
    for (std::size_t k = next[head]; k != kNone; k = next[k]) {
      const Entry& e = entries_[k];
      Location l;
      l.unit = e.unit;
      l.project = e.project;
      l.project_name = name_of(e);
      l.field = f.where.field;
      l.span = span_of(e.lines.first_line, e.lines.last_line, e.lines.page, e.lines.last_page);
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
  // In table order: document, unit, project, and a project's goal before
  // its indicator set (no two findings share all four). Entries are added
  // in that order when documents are added in the order of their indexes,
  // as `jixiao check` adds them; otherwise the findings are sorted.
  auto place = [](const CorpusFinding& c) {
    return std::tuple(c.document, c.finding.where.unit, c.finding.where.project,
                      c.finding.where.field != "goal");
  };
  auto before = [&](const CorpusFinding& a, const CorpusFinding& b) { return place(a) < place(b); };
  if (!std::is_sorted(out.begin(), out.end(), before)) std::sort(out.begin(), out.end(), before);
  return out;
}

}  // namespace jixiao::check
