// Hellinger affinities of in-context learning (THEORY.md §7, BoE Examples 6/11): the exact BC after n
// examples against an independent binomial sum; the 3-task counterexample to the paper's tensorization
// (exact BC exceeds (1 − δ/2)^n from n = 19 on); the two-task identity BC_n = BC_1^n; the correct bound.
#include <gtest/gtest.h>

#include <cmath>

#include "bounds/icl/icl_affinity.hpp"
#include "bounds/paper/paper_icl.hpp"
#include "model/model_file.hpp"

namespace critwin {
namespace {

Model load(const std::string& name) { return model_file_load(std::string(CRITWIN_SOURCE_DIR) + "/examples/" + name); }

// BC(Bern(1/2)^n, ½ Bern(9/20)^n + ½ Bern(9/10)^n) = Σ_k C(n,k) √(2^-n · mix(k)), directly in balls.
Ball counterexample_bc(long n) {
  const Ball a = Ball::ratio(9, 20), b = Ball::ratio(9, 10);
  Ball total(0), binom(1);
  for (long k = 0; k <= n; ++k) {
    if (k > 0) binom = binom * Ball(n - k + 1) / Ball(k);
    const Ball mix = Ball::ratio(1, 2) * (pow(a, k) * pow(Ball(1) - a, n - k) + pow(b, k) * pow(Ball(1) - b, n - k));
    total += binom * sqrt(pow(Ball::ratio(1, 2), n) * mix);
  }
  return total;
}

TEST(IclTensorization, ExactAffinityMatchesBinomialSum) {
  BallPrecisionScope scope(128);
  Model m = load("icl_tensorization_three_tasks.toml");
  for (long n : {0L, 1L, 2L, 7L, 19L, 40L}) {
    const Ball engine = icl_bhattacharyya(m, Subset({0}), Subset({1, 2}), n);
    const Ball direct = counterexample_bc(n);
    EXPECT_TRUE(engine.contains(direct) || direct.contains(engine) || (engine - direct).contains_zero()) << "n = " << n;
    EXPECT_NEAR(engine.mid(), direct.mid(), 1e-25) << "n = " << n;
  }
}

TEST(IclTensorization, ThreeTasksFailFromNineteenExamples) {
  BallPrecisionScope scope(128);
  Model m = load("icl_tensorization_three_tasks.toml");
  const Ball bc1 = icl_bhattacharyya(m, Subset({0}), Subset({1, 2}), 1);
  for (long n = 1; n <= 40; ++n) {
    const Ball exact = icl_bhattacharyya(m, Subset({0}), Subset({1, 2}), n);
    const Ball tens = pow(bc1, n);
    if (n == 1) EXPECT_TRUE((exact - tens).contains_zero());
    else if (n >= 19) EXPECT_TRUE(exact.certainly_gt(tens)) << "n = " << n;
    else EXPECT_TRUE(exact.certainly_lt(tens)) << "n = " << n;
    // The correct bound Σ_φ √(w_φ/w_rest) BC(P^{θ*}_1, P^φ_1)^n holds at every n.
    Ball correct(0);
    for (int phi : {1, 2})
      correct += sqrt(Ball::ratio(1, 2)) * pow(icl_bhattacharyya(m, Subset({0}), Subset({phi}), 1), n);
    EXPECT_TRUE(exact.certainly_le(correct)) << "n = " << n;
  }
  const IclPaperReport r = paper_e6_report(m, 0, *ExactReal::parse("0.1"), 40);
  ASSERT_TRUE(r.tensorized_holds.has_value());
  EXPECT_FALSE(*r.tensorized_holds);
  EXPECT_TRUE(r.correct_bound_holds);
}

TEST(IclTensorization, TwoTasksTensorizeExactly) {
  BallPrecisionScope scope(128);
  Model m = load("icl_tensorization_two_tasks.toml");
  const Ball bc1 = icl_bhattacharyya(m, Subset({0}), Subset({1}), 1);
  // One example: √(1/2 · 1/10) + √(1/2 · 9/10), by hand.
  EXPECT_TRUE((bc1 - (sqrt(Ball::ratio(1, 20)) + sqrt(Ball::ratio(9, 20)))).contains_zero());
  for (long n = 0; n <= 40; ++n) {
    const Ball diff = icl_bhattacharyya(m, Subset({0}), Subset({1}), n) - pow(bc1, n);
    EXPECT_TRUE(diff.contains_zero()) << "n = " << n;
    EXPECT_LT(diff.rad(), 1e-30) << "n = " << n;
  }
  const IclPaperReport r = paper_e6_report(m, 0, *ExactReal::parse("0.1"), 40);
  EXPECT_TRUE(r.tensorized_equal);
}

TEST(IclTensorization, PointByPointVerdicts) {
  Model three = load("icl_tensorization_three_tasks.toml");
  const auto p3 = paper_e6_tensorization(three, 0, {2, 18, 19, 40});
  ASSERT_EQ(p3.size(), 4u);
  EXPECT_TRUE(p3[0].holds && p3[1].holds);
  EXPECT_TRUE(p3[2].fails && p3[3].fails);
  for (const auto& p : p3) EXPECT_TRUE(p.correct_bound_holds) << p.n;
  Model two = load("icl_tensorization_two_tasks.toml");
  for (const auto& p : paper_e6_tensorization(two, 0, {1, 5, 19, 40})) {
    EXPECT_TRUE(p.holds) << p.n;
    EXPECT_FALSE(p.fails) << p.n;
  }
}

TEST(IclTensorization, PaperConditionsAndTheirWindow) {
  BallPrecisionScope scope(128);
  Model m = load("e6_icl.toml");
  const ExactReal eps = *ExactReal::parse("0.1");
  const IclPaperReport r = paper_e6_report(m, 0, eps, 10);
  // δ = 2(1 − BC_1); n_printed = ln(BC_1/ε); n_proof = ln(1/ε)/ln(1/BC_1) — from the reported BC_1.
  EXPECT_NEAR(r.delta.value, 2 * (1 - r.bc1.value), 1e-15);
  ASSERT_TRUE(r.n_printed && r.n_proof);
  EXPECT_NEAR(r.n_printed->value, std::log(r.bc1.value / 0.1), 1e-12);
  EXPECT_NEAR(r.n_proof->value, std::log(10.0) / -std::log(r.bc1.value), 1e-12);
  EXPECT_GT(r.n_proof->value, r.n_printed->value);  // the printed condition asks for too few examples here
  // The window end of the printed condition: the last t showing ⌈n_printed⌉ complete pairs.
  const long n = static_cast<long>(std::ceil(r.n_printed->value));
  PaperWindow w = paper_e6_window(40, r.bc1.value, eps);
  ASSERT_TRUE(w.t_after.has_value());
  const auto& c = std::get<IclComponents>(m.components);
  const long t = static_cast<long>(w.t_after->value);
  EXPECT_EQ(c.visible_pairs(t), n);
  EXPECT_EQ(c.visible_pairs(t + 1), n - 1);
}

}  // namespace
}  // namespace critwin
