// The TV estimate of TV(p^{S_init,T̂}, p^{S_target}) against exact values computed independently in the test.
#include <gtest/gtest.h>

#include <cmath>
#include <string>
#include <vector>

#include "model/model_file.hpp"
#include "samplers/tv_estimate.hpp"

using namespace critwin;

namespace {

Model load(const std::string& name) { return model_file_load(std::string(CRITWIN_SOURCE_DIR) + "/examples/" + name); }

TvSpec tv_spec(const Model& m, const std::string& a, const std::string& b, const std::string& t, int inner = 0) {
  return TvSpec{Subset::parse(a, m, "a"), Subset::parse(b, m, "b"), TimePoint::parse(t, m.process, "t"), inner};
}

double binom(int n, int k, double p) {
  return std::exp(std::lgamma(n + 1.0) - std::lgamma(k + 1.0) - std::lgamma(n - k + 1.0) + k * std::log(p) + (n - k) * std::log1p(-p));
}

void expect_covers(const TvEstimate& e, double exact, const std::string& what) {
  EXPECT_LE(e.tv.lo, exact) << what << ": " << e.tv.value << " [" << e.tv.lo << ", " << e.tv.hi << "] vs " << exact;
  EXPECT_GE(e.tv.hi, exact) << what << ": " << e.tv.value << " [" << e.tv.lo << ", " << e.tv.hi << "] vs " << exact;
}

}  // namespace

// E5 coins under truncation: ½ Σ_{a,b} p(a,b) |P(S_init | a)/w − P(S_target | a+b)/w'| over prefix ones a and
// suffix ones b — exact, and the estimator is unbiased here (Y is a function of X).
TEST(TvEstimate, CoinsTruncateAgainstExactSum) {
  Model m = load("e5_coins.toml");
  const double p[2] = {0.6, 0.4};
  for (int t : {150, 450}) {
    const int L = 600, mm = L - t;
    auto post0 = [&](int ones, int n) {  // P(heads | ones of n), equal weights
      double d = ones * std::log(p[1] / p[0]) + (n - ones) * std::log((1 - p[1]) / (1 - p[0]));
      return 1 / (1 + std::exp(d));
    };
    double tv = 0;
    for (int a = 0; a <= mm; ++a)
      for (int b = 0; b <= t; ++b) {
        double pab = 0.5 * (binom(mm, a, p[0]) * binom(t, b, p[0]) + binom(mm, a, p[1]) * binom(t, b, p[1]));
        if (pab < 1e-300) continue;
        tv += 0.5 * pab * std::abs(post0(a, mm) / 0.5 - post0(a + b, L) / 0.5);
      }
    TvEstimate e = tv_estimate_run(m, tv_spec(m, "heads", "heads", std::to_string(t)), 100000, 5, 2);
    EXPECT_TRUE(e.unbiased);
    EXPECT_EQ(e.bias_allowance, 0.0);
    expect_covers(e, tv, "T=" + std::to_string(t));
  }
}

// Point masses: p^{plus,t} = (1 − t^20/2) δ_plus + (t^20/2) δ_minus, so TV(p^{plus,t}, p^{plus}) = t^20/2.
TEST(TvEstimate, StringsRandomMaskClosedForm) {
  Model m = load("e3_two_strings.toml");
  for (double t : {0.9, 0.97}) {
    TvEstimate e = tv_estimate_run(m, tv_spec(m, "plus", "plus", std::to_string(t), 64), 20000, 6, 2);
    EXPECT_FALSE(e.unbiased);
    expect_covers(e, 0.5 * std::pow(t, 20), "t=" + std::to_string(t));
  }
}

// E1 public value: for components 16σ apart, TV(p^{plus,1.5}, p^{plus}) = P(θ' = minus) = 0.0555531343…
// (to ~1e-15). The inner average over Y | x biases upward; the interval's lower end allows for it.
TEST(TvEstimate, GaussianPublicValueAndBiasDirection) {
  Model m = load("e1_two_gaussians.toml");
  TvEstimate e = tv_estimate_run(m, tv_spec(m, "plus", "plus", "1.5", 256), 20000, 7, 2);
  expect_covers(e, 0.0555531343, "E1 T=1.5");
  EXPECT_GT(e.bias_allowance, 0.0);
  // Fewer inner draws can only add upward bias (Jensen): the M = 4 average exceeds the M = 256 one.
  TvEstimate coarse = tv_estimate_run(m, tv_spec(m, "plus", "plus", "1.5", 4), 20000, 7, 2);
  EXPECT_GT(coarse.tv.value, e.tv.value);
  expect_covers(coarse, 0.0555531343, "E1 T=1.5, M=4");
}

TEST(TvEstimate, EdgeTimes) {
  Model m = load("mc_three_gaussians.toml");
  // T̂ = 0 returns p^{S_init} itself: TV(p^{a,0}, p^{a}) = 0, exactly, with no inner sampling.
  TvEstimate zero = tv_estimate_run(m, tv_spec(m, "a", "a", "0"), 5000, 8, 2);
  EXPECT_TRUE(zero.unbiased);
  EXPECT_NEAR(zero.tv.value, 0.0, 1e-12);
  // T̂ = inf returns p: TV(p, p^{a}) = 1 − w_a for separated components = 0.5.
  TvEstimate inf = tv_estimate_run(m, tv_spec(m, "a", "a", "inf", 8), 20000, 8, 2);
  expect_covers(inf, 0.5, "T=inf");
}
