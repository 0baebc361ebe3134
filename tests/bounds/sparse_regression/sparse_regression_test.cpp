// Sparse regression: N*, and χ² against numerical integration of the one-observation pair factor.
#include <gtest/gtest.h>

#include <cmath>
#include <vector>

#include "bounds/sparse_regression/sparse_regression_bounds.hpp"

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
