// The icl sampler and TV estimator against exact values: the Monte Carlo fr-tv interval contains the
// engine's certified value (Example 11's last-answer resampling included); label frequencies of X' against
// the exact label law of a one-input model written out here; localize against one jump; determinism.
#include <gtest/gtest.h>

#include <cmath>
#include <string>
#include <vector>

#include "bounds/engine_factory.hpp"
#include "model/model_file.hpp"
#include "samplers/experiment.hpp"
#include "samplers/tv_estimate.hpp"
#include "mc_test_support.hpp"

using namespace critwin;

namespace {

using test::expect_in;
using test::load;
using test::spec;
using test::z_two;

TEST(IclMonteCarlo, FrTvIntervalContainsExact) {
  Model m = load("e6_icl.toml");
  auto engine = exact_engine_make(m, 128);
  for (const auto& [si, st, t] : std::vector<std::tuple<std::string, std::string, long>>{
           {"star", "star", 2}, {"star", "star", 90}, {"star", "star,near,far", 100}, {"near", "near,far", 110}}) {
    const Subset a = Subset::parse(si, m, "s_init"), b = Subset::parse(st, m, "s_target");
    const TimePoint tp = TimePoint::integer(t);
    const Estimate exact = engine->fr_tv(a, b, tp);
    TvEstimate mc = tv_estimate_run(m, TvSpec{a, b, tp, 0}, 200000, 7, 2);
    EXPECT_TRUE(mc.unbiased);
    EXPECT_LE(mc.tv.lo, exact.hi) << si << " -> " << st << " t = " << t << ": mc " << mc.tv.value << " exact " << exact.value;
    EXPECT_GE(mc.tv.hi, exact.lo) << si << " -> " << st << " t = " << t << ": mc " << mc.tv.value << " exact " << exact.value;
  }
}

// One input, answers Bernoulli(p_θ): X ~ p^{θ0}, n_v visible answers with k ones, θ' from the posterior,
// the other answers from p^{θ'}; label = argmax_θ w_θ p_θ^K (1 − p_θ)^{N−K} over the total K.
std::vector<double> label_law(const std::vector<double>& w, const std::vector<double>& p, int th0, int N, int nv) {
  auto lb = [](int n, int k, double q) {
    return std::exp(std::lgamma(n + 1.0) - std::lgamma(k + 1.0) - std::lgamma(n - k + 1.0) + k * std::log(q) +
                    (n - k) * std::log1p(-q));
  };
  const int K = static_cast<int>(w.size());
  std::vector<double> out(K, 0);
  for (int k = 0; k <= nv; ++k) {
    std::vector<double> post(K);
    double z = 0;
    for (int th = 0; th < K; ++th) z += post[th] = w[th] * std::pow(p[th], k) * std::pow(1 - p[th], nv - k);
    for (int th = 0; th < K; ++th) {
      for (int j = 0; j <= N - nv; ++j) {
        const int ones = k + j;
        int best = 0;
        double bv = -1e300;
        for (int c = 0; c < K; ++c) {
          const double v = std::log(w[c]) + ones * std::log(p[c]) + (N - ones) * std::log1p(-p[c]);
          if (v > bv) bv = v, best = c;
        }
        out[best] += lb(nv, k, p[th0]) * post[th] / z * lb(N - nv, j, p[th]);
      }
    }
  }
  return out;
}

TEST(IclMonteCarlo, LabelFrequenciesMatchExactLaw) {
  Model m = load("icl_tensorization_three_tasks.toml");
  const std::vector<double> w{0.5, 0.25, 0.25}, p{0.5, 0.45, 0.9};
  for (long t : {0L, 2L, 31L, 61L, 120L}) {
    const int nv = static_cast<int>(std::get<IclComponents>(m.components).visible_pairs(t));
    const std::vector<double> exact = label_law(w, p, 0, 40, nv);
    LabelCounts c = forward_reverse_run(m, spec(m, "star", std::to_string(t)), 200000, 11, 2);
    for (int th = 0; th < 3; ++th) expect_in(c.freq(th), exact[th], "t = " + std::to_string(t) + " label " + std::to_string(th));
  }
}

TEST(IclMonteCarlo, LocalizeAgreesWithOneJump) {
  Model m = load("e6_icl.toml");
  LabelCounts jump = forward_reverse_run(m, spec(m, "near", "75"), 100000, 3, 2);
  LabelCounts loc = forward_reverse_run(m, spec(m, "near", "75", ReverseKind::localize, 25), 100000, 4, 2);
  for (int th = 0; th < 3; ++th) EXPECT_LT(std::fabs(z_two(jump.counts[th], jump.n, loc.counts[th], loc.n)), 4.5) << th;
}

TEST(IclMonteCarlo, BitIdenticalAtAnyThreadCount) {
  Model m = load("e6_icl.toml");
  LabelCounts a = forward_reverse_run(m, spec(m, "star", "50"), 30000, 99, 1);
  LabelCounts b = forward_reverse_run(m, spec(m, "star", "50"), 30000, 99, 3);
  EXPECT_EQ(a.counts, b.counts);
  EXPECT_EQ(a.stat_sum, b.stat_sum);
  const Subset s({0});
  TvEstimate x = tv_estimate_run(m, TvSpec{s, s, TimePoint::integer(50), 0}, 20000, 5, 1);
  TvEstimate y = tv_estimate_run(m, TvSpec{s, s, TimePoint::integer(50), 0}, 20000, 5, 3);
  EXPECT_EQ(x.tv.value, y.tv.value);
}

}  // namespace
