// Boilerplate across documents: the same goal, or the same indicator set,
// copied into projects of other tables (another department's, or the same
// department's in another year). `jixiao check` reviews one document at a
// time; this gathers a small signature of each project as documents pass
// and reports, once all have been seen, every text shared by two or more
// documents. Memory is a few dozen bytes per project, never the documents.
#pragma once

#include <cstdint>
#include <deque>
#include <string>
#include <string_view>
#include <vector>

#include "check/findings.hpp"
#include "check/policy.hpp"
#include "model/document.hpp"

namespace jixiao::check {

class Checker;
namespace detail {
struct Facts;
}

struct CorpusFinding {
  std::size_t document;  // index given to add(): where the finding is reported
  Finding finding;       // related[k].document names the other tables
};

class CorpusBoilerplate {
 public:
  explicit CorpusBoilerplate(const Policy& policy = default_policy());

  // `document` is the caller's index for `doc` (findings point back to it);
  // `label` names it in messages (its path, department and year).
  // Works the keys of goals and indicator names out itself; a Checker that
  // reviews the document anyway can add it with the keys it made
  // (Checker::review with a corpus), which is the same signature for less work.
  void add(std::size_t document, const Document& doc, const std::string& label);

  // One finding per text shared across documents, at its first occurrence,
  // with every other occurrence in `related`.
  std::vector<CorpusFinding> findings() const;

 private:
  struct Entry {
    std::uint64_t hash_a, hash_b;  // two independent hashes of the key: a collision needs both
    bool goal;                     // goal text, or indicator set
    std::size_t document;
    int unit, project;
    std::size_t name_offset, name_size;  // the project's name, in names_
    SourceSpan span;
  };
  struct Piece {
    const char* text;  // an indicator name's key in the document, or nullptr: in key_arena_
    std::size_t offset, size;
  };
  std::string_view name_of(const Entry& e) const {
    return std::string_view(names_).substr(e.name_offset, e.name_size);
  }

  friend class Checker;
  // add, with the keys in `facts` (gathered from `doc` by a review).
  void add(std::size_t document, const Document& doc, const std::string& label, const detail::Facts& facts);
  void add_label(std::size_t document, const std::string& label);
  void push(std::uint64_t hash_a, std::uint64_t hash_b, bool goal, std::size_t document, int unit,
            int project, const Project& p);
  void push_names(std::size_t document, int unit, int project, const Project& p);  // from name_keys_

  Policy policy_;
  std::deque<Entry> entries_;  // grows by blocks: a corpus's entries are never copied to grow
  std::string names_;                // every entry's project name, one after another
  std::vector<std::string> labels_;  // by document index
  // Scratch kept between projects (add runs on every project of every table).
  std::string key_arena_, joined_;
  std::vector<Piece> pieces_;
  std::vector<std::string_view> name_keys_;
};

}  // namespace jixiao::check
