// The sparse-regression likelihood ratio L = dP_n/dQ_n of n observations, summed exactly over all C(s, k)
// supports in log space (THEORY.md §8): the quantity the Monte Carlo TV estimator E_Q[(1 − L)_+] averages.
#pragma once

#include <vector>

#include "bounds/sparse_regression/sparse_regression_bounds.hpp"

namespace critwin {

// ln L for observations r = 0..n−1: x is n×s row-major (x[r·s + i]), y has n entries.
//   L = C(s,k)^{−1} Σ_S Π_r N(y_r; ⟨1_S, x_r⟩, σ²) / N(y_r; 0, v),  v = k + σ².
// Cost C(s,k)·n·k; s <= 62. Throws std::invalid_argument on size mismatch.
double sparse_regression_log_likelihood_ratio(const SparseRegressionParams& p, const std::vector<double>& x,
                                              const std::vector<double>& y);

// Calls f(mask) for every k-subset of {0..s−1} as a bit mask, in increasing order (Gosper's hack).
template <class F>
void for_each_k_subset(long s, long k, F f) {
  if (k == 0) {
    f(0ull);
    return;
  }
  unsigned long long m = (1ull << k) - 1;
  const unsigned long long end = 1ull << s;
  while (m < end) {
    f(m);
    const unsigned long long c = m & (~m + 1), r = m + c;
    m = (((r ^ m) >> 2) / c) | r;
  }
}

}  // namespace critwin
