#include "model/mixture_tree_file.hpp"

#include <algorithm>
#include <map>

#include <fmt/format.h>
#include <toml++/toml.h>

#include "model/input_error.hpp"
#include "model/input_file.hpp"
#include "model/toml_reader.hpp"

namespace critwin {

int MixtureTree::leaf_of(int label) const {
  for (size_t u = 0; u < nodes.size(); ++u)
    if (nodes[u].children.empty() && nodes[u].subset.contains(label)) return static_cast<int>(u);
  return -1;
}

std::vector<int> MixtureTree::path_to_root(int u) const {
  std::vector<int> path;
  for (; u >= 0; u = nodes[static_cast<size_t>(u)].parent) path.push_back(u);
  return path;
}

std::vector<int> MixtureTree::preorder() const {
  std::vector<int> out, stack{root};
  while (!stack.empty()) {
    const int u = stack.back();
    stack.pop_back();
    out.push_back(u);
    const auto& ch = nodes[static_cast<size_t>(u)].children;
    for (auto it = ch.rbegin(); it != ch.rend(); ++it) stack.push_back(*it);
  }
  return out;
}

int MixtureTree::depth() const {
  int d = 0;
  for (size_t u = 0; u < nodes.size(); ++u)
    if (nodes[u].children.empty()) d = std::max(d, static_cast<int>(path_to_root(static_cast<int>(u)).size()) - 1);
  return d;
}

int time_compare(const TimePoint& a, const TimePoint& b) {
  if (a.infinite || b.infinite) return a.infinite == b.infinite ? 0 : (a.infinite ? 1 : -1);
  return a.value < b.value ? -1 : (a.value == b.value ? 0 : 1);
}

namespace {

std::string time_text(const TimePoint& t) { return t.infinite ? "inf" : t.value.to_string(); }

std::string node_field(size_t i, const char* key) { return fmt::format("nodes[{}].{}", i, key); }

}  // namespace

void mixture_tree_validate(const MixtureTree& tree, const Model& model) {
  const size_t n = tree.nodes.size();
  if (n == 0) throw InputError("nodes", "must list at least one node (the root, whose subset is all of Θ)");
  if (tree.root < 0) throw InputError("nodes", "no root: every node names a parent");
  const auto& root = tree.nodes[static_cast<size_t>(tree.root)];
  if (root.subset != Subset::all(model.size()))
    throw InputError(node_field(static_cast<size_t>(tree.root), "subset"),
                     fmt::format("the root's subset must be all of Θ = {{{}}} (got {{{}}})",
                                 Subset::all(model.size()).to_string(model), root.subset.to_string(model)));
  for (size_t u = 0; u < n; ++u) {
    const auto& node = tree.nodes[u];
    // A parent chain longer than the node count is a cycle that never reaches the root.
    size_t steps = 0;
    for (int v = node.parent; v >= 0; v = tree.nodes[static_cast<size_t>(v)].parent)
      if (++steps > n) throw InputError(node_field(u, "parent"), "the parent links form a cycle that never reaches the root");
    if (node.parent < 0) continue;
    const auto& par = tree.nodes[static_cast<size_t>(node.parent)];
    if (!node.subset.is_subset_of(par.subset) || node.subset == par.subset)
      throw InputError(node_field(u, "subset"),
                       fmt::format("must be a proper subset of its parent '{}' = {{{}}} (got {{{}}})", par.name,
                                   par.subset.to_string(model), node.subset.to_string(model)));
    if (time_compare(node.noise, par.noise) >= 0)
      throw InputError(node_field(u, "noise"),
                       fmt::format("must be < the noise {} of its parent '{}': noise strictly increases toward the "
                                   "root (got {})",
                                   time_text(par.noise), par.name, time_text(node.noise)));
  }
  for (size_t u = 0; u < n; ++u) {
    const auto& node = tree.nodes[u];
    if (node.children.empty()) continue;
    std::vector<int> owner(static_cast<size_t>(model.size()), -1);
    for (int c : node.children)
      for (int i : tree.nodes[static_cast<size_t>(c)].subset.indices()) {
        if (owner[static_cast<size_t>(i)] >= 0)
          throw InputError(node_field(static_cast<size_t>(c), "subset"),
                           fmt::format("label '{}' is also in its sibling '{}': children of a node must be disjoint, "
                                       "so that the leaves partition Θ",
                                       model.labels[static_cast<size_t>(i)],
                                       tree.nodes[static_cast<size_t>(owner[static_cast<size_t>(i)])].name));
        owner[static_cast<size_t>(i)] = c;
      }
    for (int i : node.subset.indices())
      if (owner[static_cast<size_t>(i)] < 0)
        throw InputError(node_field(u, "subset"),
                         fmt::format("label '{}' is in node '{}' but in none of its children: the leaves must "
                                     "partition Θ",
                                     model.labels[static_cast<size_t>(i)], node.name));
  }
}

namespace {

Subset parse_subset(const toml::node& n, const Model& model, const std::string& field) {
  if (n.is_string()) return Subset::parse(n.as_string()->get(), model, field);
  if (!n.is_array() || n.as_array()->empty())
    throw InputError(field, "must be a non-empty array of component labels or 0-based indices");
  std::vector<int> idx;
  const auto& a = *n.as_array();
  for (size_t i = 0; i < a.size(); ++i) {
    const auto* e = a.get(i);
    const std::string f = fmt::format("{}[{}]", field, i);
    int k = -1;
    if (e->is_string()) k = model.label_index(e->as_string()->get());
    else if (e->is_integer() && e->as_integer()->get() >= 0 && e->as_integer()->get() < model.size())
      k = static_cast<int>(e->as_integer()->get());
    if (k < 0) {
      std::string labels;
      for (const auto& l : model.labels) labels += (labels.empty() ? "" : ", ") + l;
      throw InputError(f, fmt::format("must be a component label ({}) or an index 0..{}", labels, model.size() - 1));
    }
    if (std::find(idx.begin(), idx.end(), k) != idx.end())
      throw InputError(f, fmt::format("repeats component '{}'", model.labels[static_cast<size_t>(k)]));
    idx.push_back(k);
  }
  return Subset(std::move(idx));
}

TimePoint parse_noise(const toml::node& n, const Process& process, const std::string& field) {
  if (n.is_integer()) return TimePoint::parse(std::to_string(n.as_integer()->get()), process, field);
  if (n.is_string()) return TimePoint::parse(n.as_string()->get(), process, field);
  if (n.is_floating_point()) {
    // TOML floats are the double they are (as in model files); the shortest text only serves the range check.
    const double d = n.as_floating_point()->get();
    if (std::isinf(d) && d > 0) return TimePoint::parse("inf", process, field);
    if (!std::isfinite(d)) throw InputError(field, "must be a finite time or \"inf\"");
    TimePoint t = TimePoint::parse(fmt::format("{}", d), process, field);
    t.value = ExactReal::from_double(d);
    return t;
  }
  throw InputError(field, fmt::format("must be a time in the index set {} (a number or a string such as \"3/2\")",
                                      process.index_set_text()));
}

}  // namespace

MixtureTree mixture_tree_file_parse(std::string_view text, const Model& model, const std::string& source_name) {
  const toml::table root = toml_reader::parse_document(text, source_name, "tree file");
  toml_reader::check_keys(root, "", {"name", "nodes"});
  const auto* nodes = root.get("nodes");
  if (!nodes || !nodes->is_array_of_tables())
    throw InputError("nodes", "missing; a tree file lists its nodes as [[nodes]] tables");
  const auto& arr = *nodes->as_array();
  MixtureTree tree;
  std::map<std::string, int> by_name;
  std::vector<std::string> parent_name(arr.size());
  for (size_t i = 0; i < arr.size(); ++i) {
    const auto& t = *arr.get(i)->as_table();
    const std::string where = fmt::format("nodes[{}]", i);
    toml_reader::check_keys(t, where, {"name", "parent", "subset", "noise"});
    MixtureTreeNode node;
    const auto* name = t.get("name");
    if (!name || !name->is_string() || name->as_string()->get().empty())
      throw InputError(node_field(i, "name"), "must be a non-empty string naming the node");
    node.name = name->as_string()->get();
    if (!by_name.emplace(node.name, static_cast<int>(i)).second)
      throw InputError(node_field(i, "name"), fmt::format("'{}' names an earlier node too; names must be unique", node.name));
    if (const auto* p = t.get("parent")) {
      if (!p->is_string()) throw InputError(node_field(i, "parent"), "must be the name of another node");
      parent_name[i] = p->as_string()->get();
    }
    const auto* s = t.get("subset");
    if (!s) throw InputError(node_field(i, "subset"), "missing; list the node's component labels or indices");
    node.subset = parse_subset(*s, model, node_field(i, "subset"));
    const auto* nz = t.get("noise");
    if (!nz) throw InputError(node_field(i, "noise"), fmt::format("missing; a time in {}", model.process.index_set_text()));
    node.noise = parse_noise(*nz, model.process, node_field(i, "noise"));
    tree.nodes.push_back(std::move(node));
  }
  for (size_t i = 0; i < arr.size(); ++i) {
    if (!arr.get(i)->as_table()->get("parent")) {
      if (tree.root >= 0)
        throw InputError(node_field(i, "parent"),
                         fmt::format("missing, but only the root may omit its parent and '{}' is already the root",
                                     tree.nodes[static_cast<size_t>(tree.root)].name));
      tree.root = static_cast<int>(i);
      continue;
    }
    auto it = by_name.find(parent_name[i]);
    if (it == by_name.end() || it->second == static_cast<int>(i))
      throw InputError(node_field(i, "parent"), fmt::format("'{}' is not the name of another node", parent_name[i]));
    tree.nodes[i].parent = it->second;
    tree.nodes[static_cast<size_t>(it->second)].children.push_back(static_cast<int>(i));
  }
  mixture_tree_validate(tree, model);
  return tree;
}

MixtureTree mixture_tree_file_load(const std::string& path, const Model& model) {
  return mixture_tree_file_parse(input_file_read(path, "tree", "tree file"), model, path);
}

}  // namespace critwin
