// Round trips: generate (or load a gold reading) → render → parse → the
// parser must give back exactly the model that was rendered, compared as
// jixiao/1 JSON. One parameterised case per (layout × output format); a case
// runs when parse_file reads that format (recognise/file_formats.hpp), so a
// new reader switches its round trips on by being listed there.
//
// A failure names the seed, the first differing JSON path, how to rerun
// just that seed, and leaves the render in the test's temp directory.
//
// Environment:
//   JIXIAO_ROUNDTRIP_DOCS         documents per layout and format (default: text 5,000
//                                 (about 15 s per layout), HTML/DOCX/XLSX 300, PDF 50)
//   JIXIAO_ROUNDTRIP_DOCS_<FMT>   the same for one format (TXT, HTML, DOCX, XLSX, PDF)
//   JIXIAO_ROUNDTRIP_DAMAGED_DOCS damaged documents per case (default: a fifth of the above)
//   JIXIAO_ROUNDTRIP_FIRST        first seed (default 1): rerun a failure alone
//   JIXIAO_ROUNDTRIP_SHOW         how many failures to describe (default 15)
//
// PDF: a browser start costs seconds and every print about one more, so one
// browser, kept running, prints the documents of a batch as books
// (render/render.hpp, PdfRenderer::render_book; run_pdf_books below).
#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <optional>
#include <sstream>
#include <string>
#include <tuple>
#include <vector>

#include "eval/score.hpp"
#include "model/json.hpp"
#include "recognise/file_formats.hpp"
#include "recognise/parse.hpp"
#include "recognise/parse_file.hpp"
#include "render/render.hpp"
#include "render/text_render.hpp"
#include "synth/damage.hpp"
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

std::string upper(std::string s) {
  for (char& c : s) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return s;
}

// Documents per case: the format's own variable, else the common one; PDF
// pays Chromium and poppler per page, so it runs fewer.
int docs_for(OutputFormat format, bool damaged) {
  const std::string own = "JIXIAO_ROUNDTRIP_DOCS_" + upper(output_format_extension(format));
  const int usual = format == OutputFormat::Text ? 5000 : format == OutputFormat::Pdf ? 50 : 300;
  int n = env_int(own.c_str(), env_int("JIXIAO_ROUNDTRIP_DOCS", usual));
  // Damaged runs are a fifth by default, to keep CI short.
  return damaged ? env_int("JIXIAO_ROUNDTRIP_DAMAGED_DOCS", std::max(1, n / 5)) : n;
}

// Sets every recorded damaged field to null in a jixiao/1 value.
void blank_out(ojson& j, const std::vector<std::string>& pointers) {
  for (const std::string& p : pointers) {
    ojson::json_pointer ptr(p);
    if (j.contains(ptr)) j[ptr] = nullptr;
  }
}

// A render read back: the document, or why there is none.
struct ReadBack {
  std::optional<Document> doc;
  std::string problem;
  std::string kept;    // where the render was left for inspection
  std::string text;    // a text render, written out only on a failure
  bool cells = false;  // read from a format with real cells (HTML, DOCX, XLSX, PDF)
  bool shared = false;  // the render holds other documents too: its caller removes it
};

// Every string in the form the contract compares text in (FORMAT.md,
// comparison rules: NFKC, no white space). A table cell's text is its
// words, not its line breaks and padding: the cell readers join a wrapped
// cell's lines without the spaces a text export keeps. Text renders are
// still compared byte for byte.
void to_compared_form(ojson& j) {
  if (j.is_string()) {
    j = normalize_for_comparison(j.get<std::string>());
  } else if (j.is_structured()) {
    for (auto& v : j) to_compared_form(v);
  }
}

// A rendered file's place: the process id in its name, so that two test
// processes (ctest -j, or two checkouts on one machine) rendering the same
// seed do not write over each other's file.
std::filesystem::path scratch_file(const std::string& name) {
  return std::filesystem::path(::testing::TempDir()) / (std::to_string(::getpid()) + "_" + name);
}

