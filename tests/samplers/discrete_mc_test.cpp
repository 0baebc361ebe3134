// Coins and strings: Monte Carlo label frequencies against exact finite sums written out in the test,
// the multi-step (localization) sampler against one jump, and no underflow at length 10^5.
#include <gtest/gtest.h>

#include <cmath>
#include <string>
#include <vector>

#include "model/model_file.hpp"
#include "samplers/experiment.hpp"
#include "mc_test_support.hpp"

using namespace critwin;

namespace {

using namespace critwin::test;

double log_binom(int n, int k, double p) {
  return std::lgamma(n + 1.0) - std::lgamma(k + 1.0) - std::lgamma(n - k + 1.0) + k * std::log(p) + (n - k) * std::log1p(-p);
}
double binom(int n, int k, double p) { return std::exp(log_binom(n, k, p)); }

// Exact law of label(X') for a Bernoulli-product mixture under one jump: X ~ p^{S} (weights q), U revealed
// tokens with law pu[U], k ones among them; θ' from the posterior; the L − U others from p^{θ'}.
std::vector<double> coins_label_law(const std::vector<double>& w, const std::vector<double>& p, const std::vector<double>& q,
                                    int L, const std::vector<double>& pu) {
  const int K = static_cast<int>(w.size());
  auto label = [&](int ones) {
    int best = 0;
    double bv = -1e300;
    for (int th = 0; th < K; ++th) {
      double v = std::log(w[th]) + ones * std::log(p[th]) + (L - ones) * std::log1p(-p[th]);
      if (v > bv) bv = v, best = th;
    }
    return best;
  };
  std::vector<double> out(K, 0);
  for (int U = 0; U <= L; ++U) {
    if (pu[U] == 0) continue;
    for (int k = 0; k <= U; ++k) {
      double pk = 0;
      for (int th = 0; th < K; ++th) pk += q[th] * binom(U, k, p[th]);
      if (pk < 1e-300) continue;
      std::vector<double> lp(K);
      double mx = -1e300, tot = 0;
      for (int th = 0; th < K; ++th) mx = std::max(mx, lp[th] = std::log(w[th]) + k * std::log(p[th]) + (U - k) * std::log1p(-p[th]));
      for (int th = 0; th < K; ++th) tot += std::exp(lp[th] - mx);
      for (int th = 0; th < K; ++th) {
        double post = std::exp(lp[th] - mx) / tot;
        for (int j = 0; j <= L - U; ++j) out[label(k + j)] += pu[U] * pk * post * binom(L - U, j, p[th]);
      }
    }
  }
  return out;
}

}  // namespace

// E5 coins (L = 600, truncation): U = L − T̂ revealed tokens, exactly.
TEST(DiscreteMc, CoinsTruncateAgainstExactSum) {
  Model m = load("e5_coins.toml");
  for (int t : {100, 300, 600}) {
    std::vector<double> pu(601, 0.0);
    pu[600 - t] = 1;
    auto exact = coins_label_law({0.5, 0.5}, {0.6, 0.4}, {1, 0}, 600, pu);
    LabelCounts c = forward_reverse_run(m, spec(m, "heads", std::to_string(t)), 100000, 11, 2);
    for (int k = 0; k < 2; ++k) expect_in(c.freq(k), exact[k], "T=" + std::to_string(t) + " label " + std::to_string(k));
  }
}

// Three coins, unequal weights, random masking (U ~ Binomial(L, 1 − t)); S_init with one and two components.
TEST(DiscreteMc, CoinsRandomMaskAgainstExactSum) {
  Model m = load("mc_coins_mask.toml");
  const std::vector<double> w{0.5, 0.25, 0.25}, p{0.5, 0.7, 0.3};
  for (auto [s, q] : {std::pair{std::string("fair"), std::vector<double>{1, 0, 0}},
                      std::pair{std::string("heads,tails"), std::vector<double>{0, 0.5, 0.5}}}) {
    for (double t : {0.3, 0.8}) {
      std::vector<double> pu(41);
      for (int U = 0; U <= 40; ++U) pu[U] = binom(40, U, 1 - t);
      auto exact = coins_label_law(w, p, q, 40, pu);
      LabelCounts c = forward_reverse_run(m, spec(m, s, std::to_string(t)), 100000, 12, 2);
      for (int k = 0; k < 3; ++k) expect_in(c.freq(k), exact[k], s + " t=" + std::to_string(t) + " label " + std::to_string(k));
    }
  }
}

