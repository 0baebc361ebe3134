// Exact retention curves (latent, label, cloning) at 128 bits: 200 points of E1 (two Gaussians ±8, T̂ from
// 0 to 6) and every T̂ of E5 (coins L = 600, 601 points). The target is under 1 s each on one core.
// E1's curve is certified (Arb balls, trapezoidal rule with a rigorous strip bound).
#include <benchmark/benchmark.h>

#include "bounds/engine_factory.hpp"
#include "model/model_file.hpp"

namespace {

void run_curve(benchmark::State& state, const char* file, const std::vector<critwin::TimePoint>& ts) {
  critwin::Model m = critwin::model_file_load(std::string(CRITWIN_SOURCE_DIR) + "/examples/" + file);
  auto engine = critwin::exact_engine_make(m, 128);
  const critwin::Subset s({0});
  for (auto _ : state) {
    auto curve = engine->retention_curve(s, ts);
    benchmark::DoNotOptimize(curve.data());
    if (curve.size() != ts.size()) state.SkipWithError("wrong curve length");
  }
}

void BM_RetentionCurveE1(benchmark::State& state) {
  std::vector<critwin::TimePoint> ts;
  for (int i = 0; i < 200; ++i)
    ts.push_back(critwin::TimePoint{critwin::ExactReal::from_int(6 * i) / critwin::ExactReal::from_int(199), false});
  run_curve(state, "e1_two_gaussians.toml", ts);
}
BENCHMARK(BM_RetentionCurveE1)->Unit(benchmark::kMillisecond)->Iterations(3);

void BM_RetentionCurveE5(benchmark::State& state) {
  std::vector<critwin::TimePoint> ts;
  for (int t = 0; t <= 600; ++t) ts.push_back(critwin::TimePoint::integer(t));
  run_curve(state, "e5_coins.toml", ts);
}
BENCHMARK(BM_RetentionCurveE5)->Unit(benchmark::kMillisecond)->Iterations(3);

}  // namespace

BENCHMARK_MAIN();