ReadBack render_and_parse(const Document& doc, TableLayout layout, OutputFormat format,
                          const TextRenderOptions& text_options, const std::string& label) {
  ReadBack rb;
  if (format == OutputFormat::Text) {
    // In memory: the text pipeline is parse_file's for .txt without the file.
    std::string text = render_text_as(doc, layout, text_options);
    rb.doc = parse_text(text, label + ".txt");
    rb.kept = label + ".txt";
    rb.text = std::move(text);
    return rb;
  }
  std::filesystem::path path = scratch_file(label + "." + output_format_extension(format));
  rb.kept = path.string();
  rb.cells = true;
  std::string error = render_to_file(doc, layout, format, path.string(), text_options);
  if (!error.empty()) {
    rb.problem = "render failed: " + error;
    return rb;
  }
  std::vector<Document> docs;
  ParseFileResult r = parse_file(path.string(), [&](Document&& d) { docs.push_back(std::move(d)); });
  if (!r.ok()) {
    rb.problem = "parse_file failed: " + r.error;
  } else if (docs.size() != 1) {
    rb.problem = "parse_file gave " + std::to_string(docs.size()) + " documents, want 1";
  } else {
    rb.doc = std::move(docs.front());
  }
  return rb;
}

// "" when `parsed` reads back as `want` (fields in `damaged` aside), else
// the first difference and where the render was left.
std::string compare(const Document& want_doc, const ReadBack& rb,
                    const std::vector<std::string>& damaged = {}) {
  auto kept = [&] { return rb.text.empty() ? rb.kept : dump_text(rb.kept, rb.text); };
  if (!rb.doc) return rb.problem + "\n    render: " + kept();
  ojson want = to_json(want_doc);
  ojson got = to_json(*rb.doc);
  blank_out(want, damaged);
  blank_out(got, damaged);
  if (rb.cells) {
    to_compared_form(want);
    to_compared_form(got);
  }
  if (want == got) {
    std::error_code ec;
    if (rb.text.empty() && !rb.shared) std::filesystem::remove(rb.kept, ec);
    return "";
  }
  return first_difference(want, got) + "\n    render: " + kept();
}

// One document of a round trip: `printed` is rendered, `want` expected
// back (the same but for the fields in `damaged`).
struct Trial {
  std::uint64_t seed = 0;
  Document want, printed;
  std::vector<std::string> damaged;
  TextRenderOptions options;
  std::string label;
};

// PDF: the trials printed as books (render_book), read back by parse_file
// and split_tables. A print pays about a second for its fonts however short
// the document, so one print per document would make thousands of round
// trips take hours; a book also tries the split between documents. A book
// ends before a document of the same department as the one before it
// (split_tables would rightly read the two as one table).
std::vector<std::string> run_pdf_books(const std::vector<Trial>& trials, TableLayout layout) {
  static PdfRenderer pdf;  // one browser for all the PDFs of the run
  std::vector<std::string> found;
  std::size_t from = 0;
  while (from < trials.size()) {
    std::size_t to = from + 1;
    while (to < trials.size() && trials[to].printed.department != trials[to - 1].printed.department) ++to;
    std::vector<Document> book;
    for (std::size_t k = from; k < to; ++k) book.push_back(trials[k].printed);
    const std::string label = trials[from].label + "-book" + std::to_string(to - from);
    const std::string path = scratch_file(label + ".pdf").string();
    std::string problem = pdf.render_book(book, layout, path);
    std::vector<Document> docs;
    if (!problem.empty()) {
      problem = "render failed: " + problem;
    } else if (ParseFileResult r = parse_file(path, [&](Document&& d) { docs.push_back(std::move(d)); }); !r.ok()) {
      problem = "parse_file failed: " + r.error;
    } else if (docs.size() != book.size()) {
      problem = "a book of " + std::to_string(book.size()) + " documents read back as " +
                std::to_string(docs.size());
    }
    bool all_good = problem.empty();
    for (std::size_t k = from; k < to; ++k) {
      ReadBack rb;
      rb.kept = path;
      rb.cells = true;
      rb.shared = true;
      rb.problem = problem;
      if (problem.empty()) rb.doc = std::move(docs[k - from]);
      std::string difference = compare(trials[k].want, rb, trials[k].damaged);
      all_good = all_good && difference.empty();
      found.push_back(difference.empty()
                          ? ""
                          : "document " + std::to_string(k - from + 1) + " of a book: " + difference);
    }
    if (all_good) {
      std::error_code ec;
      std::filesystem::remove(path, ec);
    }
    from = to;
  }
  return found;
}

