// The Bernoulli-product engine against full enumeration of {0,1}^L (tests/bounds/brute_force.hpp):
// forward TV and the forward–reverse TV from its definition, for truncate, ordered-mask and random-mask,
// unequal weights, three components, repeated probabilities and subsets that are not nested.
#include <gtest/gtest.h>

#include <fmt/format.h>

#include "bounds/engine_factory.hpp"
#include "../brute_force.hpp"
#include "model/model_file.hpp"

namespace critwin {
namespace {

struct Case {
  std::string name;
  std::vector<std::string> probs_text;  // exact strings for the model file
  std::vector<long double> probs;       // the same numbers for the brute force
  std::vector<std::string> weights_text;
  std::vector<long double> weights;
};

std::vector<Case> cases() {
  return {
      {"two unequal", {"0.3", "0.75"}, {0.3L, 0.75L}, {"1/3", "2/3"}, {1.0L / 3, 2.0L / 3}},
      {"three", {"0.2", "0.5", "0.85"}, {0.2L, 0.5L, 0.85L}, {"1/2", "1/3", "1/6"}, {0.5L, 1.0L / 3, 1.0L / 6}},
      {"repeated prob", {"0.3", "0.7", "0.3"}, {0.3L, 0.7L, 0.3L}, {"1/4", "1/2", "1/4"}, {0.25L, 0.5L, 0.25L}},
  };
}

std::string toml(const Case& c, int L, const std::string& process) {
  auto list = [](const std::vector<std::string>& v) {
    std::string s;
    for (const auto& x : v) s += fmt::format("{}\"{}\"", s.empty() ? "" : ", ", x);
    return "[" + s + "]";
  };
  return fmt::format("name = \"t\"\n[mixture]\nweights = {}\n[components]\nkind = \"bernoulli-product\"\nlength = {}\n"
                     "probs = {}\n[process]\n{}\n",
                     list(c.weights_text), L, list(c.probs_text), process);
}

// Subset pairs exercised everywhere: nested, disjoint, overlapping, whole mixture.
std::vector<std::pair<std::vector<int>, std::vector<int>>> pairs(int k) {
  if (k == 2) return {{{0}, {1}}, {{0}, {0}}, {{0}, {0, 1}}, {{1}, {0, 1}}};
  return {{{0}, {1}}, {{1}, {1}}, {{0}, {0, 1}}, {{1}, {0, 1, 2}}, {{2}, {1, 2}}, {{0, 2}, {1}}, {{1}, {0, 2}}};
}

void expect_match(const Estimate& e, long double brute, const std::string& what) {
  EXPECT_NEAR(e.value, static_cast<double>(brute), 1e-13) << what;
  EXPECT_LE(e.lo, static_cast<double>(brute) + 1e-15) << what;
  EXPECT_GE(e.hi, static_cast<double>(brute) - 1e-15) << what;
  EXPECT_NE(e.guarantee, Guarantee::estimated) << what;  // exact when the ball has radius 0
}

void check(const Case& c, int L, const std::string& process_toml, const std::vector<std::string>& times,
           const std::function<brute::Kernel(const std::string&)>& kernel) {
  Model m = model_file_parse(toml(c, L, process_toml));
  auto engine = exact_engine_make(m, 128);
  brute::Mixture bm = brute::bernoulli(L, c.probs, c.weights);
  for (const auto& ts : times) {
    TimePoint t = TimePoint::parse(ts, m.process, "t");
    brute::Kernel k = kernel(ts);
    for (const auto& [a, b] : pairs(m.size())) {
      const std::string what = fmt::format("{} / {} / t = {} / A = {}, B = {}", c.name, process_toml, ts,
                                           fmt::join(a, ","), fmt::join(b, ","));
      expect_match(engine->forward_tv(Subset(a), Subset(b), t), brute::forward_tv(bm, a, b, k), "forward " + what);
      expect_match(engine->fr_tv(Subset(a), Subset(b), t), brute::fr_tv(bm, a, b, k), "fr-tv " + what);
    }
  }
}

TEST(BernoulliBruteForce, Truncate) {
  const int L = 7;
  std::vector<std::string> times;
  for (int t = 0; t <= L; ++t) times.push_back(std::to_string(t));
  for (const auto& c : cases())
    check(c, L, "kind = \"truncate\"", times, [&](const std::string& ts) { return brute::truncate(L - std::stoi(ts)); });
}

TEST(BernoulliBruteForce, OrderedMask) {
  const int L = 7;
  const std::vector<int> order{3, 0, 6, 1, 5, 2, 4};
  std::vector<std::string> times;
  for (int t = 0; t <= L; ++t) times.push_back(std::to_string(t));
  for (const auto& c : cases())
    check(c, L, "kind = \"ordered-mask\"\norder = [3, 0, 6, 1, 5, 2, 4]", times,
          [&](const std::string& ts) { return brute::ordered(order, std::stoi(ts)); });
}

TEST(BernoulliBruteForce, RandomMask) {
  const int L = 6;
  const std::vector<std::pair<std::string, long double>> times{{"0", 0}, {"1/4", 0.25L}, {"0.5", 0.5L}, {"0.8", 0.8L},
                                                               {"0.999", 0.999L}, {"1", 1}};
  std::vector<std::string> ts;
  for (const auto& [s, v] : times) ts.push_back(s);
  for (const auto& c : cases())
    check(c, L, "kind = \"random-mask\"", ts, [&](const std::string& s) {
      for (const auto& [x, v] : times)
        if (x == s) return brute::random_mask(v);
      throw std::logic_error("time");
    });
}

}  // namespace
}  // namespace critwin
