// Planted spike (THEORY.md §8): Monte Carlo TV E_Q[(1 − L)_+] at M = 4096 (samples per second, 1 and 2
// threads; compare with bench/peer_planted_spike.py), and the exact Laplace-inversion TV curve at M = 2^16
// over 100 values of n (n/N* = 0.03 … 3; the target is < 5 s for the whole curve).
#include <benchmark/benchmark.h>

#include <cmath>
#include <vector>

#include "bounds/planted_spike/planted_spike_tv.hpp"
#include "samplers/planted_spike/planted_spike_tv_mc.hpp"

using namespace critwin;

namespace {

// μ at n/N* = 1.2 (TV ≈ 0.6 at M = 4096): a sample rarely stops early, so this is close to the full cost.
void BM_PlantedSpikeMcM4096(benchmark::State& st) {
  const long M = 4096;
  const double mu = std::sqrt(1.2 * 2 * std::log(static_cast<double>(M)));
  const uint64_t n = 1 << 16;
  uint64_t seed = 1;
  for (auto _ : st) {
    PlantedSpikeMc r = planted_spike_tv_mc(M, mu, n, seed++, static_cast<int>(st.range(0)));
    benchmark::DoNotOptimize(r.tv.value);
  }
  st.SetItemsProcessed(static_cast<int64_t>(st.iterations() * n));
}
BENCHMARK(BM_PlantedSpikeMcM4096)->Arg(1)->Arg(2)->Unit(benchmark::kMillisecond)->UseRealTime();

void BM_PlantedSpikeExactCurveM65536(benchmark::State& st) {
  const long M = 65536;
  const double mu2_star = 2 * std::log(static_cast<double>(M));
  std::vector<double> mus;
  for (int i = 1; i <= 100; ++i) mus.push_back(std::sqrt(mu2_star * 3.0 * i / 100));
  for (auto _ : st) {
    auto curve = planted_spike_tv_curve(M, mus);
    benchmark::DoNotOptimize(curve.back().tv.value);
  }
  st.SetItemsProcessed(static_cast<int64_t>(st.iterations() * mus.size()));
}
BENCHMARK(BM_PlantedSpikeExactCurveM65536)->Unit(benchmark::kMillisecond)->UseRealTime()->MinTime(2);

}  // namespace

BENCHMARK_MAIN();
