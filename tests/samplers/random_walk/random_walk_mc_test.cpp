// Random-walk Monte Carlo: the TV estimator's interval against the exact fr-tv (bounds/), label
// frequencies of the forward–reverse sampler against an enumeration of every step sequence, the
// localization sampler against one jump, and bit-identical results at any thread count.
#include <gtest/gtest.h>

#include <cmath>
#include <map>
#include <string>
#include <vector>

#include "bounds/engine_factory.hpp"
#include "model/model_file.hpp"
#include "samplers/experiment.hpp"
#include "samplers/tv_estimate.hpp"
#include "../mc_test_support.hpp"

using namespace critwin;

namespace {

const char* kSmall = R"(
name = "small walks"
[mixture]
weights = ["1/2", "1/4", "1/4"]
labels = ["fair", "up", "down"]
[components]
kind = "random-walk"
length = 9
barrier = 3
probs = ["0.5", "0.75", "0.3"]
[process]
kind = "truncate"
)";

const char* kBarrierHit = R"(
name = "barrier often hit"
[mixture]
weights = ["0.3", "0.7"]
labels = ["up", "down"]
[components]
kind = "random-walk"
length = 80
barrier = 6
probs = ["0.65", "0.4"]
[process]
kind = "truncate"
)";

TEST(RandomWalkMc, TvEstimateContainsExactFrTv) {
  struct C { std::string toml_or_file; const char* si; const char* st; long t; };
  const std::string e5 = std::string(CRITWIN_SOURCE_DIR) + "/examples/e5_random_walk.toml";
  for (const C& c : {C{"small", "fair", "fair", 4}, C{"small", "up", "up,down", 6}, C{"hit", "up", "up", 40},
                     C{"hit", "down", "up,down", 75}, C{"e5", "solve", "solve", 950}, C{"e5", "fail", "solve,fail", 980}}) {
    Model m = c.toml_or_file == "small" ? model_file_parse(kSmall) : c.toml_or_file == "hit" ? model_file_parse(kBarrierHit)
                                                                                             : model_file_load(e5);
    SCOPED_TRACE(m.name + " S_init=" + c.si + " S_target=" + c.st + " T=" + std::to_string(c.t));
    const Subset si = Subset::parse(c.si, m, "a"), st = Subset::parse(c.st, m, "b");
    const TimePoint t = TimePoint::integer(c.t);
    const Estimate exact = exact_engine_make(m, 128)->fr_tv(si, st, t);
    const TvEstimate e = tv_estimate_run(m, TvSpec{si, st, t, 0}, 40000, 77, 2);
    EXPECT_TRUE(e.unbiased);
    EXPECT_LE(e.tv.lo, exact.hi) << e.tv.value << " [" << e.tv.lo << ", " << e.tv.hi << "] vs " << exact.value;
    EXPECT_GE(e.tv.hi, exact.lo) << e.tv.value << " [" << e.tv.lo << ", " << e.tv.hi << "] vs " << exact.value;
  }
}

// Every step sequence of the small model, in doubles: token strings with pads, then the law of
// label(X') for X ~ p^{S}, Y = first n tokens, X' ~ p(· | Y).
std::vector<double> label_law(int n, const std::vector<double>& start) {
  const int L = 9, A = 3;
  const std::vector<double> w{0.5, 0.25, 0.25}, p{0.5, 0.75, 0.3};
  std::map<std::string, std::vector<double>> px;
  for (long code = 0; code < (1L << L); ++code) {
    std::string x;
    std::vector<double> pr(3, 1.0);
    int h = 0;
    for (int i = 0; i < L; ++i) {
      const bool up = (code >> i) & 1;
      for (int k = 0; k < 3; ++k) pr[k] *= up ? p[k] : 1 - p[k];
      if (std::abs(h) == A) { x += '.'; continue; }
      x += up ? '+' : '-';
      h += up ? 1 : -1;
    }
    auto& s = px[x];
    s.resize(3, 0.0);
    for (int k = 0; k < 3; ++k) s[k] += pr[k];
  }
  std::map<std::string, std::vector<double>> py;  // prefix -> p_θ(y)
  for (const auto& [x, v] : px) {
    auto& s = py[x.substr(0, n)];
    s.resize(3, 0.0);
    for (int k = 0; k < 3; ++k) s[k] += v[k];
  }
  std::vector<double> out(3, 0.0);
  for (const auto& [x, v] : px) {
    int label = 0;
    for (int k = 1; k < 3; ++k)
      if (w[k] * v[k] > w[label] * v[label]) label = k;
    const auto& y = py.at(x.substr(0, n));
    double start_y = 0, all_y = 0, all_x = 0;
    for (int k = 0; k < 3; ++k) {
      start_y += start[k] * y[k];
      all_y += w[k] * y[k];
      all_x += w[k] * v[k];
    }
    out[label] += start_y * all_x / all_y;
  }
  return out;
}

TEST(RandomWalkMc, LabelFrequenciesAgainstEnumeration) {
  Model m = model_file_parse(kSmall);
  for (auto [s, start] : {std::pair{std::string("fair"), std::vector<double>{1, 0, 0}},
                          std::pair{std::string("up,down"), std::vector<double>{0, 0.5, 0.5}}}) {
    for (int t : {0, 3, 6, 9}) {
      const std::vector<double> exact = label_law(9 - t, start);
      LabelCounts c = forward_reverse_run(m, test::spec(m, s, std::to_string(t)), 200000, 5, 2);
      for (int k = 0; k < 3; ++k) test::expect_in(c.freq(k), exact[k], s + " T=" + std::to_string(t) + " label " + std::to_string(k));
    }
  }
}

// Localization step by step has the law of one jump (autoregressive posteriors compose).
TEST(RandomWalkMc, LocalizeAgreesWithJump) {
  Model m = model_file_parse(kBarrierHit);
  const auto jump = forward_reverse_run(m, test::spec(m, "up", "60"), 200000, 9, 2);
  const auto loc = forward_reverse_run(m, test::spec(m, "up", "60", ReverseKind::localize, 12), 200000, 10, 2);
  for (int k = 0; k < 2; ++k) EXPECT_LT(std::fabs(test::z_two(jump.counts[k], jump.n, loc.counts[k], loc.n)), 4.0) << k;
}

TEST(RandomWalkMc, BitIdenticalAcrossThreads) {
  Model m = model_file_parse(kBarrierHit);
  const auto a = forward_reverse_run(m, test::spec(m, "down", "30"), 30000, 3, 1);
  const auto b = forward_reverse_run(m, test::spec(m, "down", "30"), 30000, 3, 3);
  EXPECT_EQ(a.counts, b.counts);
  EXPECT_EQ(a.stat_sum, b.stat_sum);
  const Subset si({0}), st({0, 1});
  const TvEstimate x = tv_estimate_run(m, TvSpec{si, st, TimePoint::integer(50), 0}, 30000, 4, 1);
  const TvEstimate y = tv_estimate_run(m, TvSpec{si, st, TimePoint::integer(50), 0}, 30000, 4, 3);
  EXPECT_EQ(x.tv.value, y.tv.value);
  EXPECT_EQ(x.tv.lo, y.tv.lo);
}

}  // namespace
