// ε-mixture trees (BoE Definition 8, Corollaries 1–2): trees derivable by hand (E7 product alphabets under
// ordered masking, two well-separated Gaussian pairs, duplicated strings), exact margins of a wrong tree,
// Corollary 1's inequality on several families, and Corollary 2's margins against their algebraic form.
#include <gtest/gtest.h>

#include <cmath>
#include <set>

#include <boost/math/special_functions/erf.hpp>
#include <fmt/format.h>

#include "bounds/engine_factory.hpp"
#include "bounds/mixture_tree.hpp"
#include "model/input_error.hpp"
#include "model/model_file.hpp"

namespace critwin {
namespace {

std::string example(const std::string& f) { return std::string(CRITWIN_SOURCE_DIR) + "/examples/" + f; }

// Point masses on every word of A_1 × … × A_d (one string per A_i), uniform weights, ordered masking.
std::string product_model(const std::vector<std::string>& alphabets, const std::vector<int>& order) {
  std::vector<std::string> words{""};
  for (const auto& a : alphabets) {
    std::vector<std::string> next;
    for (const auto& w : words)
      for (char c : a) next.push_back(w + c);
    words = next;
  }
  std::string alphabet, strings, weights, ord;
  for (const auto& a : alphabets)
    for (char c : a)
      if (alphabet.find(c) == std::string::npos) alphabet += c;
  for (const auto& w : words) {
    strings += fmt::format("{}\"{}\"", strings.empty() ? "" : ", ", w);
    weights += fmt::format("{}\"1/{}\"", weights.empty() ? "" : ", ", words.size());
  }
  for (int o : order) ord += fmt::format("{}{}", ord.empty() ? "" : ", ", o);
  return fmt::format("[mixture]\nweights = [{}]\n[components]\nkind = \"strings\"\nalphabet = \"{}\"\nstrings = [{}]\n"
                     "[process]\nkind = \"ordered-mask\"\norder = [{}]\n",
                     weights, alphabet, strings, ord);
}

// E7 by hand: at time t ordered-mask hides order[0..t), so the words agreeing on order[t..L) form one node
// at level t, and its children are told apart by position order[t−1] alone.
void expect_e7_tree(const Model& m, const std::vector<std::string>& alphabets) {
  const auto& s = m.family<StringComponents>()->codes;  // symbol indices: equal exactly where the symbols are
  const auto& order = m.process.order;
  const int L = static_cast<int>(order.size());
  auto engine = exact_engine_make(m, 128);
  const ExactReal eps = *ExactReal::parse("1/10");
  const MixtureTreeBuild b = mixture_tree_build(*engine, eps);
  const MixtureTree& tree = b.tree;
  EXPECT_TRUE(b.collapsed.empty());
  EXPECT_EQ(tree.depth(), L);
  const MixtureTreeCheck c = mixture_tree_check(*engine, tree, eps);
  EXPECT_TRUE(c.valid);
  EXPECT_TRUE(c.certain);
  for (size_t u = 0; u < tree.nodes.size(); ++u) {
    const auto& n = tree.nodes[u];
    const int depth = static_cast<int>(tree.path_to_root(static_cast<int>(u)).size()) - 1;
    ASSERT_EQ(n.noise.to_long(), L - depth) << n.name;
    const long t = n.noise.to_long();
    const auto& idx = n.subset.indices();
    for (int i : idx)
      for (long r = t; r < L; ++r) EXPECT_EQ(s[i][order[r]], s[idx[0]][order[r]]) << n.name;
    if (n.children.empty()) {
      EXPECT_EQ(n.subset.size(), 1);
      EXPECT_FALSE(c.nodes[u].pairs.applies);
    } else {
      const int pos = order[t - 1];
      std::set<char> seen;
      for (int ch : n.children) {
        const auto& cidx = tree.nodes[static_cast<size_t>(ch)].subset.indices();
        for (int i : cidx) EXPECT_EQ(s[i][pos], s[cidx[0]][pos]);
        EXPECT_TRUE(seen.insert(s[cidx[0]][pos]).second) << "two children share the character at position " << pos;
      }
      EXPECT_EQ(seen.size(), alphabets[pos].size());
      // Point masses: every TV is 0 or 1, so the margins are ε and ε² exactly.
      ASSERT_TRUE(c.nodes[u].pairs.margin.exact);
      EXPECT_TRUE(*c.nodes[u].pairs.margin.exact == eps);
    }
    if (n.parent >= 0) {
      ASSERT_TRUE(c.nodes[u].separation.margin.exact);
      EXPECT_TRUE(*c.nodes[u].separation.margin.exact == eps * eps);
    }
  }
}

TEST(MixtureTree, E7DepthEqualsLengthAndLevelsFollowTheMaskOrder) {
  expect_e7_tree(model_file_load(example("e7_product_alphabet.toml")), {"ab", "xyz", "01"});
  for (const auto& order : std::vector<std::vector<int>>{{0, 1, 2}, {1, 2, 0}, {2, 1, 0}}) {
    SCOPED_TRACE(fmt::format("order {}", fmt::join(order, ",")));
    expect_e7_tree(model_file_parse(product_model({"ab", "xyz", "01"}, order)), {"ab", "xyz", "01"});
  }
  expect_e7_tree(model_file_parse(product_model({"ab", "cd", "ef", "gh"}, {3, 1, 0, 2})), {"ab", "cd", "ef", "gh"});
}

// N(μ_i, 1) under OU: TV(p_t^i, p_t^j) = erf(|μ_i − μ_j| e^{−t}/(2√2)), so the merge time of a pair at distance
// d is ln(d / (2√2 erf⁻¹(ε))).
double gaussian_merge_time(double d, double eps) { return std::log(d / (2 * std::sqrt(2.0) * boost::math::erf_inv(eps))); }

TEST(MixtureTree, TwoWellSeparatedGaussianPairs) {
  const Model m = model_file_load(example("gaussian_two_pairs.toml"));
  auto engine = exact_engine_make(m, 128);
  const ExactReal eps = *ExactReal::parse("1/10");
  const MixtureTreeBuild b = mixture_tree_build(*engine, eps);
  const MixtureTree& t = b.tree;
  ASSERT_EQ(t.nodes.size(), 3u);
  EXPECT_EQ(t.nodes[0].subset, Subset::all(4));
  ASSERT_EQ(t.nodes[0].children.size(), 2u);
  EXPECT_EQ(t.nodes[1].subset, Subset({0, 1}));
  EXPECT_EQ(t.nodes[2].subset, Subset({2, 3}));
  // Levels: the crossing rounded up to six significant digits, never below it.
  const double t_pair = gaussian_merge_time(1, 0.1), t_root = gaussian_merge_time(41, 0.1);
  for (int u : {1, 2}) {
    EXPECT_GE(t.nodes[u].noise.to_double(), t_pair);
    EXPECT_LE(t.nodes[u].noise.to_double(), t_pair * (1 + 1e-5));
  }
  EXPECT_GE(t.nodes[0].noise.to_double(), t_root);
  EXPECT_LE(t.nodes[0].noise.to_double(), t_root * (1 + 1e-5));
  // The single components are never ε-separated from the rest (TV < 1 − ε² already at t = 0).
  ASSERT_EQ(b.collapsed.size(), 4u);
  for (const auto& c : b.collapsed) EXPECT_EQ(c.subset.size(), 1);
  const MixtureTreeCheck c = mixture_tree_check(*engine, t, eps);
  EXPECT_TRUE(c.valid);
  EXPECT_TRUE(c.certain);
  const double a = std::exp(-t.nodes[1].noise.to_double());
  EXPECT_NEAR(c.nodes[1].pairs_tv.estimate.value, std::erf(a / (2 * std::sqrt(2.0))), 1e-14);
  EXPECT_NEAR(c.nodes[1].pairs.margin.estimate.value, 0.1 - std::erf(a / (2 * std::sqrt(2.0))), 1e-14);
  // The root's worst pair is the farthest one.
  EXPECT_EQ(c.nodes[0].worst_pair, (std::pair<int, int>{0, 3}));
  // One pair against the other: mirror-image mixtures of N(∓(20 ± ½)a, 1), so their density difference changes
  // sign only at 0 and TV = P_left(Y < 0) − P_right(Y < 0) = 2 P_left(Y < 0) − 1.
  const double a1 = std::exp(-t.nodes[1].noise.to_double());
  auto Phi = [](double x) { return 0.5 * std::erfc(-x / std::sqrt(2.0)); };
  const double left = 0.5 * (Phi(20.5 * a1) + Phi(19.5 * a1));  // P(Y < 0) under the left pair
  EXPECT_NEAR(c.nodes[1].separation_tv.estimate.value, 2 * left - 1, 1e-12);
}

TEST(MixtureTree, DuplicatedComponentsShareALeaf) {
  // s0 = s1: they merge at t = 0, the leaves' own level, so they become one leaf; s2 differs at both positions
  // and truncation hides position 0 last, at t = 2.
  const Model m = model_file_parse(
      "[mixture]\nweights = [\"1/4\", \"1/4\", \"1/2\"]\n[components]\nkind = \"strings\"\nalphabet = \"ab\"\n"
      "strings = [\"ab\", \"ab\", \"ba\"]\n[process]\nkind = \"truncate\"\n");
  auto engine = exact_engine_make(m, 128);
  const ExactReal eps = *ExactReal::parse("0.2");
  const MixtureTreeBuild b = mixture_tree_build(*engine, eps);
  ASSERT_EQ(b.tree.nodes.size(), 3u);
  EXPECT_EQ(b.tree.nodes[0].noise.to_long(), 2);
  EXPECT_EQ(b.tree.nodes[1].subset, Subset({0, 1}));
  EXPECT_EQ(b.tree.nodes[1].noise.to_long(), 0);
  EXPECT_EQ(b.tree.nodes[2].subset, Subset({2}));
  EXPECT_EQ(b.collapsed.size(), 2u);
  const MixtureTreeCheck c = mixture_tree_check(*engine, b.tree, eps);
  EXPECT_TRUE(c.valid);
  // Inside the two-label leaf the pair TV is 0: margin ε.
  EXPECT_TRUE(*c.nodes[1].pairs.margin.exact == eps);
}

TEST(MixtureTree, GivenTreesGetExactMargins) {
  const Model m = model_file_load(example("strings_ordered_mask.toml"));
  auto engine = exact_engine_make(m, 128);
  const ExactReal eps = *ExactReal::parse("1/10");
  const MixtureTree good = mixture_tree_file_load(example("strings_ordered_mask_tree.toml"), m);
  EXPECT_TRUE(mixture_tree_check(*engine, good, eps).valid);
  // Grouping by position 3 (masked first) instead of position 0 (masked last): at t = 3 the pairs inside a
  // group differ at position 0, still visible (TV 1, margin ε − 1), and with position 3 hidden each group's
  // law equals the rest's (TV 0, margin −(1 − ε²)). At the root (t = 6) nothing is visible: margin ε.
  const MixtureTree bad =
      mixture_tree_file_load(std::string(CRITWIN_SOURCE_DIR) + "/tests/data/trees/grouped_by_position_3.toml", m);
  const MixtureTreeCheck c = mixture_tree_check(*engine, bad, eps);
  EXPECT_FALSE(c.valid);
  EXPECT_TRUE(c.certain);
  EXPECT_TRUE(*c.nodes[0].pairs.margin.exact == eps);
  for (int u : {1, 2}) {
    EXPECT_TRUE(*c.nodes[u].pairs.margin.exact == *ExactReal::parse("-9/10"));
    EXPECT_TRUE(*c.nodes[u].separation.margin.exact == *ExactReal::parse("-99/100"));
    EXPECT_TRUE(*c.nodes[u].noise_gap.margin.exact == ExactReal::from_int(3));
  }
  // Leaf "ab" at t = 1: position 3 is hidden, so "ab" looks like "aa" (TV of δ_ab vs the rest = 2/3).
  EXPECT_TRUE(*c.nodes[5].separation.margin.exact == *ExactReal::parse("2/3") - *ExactReal::parse("99/100"));
  EXPECT_TRUE(*c.nodes[5].noise_gap.margin.exact == ExactReal::from_int(2));
  EXPECT_FALSE(c.nodes[3].pairs.applies);
}

// Corollary 1: along every leaf's path, TV(p^{θ,T_ℓ}, p^{Subset(u_ℓ)}) <= ε(1 + max(1, W_ℓ)/√2) on a valid tree.
TEST(MixtureTree, Corollary1HoldsOnSeveralFamilies) {
  auto data = [](const std::string& name) {
    return model_file_load(std::string(CRITWIN_SOURCE_DIR) + "/tests/data/models/" + name + ".toml");
  };
  const std::vector<std::pair<Model, std::string>> cases{{model_file_load(example("e7_product_alphabet.toml")), "1/10"},
                                                         {model_file_load(example("gaussian_two_pairs.toml")), "1/10"},
                                                         {model_file_load(example("strings_ordered_mask.toml")), "0.05"},
                                                         {data("strings3-ordered"), "0.1"},
                                                         {data("coins3-truncate"), "0.2"},
                                                         {data("strings3-random-mask-binary"), "0.1"}};
  for (const auto& [m, e] : cases) {
    SCOPED_TRACE(m.name);
    auto engine = exact_engine_make(m, 128);
    const ExactReal eps = *ExactReal::parse(e);
    const MixtureTreeBuild b = mixture_tree_build(*engine, eps);
    ASSERT_TRUE(mixture_tree_check(*engine, b.tree, eps).valid);
    // The Gaussian fr-tvs are quadratures of about a second each: two labels (one per pair side) suffice there.
    const int labels = m.family<GaussianComponents>() ? 2 : m.size();
    for (int label = 0; label < labels; ++label) {
      const auto steps = mixture_tree_corollary1(*engine, b.tree, eps, label);
      ASSERT_EQ(steps.size(), b.tree.path_to_root(b.tree.leaf_of(label)).size());
      EXPECT_EQ(steps.back().node, b.tree.root);
      for (size_t l = 0; l < steps.size(); ++l) {
        if (l > 0) {
          EXPECT_LT(time_compare(steps[l - 1].t, steps[l].t), 0);
        }
        EXPECT_TRUE(steps[l].holds) << "label " << label << " level " << l + 1 << ": " << steps[l].fr_tv.hi
                                    << " > " << steps[l].bound.lo;
        EXPECT_LE(steps[l].fr_tv.lo, steps[l].bound.hi);
      }
    }
  }
}

// Corollary 2's margins are the tree's own margins shifted: (1') = (1) + √δ − δ and (2') = (2) + 2ε√δ.
TEST(MixtureTree, Corollary2MarginsAreTheShiftedMargins) {
  for (const char* file : {"e7_product_alphabet.toml", "gaussian_two_pairs.toml"}) {
    const Model m = model_file_load(example(file));
    auto engine = exact_engine_make(m, 128);
    const ExactReal eps = *ExactReal::parse("1/10"), delta = *ExactReal::parse("1/400");
    const MixtureTreeBuild b = mixture_tree_build(*engine, eps);
    const MixtureTreeCheck c = mixture_tree_check(*engine, b.tree, eps);
    const Corollary2Check p = mixture_tree_corollary2(c, b.tree, eps, delta, 128);
    EXPECT_NEAR(p.eps_perturbed.value, 0.15, 1e-15);
    EXPECT_TRUE(p.valid);
    for (size_t u = 0; u < b.tree.nodes.size(); ++u) {
      EXPECT_EQ(p.nodes[u].pairs.applies, c.nodes[u].pairs.applies);
      if (c.nodes[u].pairs.applies) {
        EXPECT_NEAR(p.nodes[u].pairs.margin.estimate.value, c.nodes[u].pairs.margin.estimate.value + 0.05 - 0.0025, 1e-14);
      }
      if (c.nodes[u].separation.applies) {
        EXPECT_NEAR(p.nodes[u].separation.margin.estimate.value,
                    c.nodes[u].separation.margin.estimate.value + 2 * 0.1 * 0.05, 1e-14);
      }
    }
  }
  const ExactReal eps = *ExactReal::parse("0.3");
  EXPECT_THROW(mixture_tree_check_delta(eps, ExactReal()), InputError);
  EXPECT_THROW(mixture_tree_check_delta(eps, *ExactReal::parse("0.49")), InputError);  // ε + √δ = 1
  EXPECT_NO_THROW(mixture_tree_check_delta(eps, *ExactReal::parse("0.4899")));
}

}  // namespace
}  // namespace critwin
