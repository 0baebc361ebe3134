// categorical-product Monte Carlo: the TV estimator's interval contains the exact fr-tv (bounds/), and the
// forward–reverse label frequencies (jump and localize, all three processes) contain the exact label law
// computed here by enumerating every sequence and mask pattern in long double.
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

// Three components, 3 symbols, 4 positions (zeros, a shared row, a repeated row), unequal weights.
const char* kModel = R"(
[mixture]
weights = ["1/2", "1/3", "1/6"]
[components]
kind = "categorical-product"
alphabet = ["a", "b", "c"]
length = 4
tables = [
  [ ["1/2", "1/4", "1/4"], { probs = ["1/2", "1/2", "0"], repeat = 2 }, ["1/5", "0", "4/5"] ],
  [ ["1/2", "1/4", "1/4"], { probs = ["1/4", "1/4", "1/2"], repeat = 2 }, ["1/5", "0", "4/5"] ],
  [ ["1/2", "1/4", "1/4"], ["0", "1/4", "3/4"], ["1/8", "1/8", "3/4"], ["1/10", "1/2", "2/5"] ],
]
[process]
)";

using LD = long double;
const std::vector<LD> kW{0.5L, 1.0L / 3, 1.0L / 6};
const std::vector<std::vector<std::vector<LD>>> kRows{  // [θ][pos][v]
    {{0.5L, 0.25L, 0.25L}, {0.5L, 0.5L, 0}, {0.5L, 0.5L, 0}, {0.2L, 0, 0.8L}},
    {{0.5L, 0.25L, 0.25L}, {0.25L, 0.25L, 0.5L}, {0.25L, 0.25L, 0.5L}, {0.2L, 0, 0.8L}},
    {{0.5L, 0.25L, 0.25L}, {0, 0.25L, 0.75L}, {0.125L, 0.125L, 0.75L}, {0.1L, 0.5L, 0.4L}}};

// Law of label(X') in the forward–reverse experiment, from its definition: Σ_y P_init(y) p(x' | y), with
// hidden[mask] the mask patterns and their probabilities.
std::vector<LD> exact_label_law(const std::vector<int>& s_init, const std::vector<std::pair<int, LD>>& masks) {
  const int L = 4, V = 3, K = 3;
  std::vector<std::vector<int>> xs;
  for (int code = 0; code < 81; ++code) {
    std::vector<int> x(L);
    for (int i = 0, c = code; i < L; ++i, c /= V) x[i] = c % V;
    xs.push_back(x);
  }
  auto px = [&](int th, const std::vector<int>& x) {
    LD p = 1;
    for (int i = 0; i < L; ++i) p *= kRows[th][i][x[i]];
    return p;
  };
  LD wi = 0;
  for (int th : s_init) wi += kW[th];
  auto key = [&](const std::vector<int>& x, int mask) {
    std::string k;
    for (int i = 0; i < L; ++i) k += (mask >> i & 1) ? '?' : static_cast<char>('0' + x[i]);
    return k;
  };
  std::map<std::string, LD> py_init, py;
  for (const auto& x : xs)
    for (const auto& [mask, pm] : masks) {
      LD pi = 0, pa = 0;
      for (int th = 0; th < K; ++th) {
        pa += kW[th] * px(th, x);
        for (int s : s_init)
          if (s == th) pi += kW[th] / wi * px(th, x);
      }
      py_init[key(x, mask)] += pi * pm;
      py[key(x, mask)] += pa * pm;
    }
  std::vector<LD> out(K, 0);
  for (const auto& x : xs) {
    LD pa = 0, best = -1;
    int label = 0;
    for (int th = 0; th < K; ++th) {
      pa += kW[th] * px(th, x);
      if (kW[th] * px(th, x) > best) best = kW[th] * px(th, x), label = th;
    }
    for (const auto& [mask, pm] : masks) {
      const std::string k = key(x, mask);
      if (py[k] > 0) out[label] += py_init[k] * pa * pm / py[k];
    }
  }
  return out;
}

Model model(const std::string& process) { return model_file_parse(std::string(kModel) + process + "\n"); }

void check_labels(const Model& m, const std::string& s_init, const std::vector<int>& si, const std::string& t,
                  const std::vector<std::pair<int, LD>>& masks, ReverseKind r, int steps) {
  const std::vector<LD> exact = exact_label_law(si, masks);
  LabelCounts c = forward_reverse_run(m, test::spec(m, s_init, t, r, steps), 200000, 77, 2);
  for (int k = 0; k < 3; ++k)
    test::expect_in(c.freq(k), static_cast<double>(exact[k]), "t = " + t + " label " + std::to_string(k));
}

}  // namespace