std::vector<std::string> run_trials(const std::vector<Trial>& trials, TableLayout layout, OutputFormat format) {
  if (format == OutputFormat::Pdf) return run_pdf_books(trials, layout);
  std::vector<std::string> found;
  for (const Trial& t : trials)
    found.push_back(compare(t.want, render_and_parse(t.printed, layout, format, t.options, t.label), t.damaged));
  return found;
}

const char* layout_name(TableLayout layout) {
  return layout == TableLayout::ProjectGrid ? "project-grid" : "summary";
}

using Case = std::tuple<TableLayout, OutputFormat>;

}  // namespace

// Readable parameters in gtest's messages.
void PrintTo(TableLayout layout, std::ostream* os) { *os << layout_name(layout); }
void PrintTo(OutputFormat format, std::ostream* os) { *os << output_format_extension(format); }

namespace {

std::string case_name(const ::testing::TestParamInfo<Case>& info) {
  return std::string(std::get<0>(info.param) == TableLayout::ProjectGrid ? "Grid" : "Summary") + "_" +
         output_format_extension(std::get<1>(info.param));
}

const auto kCases =
    ::testing::Combine(::testing::Values(TableLayout::Summary, TableLayout::ProjectGrid),
                       ::testing::Values(OutputFormat::Text, OutputFormat::Html, OutputFormat::Docx,
                                         OutputFormat::Xlsx, OutputFormat::Pdf));

class RoundTrip : public ::testing::TestWithParam<Case> {
 protected:
  void SetUp() override {
    const char* ext = output_format_extension(std::get<1>(GetParam()));
    if (!parse_file_reads(ext))
      GTEST_SKIP() << "parse_file reads no ." << ext << " yet (recognise/file_formats.cpp)";
  }

  // Runs the trial `make(seed)` builds for every seed: render its printed
  // document, parse it back, compare with what it wants.
  template <typename Make>
  void over_seeds(const char* what, Make make) {
    const auto [layout, format] = GetParam();
    const int n = docs_for(format, std::string(what) == "damaged");
    const int first = env_int("JIXIAO_ROUNDTRIP_FIRST", 1);
    const int show = env_int("JIXIAO_ROUNDTRIP_SHOW", 15);
    const int batch = 50;  // documents made, then read back, at a time
    int failures = 0;
    std::ostringstream report;
    for (int from = first; from < first + n; from += batch) {
      std::vector<Trial> trials;
      for (int seed = from; seed < std::min(first + n, from + batch); ++seed)
        trials.push_back(make(static_cast<std::uint64_t>(seed)));
      std::vector<std::string> found = run_trials(trials, layout, format);
      for (std::size_t k = 0; k < trials.size(); ++k) {
        if (found[k].empty()) continue;
        if (++failures <= show) report << "  seed " << trials[k].seed << ": " << found[k] << "\n";
      }
    }
    const std::string test = ::testing::UnitTest::GetInstance()->current_test_info()->test_suite_name() +
                             std::string(".") +
                             ::testing::UnitTest::GetInstance()->current_test_info()->name();
    EXPECT_EQ(failures, 0) << failures << " of " << n << " " << what << " " << layout_name(layout)
                           << " documents as ." << output_format_extension(format) << " did not round-trip:\n"
                           << report.str()
                           << "  rerun one: JIXIAO_ROUNDTRIP_FIRST=<seed> JIXIAO_ROUNDTRIP_DOCS=1 "
                           << "jixiao_tests --gtest_filter='" << test << "'";
    RecordProperty("documents", n);
    RecordProperty("failed_documents", failures);
  }
};

// Undamaged: the reading is exact.
TEST_P(RoundTrip, Generated) {
  const auto [layout, format] = GetParam();
  over_seeds("undamaged", [&, layout = layout](std::uint64_t seed) {
    GenerateOptions g;
    g.layout = layout_name(layout);
    Trial t;
    t.seed = seed;
    t.want = generate_document(seed, g);
    t.printed = t.want;
    // Every seed wraps at other widths, with its own noise.
    t.options = TextRenderOptions::varied(seed * 7919);
    t.label = std::string("rt_") + g.layout + "_" + std::to_string(seed);
    return t;
  });
}

// Damaged (synth/damage.hpp): every field not recorded as damaged is read
// exactly as generated.
TEST_P(RoundTrip, Damaged) {
  const auto [layout, format] = GetParam();
  over_seeds("damaged", [&, layout = layout](std::uint64_t seed) {
    GenerateOptions g;
    g.layout = layout_name(layout);
    Trial t;
    t.seed = seed;
    t.want = generate_document(seed, g);
    DamagedDocument d = damage_document(t.want, seed, DamageOptions{}, TextRenderOptions::varied(seed * 7919));
    t.printed = std::move(d.printed);
    t.options = d.text_options;
    t.damaged = std::move(d.damaged);
    t.label = std::string("rt_damaged_") + g.layout + "_" + std::to_string(seed);
    return t;
  });
}

// The seed corpus's gold readings, rendered in the layout each came from,
// must parse back to themselves (002 is OCR output, not an export).
TEST_P(RoundTrip, GoldReadings) {
  const auto [layout, format] = GetParam();
  std::filesystem::path dir = std::filesystem::path(JIXIAO_TEST_DATA) / "corpus" / "gold";
  int seen = 0;
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    std::string stem = entry.path().stem().string();
    if (entry.path().extension() != ".json" || stem.rfind("002_", 0) == 0) continue;
    const bool grid = stem.rfind("003_", 0) == 0;
    if (grid != (layout == TableLayout::ProjectGrid)) continue;
    std::ifstream in(entry.path());
    Document doc = document_from_json(nlohmann::json::parse(in));
    doc.layout = layout_name(layout);
    ++seen;
    // Text is rendered with several wrapping widths; the other formats have one form.
    const std::vector<std::uint64_t> variants =
        format == OutputFormat::Text ? std::vector<std::uint64_t>{0, 1, 2, 3} : std::vector<std::uint64_t>{0};
    for (std::uint64_t s : variants) {
      TextRenderOptions r = s == 0 ? TextRenderOptions{} : TextRenderOptions::varied(s);
      std::string d =
          compare(doc, render_and_parse(doc, layout, format, r, "gold_" + stem + "_" + std::to_string(s)));
      EXPECT_TRUE(d.empty()) << stem << " as ." << output_format_extension(format) << " (options seed " << s
                             << "): " << d;
    }
  }
  EXPECT_EQ(seen, layout == TableLayout::ProjectGrid ? 1 : 3);
}

