// The papers' closed forms as transcribed, evaluated independently in long double; and the exact
// Definition-4 windows of E1 and E5 against independent computations from the definitions.
#include <gtest/gtest.h>

#include <cmath>
#include <limits>

#include "bounds/engine_factory.hpp"
#include "bounds/critical_window.hpp"
#include "bounds/paper/paper_closed_forms.hpp"
#include "bounds/paper/paper_example.hpp"
#include "model/model_file.hpp"

using namespace critwin;

namespace {
ExactReal R(const char* s) { return *ExactReal::parse(s); }

void expect_encloses(const std::optional<Estimate>& e, long double x, long double tol = 1e-15L) {
  ASSERT_TRUE(e.has_value());
  EXPECT_LE(e->lo, static_cast<double>(x + tol * (1 + fabsl(x))));
  EXPECT_GE(e->hi, static_cast<double>(x - tol * (1 + fabsl(x))));
  // Certified and tight at 128 bits: the double bracket is the outward rounding, a few ulps wide.
  EXPECT_LE(e->hi - e->lo, 4 * std::numeric_limits<double>::epsilon() * (1 + std::fabs(e->value)));
}

// Bisection on a decreasing function for f(t) = level, in long double.
long double solve_decreasing(long double lo, long double hi, long double level, long double (*f)(long double)) {
  for (int i = 0; i < 200; ++i) {
    long double mid = (lo + hi) / 2;
    (f(mid) >= level ? lo : hi) = mid;
  }
  return (lo + hi) / 2;
}
}  // namespace

TEST(PaperClosedForms, TranscriptionMatchesTheFormulas) {
  BallPrecisionScope scope(128);
  for (const char* e : {"0.2", "0.1", "0.01"}) {
    const long double eps = std::stold(e);
    PaperWindow e1 = paper_e1_window(R("64"), R(e));
    expect_encloses(e1.t_before, logl(8) + logl(2) + logl(1 / eps));
    expect_encloses(e1.t_after, logl(8) - logl(logl(1 / (2 * eps * eps))));
    PaperWindow e3 = paper_e3_window(20, R(e));
    expect_encloses(e3.t_before, powl(1 - eps, 1.0L / 20));
    expect_encloses(e3.t_after, powl(eps * eps, 1.0L / 20));
    PaperWindow e5 = paper_e5_window(600, R("0.1"), R(e));
    expect_encloses(e5.t_before, 600 - eps * eps / 0.01L + 2, 1e-14L);
    expect_encloses(e5.t_after, 600 - logl(2 / (eps * eps)) / (2 * 0.01L), 1e-14L);
    // E2 with distances 2, 3, 5 from component 0 among K = 4.
    PaperWindow e2 = paper_e2_window({R("0"), R("4"), R("9"), R("25")}, 0, R(e));
    expect_encloses(e2.t_before, logl(5) + logl(1 / eps));
    expect_encloses(e2.t_after, logl(2) - 0.5L * logl(8 * logl(4 / eps)));
  }
  // E1's T_after is undefined for eps >= 1/sqrt 2.
  EXPECT_FALSE(paper_e1_window(R("64"), R("0.75")).t_after.has_value());
  EXPECT_TRUE(paper_e5_eps_hypothesis(R("0.1"), R("0.01")));   // 1e-4 < 2.4e-4
  EXPECT_FALSE(paper_e5_eps_hypothesis(R("0.1"), R("0.02")));  // 4e-4 > 2.4e-4
}

TEST(PaperClosedForms, ExamplesAreRecognized) {
  auto e1 = paper_example_match(model_file_load(std::string(CRITWIN_SOURCE_DIR) + "/examples/e1_two_gaussians.toml"));
  ASSERT_TRUE(e1);
  EXPECT_EQ(e1->id, "E1");
  EXPECT_TRUE(e1->m_squared == R("64"));
  auto e3 = paper_example_match(model_file_load(std::string(CRITWIN_SOURCE_DIR) + "/examples/e3_two_strings.toml"));
  ASSERT_TRUE(e3);
  EXPECT_EQ(e3->d_hamming, 20);
  auto e5 = paper_example_match(model_file_load(std::string(CRITWIN_SOURCE_DIR) + "/examples/e5_coins.toml"));
  ASSERT_TRUE(e5);
  EXPECT_TRUE(e5->delta == R("1/10"));
}

namespace {
long double e1_tv(long double t) { return erfl(8 * expl(-t) / sqrtl(2)); }
long double e1_tv_half(long double t) { return erfl(8 * expl(-t) / sqrtl(2)) / 2; }

// TV between Bernoulli(p)^{⊗n} and Bernoulli(q)^{⊗n}, by the sum over counts in log space.
long double coin_tv(int n, long double p, long double q) {
  long double s = 0;
  for (int k = 0; k <= n; ++k) {
    long double lc = lgammal(n + 1) - lgammal(k + 1) - lgammal(n - k + 1);
    s += fabsl(expl(lc + k * logl(p) + (n - k) * logl(1 - p)) - expl(lc + k * logl(q) + (n - k) * logl(1 - q)));
  }
  return s / 2;
}
}  // namespace

TEST(PaperClosedForms, ExactE1WindowFromTheDefinition) {
  Model m = model_file_load(std::string(CRITWIN_SOURCE_DIR) + "/examples/e1_two_gaussians.toml");
  auto engine = exact_engine_make(m, 128);
  for (const char* e : {"0.2", "0.1", "0.01"}) {
    const long double eps = std::stold(e);
    CriticalWindow cw = critical_window(*engine, Subset({0}), Subset({0, 1}), R(e));
    ASSERT_TRUE(cw.t_after && cw.t_before);
    // T_after: erf(8 e^{-t}/√2) = 1 − ε²; T_before: ½ erf(8 e^{-t}/√2) = ε (the separation condition is void).
    long double ta = solve_decreasing(0, 10, 1 - eps * eps, e1_tv);
    long double tb = solve_decreasing(0, 10, eps, e1_tv_half);
    EXPECT_NEAR(cw.t_after->value, static_cast<double>(ta), 1e-12) << e;
    EXPECT_NEAR(cw.t_before->value, static_cast<double>(tb), 1e-12) << e;
  }
}

TEST(PaperClosedForms, ExactE5WindowFromTheDefinition) {
  Model m = model_file_load(std::string(CRITWIN_SOURCE_DIR) + "/examples/e5_coins.toml");
  auto engine = exact_engine_make(m, 128);
  for (const char* e : {"0.2", "0.1"}) {
    const long double eps = std::stold(e);
    CriticalWindow cw = critical_window(*engine, Subset({0}), Subset({0, 1}), R(e));
    // Definition 4 by linear scan over t with the long-double coin TV (n = 600 − t visible tokens).
    long t_after = -1, t_before = -1;
    for (int t = 0; t <= 600; ++t) {
      long double tv = coin_tv(600 - t, 0.6L, 0.4L);
      // Ties are real here (t = 598, eps = 0.1: TV/2 = 1/10 exactly); long double rounding must not break them.
      const long double tie = 1e-15L;
      if (tv >= 1 - eps * eps - tie) t_after = t;
      if (t_before < 0 && tv / 2 <= eps + tie) t_before = t;
    }
    ASSERT_TRUE(cw.t_after && cw.t_before);
    EXPECT_EQ(cw.t_after->value, t_after) << e;
    EXPECT_EQ(cw.t_before->value, t_before) << e;
  }
  CriticalWindow tie = critical_window(*engine, Subset({0}), Subset({0, 1}), R("0.1"));
  EXPECT_EQ(tie.t_before->value, 598);
}
