// An ε-mixture tree's shape (BoE Definition 8, THEORY.md §3 and §7): nodes with a subset of Θ and a noise
// level, and the TOML tree file that states one. Only the shape lives here; the TV conditions are checked
// in bounds/mixture_tree.hpp.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "model/model.hpp"

namespace critwin {

struct MixtureTreeNode {
  std::string name;
  Subset subset;              // Subset(u) ⊆ Θ
  TimePoint noise;            // NoiseAmount(u), in the process's index set
  int parent = -1;            // index into MixtureTree::nodes; -1 at the root
  std::vector<int> children;  // indices into MixtureTree::nodes
};

struct MixtureTree {
  std::vector<MixtureTreeNode> nodes;
  int root = -1;

  bool is_leaf(int u) const { return nodes[static_cast<size_t>(u)].children.empty(); }
  // The leaf whose subset holds `label` (leaves partition Θ).
  int leaf_of(int label) const;
  // u_1 = u, u_2 = its parent, …, u_H = root.
  std::vector<int> path_to_root(int u) const;
  // Edges on the longest root-to-leaf path (0 for a single node).
  int depth() const;
  // Nodes in pre-order from the root, children in stored order.
  std::vector<int> preorder() const;
};

// −1, 0 or 1 as a <, =, > b: exact comparison of times (+∞ the largest).
int time_compare(const TimePoint& a, const TimePoint& b);

// The shape conditions of Definition 8: one root with Subset = Θ; every child a subset of its parent;
// siblings disjoint and every label of an internal node in one of its children (so the leaves partition
// Θ); noise strictly increasing toward the root. InputError naming `nodes[i].<key>` (i = the node's
// index) with what was expected.
void mixture_tree_validate(const MixtureTree& tree, const Model& model);

// Reads a tree file:
//   [[nodes]]
//   name = "root"                  # unique
//   subset = ["aa", "ab", 2]       # labels or 0-based indices (or one comma-separated string)
//   noise = 6                      # a time of the model's index set: integer, real, "3/2", "inf" (ou)
//   [[nodes]]
//   name = "left"
//   parent = "root"                # every node but the root names its parent
//   …
// Unknown keys, bad values and trees that break mixture_tree_validate are InputErrors naming the field.
MixtureTree mixture_tree_file_parse(std::string_view toml_text, const Model& model,
                                    const std::string& source_name = "<string>");
MixtureTree mixture_tree_file_load(const std::string& path, const Model& model);

}  // namespace critwin
