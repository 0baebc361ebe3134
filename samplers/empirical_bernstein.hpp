// The 99.9% empirical-Bernstein interval for the mean of i.i.d. terms in [0, B] (Maurer & Pontil 2009,
// Thm 4, each side at δ/2 with δ = 0.001): valid at every sample size, unlike a CLT interval.
#pragma once

#include <algorithm>
#include <cmath>

#include "model/estimate.hpp"

namespace critwin {

// From the count, sum and sum of squares of the terms; the interval is clipped to [0, B].
inline Estimate empirical_bernstein_mean(double n, double sum, double sumsq, double B) {
  const double mean = n > 0 ? sum / n : 0;
  const double var = n > 1 ? std::max(0.0, (sumsq - n * mean * mean) / (n - 1)) : B * B / 4;
  const double lg = std::log(4 / 0.001);
  const double half = n > 1 ? std::sqrt(2 * var * lg / n) + 7 * B * lg / (3 * (n - 1)) : B;
  return Estimate{mean, std::max(0.0, mean - half), std::min(B, mean + half), Guarantee::estimated, false, 53};
}

// Count, sum and sum of squares of i.i.d. terms: the block accumulator of samplers/block_runner.hpp behind
// empirical_bernstein_mean (trivially copyable, so blocks travel between MPI ranks as bytes).
struct MomentSums {
  double n = 0, sum = 0, sumsq = 0;
  void add(double term) {
    n += 1;
    sum += term;
    sumsq += term * term;
  }
  void merge(const MomentSums& o) {
    n += o.n;
    sum += o.sum;
    sumsq += o.sumsq;
  }
  // The 99.9% interval for terms in [0, B].
  Estimate bernstein_mean(double B) const { return empirical_bernstein_mean(n, sum, sumsq, B); }
};

}  // namespace critwin
