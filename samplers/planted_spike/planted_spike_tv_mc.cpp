// The planted-spike TV estimator on the deterministic block runner.
#include "samplers/planted_spike/planted_spike_tv_mc.hpp"

#include <algorithm>
#include <cmath>

#include "samplers/block_runner.hpp"
#include "samplers/empirical_bernstein.hpp"
#include "samplers/philox_batch.hpp"

namespace critwin {

namespace {

struct Acc {
  double n = 0, sum = 0, sumsq = 0;
  void merge(const Acc& o) {
    n += o.n;
    sum += o.sum;
    sumsq += o.sumsq;
  }
};

// Σ_{i<count} exp(mu z_i − shift) for a batch: with -ffast-math (CMakeLists) GCC vectorizes it through libmvec's
// exp. |z| <= 8.6 and the exponent is finite, so no inf/NaN reaches the fast-math code.
__attribute__((target_clones("avx2", "default")))
double lognormal_sum(const double* z, int count, double mu, double shift) {
  double s = 0;
  for (int i = 0; i < count; ++i) s += std::exp(mu * z[i] - shift);
  return s;
}

}  // namespace

PlantedSpikeMc planted_spike_tv_mc(long dim, double mu, uint64_t samples, uint64_t seed, int threads) {
  const uint64_t pairs = (static_cast<uint64_t>(dim) + 1) / 2;
  const double M = static_cast<double>(dim), shift = mu * mu / 2;
  const Acc acc = run_blocks<Acc>(samples, threads, [&](uint64_t begin, uint64_t end, Acc& a) {
    double z1[kPhiloxBatch], z2[kPhiloxBatch], u[kPhiloxBatch];
    for (uint64_t i = begin; i < end; ++i) {
      double sum = 0;
      for (uint64_t start = 0; start < pairs && sum <= M; start += kPhiloxBatch) {
        const int nb = static_cast<int>(std::min<uint64_t>(kPhiloxBatch, pairs - start));
        normals_uniform_batch(seed, RngStream::tv_outer, 0, i * pairs + start, nb, z1, z2, u);
        // An odd M leaves the second normal of the last pair unused.
        const int second = start + nb == pairs && dim % 2 == 1 ? nb - 1 : nb;
        sum += lognormal_sum(z1, nb, mu, shift) + lognormal_sum(z2, second, mu, shift);
      }
      const double term = std::max(0.0, 1 - sum / M);
      a.n += 1;
      a.sum += term;
      a.sumsq += term * term;
    }
  });
  PlantedSpikeMc r;
  r.samples = samples;
  r.seed = seed;
  r.tv = empirical_bernstein_mean(acc.n, acc.sum, acc.sumsq, 1.0);
  return r;
}

}  // namespace critwin
