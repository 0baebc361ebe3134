// Sparse regression: the likelihood ratio against brute-force multivariate-normal densities (s = 6), the
// support enumeration, and the certified bounds against a Monte Carlo of the TV.
#include <gtest/gtest.h>

#include <bit>
#include <cmath>
#include <vector>

#include "bounds/sparse_regression/sparse_regression_bounds.hpp"
#include "samplers/philox_stream.hpp"
#include "samplers/sparse_regression/sparse_regression_likelihood.hpp"

namespace critwin {
namespace {

SparseRegressionComponents components(long s, long k, const char* s2) {
  SparseRegressionComponents c;
  c.length = 1;
  c.dim = s;
  c.sparsity = k;
  c.noise_variance = *ExactReal::parse(s2);
  return c;
}
SparseRegressionParams params(long s, long k, const char* s2) { return {s, k, *ExactReal::parse(s2)}; }

double binomial(long n, long k) { return std::round(std::exp(std::lgamma(n + 1.0) - std::lgamma(k + 1.0) - std::lgamma(n - k + 1.0))); }

// Brute force: each observation z = (x, y) ∈ R^{s+1} is N(0, Σ_S) under the signal with support S,
// Σ_S = [[I, 1_S], [1_Sᵀ, k + σ²]], and N(0, Σ_0) under the null, Σ_0 = diag(I, v). The densities are
// evaluated from the Schur complement (det Σ_S = σ², zᵀΣ_S⁻¹z = ‖x‖² + (y − ⟨1_S, x⟩)²/σ²) written out for the
// block matrix, and L is the plain average over supports (no log space; small n).
double brute_force_likelihood_ratio(long s, long k, double s2, const std::vector<double>& x, const std::vector<double>& y) {
  const std::size_t n = y.size();
  const double v = k + s2;
  double total = 0;
  long count = 0;
  for (unsigned mask = 0; mask < (1u << s); ++mask) {
    if (std::popcount(mask) != k) continue;
    ++count;
    double ratio = 1;
    for (std::size_t r = 0; r < n; ++r) {
      double a = 0, xx = 0;
      for (long i = 0; i < s; ++i) {
        xx += x[r * s + i] * x[r * s + i];
        if (mask >> i & 1) a += x[r * s + i];
      }
      const double log_signal = -0.5 * (s + 1) * std::log(2 * M_PI) - 0.5 * std::log(s2) - 0.5 * (xx + (y[r] - a) * (y[r] - a) / s2);
      const double log_null = -0.5 * (s + 1) * std::log(2 * M_PI) - 0.5 * std::log(v) - 0.5 * (xx + y[r] * y[r] / v);
      ratio *= std::exp(log_signal - log_null);
    }
    total += ratio;
  }
  return total / count;
}

TEST(SparseRegression, LikelihoodRatioMatchesBruteForceAtSixCoordinates) {
  const long s = 6;
  for (long k : {1L, 2L, 3L}) {
    const SparseRegressionLikelihood lik(components(s, k, "3/4"));
    for (uint64_t trial = 0; trial < 20; ++trial) {
      PhiloxStream rng(7, RngStream::tv_outer, trial);
      const std::size_t n = 1 + trial % 5;
      std::vector<double> x(n * s), y(n);
      for (double& e : x) e = rng.normal();
      for (double& e : y) e = rng.normal() * 1.5;
      const double lr = lik.log_ratio(x.data(), y.data(), static_cast<long>(n));
      const double bf = brute_force_likelihood_ratio(s, k, 0.75, x, y);
      EXPECT_NEAR(std::exp(lr), bf, 1e-11 * bf) << "k=" << k << " trial=" << trial;
    }
  }
}

TEST(SparseRegression, SubsetEnumerationIsComplete) {
  for (long s : {1L, 5L, 10L})
    for (long k = 0; k <= s; ++k) {
      long count = 0;
      unsigned long long prev = 0;
      bool increasing = true, sized = true;
      for_each_k_subset(s, k, [&](unsigned long long m) {
        if (count > 0 && m <= prev) increasing = false;
        if (std::popcount(m) != k) sized = false;
        prev = m;
        ++count;
      });
      EXPECT_EQ(count, static_cast<long>(binomial(s, k)));
      EXPECT_TRUE(increasing && sized);
    }
}

// E_Q[(1 − L)_+] by plain Monte Carlo with a 99.9% CLT interval (terms in [0, 1]).
std::pair<double, double> mc_tv(const SparseRegressionComponents& c, long n, int samples) {
  const SparseRegressionLikelihood lik(c);
  const long s = c.dim;
  const double v = lik.null_variance();
  double sum = 0, sumsq = 0;
  std::vector<double> x(n * s), y(n);
  for (int i = 0; i < samples; ++i) {
    PhiloxStream rng(11, RngStream::tv_outer, i);
    for (double& e : x) e = rng.normal();
    for (double& e : y) e = rng.normal() * std::sqrt(v);
    const double t = std::max(0.0, 1 - std::exp(lik.log_ratio(x.data(), y.data(), n)));
    sum += t;
    sumsq += t * t;
  }
  const double mean = sum / samples, sd = std::sqrt(std::max(0.0, sumsq / samples - mean * mean));
  return {mean, 3.3 * sd / std::sqrt(samples) + 1e-4};
}

TEST(SparseRegression, BoundsBracketMonteCarloTv) {
  const auto p = params(6, 2, "1/4");
  for (long n : {1L, 3L, 6L, 12L}) {
    const auto [tv, half] = mc_tv(components(6, 2, "1/4"), n, 20000);
    const Estimate up = sparse_regression_second_moment_upper(p, n);
    const TauBound lo = sparse_regression_scan_test_lower(p, n);
    EXPECT_LE(tv - half, up.hi) << "n=" << n;
    EXPECT_GE(tv + half, lo.bound.lo) << "n=" << n;
    EXPECT_LE(lo.bound.lo, up.hi);
  }
  // A long sequence: the scan test certifies a TV near 1.
  EXPECT_GT(sparse_regression_scan_test_lower(p, 40).bound.lo, 0.9);
}

}  // namespace
}  // namespace critwin
