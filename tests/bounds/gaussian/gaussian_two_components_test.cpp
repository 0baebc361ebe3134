// Two-component Gaussian mixtures: the certified erf closed form against independent computations.
#include <gtest/gtest.h>

#include <cmath>

#include "bounds/engine_factory.hpp"
#include "bounds/numerics/gaussian_quadrature.hpp"
#include "gaussian_test_models.hpp"

namespace critwin {
namespace {

using test::at;
using test::gaussian_model;

// Closed form vs ½∫|p − q| by tanh-sinh at 80 digits, on the line through the two means.
TEST(GaussianTwoComponents, ClosedFormMatchesQuadratureAt256Bits) {
  // means (1, 2) and (−1, 1/2): squared distance 4 + 9/4 = 25/4, so the means are 5/2 apart.
  Model m = gaussian_model("[\"1/3\", \"2/3\"]", "[\"a\", \"b\"]", 2, "[[\"1\", \"2\"], [\"-1\", \"0.5\"]]", "5/2");
  auto engine = exact_engine_make(m, 256);
  using R = gauss::Mp80;
  struct Time { const char* text; int num, den; };
  for (Time tt : {Time{"0", 0, 1}, Time{"1/10", 1, 10}, Time{"7/10", 7, 10}, Time{"2", 2, 1}, Time{"5", 5, 1}}) {
    const char* t = tt.text;
    Estimate tv = engine->forward_tv(Subset({0}), Subset({1}), at(t));
    ASSERT_EQ(tv.guarantee, Guarantee::certified);
    const R time = R(tt.num) / tt.den;
    const R u = exp(-2 * time);
    const R sd = sqrt(R(u * R(5) / 2 + 1 - u));
    const R half = exp(-time) * R(5) / 4;  // means at ±half after the OU contraction
    auto f = [&](const R& x) {
      return abs(gauss::normal_pdf(R((x - half) / sd)) - gauss::normal_pdf(R((x + half) / sd))) / sd / 2;
    };
    const R cut = 60 * sd + half;
    auto left = gauss::integrate<R>(f, -cut, R(0), R(1e-60));
    auto right = gauss::integrate<R>(f, R(0), cut, R(1e-60));
    const double q = R(left.value + right.value).convert_to<double>();
    EXPECT_NEAR(tv.value, q, 1e-15) << "t = " << t;
    EXPECT_LE(tv.lo, q + 1e-300);
    EXPECT_GE(tv.hi, q - 1e-300);
    EXPECT_LT(tv.hi - tv.lo, 1e-60 + 4 * std::abs(tv.value) * 1e-16);
  }
}

TEST(GaussianTwoComponents, E1IdentityErf) {
  Model m = model_file_load(std::string(CRITWIN_SOURCE_DIR) + "/examples/e1_two_gaussians.toml");
  auto engine = exact_engine_make(m, 128);
  for (double t : {0.0, 0.25, 1.0, 1.5, 2.0, 3.0, 4.5, 7.0}) {
    Estimate tv = engine->forward_tv(Subset({0}), Subset({1}), TimePoint{ExactReal::from_double(t), false});
    EXPECT_NEAR(tv.value, std::erf(8 * std::exp(-t) / std::sqrt(2.0)), 1e-15) << t;
  }
  EXPECT_EQ(engine->forward_tv(Subset({0}), Subset({1}), TimePoint::inf()).value, 0);
}

// The closed-form crossing against bisection on forward_tv itself (σ² ≠ 1, unequal weights, d = 3).
TEST(GaussianTwoComponents, ClosedFormCrossingMatchesBisection) {
  for (const char* var : {"3/7", "1", "9/2"}) {
    Model mm = gaussian_model("[\"1/5\", \"4/5\"]", "[\"a\", \"b\"]", 3,
                              "[[\"1\", \"2\", \"3\"], [\"-2\", \"0\", \"1\"]]", var);
    auto engine = exact_engine_make(mm, 128);
    BallPrecisionScope scope(128);
    for (auto [a, b] : {std::pair{Subset({0}), Subset({1})}, std::pair{Subset({0}), Subset({0, 1})}}) {
      const double tv0 = engine->forward_tv(a, b, at("0")).value;
      for (double frac : {0.9, 0.5, 0.1, 0.01}) {
        Ball level = Ball(tv0 * frac);
        auto cf = engine->forward_tv_crossing(a, b, level);
        ASSERT_TRUE(cf.has_value());
        double lo = 0, hi = 50;
        for (int it = 0; it < 200 && hi - lo > 1e-14; ++it) {
          double mid = (lo + hi) / 2;
          (engine->forward_tv(a, b, TimePoint{ExactReal::from_double(mid), false}).value >= level.mid() ? lo : hi) = mid;
        }
        EXPECT_NEAR(cf->value, (lo + hi) / 2, 1e-12) << var << " " << frac;
        EXPECT_EQ(cf->guarantee, Guarantee::certified);
        EXPECT_LE(cf->lo, cf->value);
        EXPECT_GE(cf->hi, cf->value);
      }
    }
  }
}

}  // namespace
}  // namespace critwin
