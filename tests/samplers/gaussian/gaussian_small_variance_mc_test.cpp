// The reverse integrators at data variances far below the step size (issue 10: `sample --reverse ode
// --steps 200` on ±1 with σ² = 1e-5 at T̂ = ½ ln 2 returned 0.516). Two components ±1, weights ½, started
// at +, T̂ = ½ ln 2 so a = e^{−T̂} = 1/√2, v = a²σ² + 1 − a²:
// - ode: the flow is monotone in 1-D and odd, so it keeps the sign of Y_T̂ ~ N(a, v): retention Φ(a/√v)
//   (= Φ(1) ≈ 0.8413 at σ² = 0; the transport map, not p^{+,T̂});
// - jump, localize, sde: the law p^{+,T̂}; for σ² ≲ 1e-5 the output sits at an atom and retention is
//   E[P(+ | Y)] = E[σ(2aY/v)], Y ~ N(a, v) (≈ 0.7752 at σ² = 0, not Φ(1)). Both by Simpson below.
#include <gtest/gtest.h>

#include <cmath>
#include <string>

#include "model/model_file.hpp"
#include "samplers/experiment.hpp"
#include "../mc_test_support.hpp"

using namespace critwin;

namespace {

Model pm1(const std::string& variance) {
  return model_file_parse("name = \"pm1\"\n[mixture]\nweights = [\"1/2\", \"1/2\"]\nlabels = [\"plus\", \"minus\"]\n"
                          "[components]\nkind = \"gaussian\"\ndim = 1\nmeans = [[\"1\"], [\"-1\"]]\nvariance = \"" +
                          variance + "\"\n[process]\nkind = \"ou\"\n");
}

double ncdf(double z) { return 0.5 * std::erfc(-z / std::sqrt(2.0)); }

// E[σ(2aY/v)], Y ~ N(a, v), by Simpson on a ± 12√v.
double posterior_retention(double a, double v) {
  const int n = 20000;
  const double lo = a - 12 * std::sqrt(v), hi = a + 12 * std::sqrt(v), h = (hi - lo) / n;
  auto f = [&](double y) {
    return std::exp(-(y - a) * (y - a) / (2 * v)) / std::sqrt(2 * M_PI * v) / (1 + std::exp(-2 * a * y / v));
  };
  double acc = f(lo) + f(hi);
  for (int i = 1; i < n; ++i) acc += f(lo + i * h) * (i % 2 ? 4 : 2);
  return acc * h / 3;
}

TEST(GaussianSmallVarianceMc, OdeAndSdeCorrectForTinyAndZeroVariance) {
  const std::string t_hat = "0.34657359027997264";  // ½ ln 2
  const double a = std::sqrt(0.5);
  for (const char* var : {"1e-5", "1e-8", "0"}) {
    Model m = pm1(var);
    const double s2 = ExactReal::parse(var)->to_double(), v = a * a * s2 + 1 - a * a;
    const uint64_t n = 40000;
    LabelCounts ode = forward_reverse_run(m, test::spec(m, "plus", t_hat, ReverseKind::ode, 200), n, 11, 2);
    test::expect_in(ode.freq(0), ncdf(a / std::sqrt(v)), std::string("ode, variance ") + var);
    for (ReverseKind r : {ReverseKind::sde, ReverseKind::jump, ReverseKind::localize}) {
      LabelCounts c = forward_reverse_run(m, test::spec(m, "plus", t_hat, r, r == ReverseKind::sde ? 200 : r == ReverseKind::localize ? 10 : 0), n, 12, 2);
      test::expect_in(c.freq(0), posterior_retention(a, v),
                      std::string(reverse_kind_name(r)) + ", variance " + var);
    }
  }
}

// With σ² = 0 every reverse ends on an atom: the first coordinate of X' is ±1 exactly, so the sum of its
// squares equals the sample count.
TEST(GaussianSmallVarianceMc, PointMassesReturnTheExactAtom) {
  Model m = pm1("0");
  for (ReverseKind r : {ReverseKind::jump, ReverseKind::localize, ReverseKind::sde, ReverseKind::ode}) {
    const uint64_t n = 5000;
    LabelCounts c = forward_reverse_run(m, test::spec(m, "plus", "0.7", r, r == ReverseKind::jump ? 0 : 50), n, 5, 2);
    EXPECT_EQ(c.stat_sumsq, static_cast<double>(n)) << reverse_kind_name(r);
  }
  // T̂ = 0: X' = X.
  LabelCounts c0 = forward_reverse_run(m, test::spec(m, "plus", "0"), 1000, 5, 2);
  EXPECT_EQ(c0.counts[0], 1000u);
}

// Too few steps for the stated log-SNR step are reported; enough steps are not.
TEST(GaussianSmallVarianceMc, WarnsWhenStepsCannotReachTheStatedAccuracy) {
  Model m = pm1("1e-5");
  EXPECT_EQ(experiment_warnings(m, test::spec(m, "plus", "0.34657359027997264", ReverseKind::ode, 5)).size(), 1u);
  EXPECT_TRUE(experiment_warnings(m, test::spec(m, "plus", "0.34657359027997264", ReverseKind::ode, 200)).empty());
  EXPECT_TRUE(experiment_warnings(m, test::spec(m, "plus", "0.34657359027997264", ReverseKind::jump)).empty());
}

}  // namespace
