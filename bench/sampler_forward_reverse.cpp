// Throughput of the forward–reverse samplers (samples per second): the two-Gaussian one-jump sampler, the raw
// RNG turning out the same normals and uniforms, and the E5 coin sampler, at 1 and 2 threads.
#include <benchmark/benchmark.h>

#include <string>

#include "model/model_file.hpp"
#include "samplers/block_runner.hpp"
#include "samplers/experiment.hpp"
#include "samplers/philox_batch.hpp"

using namespace critwin;

namespace {

Model load(const std::string& name) { return model_file_load(std::string(CRITWIN_SOURCE_DIR) + "/examples/" + name); }

void BM_TwoGaussianJump(benchmark::State& st) {
  Model m = load("e1_two_gaussians.toml");
  ExperimentSpec sp{Subset::parse("plus", m, "s"), TimePoint::parse("1.5", m.process, "t"), ReverseKind::jump, 0};
  const uint64_t n = uint64_t{1} << 24;
  uint64_t seed = 1;
  for (auto _ : st) {
    LabelCounts c = forward_reverse_run(m, sp, n, seed++, static_cast<int>(st.range(0)));
    benchmark::DoNotOptimize(c.counts.data());
  }
  st.SetItemsProcessed(static_cast<int64_t>(st.iterations() * n));
}
BENCHMARK(BM_TwoGaussianJump)->Arg(1)->Arg(2)->Unit(benchmark::kMillisecond)->UseRealTime();

// The same RNG output the sampler consumes per sample (one Philox4x32-10 draw → two normals and one uniform),
// through the same block engine, summed so nothing is optimized away.
struct Sum {
  double s = 0;
  void merge(const Sum& o) { s += o.s; }
};
void BM_RawRngNormalsUniform(benchmark::State& st) {
  const uint64_t n = uint64_t{1} << 24;
  uint64_t seed = 1;
  for (auto _ : st) {
    Sum total = run_blocks<Sum>(n, static_cast<int>(st.range(0)), [&](uint64_t b, uint64_t e, Sum& acc) {
      double z1[kPhiloxBatch], z2[kPhiloxBatch], u[kPhiloxBatch];
      for (uint64_t i = b; i < e; i += kPhiloxBatch) {
        int k = static_cast<int>(std::min<uint64_t>(kPhiloxBatch, e - i));
        normals_uniform_batch(seed, RngStream::forward_reverse, 0, i, k, z1, z2, u);
        double s = 0;
        for (int j = 0; j < k; ++j) s += z1[j] + z2[j] + u[j];
        acc.s += s;
      }
    });
    ++seed;
    benchmark::DoNotOptimize(total.s);
  }
  st.SetItemsProcessed(static_cast<int64_t>(st.iterations() * n));
}
BENCHMARK(BM_RawRngNormalsUniform)->Arg(1)->Arg(2)->Unit(benchmark::kMillisecond)->UseRealTime();

// E5 coins (L = 600, truncation) at T̂ = 300, S_init = heads: two binomial draws and a posterior per sample.
void BM_CoinJump(benchmark::State& st) {
  Model m = load("e5_coins.toml");
  ExperimentSpec sp{Subset::parse("heads", m, "s"), TimePoint::parse("300", m.process, "t"), ReverseKind::jump, 0};
  const uint64_t n = uint64_t{1} << 21;
  uint64_t seed = 1;
  for (auto _ : st) {
    LabelCounts c = forward_reverse_run(m, sp, n, seed++, static_cast<int>(st.range(0)));
    benchmark::DoNotOptimize(c.counts.data());
  }
  st.SetItemsProcessed(static_cast<int64_t>(st.iterations() * n));
}
BENCHMARK(BM_CoinJump)->Arg(1)->Arg(2)->Unit(benchmark::kMillisecond)->UseRealTime();

}  // namespace

BENCHMARK_MAIN();
