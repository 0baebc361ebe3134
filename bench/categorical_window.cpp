// categorical-product windows on L = 10^4 positions in 20 repeated-row blocks of 500, V = 5 (BoE E4 shape):
// 16 blocks where both modes agree (different laws per block), then 4 diverging blocks. A fresh engine per
// iteration, so the per-subset-pair TV sweeps are included. Target: < 1 s per exact window.
// Not benchmarked because it does not finish in reasonable time: diverging rows where all five symbols are
// shared with independent likelihood ratios (e.g. 2, 1/2, 4/3, 2/3, 6/5 over the primes 2, 3, 5) make the
// prefix groups a 3-D lattice; one such block of 500 positions already takes over 40 s of CPU.
#include <benchmark/benchmark.h>

#include <string>

#include <fmt/format.h>

#include "bounds/critical_window.hpp"
#include "bounds/engine_factory.hpp"
#include "bounds/theorem2_window.hpp"
#include "model/model_file.hpp"

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


}  // namespace

BENCHMARK_MAIN();
