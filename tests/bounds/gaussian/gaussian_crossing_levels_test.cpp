// Crossing decisions at levels next to 1 or to the largest attainable TV (issue 10, "found by trying it"):
// T_start/T_end/T_before/T_after must be decided at the working precision (on the gap κ − TV, e.g. κ·erfc),
// never by rounding 1 − ε² or the TV to a double; every ε in (0, 1) gives a time or a null, never an error.
#include <gtest/gtest.h>

#include <cmath>

#include <boost/math/special_functions/erf.hpp>

#include "bounds/critical_window.hpp"
#include "bounds/engine_factory.hpp"
#include "bounds/theorem2_window.hpp"
#include "gaussian_test_models.hpp"

namespace critwin {
namespace {

using test::gaussian_model;

ExactReal ex(const char* s) { return *ExactReal::parse(s); }

// ±9, variance 1, ε = 1e-8. TV(p_t^+, p_t^−) = erf(9e^{−t}/√2), so T_start solves erfc(9e^{−t}/√2) = ε² = 1e-16:
// T_start = ln(9 / (√2 erfc⁻¹(1e-16))). Evaluated independently with mpmath at 40 digits
// (mp.log(9/(mp.sqrt(2)*mp.erfinv(1-mp.mpf('1e-16'))))) and by findroot on the erfc equation:
// 0.080392671426638447703779372...
TEST(GaussianCrossingLevels, TStartNextToOneIsDecidedAtEveryPrecision) {
  Model m = gaussian_model("[\"1/2\", \"1/2\"]", "[\"plus\", \"minus\"]", 1, "[[\"9\"], [\"-9\"]]", "1");
  const double truth = 0.080392671426638447703779372;
  for (long bits : {64L, 128L, 256L, 4096L}) {
    auto engine = exact_engine_make(m, bits);
    const Theorem2Window w = theorem2_window(*engine, Subset({0}), Subset({0}), ex("1e-8"));
    ASSERT_TRUE(w.t_start.has_value()) << bits;
    EXPECT_LE(w.t_start->lo, truth) << bits;
    EXPECT_GE(w.t_start->hi, truth) << bits;
    EXPECT_LT(w.t_start->width(), 1e-12) << bits;
    ASSERT_TRUE(w.t_end.has_value());
    EXPECT_EQ(w.t_end->value, 0);  // S_init = S_target
  }
}

// ε = 1e-30: TV(0) = 1 − erfc(9/√2) ≈ 1 − 2.3e-19 < 1 − 1e-60, so T_start is empty (null), not an error.
TEST(GaussianCrossingLevels, TStartEmptyWhenTheLevelIsAboveTvAtZero) {
  Model m = gaussian_model("[\"1/2\", \"1/2\"]", "[\"plus\", \"minus\"]", 1, "[[\"9\"], [\"-9\"]]", "1");
  auto engine = exact_engine_make(m, 128);
  const Theorem2Window w = theorem2_window(*engine, Subset({0}), Subset({0}), ex("1e-30"));
  EXPECT_FALSE(w.t_start.has_value());
}

// Three far-apart atoms 0, 40, 80 (weights 1/3, variance 1), ε = 1e-30, so 1 − ε² = 1 − 1e-60 is below
// the quadrature's 40-digit resolution. T_after solves gap(t) = 1e-60, gap = ∫ min(p_t^a, p_t^{b,c}) =
// Φ(−x*) + ½(Φ(x* − 40a) + Φ(x* − 80a)), a = e^{−t}, x* the one crossing of p_t^a and p_t^{b,c}.
// mpmath at 60 digits (findroot on log gap): 0.19733511761700617679715357...
TEST(GaussianCrossingLevels, ThreeAtomLevelBelowQuadratureResolution) {
  Model m = gaussian_model("[\"1/3\", \"1/3\", \"1/3\"]", "[\"a\", \"b\", \"c\"]", 1, "[[\"0\"], [\"40\"], [\"80\"]]", "1");
  auto engine = exact_engine_make(m, 128);
  const CriticalWindow cw = critical_window(*engine, Subset({0}), Subset({0, 1, 2}), ex("1e-30"));
  ASSERT_TRUE(cw.t_after.has_value());
  EXPECT_NEAR(cw.t_after->value, 0.19733511761700617679715357, 1e-12);
  EXPECT_LE(cw.t_after->lo, 0.19733511761700617679715357 + 1e-15);
  EXPECT_GE(cw.t_after->hi, 0.19733511761700617679715357 - 1e-15);
}

// T_before = inf{t : TV(p_t^{a}, p_t) <= ε} with S_before = Θ. TV(p_t^a, p_t) < 1 − w_a for every t
// (the components overlap), so ε >= 1 − w_a gives T_before = 0 — including the tie ε = 1 − w_a,
// which at ±16 (TV(0) = ½ − ½ erfc(16/√2) ≈ ½ − 1e-57) no finite enclosure of TV can separate from ε.
TEST(GaussianCrossingLevels, LevelAtTheSupremumGivesZeroNotAnError) {
  Model two = gaussian_model("[\"1/2\", \"1/2\"]", "[\"plus\", \"minus\"]", 1, "[[\"16\"], [\"-16\"]]", "1");
  auto e2 = exact_engine_make(two, 128);
  const CriticalWindow cw = critical_window(*e2, Subset({0}), Subset({0, 1}), ex("0.5"));
  ASSERT_TRUE(cw.t_before.has_value());
  EXPECT_EQ(cw.t_before->value, 0);
  // T_after: erf(16e^{−t}/√2) = 3/4, i.e. t = ln(16/(√2 erf⁻¹(3/4))); mpmath: 2.6325230169826227907...
  ASSERT_TRUE(cw.t_after.has_value());
  EXPECT_NEAR(cw.t_after->value, 2.6325230169826227907, 1e-13);

  Model three = gaussian_model("[\"1/3\", \"1/3\", \"1/3\"]", "[\"a\", \"b\", \"c\"]", 1, "[[\"0\"], [\"40\"], [\"80\"]]", "1");
  auto e3 = exact_engine_make(three, 128);
  const CriticalWindow c3 = critical_window(*e3, Subset({0}), Subset({0, 1, 2}), ex("2/3"));
  ASSERT_TRUE(c3.t_before.has_value());
  EXPECT_EQ(c3.t_before->value, 0);
}

// Two components ±m (variance 1, weights ½): closed forms in double via Boost's erf_inv/erfc_inv
// (independent of the Arb path): T_after = ln(m/(√2 erfc⁻¹(ε²))) if positive (else null: TV(0) < 1 − ε²),
// T_before = 0 if ε >= ½, else max(0, ln(m/(√2 erf⁻¹(2ε)))).
TEST(GaussianCrossingLevels, EpsGridTwoComponentsMatchesClosedForms) {
  for (const char* mtext : {"1", "9", "16"}) {
    const double mm = std::atof(mtext);
    Model m = gaussian_model("[\"1/2\", \"1/2\"]", "[\"plus\", \"minus\"]", 1,
                             std::string("[[\"") + mtext + "\"], [\"-" + mtext + "\"]]", "1");
    auto engine = exact_engine_make(m, 128);
    for (const char* e : {"1e-12", "1e-8", "1e-3", "0.1", "0.3", "0.4999", "0.5", "0.5001", "0.7", "0.9", "0.999999"}) {
      const double eps = std::atof(e);
      SCOPED_TRACE(std::string("m = ") + mtext + ", eps = " + e);
      CriticalWindow cw;
      ASSERT_NO_THROW(cw = critical_window(*engine, Subset({0}), Subset({0, 1}), ex(e)));
      const double ta = std::log(mm / (std::sqrt(2.0) * boost::math::erfc_inv(eps * eps)));
      if (ta > 1e-9) {
        ASSERT_TRUE(cw.t_after.has_value());
        EXPECT_NEAR(cw.t_after->value, ta, 1e-9 * std::max(1.0, ta));
      } else if (ta < -1e-9) {
        EXPECT_FALSE(cw.t_after.has_value());
      }
      ASSERT_TRUE(cw.t_before.has_value());
      const double tb = eps >= 0.5 ? 0.0 : std::max(0.0, std::log(mm / (std::sqrt(2.0) * boost::math::erf_inv(2 * eps))));
      EXPECT_NEAR(cw.t_before->value, tb, 1e-9 * std::max(1.0, tb));
      Theorem2Window w;
      ASSERT_NO_THROW(w = theorem2_window(*engine, Subset({0}), Subset({0}), ex(e)));
    }
  }
}

// Three-component models (collinear, plane, far apart): every ε in the grid gives times or nulls, and the
// returned endpoints satisfy the defining conditions on both sides of their brackets.
TEST(GaussianCrossingLevels, EpsGridThreeComponentsNeverErrs) {
  const std::string dir = std::string(CRITWIN_SOURCE_DIR) + "/examples/";
  std::vector<Model> models{model_file_load(dir + "gaussians_three_line.toml"), model_file_load(dir + "gaussians_three_plane.toml"),
                            gaussian_model("[\"1/3\", \"1/3\", \"1/3\"]", "[\"a\", \"b\", \"c\"]", 1,
                                           "[[\"0\"], [\"40\"], [\"80\"]]", "1")};
  for (const Model& m : models) {
    auto engine = exact_engine_make(m, 128);
    for (const char* e : {"1e-6", "0.2", "1/3", "0.5", "2/3", "0.95"}) {
      SCOPED_TRACE(m.name + ", eps = " + e);
      for (int s = 0; s < 3; ++s) {
        CriticalWindow cw;
        ASSERT_NO_THROW(cw = critical_window(*engine, Subset({s}), Subset({0, 1, 2}), ex(e)));
        const double eps = ex(e).to_double();
        // S_before = Θ: T_before always exists; above it TV(p_t^s, p_t) <= ε.
        ASSERT_TRUE(cw.t_before.has_value());
        const Estimate above = engine->forward_tv(Subset({s}), Subset({0, 1, 2}),
                                                  TimePoint{ExactReal::from_double(cw.t_before->hi + 1e-9), false});
        EXPECT_LE(above.lo, eps + 1e-12);
        if (cw.t_before->lo > 1e-9) {
          const Estimate below = engine->forward_tv(Subset({s}), Subset({0, 1, 2}),
                                                    TimePoint{ExactReal::from_double(cw.t_before->lo - 1e-6), false});
          EXPECT_GE(below.hi, eps - 1e-12);
        }
        ASSERT_NO_THROW(theorem2_window(*engine, Subset({s}), Subset({s}), ex(e)));
      }
    }
  }
}

}  // namespace
}  // namespace critwin
