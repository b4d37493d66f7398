// Shared by the corpus tests: where the bundled seeds and gold live, and how
// a reading is scored against gold (by the rules of docs/FORMAT.md); and
// running a command line, for the tests of the program itself.
#pragma once

#include <gtest/gtest.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "eval/score.hpp"
#include "model/json.hpp"
#include "recognise/parse.hpp"

namespace jixiao::testing {

inline std::filesystem::path test_data() { return JIXIAO_TEST_DATA; }

// Runs a shell command line (fixed programs and the tests' own paths only)
// and returns what it wrote to standard output; *status receives pclose's
// status, or -1 when the command could not be started.
inline std::string run_command(const std::string& command, int* status) {
  std::string out;
  FILE* pipe = ::popen(command.c_str(), "r");
  if (pipe == nullptr) {
    *status = -1;
    return out;
  }
  char buf[4096];
  std::size_t n;
  while ((n = std::fread(buf, 1, sizeof buf, pipe)) > 0) out.append(buf, n);
  *status = ::pclose(pipe);
  return out;
}

inline std::string slurp(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

struct Seed {
  std::string stem;
  std::string text;
  nlohmann::json gold;
};

inline std::vector<Seed> seeds() {
  std::vector<Seed> out;
  for (const auto& entry : std::filesystem::directory_iterator(test_data() / "corpus" / "gold")) {
    Seed s;
    s.stem = entry.path().stem().string();
    s.text = slurp(test_data() / "corpus" / "seeds" / (s.stem + ".txt"));
    s.gold = nlohmann::json::parse(slurp(entry.path()));
    out.push_back(std::move(s));
  }
  std::sort(out.begin(), out.end(), [](const Seed& a, const Seed& b) { return a.stem < b.stem; });
  return out;
}

// A seed's gold reading as a model, found by the start of its file name
// ("003"); a test fails when no gold file starts so.
inline Document gold_document(const std::string& prefix) {
  for (const auto& entry : std::filesystem::directory_iterator(test_data() / "corpus" / "gold")) {
    if (entry.path().filename().string().rfind(prefix, 0) == 0) {
      return document_from_json(nlohmann::json::parse(slurp(entry.path())));
    }
  }
  ADD_FAILURE() << "no gold reading starts with " << prefix;
  return {};
}

inline Score score_text(const std::string& text, const nlohmann::json& gold,
                        const std::string& name = "seed") {
  Document doc = parse_text(text, name);
  nlohmann::json pred = nlohmann::json::parse(to_json(doc).dump());
  return score_document(gold, pred);
}

inline std::string describe(const Score& s, std::size_t max_misses = 8) {
  std::ostringstream out;
  out << "F1 " << s.f1() << " (precision " << s.precision() << ", recall " << s.recall() << ")";
  for (std::size_t i = 0; i < s.misses.size() && i < max_misses; ++i) {
    const auto& m = s.misses[i];
    out << "\n  miss " << m.field << " at " << m.where << ": gold '" << m.gold << "' got '" << m.got << "'";
  }
  return out.str();
}

}  // namespace jixiao::testing