// E3: two strings at Hamming distance 20 under random masking: θ' switches only if all 20 differing positions
// are masked (probability t^20), and then with probability 1/2.
TEST(DiscreteMc, StringsRandomMaskClosedForm) {
  Model m = load("e3_two_strings.toml");
  for (double t : {0.9, 0.97, 1.0}) {
    LabelCounts c = forward_reverse_run(m, spec(m, "plus", std::to_string(t)), 100000, 13, 2);
    expect_in(c.freq(1), 0.5 * std::pow(t, 20), "t=" + std::to_string(t));
  }
}

// Ordered masking of three strings: the exact law by enumeration of the compatible strings.
TEST(DiscreteMc, StringsOrderedMaskByEnumeration) {
  Model m = load("mc_strings_order.toml");
  const std::vector<std::string> s{"aabbcc", "aabbca", "cabbaa"};
  const std::vector<int> order{5, 0, 4, 1, 3, 2};
  for (int t = 0; t <= 6; t += 2) {
    std::vector<bool> hidden(6, false);
    for (int j = 0; j < t; ++j) hidden[order[j]] = true;
    std::vector<double> exact(3, 0);
    for (int th : {0, 2}) {  // S_init = {s0, s2}, equal weights
      std::vector<int> compat;
      for (int c = 0; c < 3; ++c) {
        bool ok = true;
        for (int pos = 0; pos < 6; ++pos) ok = ok && (hidden[pos] || s[c][pos] == s[th][pos]);
        if (ok) compat.push_back(c);
      }
      for (int c : compat) exact[c] += 0.5 / compat.size();
    }
    LabelCounts c = forward_reverse_run(m, spec(m, "s0,s2", std::to_string(t)), 60000, 14, 2);
    for (int k = 0; k < 3; ++k) expect_in(c.freq(k), exact[k], "t=" + std::to_string(t) + " label " + std::to_string(k));
  }
}

// Exact next-token / unmasking transitions on a grid give the same law as one jump: label frequencies and the
// sufficient statistic (ones, or Hamming distance to string 0) agree in a two-sample test.
TEST(DiscreteMc, LocalizeEqualsJumpInLaw) {
  struct Case { const char* file; const char* s; const char* t; int steps; };
  for (const Case& c : {Case{"e5_coins.toml", "heads", "200", 0}, Case{"e5_coins.toml", "tails", "500", 13},
                        Case{"mc_coins_mask.toml", "heads", "0.8", 5}, Case{"e3_two_strings.toml", "plus", "0.96", 4},
                        Case{"mc_strings_order.toml", "s1", "5", 5}}) {
    Model m = load(c.file);
    const uint64_t n = 60000;
    LabelCounts j = forward_reverse_run(m, spec(m, c.s, c.t), n, 21, 2);
    LabelCounts l = forward_reverse_run(m, spec(m, c.s, c.t, ReverseKind::localize, c.steps), n, 22, 2);
    for (int k = 0; k < m.size(); ++k)
      EXPECT_LT(std::abs(z_two(j.counts[k], n, l.counts[k], n)), 4.5) << c.file << " label " << k;
    double se = std::sqrt(j.stat_variance() / n + l.stat_variance() / n);
    if (se > 0) EXPECT_LT(std::abs(j.stat_mean() - l.stat_mean()), 4.5 * se) << c.file << " statistic";
    else EXPECT_EQ(j.stat_mean(), l.stat_mean());
  }
}

// Length 10^5: log-likelihoods near −7·10^4 (e^{−70000} underflows) must still give sensible posteriors.
TEST(DiscreteMc, LongSequencesStayInLogSpace) {
  Model m = load("mc_long_coins.toml");
  // Half the tokens revealed: the posterior is certain (means differ by 1000 ones, sd ≈ 112) and so is the
  // label of X' (total ones differ by 2000 from the tie, sd ≈ 158): retention ≈ 1 − 1e-9.
  LabelCounts half = forward_reverse_run(m, spec(m, "heads", "0.5"), 4000, 31, 2);
  EXPECT_EQ(half.counts[0], 4000u);
  // Everything masked: X' ~ p, labels split evenly by symmetry.
  LabelCounts all = forward_reverse_run(m, spec(m, "heads", "1"), 4000, 32, 2);
  expect_in(all.freq(0), 0.5, "T=1");
  // The same under the multi-step sampler (20 exact unmasking steps).
  LabelCounts loc = forward_reverse_run(m, spec(m, "tails", "0.5", ReverseKind::localize, 20), 2000, 33, 2);
  EXPECT_EQ(loc.counts[1], 2000u);
}
