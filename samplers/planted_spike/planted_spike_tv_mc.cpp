// The planted-spike TV estimator on the deterministic block runner.
#include "samplers/planted_spike/planted_spike_tv_mc.hpp"

#include <algorithm>
#include <cmath>

#include "samplers/block_runner.hpp"
#include "samplers/empirical_bernstein.hpp"
#include "samplers/philox_batch.hpp"

namespace critwin {

namespace {

// Σ exp(μ z − μ²/2) over the 4·n normals of n Philox counters: each counter's four words are two Box–Muller
// pairs (radius and angle uniforms (w + 1/2)·2^-32 rounded to float, so |z| <= 6.77), all in float32. This is
// the estimator's hot loop, and 16 float lanes are what make it 10x NumPy: the exponent is at most 23
// (μ·6.77 − μ²/2), so no term overflows; the rounding is bounded by planted_spike_mc_arithmetic_error.
// `used` < 4n drops the last normals (M not a multiple of 4).
__attribute__((target_clones("avx512f", "avx2", "default")))
double spike_term_sum(const uint32_t w[4][kPhiloxBatch], int n, int used, float mu, float shift) {
  float r[2][kPhiloxBatch], a[2][kPhiloxBatch];
  constexpr float kTwoPi = 6.28318530717958647692f;
  for (int p = 0; p < 2; ++p)
    for (int i = 0; i < n; ++i) {
      // u in (0, 1]: float(w) may round up to 2^32, giving u = 1 and z = 0 (a radius error below 2^-11).
      const float u = std::min(1.0f, static_cast<float>(w[2 * p][i]) * 0x1p-32f + 0x1p-33f);
      r[p][i] = std::sqrt(-2.0f * std::log(u));
      a[p][i] = kTwoPi * (static_cast<float>(w[2 * p + 1][i]) * 0x1p-32f + 0x1p-33f);
    }
  float z[4 * kPhiloxBatch];
  // Separate cos and sin loops: GCC fuses them into sincos, which has no vector variant.
  for (int p = 0; p < 2; ++p) {
    for (int i = 0; i < n; ++i) z[(2 * p) * kPhiloxBatch + i] = r[p][i] * std::cos(a[p][i]);
    for (int i = 0; i < n; ++i) z[(2 * p + 1) * kPhiloxBatch + i] = r[p][i] * std::sin(a[p][i]);
  }
  double s = 0;
  for (int k = 0; k < 4; ++k) {
    const int m = std::clamp(used - k * n, 0, n);
    float part = 0;
    for (int i = 0; i < m; ++i) part += std::exp(mu * z[k * kPhiloxBatch + i] - shift);
    s += part;
  }
  return s;
}

}  // namespace

double planted_spike_mc_arithmetic_error(long dim, double mu) {
  // Float terms: the exponent μz − μ²/2 (|μz| <= 6.77μ) carries a few ulps of float, each term a relative
  // error <= 2^-22 (1 + 6.77μ + μ²/2); sums of <= 1024 floats in 16 lanes add 64·2^-24 relative. (1 − L)_+ is
  // 1-Lipschitz in L and only L <= 1 matters, so the term moves by at most that relative error. The radius
  // and angle grids (2^-32, 2^-24) and the truncation |z| <= 6.77 (P = 1.3e-11 per normal) move each of
  // the M normals' laws by less than 2^-30 in the functional's expectation, so at most M·2^-30 in all.
  return 0x1p-22 * (1 + 6.77 * mu + mu * mu / 2) + 64 * 0x1p-24 + static_cast<double>(dim) * 0x1p-30;
}

PlantedSpikeMc planted_spike_tv_mc(long dim, double mu, uint64_t samples, uint64_t seed, int threads) {
  const uint64_t quads = (static_cast<uint64_t>(dim) + 3) / 4;
  const double M = static_cast<double>(dim);
  const float muf = static_cast<float>(mu), shift = static_cast<float>(mu * mu / 2);
  const MomentSums acc = run_blocks<MomentSums>(samples, threads, [&](uint64_t begin, uint64_t end, MomentSums& a) {
    uint32_t w[4][kPhiloxBatch];
    for (uint64_t i = begin; i < end; ++i) {
      double sum = 0;
      for (uint64_t start = 0; start < quads && sum <= M; start += kPhiloxBatch) {
        const int nb = static_cast<int>(std::min<uint64_t>(kPhiloxBatch, quads - start));
        philox_batch(seed, RngStream::tv_outer, 0, i * quads + start, nb, w);
        const uint64_t left = static_cast<uint64_t>(dim) - 4 * start;  // normals this sample still needs
        sum += spike_term_sum(w, nb, static_cast<int>(std::min<uint64_t>(left, 4 * static_cast<uint64_t>(nb))),
                              muf, shift);
      }
      const double term = std::max(0.0, 1 - sum / M);
      a.add(term);
    }
  });
  PlantedSpikeMc r;
  r.samples = samples;
  r.seed = seed;
  r.tv = acc.bernstein_mean(1.0);
  const double arith = planted_spike_mc_arithmetic_error(dim, mu);
  r.tv.lo = std::max(0.0, r.tv.lo - arith);
  r.tv.hi = std::min(1.0, r.tv.hi + arith);
  return r;
}

}  // namespace critwin
