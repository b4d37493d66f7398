// What `jixiao check` adds to `jixiao parse`: one large generated document
// (summary layout, 10000 projects ≈ 10 MB of text) parsed, then checked and
// scored. The target (issue 4) is check + score ≤ 20% of parse.
//
//   build/bench/jixiao_check_bench [--benchmark_filter=Overhead]
//
// BM_CheckOverhead times both halves in the same iterations and reports
// parse_ms, check_ms and overhead_pct = check_ms / parse_ms × 100.
// JIXIAO_BENCH_PROJECTS overrides the project count.
#include <benchmark/benchmark.h>

#include <chrono>
#include <cstdlib>
#include <string>

#include "check/rules.hpp"
#include "recognise/parse.hpp"
#include "render/text_render.hpp"
#include "synth/generator.hpp"

namespace {

std::size_t projects_for(std::size_t fallback) {
  const char* env = std::getenv("JIXIAO_BENCH_PROJECTS");
  long n = env ? std::atol(env) : 0;
  return n > 0 ? static_cast<std::size_t>(n) : fallback;
}

const std::string& text_of(const char* layout) {
  static std::string summary, grid;
  std::string& text = std::string(layout) == "summary" ? summary : grid;
  if (text.empty()) {
    jixiao::GenerateOptions g;
    g.layout = layout;
    g.projects = projects_for(std::string(layout) == "summary" ? 10000 : 8000);
    text = jixiao::render_text(jixiao::generate_document(20240601, g), {});
  }
  return text;
}

const jixiao::check::Checker& checker() {
  static const jixiao::check::Checker c;
  return c;
}

void BM_Parse(benchmark::State& state, const char* layout) {
  const std::string& text = text_of(layout);
  for (auto _ : state) {
    jixiao::Document doc = jixiao::parse_text(text, "bench.txt");
    benchmark::DoNotOptimize(doc.units.size());
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations()) * static_cast<int64_t>(text.size()));
}

void BM_ParseAndCheck(benchmark::State& state, const char* layout) {
  const std::string& text = text_of(layout);
  std::size_t findings = 0;
  for (auto _ : state) {
    jixiao::Document doc = jixiao::parse_text(text, "bench.txt");
    auto review = checker().review(doc);
    findings = review.findings.size();
    benchmark::DoNotOptimize(review.score.mean);
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations()) * static_cast<int64_t>(text.size()));
  state.counters["findings"] = static_cast<double>(findings);
}

// Both halves timed in the same iterations, so the ratio is not skewed by
// runs on a busier or quieter machine.
void BM_CheckOverhead(benchmark::State& state, const char* layout) {
  using clock = std::chrono::steady_clock;
  const std::string& text = text_of(layout);
  double parse_s = 0, check_s = 0;
  for (auto _ : state) {
    auto t0 = clock::now();
    jixiao::Document doc = jixiao::parse_text(text, "bench.txt");
    auto t1 = clock::now();
    auto review = checker().review(doc);
    auto t2 = clock::now();
    benchmark::DoNotOptimize(review.score.mean);
    parse_s += std::chrono::duration<double>(t1 - t0).count();
    check_s += std::chrono::duration<double>(t2 - t1).count();
  }
  const double n = static_cast<double>(state.iterations());
  state.counters["parse_ms"] = parse_s / n * 1e3;
  state.counters["check_ms"] = check_s / n * 1e3;
  state.counters["overhead_pct"] = parse_s > 0 ? check_s / parse_s * 100 : 0;
}

// The checker alone on one parsed document: all rules, no rules (the facts
// gathered and the pass itself), and each rule alone (what it adds to the
// empty pass). Shows where the check's time goes.
const jixiao::Document& parsed(const char* layout) {
  static jixiao::Document summary, grid;
  static bool have_summary = false, have_grid = false;
  bool is_summary = std::string(layout) == "summary";
  jixiao::Document& doc = is_summary ? summary : grid;
  bool& have = is_summary ? have_summary : have_grid;
  if (!have) {
    doc = jixiao::parse_text(text_of(layout), "bench.txt");
    have = true;
  }
  return doc;
}

void BM_Check(benchmark::State& state, const char* layout, int only_rule) {
  const jixiao::Document& doc = parsed(layout);
  jixiao::check::Policy policy = jixiao::check::default_policy();
  const auto& table = jixiao::check::rule_table();
  if (only_rule != -2) {
    for (int k = 0; k < int(table.size()); ++k) {
      if (k != only_rule) policy.severity[std::string(table[k].id)] = std::nullopt;
    }
  }
  const jixiao::check::Checker checker(policy);
  std::size_t findings = 0;
  for (auto _ : state) {
    auto review = checker.review(doc);
    findings = review.findings.size();
    benchmark::DoNotOptimize(review.score.mean);
  }
  state.counters["findings"] = static_cast<double>(findings);
}

// -2: every rule; -1: none; k: rule k of rule_table() alone.
const int kRegistered = [] {
  for (const char* layout : {"summary", "project-grid"}) {
    std::string tag = std::string(layout) == "summary" ? "summary" : "grid";
    benchmark::RegisterBenchmark(("BM_Check/" + tag + "/all").c_str(), BM_Check, layout, -2)
        ->Unit(benchmark::kMillisecond);
    benchmark::RegisterBenchmark(("BM_Check/" + tag + "/none").c_str(), BM_Check, layout, -1)
        ->Unit(benchmark::kMillisecond);
    const auto& table = jixiao::check::rule_table();
    for (int k = 0; k < int(table.size()); ++k) {
      benchmark::RegisterBenchmark(("BM_CheckRule/" + tag + "/" + std::string(table[k].id)).c_str(), BM_Check,
                                   layout, k)
          ->Unit(benchmark::kMillisecond);
    }
  }
  return 0;
}();

BENCHMARK_CAPTURE(BM_Parse, summary, "summary")->Unit(benchmark::kMillisecond)->MinTime(2.0);
BENCHMARK_CAPTURE(BM_ParseAndCheck, summary, "summary")->Unit(benchmark::kMillisecond)->MinTime(2.0);
BENCHMARK_CAPTURE(BM_CheckOverhead, summary, "summary")->Unit(benchmark::kMillisecond)->MinTime(2.0);
BENCHMARK_CAPTURE(BM_CheckOverhead, grid, "project-grid")->Unit(benchmark::kMillisecond)->MinTime(2.0);

}  // namespace

BENCHMARK_MAIN();
