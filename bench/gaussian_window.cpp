// Two-Gaussian Theorem-2 window (E1, m = 8) at 256 bits: certified erfc⁻¹ closed forms end to end.
#include <benchmark/benchmark.h>

#include "bounds/engine_factory.hpp"
#include "bounds/theorem2_window.hpp"
#include "model/model_file.hpp"

namespace {

void BM_TwoGaussianWindow256(benchmark::State& state) {
  using namespace critwin;
  Model m = model_file_load(std::string(CRITWIN_SOURCE_DIR) + "/examples/e1_two_gaussians.toml");
  auto engine = exact_engine_make(m, 256);
  const ExactReal eps = *ExactReal::parse("0.1");
  const Subset plus({0}), both({0, 1});
  for (auto _ : state) {
    auto w1 = theorem2_window(*engine, plus, plus, eps);
    auto w2 = theorem2_window(*engine, plus, both, eps);
    benchmark::DoNotOptimize(w1);
    benchmark::DoNotOptimize(w2);
  }
  state.SetLabel("two windows per iteration (S_target = plus and plus,minus)");
}
BENCHMARK(BM_TwoGaussianWindow256)->Unit(benchmark::kMicrosecond);

void BM_TwoGaussianFrTv128(benchmark::State& state) {
  using namespace critwin;
  Model m = model_file_load(std::string(CRITWIN_SOURCE_DIR) + "/examples/e1_two_gaussians.toml");
  auto engine = exact_engine_make(m, 128);
  const TimePoint t{*ExactReal::parse("1.5"), false};
  for (auto _ : state) benchmark::DoNotOptimize(engine->fr_tv(Subset({0}), Subset({0}), t));
}
BENCHMARK(BM_TwoGaussianFrTv128)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
