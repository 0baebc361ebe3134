// Properties of the icl engine on models too large for full enumeration: data processing, the limits of
// the fr-tv, BoE Theorem 2 on a grid of ε and subsets, the cost cap, and Example 11 (resampling the last
// answer is the fr-tv at T̂ = 2 with S_init = S_target = {θ*}) against a hand-derived formula.
#include <gtest/gtest.h>

#include <cmath>

#include <fmt/format.h>

#include "bounds/engine_factory.hpp"
#include "bounds/icl/icl_engine.hpp"
#include "bounds/theorem2_window.hpp"
#include "model/input_error.hpp"
#include "model/model_file.hpp"

namespace critwin {
namespace {

std::string labels_model(int examples) {
  return fmt::format(R"(
[mixture]
weights = ["1/2", "1/4", "1/4"]
[components]
kind = "icl"
examples = {}
input_probs = ["1/3", "1/3", "1/3"]
tables = [
  [["9/10", "1/10"], ["1/10", "9/10"], ["1/10", "9/10"]],
  [["9/10", "1/10"], ["1/10", "9/10"], ["9/10", "1/10"]],
  [["1/10", "9/10"], ["9/10", "1/10"], ["1/10", "9/10"]],
]
[process]
kind = "truncate"
)",
                     examples);
}

TEST(IclProperties, ForwardTvNonIncreasingInT) {
  Model m = model_file_parse(labels_model(30));
  auto engine = exact_engine_make(m, 128);
  for (const auto& [a, b] : std::vector<std::pair<Subset, Subset>>{
           {Subset({0}), Subset({1, 2})}, {Subset({0}), Subset::all(3)}, {Subset({1}), Subset({2})}}) {
    double prev_lo = 2;
    for (long t = 0; t <= m.process.length; ++t) {
      Estimate e = engine->forward_tv(a, b, TimePoint::integer(t));
      EXPECT_LE(e.lo, prev_lo + 1e-30) << "t = " << t;
      EXPECT_GE(e.lo, 0.0);
      EXPECT_LE(e.hi, 1.0);
      prev_lo = e.lo;
    }
    EXPECT_EQ(engine->forward_tv(a, b, TimePoint::integer(m.process.length)).hi, 0.0);
  }
}

TEST(IclProperties, FrTvLimits) {
  Model m = model_file_parse(labels_model(8));
  auto engine = exact_engine_make(m, 128);
  const Subset star({0}), all = Subset::all(3);
  // T̂ = 0 returns p^{S_init}; T̂ = 3N resamples everything from p.
  EXPECT_LT(engine->fr_tv(star, star, TimePoint::integer(0)).hi, 1e-30);
  EXPECT_LT(engine->fr_tv(star, all, TimePoint::integer(m.process.length)).hi, 1e-30);
  // Removing only the last delimiter (T̂ = 1) keeps every pair: still p^{S_init}.
  EXPECT_LT(engine->fr_tv(star, star, TimePoint::integer(1)).hi, 1e-30);
}

// Example 11: with S_init = S_target = {θ*}, T̂ = 2 hides the last answer only. Then X' differs from p^{θ*}
// only in the last answer, redrawn from the posterior predictive, and the TV is
//   Σ_{u} P^{θ*}(u) Σ_x π_x ½ Σ_y |Σ_φ P(φ|u) f_φ(y|x) − f_{θ*}(y|x)| = E[P(θ ≠ θ* | u) · ...]
// computed here directly for two tasks with one input, where u is the number of ones among N − 1 answers.
TEST(IclProperties, Example11LastAnswerResampling) {
  const int N = 9;
  Model m = model_file_parse(fmt::format(R"(
[mixture]
weights = ["2/3", "1/3"]
[components]
kind = "icl"
examples = {}
input_probs = ["1"]
tables = [[["1/4", "3/4"]], [["3/5", "2/5"]]]
[process]
kind = "truncate"
)",
                                         N));
  auto engine = exact_engine_make(m, 128);
  const Estimate e = engine->fr_tv(Subset({0}), Subset({0}), TimePoint::integer(2));
  const long double p0 = 0.75L, p1 = 0.4L, w0 = 2.0L / 3, w1 = 1.0L / 3;
  long double tv = 0;
  for (int k = 0; k <= N - 1; ++k) {
    const long double l0 = std::pow(p0, k) * std::pow(1 - p0, N - 1 - k), l1 = std::pow(p1, k) * std::pow(1 - p1, N - 1 - k);
    const long double post0 = w0 * l0 / (w0 * l0 + w1 * l1);
    const long double pred = post0 * p0 + (1 - post0) * p1;  // P(y = 1 | u) after the reverse step
    long double binom = 1;
    for (int i = 0; i < k; ++i) binom = binom * (N - 1 - i) / (i + 1);
    tv += binom * l0 * std::fabs(pred - p0);  // ½(|Δ| + |Δ|) over y ∈ {0, 1}
  }
  EXPECT_NEAR(e.value, static_cast<double>(tv), 1e-15);
  EXPECT_LE(e.lo, static_cast<double>(tv) + 1e-15);
  EXPECT_GE(e.hi, static_cast<double>(tv) - 1e-15);
}

TEST(IclProperties, Theorem2HoldsInsideWindows) {
  Model m = model_file_parse(labels_model(10));
  auto engine = exact_engine_make(m, 128);
  int checked = 0;
  const std::vector<std::pair<Subset, Subset>> pairs{{Subset({0}), Subset({0})},
                                                     {Subset({0}), Subset({0, 1})},
                                                     {Subset({0}), Subset::all(3)},
                                                     {Subset({1}), Subset({1, 2})},
                                                     {Subset({2}), Subset({2})}};
  for (const char* eps_text : {"0.05", "0.1", "0.2", "0.3", "0.45"}) {
    const ExactReal eps = *ExactReal::parse(eps_text);
    for (const auto& [si, st] : pairs) {
      Theorem2Window w = theorem2_window(*engine, si, st, eps);
      if (!w.t_start || !w.t_end || !w.nonempty) continue;
      for (long t = static_cast<long>(w.t_end->value); t <= static_cast<long>(w.t_start->value); ++t) {
        Estimate tv = engine->fr_tv(si, st, TimePoint::integer(t));
        EXPECT_LE(tv.hi, w.bound.hi) << "eps = " << eps_text << " t = " << t;
        ++checked;
      }
    }
  }
  EXPECT_GT(checked, 50);
}

TEST(IclProperties, CostCapNamesTheExamplesField) {
  // Six distinct likelihood patterns (generic table): C(N + 5, 5) tables grow past the cap at N = 400.
  Model m = model_file_parse(R"(
[mixture]
weights = ["1/2", "1/2"]
[components]
kind = "icl"
examples = 400
input_probs = ["1/5", "3/10", "1/2"]
tables = [[["1/3", "2/3"], ["1/7", "6/7"], ["2/5", "3/5"]], [["1/2", "1/2"], ["3/4", "1/4"], ["1/9", "8/9"]]]
[process]
kind = "truncate"
)");
  // Refused when the engine is made (the forward TV with every example visible is the largest sum a window
  // needs); the command line then uses the Monte Carlo engine (tests/samplers/count_mc_engine_test.cpp).
  try {
    exact_engine_make(m, 128);
    FAIL() << "expected an InputError";
  } catch (const InputError& e) {
    EXPECT_EQ(e.field(), "components.examples");
  }
}

}  // namespace
}  // namespace critwin
