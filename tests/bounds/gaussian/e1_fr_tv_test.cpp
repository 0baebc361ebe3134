// E1's forward–reverse TV against an independent nested trapezoid sum in long double, across the whole
// range of T̂ (a symmetric model once made the engine miss the sign change at x = 0 and report 0).
#include <gtest/gtest.h>

#include <cmath>

#include "bounds/engine_factory.hpp"
#include "model/model_file.hpp"

using namespace critwin;

namespace {

// TV(p^{+,T̂}, p) for p = ½N(8,1) + ½N(−8,1): ½ ∫ p(x) |2 g(x) − 1| dx, g(x) = E[P(+ | Y) | X = x],
// Y | x ~ N(e^{-T̂} x, 1 − e^{-2T̂}), P(+ | y) = 1/(1 + exp(−16 e^{-T̂} y)).
long double e1_fr_tv_plus_vs_all(long double t) {
  const long double a = expl(-t), s = sqrtl(1 - a * a), pi = acosl(-1.0L);
  auto phi = [&](long double z) { return expl(-z * z / 2) / sqrtl(2 * pi); };
  const long double hx = 0.004L, hz = 0.01L;
  long double total = 0;
  for (long double x = -18; x <= 18; x += hx) {
    long double g = 0;
    for (long double z = -9; z <= 9; z += hz) g += phi(z) / (1 + expl(-16 * a * (a * x + s * z)));
    g *= hz;
    const long double px = (phi(x - 8) + phi(x + 8)) / 2;
    total += px * fabsl(2 * g - 1);
  }
  return total * hx / 2;
}

}  // namespace

TEST(E1FrTv, MatchesNestedSumAcrossTHat) {
  Model m = model_file_load(std::string(CRITWIN_SOURCE_DIR) + "/examples/e1_two_gaussians.toml");
  auto engine = exact_engine_make(m, 128);
  for (const char* t : {"0.5", "1.5", "2.5", "3", "4", "5.5"}) {
    const long double expect = e1_fr_tv_plus_vs_all(std::stold(t));
    Estimate tv = engine->fr_tv(Subset({0}), Subset({0, 1}), TimePoint{*ExactReal::parse(t), false});
    EXPECT_NEAR(tv.value, static_cast<double>(expect), 2e-6 * (1 + static_cast<double>(expect))) << "T̂ = " << t;
    EXPECT_GT(tv.value, 0) << "T̂ = " << t;  // S_init ≠ S_target: the experiment never returns p exactly
  }
}

// Means ±m far apart (m = 10^8, 10^30): each atom is a point on the scale of the other, so with a = m e^{-T̂}
// the posterior of + at Y ~ N(±a, 1) is logistic(2aY) and the output X' sits at +m with probability
// g = E[logistic(2a(a + Z))], else at −m. Hence TV(p^{+,T̂}, p) = |g − ½| and TV(p^{+,T̂}, p^+) = 1 − g, computed
// here by a trapezoid sum over Z. The engine once scanned for sign changes on a grid of step 2m/400 and
// integrated Y over the whole hull in one piece, and returned 0.32 ± 2e-6 instead of 0 at m = 10^8, T̂ = 2.
TEST(E1FrTv, MeansFarApartMatchTheTwoPointLimit) {
  for (const char* m_text : {"1e8", "1e30"}) {
    const std::string text = std::string("[mixture]\nweights = [\"1/2\", \"1/2\"]\nlabels = [\"plus\", \"minus\"]\n"
                                         "[components]\nkind = \"gaussian\"\ndim = 1\nmeans = [[\"") + m_text + "\"], [\"-" +
                             m_text + "\"]]\nvariance = \"1\"\n[process]\nkind = \"ou\"\n";
    Model model = model_file_parse(text, "far.toml");
    auto engine = exact_engine_make(model, 128);
    const long double m = std::stold(m_text), pi = acosl(-1.0L);
    // T̂ = 2: the atoms are still separated (g = 1 to all digits); then T̂ with a = m e^{-T̂} of order 1.
    const long double log_m = logl(m);
    for (long double t : {2.0L, floorl(log_m), floorl(log_m) + 2}) {
      const long double a = m * expl(-t);
      long double g = 0;
      const long double hz = 0.001L;
      for (long double z = -12; z <= 12; z += hz) g += expl(-z * z / 2) / sqrtl(2 * pi) / (1 + expl(-2 * a * (a + z)));
      g *= hz;
      const std::string t_text = std::to_string(static_cast<int>(t));
      const TimePoint tp{*ExactReal::parse(t_text), false};
      const Estimate all = engine->fr_tv(Subset({0}), Subset({0, 1}), tp);
      const Estimate same = engine->fr_tv(Subset({0}), Subset({0}), tp);
      EXPECT_NEAR(all.value, static_cast<double>(fabsl(g - 0.5L)), 1e-9) << "m = " << m_text << ", T̂ = " << t_text;
      EXPECT_NEAR(same.value, static_cast<double>(1 - g), 1e-9) << "m = " << m_text << ", T̂ = " << t_text;
      EXPECT_LT(all.hi - all.lo, 2e-9) << "m = " << m_text << ", T̂ = " << t_text;
      // Retention in the same limit: latent R = label R = cloning φ = g (Bayes: φ = Σ_θ w_θ E_θ P(θ | Y), symmetric).
      // The double-precision path lost the atoms the same way (R = 0.0196 at m = 1e8, T̂ = 2) and then node
      // positions to rounding (φ 1.1e-11 low with a stated 1e-12).
      const auto r = engine->retention(Subset({0}), tp);
      for (const Estimate& e : {r.latent, r.label, r.cloning}) {
        EXPECT_NEAR(e.value, static_cast<double>(g), 1e-9) << "m = " << m_text << ", T̂ = " << t_text;
        EXPECT_LE(e.lo, static_cast<double>(g) + 1e-15) << "m = " << m_text << ", T̂ = " << t_text;
        EXPECT_GE(e.hi, static_cast<double>(g) - 1e-15) << "m = " << m_text << ", T̂ = " << t_text;
      }
      EXPECT_LT(same.hi - same.lo, 2e-9) << "m = " << m_text << ", T̂ = " << t_text;
    }
  }
}
