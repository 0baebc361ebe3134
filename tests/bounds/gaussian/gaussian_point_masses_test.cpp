// Point masses (variance 0): the two-point model ±1 against closed forms written out here, and three
// atoms in the plane against a direct 2-D Simpson sum.
// Under OU a point mass at μ becomes N(e^{−t}μ, v_t), v_t = 1 − e^{−2t}, so with a = e^{−t}:
//   TV(p_t^+, p_t^−) = erf(a/√(2 v_t)), = 1 at t = 0 (distinct points);
//   T_start(ε) (S_target = {+}) solves erfc(a/√(2v)) = ε²: with q = √2 erfc⁻¹(ε²), a²/(1 − a²) = q², so
//   T_start = ½ ln((1 + q²)/q²);
//   fr-tv(T̂, {+}, {+}) = 1 − R, R = E[σ(2s + 2√s Z)], s = a²/v (the posterior of + given Y ~ N(a, v) is
//   σ(2aY/v) and the forward–reverse output is an atom).
#include <gtest/gtest.h>

#include <cmath>
#include <functional>

#include <boost/math/special_functions/erf.hpp>

#include "bounds/critical_window.hpp"
#include "bounds/engine_factory.hpp"
#include "bounds/theorem2_window.hpp"
#include "gaussian_test_models.hpp"

