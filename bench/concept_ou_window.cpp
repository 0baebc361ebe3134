// concept-ou (BoE Theorem 9) with T = 1000 words: a Theorem-2 window and a Definition-4 critical window from a
// cold engine (the O(T) information profile included), at 128 bits. Target (issue 10): < 0.1 s.
#include <benchmark/benchmark.h>

#include <fmt/format.h>

#include "bounds/critical_window.hpp"
#include "bounds/engine_factory.hpp"
#include "bounds/theorem2_window.hpp"
#include "model/model_file.hpp"

namespace {

critwin::Model concept_model(int context) {
  return critwin::model_file_parse(fmt::format(R"(
[mixture]
weights = ["1/2", "1/2"]
labels = ["u", "v"]
[components]
kind = "concept-ou"
alpha = "1e6"
rho = "0"
context = {}
[process]
kind = "truncate"
)", context));
}

void BM_ConceptOuWindowT1000(benchmark::State& state) {
  using namespace critwin;
  const Model m = concept_model(1000);
  const ExactReal eps = *ExactReal::parse("0.01");
  const Subset u({0}), all({0, 1});
  for (auto _ : state) {
    auto engine = exact_engine_make(m, 128);  // cold: the profile is computed inside the iteration
    auto w = theorem2_window(*engine, u, all, eps);
    auto cw = critical_window(*engine, u, all, eps);
    benchmark::DoNotOptimize(w);
    benchmark::DoNotOptimize(cw);
  }
  state.SetLabel("T = 1000 words, cold engine: one Theorem-2 window and one critical window");
}
BENCHMARK(BM_ConceptOuWindowT1000)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
