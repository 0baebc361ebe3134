// Planted spike: the closed forms against independent computations (lognormal moments by quadrature), the
// Laplace-inversion TV against direct quadrature (M = 2, 3) and against the law of L by discrete convolution
// (M = 16, 256), bounds bracketing the TV, and monotonicity in n.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <vector>

#include <boost/math/quadrature/tanh_sinh.hpp>

#include "bounds/planted_spike/planted_spike_bounds.hpp"
#include "bounds/planted_spike/planted_spike_tv.hpp"

namespace critwin {
namespace {

double Phi(double x) { return 0.5 * std::erfc(-x / std::sqrt(2.0)); }
double phi(double x) { return std::exp(-x * x / 2) / std::sqrt(2 * M_PI); }

// E_g[(b − X/M)_+] for one lognormal coordinate X = e^{μg − μ²/2} (THEORY.md §8's closed form).
double last_coordinate(double b, double mu, double M) {
  if (b <= 0) return 0;
  const double c = (std::log(M * b) + mu * mu / 2) / mu;
  return b * Phi(c) - Phi(c - mu) / M;
}

// TV = E[(1 − L)_+] by direct quadrature over u_1 … u_{M−1} (M = 2, 3), the last coordinate in closed form.
double tv_direct(int M, double mu) {
  boost::math::quadrature::tanh_sinh<double> ts;
  const double Md = M;
  auto X = [&](double u) { return std::exp(mu * u - mu * mu / 2); };
  auto upper = [&](double b) { return (std::log(Md * b) + mu * mu / 2) / mu; };  // X/M < b
  if (M == 2) {
    return ts.integrate([&](double u) { return phi(u) * last_coordinate(1 - X(u) / Md, mu, Md); }, -12.0, upper(1.0),
                        1e-13);
  }
  return ts.integrate(
      [&](double u1) {
        const double b1 = 1 - X(u1) / Md;
        if (b1 <= 0) return 0.0;
        boost::math::quadrature::tanh_sinh<double> inner;
        return phi(u1) * inner.integrate(
                             [&](double u2) { return phi(u2) * last_coordinate(b1 - X(u2) / Md, mu, Md); }, -12.0,
                             upper(b1), 1e-13);
      },
      -12.0, upper(1.0), 1e-12);
}

// TV from the law of L on [0, 1]: X/M discretized on the grid k/K (each atom split between its two grid
// neighbours so the mean is kept), then M-fold convolution by repeated squaring, mass beyond 1 dropped (it
// can only grow L). Error O(M/K²) times the density of L near 1.
double tv_convolution(int M, double mu, int K) {
  std::vector<double> p(K + 1, 0.0);
  const double du = 1e-4;
  for (double u = -12; u < 12; u += du) {
    const double x = std::exp(mu * u - mu * mu / 2) / M * K;
    if (x >= K) break;
    const int k = static_cast<int>(x);
    const double f = x - k, w = phi(u) * du;
    p[k] += w * (1 - f);
    p[k + 1] += w * f;
  }
  auto convolve = [K](const std::vector<double>& a, const std::vector<double>& b) {
    std::vector<double> c(K + 1, 0.0);
    for (int i = 0; i <= K; ++i)
      if (a[i] != 0)
        for (int j = 0; i + j <= K; ++j) c[i + j] += a[i] * b[j];
    return c;
  };
  std::vector<double> law = p;
  for (int m = M; m > 1; m /= 2) law = convolve(law, law);  // M a power of two
  double tv = 0;
  for (int k = 0; k <= K; ++k) tv += law[k] * (1 - static_cast<double>(k) / K);
  return tv;
}

TEST(PlantedSpike, NStarIsCertified) {
  PlantedSpikeParams p{1024, *ExactReal::parse("1/2")};
  Ball ns = planted_spike_n_star(p);
  const double expect = 2 * std::log(1024.0) / 0.25;
  EXPECT_LE(ns.lower(), expect * (1 + 1e-15));
  EXPECT_GE(ns.upper(), expect * (1 - 1e-15));
  EXPECT_LT(ns.rad(), 1e-12);
}

TEST(PlantedSpike, ChiSquareMatchesLognormalMomentsByQuadrature) {
  // χ² = E_Q[L²] − 1 with E L² = E[X²]/M + (1 − 1/M) (independent coordinates, E X = 1); E[X²] by quadrature
  // of x² against the lognormal density (in log-space coordinates).
  boost::math::quadrature::tanh_sinh<double> ts;
  for (long M : {2L, 16L, 4096L}) {
    for (const char* lam : {"1/4", "1/2", "1"}) {
      PlantedSpikeParams p{M, *ExactReal::parse(lam)};
      for (long n : {1L, 3L, 8L}) {
        const double mu = std::sqrt(planted_spike_mu_squared(p, n).to_double());
        const double ex2 = ts.integrate(
            [&](double t) {  // t = log x, x ~ lognormal(−μ²/2, μ²)
              const double z = (t + mu * mu / 2) / mu;
              return std::exp(2 * t) * phi(z) / mu;
            },
            -mu * mu / 2 - 14 * mu, -mu * mu / 2 + 14 * mu + 2 * mu * mu, 1e-14);
        const double el2 = ex2 / M + (1 - 1.0 / M);
        const Ball chi = planted_spike_chi_square(p, n);
        EXPECT_NEAR(chi.mid(), el2 - 1, 1e-10 * std::max(1.0, el2)) << "M=" << M << " λ=" << lam << " n=" << n;
        EXPECT_LT(chi.rad(), 1e-12 * std::max(1.0, chi.mid()));
      }
    }
  }
}

TEST(PlantedSpike, ExactTvMatchesDirectQuadratureAtMTwoAndThree) {
  for (int M : {2, 3}) {
    for (double mu : {0.2, 0.7, 1.5, 2.5, 4.0}) {
      const PlantedSpikeTv r = planted_spike_tv(M, mu);
      const double direct = tv_direct(M, mu);
      EXPECT_FALSE(r.capped);
      EXPECT_LT(r.tv.width(), 1e-8);
      EXPECT_NEAR(r.tv.value, direct, 1e-9 + r.tv.width()) << "M=" << M << " mu=" << mu;
    }
  }
}

TEST(PlantedSpike, ExactTvMatchesConvolutionLaw) {
  for (int M : {16, 256}) {
    for (double mu : {1.0, 2.0, 3.0}) {
      const double conv = tv_convolution(M, mu, 4096);
      const PlantedSpikeTv r = planted_spike_tv(M, mu);
      EXPECT_NEAR(r.tv.value, conv, 5e-5) << "M=" << M << " mu=" << mu;
    }
  }
}

TEST(PlantedSpike, BoundsBracketTheExactTvOnAGrid) {
  for (long M : {2L, 16L, 1024L, 65536L}) {
    for (double mu = 0.25; mu <= 8.0; mu += 0.25) {
      const PlantedSpikeTv r = planted_spike_tv(M, mu);
      const TauBound lo = planted_spike_max_test_lower_mu(M, mu);
      const TauBound up = planted_spike_truncated_second_moment_upper_mu(M, mu);
      const Estimate sm = planted_spike_second_moment_upper_mu(M, mu);
      EXPECT_LE(lo.bound.lo, r.tv.hi) << "M=" << M << " mu=" << mu;
      EXPECT_GE(up.bound.hi, r.tv.lo) << "M=" << M << " mu=" << mu;
      EXPECT_GE(sm.hi, r.tv.lo) << "M=" << M << " mu=" << mu;
      // The truncated second moment is never worse than the plain one (τ = ∞ recovers it).
      EXPECT_LE(up.bound.value, sm.value + 1e-9) << "M=" << M << " mu=" << mu;
    }
  }
}

TEST(PlantedSpike, ExactTvIsNonDecreasingInN) {
  // TV(P_n, Q_n) is non-decreasing in n (the first n observations are a function of the first n + 1).
  for (long M : {4L, 4096L, 65536L}) {
    PlantedSpikeParams p{M, *ExactReal::parse("1/2")};
    double prev = 0;
    for (long n = 1; n <= 200; n += 3) {
      const double mu = std::sqrt(planted_spike_mu_squared(p, n).to_double());
      const PlantedSpikeTv r = planted_spike_tv(M, mu);
      EXPECT_GE(r.tv.hi, prev) << "M=" << M << " n=" << n;
      prev = r.tv.lo;
    }
  }
}

TEST(PlantedSpike, CurveMatchesPointwiseEvaluation) {
  std::vector<double> mus{0.5, 2.0, 4.5, 6.0};
  auto curve = planted_spike_tv_curve(65536, mus);
  for (std::size_t i = 0; i < mus.size(); ++i) EXPECT_EQ(curve[i].tv.value, planted_spike_tv(65536, mus[i]).tv.value);
}

TEST(PlantedSpike, ZeroSignalHasZeroTv) {
  EXPECT_EQ(planted_spike_tv(16, 0.0).tv.value, 0.0);
  EXPECT_EQ(planted_spike_tv(16, 0.0).tv.guarantee, Guarantee::exact);
}

}  // namespace
}  // namespace critwin
