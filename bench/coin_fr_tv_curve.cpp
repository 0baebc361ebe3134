// The exact fr-tv curve T̂ ↦ TV(p^{S_init,T̂}, p^{S_target}) of a two-coin Bernoulli product under
// truncation, L = 1000, every T̂ in 0..1000, 128 bits: the issue's target is under 2 s on one core.
#include <benchmark/benchmark.h>

#include "bounds/engine_factory.hpp"
#include "model/model_file.hpp"

namespace {

const char* kCoins = R"(
name = "coins L = 1000"
[mixture]
weights = ["1/2", "1/2"]
labels = ["heads", "tails"]
[components]
kind = "bernoulli-product"
length = 1000
probs = ["0.6", "0.4"]
[process]
kind = "truncate"
)";

void BM_CoinFrTvCurve(benchmark::State& state) {
  critwin::Model m = critwin::model_file_parse(kCoins);
  auto engine = critwin::exact_engine_make(m, 128);
  const critwin::Subset si({0}), st({0});
  for (auto _ : state) {
    auto curve = engine->fr_tv_curve(si, st);
    benchmark::DoNotOptimize(curve.data());
    if (curve.size() != 1001) state.SkipWithError("wrong curve length");
  }
}
BENCHMARK(BM_CoinFrTvCurve)->Unit(benchmark::kMillisecond)->Iterations(3);

}  // namespace

BENCHMARK_MAIN();
