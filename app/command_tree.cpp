// critwin tree: ε-mixture trees (BoE Definition 8, Corollaries 1–2) — check a given tree's conditions with
// their exact margins, or build one from pairwise merge times; Corollary 1 along a leaf's path; Corollary 2.
#include <iostream>

#include <fmt/format.h>

#include "app/command.hpp"
#include "app/model_context.hpp"
#include "bounds/mixture_tree.hpp"
#include "bounds/theorem2_window.hpp"
#include "model/input_error.hpp"

namespace critwin::app {
namespace {

struct Args {
  ModelArgs model;
  std::string eps, tree_file, leaf, perturb, format = "table";
};

// Rationals with short text are shown as such; long ones (e.g. binomial sums) as their nearest double.
// Short rationals as they are; long ones in scientific form at any exponent (a double would show the ε²
// margin of ε = 1e-200 as 0).
std::string rational_text(const ExactReal& q) {
  std::string s = q.to_string();
  return s.size() <= 24 ? s : q.to_scientific(6);
}

// Times as decimals (the builder's levels are short decimals); JSON keeps the exact rational beside.
std::string time_text(const TimePoint& t) {
  if (t.infinite) return "inf";
  return t.value.is_integer() ? t.value.to_string() : number_text(t.value.to_double());
}

void json_time(Json& j, const std::string& key, const TimePoint& t) {
  if (t.infinite) {
    j[key] = "inf";
    return;
  }
  if (t.value.is_integer()) {
    j[key] = t.value.to_long();
    return;
  }
  j[key] = t.value.to_double();
  j[key + "_exact"] = t.value.to_string();
}

void json_value(Json& j, const std::string& key, const TreeValue& v) {
  if (!v.exact) return json_put(j, key, v.estimate);
  j[key] = v.exact->to_double();
  j[key + "_exact"] = v.exact->to_string();
}

Json json_margin(const TreeMargin& mg, const TreeValue* tv, std::pair<int, int> pair, const Model& m) {
  Json j;
  j["applies"] = mg.applies;
  if (!mg.applies) return j;
  j["holds"] = mg.holds();
  j["decided"] = mg.decided();
  json_value(j, "margin", mg.margin);
  j["guarantee"] = guarantee_name(mg.margin.exact ? Guarantee::exact : mg.margin.estimate.guarantee);
  if (tv) json_value(j, "tv", *tv);
  if (pair.first >= 0)
    j["pair"] = {m.labels[static_cast<size_t>(pair.first)], m.labels[static_cast<size_t>(pair.second)]};
  return j;
}

std::string margin_cell(const TreeMargin& mg) {
  if (!mg.applies) return "void";
  std::string s = mg.margin.exact ? rational_text(*mg.margin.exact) + " (exact)" : cell(mg.margin.estimate);
  if (!mg.decided()) return s + " undecided";
  return mg.holds() ? s : s + " FAILS";
}

Json json_subset(const Subset& s, const Model& m) {
  Json a = Json::array();
  for (int i : s.indices()) a.push_back(m.labels[static_cast<size_t>(i)]);
  return a;
}

struct Report {
  const Model& m;
  const MixtureTree& tree;
  const MixtureTreeCheck& check;
  const std::optional<Corollary2Check>& perturbed;

  Json node_json(int u) const {
    const auto& n = tree.nodes[static_cast<size_t>(u)];
    const auto& c = check.nodes[static_cast<size_t>(u)];
    Json j;
    j["name"] = n.name;
    j["subset"] = json_subset(n.subset, m);
    json_time(j, "noise", n.noise);
    j["holds"] = c.holds();
    Json mg;
    mg["pairs"] = json_margin(c.pairs, &c.pairs_tv, c.worst_pair, m);
    mg["separation"] = json_margin(c.separation, &c.separation_tv, {-1, -1}, m);
    mg["noise_gap"] = json_margin(c.noise_gap, nullptr, {-1, -1}, m);
    j["margins"] = mg;
    if (perturbed) {
      const auto& p = perturbed->nodes[static_cast<size_t>(u)];
      Json pm;
      pm["pairs"] = json_margin(p.pairs, nullptr, {-1, -1}, m);
      pm["separation"] = json_margin(p.separation, nullptr, {-1, -1}, m);
      j["margins_perturbed"] = pm;
    }
    Json kids = Json::array();
    for (int ch : n.children) kids.push_back(node_json(ch));
    j["children"] = kids;
    return j;
  }

