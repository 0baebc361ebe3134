// In-context-learning windows (BoE Examples 6/11) with N = 200 examples, m = 3 inputs, r = 2 outputs:
// three noisy labelling tasks (the bundled E6 model at N = 200; its cells collapse to 4 likelihood types,
// so each forward TV sums over C(N + 3, 3) = 1.4e6 count tables), and, for scale, a generic table whose
// 6 cells stay distinct (C(N + 5, 5) tables) at N = 40; at N = 200 that table is beyond the exact limit, and
// timed are the exact engine's refusal and the Monte Carlo engine the command line falls back to. A fresh
// engine per iteration: the engines memoize forward TVs, and a warm memo would time nothing.
#include <benchmark/benchmark.h>

#include <fstream>
#include <sstream>
#include <string>

#include "bounds/critical_window.hpp"
#include "bounds/engine_factory.hpp"
#include "bounds/theorem2_window.hpp"
#include "model/input_error.hpp"
#include "model/model_file.hpp"
#include "samplers/sampler_factory.hpp"

namespace {

using namespace critwin;

std::string e6_text(int examples) {
  std::ifstream in(std::string(CRITWIN_SOURCE_DIR) + "/examples/e6_icl.toml");
  std::stringstream ss;
  ss << in.rdbuf();
  std::string s = ss.str();
  const std::string key = "examples = 40";
  s.replace(s.find(key), key.size(), "examples = " + std::to_string(examples));
  return s;
}

// Times f(engine) with a fresh engine at 128 bits per iteration.
template <class F>
void time_fresh(benchmark::State& state, const Model& m, F&& f, const char* label) {
  for (auto _ : state) {
    auto engine = exact_engine_make(m, 128);
    auto r = f(*engine);
    benchmark::DoNotOptimize(r);
  }
  state.SetLabel(label);
}

const ExactReal kEps = *ExactReal::parse("0.1");

void BM_IclWindowN200(benchmark::State& state) {
  const Subset star({0});
  time_fresh(state, model_file_parse(e6_text(200)), [&](const ExactEngine& e) { return theorem2_window(e, star, star, kEps); },
             "E6 labelling tasks, N = 200, m = 3, r = 2, K = 3: window S_init = S_target = star");
}
BENCHMARK(BM_IclWindowN200)->Unit(benchmark::kMillisecond);

void BM_IclCriticalWindowN200(benchmark::State& state) {
  time_fresh(state, model_file_parse(e6_text(200)),
             [&](const ExactEngine& e) { return critical_window(e, Subset({0}), Subset::all(3), kEps); },
             "E6 labelling tasks, N = 200: critical window S_after = star, S_before = all");
}
BENCHMARK(BM_IclCriticalWindowN200)->Unit(benchmark::kMillisecond);

std::string generic_text(int examples) {
  return R"(
[mixture]
weights = ["1/2", "1/2"]
[components]
kind = "icl"
examples = )" + std::to_string(examples) + R"(
input_probs = ["1/5", "3/10", "1/2"]
tables = [[["1/3", "2/3"], ["1/7", "6/7"], ["2/5", "3/5"]], [["1/2", "1/2"], ["3/4", "1/4"], ["1/9", "8/9"]]]
[process]
kind = "truncate"
)";
}

void BM_IclWindowGenericN40(benchmark::State& state) {
  const Model m = model_file_parse(generic_text(40));
  const Subset a({0});
  time_fresh(state, m, [&](const ExactEngine& e) { return theorem2_window(e, a, a, kEps); },
             "generic table (6 distinct cells), N = 40, m = 3, r = 2, K = 2");
}
BENCHMARK(BM_IclWindowGenericN40)->Unit(benchmark::kMillisecond);

void BM_IclGenericN200ExactRefusal(benchmark::State& state) {
  const Model m = model_file_parse(generic_text(200));
  for (auto _ : state) {
    bool refused = false;
    try {
      exact_engine_make(m, 128);
    } catch (const InputError&) {
      refused = true;
    }
    if (!refused) state.SkipWithError("the generic N = 200 model was not refused");
  }
  state.SetLabel("generic table, N = 200: time to the exact engine's refusal (C(205, 5) = 2.9e9 tables)");
}
BENCHMARK(BM_IclGenericN200ExactRefusal)->Unit(benchmark::kMillisecond);

void BM_IclGenericN200MonteCarloWindow(benchmark::State& state) {
  const Model m = model_file_parse(generic_text(200));
  for (auto _ : state) {
    auto engine = family_monte_carlo_engine_make(m, 128, McEngineOptions{100000, 1, 1});
    auto w = theorem2_window(*engine, Subset({0}), Subset({0, 1}), kEps);
    auto cw = critical_window(*engine, Subset({0}), Subset({0, 1}), kEps);
    benchmark::DoNotOptimize(w);
    benchmark::DoNotOptimize(cw);
  }
  state.SetLabel("generic table, N = 200, Monte Carlo engine (1e5 samples, 1 thread): Theorem-2 window + critical window");
}
BENCHMARK(BM_IclGenericN200MonteCarloWindow)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
