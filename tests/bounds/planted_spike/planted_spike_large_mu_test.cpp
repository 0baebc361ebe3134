// Planted spike at large μ = λ√n (the regime where the Laplace inversion once overflowed to NaN and its cost
// grew without bound): the moment bound against an independent long-double quadrature of 1 − TV, no NaN and
// sane intervals over a grid of M, μ, snr and n, monotonicity in n, and the snr = 10 model's whole curve.
#include <gtest/gtest.h>

#include <cmath>
#include <limits>

#include <boost/math/quadrature/tanh_sinh.hpp>

#include "bounds/planted_spike/planted_spike_bounds.hpp"
#include "bounds/planted_spike/planted_spike_engine.hpp"
#include "bounds/planted_spike/planted_spike_tv.hpp"

namespace critwin {
namespace {

using ld = long double;

ld Phi_l(ld x) { return 0.5L * std::erfc(-x / std::sqrt(2.0L)); }
ld phi_l(ld x) { return std::exp(-x * x / 2) / std::sqrt(2 * 3.14159265358979323846264338327950288L); }

// 1 − TV = E_Q[min(1, L)] for M = 2, L = (X_1 + X_2)/2, in long double and without cancellation: given u_1
// (a = X_1/2 < 1, b = 1 − a), E[min(b, X_2/2)] = Φ(c − μ)/2 + b Φ(−c), c = (ln 2b + μ²/2)/μ; where a >= 1 the
// minimum is 1 (probability Φ(−c_1), c_1 = (ln 2 + μ²/2)/μ). All terms are positive, so the relative error
// stays at the quadrature's even when 1 − TV is 1e-300.
ld overlap_m2(ld mu) {
  const ld c1 = (std::log(2.0L) + mu * mu / 2) / mu;  // u_1 < c1 <=> a < 1
  auto inner = [&](ld u) {
    const ld a = std::exp(mu * u - mu * mu / 2) / 2, b = 1 - a;
    if (!(b > 0)) return 0.0L;
    const ld c = (std::log(2 * b) + mu * mu / 2) / mu;
    return phi_l(u) * (a + Phi_l(c - mu) / 2 + b * Phi_l(-c));
  };
  boost::math::quadrature::tanh_sinh<ld> ts;
  // Piecewise, so the peaks (a φ(u) ∝ φ(u − μ) cut at c1 ≈ μ/2, and φ(u) Φ(−c) near u ≈ μ/2 too) sit at
  // the ends of short pieces.
  ld sum = 0, lo = -40;
  for (ld hi : {c1 - 8, c1 - 2, c1 - 0.5L, c1}) {
    if (hi > lo) sum += ts.integrate(inner, lo, hi, 1e-16L);
    lo = std::max(lo, hi);
  }
  return sum + Phi_l(-c1);
}

TEST(PlantedSpikeLargeMu, MomentBoundBracketsLongDoubleQuadratureAtMTwo) {
  for (double mu : {8.0, 12.0, 13.0, 14.0, 15.0, 18.0, 19.0, 21.2, 30.0, 60.0, 126.5}) {
    const ld overlap = overlap_m2(mu);  // = 1 − TV
    const double gap = planted_spike_moment_gap(2, mu);
    ASSERT_GT(overlap, 0) << mu;
    EXPECT_LE(overlap, static_cast<ld>(gap)) << "mu=" << mu;
    // Not vacuous: the truth is about Φ(−μ/2) ≈ e^{−μ²/8}/(μ/2 · √2π), the bound √M e^{−μ²/8}, a ratio ~ μ.
    if (mu >= 12 && mu <= 60) {  // (past μ ≈ 77 the double gap is floored at 5e-324)
      EXPECT_GE(overlap * 4 * mu, static_cast<ld>(gap)) << "mu=" << mu;
    }
    const PlantedSpikeTv r = planted_spike_tv(2, mu);
    EXPECT_FALSE(r.capped);
    const ld tv = 1 - overlap;
    EXPECT_LE(static_cast<ld>(r.tv.lo), tv) << "mu=" << mu;
    EXPECT_GE(static_cast<ld>(r.tv.hi), tv) << "mu=" << mu;
    EXPECT_LE(r.tv.width(), 1e-8) << "mu=" << mu;
    EXPECT_LT(r.tv.lo, 1.0) << "TV < 1 at every finite μ";
  }
}

TEST(PlantedSpikeLargeMu, CertifiedMomentBoundMatchesTheDoubleGap) {
  for (long M : {2L, 1024L, 1L << 40}) {
    for (double mu : {10.0, 20.0, 40.0}) {
      const Estimate e = planted_spike_moment_lower_mu(M, mu);
      const double lm = std::log(static_cast<double>(M)), d = mu / 2 - lm / mu;
      EXPECT_NEAR(1 - e.lo, std::exp(-d * d / 2), 1e-15 + 1e-9 * std::exp(-d * d / 2)) << M << " " << mu;
      EXPECT_EQ(e.guarantee, Guarantee::certified);
    }
  }
  // Below the threshold μ² = 2 ln M the bound is the trivial 0.
  EXPECT_EQ(planted_spike_moment_lower_mu(65536, 4.0).hi, 0.0);
}

TEST(PlantedSpikeLargeMu, NoNanAndSaneIntervalsOverAGridOfMAndMu) {
  for (long M : {2L, 3L, 16L, 1024L, 65536L, 1000000000L, 4000000000000000000L}) {
    // (M = 4e18 starts at μ = 6: below μ ≈ 5 its quadrature hits the node cap, a small-μ limitation.)
    for (double mu = M > 1000000000000L ? 6.0 : 0.5; mu <= 400; mu *= 1.13) {
      const PlantedSpikeTv r = planted_spike_tv(M, mu);
      ASSERT_TRUE(std::isfinite(r.tv.value) && std::isfinite(r.tv.lo) && std::isfinite(r.tv.hi)) << M << " " << mu;
      EXPECT_LE(0.0, r.tv.lo) << M << " " << mu;
      EXPECT_LE(r.tv.lo, r.tv.value) << M << " " << mu;
      EXPECT_LE(r.tv.value, r.tv.hi) << M << " " << mu;
      EXPECT_LE(r.tv.hi, 1.0) << M << " " << mu;
      EXPECT_FALSE(r.capped) << M << " " << mu;
      EXPECT_LT(r.tv.width(), 1e-6) << M << " " << mu;
    }
  }
}

PlantedSpikeComponents spike(int length, long dim, const char* snr) {
  PlantedSpikeComponents c;
  c.length = length;
  c.dim = dim;
  c.snr = *ExactReal::parse(snr);
  return c;
}

TEST(PlantedSpikeLargeMu, DetectionTvIsFiniteAndNonDecreasingInNOverASnrGrid) {
  for (long M : {2L, 1024L}) {
    for (const char* snr : {"1/2", "2", "3", "10", "40"}) {
      const PlantedSpikeComponents c = spike(50, M, snr);
      Estimate prev = Estimate::exact_value(0);
      for (long n = 0; n <= 50; ++n) {
        const Estimate e = planted_spike_detection_tv(c, n);
        ASSERT_TRUE(std::isfinite(e.value) && std::isfinite(e.lo) && std::isfinite(e.hi)) << snr << " n=" << n;
        EXPECT_LE(e.lo, e.value);
        EXPECT_LE(e.value, e.hi);
        EXPECT_LE(e.hi, 1.0);
        // TV(P_n, Q_n) is non-decreasing in n: the intervals may not contradict that.
        EXPECT_GE(e.hi, prev.lo) << "M=" << M << " snr=" << snr << " n=" << n;
        prev = e;
      }
    }
  }
}

TEST(PlantedSpikeLargeMu, UserTrialModelsGiveTheirValues) {
  // ps2.toml (M = 2, λ = 3, N = 50): NaN at n = 35 … 50 before; TV ≈ 1 − 1e-25 at n = 50.
  for (long n : {35L, 40L, 43L, 45L, 49L, 50L}) {
    const Estimate e = planted_spike_detection_tv(spike(50, 2, "3"), n);
    const ld tv = 1 - overlap_m2(3 * std::sqrt(static_cast<double>(n)));
    EXPECT_LE(static_cast<ld>(e.lo), tv) << n;
    EXPECT_GE(static_cast<ld>(e.hi), tv) << n;
    EXPECT_GT(e.lo, 1 - 1e-15) << n;
  }
  // examples/planted_spike.toml with snr = 10 (M = 1024, N = 160): n = 1 … 160, μ = 10 … 126 (hung before).
  const PlantedSpikeComponents c = spike(160, 1024, "10");
  for (long n = 1; n <= 160; ++n) {
    const Estimate e = planted_spike_detection_tv(c, n);
    EXPECT_GT(e.lo, 0.99998) << n;  // μ >= 10: the max test alone gives 0.99998 at n = 1
    EXPECT_LE(e.width(), 2e-8) << n;
  }
  // snr = 2 at t = 0 (n = 160, μ = 25.3).
  const Estimate e2 = planted_spike_detection_tv(spike(160, 1024, "2"), 160);
  EXPECT_TRUE(std::isfinite(e2.value));
  EXPECT_GT(e2.lo, 1 - 1e-15);
}

}  // namespace
}  // namespace critwin