INSTANTIATE_TEST_SUITE_P(Formats, RoundTrip, kCases, case_name);

// One document of thousands of projects (the shape the throughput benchmark
// parses): units far larger than any published table.
TEST(RoundTripText, LargeSummaryDocument) {
  GenerateOptions g;
  g.projects = 3000;
  for (std::uint64_t seed : {5u, 6u}) {
    Document doc = generate_document(seed, g);
    std::string d =
        compare(doc, render_and_parse(doc, TableLayout::Summary, OutputFormat::Text,
                                      TextRenderOptions::varied(seed), "rt_large_" + std::to_string(seed)));
    EXPECT_TRUE(d.empty()) << "seed " << seed << ": " << d;
  }
}

TEST(Damage, RecordsWhatItDamagesAndIsDeterministic) {
  int damaged = 0;
  for (std::uint64_t seed = 1; seed <= 50; ++seed) {
    Document clean = generate_document(seed, GenerateOptions{});
    DamagedDocument a = damage_document(clean, seed, DamageOptions{});
    DamagedDocument b = damage_document(clean, seed, DamageOptions{});
    EXPECT_EQ(to_json(a.printed), to_json(b.printed)) << "seed " << seed;
    EXPECT_EQ(a.damaged, b.damaged) << "seed " << seed;
    // Outside the recorded fields the printed document is the clean one, and
    // every recorded field did change.
    ojson want = to_json(clean), got = to_json(a.printed);
    for (const std::string& p : a.damaged) {
      ojson::json_pointer ptr(p);
      EXPECT_NE(want[ptr], got[ptr]) << "seed " << seed << " " << p << " recorded but unchanged";
    }
    blank_out(want, a.damaged);
    blank_out(got, a.damaged);
    EXPECT_EQ(want, got) << "seed " << seed << ": damage outside the recorded fields";
    damaged += static_cast<int>(a.damaged.size());
  }
  EXPECT_GT(damaged, 20);
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
