// The store's search call, per query shape (issue 8): what one request of
// bench/serve_load.sh costs the store, without HTTP, JSON or other threads.
// The shapes are those serve_load.sh cycles through: projects or indicators
// (with or without the qualitative filter), no text or one of nine words,
// the first page or the fifth, 50 rows, the count capped as `jixiao serve`
// caps it (--count-limit, 250); "exact" runs count every match instead,
// as before the cap.
//
//   bench/serve_load.sh                       # makes the store (100,000 projects), once
//   build/bench/jixiao_search_bench [--benchmark_filter=indicators]
//
// JIXIAO_SEARCH_DB: the store to search (default: serve_load.sh's,
// /tmp/jixiao-serve-load/load.db); JIXIAO_SEARCH_COUNT_LIMIT (250, as serve).
#include <benchmark/benchmark.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <string>

#include "store/store.hpp"

namespace {

using jixiao::store::Store;

std::string db_path() {
  const char* env = std::getenv("JIXIAO_SEARCH_DB");
  return env && *env ? env : "/tmp/jixiao-serve-load/load.db";
}

std::int64_t count_limit() {
  const char* env = std::getenv("JIXIAO_SEARCH_COUNT_LIMIT");
  return env && *env ? std::atoll(env) : 250;
}

// One read-only connection, as each of jixiao serve's workers holds.
Store& store() {
  static std::unique_ptr<Store> s = Store::open(db_path(), jixiao::store::OpenMode::ReadOnly, /*long_lived=*/true);
  return *s;
}

struct Shape {
  std::string kind;  // "projects" or "indicators"
  std::string text;
  bool qualitative = false;
  int page = 1;
  bool exact = false;  // count every match (no cap)
};

void search(benchmark::State& state, const Shape& shape) {
  jixiao::store::Filter f;
  f.text = shape.text;
  f.qualitative_only = shape.qualitative;
  jixiao::store::Page page{50, (shape.page - 1) * 50, shape.exact ? 0 : count_limit()};
  std::int64_t total = 0;
  std::size_t rows = 0;
  for (auto _ : state) {
    if (shape.kind == "projects") {
      auto r = store().projects(f, page);
      total = r.total;
      rows = r.rows.size();
    } else {
      auto r = store().indicators(f, page);
      total = r.total;
      rows = r.rows.size();
    }
    benchmark::DoNotOptimize(rows);
  }
  state.counters["total"] = static_cast<double>(total);
  state.counters["rows"] = static_cast<double>(rows);
}

void register_shapes() {
  for (const std::string text : {"", "维护", "率", "信息化", "培训", "满意度", "设备", "经费", "及时", "完成"}) {
    for (int q = 0; q < 3; ++q) {
      Shape s;
      s.kind = q == 0 ? "projects" : "indicators";
      s.qualitative = q == 2;
      s.text = text;
      for (int page : {1, 5}) {
        for (bool exact : {false, true}) {
          if (exact && page != 1) continue;  // the count is the same on every page
          s.page = page;
          s.exact = exact;
          const std::string name = s.kind + (s.qualitative ? "+qualitative" : "") + "/q=" +
                                   (text.empty() ? "-" : text) + "/page=" + std::to_string(page) +
                                   (exact ? "/exact" : "");
          benchmark::RegisterBenchmark(name.c_str(), search, s)->Unit(benchmark::kMillisecond);
        }
      }
    }
  }
}

}  // namespace

int main(int argc, char** argv) {
  if (!std::filesystem::exists(db_path())) {
    std::fprintf(stderr,
                 "jixiao_search_bench: no store at %s: run bench/serve_load.sh first, or set JIXIAO_SEARCH_DB\n",
                 db_path().c_str());
    return 1;
  }
  register_shapes();
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