  Table table(bool indent) const {
    Table t;
    t.header = {"node", "parent", "subset", "noise", "(1) eps - max pair TV", "(2) TV(S,rest) - (1-eps^2)",
                "(3) noise gap", "holds"};
    if (perturbed) {
      t.header.insert(t.header.end() - 1, "(1') eps'-(TV+delta)");
      t.header.insert(t.header.end() - 1, "(2') TV-delta-(1-eps'^2)");
    }
    for (int u : tree.preorder()) {
      const auto& n = tree.nodes[static_cast<size_t>(u)];
      const auto& c = check.nodes[static_cast<size_t>(u)];
      const size_t depth = tree.path_to_root(u).size() - 1;
      std::vector<std::string> row{(indent ? std::string(2 * depth, ' ') : std::string()) + n.name,
                                   n.parent < 0 ? "-" : tree.nodes[static_cast<size_t>(n.parent)].name,
                                   n.subset.to_string(m), time_text(n.noise), margin_cell(c.pairs),
                                   margin_cell(c.separation), margin_cell(c.noise_gap)};
      bool ok = c.holds(), decided = c.decided();
      if (perturbed) {
        const auto& p = perturbed->nodes[static_cast<size_t>(u)];
        row.push_back(margin_cell(p.pairs));
        row.push_back(margin_cell(p.separation));
        ok = ok && p.pairs.holds() && p.separation.holds();
        decided = decided && p.pairs.decided() && p.separation.decided();
      }
      row.push_back(ok ? "yes" : (decided ? "NO" : "undecided"));
      t.rows.push_back(std::move(row));
    }
    return t;
  }

