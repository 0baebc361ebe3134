// Monte Carlo estimate of TV(p^{S_init,T̂}, p^{S_target}) through the density-ratio identity of THEORY.md §1:
//   TV = ½ E_{x~p} | g(x)/w_{S_init} − P(S_target | x)/w_{S_target} |,   g(x) = E[P(S_init | Y_T̂) | X = x].
// P(S_target | x) is exact. g(x) is exact when Y_T̂ is a function of x (truncate, ordered-mask); otherwise
// (OU, random-mask) it is an inner average of M draws of Y_T̂ | x, which biases the estimate upward by at
// most ½ E[sd(ĝ(x))]/w_{S_init} (Jensen) — that (estimated) allowance is added to the lower end of the interval.
// The interval is a 99.9% empirical-Bernstein interval for the bounded terms: valid at every sample size.
#pragma once

#include <cstdint>

#include "model/estimate.hpp"
#include "model/model.hpp"
#include "samplers/block_runner.hpp"

namespace critwin {

struct TvSpec {
  Subset s_init, s_target;
  TimePoint t_hat;
  int inner = 0;  // M, draws of Y_T̂ | x per outer sample; 0 = default (256, or 1 when Y_T̂ is a function of x)
};

struct TvEstimate {
  Estimate tv;  // value = the plain average; [lo, hi] = 99.9% empirical-Bernstein interval, widened below by the bias allowance
  double bias_allowance = 0;
  int inner = 1;
  bool unbiased = false;  // true when g(x) is computed exactly (no inner sampling)
};

TvEstimate tv_estimate_run(const Model& model, const TvSpec& spec, uint64_t n, uint64_t seed, int threads,
                           const ProgressFn& progress = {});

}  // namespace critwin
