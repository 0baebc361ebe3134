// Gaussian retention curves (THEORY.md §6) against independent computations: the closed form
// φ(t) = ½ ∫ (G₊² + G₋²)/(G₊ + G₋) dy of two Gaussians ±m by Gauss–Kronrod quadrature in long double, the label
// retention by the density-ratio route (a double integral over x and the noise, not the engine's posterior
// route), the limits R(0) and R(∞) = w_S, and monotonicity in T̂.
#include <gtest/gtest.h>

#include <cmath>
#include <numbers>

#include <boost/math/quadrature/gauss_kronrod.hpp>

#include "bounds/engine_factory.hpp"
#include "gaussian_test_models.hpp"
#include "model/input_error.hpp"

namespace critwin {
namespace {

using test::at;
using test::gaussian_model;

long double npdf(long double x) { return std::exp(-x * x / 2) / std::sqrt(2 * std::numbers::pi_v<long double>); }

// ∫_a^b f on `pieces` equal panels of 61-point Gauss–Kronrod.
template <class F>
long double quad(F f, long double a, long double b, int pieces) {
  long double s = 0, h = (b - a) / pieces;
  for (int i = 0; i < pieces; ++i)
    s += boost::math::quadrature::gauss_kronrod<long double, 61>::integrate(f, a + i * h, a + (i + 1) * h, 0);
  return s;
}

// φ(t) for ½N(+m, 1) + ½N(−m, 1): ½ ∫ (G₊² + G₋²)/(G₊ + G₋) dy, G± = N(y; ±m e^{−t}, 1).
long double phi_closed_form(long double m, long double t) {
  const long double a = m * std::exp(-t);
  auto f = [&](long double y) {
    const long double gp = npdf(y - a), gm = npdf(y + a);
    return (gp * gp + gm * gm) / (gp + gm) / 2;
  };
  return quad(f, -a - 14, a + 14, 64);
}

// Label retention of S = {0} for w0 N(m0, 1) + w1 N(m1, 1) in 1-D by the density-ratio identity:
// R_label = ∫ p(x) E[P(0 | Y_t) | X = x] / w0 · 1{label(x) = 0} dx, Y_t = e^{−t} x + √(1 − e^{−2t}) Z.
long double label_by_density_ratio(long double w0, long double m0, long double m1, long double t) {
  const long double w1 = 1 - w0, e = std::exp(-t), s = std::sqrt(1 - e * e);
  auto post0 = [&](long double y) {  // Y_t | θ ~ N(e m_θ, 1) (unit variance is preserved)
    const long double a = w0 * npdf(y - e * m0), b = w1 * npdf(y - e * m1);
    return a / (a + b);
  };
  auto outer = [&](long double x) {
    const long double px = w0 * npdf(x - m0) + w1 * npdf(x - m1);
    auto inner = [&](long double z) { return npdf(z) * post0(e * x + s * z); };
    return px * quad(inner, -12, 12, 4) / w0;
  };
  // label(x) = 0 on the side of m0 of x*, where w0 N(x; m0, 1) = w1 N(x; m1, 1) (a tie has measure zero).
  const long double xs = (std::log(w1 / w0) + (m0 * m0 - m1 * m1) / 2) / (m0 - m1);
  return m0 < m1 ? quad(outer, std::min(m0, m1) - 13, xs, 24) : quad(outer, xs, std::max(m0, m1) + 13, 24);
}

TEST(GaussianRetention, TwoGaussiansLatentEqualsClosedFormPhi) {
  for (const char* m : {"0.5", "1.5", "3", "8"})
    for (const char* t : {"0", "0.1", "0.5", "1", "2", "4"}) {
      Model model = gaussian_model("[\"1/2\", \"1/2\"]", "[\"plus\", \"minus\"]", 1,
                                   std::string("[[\"") + m + "\"], [\"-" + m + "\"]]", "1");
      auto engine = exact_engine_make(model, 128);
      const auto r = engine->retention(Subset({0}), at(t));
      const long double phi = phi_closed_form(std::stold(m), std::stold(t));
      EXPECT_NEAR(r.latent.value, static_cast<double>(phi), 1e-12) << "m " << m << " t " << t;
      // Symmetric pair: the cloning probability is the same integral.
      EXPECT_NEAR(r.cloning.value, static_cast<double>(phi), 1e-12) << "m " << m << " t " << t;
      EXPECT_LE(r.latent.lo, r.latent.value);
      EXPECT_GE(r.latent.hi, r.latent.value);
      EXPECT_LT(r.latent.width(), 1e-12);
      // Certified (Arb) at these separations; the trapezoidal rule's node budget is not reached.
      EXPECT_EQ(r.guarantee(), Guarantee::certified) << "m " << m << " t " << t;
    }
}

TEST(GaussianRetention, SpanReductionInThreeDimensions) {
  // ±μ with ‖μ‖ = 3 along a diagonal of R³ (μ = (1, 2, 2)): the same numbers as the 1-D pair with m = 3.
  Model model = gaussian_model("[\"1/2\", \"1/2\"]", "[\"p\", \"q\"]", 3, "[[\"1\", \"2\", \"2\"], [\"-1\", \"-2\", \"-2\"]]", "1");
  auto engine = exact_engine_make(model, 128);
  for (const char* t : {"0.3", "1.2"})
    EXPECT_NEAR(engine->retention(Subset({1}), at(t)).latent.value, static_cast<double>(phi_closed_form(3, std::stold(t))),
                1e-12);
}

TEST(GaussianRetention, LabelRetentionMatchesDensityRatioRoute) {
  struct C {
    const char *w0, *m0, *m1;
  };
  for (const C c : {C{"1/2", "1.5", "-1.5"}, C{"1/3", "1", "-2"}, C{"3/4", "0.5", "2.5"}})
    for (const char* t : {"0", "0.3", "1"}) {
      Model model = gaussian_model(std::string("[\"") + c.w0 + "\", \"" + (ExactReal(1) - *ExactReal::parse(c.w0)).to_string() +
                                       "\"]",
                                   "[\"a\", \"b\"]", 1, std::string("[[\"") + c.m0 + "\"], [\"" + c.m1 + "\"]]", "1");
      auto engine = exact_engine_make(model, 128);
      const auto r = engine->retention(Subset({0}), at(t));
      const long double w0 = ExactReal::parse(c.w0)->to_double();
      const long double want = label_by_density_ratio(w0, std::stold(c.m0), std::stold(c.m1), std::stold(t));
      EXPECT_NEAR(r.label.value, static_cast<double>(want), 1e-10) << c.w0 << " " << c.m0 << " " << c.m1 << " t " << t;
    }
}

TEST(GaussianRetention, LimitsAndMonotonicity) {
  // Unequal weights and three collinear means: R(∞) = w_S, φ(∞) = Σ w², curves non-increasing.
  Model model = gaussian_model("[\"1/2\", \"1/3\", \"1/6\"]", "[\"a\", \"b\", \"c\"]", 1, "[[\"-2\"], [\"0.5\"], [\"3\"]]", "1");
  auto engine = exact_engine_make(model, 128);
  std::vector<TimePoint> ts;
  for (int i = 0; i <= 200; ++i) ts.push_back(at(std::to_string(i * 0.03)));
  ts.push_back(TimePoint::inf());
  const Subset s({1, 2});
  const auto curve = engine->retention_curve(s, ts);
  const auto& inf = curve.back();
  EXPECT_NEAR(inf.latent.value, 0.5, 1e-15);
  EXPECT_NEAR(inf.cloning.value, 0.25 + 1.0 / 9 + 1.0 / 36, 1e-15);
  for (size_t i = 1; i < curve.size(); ++i) {
    EXPECT_LE(curve[i].latent.value, curve[i - 1].latent.value + 1e-13) << i;
    EXPECT_LE(curve[i].label.value, curve[i - 1].label.value + 1e-13) << i;
    EXPECT_LE(curve[i].cloning.value, curve[i - 1].cloning.value + 1e-13) << i;
    EXPECT_GE(curve[i].latent.value, 0.5 - 1e-13) << i;
  }
  // Overlapping components: R(0) < 1.
  EXPECT_LT(curve[0].latent.value, 0.99);
  // Point masses are mutually singular at T̂ = 0: R(0) = R_label(0) = 1, and R(∞) = w_S.
  Model atoms = gaussian_model("[\"1/4\", \"3/4\"]", "[\"a\", \"b\"]", 2, "[[\"1\", \"0\"], [\"-1\", \"0\"]]", "0");
  auto e2 = exact_engine_make(atoms, 128);
  const auto r0 = e2->retention(Subset({0}), at("0"));
  EXPECT_NEAR(r0.latent.value, 1, 1e-15);
  EXPECT_NEAR(r0.label.value, 1, 1e-15);
  EXPECT_NEAR(e2->retention(Subset({0}), TimePoint::inf()).latent.value, 0.25, 1e-15);
  const auto mid = e2->retention(Subset({0}), at("1"));
  // X′ is one of the atoms, so the label is θ′ itself: label retention equals latent retention.
  EXPECT_NEAR(mid.label.value, mid.latent.value, 1e-13);
}

TEST(GaussianRetention, NonCollinearMeansHaveNoExactPath) {
  Model model = gaussian_model("[\"1/3\", \"1/3\", \"1/3\"]", "[\"a\", \"b\", \"c\"]", 2,
                               "[[\"0\", \"0\"], [\"1\", \"0\"], [\"0\", \"1\"]]", "1");
  auto engine = exact_engine_make(model, 128);
  try {
    engine->retention(Subset({0}), at("1"));
    FAIL() << "non-collinear means accepted";
  } catch (const InputError& e) {
    EXPECT_EQ(e.field(), "components.means");
  }
}

}  // namespace
}  // namespace critwin
