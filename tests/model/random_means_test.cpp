// Drawn means (`means = { random = "normal", count = K, seed = S }`): the documented recipe reproduced
// independently with Random123, moments of N(0, 1), seeds that differ, and every bad key named.
#include <gtest/gtest.h>

#include <cmath>

#include <Random123/boxmuller.hpp>
#include <Random123/philox.h>

#include "model/random_means.hpp"
#include "model_file_test_support.hpp"

namespace critwin {
namespace {

const std::string kDrawn = R"(
[mixture]
weights = ["1/3", "1/3", "1/3"]
[components]
kind = "gaussian"
dim = 5
means = { random = "normal", count = 3, seed = 42 }
variance = "1"
[process]
kind = "ou"
)";

using test::edit;
using test::field_of;

TEST(RandomMeans, FollowsTheDocumentedRecipe) {
  const Model m = model_file_parse(kDrawn);
  const auto& g = std::get<GaussianComponents>(m.components);
  ASSERT_EQ(g.means.size(), 3u);
  ASSERT_TRUE(g.random_seed);
  EXPECT_EQ(*g.random_seed, 42u);
  // Counter (j/2, i, 0, 0x4d45414e), key (seed), Box–Muller on the two 64-bit halves.
  r123::Philox4x32 gen;
  for (int i = 0; i < 3; ++i)
    for (int j = 0; j < 5; ++j) {
      const r123::Philox4x32::ctr_type ctr{{static_cast<uint32_t>(j / 2), static_cast<uint32_t>(i), 0u, 0x4d45414eu}};
      const auto r = gen(ctr, r123::Philox4x32::key_type{{42u, 0u}});
      const auto z = r123::boxmuller(r.v[0] | (uint64_t(r.v[1]) << 32), r.v[2] | (uint64_t(r.v[3]) << 32));
      EXPECT_EQ(g.means[i][j].to_double(), j % 2 == 0 ? z.x : z.y) << i << " " << j;
    }
}

TEST(RandomMeans, HaveStandardNormalMomentsAndDependOnTheSeed) {
  const auto mu = random_normal_means(4, 50000, 7);
  double s1 = 0, s2 = 0, s4 = 0, n = 0;
  for (const auto& v : mu)
    for (const auto& x : v) {
      const double d = x.to_double();
      s1 += d, s2 += d * d, s4 += d * d * d * d, n += 1;
    }
  EXPECT_NEAR(s1 / n, 0, 5 / std::sqrt(n));
  EXPECT_NEAR(s2 / n, 1, 5 * std::sqrt(2 / n));
  EXPECT_NEAR(s4 / n, 3, 5 * std::sqrt(96 / n));
  const auto other = random_normal_means(4, 10, 8);
  EXPECT_FALSE(other[0][0] == mu[0][0]);
  EXPECT_TRUE(random_normal_means(4, 10, 7)[3][9] == mu[3][9]);  // a prefix of the longer draw
}

TEST(RandomMeans, EachProblemNamesItsField) {
  const std::vector<std::pair<std::string, std::string>> cases{
      {edit(kDrawn, "count = 3", "count = 4"), "components.means.count"},
      {edit(kDrawn, "count = 3", "count = 0"), "components.means.count"},
      {edit(kDrawn, "count = 3, ", ""), "components.means.count"},
      {edit(kDrawn, R"(random = "normal")", R"(random = "uniform")"), "components.means.random"},
      {edit(kDrawn, R"(random = "normal", )", ""), "components.means.random"},
      {edit(kDrawn, "seed = 42", "seed = -1"), "components.means.seed"},
      {edit(kDrawn, "seed = 42", "seed = 1.5"), "components.means.seed"},
      {edit(kDrawn, ", seed = 42", ""), "components.means.seed"},
      {edit(kDrawn, "seed = 42", "seed = 42, sd = 2"), "components.means.sd"},
  };
  for (const auto& [text, field] : cases) EXPECT_EQ(field_of(text), field) << text;
}

}  // namespace
}  // namespace critwin
