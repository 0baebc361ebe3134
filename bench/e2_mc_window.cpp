// E2 at scale (issue 10): K = 10 random means in d = 1e4 (examples/e2_k10_d10000.toml), the Monte Carlo engine in
// the span of the means (dimension 9), and the Definition-4 critical window at ε = 0.1 on two threads, span
// reduction included. Target: < 5 s with both endpoints known to ±0.01 in t. Counters: the widths of the
// endpoint intervals (the times where the 99.9% band straddles the level).
#include <benchmark/benchmark.h>

#include <tbb/global_control.h>

#include "bounds/critical_window.hpp"
#include "model/model_file.hpp"
#include "samplers/gaussian/gaussian_mc_engine.hpp"

namespace {

void BM_E2McCriticalWindow(benchmark::State& state) {
  using namespace critwin;
  tbb::global_control threads(tbb::global_control::max_allowed_parallelism, 2);
  const Model m = model_file_load(std::string(CRITWIN_SOURCE_DIR) + "/examples/e2_k10_d10000.toml");
  const McEngineOptions opt{static_cast<uint64_t>(state.range(0)), 1, 2};
  const ExactReal eps = *ExactReal::parse("0.1");
  const Subset first({0}), all = Subset::all(m.size());
  CriticalWindow cw;
  for (auto _ : state) {
    auto engine = gaussian_mc_engine_make(m, 128, opt);
    cw = critical_window(*engine, first, all, eps);
    benchmark::DoNotOptimize(cw);
  }
  if (cw.t_after) state.counters["t_after_width"] = cw.t_after->hi - cw.t_after->lo;
  if (cw.t_before) state.counters["t_before_width"] = cw.t_before->hi - cw.t_before->lo;
  if (cw.t_after) state.counters["t_after"] = cw.t_after->value;
  if (cw.t_before) state.counters["t_before"] = cw.t_before->value;
  state.SetLabel("K = 10, d = 1e4, eps = 0.1, two threads; arg = samples per estimate");
}
BENCHMARK(BM_E2McCriticalWindow)->Arg(200000)->Arg(300000)->Arg(1000000)->MeasureProcessCPUTime()->UseRealTime()->Unit(benchmark::kSecond)->Iterations(1);

}  // namespace

BENCHMARK_MAIN();
