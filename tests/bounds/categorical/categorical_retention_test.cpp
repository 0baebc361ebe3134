// Categorical-product retention curves against exact-rational enumeration of every sequence and observation
// (tests/bounds/retention_brute_force.hpp), truncate and ordered-mask: unequal weights, zeros (disjoint
// supports), proportional columns, and a symmetric pair whose exact label ties go to the lower index.
#include <gtest/gtest.h>

#include <fmt/format.h>

#include "bounds/engine_factory.hpp"
#include "../retention_brute_force.hpp"
#include "model/input_error.hpp"
#include "model/model_file.hpp"

namespace critwin {
namespace {

// rows[θ][position] = the symbol probabilities (one row per position, no runs).
struct Spec {
  std::vector<std::string> weights;
  int V = 0;
  std::vector<std::vector<std::vector<std::string>>> rows;

  int length() const { return static_cast<int>(rows[0].size()); }
  std::string toml(const std::string& process) const {
    std::string s = "name = \"c\"\n[mixture]\nweights = [";
    for (size_t i = 0; i < weights.size(); ++i) s += fmt::format("{}\"{}\"", i ? ", " : "", weights[i]);
    s += "]\n[components]\nkind = \"categorical-product\"\nalphabet = [";
    for (int v = 0; v < V; ++v) s += fmt::format("{}\"s{}\"", v ? ", " : "", v);
    s += fmt::format("]\nlength = {}\ntables = [\n", length());
    for (const auto& t : rows) {
      s += "  [";
      for (size_t r = 0; r < t.size(); ++r) {
        std::string probs;
        for (size_t v = 0; v < t[r].size(); ++v) probs += fmt::format("{}\"{}\"", v ? ", " : "", t[r][v]);
        s += fmt::format("{}{{ probs = [{}], repeat = 1 }}", r ? ", " : "", probs);
      }
      s += "],\n";
    }
    return s + "]\n[process]\n" + process + "\n";
  }
  brute_exact::Mixture mixture() const {
    brute_exact::Mixture m;
    for (const auto& x : weights) m.w.push_back(*ExactReal::parse(x));
    const int L = length(), K = static_cast<int>(weights.size());
    long n = 1;
    for (int i = 0; i < L; ++i) n *= V;
    m.px.assign(K, {});
    for (long code = 0; code < n; ++code) {
      std::string x;
      long c = code;
      for (int i = 0; i < L; ++i, c /= V) x += static_cast<char>('0' + c % V);
      m.xs.push_back(x);
      for (int th = 0; th < K; ++th) {
        ExactReal p(1);
        for (int i = 0; i < L; ++i) p *= *ExactReal::parse(rows[th][i][x[i] - '0']);
        m.px[th].push_back(p);
      }
    }
    return m;
  }
};

Spec three() {
  return {{"1/2", "1/3", "1/6"},
          3,
          {{{"1/2", "1/4", "1/4"}, {"1/2", "1/2", "0"}, {"1/3", "1/3", "1/3"}, {"1/5", "0", "4/5"}},
           {{"1/2", "1/4", "1/4"}, {"1/4", "1/4", "1/2"}, {"1/6", "2/3", "1/6"}, {"1/5", "0", "4/5"}},
           {{"1/2", "1/4", "1/4"}, {"0", "1/4", "3/4"}, {"1/8", "1/8", "3/4"}, {"1/10", "1/2", "2/5"}}}};
}

// Mirror-image components with equal weights: sequences with as many 0s as 1s tie exactly.
Spec symmetric() {
  return {{"1/2", "1/2"}, 2, {{{"2/3", "1/3"}, {"2/3", "1/3"}, {"2/3", "1/3"}, {"2/3", "1/3"}},
                              {{"1/3", "2/3"}, {"1/3", "2/3"}, {"1/3", "2/3"}, {"1/3", "2/3"}}}};
}

void check(const Spec& spec, const std::vector<std::vector<int>>& subsets) {
  const std::vector<int> order{2, 0, 3, 1};
  for (const bool ordered : {false, true}) {
    Model m = model_file_parse(spec.toml(ordered ? "kind = \"ordered-mask\"\norder = [2, 0, 3, 1]" : "kind = \"truncate\""));
    auto engine = exact_engine_make(m, 128);
    const auto bm = spec.mixture();
    for (const auto& s : subsets) {
      std::vector<TimePoint> ts;
      for (int t = 0; t <= spec.length(); ++t) ts.push_back(TimePoint::integer(t));
      const auto curve = engine->retention_curve(Subset(s), ts);
      for (int t = 0; t <= spec.length(); ++t) {
        const auto b = brute_exact::retention(
            bm, s, ordered ? brute_exact::ordered(order, t) : brute_exact::truncate(spec.length() - t));
        const std::string what = fmt::format("ordered {} S {} t {}", ordered, fmt::join(s, ","), t);
        for (const auto& [e, v, name] : {std::tuple{curve[t].latent, b.latent, "latent"},
                                         std::tuple{curve[t].label, b.label, "label"},
                                         std::tuple{curve[t].cloning, b.cloning, "cloning"}}) {
          EXPECT_LE(e.lo, v.to_double()) << name << " " << what;
          EXPECT_GE(e.hi, v.to_double()) << name << " " << what;
          EXPECT_LT(e.width(), 1e-15) << name << " " << what;  // ties decided exactly: no [0, term] slack
        }
      }
    }
  }
}

TEST(CategoricalRetention, ThreeComponentsMatchEnumeration) { check(three(), {{0}, {1}, {2}, {0, 2}, {1, 2}}); }

TEST(CategoricalRetention, SymmetricPairTiesGoToTheLowerIndex) { check(symmetric(), {{0}, {1}}); }

TEST(CategoricalRetention, RandomMaskHasNoExactPath) {
  Model m = model_file_parse(three().toml("kind = \"random-mask\""));
  try {
    exact_engine_make(m, 128)->retention(Subset({0}), TimePoint{*ExactReal::parse("1/2"), false});
    FAIL() << "random-mask accepted";
  } catch (const InputError& e) {
    EXPECT_EQ(e.field(), "process.kind");
  }
}

}  // namespace
}  // namespace critwin
