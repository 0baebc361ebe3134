// Forward–reverse TV for three Gaussians whose means span a plane. The algorithm (Λ table on the second
// noise axis, trapezoidal sum on the first, line integrals split at the sign changes of D) is checked
// against: an independent representation of Λ; the line algorithm on collinear atoms; itself under
// relabelling of the atoms, which changes the span coordinates and which atom carries Λ; a brute-force
// nested sum; and its limits T̂ → 0 and T̂ → ∞.
#include <gtest/gtest.h>

#include <cmath>
#include <random>

#include <boost/math/quadrature/tanh_sinh.hpp>
#include <tbb/global_control.h>

#include "bounds/engine_factory.hpp"
#include "bounds/gaussian/gaussian_fr_tv.hpp"
#include "bounds/gaussian/gaussian_plane_fr_tv.hpp"
#include "bounds/numerics/logistic_normal.hpp"
#include "gaussian_test_models.hpp"

namespace critwin {
namespace {

using test::at;
using test::gaussian_model;

double norm_cdf(double x) { return std::erfc(-x / std::sqrt(2.0)) / 2; }
double norm_pdf(double x) { return std::exp(-x * x / 2) / std::sqrt(2 * M_PI); }

// Λ_γ(α) = P(α + γZ + L > 0) with L standard logistic = E_L[Φ((α + L)/γ)] = ∫₀¹ Φ((α + logit u)/γ) du:
// a different integrand, a different rule. Derivatives likewise under the integral sign.
TEST(LogisticNormal, DirectMatchesLogisticRepresentation) {
  boost::math::quadrature::tanh_sinh<double> ts;
  for (double gamma : {0.3, 1.0, 2.5, 8.0}) {
    for (double alpha : {-30.0, -5.0, -1.0, 0.0, 0.7, 3.0, 12.0}) {
      auto u_to = [&](auto g) {
        return [&, g](double u) {
          const double r = (alpha + std::log(u / (1 - u))) / gamma;
          return g(r);
        };
      };
      const double v = ts.integrate(u_to([](double r) { return norm_cdf(r); }), 0.0, 1.0);
      const double d1 = ts.integrate(u_to([&](double r) { return norm_pdf(r) / gamma; }), 0.0, 1.0);
      const double d2 = ts.integrate(u_to([&](double r) { return -r * norm_pdf(r) / (gamma * gamma); }), 0.0, 1.0);
      const auto direct = gauss::logistic_normal_direct(alpha, gamma);
      SCOPED_TRACE(::testing::Message() << "gamma=" << gamma << " alpha=" << alpha);
      EXPECT_NEAR(direct.value, v, 1e-15 + 1e-13 * v);
      EXPECT_NEAR(direct.d1, d1, 1e-15 + 1e-13 * d1);
      EXPECT_NEAR(direct.d2, d2, 1e-15 + 1e-12 * std::abs(d2));
    }
  }
}

TEST(LogisticNormal, TableWithinItsBound) {
  std::mt19937_64 rng(7);
  std::uniform_real_distribution<double> u(-80, 80);
  for (double gamma : {0.0, 0.4, 3.0, 9.0}) {
    gauss::LogisticNormalTable table(gamma);
    for (int i = 0; i < 2000; ++i) {
      const double alpha = u(rng);
      ASSERT_NEAR(table(alpha), gauss::logistic_normal_direct(alpha, gamma).value,
                  gauss::LogisticNormalTable::error_bound())
          << "gamma=" << gamma << " alpha=" << alpha;
    }
    EXPECT_NEAR(table(0), 0.5, gauss::LogisticNormalTable::error_bound());  // Λ(0) = ½ by symmetry
  }
}

// With all three atoms on the first axis (γ = 0, Λ = σ) the plane algorithm must reproduce the line
// algorithm, which finds the sign changes of D in one dimension and integrates over Y instead.
TEST(GaussianPlaneFrTv, CollinearAtomsMatchLineAlgorithm) {
  struct Case { std::array<double, 3> x, w, si, st; double var, t; };
  const Case cases[] = {
      {{0, 2.5, 5}, {0.5, 0.3, 0.2}, {0.5, 0, 0}, {0.5, 0.3, 0}, 1.0, 0.8},
      {{0, 4, -3}, {0.2, 0.5, 0.3}, {0, 0.5, 0}, {0, 0.5, 0}, 0.5, 1.7},
      {{0, -1, 6}, {0.25, 0.25, 0.5}, {0.25, 0.25, 0}, {0.25, 0.25, 0.5}, 2.0, 0.3},
  };
  for (const Case& c : cases) {
    gauss::PlaneMixture pm;
    gauss::LineMixture<gauss::Mp40> lm;
    std::vector<gauss::Mp40> si, st;
    for (int j = 0; j < 3; ++j) {
      pm.c[j] = {c.x[j], 0};
      pm.w[j] = c.w[j];
      lm.c.emplace_back(c.x[j]);
      lm.w.emplace_back(c.w[j]);
      si.emplace_back(c.si[j]);
      st.emplace_back(c.st[j]);
    }
    pm.variance = c.var;
    lm.variance = c.var;
    const auto plane = gauss::plane_fr_tv(pm, c.si, c.st, std::exp(-c.t));
    const auto line = gauss::line_fr_tv(lm, si, st, gauss::Mp40(std::exp(-c.t)));
    const double lv = line.value.convert_to<double>();
    SCOPED_TRACE(::testing::Message() << "t=" << c.t << " plane " << plane.value << " ± " << plane.error
                                      << ", line " << lv);
    EXPECT_LT(plane.error, 1e-10);
    EXPECT_NEAR(plane.value, lv, plane.error + line.error.convert_to<double>() + 1e-15);
  }
}

// The same mixture written with its components in three orders. Each order puts a different atom at the
// origin and a different one on the Λ axis, so the three computations share no intermediate values.
TEST(GaussianPlaneFrTv, RelabellingAtomsChangesNothing) {
  const char* orders[3][3] = {{"0", "1", "2"}, {"2", "0", "1"}, {"1", "2", "0"}};
  const char* mean[3] = {"[\"0\", \"0\"]", "[\"3\", \"0\"]", "[\"1\", \"2\"]"};
  const char* weight[3] = {"\"1/2\"", "\"3/10\"", "\"1/5\""};
  const char* label[3] = {"\"a\"", "\"b\"", "\"c\""};
  std::vector<Model> models;
  for (auto& o : orders) {
    std::string w = "[", l = "[", m = "[";
    for (int j = 0; j < 3; ++j) {
      const int k = std::stoi(o[j]);
      w += std::string(j ? ", " : "") + weight[k];
      l += std::string(j ? ", " : "") + label[k];
      m += std::string(j ? ", " : "") + mean[k];
    }
    models.push_back(gaussian_model(w + "]", l + "]", 2, m + "]", "1"));
  }
  struct Query { const char* si; const char* st; const char* t; };
  for (const Query& q : {Query{"a", "a", "3/10"}, Query{"c", "a,c", "1"}, Query{"b,c", "b,c", "2"}}) {
    std::vector<Estimate> tv;
    for (const Model& m : models) {
      auto engine = exact_engine_make(m, 128);
      tv.push_back(engine->fr_tv(Subset::parse(q.si, m, "s_init"), Subset::parse(q.st, m, "s_target"), at(q.t)));
      EXPECT_EQ(tv.back().guarantee, Guarantee::estimated);
      EXPECT_LT(tv.back().width(), 1e-10);
    }
    for (std::size_t i = 1; i < tv.size(); ++i)
      EXPECT_NEAR(tv[i].value, tv[0].value, (tv[i].width() + tv[0].width()) / 2)
          << q.si << " -> " << q.st << " at " << q.t << ": order " << i;
  }
}

// Brute force straight from THEORY.md §1 on examples/gaussians_three_plane.toml: ½ Σ_x p(x)|D(x)| h² on a
// midpoint grid, with E[P(S_init | Y) | X = x] by a 2-D midpoint sum over the noise (spectrally accurate
// for this smooth Gaussian integrand at step 1/2).
TEST(GaussianPlaneFrTv, MatchesBruteForceNestedSum) {
  const double c[3][2] = {{0, 0}, {3, 0}, {1, 2}}, w[3] = {0.5, 0.3, 0.2}, T = 0.8;
  const double et = std::exp(-T), s = std::sqrt(1 - et * et);  // variance 1: Var(Y_T | θ) = 1
  auto posterior = [&](double y1, double y2, double scale, int mask) {
    double num = 0, den = 0;
    for (int j = 0; j < 3; ++j) {
      const double d1 = y1 - scale * c[j][0], d2 = y2 - scale * c[j][1];
      const double e = w[j] * std::exp(-(d1 * d1 + d2 * d2) / 2);
      den += e;
      if (mask >> j & 1) num += e;
    }
    return num / den;
  };
  const int init = 0b001, target = 0b011;
  const double w_init = 0.5, w_target = 0.8;
  std::vector<double> zs, zw;
  for (double z = -7.75; z <= 7.75; z += 0.5) {
    zs.push_back(z);
    zw.push_back(0.5 * norm_pdf(z));
  }
  const double h = 0.05;
  double sum = 0;
  for (double x1 = -7 + h / 2; x1 < 10; x1 += h)
    for (double x2 = -7 + h / 2; x2 < 9; x2 += h) {
      double p = 0;
      for (int j = 0; j < 3; ++j) p += w[j] * norm_pdf(x1 - c[j][0]) * norm_pdf(x2 - c[j][1]);
      double g = 0;
      for (std::size_t a = 0; a < zs.size(); ++a)
        for (std::size_t b = 0; b < zs.size(); ++b)
          g += zw[a] * zw[b] * posterior(et * x1 + s * zs[a], et * x2 + s * zs[b], et, init);
      sum += p * std::abs(g / w_init - posterior(x1, x2, 1, target) / w_target);
    }
  const double brute = sum * h * h / 2;
  Model m = model_file_load(std::string(CRITWIN_SOURCE_DIR) + "/examples/gaussians_three_plane.toml");
  Estimate tv = exact_engine_make(m, 128)->fr_tv(Subset({0}), Subset({0, 1}), TimePoint{ExactReal::from_double(T), false});
  // The grid sum is off by about 1e-6 here (O(h²) from the kinks of |D| along D = 0).
  EXPECT_NEAR(tv.value, brute, 5e-6);
}

TEST(GaussianPlaneFrTv, Limits) {
  Model m = model_file_load(std::string(CRITWIN_SOURCE_DIR) + "/examples/gaussians_three_plane.toml");
  auto engine = exact_engine_make(m, 128);
  const Subset a({0}), ab({0, 1}), c({2});
  for (auto [si, st] : {std::pair{a, a}, std::pair{a, ab}, std::pair{c, Subset::all(3)}}) {
    // T̂ → ∞: X' ~ p whatever S_init, so the TV tends to TV(p, p^{S_target}).
    EXPECT_NEAR(engine->fr_tv(si, st, at("30")).value, engine->forward_tv(Subset::all(3), st, at("0")).value, 1e-10);
    // T̂ → 0: X' = X, so the TV tends to TV(p^{S_init}, p^{S_target}); at T̂ = 1e-4 it is within 1e-4.
    const double near0 = engine->fr_tv(si, st, at("1/10000")).value;
    EXPECT_NEAR(near0, engine->forward_tv(si, st, at("0")).value, 5e-4);
  }
}

// Lines of the outer integral run in parallel; the value must not depend on the thread count.
TEST(GaussianPlaneFrTv, ThreadCountDoesNotChangeTheValue) {
  gauss::PlaneMixture m{{{{0, 0}, {3, 0}, {1, 2}}}, {0.5, 0.3, 0.2}, 1.0};
  const std::array<double, 3> si{0, 0.3, 0}, st{0, 0.3, 0.2};
  gauss::Value<double> one, many;
  {
    tbb::global_control c(tbb::global_control::max_allowed_parallelism, 1);
    one = gauss::plane_fr_tv(m, si, st, std::exp(-0.6));
  }
  {
    tbb::global_control c(tbb::global_control::max_allowed_parallelism, 8);
    many = gauss::plane_fr_tv(m, si, st, std::exp(-0.6));
  }
  EXPECT_EQ(one.value, many.value);
  EXPECT_EQ(one.error, many.error);
}

}  // namespace
}  // namespace critwin
