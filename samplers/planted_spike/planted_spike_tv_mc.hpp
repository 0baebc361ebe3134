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

// Sample i uses the normals of Philox counters (draw 0, index i·⌈M/4⌉ + j), j < ⌈M/4⌉, stream tv_outer —
// four Box–Muller normals per counter, float32 lognormal terms — so results are bit-identical at any
// thread count (on one CPU kind: the AVX-512, AVX2 and plain builds of the kernel round differently).
// The interval is the empirical-Bernstein one widened by planted_spike_mc_arithmetic_error. A sample stops
// as soon as its partial sum exceeds M (its term is then exactly 0). Memory is O(1) in `samples`.
// dim >= 1, mu >= 0, threads >= 1.
PlantedSpikeMc planted_spike_tv_mc(long dim, double mu, uint64_t samples, uint64_t seed, int threads);

// A bound on how far the float32 arithmetic and the discretized uniforms move the estimator's mean
// (absolute, in TV units): 2^-22 (1 + 6.77μ + μ²/2) + 2^-18 + M·2^-30, e.g. 1.4e-5 at M = 4096, μ = 4.5.
double planted_spike_mc_arithmetic_error(long dim, double mu);

}  // namespace critwin
