// concept-ou Monte Carlo against independent computations: the forward–reverse sampler (which works on the
// sufficient statistic) against a brute-force simulation in word space with the explicit covariance of all
// words (Cholesky, Gaussian conditioning on the visible words); at T̂ = 0 the label is the likelihood-ratio
// test, so freq(u | u) − freq(u | v) = TV(p^u, p^v); and the TV estimator against the engine's fr-tv.
#include <gtest/gtest.h>

#include <cmath>
#include <string>
#include <tuple>
#include <vector>

#include <fmt/format.h>

#include "bounds/engine_factory.hpp"
#include "../mc_test_support.hpp"
#include "model/model_file.hpp"
#include "samplers/philox_stream.hpp"
#include "samplers/sampler_factory.hpp"
#include "samplers/tv_estimate.hpp"

namespace critwin {
namespace {

Model concept_model(double alpha, double rho, int context, const std::string& w0) {
  return model_file_parse(fmt::format(R"(
[mixture]
weights = ["{0}", "{1}"]
labels = ["u", "v"]
[components]
kind = "concept-ou"
alpha = {2}
rho = {3}
context = {4}
[process]
kind = "truncate"
)", w0, (ExactReal::from_int(1) - *ExactReal::parse(w0)).to_string(), alpha, rho, context));
}

using Mat = std::vector<std::vector<double>>;

Mat sub(const Mat& A, const std::vector<int>& r, const std::vector<int>& c) {
  Mat B(r.size(), std::vector<double>(c.size()));
  for (size_t i = 0; i < r.size(); ++i)
    for (size_t j = 0; j < c.size(); ++j) B[i][j] = A[r[i]][c[j]];
  return B;
}
Mat cholesky(const Mat& S) {
  const size_t n = S.size();
  Mat L(n, std::vector<double>(n, 0));
  for (size_t i = 0; i < n; ++i)
    for (size_t j = 0; j <= i; ++j) {
      double s = S[i][j];
      for (size_t k = 0; k < j; ++k) s -= L[i][k] * L[j][k];
      L[i][j] = i == j ? std::sqrt(s) : s / L[j][j];
    }
  return L;
}
// Solves S x = b through the Cholesky factor.
std::vector<double> solve(const Mat& L, std::vector<double> b) {
  const size_t n = L.size();
  for (size_t i = 0; i < n; ++i) {
    for (size_t k = 0; k < i; ++k) b[i] -= L[i][k] * b[k];
    b[i] /= L[i][i];
  }
  for (size_t i = n; i-- > 0;) {
    for (size_t k = i + 1; k < n; ++k) b[i] -= L[k][i] * b[k];
    b[i] /= L[i][i];
  }
  return b;
}
double log_normal_density(const Mat& S, const std::vector<double>& x) {
  if (x.empty()) return 0;
  const Mat L = cholesky(S);
  const auto y = solve(L, x);
  double q = 0, ld = 0;
  for (size_t i = 0; i < x.size(); ++i) q += x[i] * y[i], ld += std::log(L[i][i]);
  return -0.5 * q - ld;  // the (2π) factor is common to both components
}

// The forward–reverse experiment simulated on all (T+1)·2 word coordinates: label frequencies of u.
LabelCounts brute_force(double alpha, double rho, int T, double w0, int s_init, int t_hat, int n, uint64_t seed) {
  const double cb = std::sqrt((1 + rho) / 2), sb = std::sqrt((1 - rho) / 2);
  const double th[2][2] = {{cb, sb}, {cb, -sb}};
  const int D = 2 * (T + 1);
  Mat S[2];
  for (int k = 0; k < 2; ++k) {
    S[k].assign(D, std::vector<double>(D));
    for (int a = 0; a < D; ++a)
      for (int b = 0; b < D; ++b) {
        const int t = a / 2, i = a % 2, t2 = b / 2, j = b % 2;
        S[k][a][b] = (i == j ? std::exp(-std::abs(t - t2)) + (t == t2 ? 1.0 : 0.0) : 0.0) +
                     alpha * std::exp(-t - t2) * th[k][i] * th[k][j];
      }
  }
  std::vector<int> vis, hid, all;
  for (int a = 0; a < D; ++a) (a / 2 >= t_hat ? vis : hid).push_back(a), all.push_back(a);
  const double lw[2] = {std::log(w0), std::log(1 - w0)};
  Mat Lfull[2], Lvis[2], cond_L[2];
  std::vector<Mat> gain(2);
  for (int k = 0; k < 2; ++k) {
    Lfull[k] = cholesky(S[k]);
    if (!hid.empty()) {
      const Mat Svv = sub(S[k], vis, vis), Shv = sub(S[k], hid, vis), Shh = sub(S[k], hid, hid);
      Mat G(hid.size(), std::vector<double>(vis.size(), 0)), C = Shh;
      if (!vis.empty()) {
        const Mat Lv = cholesky(Svv);
        for (size_t h = 0; h < hid.size(); ++h) G[h] = solve(Lv, Shv[h]);  // Σ_VV⁻¹ Σ_VH row by row
        for (size_t h = 0; h < hid.size(); ++h)
          for (size_t h2 = 0; h2 < hid.size(); ++h2)
            for (size_t v = 0; v < vis.size(); ++v) C[h][h2] -= G[h][v] * Shv[h2][v];
      }
      gain[k] = G;
      cond_L[k] = cholesky(C);
    }
  }
  LabelCounts acc;
  acc.counts.assign(2, 0);
  std::vector<double> x(D), xv(vis.size());
  for (int s = 0; s < n; ++s) {
    PhiloxStream rng(seed, RngStream::forward_reverse, static_cast<uint64_t>(s));
    std::vector<double> z(D);
    for (double& q : z) q = rng.normal();
    for (int a = 0; a < D; ++a) {
      x[a] = 0;
      for (int b = 0; b <= a; ++b) x[a] += Lfull[s_init][a][b] * z[b];
    }
    for (size_t v = 0; v < vis.size(); ++v) xv[v] = x[vis[v]];
    double l[2];
    for (int k = 0; k < 2; ++k) l[k] = lw[k] + log_normal_density(sub(S[k], vis, vis), xv);
    const double pu = 1 / (1 + std::exp(l[1] - l[0]));
    const int k2 = rng.uniform() <= pu ? 0 : 1;
    if (!hid.empty()) {
      std::vector<double> e(hid.size());
      for (double& q : e) q = rng.normal();
      for (size_t h = 0; h < hid.size(); ++h) {
        double m = 0, noise = 0;
        for (size_t v = 0; v < vis.size(); ++v) m += gain[k2][h][v] * xv[v];
        for (size_t h2 = 0; h2 <= h; ++h2) noise += cond_L[k2][h][h2] * e[h2];
        x[hid[h]] = m + noise;
      }
    }
    const double lx0 = lw[0] + log_normal_density(S[0], x), lx1 = lw[1] + log_normal_density(S[1], x);
    acc.add(lx0 >= lx1 ? 0 : 1, 0);
  }
  return acc;
}

TEST(ConceptOuMc, SamplerMatchesWordSpaceBruteForce) {
  const double alpha = 5, rho = 0.3;
  const int T = 2;
  const Model m = concept_model(alpha, rho, T, "2/5");
  for (int t_hat : {0, 1, 2, 3})
    for (int s_init : {0, 1}) {
      const int n = 60000;
      const LabelCounts mc = forward_reverse_run(m, test::spec(m, s_init == 0 ? "u" : "v", std::to_string(t_hat)),
                                                 n, 5, 2);
      const LabelCounts bf = brute_force(alpha, rho, T, 0.4, s_init, t_hat, n, 77);
      EXPECT_LT(std::abs(test::z_two(mc.counts[0], mc.n, bf.counts[0], bf.n)), 4.0)
          << "t_hat = " << t_hat << ", s_init = " << s_init << ": " << mc.freq(0).value << " vs " << bf.freq(0).value;
    }
}

TEST(ConceptOuMc, LikelihoodRatioTestAtZeroGivesTheTv) {
  const Model m = concept_model(30, 0.5, 5, "1/2");
  auto e = exact_engine_make(m, 128);
  const double tv = e->forward_tv(Subset({0}), Subset({1}), TimePoint::integer(0)).value;
  const uint64_t n = 200000;
  const LabelCounts a = forward_reverse_run(m, test::spec(m, "u", "0"), n, 3, 2);
  const LabelCounts b = forward_reverse_run(m, test::spec(m, "v", "0"), n, 4, 2);
  const double p1 = a.freq(0).value, p2 = b.freq(0).value;
  EXPECT_NEAR(p1 - p2, tv, 3.3 * std::sqrt(p1 * (1 - p1) / n + p2 * (1 - p2) / n));
  // Bit-identical at any thread count.
  const LabelCounts a1 = forward_reverse_run(m, test::spec(m, "u", "2"), 20000, 9, 1);
  const LabelCounts a3 = forward_reverse_run(m, test::spec(m, "u", "2"), 20000, 9, 3);
  EXPECT_EQ(a1.counts, a3.counts);
}

// The Monte Carlo fr-tv (the CLI's path for concept-ou) against the certified identities: T̂ = 0 and T̂ = T + 1 for
// any targets, S_target = Θ at every T̂.
TEST(ConceptOuMc, TvEstimatorAgreesWithTheExactIdentities) {
  const Model m = concept_model(20, 0.25, 6, "1/3");
  auto e = exact_engine_make(m, 128);
  std::vector<std::tuple<std::string, std::string, std::string>> cases{{"0", "u", "u"}, {"7", "u", "u"}, {"0", "v", "u"},
                                                                      {"7", "u", "v"}, {"2", "u", "u,v"}, {"4", "v", "u,v"}};
  for (const auto& [t, si, st] : cases) {
    TvSpec spec{Subset::parse(si, m, "s_init"), Subset::parse(st, m, "s_target"), TimePoint::parse(t, m.process, "t"), 0};
    const TvEstimate mc = tv_estimate_run(m, spec, 400000, 11, 2);
    const Estimate q = e->fr_tv(spec.s_init, spec.s_target, spec.t_hat);
    ASSERT_TRUE(q.guarantee == Guarantee::certified || q.guarantee == Guarantee::exact);
    EXPECT_LE(mc.tv.lo, q.hi) << t << " " << si << " " << st << ": MC " << mc.tv.value << " vs " << q.value;
    EXPECT_GE(mc.tv.hi, q.lo) << t << " " << si << " " << st << ": MC " << mc.tv.value << " vs " << q.value;
  }
}

// Retention curves (Monte Carlo; there is no exact path for concept-ou): the label retention against the word-space
// brute force; Bayes' identity φ = w_u R_u + w_v R_v between the cloning probability (drawn from p) and the two latent
// retentions (drawn from p^u, p^v); and with no word visible (T̂ = T + 1) R = w_S and φ = Σ w².
TEST(ConceptOuMc, RetentionCurvesAgreeWithBruteForceAndBayes) {
  const double alpha = 5, rho = 0.3;
  const int T = 2;
  const Model m = concept_model(alpha, rho, T, "2/5");
  auto engine = family_monte_carlo_engine_make(m, 128, McEngineOptions{200000, 13, 2});
  ASSERT_TRUE(engine);
  std::vector<TimePoint> ts;
  for (int t = 0; t <= T + 1; ++t) ts.push_back(TimePoint::integer(t));
  const auto ru = engine->retention_curve(Subset({0}), ts), rv = engine->retention_curve(Subset({1}), ts);
  auto contains = [](const Estimate& e, double x) { return e.lo <= x && x <= e.hi; };
  for (int t = 0; t <= T + 1; ++t) {
    EXPECT_EQ(ru[t].guarantee(), Guarantee::monte_carlo);
    const LabelCounts bf = brute_force(alpha, rho, T, 0.4, 0, t, 60000, 21 + t);
    const double se = std::sqrt(bf.freq(0).value * (1 - bf.freq(0).value) / 60000);
    EXPECT_NEAR(ru[t].label.value, bf.freq(0).value, 4 * se + (ru[t].label.hi - ru[t].label.lo) / 2) << "T̂ = " << t;
    const double bayes = 0.4 * ru[t].latent.value + 0.6 * rv[t].latent.value;
    const double slack = 0.4 * (ru[t].latent.hi - ru[t].latent.lo) / 2 + 0.6 * (rv[t].latent.hi - rv[t].latent.lo) / 2;
    EXPECT_LE(ru[t].cloning.lo, bayes + slack) << "T̂ = " << t;
    EXPECT_GE(ru[t].cloning.hi, bayes - slack) << "T̂ = " << t;
    EXPECT_LT(ru[t].cloning.hi - ru[t].cloning.lo, 0.02) << "T̂ = " << t;
  }
  EXPECT_TRUE(contains(ru[T + 1].latent, 0.4)) << ru[T + 1].latent.lo << " " << ru[T + 1].latent.hi;
  EXPECT_TRUE(contains(rv[T + 1].latent, 0.6));
  EXPECT_TRUE(contains(ru[T + 1].cloning, 0.4 * 0.4 + 0.6 * 0.6));
  // All words visible at T̂ = 0 and well separated components keep the component more often than not.
  EXPECT_GT(ru[0].latent.lo, 0.5);
  // Bit-identical at any thread count.
  auto one = family_monte_carlo_engine_make(m, 128, McEngineOptions{30000, 5, 1});
  auto three = family_monte_carlo_engine_make(m, 128, McEngineOptions{30000, 5, 3});
  const auto a = one->retention_curve(Subset({0}), {TimePoint::integer(1)}), b = three->retention_curve(Subset({0}), {TimePoint::integer(1)});
  EXPECT_EQ(a[0].latent.value, b[0].latent.value);
  EXPECT_EQ(a[0].label.value, b[0].label.value);
  EXPECT_EQ(a[0].cloning.value, b[0].cloning.value);
}

}  // namespace
}  // namespace critwin
