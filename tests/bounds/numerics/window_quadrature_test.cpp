// integrate_windows (bounds/numerics/window_quadrature.hpp) against closed forms: normal masses over unions of
// windows (overlapping windows count once, the gaps between disjoint ones not at all), split points honoured where
// the integrand jumps and ignored outside the windows, and peaks 2·10^8 apart found in double and in 133 bits.
#include <gtest/gtest.h>

#include <cmath>

#include "bounds/numerics/window_quadrature.hpp"

namespace critwin::gauss {
namespace {

double Phi(double x) { return std::erfc(-x / std::sqrt(2.0)) / 2; }

TEST(WindowQuadrature, GapsBetweenDisjointWindowsAreLeftOut) {
  // A constant integrand measures the length of the union: [−1, 1] ∪ [9, 11].
  const auto v = integrate_windows<double>([](double) { return 1.0; }, {0.0, 10.0}, 1.0, {}, 1e-10);
  EXPECT_NEAR(v.value, 4.0, 1e-13);
  EXPECT_LE(v.error, 1e-12);
}

TEST(WindowQuadrature, OverlappingWindowsCountOnce) {
  // [−2, 2] ∪ [1, 5] = [−2, 5]: ∫ φ = Φ(5) − Φ(−2); counting the overlap twice would add Φ(2) − Φ(1) ≈ 0.136.
  const auto v = integrate_windows<double>([](double y) { return normal_pdf(y); }, {0.0, 3.0}, 2.0, {}, 1e-10);
  EXPECT_NEAR(v.value, Phi(5) - Phi(-2), 1e-13);
  EXPECT_LE(std::abs(v.value - (Phi(5) - Phi(-2))), v.error + 1e-15);
}

TEST(WindowQuadrature, SplitsAtAJumpAreHonouredAndSplitsOutsideIgnored) {
  // φ(y)·1[y < 0.5] over [−10, 10]: exact with the split at the jump, Φ(0.5) − Φ(−10).
  auto f = [](double y) { return y < 0.5 ? normal_pdf(y) : 0.0; };
  const double exact = Phi(0.5) - Phi(-10);
  const auto split = integrate_windows<double>(f, {0.0}, 10.0, {0.5}, 1e-10);
  EXPECT_NEAR(split.value, exact, 1e-13);
  // Points outside the windows change nothing: the same pieces, the same sum.
  const auto outside = integrate_windows<double>(f, {0.0}, 10.0, {-40.0, 0.5, 1e6}, 1e-10);
  EXPECT_EQ(outside.value, split.value);
  EXPECT_EQ(outside.error, split.error);
}

TEST(WindowQuadrature, FindsPeaksFarApart) {
  // 0.3 N(−1e8, 1) + 0.7 N(1e8, 1): total mass 1 − 2Φ(−cut) on the windows ±cut around the means, and the mass
  // left of 1e8 + 1/2 (split there) 0.3 + 0.7 Φ(1/2). In double the nodes near ±1e8 sit at positions rounded by
  // ε·1e8 ≈ 2e-8, which moves a density of slope <= 1/4 by at most 4·cut·ε·1e8 ≈ 1e-6 in mass (the bound the
  // retention estimates state); the 133-bit type has no such limit.
  const double cut = tail_cut<double>();
  auto p = [](double y) { return 0.3 * normal_pdf(y + 1e8) + 0.7 * normal_pdf(y - 1e8); };
  const auto mass = integrate_windows<double>(p, {-1e8, 1e8}, cut, {}, 1e-10);
  EXPECT_NEAR(mass.value, 1.0, 1e-6);
  auto left = [&](double y) { return y < 1e8 + 0.5 ? p(y) : 0.0; };
  const auto part = integrate_windows<double>(left, {-1e8, 1e8}, cut, {1e8 + 0.5}, 1e-10);
  EXPECT_NEAR(part.value, 0.3 + 0.7 * Phi(0.5), 1e-6);

  const Mp40 c = tail_cut<Mp40>(), far(1e8);
  auto pm = [&](const Mp40& y) { return Mp40(3) / 10 * normal_pdf(Mp40(y + far)) + Mp40(7) / 10 * normal_pdf(Mp40(y - far)); };
  const auto m40 = integrate_windows<Mp40>(pm, {Mp40(-far), far}, c, {}, Mp40(1e-30));
  EXPECT_LT(abs(m40.value - 1).convert_to<double>(), 1e-25);
}

TEST(WindowQuadrature, NoWindowsIsZero) {
  const auto v = integrate_windows<double>([](double) { return 1.0; }, {}, 1.0, {0.0}, 1e-10);
  EXPECT_EQ(v.value, 0.0);
  EXPECT_EQ(v.error, 0.0);
}

}  // namespace
}  // namespace critwin::gauss
