// The five seed documents against their hand-checked gold readings, scored
// with the project's own implementation of the FORMAT.md comparison rules.
#include <gtest/gtest.h>

#include "test_support.hpp"

namespace jixiao::testing {
namespace {

TEST(SeedCorpus, EverySeedReachesItsAccuracyTarget) {
  auto all = seeds();
  ASSERT_EQ(all.size(), 5u) << "tests/corpus/gold should hold the five seed readings";
  for (const Seed& s : all) {
    Score score = score_text(s.text, s.gold, s.stem);
    // 002 is OCR output with cells the scanner garbled: its target is lower.
    double target = s.stem.rfind("002_", 0) == 0 ? 0.95 : 0.99;
    EXPECT_GE(score.f1(), target) << s.stem << ": " << describe(score);
  }
}

TEST(SeedCorpus, ScorerPenalisesAWrongReading) {
  // The scorer itself must be able to fail: a reading with a changed amount,
  // a dropped indicator and an invented project scores below 1.
  Seed s = seeds().front();
  nlohmann::json pred = nlohmann::json::parse(to_json(parse_text(s.text, s.stem)).dump());
  ASSERT_DOUBLE_EQ(score_document(s.gold, pred).f1(), 1.0);
  auto& project = pred["units"][0]["projects"][0];
  project["amounts"]["total"] = "1.23";
  project["indicators"].erase(0);
  pred["units"][0]["projects"].push_back(
      {{"name", "虚构项目"}, {"amounts", nullptr}, {"indicators", nlohmann::json::array()}});
  Score worse = score_document(s.gold, pred);
  EXPECT_LT(worse.recall(), 1.0);
  EXPECT_LT(worse.precision(), 1.0);
  EXPECT_FALSE(worse.misses.empty());
}

TEST(SeedCorpus, DiagnosticsNameTheirLine) {
  for (const Seed& s : seeds()) {
    Document doc = parse_text(s.text, s.stem);
    EXPECT_FALSE(has_errors(doc)) << s.stem;
    for (const Diagnostic& d : doc.diagnostics) {
      EXPECT_FALSE(d.message.empty()) << s.stem;
      EXPECT_FALSE(d.code.empty()) << s.stem;
    }
  }
}

TEST(SeedCorpus, ProvenancePointsAtTheProjectsLines) {
  for (const Seed& s : seeds()) {
    Document doc = parse_text(s.text, s.stem);
    // Split the seed into lines to check that each project's first line
    // really carries (part of) its name.
    std::vector<std::string> lines;
    std::istringstream in(s.text);
    for (std::string l; std::getline(in, l);) lines.push_back(l);
    for (const Unit& u : doc.units) {
      for (const Project& p : u.projects) {
        ASSERT_GT(p.span.first_line, 0) << s.stem;
        ASSERT_LE(p.span.first_line, static_cast<int>(lines.size()));
        ASSERT_GE(p.span.last_line, p.span.first_line);
        if (doc.layout == "summary") {
          std::string first = normalize_for_comparison(lines[p.span.first_line - 1]);
          std::string head =
              normalize_for_comparison(p.name->substr(0, std::min<std::size_t>(p.name->size(), 9)));
          EXPECT_NE(first.find(head), std::string::npos)
              << s.stem << " line " << p.span.first_line << " for " << *p.name;
        }
        for (const Indicator& i : p.indicators) {
          EXPECT_GE(i.span.first_line, p.span.first_line) << s.stem << " " << i.name;
          EXPECT_LE(i.span.last_line, std::max(p.span.last_line, u.projects.back().span.last_line + 400));
        }
      }
    }
  }
}

}  // namespace
}  // namespace jixiao::testing
