// The sparse-regression likelihood ratio L = dP_n/dQ_n of n observations, summed exactly over all C(s, k)
// supports in log space (THEORY.md §8): what the Monte Carlo TV estimator E_Q[(1 − L)_+] averages and what
// the forward–reverse posterior over supports is made of.
#pragma once

#include <cstdint>
#include <vector>

#include "model/components.hpp"

namespace critwin {

// Calls f(mask) for every k-subset of {0..s−1} as a bit mask, in increasing order (Gosper's hack). s <= 62.
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

class SparseRegressionLikelihood {
 public:
  explicit SparseRegressionLikelihood(const SparseRegressionComponents& c);

  // Observations are rows r of x (n×s, row-major: x[r·s + i]) and y[r].
  // out[j] = ln Π_{r<n} N(y_r; ⟨1_{S_j}, x_r⟩, σ²)/N(y_r; 0, v) for the j-th support S_j (supports()[j]).
  void support_log_ratios(const double* x, const double* y, long n, std::vector<double>& out) const;
  // ln L = log-sum-exp of the above − ln C(s, k).
  double log_ratio(const double* x, const double* y, long n) const;

  const std::vector<uint64_t>& supports() const { return supports_; }
  double log_count() const { return log_count_; }
  long dim() const { return s_; }
  long sparsity() const { return k_; }
  double noise_variance() const { return s2_; }
  double null_variance() const { return v_; }

 private:
  long s_, k_;
  double s2_, v_, log_count_;
  std::vector<uint64_t> supports_;
};

}  // namespace critwin