namespace critwin {
namespace {

using test::at;
using test::gaussian_model;

Model two_points() {
  return gaussian_model("[\"1/2\", \"1/2\"]", "[\"plus\", \"minus\"]", 1, "[[\"1\"], [\"-1\"]]", "0");
}

// E[σ(2s + 2√s Z)] by the composite Simpson rule on [−12, 12] (the integrand is smooth and bounded).
double logistic_normal_retention(double s) {
  const int n = 20000;
  const double lo = -12, hi = 12, h = (hi - lo) / n;
  auto f = [&](double z) { return std::exp(-z * z / 2) / std::sqrt(2 * M_PI) / (1 + std::exp(-(2 * s + 2 * std::sqrt(s) * z))); };
  double acc = f(lo) + f(hi);
  for (int i = 1; i < n; ++i) acc += f(lo + i * h) * (i % 2 ? 4 : 2);
  return acc * h / 3;
}

TEST(GaussianPointMasses, ForwardTvIsOneAtZeroAndErfAfter) {
  Model m = two_points();
  auto engine = exact_engine_make(m, 128);
  const Estimate t0 = engine->forward_tv(Subset({0}), Subset({1}), at("0"));
  EXPECT_EQ(t0.value, 1);
  EXPECT_EQ(t0.guarantee, Guarantee::exact);
  for (double t : {1e-3, 0.1, 0.5, 2.0, 6.0}) {
    const double a = std::exp(-t), v = 1 - a * a;
    const Estimate tv = engine->forward_tv(Subset({0}), Subset({1}), TimePoint{ExactReal::from_double(t), false});
    EXPECT_NEAR(tv.value, std::erf(a / std::sqrt(2 * v)), 1e-14) << t;
  }
  // A sub-mixture at t = 0: p^+ against p = ½δ₊ + ½δ₋ is ½ apart.
  EXPECT_EQ(engine->forward_tv(Subset({0}), Subset({0, 1}), at("0")).value, 0.5);
}

TEST(GaussianPointMasses, WindowsMatchClosedForms) {
  Model m = two_points();
  auto engine = exact_engine_make(m, 128);
  for (const char* e : {"1e-6", "0.01", "0.1", "0.3"}) {
    const double eps = ExactReal::parse(e)->to_double();
    const double q = std::sqrt(2.0) * boost::math::erfc_inv(eps * eps);
    const double t_start = 0.5 * std::log((1 + q * q) / (q * q));
    const Theorem2Window w = theorem2_window(*engine, Subset({0}), Subset({0}), *ExactReal::parse(e));
    ASSERT_TRUE(w.t_start.has_value()) << e;
    EXPECT_NEAR(w.t_start->value, t_start, 1e-12 * std::max(1.0, t_start)) << e;
    // T_before with S_before = Θ: ½ erf(a/√(2v)) <= ε, i.e. a²/v = q_b², q_b = √2 erf⁻¹(2ε).
    const double qb = std::sqrt(2.0) * boost::math::erf_inv(2 * eps);
    const CriticalWindow cw = critical_window(*engine, Subset({0}), Subset({0, 1}), *ExactReal::parse(e));
    ASSERT_TRUE(cw.t_before.has_value());
    EXPECT_NEAR(cw.t_before->value, 0.5 * std::log((1 + qb * qb) / (qb * qb)), 1e-11) << e;
    ASSERT_TRUE(cw.t_after.has_value());
    EXPECT_NEAR(cw.t_after->value, t_start, 1e-12 * std::max(1.0, t_start)) << e;
  }
}

TEST(GaussianPointMasses, FrTvIsOneMinusLogisticNormalRetention) {
  Model m = two_points();
  auto engine = exact_engine_make(m, 128);
  EXPECT_EQ(engine->fr_tv(Subset({0}), Subset({0}), at("0")).value, 0);
  for (double t : {0.05, 0.5 * std::log(2.0), 1.0, 2.0}) {
    const double a = std::exp(-t), s = a * a / (1 - a * a);
    const Estimate tv = engine->fr_tv(Subset({0}), Subset({0}), TimePoint{ExactReal::from_double(t), false});
    EXPECT_NEAR(tv.value, 1 - logistic_normal_retention(s), 1e-10) << t;
    // Against p^{−}: the output puts R on + and 1 − R on −, p^− is δ₋: TV = R.
    const Estimate tv2 = engine->fr_tv(Subset({0}), Subset({1}), TimePoint{ExactReal::from_double(t), false});
    EXPECT_NEAR(tv2.value, logistic_normal_retention(s), 1e-10) << t;
  }
}

// Three point masses at the vertices of an equilateral triangle, equal weights: by symmetry the experiment
// started at atom a outputs R δ_a + (1 − R)/2 (δ_b + δ_c), R = P(θ' = a), so its TV to p = ⅓ Σ δ is
// ½(|R − ⅓| + 2|(1 − R)/2 − ⅓|); R by a 2-D Simpson rule over Y ~ N(e^{−t} c_a, v I_2).
TEST(GaussianPointMasses, PlaneAtomsAgainstDirectSum) {
  Model m = gaussian_model("[\"1/3\", \"1/3\", \"1/3\"]", "[\"a\", \"b\", \"c\"]", 2,
                           "[[\"0\", \"0\"], [\"2\", \"0\"], [\"1\", \"1.7320508075688772\"]]", "0");
  auto engine = exact_engine_make(m, 128);
  const double c[3][2] = {{0, 0}, {2, 0}, {1, 1.7320508075688772}};
  for (double t : {0.3, 0.9}) {
    const double a = std::exp(-t), v = 1 - a * a, sd = std::sqrt(v);
    const int n = 400;
    const double lo = -9, h = 18.0 / n;
    double R = 0;
    for (int i = 0; i <= n; ++i)
      for (int j = 0; j <= n; ++j) {
        const double z0 = lo + i * h, z1 = lo + j * h;
        const double y0 = a * c[0][0] + sd * z0, y1 = a * c[0][1] + sd * z1;
        double l[3], top = -1e300;
        for (int k = 0; k < 3; ++k) {
          l[k] = -((y0 - a * c[k][0]) * (y0 - a * c[k][0]) + (y1 - a * c[k][1]) * (y1 - a * c[k][1])) / (2 * v);
          top = std::max(top, l[k]);
        }
        const double p = std::exp(l[0] - top) / (std::exp(l[0] - top) + std::exp(l[1] - top) + std::exp(l[2] - top));
        const double wi = (i == 0 || i == n ? 1 : i % 2 ? 4 : 2) * (j == 0 || j == n ? 1 : j % 2 ? 4 : 2);
        R += wi * std::exp(-(z0 * z0 + z1 * z1) / 2) / (2 * M_PI) * p;
      }
    R *= h * h / 9;
    // p^{a,T̂} = R δ_a + (1 − R)/2 (δ_b + δ_c) by symmetry; p = ⅓ each.
    const double expect = 0.5 * (std::abs(R - 1.0 / 3) + 2 * std::abs((1 - R) / 2 - 1.0 / 3));
    const Estimate tv = engine->fr_tv(Subset({0}), Subset({0, 1, 2}), TimePoint{ExactReal::from_double(t), false});
    EXPECT_NEAR(tv.value, expect, 1e-8) << t;
    EXPECT_LE(tv.lo, expect + 1e-8);
    EXPECT_GE(tv.hi, expect - 1e-8);
  }
}

}  // namespace
}  // namespace critwin
