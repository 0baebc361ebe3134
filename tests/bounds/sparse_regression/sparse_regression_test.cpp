// Sparse regression: χ² against numerical integration of the one-observation pair factor, the likelihood
// ratio against brute-force multivariate-normal densities (s = 6), the bounds against a Monte Carlo of the TV.
#include <gtest/gtest.h>

#include <bit>
#include <cmath>
#include <vector>

#include "bounds/sparse_regression/sparse_regression_bounds.hpp"
#include "bounds/sparse_regression/sparse_regression_likelihood.hpp"
#include "samplers/philox_stream.hpp"

namespace critwin {
namespace {

SparseRegressionParams params(long s, long k, const char* s2) { return {s, k, *ExactReal::parse(s2)}; }

double normal_pdf(double y, double m, double var) {
  return std::exp(-(y - m) * (y - m) / (2 * var)) / std::sqrt(2 * M_PI * var);
}

// E_{x}[∫ N(y; a, σ²) N(y; b, σ²) / N(y; 0, v) dy], (a, b) = (⟨1_S, x⟩, ⟨1_S′, x⟩) with |S ∩ S′| = ℓ: Var a =
// Var b = k, Cov = ℓ. Trapezoid rules in (g1, g2) (a = √k g1, b = ℓ/√k g1 + √(k − ℓ²/k) g2) and in y
// around the integrand's centre.
double pair_factor_numeric(double k, double l, double s2) {
  const double v = k + s2;
  const double hg = 0.25, gmax = 16;  // trapezoid on Gaussians: spectrally accurate at this step
  double total = 0;
  for (double g1 = -gmax; g1 <= gmax; g1 += hg) {
    for (double g2 = -gmax; g2 <= gmax; g2 += hg) {
      const double w = hg * hg * normal_pdf(g1, 0, 1) * normal_pdf(g2, 0, 1);
      if (w < 1e-300) continue;
      const double a = std::sqrt(k) * g1, b = l / std::sqrt(k) * g1 + std::sqrt(k - l * l / k) * g2;
      // The y-integrand is a Gaussian of precision 2/σ² − 1/v centred at (a + b)/σ² / (2/σ² − 1/v).
      const double prec = 2 / s2 - 1 / v, c = (a + b) / s2 / prec, sd = 1 / std::sqrt(prec);
      const double hy = sd / 3;
      double inner = 0;
      for (double y = c - 14 * sd; y <= c + 14 * sd; y += hy)
        inner += hy * normal_pdf(y, a, s2) * normal_pdf(y, b, s2) / normal_pdf(y, 0, v);
      total += w * inner;
    }
  }
  return total;
}

double binomial(long n, long k) { return std::round(std::exp(std::lgamma(n + 1.0) - std::lgamma(k + 1.0) - std::lgamma(n - k + 1.0))); }

TEST(SparseRegression, NStarIsCertified) {
  const auto p = params(20, 3, "1/2");
  const Ball ns = sparse_regression_n_star(p);
  const double expect = 2 * 3 * std::log(20.0 / 3) / std::log(1 + 3 / 0.5);
  EXPECT_NEAR(ns.mid(), expect, 1e-12 * expect);
  EXPECT_LE(ns.lower(), expect * (1 + 1e-15));
  EXPECT_GE(ns.upper(), expect * (1 - 1e-15));
}

TEST(SparseRegression, ChiSquareMatchesNumericalPairFactor) {
  for (auto [s, k, s2txt] : {std::tuple{6L, 2L, "1"}, std::tuple{5L, 1L, "1/2"}, std::tuple{8L, 3L, "2"}}) {
    const auto p = params(s, k, s2txt);
    const double s2 = p.noise_variance.to_double();
    std::vector<double> f(k + 1);
    for (long l = 0; l <= k; ++l) f[l] = pair_factor_numeric(k, l, s2);
    for (long n : {1L, 2L, 5L}) {
      double chi = -1;
      for (long l = 0; l <= k; ++l)
        chi += binomial(k, l) * binomial(s - k, k - l) / binomial(s, k) * std::pow(f[l], n);
      const ExactReal exact = sparse_regression_chi_square_exact(p, n);
      EXPECT_NEAR(exact.to_double(), chi, 1e-7 * std::max(1.0, chi)) << "s=" << s << " k=" << k << " n=" << n;
      const Ball ball = sparse_regression_chi_square(p, n);
      EXPECT_TRUE(ball.contains(exact.ball())) << "ball form disagrees with the exact rational";
    }
  }
}

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
    const auto p = params(s, k, "3/4");
    for (uint64_t trial = 0; trial < 20; ++trial) {
      PhiloxStream rng(7, RngStream::tv_outer, trial);
      const std::size_t n = 1 + trial % 5;
      std::vector<double> x(n * s), y(n);
      for (double& e : x) e = rng.normal();
      for (double& e : y) e = rng.normal() * 1.5;
      const double lr = sparse_regression_log_likelihood_ratio(p, x, y);
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
std::pair<double, double> mc_tv(const SparseRegressionParams& p, long n, int samples) {
  const long s = p.dim;
  const double v = p.sparsity + p.noise_variance.to_double();
  double sum = 0, sumsq = 0;
  std::vector<double> x(n * s), y(n);
  for (int i = 0; i < samples; ++i) {
    PhiloxStream rng(11, RngStream::tv_outer, i);
    for (double& e : x) e = rng.normal();
    for (double& e : y) e = rng.normal() * std::sqrt(v);
    const double t = std::max(0.0, 1 - std::exp(sparse_regression_log_likelihood_ratio(p, x, y)));
    sum += t;
    sumsq += t * t;
  }
  const double mean = sum / samples, sd = std::sqrt(std::max(0.0, sumsq / samples - mean * mean));
  return {mean, 3.3 * sd / std::sqrt(samples) + 1e-4};
}

TEST(SparseRegression, BoundsBracketMonteCarloTv) {
  const auto p = params(6, 2, "1/4");
  for (long n : {1L, 3L, 6L, 12L}) {
    const auto [tv, half] = mc_tv(p, n, 20000);
    const Estimate up = sparse_regression_second_moment_upper(p, n);
    const TauBound lo = sparse_regression_scan_test_lower(p, n);
    EXPECT_LE(tv - half, up.hi) << "n=" << n;
    EXPECT_GE(tv + half, lo.bound.lo) << "n=" << n;
    EXPECT_LE(lo.bound.lo, up.hi);
  }
  // A long sequence: the scan test certifies a TV near 1.
  EXPECT_GT(sparse_regression_scan_test_lower(p, 40).bound.lo, 0.9);
}

TEST(SparseRegression, ChiSquareIsIncreasingInN) {
  const auto p = params(10, 3, "1");
  ExactReal prev = ExactReal::from_int(0);
  for (long n = 1; n <= 30; ++n) {
    const ExactReal c = sparse_regression_chi_square_exact(p, n);
    EXPECT_GT(c, prev);
    prev = c;
  }
}

}  // namespace
}  // namespace critwin
