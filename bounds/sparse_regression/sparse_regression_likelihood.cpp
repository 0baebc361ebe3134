// Log-space sum over supports: each support's log ratio is formed exactly, then combined by log-sum-exp.
#include "bounds/sparse_regression/sparse_regression_likelihood.hpp"

#include <cmath>
#include <limits>
#include <stdexcept>

namespace critwin {

double sparse_regression_log_likelihood_ratio(const SparseRegressionParams& p, const std::vector<double>& x,
                                              const std::vector<double>& y) {
  const long s = p.dim, k = p.sparsity;
  const std::size_t n = y.size();
  if (x.size() != n * static_cast<std::size_t>(s)) throw std::invalid_argument("x must be n×s");
  if (s > 62) throw std::invalid_argument("sparse_regression_log_likelihood_ratio: s <= 62");
  const double s2 = p.noise_variance.to_double(), v = static_cast<double>(k) + s2;
  // Per support: (n/2) ln(v/σ²) + Σ_r [y_r²/(2v) − (y_r − a_r)²/(2σ²)], a_r = Σ_{i∈S} x_{r,i}.
  double base = 0.5 * static_cast<double>(n) * std::log(v / s2);
  for (double yr : y) base += yr * yr / (2 * v);
  std::vector<double> logs;
  for_each_k_subset(s, k, [&](unsigned long long mask) {
    double q = 0;
    for (std::size_t r = 0; r < n; ++r) {
      double a = 0;
      for (long i = 0; i < s; ++i)
        if (mask >> i & 1) a += x[r * s + i];
      const double e = y[r] - a;
      q += e * e;
    }
    logs.push_back(base - q / (2 * s2));
  });
  double m = -std::numeric_limits<double>::infinity();
  for (double l : logs) m = std::max(m, l);
  double sum = 0;
  for (double l : logs) sum += std::exp(l - m);
  return m + std::log(sum) - ball_log_binomial(s, k).mid();
}

}  // namespace critwin
