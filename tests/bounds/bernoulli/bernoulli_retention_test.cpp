// Bernoulli-product retention curves against exact-rational enumeration of {0,1}^L and of every observation
// (tests/bounds/retention_brute_force.hpp): truncate, ordered-mask and random-mask, repeated probabilities,
// unequal weights, the exact label tie of two symmetric coins, and the limits and monotonicity of THEORY.md §6.
#include <gtest/gtest.h>

#include <fmt/format.h>

#include "bounds/bernoulli/bernoulli_retention.hpp"
#include "bounds/engine_factory.hpp"
#include "../retention_brute_force.hpp"
#include "model/input_error.hpp"
#include "model/model_file.hpp"

namespace critwin {
namespace {

struct Case {
  std::vector<std::string> probs, weights;
};

std::string toml(const Case& c, int L, const std::string& process) {
  auto list = [](const std::vector<std::string>& v) {
    std::string s;
    for (const auto& x : v) s += fmt::format("{}\"{}\"", s.empty() ? "" : ", ", x);
    return "[" + s + "]";
  };
  return fmt::format("name = \"t\"\n[mixture]\nweights = {}\n[components]\nkind = \"bernoulli-product\"\nlength = {}\n"
                     "probs = {}\n[process]\n{}\n",
                     list(c.weights), L, list(c.probs), process);
}

std::vector<ExactReal> exact(const std::vector<std::string>& v) {
  std::vector<ExactReal> out;
  for (const auto& x : v) out.push_back(*ExactReal::parse(x));
  return out;
}

// The certified enclosure contains the exact rational.
void expect_contains(const Estimate& e, const ExactReal& v, const std::string& what) {
  const double d = v.to_double();
  EXPECT_LE(e.lo, d + 1e-300) << what;
  EXPECT_GE(e.hi, d - 1e-300) << what;
  EXPECT_NEAR(e.value, d, 1e-15) << what;
  EXPECT_TRUE(e.guarantee == Guarantee::certified || e.guarantee == Guarantee::exact) << what;
}

const std::vector<Case> kCases = {
    {{"3/5", "2/5"}, {"1/2", "1/2"}},                  // E5-like: exact label tie at K = L/2
    {{"1/5", "1/2", "17/20"}, {"1/2", "1/3", "1/6"}},  // three, unequal weights
    {{"3/10", "7/10", "3/10"}, {"1/4", "1/2", "1/4"}}, // repeated probability: one posterior group
};

std::vector<std::vector<int>> subsets(int k) {
  if (k == 2) return {{0}, {1}, {0, 1}};
  return {{0}, {1}, {2}, {0, 2}, {1, 2}};
}

TEST(BernoulliRetention, TruncateAndOrderedMaskMatchEnumeration) {
  const int L = 5;
  for (const auto& c : kCases)
    for (const std::string process : {"kind = \"truncate\"", "kind = \"ordered-mask\"\norder = [3, 0, 4, 1, 2]"}) {
      Model m = model_file_parse(toml(c, L, process));
      auto engine = exact_engine_make(m, 128);
      const auto bm = brute_exact::bernoulli(L, exact(c.probs), exact(c.weights));
      for (const auto& s : subsets(m.size())) {
        std::vector<TimePoint> ts;
        for (int t = 0; t <= L; ++t) ts.push_back(TimePoint::integer(t));
        const auto curve = engine->retention_curve(Subset(s), ts);
        for (int t = 0; t <= L; ++t) {
          const bool ordered = process.find("ordered") != std::string::npos;
          const auto b = brute_exact::retention(
              bm, s, ordered ? brute_exact::ordered({3, 0, 4, 1, 2}, t) : brute_exact::truncate(L - t));
          const std::string what = fmt::format("{} / {} / S size {} / t {}", c.probs[0], process, s.size(), t);
          expect_contains(curve[t].latent, b.latent, "latent " + what);
          expect_contains(curve[t].label, b.label, "label " + what);
          expect_contains(curve[t].cloning, b.cloning, "cloning " + what);
        }
      }
    }
}

TEST(BernoulliRetention, RandomMaskMatchesEnumeration) {
  const int L = 4;
  for (const auto& c : kCases) {
    Model m = model_file_parse(toml(c, L, "kind = \"random-mask\""));
    auto engine = exact_engine_make(m, 128);
    const auto bm = brute_exact::bernoulli(L, exact(c.probs), exact(c.weights));
    for (const auto& s : subsets(m.size()))
      for (const char* t : {"0", "1/3", "7/10", "1"}) {
        const auto b = brute_exact::retention(bm, s, brute_exact::random_mask(*ExactReal::parse(t)));
        const auto r = engine->retention(Subset(s), TimePoint::parse(t, m.process, "t"));
        const std::string what = fmt::format("{} / t {}", c.probs[0], t);
        expect_contains(r.latent, b.latent, "latent " + what);
        expect_contains(r.label, b.label, "label " + what);
        expect_contains(r.cloning, b.cloning, "cloning " + what);
      }
  }
}

TEST(BernoulliRetention, ExactLabelTieGoesToTheLowestIndex) {
  // Bernoulli(3/5) vs Bernoulli(2/5), weights ½, L = 600: at 300 ones the two scores are equal exactly.
  Model m = model_file_parse(toml(kCases[0], 600, "kind = \"truncate\""));
  const auto labels = bernoulli_labels_by_ones(m);
  EXPECT_EQ(labels[300], 0);
  EXPECT_EQ(labels[299], 1);
  EXPECT_EQ(labels[301], 0);
}

TEST(BernoulliRetention, E5CurveLimitsAndMonotonicity) {
  Model m = model_file_parse(toml(kCases[0], 600, "kind = \"truncate\""));
  auto engine = exact_engine_make(m, 128);
  std::vector<TimePoint> ts;
  for (int t = 0; t <= 600; ++t) ts.push_back(TimePoint::integer(t));
  const auto curve = engine->retention_curve(Subset({0}), ts);
  // R(sup I) = w_S exactly: nothing is visible, the posterior is the prior.
  EXPECT_EQ(curve[600].latent.lo, 0.5);
  EXPECT_EQ(curve[600].latent.hi, 0.5);
  EXPECT_EQ(curve[600].cloning.value, 0.5);  // Σ w_θ²
  // R(0) < 1 (the coins are not mutually singular) but within 1e-6 of it at L = 600.
  EXPECT_LT(curve[0].latent.hi, 1.0);
  EXPECT_GT(curve[0].latent.lo, 1 - 1e-6);
  for (int t = 1; t <= 600; ++t) {
    EXPECT_LE(curve[t].latent.lo, curve[t - 1].latent.hi) << t;
    EXPECT_LE(curve[t].label.lo, curve[t - 1].label.hi) << t;
    EXPECT_LE(curve[t].cloning.lo, curve[t - 1].cloning.hi) << t;
    // Latent retention of S lies in [w_S, 1].
    EXPECT_GE(curve[t].latent.hi, 0.5) << t;
  }
  // Symmetric model: the cloning probability equals the latent retention of either coin.
  for (int t = 0; t <= 600; t += 50) EXPECT_NEAR(curve[t].cloning.value, curve[t].latent.value, 1e-15) << t;
}

TEST(BernoulliRetention, BadInputNamesTheQuantity) {
  Model m = model_file_parse(toml(kCases[0], 10, "kind = \"truncate\""));
  auto engine = exact_engine_make(m, 128);
  try {
    engine->retention(Subset(), TimePoint::integer(1));
    FAIL() << "empty S_init accepted";
  } catch (const InputError& e) {
    EXPECT_EQ(e.field(), "s_init");
  }
  try {
    engine->retention(Subset({0}), TimePoint::integer(11));
    FAIL() << "T̂ beyond the index set accepted";
  } catch (const InputError& e) {
    EXPECT_EQ(e.field(), "t_hat");
  }
  Model big = model_file_parse(toml(kCases[0], static_cast<int>(kRetentionMaxLength) + 1, "kind = \"truncate\""));
  try {
    exact_engine_make(big, 128)->retention(Subset({0}), TimePoint::integer(1));
    FAIL() << "length beyond the limit accepted";
  } catch (const InputError& e) {
    EXPECT_EQ(e.field(), "components.length");
  }
}

}  // namespace
}  // namespace critwin
