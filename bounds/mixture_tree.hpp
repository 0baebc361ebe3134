// ε-mixture trees (BoE Definition 8, Corollaries 1–2; THEORY.md §3, §7): checking a given tree's conditions
// with their exact margins, building one from pairwise merge times, Corollary 1's chain of windows along a
// leaf's path and Corollary 2's perturbed tree. Generic over every model the exact engine supports: it only
// asks for forward TVs, the monotone crossing search and fr-tv.
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "bounds/exact_engine.hpp"
#include "model/mixture_tree_file.hpp"

namespace critwin {

// A real in a margin: the enclosure and, where the family's forward TV is a rational (discrete families
// through ExactEngine::rational_forward_tv), the exact rational it encloses.
struct TreeValue {
  Estimate estimate;
  std::optional<ExactReal> exact;
};

// One condition's margin at one node: the condition holds iff the margin is >= 0 (> 0 when `strict`).
struct TreeMargin {
  bool applies = false;  // false where the condition is void at this node
  bool strict = false;
  TreeValue margin;
  bool holds() const;    // certainly holds (true when void)
  bool decided() const;  // exact, or the enclosure does not contain the threshold 0
};

struct TreeNodeCheck {
  // (1) ε − max TV(p^{θi}_{N(u)}, p^{θj}_{N(u)}) over the pairs whose lowest common ancestor is u (pairs
  // in different children; for a leaf, pairs inside it). Void when u is a one-label leaf.
  TreeMargin pairs;
  TreeValue pairs_tv;                     // that maximum
  std::pair<int, int> worst_pair{-1, -1}; // a pair attaining it
  // (2) TV(p^{S}_{N(u)}, p^{Θ∖S}_{N(u)}) − (1 − ε²), S = Subset(u). Void at the root.
  TreeMargin separation;
  TreeValue separation_tv;
  // (3) N(parent) − N(u) > 0 (exact; +∞ below an infinite root). Void at the root.
  TreeMargin noise_gap;
  bool holds() const { return pairs.holds() && separation.holds() && noise_gap.holds(); }
  bool decided() const { return pairs.decided() && separation.decided() && noise_gap.decided(); }
};

struct MixtureTreeCheck {
  std::vector<TreeNodeCheck> nodes;  // indexed like MixtureTree::nodes
  bool valid = false;                // every condition certainly holds at every node: an ε-mixture tree
  bool certain = true;               // false when some margin's enclosure contains 0 (rerun with --precision)
};

// Checks Definition 8's conditions at every node of a tree that passed mixture_tree_validate.
// InputError("eps") unless 0 < ε < 1.
MixtureTreeCheck mixture_tree_check(const ExactEngine& engine, const MixtureTree& tree, const ExactReal& eps);

// A node the builder removed, and why.
struct CollapsedNode {
  Subset subset;
  TimePoint noise;
  std::string reason;
  std::optional<TreeValue> separation_margin;  // (2)'s margin when that was the reason
  Subset into;                                 // the subset of the node that took over its labels
};

struct MixtureTreeBuild {
  MixtureTree tree;
  std::vector<CollapsedNode> collapsed;
};

// Builds a tree without a file: merge times m_ij = inf{t : TV(p_t^i, p_t^j) <= ε} (exact integers on
// discrete index sets; on continuous ones the upper end of the crossing's enclosure rounded up to six
// significant digits, so that (1) holds with a certified margin), single-linkage agglomeration on them
// (pairs with equal merge times merge in one n-ary node), node level = the largest merge time of a pair
// inside the node (so (1) holds by data processing), leaves at t = 0. Then, until nothing changes: a
// non-root leaf failing (2) or with its parent's level turns its parent into a leaf (absorbing the
// parent's subtree); an internal node failing (2) or with its parent's level is removed and its children
// hang from its parent. Pairs that never get within ε merge at sup I (the root then fails (1)).
MixtureTreeBuild mixture_tree_build(const ExactEngine& engine, const ExactReal& eps);

// One step of Corollary 1 along the path leaf = u_1, …, u_H = root of a label θ.
struct Corollary1Step {
  int node = -1;
  TimePoint t;     // T_ℓ = N(u_ℓ)
  Estimate fr_tv;  // TV(p^{{θ}, T_ℓ}, p^{Subset(u_ℓ)}) from the engine's fr-tv
  Estimate W;      // (1 − w_S)/w_S
  Estimate bound;  // Theorem 2's ε(1 + max(1, W)/√2)
  Estimate slack;  // bound − fr_tv
  bool holds = false;  // fr_tv <= bound, certainly
};

// Corollary 1 for component `label` (0-based; InputError("leaf") when out of range). The inequalities are guaranteed when the tree is an
// ε-mixture tree (mixture_tree_check(...).valid); they are computed either way.
std::vector<Corollary1Step> mixture_tree_corollary1(const ExactEngine& engine, const MixtureTree& tree,
                                                    const ExactReal& eps, int label);

// Corollary 2: if every component moves by at most δ/2 in TV (weights kept), data processing moves each
// forward TV between components by at most δ and between sub-mixtures by at most δ, so the same tree is an
// (ε + √δ)-tree when these margins are >= 0 (a check of the margins, no perturbed model is sampled):
//   (1') (ε + √δ) − (max pair TV + δ)      (2') (TV(S, rest) − δ) − (1 − (ε + √δ)²).
struct Corollary2Node {
  TreeMargin pairs, separation;
};
struct Corollary2Check {
  Estimate eps_perturbed;  // ε + √δ
  std::vector<Corollary2Node> nodes;
  bool valid = false;
  bool certain = true;
};

// InputError("perturb") unless 0 < δ and ε + √δ < 1 (decided exactly as δ < (1 − ε)²).
void mixture_tree_check_delta(const ExactReal& eps, const ExactReal& delta);

Corollary2Check mixture_tree_corollary2(const MixtureTreeCheck& check, const MixtureTree& tree, const ExactReal& eps,
                                        const ExactReal& delta, long precision_bits);

}  // namespace critwin
