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
