// Three (and more, collinear) Gaussian components: quadrature paths against brute-force grid sums,
// merging of identical means, monotonicity, fr-tv limits, and the unsupported case.
#include <gtest/gtest.h>

#include <cmath>
#include <functional>

#include "bounds/engine_factory.hpp"
#include "gaussian_test_models.hpp"
#include "model/input_error.hpp"

namespace critwin {
namespace {

using test::at;
using test::gaussian_model;

double phi(double x) { return std::exp(-x * x / 2) / std::sqrt(2 * M_PI); }

// ½ Σ |p_t^A − p_t^B| h² on a plain 2-D grid, in the model's own coordinates (means given in 2-D).
double grid_tv_2d(const std::vector<std::array<double, 2>>& mu, const std::vector<double>& w, double var,
                  const std::vector<int>& A, const std::vector<int>& B, double t, double h) {
  const double et = std::exp(-t), sd = std::sqrt(et * et * var + 1 - et * et);
  auto coef = [&](const std::vector<int>& S, int i) {
    double tot = 0, wi = 0;
    for (int j : S) { tot += w[j]; if (j == i) wi = w[j]; }
    return wi / tot;
  };
  std::vector<double> g;
  for (size_t i = 0; i < mu.size(); ++i) g.push_back(coef(A, i) - coef(B, i));
  double sum = 0;
  for (double x = -14; x <= 14; x += h)
    for (double y = -14; y <= 14; y += h) {
      double f = 0;
      for (size_t i = 0; i < mu.size(); ++i) f += g[i] * phi((x - et * mu[i][0]) / sd) * phi((y - et * mu[i][1]) / sd);
      sum += std::abs(f);
    }
  return sum * h * h / (sd * sd) / 2;
}

TEST(GaussianThreeComponents, PlaneForwardTvMatchesGridSum) {
  Model m = gaussian_model("[\"1/2\", \"3/10\", \"1/5\"]", "[\"a\", \"b\", \"c\"]", 2,
                           "[[\"0\", \"0\"], [\"3\", \"0\"], [\"1\", \"2\"]]", "1");
  auto engine = exact_engine_make(m, 128);
  std::vector<std::array<double, 2>> mu{{0, 0}, {3, 0}, {1, 2}};
  std::vector<double> w{0.5, 0.3, 0.2};
  for (double t : {0.0, 0.5, 1.5}) {
    for (auto [A, B] : {std::pair{std::vector<int>{0}, std::vector<int>{1, 2}},
                        std::pair{std::vector<int>{0, 1}, std::vector<int>{0, 1, 2}},
                        std::pair{std::vector<int>{2}, std::vector<int>{0, 1, 2}}}) {
      Estimate tv = engine->forward_tv(Subset(A), Subset(B), TimePoint{ExactReal::from_double(t), false});
      EXPECT_EQ(tv.guarantee, Guarantee::estimated);
      EXPECT_LT(tv.hi - tv.lo, 1e-12);
      // The grid sum of |f| has an O(h²) error from the kinks of |f|: 1e-4 is a safe margin at h = 0.02.
      EXPECT_NEAR(tv.value, grid_tv_2d(mu, w, 1.0, A, B, t, 0.02), 1e-4) << t;
    }
  }
}

TEST(GaussianThreeComponents, CollinearForwardTvMatchesGridSum) {
  // Means −1, 1/2, 3 on a slanted line in 2-D, variance 2, and four collinear components too.
  Model m = gaussian_model("[\"1/4\", \"1/4\", \"1/2\"]", "[\"a\", \"b\", \"c\"]", 2,
                           "[[\"-0.6\", \"-0.8\"], [\"0.3\", \"0.4\"], [\"1.8\", \"2.4\"]]", "2");
  auto engine = exact_engine_make(m, 128);
  std::vector<std::array<double, 2>> mu{{-0.6, -0.8}, {0.3, 0.4}, {1.8, 2.4}};
  std::vector<double> w{0.25, 0.25, 0.5};
  for (double t : {0.0, 0.7}) {
    Estimate tv = engine->forward_tv(Subset({0, 2}), Subset({1, 2}), TimePoint{ExactReal::from_double(t), false});
    EXPECT_NEAR(tv.value, grid_tv_2d(mu, w, 2.0, {0, 2}, {1, 2}, t, 0.02), 1e-4);
  }
  Model m4 = gaussian_model("[\"1/4\", \"1/4\", \"1/4\", \"1/4\"]", "[\"a\", \"b\", \"c\", \"d\"]", 1,
                            "[[\"-3\"], [\"-1\"], [\"0.5\"], [\"4\"]]", "1");
  auto e4 = exact_engine_make(m4, 128);
  // 1-D brute force: Riemann sum of ½|p^A − p^B| with A = {0, 2}, B = {1, 3}.
  double sum = 0, h = 1e-4;
  for (double x = -15; x <= 16; x += h)
    sum += std::abs(phi(x + 3) + phi(x - 0.5) - phi(x + 1) - phi(x - 4)) / 2;
  EXPECT_NEAR(e4->forward_tv(Subset({0, 2}), Subset({1, 3}), at("0")).value, sum * h / 2, 1e-7);
}

TEST(GaussianThreeComponents, IdenticalMeansMergeIntoTwoComponents) {
  Model m3 = gaussian_model("[\"1/4\", \"1/4\", \"1/2\"]", "[\"p1\", \"p2\", \"m\"]", 1, "[[\"3\"], [\"3\"], [\"-2\"]]",
                            "3/2");
  Model m2 = gaussian_model("[\"1/2\", \"1/2\"]", "[\"p\", \"m\"]", 1, "[[\"3\"], [\"-2\"]]", "3/2");
  auto e3 = exact_engine_make(m3, 128), e2 = exact_engine_make(m2, 128);
  for (const char* t : {"0", "1/3", "2"}) {
    EXPECT_NEAR(e3->forward_tv(Subset({0, 1}), Subset({2}), at(t)).value,
                e2->forward_tv(Subset({0}), Subset({1}), at(t)).value, 1e-15);
    EXPECT_NEAR(e3->forward_tv(Subset({0, 1}), Subset({0, 1, 2}), at(t)).value,
                e2->forward_tv(Subset({0}), Subset({0, 1}), at(t)).value, 1e-15);
    // S_init = {p1} alone has the same law as the merged p.
    EXPECT_NEAR(e3->forward_tv(Subset({0}), Subset({2}), at(t)).value,
                e2->forward_tv(Subset({0}), Subset({1}), at(t)).value, 1e-15);
  }
  for (const char* t : {"1/2", "3/2"}) {
    Estimate a = e3->fr_tv(Subset({0}), Subset({0, 1}), at(t));
    Estimate b = e2->fr_tv(Subset({0}), Subset({0}), at(t));
    EXPECT_NEAR(a.value, b.value, 1e-12) << t;
  }
}

TEST(GaussianThreeComponents, ForwardTvNonIncreasing) {
  std::vector<Model> models{
      gaussian_model("[\"1/10\", \"9/10\"]", "[\"a\", \"b\"]", 3, "[[\"1\", \"0\", \"2\"], [\"0\", \"1\", \"-1\"]]", "5"),
      gaussian_model("[\"1/2\", \"3/10\", \"1/5\"]", "[\"a\", \"b\", \"c\"]", 2,
                     "[[\"0\", \"0\"], [\"3\", \"0\"], [\"1\", \"2\"]]", "1/3"),
      gaussian_model("[\"1/3\", \"1/3\", \"1/3\"]", "[\"a\", \"b\", \"c\"]", 1, "[[\"-4\"], [\"0\"], [\"1\"]]", "2")};
  for (const Model& m : models) {
    auto engine = exact_engine_make(m, 128);
    const int k = m.size();
    std::vector<std::pair<Subset, Subset>> pairs{{Subset({0}), Subset::all(k)}, {Subset({0}), Subset({1})},
                                                 {Subset({k - 1}), Subset({0}).complement(k)}};
    for (auto& [a, b] : pairs) {
      double prev_lo = 2;
      for (double t = 0; t <= 6; t += 0.25) {
        Estimate tv = engine->forward_tv(a, b, TimePoint{ExactReal::from_double(t), false});
        EXPECT_LE(tv.lo, prev_lo + 1e-30) << m.size() << " t=" << t;
        EXPECT_GE(tv.lo, -1e-30);
        prev_lo = tv.hi;
      }
    }
  }
}

TEST(GaussianThreeComponents, FrTvLimits) {
  Model m = gaussian_model("[\"1/5\", \"1/2\", \"3/10\"]", "[\"a\", \"b\", \"c\"]", 1, "[[\"-2\"], [\"0.5\"], [\"3\"]]",
                           "3/4");
  auto engine = exact_engine_make(m, 128);
  const Subset a({0}), ab({0, 1});
  for (auto [si, st] : {std::pair{a, a}, std::pair{a, ab}, std::pair{ab, Subset::all(3)}}) {
    const double at0 = engine->fr_tv(si, st, at("0")).value;
    const double at_inf = engine->fr_tv(si, st, TimePoint::inf()).value;
    EXPECT_NEAR(engine->fr_tv(si, st, at("1/1000000")).value, at0, 1e-4);
    EXPECT_NEAR(engine->fr_tv(si, st, at("40")).value, at_inf, 1e-12);
    EXPECT_NEAR(at0, engine->forward_tv(si, st, at("0")).value, 0);
    EXPECT_NEAR(at_inf, engine->forward_tv(Subset::all(3), st, at("0")).value, 0);
  }
}

// Brute-force fr-tv on a 1-D model: D(x) by a plain Riemann sum over the inner Gaussian, outer Riemann sum.
TEST(GaussianThreeComponents, CollinearFrTvMatchesBruteForce) {
  Model m = gaussian_model("[\"1/5\", \"1/2\", \"3/10\"]", "[\"a\", \"b\", \"c\"]", 1, "[[\"-2\"], [\"0.5\"], [\"3\"]]",
                           "3/4");
  auto engine = exact_engine_make(m, 128);
  const double c[3] = {-2, 0.5, 3}, w[3] = {0.2, 0.5, 0.3}, var = 0.75, T = 0.8;
  const double et = std::exp(-T), vt = et * et * var + 1 - et * et, s = std::sqrt(1 - et * et);
  auto post = [&](double y, double scale, double v, int mask) {
    double num = 0, den = 0;
    for (int j = 0; j < 3; ++j) {
      double e = w[j] * std::exp(-(y - scale * c[j]) * (y - scale * c[j]) / (2 * v));
      den += e;
      if (mask >> j & 1) num += e;
    }
    return num / den;
  };
  const int init = 0b001, target = 0b011;
  const double wi = 0.2, wt = 0.7;
  double sum = 0, hx = 2e-3, hz = 2e-3;
  for (double x = -9; x <= 10; x += hx) {
    double p = 0;
    for (int j = 0; j < 3; ++j) p += w[j] * phi((x - c[j]) / std::sqrt(var)) / std::sqrt(var);
    double h = 0;
    for (double z = -8; z <= 8; z += hz) h += phi(z) * post(et * x + s * z, et, vt, init);
    h *= hz;
    sum += p * std::abs(h / wi - post(x, 1, var, target) / wt);
  }
  Estimate tv = engine->fr_tv(Subset({0}), Subset({0, 1}), TimePoint{ExactReal::from_double(T), false});
  EXPECT_EQ(tv.guarantee, Guarantee::estimated);
  EXPECT_NEAR(tv.value, sum * hx / 2, 1e-6);
}

// Quadrature crossings (TOMS 748 after a double-precision phase): the returned interval must be narrow and
// bracket the level, TV(lo) >= level >= TV(hi), by the engine's own forward TV at the working precision, and
// for collinear means agree with plain bisection.
TEST(GaussianThreeComponents, QuadratureCrossingBracketsTheLevel) {
  const std::vector<Model> models{
      gaussian_model("[\"1/2\", \"3/10\", \"1/5\"]", "[\"a\", \"b\", \"c\"]", 2,
                     "[[\"0\", \"0\"], [\"3\", \"0\"], [\"1\", \"2\"]]", "1"),
      gaussian_model("[\"1/5\", \"1/2\", \"3/10\"]", "[\"a\", \"b\", \"c\"]", 1,
                     "[[\"-2\"], [\"0.5\"], [\"3\"]]", "3/4")};
  for (const Model& m : models) {
    auto engine = exact_engine_make(m, 128);
    BallPrecisionScope scope(128);
    const Subset a({0}), b({1, 2});  // three atoms carry p^A − p^B: no closed form
    const double tv0 = engine->forward_tv(a, b, at("0")).value;
    for (double frac : {0.9, 0.3, 0.01}) {
      const Ball level = Ball(tv0 * frac);
      auto cr = engine->forward_tv_crossing(a, b, level);
      ASSERT_TRUE(cr.has_value());
      EXPECT_EQ(cr->guarantee, Guarantee::estimated);
      EXPECT_LT(cr->hi - cr->lo, 1e-12 * std::max(1.0, cr->value));
      const Estimate at_lo = engine->forward_tv(a, b, TimePoint{ExactReal::from_double(cr->lo), false});
      const Estimate at_hi = engine->forward_tv(a, b, TimePoint{ExactReal::from_double(cr->hi), false});
      EXPECT_GE(at_lo.hi, level.mid()) << frac;
      EXPECT_LE(at_hi.lo, level.mid()) << frac;
      if (&m == &models[1]) {  // collinear: erf sums are cheap, so bisect independently as well
        double lo = 0, hi = 50;
        for (int it = 0; it < 200 && hi - lo > 1e-14; ++it) {
          const double mid = (lo + hi) / 2;
          const bool above = engine->forward_tv(a, b, TimePoint{ExactReal::from_double(mid), false}).value >= level.mid();
          (above ? lo : hi) = mid;
        }
        EXPECT_NEAR(cr->value, (lo + hi) / 2, 1e-12) << frac;
      }
    }
  }
}

TEST(GaussianThreeComponents, FourNonCollinearComponentsAreRejected) {
  Model m = gaussian_model("[\"1/4\", \"1/4\", \"1/4\", \"1/4\"]", "[\"a\", \"b\", \"c\", \"d\"]", 2,
                           "[[\"0\", \"0\"], [\"1\", \"0\"], [\"0\", \"1\"], [\"1\", \"1\"]]", "1");
  try {
    exact_engine_make(m, 128);
    FAIL() << "expected InputError";
  } catch (const InputError& e) {
    EXPECT_EQ(e.field(), "components.means");
    EXPECT_NE(std::string(e.what()).find("Monte Carlo"), std::string::npos);
  }
}

}  // namespace
}  // namespace critwin
