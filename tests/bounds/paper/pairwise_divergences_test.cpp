// Pairwise BC and KL closed forms against brute-force sums over every sequence (and every mask pattern).
#include <cmath>
#include <functional>

#include <gtest/gtest.h>

#include "bounds/paper/pairwise_divergences.hpp"
#include "model/model_file.hpp"

namespace critwin {
namespace {

// Per-position laws of a tiny two-mode categorical product (alphabet 3, L = 4), as doubles.
const double kP[4][3] = {{0.5, 0.25, 0.25}, {0.5, 0.25, 0.25}, {0.2, 0.8, 0.0}, {0.1, 0.6, 0.3}};
const double kQ[4][3] = {{0.5, 0.25, 0.25}, {0.3, 0.3, 0.4}, {0.2, 0.3, 0.5}, {0.1, 0.6, 0.3}};

Model categorical(const std::string& process) {
  return model_file_parse(
      "name = \"t\"\n[mixture]\nweights = [\"1/2\", \"1/2\"]\n[components]\nkind = \"categorical-product\"\n"
      "alphabet = [\"a\", \"b\", \"c\"]\nlength = 4\ntables = [\n"
      "  [ { probs = [\"1/2\", \"1/4\", \"1/4\"], repeat = 2 }, { probs = [\"1/5\", \"4/5\", \"0\"] }, { probs = [\"1/10\", \"3/5\", \"3/10\"] } ],\n"
      "  [ { probs = [\"1/2\", \"1/4\", \"1/4\"] }, { probs = [\"3/10\", \"3/10\", \"2/5\"] }, { probs = [\"1/5\", \"3/10\", \"1/2\"] },"
      " { probs = [\"1/10\", \"3/5\", \"3/10\"] } ]\n]\n[process]\nkind = \"" + process + "\"\n");
}

// BC and KL of the laws of the visible positions, summing over every sequence of them.
std::pair<double, double> brute(const std::vector<bool>& visible) {
  double bc = 0, kl = 0;
  std::function<void(int, double, double)> rec = [&](int i, double p, double q) {
    if (i == 4) {
      bc += std::sqrt(p * q);
      if (p > 0) kl += q > 0 ? p * std::log(p / q) : INFINITY;
      return;
    }
    if (!visible[static_cast<size_t>(i)]) return rec(i + 1, p, q);
    for (int v = 0; v < 3; ++v) rec(i + 1, p * kP[i][v], q * kQ[i][v]);
  };
  rec(0, 1, 1);
  return {bc, kl};
}

TEST(PairDivergences, CategoricalTruncationMatchesEnumeration) {
  const Model m = categorical("truncate");
  for (long t = 0; t <= 4; ++t) {
    std::vector<bool> vis(4, false);
    for (long i = 0; i < 4 - t; ++i) vis[static_cast<size_t>(i)] = true;
    const auto [bc, kl] = brute(vis);
    const PairDivergence d = pair_divergence(m, 0, 1, TimePoint::integer(t));
    EXPECT_NEAR(d.bc.mid(), bc, 1e-14) << t;
    EXPECT_NEAR(d.kl.mid(), kl, 1e-14) << t;
    // KL(mode 1 ‖ mode 0) is infinite while position 2 shows ("c" has probability 0 under mode 0 only).
    EXPECT_EQ(pair_divergence(m, 1, 0, TimePoint::integer(t)).kl.is_pos_inf(), t <= 1) << t;
  }
}

TEST(PairDivergences, RandomMaskingIsTheMixtureOverMaskPatterns) {
  // Under random masking the mask pattern M is observed and has the same law under both modes, so
  // BC = Σ_M P(M) BC(visible of M) and KL = Σ_M P(M) KL(visible of M).
  const Model m = categorical("random-mask");
  for (const double t : {0.0, 0.25, 0.5, 0.9, 1.0}) {
    double bc = 0, kl = 0;
    for (int mask = 0; mask < 16; ++mask) {
      std::vector<bool> vis(4);
      double pm = 1;
      for (int i = 0; i < 4; ++i) {
        const bool hidden = mask >> i & 1;
        vis[static_cast<size_t>(i)] = !hidden;
        pm *= hidden ? t : 1 - t;
      }
      if (pm == 0) continue;
      const auto [b, k] = brute(vis);
      bc += pm * b;
      kl += pm * k;
    }
    const PairDivergence d = pair_divergence(m, 0, 1, TimePoint{ExactReal::from_double(t), false});
    EXPECT_NEAR(d.bc.mid(), bc, 1e-14) << t;
    EXPECT_NEAR(d.kl.mid(), kl, 1e-14) << t;
  }
}

TEST(PairDivergences, GaussianPairMatchesTheAffinityFormula) {
  // THEORY.md §1: BC(N(a, vI), N(b, vI)) = exp(−‖a − b‖²/(8v)); at time t the means shrink by e^{−t}.
  const Model m = model_file_parse(
      "name = \"t\"\n[mixture]\nweights = [\"1/2\", \"1/2\"]\n[components]\nkind = \"gaussian\"\ndim = 2\n"
      "means = [[\"1\", \"2\"], [\"-2\", \"-2\"]]\nvariance = \"1/3\"\n[process]\nkind = \"ou\"\n");
  for (const double t : {0.0, 0.4, 2.0}) {
    const double a = std::exp(-t), v = a * a / 3 + 1 - a * a, d2 = 25 * a * a;
    const PairDivergence d = pair_divergence(m, 0, 1, TimePoint{ExactReal::from_double(t), false});
    EXPECT_NEAR(d.bc.mid(), std::exp(-d2 / (8 * v)), 1e-15);
    EXPECT_NEAR(d.kl.mid(), d2 / (2 * v), 1e-13);
    EXPECT_TRUE(d.bc.certainly_le(Ball(1)));
  }
}

}  // namespace
}  // namespace critwin
