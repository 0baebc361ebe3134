// Log-space sum over supports: each support's log ratio is formed exactly, then combined by log-sum-exp.
#include "samplers/sparse_regression/sparse_regression_likelihood.hpp"

#include <cmath>

#include "samplers/log_space.hpp"

namespace critwin {

SparseRegressionLikelihood::SparseRegressionLikelihood(const SparseRegressionComponents& c)
    : s_(c.dim), k_(c.sparsity), s2_(c.noise_variance.to_double()), v_(static_cast<double>(c.sparsity) + s2_),
      log_count_(ball_log_binomial(c.dim, c.sparsity).mid()) {
  for_each_k_subset(s_, k_, [&](unsigned long long m) { supports_.push_back(m); });
}

void SparseRegressionLikelihood::support_log_ratios(const double* x, const double* y, long n,
                                                    std::vector<double>& out) const {
  // Per support: (n/2) ln(v/σ²) + Σ_r [y_r²/(2v) − (y_r − a_r)²/(2σ²)], a_r = Σ_{i∈S} x_{r,i}.
  double base = 0.5 * static_cast<double>(n) * std::log(v_ / s2_);
  for (long r = 0; r < n; ++r) base += y[r] * y[r] / (2 * v_);
  out.resize(supports_.size());
  for (size_t j = 0; j < supports_.size(); ++j) {
    const uint64_t mask = supports_[j];
    double q = 0;
    for (long r = 0; r < n; ++r) {
      double a = 0;
      for (long i = 0; i < s_; ++i)
        if (mask >> i & 1) a += x[r * s_ + i];
      const double e = y[r] - a;
      q += e * e;
    }
    out[j] = base - q / (2 * s2_);
  }
}

double SparseRegressionLikelihood::log_ratio(const double* x, const double* y, long n) const {
  thread_local std::vector<double> buf;
  support_log_ratios(x, y, n, buf);
  return log_sum_exp(buf.data(), static_cast<int>(buf.size())) - log_count_;
}

}  // namespace critwin
