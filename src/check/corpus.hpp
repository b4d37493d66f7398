// Boilerplate across documents: the same goal, or the same indicator set,
// copied into projects of other tables (another department's, or the same
// department's in another year). `jixiao check` reviews one document at a
// time; this gathers a small signature of each project as documents pass
// and reports, once all have been seen, every text shared by two or more
// documents. Memory is a few dozen bytes per project, never the documents.
#pragma once

#include <cstdint>
#include <memory>
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
  // The lines and page of a project (its SourceSpan without the box, which
  // no report of a finding shows): an entry is half the size with it left
  // out, and a large corpus pushes one or two per project.
  struct Lines {
    int first_line, last_line, page, last_page;
  };
  struct Entry {
    std::uint64_t hash_a, hash_b;  // two independent hashes of the key: a collision needs both
    std::size_t document;
    const char* name_data;  // the project's name, in name_blocks_
    std::uint32_t name_size;
    int unit, project;
    Lines lines;
    bool goal;  // goal text, or indicator set
  };
  // An indicator set's signature as its names are added, in any order:
  // how many, and the sums of their shares (detail::corpus_key_share).
  struct SetSignature {
    std::size_t count = 0;
    std::uint64_t a = 0, b = 0;
  };
  struct Name {
    const char* data = nullptr;  // in name_blocks_; nullptr: not kept yet
    std::size_t size = 0;
  };
  std::string_view name_of(const Entry& e) const {
    return {e.name_data, e.name_size};
  }

  friend class Checker;
  // add, with the keys in `facts` (gathered from `doc` by a review).
  void add(std::size_t document, const Document& doc, const std::string& label, const detail::Facts& facts);
  void add_label(std::size_t document, const std::string& label);
  // The project's name, kept once for both of its entries (and not for a
  // project that has none).
  Name keep_name(const Project& p);
  void push(std::uint64_t hash_a, std::uint64_t hash_b, bool goal, std::size_t document, int unit,
            int project, Name& name, const Project& p);
  void push_names(std::size_t document, int unit, int project, Name& name, const Project& p,
                  const SetSignature& set);

  Policy policy_;
  // The entries in blocks of kEntryBlock that never move: a corpus's
  // entries are never copied to grow (a deque's blocks hold eight, and
  // were allocated as often).
  class Entries {
   public:
    static constexpr std::size_t kEntryBlock = 1024;
    void push_back(const Entry& e) {
      if (size_ % kEntryBlock == 0) blocks_.push_back(std::make_unique_for_overwrite<Entry[]>(kEntryBlock));
      blocks_.back()[size_ % kEntryBlock] = e;
      ++size_;
    }
    std::size_t size() const { return size_; }
    const Entry& operator[](std::size_t k) const { return blocks_[k / kEntryBlock][k % kEntryBlock]; }

   private:
    std::vector<std::unique_ptr<Entry[]>> blocks_;
    std::size_t size_ = 0;
  };
  Entries entries_;
  // Every entry's project name, one after another in blocks that never
  // move: one string grown by doubling copied the names at each step and
  // faulted in twice their size (page faults were half of what adding a
  // corpus's documents cost).
  static constexpr std::size_t kNameBlock = std::size_t{64} << 10;
  std::vector<std::unique_ptr<char[]>> name_blocks_;
  std::size_t name_used_ = 0, name_room_ = 0;  // bytes of the last block used, and left
  std::vector<std::string> labels_;  // by document index
};

}  // namespace jixiao::check
