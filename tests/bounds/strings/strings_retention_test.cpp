// Retention curves of point masses on strings against exact-rational enumeration of every observation
// (tests/bounds/retention_brute_force.hpp) under truncate, ordered-mask and random-mask, with a repeated
// string whose two copies tie in weight (the label goes to the lower index), and the limits of THEORY.md §6.
#include <gtest/gtest.h>

#include <fmt/format.h>

#include "bounds/engine_factory.hpp"
#include "../retention_brute_force.hpp"
#include "model/model_file.hpp"

namespace critwin {
namespace {

const std::vector<std::string> kStrings{"abcabca", "abbacca", "cbcaaca", "abbacca"};
const std::vector<std::string> kWeights{"3/8", "1/4", "1/8", "1/4"};

std::string toml(const std::string& process) {
  return "name = \"s\"\n[mixture]\nweights = [\"3/8\", \"1/4\", \"1/8\", \"1/4\"]\n[components]\nkind = \"strings\"\n"
         "alphabet = \"abc\"\nstrings = [\"abcabca\", \"abbacca\", \"cbcaaca\", \"abbacca\"]\n[process]\n" + process + "\n";
}

brute_exact::Mixture mixture() {
  std::vector<ExactReal> w;
  for (const auto& x : kWeights) w.push_back(*ExactReal::parse(x));
  return brute_exact::strings(kStrings, w);
}

void expect_contains(const Estimate& e, const ExactReal& v, const std::string& what) {
  EXPECT_LE(e.lo, v.to_double()) << what;
  EXPECT_GE(e.hi, v.to_double()) << what;
  EXPECT_NEAR(e.value, v.to_double(), 1e-15) << what;
}

const std::vector<std::vector<int>> kSubsets{{0}, {1}, {3}, {1, 3}, {0, 2}, {0, 1, 2, 3}};

TEST(StringsRetention, DiscreteProcessesMatchEnumeration) {
  const std::vector<int> order{4, 1, 6, 0, 2, 5, 3};
  for (const bool ordered : {false, true}) {
    Model m = model_file_parse(toml(ordered ? "kind = \"ordered-mask\"\norder = [4, 1, 6, 0, 2, 5, 3]" : "kind = \"truncate\""));
    auto engine = exact_engine_make(m, 128);
    for (const auto& s : kSubsets)
      for (int t = 0; t <= 7; ++t) {
        const auto b = brute_exact::retention(mixture(), s, ordered ? brute_exact::ordered(order, t) : brute_exact::truncate(7 - t));
        const auto r = engine->retention(Subset(s), TimePoint::integer(t));
        const std::string what = fmt::format("ordered {} S {} t {}", ordered, fmt::join(s, ","), t);
        expect_contains(r.latent, b.latent, "latent " + what);
        expect_contains(r.label, b.label, "label " + what);
        expect_contains(r.cloning, b.cloning, "cloning " + what);
      }
  }
}

TEST(StringsRetention, RandomMaskMatchesEnumeration) {
  Model m = model_file_parse(toml("kind = \"random-mask\""));
  auto engine = exact_engine_make(m, 128);
  for (const auto& s : kSubsets)
    for (const char* t : {"0", "1/4", "2/3", "1"}) {
      const auto b = brute_exact::retention(mixture(), s, brute_exact::random_mask(*ExactReal::parse(t)));
      const auto r = engine->retention(Subset(s), TimePoint::parse(t, m.process, "t"));
      const std::string what = fmt::format("S {} t {}", fmt::join(s, ","), t);
      expect_contains(r.latent, b.latent, "latent " + what);
      expect_contains(r.label, b.label, "label " + what);
      expect_contains(r.cloning, b.cloning, "cloning " + what);
    }
}

TEST(StringsRetention, E3LimitsAndMonotonicity) {
  Model m = model_file_load(std::string(CRITWIN_SOURCE_DIR) + "/examples/e3_two_strings.toml");
  auto engine = exact_engine_make(m, 128);
  std::vector<TimePoint> ts;
  for (int i = 0; i <= 100; ++i) ts.push_back(TimePoint{ExactReal::from_int(i) / ExactReal::from_int(100), false});
  const auto curve = engine->retention_curve(Subset({0}), ts);
  // Distinct point masses are mutually singular: R(0) = 1; nothing visible: R(1) = w_S = 1/2.
  EXPECT_EQ(curve.front().latent.value, 1.0);
  EXPECT_EQ(curve.front().label.value, 1.0);
  EXPECT_EQ(curve.back().latent.value, 0.5);
  for (size_t i = 1; i < curve.size(); ++i) {
    EXPECT_LE(curve[i].latent.lo, curve[i - 1].latent.hi) << i;
    EXPECT_LE(curve[i].label.lo, curve[i - 1].label.hi) << i;
  }
  // Two strings at Hamming distance d_H = 20: the pair is told apart unless all 20 positions are masked,
  // so R(t) = 1 − t^20 / 2 exactly.
  const auto r = engine->retention(Subset({0}), TimePoint{*ExactReal::parse("9/10"), false});
  EXPECT_NEAR(r.latent.value, 1 - std::pow(0.9, 20) / 2, 1e-15);
}

}  // namespace
}  // namespace critwin