TEST(CategoricalMc, TvEstimateContainsExactFrTv) {
  for (const std::string process : {"kind = \"truncate\"", "kind = \"ordered-mask\"\norder = [1, 3, 0, 2]"}) {
    Model m = model(process);
    auto engine = exact_engine_make(m, 128);
    for (const auto& [si, st, t] : std::vector<std::tuple<std::string, std::string, long>>{
             {"0", "0", 1}, {"0", "0,1", 2}, {"2", "2", 3}, {"1", "0,1,2", 4}}) {
      const Subset a = Subset::parse(si, m, "a"), b = Subset::parse(st, m, "b");
      const Estimate exact = engine->fr_tv(a, b, TimePoint::integer(t));
      const TvEstimate e = tv_estimate_run(m, TvSpec{a, b, TimePoint::integer(t), 0}, 20000, 2024, 2);
      EXPECT_LE(e.tv.lo, exact.hi) << process << " " << si << " " << st << " " << t << ": " << e.tv.value << " vs " << exact.value;
      EXPECT_GE(e.tv.hi, exact.lo) << process << " " << si << " " << st << " " << t << ": " << e.tv.value << " vs " << exact.value;
    }
  }
  // The bundled E4 example at T̂ inside and outside its window.
  Model e4 = model_file_load(std::string(CRITWIN_SOURCE_DIR) + "/examples/e4_critical_tokens.toml");
  auto engine = exact_engine_make(e4, 128);
  for (long t : {4L, 8L, 12L}) {
    const Subset a({0});
    const Estimate exact = engine->fr_tv(a, a, TimePoint::integer(t));
    const TvEstimate e = tv_estimate_run(e4, TvSpec{a, a, TimePoint::integer(t), 0}, 20000, 99, 2);
    EXPECT_LE(e.tv.lo, exact.hi) << t << ": " << e.tv.value << " vs " << exact.value;
    EXPECT_GE(e.tv.hi, exact.lo) << t << ": " << e.tv.value << " vs " << exact.value;
  }
}

TEST(CategoricalMc, LabelLawTruncateAndOrdered) {
  Model tr = model("kind = \"truncate\"");
  check_labels(tr, "0", {0}, "2", {{0b1100, 1}}, ReverseKind::jump, 0);
  check_labels(tr, "2", {2}, "3", {{0b1110, 1}}, ReverseKind::localize, 3);
  Model om = model("kind = \"ordered-mask\"\norder = [1, 3, 0, 2]");
  check_labels(om, "1,2", {1, 2}, "2", {{0b1010, 1}}, ReverseKind::jump, 0);
  check_labels(om, "0", {0}, "3", {{0b1011, 1}}, ReverseKind::localize, 2);
}

TEST(CategoricalMc, LabelLawRandomMask) {
  Model m = model("kind = \"random-mask\"");
  const LD t = 0.6L;
  std::vector<std::pair<int, LD>> masks;
  for (int mask = 0; mask < 16; ++mask) {
    LD p = 1;
    for (int i = 0; i < 4; ++i) p *= (mask >> i & 1) ? t : 1 - t;
    masks.emplace_back(mask, p);
  }
  check_labels(m, "0", {0}, "0.6", masks, ReverseKind::jump, 0);
  check_labels(m, "2", {2}, "0.6", masks, ReverseKind::localize, 4);
  // The TV estimator runs under random masking (its inner average over masks).
  const TvEstimate e = tv_estimate_run(m, TvSpec{Subset({0}), Subset({0}), TimePoint::parse("0.6", m.process, "t"), 0},
                                       2000, 5, 2);
  EXPECT_GE(e.tv.value, 0.0);
  EXPECT_LE(e.tv.value, 1.0);
}

TEST(CategoricalMc, BitIdenticalAcrossThreads) {
  Model m = model("kind = \"random-mask\"");
  const ExperimentSpec s = test::spec(m, "0,2", "0.3", ReverseKind::localize, 3);
  LabelCounts a = forward_reverse_run(m, s, 30000, 5, 1), b = forward_reverse_run(m, s, 30000, 5, 4);
  EXPECT_EQ(a.counts, b.counts);
  EXPECT_EQ(a.stat_sum, b.stat_sum);
}
