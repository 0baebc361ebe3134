// Three Gaussians with non-collinear means (examples/gaussians_three_plane.toml): the nested-quadrature
// fr-tv, and a Theorem-2 window whose crossings are quadrature TVs found by TOMS 748.
#include <benchmark/benchmark.h>

#include "bounds/engine_factory.hpp"
#include "bounds/theorem2_window.hpp"
#include "model/model_file.hpp"

namespace {

critwin::Model plane_model() {
  return critwin::model_file_load(std::string(CRITWIN_SOURCE_DIR) + "/examples/gaussians_three_plane.toml");
}

void BM_PlaneFrTv(benchmark::State& state) {
  using namespace critwin;
  const Model model = plane_model();  // the engine keeps a reference
  auto engine = exact_engine_make(model, 128);
  const TimePoint t{*ExactReal::parse("0.8"), false};
  for (auto _ : state) benchmark::DoNotOptimize(engine->fr_tv(Subset({0}), Subset({0, 1}), t));
  state.SetLabel("S_init = a, S_target = a,b, T = 0.8 (all cores)");
}
BENCHMARK(BM_PlaneFrTv)->Unit(benchmark::kMillisecond)->UseRealTime();

void BM_PlaneWindow128(benchmark::State& state) {
  using namespace critwin;
  const Model model = plane_model();  // the engine keeps a reference
  auto engine = exact_engine_make(model, 128);
  const ExactReal eps = *ExactReal::parse("0.1");
  for (auto _ : state) benchmark::DoNotOptimize(theorem2_window(*engine, Subset({0}), Subset({0, 1}), eps));
  state.SetLabel("S_init = a, S_target = a,b, eps = 0.1");
}
BENCHMARK(BM_PlaneWindow128)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
