// categorical-product windows on L = 10^4 positions in 20 repeated-row blocks of 500, V = 5 (BoE E4 shape):
// 16 blocks where both modes agree (different laws per block), then 4 diverging blocks. A fresh engine per
// iteration, so the per-subset-pair TV sweeps are included. Target: < 1 s per exact window.
// Generic diverging rows, where all five symbols are shared with independent likelihood ratios (2, 1/2, 4/3,
// 2/3, 6/5 over the primes 2, 3, 5), make the prefix groups a 3-D lattice (one block of 500 positions took
// over 40 s of CPU before the exact engine's limits were checked up front): timed here are the exact engine's
// refusal (its feasibility pass stops after a few positions of the first diverging block) and the Monte Carlo
// engine that the command line falls back to (10^5 samples per estimate, one thread).
#include <benchmark/benchmark.h>

#include <string>

#include <fmt/format.h>

#include "bounds/critical_window.hpp"
#include "bounds/engine_factory.hpp"
#include "bounds/theorem2_window.hpp"
#include "model/input_error.hpp"
#include "model/model_file.hpp"
#include "samplers/sampler_factory.hpp"

namespace {

// `harm` and `safe` are the diverging rows of the two modes, in the last `diverging` blocks.
std::string model_text(const std::string& harm, const std::string& safe, int diverging = 4) {
  std::string t[2];
  for (int blk = 0; blk < 20 - diverging; ++blk) {
    const std::string row = fmt::format("{{ probs = [\"{}/20\", \"{}/20\", \"{}/20\", \"2/20\", \"3/20\"], repeat = 500 }}, ",
                                        1 + blk % 5, 4 + blk % 3, 10 - blk % 5 - blk % 3);
    t[0] += row;
    t[1] += row;
  }
  for (int blk = 0; blk < diverging; ++blk) {
    t[0] += fmt::format("{{ probs = {}, repeat = 500 }}, ", harm);
    t[1] += fmt::format("{{ probs = {}, repeat = 500 }}, ", safe);
  }
  return fmt::format(R"(
[mixture]
weights = ["1/2", "1/2"]
[components]
kind = "categorical-product"
alphabet = ["ok", "sure", "sorry", "cannot", "."]
length = 10000
tables = [ [ {} ], [ {} ] ]
[process]
kind = "truncate"
)", t[0], t[1]);
}

void run(benchmark::State& state, const std::string& text) {
  using namespace critwin;
  Model m = model_file_parse(text);
  const ExactReal eps = *ExactReal::parse("0.1");
  for (auto _ : state) {
    auto engine = exact_engine_make(m, 128);
    auto w = theorem2_window(*engine, Subset({0}), Subset({0}), eps);
    auto cw = critical_window(*engine, Subset({0}), Subset({0, 1}), eps);
    benchmark::DoNotOptimize(w);
    benchmark::DoNotOptimize(cw);
  }
  state.SetLabel("Theorem-2 window + critical window, eps = 0.1, fresh engine");
}

// One shared symbol with equal probability ("."), the rest disjoint: the E4 shape.
void BM_CategoricalWindowOneSharedSymbol(benchmark::State& state) {
  run(state, model_text(R"(["0", "7/10", "0", "0", "3/10"])", R"(["0", "0", "1/2", "1/5", "3/10"])"));
}
BENCHMARK(BM_CategoricalWindowOneSharedSymbol)->Unit(benchmark::kMillisecond);

// Two shared symbols with different likelihood ratios (3 and 2/3): prefix groups form a 2-D family.
void BM_CategoricalWindowTwoRatios(benchmark::State& state) {
  run(state, model_text(R"(["0", "6/10", "0", "1/10", "3/10"])", R"(["0", "0", "1/2", "3/10", "1/5"])"));
}
BENCHMARK(BM_CategoricalWindowTwoRatios)->Unit(benchmark::kMillisecond);

const char* kGenericHarm = R"(["1/5", "1/10", "1/5", "1/5", "3/10"])";
const char* kGenericSafe = R"(["1/10", "1/5", "3/20", "3/10", "1/4"])";

// The exact engine refuses the generic model when it is made (InputError on components.tables).
void BM_CategoricalGenericExactRefusal(benchmark::State& state) {
  using namespace critwin;
  const Model m = model_file_parse(model_text(kGenericHarm, kGenericSafe));
  for (auto _ : state) {
    bool refused = false;
    try {
      exact_engine_make(m, 128);
    } catch (const InputError&) {
      refused = true;
    }
    if (!refused) state.SkipWithError("the generic model was not refused");
  }
  state.SetLabel("generic ratios 2, 1/2, 4/3, 2/3, 6/5 in 4 blocks of 500: time to the exact engine's refusal");
}
BENCHMARK(BM_CategoricalGenericExactRefusal)->Unit(benchmark::kMillisecond);

// What the command line answers instead: the Monte Carlo engine's Theorem-2 and critical windows.
void BM_CategoricalGenericMonteCarloWindow(benchmark::State& state) {
  using namespace critwin;
  const Model m = model_file_parse(model_text(kGenericHarm, kGenericSafe));
  const ExactReal eps = *ExactReal::parse("0.1");
  for (auto _ : state) {
    auto engine = family_monte_carlo_engine_make(m, 128, McEngineOptions{100000, 1, 1});
    auto w = theorem2_window(*engine, Subset({0}), Subset({0}), eps);
    auto cw = critical_window(*engine, Subset({0}), Subset({0, 1}), eps);
    benchmark::DoNotOptimize(w);
    benchmark::DoNotOptimize(cw);
  }
  state.SetLabel("generic ratios, Monte Carlo engine (1e5 samples, 1 thread): Theorem-2 window + critical window");
}
BENCHMARK(BM_CategoricalGenericMonteCarloWindow)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