  std::string dot(const std::string& caption) const {
    auto esc = [](const std::string& s) {
      std::string o;
      for (char ch : s) o += (ch == '"' || ch == '\\') ? std::string("\\") + ch : std::string(1, ch);
      return o;
    };
    std::string out = "digraph mixture_tree {\n";
    out += fmt::format("  graph [label=\"{}\", labelloc=t, fontname=\"Helvetica\"];\n", esc(caption));
    out += "  node [shape=box, fontname=\"Helvetica\"];\n";
    for (int u : tree.preorder()) {
      const auto& n = tree.nodes[static_cast<size_t>(u)];
      const auto& c = check.nodes[static_cast<size_t>(u)];
      std::string label = fmt::format("{}\\n{{{}}}\\nN = {}\\n(1) {}\\n(2) {}", esc(n.name), esc(n.subset.to_string(m)),
                                      esc(time_text(n.noise)), esc(margin_cell(c.pairs)), esc(margin_cell(c.separation)));
      out += fmt::format("  n{} [label=\"{}\"{}];\n", u, label, c.holds() ? "" : ", color=red, fontcolor=red");
    }
    for (int u : tree.preorder())
      for (int ch : tree.nodes[static_cast<size_t>(u)].children) out += fmt::format("  n{} -> n{};\n", u, ch);
    return out + "}\n";
  }
};

const char* kOrderedMaskNote =
    "ordered-mask: at time t the first t positions of process.order are hidden, so a node at level t splits on "
    "position order[t-1]; BoE's E7 writes \"mask i_d..i_{d-t}\", which hides t+1 positions (off by one).";

void run(const Args& args) {
  Model m = args.model.load();
  ExactReal eps = parse_real_option(args.eps, "--eps");
  theorem2_check_eps(eps);
  std::optional<int> leaf;
  if (!args.leaf.empty()) {
    Subset s = Subset::parse(args.leaf, m, "--leaf");
    if (s.size() != 1) throw InputError("--leaf", "must name one component (a label or an index)");
    leaf = s.indices().front();
  }
  std::optional<ExactReal> delta;
  if (!args.perturb.empty()) {
    delta = parse_real_option(args.perturb, "--perturb");
    mixture_tree_check_delta(eps, *delta);
  }
  std::optional<MixtureTree> given;
  if (!args.tree_file.empty()) given = mixture_tree_file_load(args.tree_file, m);
  auto engine = exact_engine_make(m, args.model.common.precision);

  MixtureTreeBuild built;
  if (!given) built = mixture_tree_build(*engine, eps);
  const MixtureTree& tree = given ? *given : built.tree;
  const MixtureTreeCheck check = mixture_tree_check(*engine, tree, eps);
  std::optional<Corollary2Check> perturbed;
  if (delta) perturbed = mixture_tree_corollary2(check, tree, eps, *delta, engine->precision());
  std::vector<Corollary1Step> cor1;
  if (leaf) cor1 = mixture_tree_corollary1(*engine, tree, eps, *leaf);

  const Report rep{m, tree, check, perturbed};
  const std::string source = given ? "tree file " + args.tree_file : "built from pairwise merge times";
  const std::string verdict = check.valid ? "an eps-mixture tree" : (check.certain ? "NOT an eps-mixture tree"
                                                                                   : "undecided at this precision");
  const std::string caption = fmt::format("eps-mixture tree (BoE Def. 8) for '{}', eps = {}, {}: {}", m.name,
                                          eps.to_string(), source, verdict);

  Json j = json_header("tree", m);
  {
    j["eps"] = eps.to_double();
    j["eps_exact"] = eps.to_string();
    j["source"] = given ? "file" : "built";
    if (given) j["tree_file"] = args.tree_file;
    j["process"] = std::string(process_kind_name(m.process.kind));
    j["valid"] = check.valid;
    j["certain"] = check.certain;
    j["depth"] = tree.depth();
    j["node_count"] = tree.nodes.size();
    j["tree"] = rep.node_json(tree.root);
    if (!given) {
      Json col = Json::array();
      for (const auto& c : built.collapsed) {
        Json e;
        e["subset"] = json_subset(c.subset, m);
        json_time(e, "noise", c.noise);
        e["reason"] = c.reason;
        if (c.separation_margin) json_value(e, "separation_margin", *c.separation_margin);
        e["into"] = json_subset(c.into, m);
        col.push_back(e);
      }
      j["collapsed"] = col;
    }
    if (leaf) {
      Json c1;
      c1["leaf"] = m.labels[static_cast<size_t>(*leaf)];
      c1["guaranteed"] = check.valid;
      Json steps = Json::array();
      for (size_t l = 0; l < cor1.size(); ++l) {
        const auto& s = cor1[l];
        Json e;
        e["level"] = l + 1;
        e["node"] = tree.nodes[static_cast<size_t>(s.node)].name;
        e["subset"] = json_subset(tree.nodes[static_cast<size_t>(s.node)].subset, m);
        json_time(e, "t", s.t);
        json_put(e, "fr_tv", s.fr_tv);
        e["fr_tv_guarantee"] = guarantee_name(s.fr_tv.guarantee);
        json_put(e, "W", s.W);
        json_put(e, "bound", s.bound);
        json_put(e, "slack", s.slack);
        e["holds"] = s.holds;
        steps.push_back(e);
      }
      c1["steps"] = steps;
      j["corollary1"] = c1;
    }
    if (perturbed) {
      Json c2;
      c2["delta"] = delta->to_double();
      c2["delta_exact"] = delta->to_string();
      json_put(c2, "eps_perturbed", perturbed->eps_perturbed);
      c2["valid"] = perturbed->valid;
      c2["certain"] = perturbed->certain;
      j["corollary2"] = c2;
    }
    if (m.process.kind == ProcessKind::ordered_mask) j["note"] = kOrderedMaskNote;
    j["precision_used"] = json_precision_used(j);
  }
  if (args.model.common.json) {
    std::cout << j.dump(2) << "\n";
    return;
  }

  if (args.format == "dot") {
    std::cout << rep.dot(caption);
    return;
  }
  const Format f = args.format == "csv" ? Format::csv
                   : args.format == "md" ? Format::md
                   : args.format == "latex" ? Format::latex
                                            : Format::table;
  Table main = rep.table(f == Format::table);
  main.caption = caption;
  std::string out = table_render(main, f);
  if (!given && !built.collapsed.empty()) {
    Table col{{"collapsed subset", "noise", "reason", "into"}, {}, "nodes collapsed while building"};
    for (const auto& c : built.collapsed)
      col.rows.push_back({c.subset.to_string(m), time_text(c.noise), c.reason, c.into.to_string(m)});
    out += "\n" + table_render(col, f);
  }
  if (leaf) {
    Table c1{{"l", "node", "T_l", "TV(p^{theta,T_l}, p^{Subset(u_l)})", "W_l", "bound eps(1+max(1,W_l)/sqrt2)",
              "slack", "holds"},
             {},
             fmt::format("Corollary 1 for leaf '{}'{}", m.labels[static_cast<size_t>(*leaf)],
                         check.valid ? "" : " (not guaranteed: the tree is not an eps-mixture tree)")};
    for (size_t l = 0; l < cor1.size(); ++l) {
      const auto& s = cor1[l];
      c1.rows.push_back({std::to_string(l + 1), tree.nodes[static_cast<size_t>(s.node)].name, time_text(s.t),
                         cell(s.fr_tv), cell(s.W), cell(s.bound), cell(s.slack), s.holds ? "yes" : "NO"});
    }
    out += "\n" + table_render(c1, f);
  }
  if (perturbed && f == Format::table)
    out += fmt::format("\nCorollary 2: with every component moved by at most delta/2 in TV (delta = {}) the tree is an "
                       "(eps + sqrt(delta)) = {}-mixture tree: {}\n",
                       delta->to_string(), cell(perturbed->eps_perturbed),
                       perturbed->valid ? "yes" : (perturbed->certain ? "NO" : "undecided"));
  if (m.process.kind == ProcessKind::ordered_mask && f == Format::table) out += std::string("\nnote: ") + kOrderedMaskNote + "\n";
  if (const long bits = j["precision_used"].get<long>(); bits > 0 && f == Format::table)
    out += fmt::format("precision used: {} bits\n", bits);
  std::cout << out;
}

[[maybe_unused]] const int registered = command_register(35, [](CLI::App& parent) {
  auto [cmd, args] = command_add<Args>(parent, "tree",
                                       "eps-mixture trees (BoE Def. 8): check a tree file or build one; Corollary 1 "
                                       "along a leaf's path, Corollary 2 under perturbation",
                                       run);
  args->model.add_to(*cmd);
  // This command also draws Graphviz, so its --format takes one more value than the shared option.
  cmd->remove_option(cmd->get_option("--format"));
  cmd->add_option("--format", args->format, "table | csv | md | latex | dot (Graphviz)")
      ->check(CLI::IsMember({"table", "csv", "md", "latex", "dot"}));
  cmd->add_option("--eps", args->eps, "epsilon in (0,1)")->required();
  cmd->add_option("--tree", args->tree_file, "tree file (TOML [[nodes]] with name, parent, subset, noise) to check");
  cmd->add_option("--leaf", args->leaf, "a component: Corollary 1's windows along its path to the root");
  cmd->add_option("--perturb", args->perturb, "delta: check the tree as an (eps + sqrt(delta))-tree (Corollary 2)");
});

}  // namespace
}  // namespace critwin::app
