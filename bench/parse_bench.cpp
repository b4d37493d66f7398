// Parser throughput on generated documents: one summary document and one
// project-grid document of ~5-20 MB each, generated and rendered once, then
// parse_text on them repeatedly. Reports bytes/s of input text.
//
//   build/bench/jixiao_bench [--benchmark_filter=Parse]
//
// JIXIAO_BENCH_PROJECTS overrides the project count per document (default
// 10000 summary projects ≈ 10 MB, 8000 grid projects ≈ 10 MB).
#include <benchmark/benchmark.h>

#include <cstdlib>
#include <string>

#include "recognise/parse.hpp"
#include "render/text_render.hpp"
#include "synth/generator.hpp"

namespace {

std::size_t projects_for(std::size_t fallback) {
  const char* env = std::getenv("JIXIAO_BENCH_PROJECTS");
  long n = env ? std::atol(env) : 0;
  return n > 0 ? static_cast<std::size_t>(n) : fallback;
}

jixiao::Document make(const char* layout, std::size_t projects) {
  jixiao::GenerateOptions g;
  g.layout = layout;
  g.projects = projects;
  return jixiao::generate_document(20240601, g);
}

const std::string& summary_text() {
  static const std::string text = jixiao::render_text(make("summary", projects_for(10000)), {});
  return text;
}

const std::string& grid_text() {
  static const std::string text = jixiao::render_text(make("project-grid", projects_for(8000)), {});
  return text;
}

void parse(benchmark::State& state, const std::string& text) {
  std::size_t projects = 0;
  for (auto _ : state) {
    jixiao::Document doc = jixiao::parse_text(text, "bench.txt");
    projects = 0;
    for (const auto& u : doc.units) projects += u.projects.size();
    benchmark::DoNotOptimize(projects);
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations()) * static_cast<int64_t>(text.size()));
  state.counters["input_MB"] = static_cast<double>(text.size()) / 1e6;
  state.counters["projects"] = static_cast<double>(projects);
}

void BM_ParseSummary(benchmark::State& state) { parse(state, summary_text()); }
void BM_ParseGrid(benchmark::State& state) { parse(state, grid_text()); }

// Generation and rendering, for comparison (what `jixiao synth` pays per byte).
void BM_GenerateAndRenderSummary(benchmark::State& state) {
  std::size_t bytes = 0;
  std::uint64_t seed = 1;
  for (auto _ : state) {
    jixiao::GenerateOptions g;
    jixiao::Document doc = jixiao::generate_document(seed, g);
    std::string text = jixiao::render_text(doc, jixiao::TextRenderOptions::varied(seed++));
    bytes += text.size();
    benchmark::DoNotOptimize(text.data());
  }
  state.SetBytesProcessed(static_cast<int64_t>(bytes));
}

BENCHMARK(BM_ParseSummary)->Unit(benchmark::kMillisecond)->MinTime(2.0);
BENCHMARK(BM_ParseGrid)->Unit(benchmark::kMillisecond)->MinTime(2.0);
BENCHMARK(BM_GenerateAndRenderSummary)->Unit(benchmark::kMicrosecond);

}  // namespace

BENCHMARK_MAIN();
