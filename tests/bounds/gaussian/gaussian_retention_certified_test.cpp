// Certified Gaussian retention (Arb's rigorous integration, gaussian_retention_certified.hpp) against the
// two tanh-sinh quadrature paths of gaussian_retention.hpp, which share none of its code: the double path
// within its stated error, the 133-bit MPFR path within its (much smaller) stated error; on E1 (±8) and a
// 3-atom collinear model with unequal weights, for T̂ in {0, 1/64, 1, 6, 30, ∞}; enclosure widths ≤ 2^-120
// relative at 128 bits; the engine reports the rows as certified.
#include <gtest/gtest.h>

#include <cmath>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "bounds/engine_factory.hpp"
#include "bounds/gaussian/gaussian_retention.hpp"
#include "bounds/gaussian/gaussian_retention_certified.hpp"
#include "bounds/gaussian/gaussian_span.hpp"
#include "gaussian_test_models.hpp"
#include "model/exact_real.hpp"

namespace critwin {
namespace {

using gauss::Mp40;

// A line model given by decimal strings (exact rationals), so the ball, double and MPFR inputs are the
// correctly rounded images of the same numbers.
struct LineCase {
  std::string name;
  std::vector<std::string> c, w, s, clone, best_w;
  std::vector<bool> label_in_s;
  std::string variance;
};

ExactReal q(const std::string& x) { return *ExactReal::parse(x); }

gauss::LineRetentionBalls balls_of(const LineCase& lc) {
  gauss::LineRetentionBalls m;
  for (std::size_t j = 0; j < lc.c.size(); ++j) {
    m.c.push_back(q(lc.c[j]).ball());
    m.w.push_back(q(lc.w[j]).ball());
    m.s.push_back(q(lc.s[j]).ball());
    m.clone.push_back(q(lc.clone[j]).ball());
    m.best_w.push_back(q(lc.best_w[j]).ball());
  }
  m.label_in_s = lc.label_in_s;
  m.variance = q(lc.variance).ball();
  return m;
}

template <class Real>
gauss::LineRetentionModel<Real> reals_of(const LineCase& lc) {
  gauss::LineRetentionModel<Real> m;
  for (std::size_t j = 0; j < lc.c.size(); ++j) {
    m.c.push_back(real_of<Real>(q(lc.c[j])));
    m.w.push_back(real_of<Real>(q(lc.w[j])));
    m.s.push_back(real_of<Real>(q(lc.s[j])));
    m.clone.push_back(real_of<Real>(q(lc.clone[j])));
    m.best_w.push_back(real_of<Real>(q(lc.best_w[j])));
  }
  m.label_in_s = lc.label_in_s;
  m.variance = real_of<Real>(q(lc.variance));
  return m;
}

std::vector<LineCase> cases() {
  return {
      // E1: ½N(+8, 1) + ½N(−8, 1), S = {+8}.
      {"e1", {"8", "-8"}, {"1/2", "1/2"}, {"1/2", "0"}, {"1", "1"}, {"1/2", "1/2"}, {true, false}, "1"},
      // Three atoms, unequal weights, σ² = 3/2; S = {atom 0, atom 2}; atom 1 carries two components
      // (weights 1/10 and 1/10: clone = 1/2, label = the lower index, outside S).
      {"three", {"-3", "1/2", "4"}, {"1/2", "1/5", "3/10"}, {"1/2", "0", "3/10"}, {"1", "1/2", "1"},
       {"1/2", "1/10", "3/10"}, {true, false, true}, "3/2"},
      // Same atoms with S = {atom 1} only (a middle label interval: two breakpoints).
      {"three-middle", {"-3", "1/2", "4"}, {"1/2", "1/5", "3/10"}, {"0", "1/5", "0"}, {"1", "1/2", "1"},
       {"1/2", "1/10", "3/10"}, {false, true, false}, "3/2"},
  };
}

const std::vector<std::string> kTimes{"0", "1/64", "1", "6", "30"};

TEST(GaussianRetentionCertified, AgreesWithBothQuadraturePathsAndIsNarrow) {
  BallPrecisionScope scope(160);
  for (const auto& lc : cases()) {
    std::vector<gauss::RetentionTime> ts;
    std::vector<double> ets_d;
    std::vector<Mp40> ets_mp;
    for (const auto& t : kTimes) {
      gauss::RetentionTime rt;
      rt.zero = t == "0";
      rt.et = exp(-q(t).ball());
      ts.push_back(rt);
      ets_d.push_back(std::exp(-q(t).to_double()));
      ets_mp.push_back(rt.zero ? Mp40(1) : Mp40(exp(-real_of<Mp40>(q(t)))));
    }
    ts.push_back(gauss::RetentionTime{Ball(0), false, true});
    ets_d.push_back(0);
    ets_mp.push_back(Mp40(0));

    const auto cert = gauss::line_retention_certified(balls_of(lc), ts, 128);
    ASSERT_TRUE(cert.has_value()) << lc.name;
    const auto dbl = gauss::line_retention(reals_of<double>(lc), ets_d);
    const auto mp = gauss::line_retention(reals_of<Mp40>(lc), ets_mp);
    for (std::size_t i = 0; i < ts.size(); ++i) {
      const std::string where = fmt::format("{} T̂ = {}", lc.name, i < kTimes.size() ? kTimes[i] : "inf");
      const auto& r = (*cert)[i];
      EXPECT_TRUE(r.converged) << where;
      const Ball* got[3] = {&r.latent, &r.label, &r.cloning};
      const gauss::Value<double>* d[3] = {&dbl[i].latent, &dbl[i].label, &dbl[i].cloning};
      const gauss::Value<Mp40>* h[3] = {&mp[i].latent, &mp[i].label, &mp[i].cloning};
      const char* names[3] = {"latent", "label", "cloning"};
      for (int k = 0; k < 3; ++k) {
        const Ball& b = *got[k];
        // Width <= 2^-120 relative (the values are probabilities >= w_S² here, far from 0).
        EXPECT_TRUE((Ball(2) * Ball(b.rad())).certainly_le(abs(b) * pow(Ball(2), -120L)))
            << where << " " << names[k] << " " << b.to_string(45);
        // The double path within its stated error (plus the rounding of its value).
        EXPECT_NEAR(b.mid(), d[k]->value, d[k]->error + 1e-16) << where << " " << names[k];
        // The 133-bit path within its stated error estimate.
        const Ball hv = Ball::parse(h[k]->value.str(45, std::ios_base::scientific));
        const Ball he = Ball::parse(h[k]->error.str(5, std::ios_base::scientific));
        EXPECT_TRUE(abs(b - hv).certainly_le(he + Ball(b.rad()) + pow(Ball(2), -130L)))
            << where << " " << names[k] << " certified " << b.to_string(45) << " mpfr " << h[k]->value.str(45)
            << " ± " << h[k]->error.str(3);
      }
    }
  }
}

// The two certified methods share only the model setup and the label partition: the trapezoidal rule
// with an analytic strip bound, and Arb's adaptive Gauss–Legendre with complex-ball error bounds on split
// pieces. Their enclosures must overlap.
TEST(GaussianRetentionCertified, TrapezoidAndGaussLegendreEnclosuresOverlap) {
  BallPrecisionScope scope(160);
  for (const auto& lc : {cases()[1], cases()[2]}) {
    std::vector<gauss::RetentionTime> ts;
    for (const char* t : {"1/10", "3/2"}) ts.push_back(gauss::RetentionTime{exp(-q(t).ball()), false, false});
    const auto trap = gauss::line_retention_certified(balls_of(lc), ts, 128, gauss::RetentionMethod::trapezoid);
    const auto gl = gauss::line_retention_certified(balls_of(lc), ts, 128, gauss::RetentionMethod::gauss_legendre);
    ASSERT_TRUE(trap && gl);
    for (std::size_t i = 0; i < ts.size(); ++i) {
      EXPECT_TRUE((*gl)[i].converged) << lc.name << i;
      EXPECT_TRUE((*trap)[i].latent.overlaps((*gl)[i].latent)) << lc.name << i;
      EXPECT_TRUE((*trap)[i].label.overlaps((*gl)[i].label)) << lc.name << i;
      EXPECT_TRUE((*trap)[i].cloning.overlaps((*gl)[i].cloning)) << lc.name << i;
      EXPECT_LT((*gl)[i].latent.rad(), std::ldexp(1.0, -120)) << lc.name << i;
    }
  }
}

// A T̂ whose trapezoidal rule would be too long is skipped, not answered wrongly.
TEST(GaussianRetentionCertified, SkipsTimesBeyondTheNodeBudget) {
  BallPrecisionScope scope(160);
  std::vector<gauss::RetentionTime> ts{gauss::RetentionTime{exp(-q("1/10").ball()), false, false},
                                       gauss::RetentionTime{exp(-q("5").ball()), false, false}};
  const auto r = gauss::line_retention_certified(balls_of(cases()[0]), ts, 128, gauss::RetentionMethod::trapezoid, 1000);
  ASSERT_TRUE(r);
  EXPECT_FALSE((*r)[0].available);  // E1 near T̂ = 0 needs about 4000 nodes
  EXPECT_TRUE((*r)[1].available);
}

TEST(GaussianRetentionCertified, EngineRowsAreCertifiedAt128Bits) {
  const Model e1 = model_file_load(std::string(CRITWIN_SOURCE_DIR) + "/examples/e1_two_gaussians.toml");
  const auto engine = exact_engine_make(e1, 128);
  for (const char* t : {"0", "1/10", "2", "40"}) {
    const auto r = engine->retention(Subset({0}), test::at(t));
    for (const Estimate* e : {&r.latent, &r.label, &r.cloning}) {
      EXPECT_EQ(e->guarantee, Guarantee::certified) << t;
      EXPECT_EQ(e->precision_bits, 128) << t;
      EXPECT_LE(e->hi - e->lo, 4 * std::ldexp(e->value, -52)) << t;  // as narrow as doubles can show
    }
  }
  EXPECT_EQ(engine->retention(Subset({0}), TimePoint::inf()).latent.guarantee, Guarantee::exact);  // w_S = 1/2
}

}  // namespace
}  // namespace critwin
