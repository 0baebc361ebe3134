// The Monte Carlo engine for Gaussian mixtures without an exact path: its 99.9% intervals contain the
// exact values where those exist (three atoms in the plane; single-component pairs inside a refused
// four-mean model, TV = erf(‖μ_a − μ_b‖e^{−t}/(2√2)) by the closed form written here), windows bracket
// exact endpoints, and results are bit-identical at any thread count.
#include <gtest/gtest.h>

#include <cmath>

#include "bounds/critical_window.hpp"
#include "bounds/engine_factory.hpp"
#include "bounds/exact_engine.hpp"
#include "model/input_error.hpp"
#include "model/model_file.hpp"
#include "samplers/gaussian/gaussian_mc_engine.hpp"

using namespace critwin;

namespace {

Model four_in_3d() {
  return model_file_parse(
      "name = \"four\"\n[mixture]\nweights = [\"1/4\", \"1/4\", \"1/4\", \"1/4\"]\nlabels = [\"a\", \"b\", \"c\", \"d\"]\n"
      "[components]\nkind = \"gaussian\"\ndim = 5\n"
      "means = [[\"0\", \"0\", \"0\", \"0\", \"0\"], [\"3\", \"0\", \"0\", \"0\", \"0\"], [\"0\", \"2\", \"0\", \"0\", \"0\"], "
      "[\"0\", \"0\", \"4\", \"0\", \"0\"]]\nvariance = \"1\"\n[process]\nkind = \"ou\"\n");
}

TimePoint at(double t) { return TimePoint{ExactReal::from_double(t), false}; }

TEST(GaussianMcEngine, RefusedModelPairsContainTheErfClosedForm) {
  Model m = four_in_3d();
  EXPECT_THROW(exact_engine_make(m, 128), InputError);
  EXPECT_EQ(gaussian_mc_span_dimension(m), 3);
  auto mc = gaussian_mc_engine_make(m, 128, McEngineOptions{200000, 7, 2});
  const double dist[4][4] = {{0, 3, 2, 4}, {3, 0, std::sqrt(13.0), 5}, {2, std::sqrt(13.0), 0, std::sqrt(20.0)},
                             {4, 5, std::sqrt(20.0), 0}};
  for (double t : {0.0, 0.4, 1.5})
    for (int a = 0; a < 4; ++a)
      for (int b = a + 1; b < 4; ++b) {
        const double exact = std::erf(dist[a][b] * std::exp(-t) / (2 * std::sqrt(2.0)));
        const Estimate e = mc->forward_tv(Subset({a}), Subset({b}), at(t));
        EXPECT_EQ(e.guarantee, Guarantee::monte_carlo);
        EXPECT_LE(e.lo, exact) << t << " " << a << b;
        EXPECT_GE(e.hi, exact) << t << " " << a << b;
        EXPECT_LT(e.hi - e.lo, 0.03);
      }
}

TEST(GaussianMcEngine, AgreesWithTheExactEngineInThePlane) {
  Model m = model_file_load(std::string(CRITWIN_SOURCE_DIR) + "/examples/gaussians_three_plane.toml");
  auto exact = exact_engine_make(m, 128);
  auto mc = gaussian_mc_engine_make(m, 128, McEngineOptions{100000, 3, 2});
  auto mc_fr = gaussian_mc_engine_make(m, 128, McEngineOptions{10000, 3, 2});  // fr-tv: 256 inner draws each
  for (double t : {0.2, 0.8}) {
    const Estimate x = exact->forward_tv(Subset({0}), Subset({1, 2}), at(t));
    const Estimate e = mc->forward_tv(Subset({0}), Subset({1, 2}), at(t));
    EXPECT_LE(e.lo, x.value);
    EXPECT_GE(e.hi, x.value);
    const Estimate fx = exact->fr_tv(Subset({0}), Subset({0, 1}), at(t));
    const Estimate fe = mc_fr->fr_tv(Subset({0}), Subset({0, 1}), at(t));
    EXPECT_EQ(fe.guarantee, Guarantee::monte_carlo);
    EXPECT_LE(fe.lo, fx.value);
    EXPECT_GE(fe.hi, fx.value);
  }
  // Window endpoints: the Monte Carlo interval contains the exact endpoint.
  const ExactReal eps = *ExactReal::parse("0.1");
  const CriticalWindow cx = critical_window(*exact, Subset({0}), Subset({0, 1, 2}), eps);
  const CriticalWindow ce = critical_window(*mc, Subset({0}), Subset({0, 1, 2}), eps);
  ASSERT_TRUE(cx.t_before && ce.t_before);
  EXPECT_EQ(ce.t_before->guarantee, Guarantee::monte_carlo);
  EXPECT_LE(ce.t_before->lo, cx.t_before->value);
  EXPECT_GE(ce.t_before->hi, cx.t_before->value);
  EXPECT_LT(ce.t_before->hi - ce.t_before->lo, 0.2);
}

TEST(GaussianMcEngine, BitIdenticalAtAnyThreadCount) {
  Model m = four_in_3d();
  auto one = gaussian_mc_engine_make(m, 128, McEngineOptions{50000, 11, 1});
  auto two = gaussian_mc_engine_make(m, 128, McEngineOptions{50000, 11, 2});
  const Estimate a = one->forward_tv(Subset({0}), Subset({1, 2, 3}), at(0.7));
  const Estimate b = two->forward_tv(Subset({0}), Subset({1, 2, 3}), at(0.7));
  EXPECT_EQ(a.value, b.value);
  EXPECT_EQ(a.lo, b.lo);
  EXPECT_EQ(a.hi, b.hi);
  const CriticalWindow c1 = critical_window(*one, Subset({0}), Subset({0, 1, 2, 3}), *ExactReal::parse("0.2"));
  const CriticalWindow c2 = critical_window(*two, Subset({0}), Subset({0, 1, 2, 3}), *ExactReal::parse("0.2"));
  ASSERT_TRUE(c1.t_before && c2.t_before);
  EXPECT_EQ(c1.t_before->lo, c2.t_before->lo);
  EXPECT_EQ(c1.t_before->hi, c2.t_before->hi);
}

}  // namespace
