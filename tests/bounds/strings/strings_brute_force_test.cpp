// The strings engine against full enumeration (mask patterns included), the two-string closed form
// TV = 1 − t^d under random masking, the E3 windows against their definitions solved by hand, and the
// enumeration limit.
#include <gtest/gtest.h>

#include <cmath>

#include <fmt/format.h>

#include "bounds/critical_window.hpp"
#include "bounds/engine_factory.hpp"
#include "bounds/theorem2_window.hpp"
#include "../brute_force.hpp"
#include "model/input_error.hpp"
#include "model/model_file.hpp"

namespace critwin {
namespace {

// Four components over "abc", the fourth a copy of the first (a repeated point mass), unequal weights.
const std::vector<std::string> kStrings{"abcabca", "abbacca", "cbcaaca", "abcabca"};
const std::vector<long double> kWeights{0.5L, 0.25L, 0.125L, 0.125L};

std::string toml(const std::string& process) {
  return "name = \"s\"\n[mixture]\nweights = [\"1/2\", \"1/4\", \"1/8\", \"1/8\"]\n[components]\nkind = \"strings\"\n"
         "alphabet = \"abc\"\nstrings = [\"abcabca\", \"abbacca\", \"cbcaaca\", \"abcabca\"]\n[process]\n" + process + "\n";
}

const std::vector<std::pair<std::vector<int>, std::vector<int>>> kPairs{
    {{0}, {1}}, {{0}, {3}}, {{1}, {0, 1, 2, 3}}, {{2}, {1, 2}}, {{0, 3}, {1, 2}}, {{1}, {1}}, {{0}, {0, 2}}};

void expect_match(const Estimate& e, long double brute, const std::string& what) {
  EXPECT_NEAR(e.value, static_cast<double>(brute), 1e-13) << what;
  EXPECT_LE(e.lo, static_cast<double>(brute) + 1e-15) << what;
  EXPECT_GE(e.hi, static_cast<double>(brute) - 1e-15) << what;
}

void check(const std::string& process, const std::vector<std::pair<std::string, brute::Kernel>>& times) {
  Model m = model_file_parse(toml(process));
  auto engine = exact_engine_make(m, 128);
  brute::Mixture bm = brute::strings(kStrings, kWeights);
  for (const auto& [ts, k] : times) {
    TimePoint t = TimePoint::parse(ts, m.process, "t");
    for (const auto& [a, b] : kPairs) {
      const std::string what = fmt::format("{} t = {} A = {} B = {}", process, ts, fmt::join(a, ","), fmt::join(b, ","));
      expect_match(engine->forward_tv(Subset(a), Subset(b), t), brute::forward_tv(bm, a, b, k), "forward " + what);
      expect_match(engine->fr_tv(Subset(a), Subset(b), t), brute::fr_tv(bm, a, b, k), "fr-tv " + what);
    }
  }
}

TEST(StringsBruteForce, Truncate) {
  std::vector<std::pair<std::string, brute::Kernel>> times;
  for (int t = 0; t <= 7; ++t) times.emplace_back(std::to_string(t), brute::truncate(7 - t));
  check("kind = \"truncate\"", times);
}

TEST(StringsBruteForce, OrderedMask) {
  const std::vector<int> order{6, 2, 0, 4, 1, 5, 3};
  std::vector<std::pair<std::string, brute::Kernel>> times;
  for (int t = 0; t <= 7; ++t) times.emplace_back(std::to_string(t), brute::ordered(order, t));
  check("kind = \"ordered-mask\"\norder = [6, 2, 0, 4, 1, 5, 3]", times);
}

TEST(StringsBruteForce, RandomMask) {
  check("kind = \"random-mask\"", {{"0", brute::random_mask(0)},
                                   {"0.1", brute::random_mask(0.1L)},
                                   {"1/3", brute::random_mask(1.0L / 3)},
                                   {"0.75", brute::random_mask(0.75L)},
                                   {"1", brute::random_mask(1)}});
}

Model e3() { return model_file_load(std::string(CRITWIN_SOURCE_DIR) + "/examples/e3_two_strings.toml"); }

// E3: two strings at Hamming distance 20; each differing position is visible w.p. 1 − t, so the
// components are told apart unless all 20 are masked: TV(p_t^+, p_t^−) = 1 − t^20.
TEST(StringsClosedForm, TwoStringsRandomMask) {
  Model m = e3();
  auto engine = exact_engine_make(m, 128);
  for (const char* ts : {"0", "0.05", "0.5", "0.9", "0.97", "0.999", "1"}) {
    const long double t = std::stold(ts);
    const long double want = 1 - std::pow(t, 20.0L);
    Estimate e = engine->forward_tv(Subset({0}), Subset({1}), TimePoint::parse(ts, m.process, "t"));
    EXPECT_LE(e.lo, static_cast<double>(want) + 1e-16) << ts;
    EXPECT_GE(e.hi, static_cast<double>(want) - 1e-16) << ts;
    EXPECT_LT(e.width(), 1e-15) << ts;
  }
}

// Windows of E3 from the definitions, solved by hand with TV(+,−) = 1 − t^20 and
// TV(p^+, p^{+,−}) = (1 − t^20)/2:
//   T_start(S_target = {+}) = (ε²)^{1/20},  T_end(S_init = {+}, S_target = {+,−}) = (1 − 2ε)^{1/20},
//   T_after = (ε²)^{1/20},  T_before = (1 − 2ε)^{1/20}.
TEST(StringsClosedForm, E3Windows) {
  Model m = e3();
  auto engine = exact_engine_make(m, 128);
  for (const char* es : {"0.2", "0.1", "0.01"}) {
    const double eps = std::stod(es);
    const ExactReal e = *ExactReal::parse(es);
    const double after = std::pow(eps * eps, 1.0 / 20), before = std::pow(1 - 2 * eps, 1.0 / 20);
    Theorem2Window w1 = theorem2_window(*engine, Subset({0}), Subset({0}), e);
    ASSERT_TRUE(w1.t_start && w1.t_end);
    EXPECT_NEAR(w1.t_start->value, after, 1e-12) << es;
    EXPECT_EQ(w1.t_end->value, 0) << es;  // TV(p^+, p^+) = 0 already at t = 0
    Theorem2Window w2 = theorem2_window(*engine, Subset({0}), Subset({0, 1}), e);
    ASSERT_TRUE(w2.t_start && w2.t_end);
    EXPECT_EQ(w2.t_start->value, 1) << es;  // Θ ∖ S_target empty: sup I
    EXPECT_NEAR(w2.t_end->value, before, 1e-12) << es;
    EXPECT_LE(w2.t_end->lo, before + 1e-15);
    EXPECT_GE(w2.t_end->hi, before - 1e-15);
    CriticalWindow cw = critical_window(*engine, Subset({0}), Subset({0, 1}), e);
    ASSERT_TRUE(cw.t_after && cw.t_before);
    EXPECT_NEAR(cw.t_after->value, after, 1e-12) << es;
    EXPECT_NEAR(cw.t_before->value, before, 1e-12) << es;
  }
}

// Three strings whose one differing type has c = 3 positions: the closed-form crossing of a single type
// must agree with bisection on the same TV curve (a model whose crossing has no closed form).
TEST(StringsClosedForm, SingleTypeCrossingMatchesBisection) {
  Model m = model_file_parse(
      "name = \"x\"\n[mixture]\nweights = [\"1/5\", \"3/10\", \"1/2\"]\n[components]\nkind = \"strings\"\n"
      "alphabet = \"xyz\"\nstrings = [\"xxyxyx\", \"xzyxzz\", \"xxyxyx\"]\n[process]\nkind = \"random-mask\"\n");
  auto engine = exact_engine_make(m, 128);
  const Ball level = Ball::ratio(1, 4);
  auto cf = engine->forward_tv_crossing(Subset({1}), Subset({0, 2}), level);
  ASSERT_TRUE(cf.has_value());
  // TV at full visibility is 1 (disjoint supports), so t* = (1 − 1/4)^{1/3}.
  EXPECT_NEAR(cf->value, std::cbrt(0.75), 1e-14);
  // The TV just either side of the crossing is on the right side of the level.
  auto tv_at = [&](double t) { return engine->forward_tv(Subset({1}), Subset({0, 2}), TimePoint{ExactReal::from_double(t), false}); };
  EXPECT_GT(tv_at(cf->lo - 1e-9).lo, 0.25);
  EXPECT_LT(tv_at(cf->hi + 1e-9).hi, 0.25);
}

TEST(StringsLimits, TooManyColumnTypesUnderRandomMask) {
  // 6 binary strings whose columns run through 62 different non-constant patterns: 31 partitions, 2^31 subsets.
  std::vector<std::string> s(6);
  for (int col = 1; col <= 62; ++col)
    for (int k = 0; k < 6; ++k) s[k] += ((col >> k) & 1) ? 'b' : 'a';
  std::string list;
  for (const auto& x : s) list += fmt::format("{}\"{}\"", list.empty() ? "" : ", ", x);
  const std::string text = "name = \"big\"\n[mixture]\nweights = [\"1/6\", \"1/6\", \"1/6\", \"1/6\", \"1/6\", \"1/6\"]\n"
                           "[components]\nkind = \"strings\"\nalphabet = \"ab\"\nstrings = [" + list + "]\n[process]\n";
  Model rm = model_file_parse(text + "kind = \"random-mask\"\n");
  try {
    exact_engine_make(rm, 128);
    FAIL() << "expected an InputError";
  } catch (const InputError& e) {
    EXPECT_EQ(e.field(), "components.strings");
    EXPECT_NE(std::string(e.what()).find("N = 31"), std::string::npos) << e.what();
  }
  // Deterministic visibility needs no enumeration: the same strings under truncate are fine.
  Model tm = model_file_parse(text + "kind = \"truncate\"\n");
  auto engine = exact_engine_make(tm, 128);
  EXPECT_NEAR(engine->forward_tv(Subset({0}), Subset({1}), TimePoint::integer(0)).value, 1.0, 1e-15);
}

}  // namespace
}  // namespace critwin
