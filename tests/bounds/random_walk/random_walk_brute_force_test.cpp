// The random-walk engine against an exact-rational enumeration of every ±1 step sequence (absorption and
// pads applied token by token, prefixes collected in maps — no path counts, no groups), the forward–reverse
// law built from its definition, the reflection count against a step-by-step recursion, equality with the
// coin model for prefixes no longer than the barrier, data processing and Theorem 2.
#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "bounds/bernoulli/bernoulli_rational_tv.hpp"
#include "bounds/engine_factory.hpp"
#include "bounds/random_walk/random_walk_paths.hpp"
#include "bounds/random_walk/random_walk_rational_tv.hpp"
#include "bounds/theorem2_window.hpp"
#include "model/model_file.hpp"

namespace critwin {
namespace {

struct Case {
  std::string name;
  std::vector<std::string> probs, weights;
  int length, barrier;
};

std::vector<Case> cases() {
  return {
      {"two symmetric A=2", {"3/5", "2/5"}, {"1/2", "1/2"}, 7, 2},
      {"two unequal A=3", {"0.3", "0.75"}, {"1/3", "2/3"}, 8, 3},
      {"A=1 (absorbed at step 1)", {"0.3", "0.75"}, {"1/3", "2/3"}, 5, 1},
      {"three, repeated prob, A=2", {"0.3", "0.7", "0.3"}, {"1/4", "1/2", "1/4"}, 6, 2},
      {"three A=4", {"0.2", "0.5", "0.85"}, {"1/2", "1/3", "1/6"}, 7, 4},
      {"barrier beyond length", {"0.6", "0.45"}, {"1/5", "4/5"}, 6, 9},
  };
}

std::string list(const std::vector<std::string>& v) {
  std::string s;
  for (const auto& x : v) s += fmt::format("{}\"{}\"", s.empty() ? "" : ", ", x);
  return "[" + s + "]";
}

std::string walk_toml(const std::vector<std::string>& probs, const std::vector<std::string>& weights, int L, int A) {
  return fmt::format("name = \"w\"\n[mixture]\nweights = {}\n[components]\nkind = \"random-walk\"\nlength = {}\n"
                     "barrier = {}\nprobs = {}\n[process]\nkind = \"truncate\"\n",
                     list(weights), L, A, list(probs));
}

ExactReal q(const std::string& s) { return *ExactReal::parse(s); }

// Every token sequence of the walk with its exact probability under each component: 2^L step sequences,
// walked token by token ('+', '-', then '.' pads after reaching ±A); sequences that agree up to absorption
// become the same token string and their probabilities add.
struct Enumeration {
  std::map<std::string, std::vector<ExactReal>> px;  // token string -> p_θ(x)
  std::vector<ExactReal> w;
};

Enumeration enumerate(const Case& c) {
  Enumeration e;
  for (const auto& s : c.weights) e.w.push_back(q(s));
  const size_t K = c.probs.size();
  for (long code = 0; code < (1L << c.length); ++code) {
    std::string x;
    std::vector<ExactReal> pr(K, ExactReal::from_int(1));
    int h = 0;
    for (int i = 0; i < c.length; ++i) {
      if (h == c.barrier || h == -c.barrier) {
        x += '.';
        // The step sequences past absorption all map to the same pads; their mass is kept by summing
        // over them (each later step contributes p + q = 1 in total).
      }
      const bool up = (code >> i) & 1;
      for (size_t k = 0; k < K; ++k) pr[k] = pr[k] * (up ? q(c.probs[k]) : ExactReal::from_int(1) - q(c.probs[k]));
      if (!(h == c.barrier || h == -c.barrier)) {
        x += up ? '+' : '-';
        h += up ? 1 : -1;
      }
    }
    auto& slot = e.px[x];
    if (slot.empty()) slot.assign(K, ExactReal());
    for (size_t k = 0; k < K; ++k) slot[k] = slot[k] + pr[k];
  }
  return e;
}

// p^S(x) for a subset (weights renormalized), per token string.
std::map<std::string, ExactReal> sub_law(const Enumeration& e, const std::vector<int>& s, size_t prefix) {
  ExactReal ws;
  for (int i : s) ws = ws + e.w[i];
  std::map<std::string, ExactReal> out;
  for (const auto& [x, pr] : e.px) {
    ExactReal v;
    for (int i : s) v = v + e.w[i] * pr[i] / ws;
    out[x.substr(0, prefix)] = out[x.substr(0, prefix)] + v;
  }
  return out;
}

ExactReal tv(const std::map<std::string, ExactReal>& a, const std::map<std::string, ExactReal>& b) {
  std::map<std::string, ExactReal> d = a;
  for (const auto& [x, v] : b) d[x] = d[x] - v;
  ExactReal s;
  for (const auto& [x, v] : d) s = s + abs(v);
  return s / ExactReal::from_int(2);
}

// The forward–reverse law p^{S_init, T̂}: X ~ p^{S_init}, Y = first n tokens, X' ~ p(· | Y), from the definition.
std::map<std::string, ExactReal> forward_reverse_law(const Enumeration& e, const std::vector<int>& si, size_t n) {
  std::vector<int> all;
  for (size_t i = 0; i < e.w.size(); ++i) all.push_back(static_cast<int>(i));
  const auto y_init = sub_law(e, si, n), p_full = sub_law(e, all, 1000), p_y = sub_law(e, all, n);
  std::map<std::string, ExactReal> out;
  for (const auto& [x, px] : p_full) {
    const std::string y = x.substr(0, n);
    auto it = y_init.find(y);
    if (it == y_init.end() || it->second.sign() == 0) continue;
    out[x] = it->second * px / p_y.at(y);
  }
  return out;
}

std::vector<std::pair<std::vector<int>, std::vector<int>>> pairs(size_t k) {
  if (k == 2) return {{{0}, {1}}, {{0}, {0}}, {{0}, {0, 1}}, {{1}, {0, 1}}};
  return {{{0}, {1}}, {{1}, {1}}, {{0}, {0, 1}}, {{1}, {0, 1, 2}}, {{2}, {1, 2}}, {{0, 2}, {1}}, {{1}, {0, 2}}};
}

void expect_encloses(const Estimate& e, const ExactReal& exact, const std::string& what) {
  const double v = exact.to_double();
  EXPECT_NE(e.guarantee, Guarantee::estimated) << what;
  EXPECT_LE(e.lo, v + 1e-15) << what;
  EXPECT_GE(e.hi, v - 1e-15) << what;
  EXPECT_LT(e.hi - e.lo, 1e-15) << what << " (enclosure wider than the double rounding of its ends)";
}

TEST(RandomWalkBruteForce, ForwardTvExactAndEnclosed) {
  for (const Case& c : cases()) {
    Model m = model_file_parse(walk_toml(c.probs, c.weights, c.length, c.barrier));
    const auto& walk = *m.family<RandomWalkComponents>();
    auto engine = exact_engine_make(m, 128);
    const Enumeration e = enumerate(c);
    for (int t = 0; t <= c.length; ++t) {
      const size_t n = static_cast<size_t>(c.length - t);
      for (const auto& [a, b] : pairs(c.probs.size())) {
        const std::string what = fmt::format("{} t={} A={{{}}} B={{{}}}", c.name, t, fmt::join(a, ","), fmt::join(b, ","));
        const ExactReal brute = tv(sub_law(e, a, n), sub_law(e, b, n));
        const auto exact = random_walk_rational_forward_tv(m, walk, Subset(a), Subset(b), TimePoint::integer(t));
        ASSERT_TRUE(exact.has_value()) << what;
        EXPECT_TRUE(*exact == brute) << what << ": engine " << exact->to_string() << ", brute force " << brute.to_string();
        expect_encloses(engine->forward_tv(Subset(a), Subset(b), TimePoint::integer(t)), brute, what);
      }
    }
  }
}

TEST(RandomWalkBruteForce, FrTvFromTheDefinition) {
  for (const Case& c : cases()) {
    Model m = model_file_parse(walk_toml(c.probs, c.weights, c.length, c.barrier));
    auto engine = exact_engine_make(m, 128);
    const Enumeration e = enumerate(c);
    for (const auto& [si, st] : pairs(c.probs.size())) {
      // The whole-curve sweep (shared tables, sign-split sums) and the pointwise fr-tv, both against brute force.
      const std::vector<Estimate> curve = engine->fr_tv_curve(Subset(si), Subset(st));
      ASSERT_EQ(curve.size(), static_cast<size_t>(c.length + 1));
      for (int t = 0; t <= c.length; ++t) {
        const size_t n = static_cast<size_t>(c.length - t);
        const std::string what = fmt::format("{} t={} Si={{{}}} St={{{}}}", c.name, t, fmt::join(si, ","), fmt::join(st, ","));
        const ExactReal brute = tv(forward_reverse_law(e, si, n), sub_law(e, st, 1000));
        expect_encloses(engine->fr_tv(Subset(si), Subset(st), TimePoint::integer(t)), brute, what);
        expect_encloses(curve[static_cast<size_t>(t)], brute, "curve " + what);
      }
    }
  }
}

// The strip count by reflection against the recursion N(s, h) = N(s−1, h−1) + N(s−1, h+1) from a start x.
TEST(RandomWalkPaths, ReflectionCountMatchesRecursion) {
  for (long A : {1L, 2L, 3L, 5L, 40L}) {
    for (long x = -(A - 1); x <= A - 1; ++x) {
      std::vector<long> cur(2 * A + 1, 0), next(2 * A + 1, 0);
      cur[x + A] = 1;
      for (long r = 0; r <= 60; ++r) {
        std::vector<Ball> row;
        const long bits = random_walk_reflection_bits(r, A, 128);
        BallPrecisionScope scope(bits);
        row = random_walk_binomial_row(r);
        for (long y = -(A - 1); y <= A - 1; ++y) {
          const Ball count = random_walk_strip_count(r, x, y, A, row);
          ASSERT_TRUE(count.contains(Ball(cur[y + A]))) << "A=" << A << " x=" << x << " y=" << y << " r=" << r
                                                          << ": " << count.to_string() << " vs " << cur[y + A];
          EXPECT_LT(count.rad(), 1e-6) << "A=" << A << " r=" << r;
        }
        std::fill(next.begin(), next.end(), 0);
        for (long h = -(A - 1); h <= A - 1; ++h) next[h + A] = cur[h - 1 + A] + cur[h + 1 + A];
        next[0] = next[2 * A] = 0;
        // Counts grow like 2^r; stop before long overflows.
        cur.swap(next);
      }
    }
  }
}

// For prefixes of at most A tokens no walk has reached a barrier before the prefix ends, so the prefix law
// is the coin model's: the forward TVs agree exactly (rationals) and as enclosures on a long model.
TEST(RandomWalkVsCoins, ShortPrefixesEqualBernoulliProduct) {
  struct P {
    std::vector<std::string> probs, weights;
    int L, A;
  };
  for (const P& c : {P{{"3/5", "2/5"}, {"1/2", "1/2"}, 40, 12}, P{{"0.3", "0.75", "0.5"}, {"1/3", "1/6", "1/2"}, 30, 9}}) {
    Model walk = model_file_parse(walk_toml(c.probs, c.weights, c.L, c.A));
    Model coins = model_file_parse(fmt::format("name = \"c\"\n[mixture]\nweights = {}\n[components]\nkind = "
                                               "\"bernoulli-product\"\nlength = {}\nprobs = {}\n[process]\nkind = \"truncate\"\n",
                                               list(c.weights), c.L, list(c.probs)));
    for (int n = 0; n <= c.A; ++n) {
      const TimePoint t = TimePoint::integer(c.L - n);
      for (const auto& [a, b] : pairs(c.probs.size())) {
        auto w = random_walk_rational_forward_tv(walk, *walk.family<RandomWalkComponents>(), Subset(a), Subset(b), t);
        auto k = bernoulli_rational_forward_tv(coins, *coins.family<BernoulliProductComponents>(), Subset(a), Subset(b), t);
        ASSERT_TRUE(w && k);
        EXPECT_TRUE(*w == *k) << "n=" << n << ": walk " << w->to_string() << ", coins " << k->to_string();
      }
    }
    // On the whole sequence the laws differ (pads replace steps whose likelihood ratios can change sign
    // once the tail is longer than A), so the agreement above is not vacuous.
    const TimePoint past = TimePoint::integer(0);
    auto w = random_walk_rational_forward_tv(walk, *walk.family<RandomWalkComponents>(), Subset({0}), Subset({1}), past);
    auto k = bernoulli_rational_forward_tv(coins, *coins.family<BernoulliProductComponents>(), Subset({0}), Subset({1}), past);
    EXPECT_FALSE(*w == *k);
  }
  // E5's sizes (L = 600, Δ = 0.1) with A = 200: the certified curves overlap up to 200 visible tokens, and
  // the exact tie TV(p_598^heads, p_598) = 1/10 of the coin model is the walk's too.
  Model walk = model_file_parse(walk_toml({"0.6", "0.4"}, {"1/2", "1/2"}, 600, 200));
  Model coins = model_file_load(std::string(CRITWIN_SOURCE_DIR) + "/examples/e5_coins.toml");
  auto we = exact_engine_make(walk, 128), ce = exact_engine_make(coins, 128);
  const Subset heads({0}), tails({1}), all = Subset::all(2);
  for (int n = 0; n <= 200; n += 7) {
    const TimePoint t = TimePoint::integer(600 - n);
    for (const auto& [a, b] : {std::pair{heads, tails}, std::pair{heads, all}}) {
      const Estimate x = we->forward_tv(a, b, t), y = ce->forward_tv(a, b, t);
      EXPECT_LE(x.lo, y.hi) << "n=" << n;
      EXPECT_LE(y.lo, x.hi) << "n=" << n;
      EXPECT_NEAR(x.value, y.value, 1e-25) << "n=" << n;
    }
  }
  auto tie = random_walk_rational_forward_tv(walk, *walk.family<RandomWalkComponents>(), heads, all, TimePoint::integer(598));
  ASSERT_TRUE(tie.has_value());
  EXPECT_TRUE(*tie == q("1/10")) << tie->to_string();
}

}  // namespace
}  // namespace critwin
