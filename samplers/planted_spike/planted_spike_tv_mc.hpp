// Monte Carlo TV of the planted spike (THEORY.md §8): the unbiased estimator E_Q[(1 − L)_+] with
// L = (1/M) Σ_i exp(μ u_i − μ²/2), u ~ N(0, I_M) drawn from the null's sufficient statistic.
#pragma once

#include <cstdint>

#include "model/estimate.hpp"

namespace critwin {

struct PlantedSpikeMc {
  Estimate tv;          // value = the sample mean; [lo, hi] = 99.9% empirical-Bernstein interval (terms in [0, 1])
  uint64_t samples = 0;
  uint64_t seed = 0;
};

// Sample i uses the normals of Philox counters (draw 0, index i·⌈M/2⌉ + j), j < ⌈M/2⌉, stream tv_outer —
// two Box–Muller normals per counter (samplers/philox_batch.hpp; |u| <= 8.6, a tail of 1e-17 per
// coordinate) — so results are bit-identical at any thread count. A sample stops as soon as its partial
// sum exceeds M (its term is then exactly 0). Memory is O(1) in `samples`. dim >= 1, mu >= 0, threads >= 1.
PlantedSpikeMc planted_spike_tv_mc(long dim, double mu, uint64_t samples, uint64_t seed, int threads);

}  // namespace critwin
