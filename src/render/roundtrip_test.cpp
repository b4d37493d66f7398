// Round trips: generate (or load a gold reading) → render as text → parse →
// the parser must give back exactly the model that was rendered, compared as
// jixiao/1 JSON. A failure names the seed, the first differing JSON path, and
// leaves the rendered text in the test's temp directory for inspection.
//
// JIXIAO_ROUNDTRIP_DOCS sets how many seeds per layout (default 300),
// JIXIAO_ROUNDTRIP_SHOW how many failures to describe (default 15).
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include "model/json.hpp"
#include "recognise/parse.hpp"
#include "render/text_render.hpp"
#include "synth/generator.hpp"

namespace jixiao {
namespace {

using ojson = nlohmann::ordered_json;

std::string show(const ojson& j) {
  std::string s = j.dump();
  return s.size() > 160 ? s.substr(0, 160) + "…" : s;
}

// The first place where `got` differs from `want`, as "path: want … got …".
std::string first_difference(const ojson& want, const ojson& got, const std::string& path = "$") {
  if (want.type() != got.type()) return path + ": want " + show(want) + ", got " + show(got);
  if (want.is_object()) {
    for (auto it = want.begin(); it != want.end(); ++it) {
      if (!got.contains(it.key())) return path + "." + it.key() + ": missing in parser output";
      std::string d = first_difference(it.value(), got[it.key()], path + "." + it.key());
      if (!d.empty()) return d;
    }
    for (auto it = got.begin(); it != got.end(); ++it) {
      if (!want.contains(it.key())) return path + "." + it.key() + ": unexpected " + show(it.value());
    }
    return "";
  }
  if (want.is_array()) {
    std::size_t n = std::min(want.size(), got.size());
    for (std::size_t i = 0; i < n; ++i) {
      std::string d = first_difference(want[i], got[i], path + "[" + std::to_string(i) + "]");
      if (!d.empty()) return d;
    }
    if (want.size() != got.size()) {
      return path + ": want " + std::to_string(want.size()) + " elements, got " + std::to_string(got.size()) +
             (want.size() > got.size() ? "; first missing " + show(want[n])
                                       : "; first extra " + show(got[n]));
    }
    return "";
  }
  if (want == got) return "";
  if (want.is_string()) {
    // Long texts: show where they part, a little before and after.
    const std::string& a = want.get_ref<const std::string&>();
    const std::string& b = got.get_ref<const std::string&>();
    std::size_t i = 0;
    while (i < a.size() && i < b.size() && a[i] == b[i]) ++i;
    std::size_t from = i > 45 ? i - 45 : 0;
    while (from > 0 && (static_cast<unsigned char>(a[from]) & 0xC0) == 0x80) --from;
    auto window = [&](const std::string& s) {
      std::size_t to = std::min(s.size(), i + 45);
      while (to < s.size() && (static_cast<unsigned char>(s[to]) & 0xC0) == 0x80) ++to;
      return ojson(s.substr(from, to - from)).dump();
    };
    return path + " (byte " + std::to_string(i) + "): want …" + window(a) + "…, got …" + window(b) + "…";
  }
  return path + ": want " + show(want) + ", got " + show(got);
}

std::string dump_text(const std::string& name, const std::string& text) {
  std::filesystem::path p = std::filesystem::path(::testing::TempDir()) / name;
  std::ofstream(p, std::ios::binary) << text;
  return p.string();
}

int env_int(const char* name, int fallback) {
  const char* env = std::getenv(name);
  int n = env ? std::atoi(env) : 0;
  return n > 0 ? n : fallback;
}

// Renders, parses, compares; returns "" or a description of the first difference.
std::string round_trip(const Document& doc, const TextRenderOptions& options, const std::string& label) {
  std::string text = render_text(doc, options);
  Document parsed = parse_text(text, label);
  ojson want = to_json(doc);
  ojson got = to_json(parsed);
  if (want == got) return "";
  return first_difference(want, got) + "\n    text: " + dump_text(label, text);
}

void run_layout(const std::string& layout) {
  const int n = env_int("JIXIAO_ROUNDTRIP_DOCS", 300);
  const int show = env_int("JIXIAO_ROUNDTRIP_SHOW", 15);
  int failures = 0;
  std::ostringstream report;
  for (int seed = 1; seed <= n; ++seed) {
    GenerateOptions g;
    g.layout = layout;
    Document doc = generate_document(static_cast<std::uint64_t>(seed), g);
    // Every seed wraps at other widths, with its own noise.
    TextRenderOptions r = TextRenderOptions::varied(static_cast<std::uint64_t>(seed) * 7919);
    std::string d = round_trip(doc, r, "roundtrip_" + layout + "_" + std::to_string(seed) + ".txt");
    if (d.empty()) continue;
    if (++failures <= show) report << "  seed " << seed << ": " << d << "\n";
  }
  EXPECT_EQ(failures, 0) << failures << " of " << n << " " << layout << " documents did not round-trip:\n"
                         << report.str();
}

TEST(RoundTrip, Summary) { run_layout("summary"); }

TEST(RoundTrip, ProjectGrid) { run_layout("project-grid"); }

// One document of thousands of projects (the shape the throughput benchmark
// parses): units far larger than any published table.
TEST(RoundTrip, LargeSummaryDocument) {
  GenerateOptions g;
  g.projects = 3000;
  for (std::uint64_t seed : {5u, 6u}) {
    Document doc = generate_document(seed, g);
    std::string d =
        round_trip(doc, TextRenderOptions::varied(seed), "roundtrip_large_" + std::to_string(seed) + ".txt");
    EXPECT_TRUE(d.empty()) << "seed " << seed << ": " << d;
  }
}

// The seed corpus's gold readings, rendered in the layout each came from,
// must parse back to themselves (002 is OCR output, not a text export).
TEST(RoundTrip, GoldReadings) {
  std::filesystem::path dir = std::filesystem::path(JIXIAO_TEST_DATA) / "corpus" / "gold";
  int seen = 0;
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    std::string stem = entry.path().stem().string();
    if (entry.path().extension() != ".json" || stem.rfind("002_", 0) == 0) continue;
    std::ifstream in(entry.path());
    nlohmann::json j = nlohmann::json::parse(in);
    Document doc = document_from_json(j);
    doc.layout = stem.rfind("003_", 0) == 0 ? "project-grid" : "summary";
    ++seen;
    for (std::uint64_t s : {0u, 1u, 2u, 3u}) {
      TextRenderOptions r = s == 0 ? TextRenderOptions{} : TextRenderOptions::varied(s);
      std::string d = round_trip(doc, r, "gold_" + stem + "_" + std::to_string(s) + ".txt");
      EXPECT_TRUE(d.empty()) << stem << " rendered with options seed " << s << ": " << d;
    }
  }
  EXPECT_EQ(seen, 4);
}

// ----- the generator's and renderer's own promises ------------------------

void expect_sums(const Amounts& sum, const std::vector<const Amounts*>& parts, const std::string& where) {
  std::optional<Decimal> t, f, s, o;
  auto add = [](std::optional<Decimal>& acc, const std::optional<Decimal>& x) {
    if (x) acc = acc ? *acc + *x : *x;
  };
  for (const Amounts* a : parts) {
    add(t, a->total);
    add(f, a->fiscal);
    add(s, a->special);
    add(o, a->other);
  }
  EXPECT_EQ(sum.total, t) << where;
  EXPECT_EQ(sum.fiscal, f) << where;
  EXPECT_EQ(sum.special, s) << where;
  EXPECT_EQ(sum.other, o) << where;
}

TEST(Generator, AmountsAddUpExactly) {
  for (std::uint64_t seed = 1; seed <= 200; ++seed) {
    Document doc = generate_document(seed, GenerateOptions{});
    std::vector<const Amounts*> units;
    for (const Unit& u : doc.units) {
      std::vector<const Amounts*> projects;
      for (const Project& p : u.projects) {
        const Amounts& a = p.amounts;
        Decimal parts =
            a.fiscal.value_or(Decimal()) + a.special.value_or(Decimal()) + a.other.value_or(Decimal());
        ASSERT_TRUE(a.total.has_value());
        EXPECT_EQ(*a.total, parts) << "seed " << seed << " project " << p.name.value_or("");
        EXPECT_EQ(a.total->scale(), 2);
        projects.push_back(&p.amounts);
      }
      expect_sums(u.amounts, projects, "seed " + std::to_string(seed) + " unit " + u.name);
      units.push_back(&u.amounts);
    }
    ASSERT_TRUE(doc.total.has_value());
    expect_sums(*doc.total, units, "seed " + std::to_string(seed) + " 合计");
  }
}

TEST(Generator, DeterministicForASeed) {
  for (const char* layout : {"summary", "project-grid"}) {
    GenerateOptions g;
    g.layout = layout;
    for (std::uint64_t seed : {1u, 42u, 977u}) {
      Document a = generate_document(seed, g), b = generate_document(seed, g);
      EXPECT_EQ(to_json(a), to_json(b));
      TextRenderOptions r = TextRenderOptions::varied(seed);
      EXPECT_EQ(render_text(a, r), render_text(b, r));
    }
    EXPECT_NE(to_json(generate_document(1, g)), to_json(generate_document(2, g)));
  }
}

TEST(Generator, ProjectsOptionSizesOneDocument) {
  GenerateOptions g;
  g.projects = 500;
  Document doc = generate_document(3, g);
  std::size_t n = 0;
  for (const Unit& u : doc.units) n += u.projects.size();
  EXPECT_EQ(n, 500u);
}

TEST(TextRender, AmountsWithThousandsSeparators) {
  EXPECT_EQ(format_amount(Decimal(237602, 2)), "2,376.02");
  EXPECT_EQ(format_amount(Decimal(10, 2)), "0.10");
  EXPECT_EQ(format_amount(Decimal(123456789, 2)), "1,234,567.89");
  EXPECT_EQ(format_amount(Decimal(-130016, 2)), "-1,300.16");
  EXPECT_EQ(format_amount(Decimal(37500, 2)), "375.00");
}

TEST(TextRender, SummaryLevelLabels) {
  EXPECT_EQ(summary_level1_label(Level1::Output), "1-产出指标");
  EXPECT_EQ(summary_level2_label(Level2::Timeliness), "13-时效指标");
  EXPECT_EQ(summary_level2_label(Level2::Social), "22-社会效益");
  EXPECT_EQ(summary_level2_label(Level2::Sustainable), "24-可持续影响");
  EXPECT_EQ(summary_level2_label(Level2::Satisfaction), "31-服务对象满意度");
}

TEST(TextRender, DisplayWidthCountsAsciiAsHalf) {
  EXPECT_EQ(display_width("广州"), 4);
  EXPECT_EQ(display_width("2.0测评"), 7);
  EXPECT_EQ(display_width("≥95%"), 5);
}

}  // namespace
}  // namespace jixiao
