#include "bounds/mixture_tree.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <numeric>

#include <fmt/format.h>

#include "bounds/theorem2_window.hpp"
#include "bounds/tv_crossing.hpp"
#include "model/input_error.hpp"

namespace critwin {

bool TreeMargin::holds() const {
  if (!applies) return true;
  if (margin.exact) return strict ? margin.exact->sign() > 0 : margin.exact->sign() >= 0;
  return strict ? margin.estimate.lo > 0 : margin.estimate.lo >= 0;
}

bool TreeMargin::decided() const {
  if (!applies || margin.exact || margin.estimate.infinite) return true;
  return margin.estimate.lo > 0 || margin.estimate.hi < 0 || (margin.estimate.lo == 0 && !strict);
}

namespace {

TreeValue value_of(const ExactReal& q) { return TreeValue{Estimate::from_ball(q.ball()), q}; }

// c + sign · v, exact when v is; otherwise by interval arithmetic on v's enclosure, keeping its guarantee.
TreeValue affine(const Ball& c, const std::optional<ExactReal>& c_exact, int sign, const TreeValue& v) {
  if (v.exact && c_exact) return value_of(sign > 0 ? *c_exact + *v.exact : *c_exact - *v.exact);
  const Ball s(sign);
  const Ball range = c + s * Ball::interval(v.estimate.lo, v.estimate.hi);
  const Ball mid = c + s * Ball(v.estimate.value);
  const Guarantee g = v.estimate.guarantee == Guarantee::estimated ? Guarantee::estimated : Guarantee::certified;
  return TreeValue{Estimate{mid.mid(), range.lower(), range.upper(), g, false,
                            precision_combine(v.estimate.precision_bits, ball_precision())},
                   std::nullopt};
}

// TV(p_t^A, p_t^B): the exact rational when the family has one at this t, else the engine's enclosure.
TreeValue tv_value(const ExactEngine& engine, const Subset& a, const Subset& b, const TimePoint& t) {
  if (auto q = engine.rational_forward_tv(a, b, t)) return value_of(*q);
  return TreeValue{engine.forward_tv(a, b, t), std::nullopt};
}

TreeMargin applied(TreeValue v, bool strict = false) { return TreeMargin{true, strict, std::move(v)}; }

TimePoint sup_time_point(const Process& p) {
  if (p.kind == ProcessKind::ou) return TimePoint::inf();
  return TimePoint{*p.sup_time(), false};
}

// A crossing as a noise level at or just above it: exact on discrete index sets; on continuous ones the
// enclosure's upper end rounded up to six significant digits (TV is non-increasing, so (1) still holds there
// and its margin is positive rather than an enclosure around 0).
TimePoint noise_at_or_above(const Estimate& crossing, const Process& p) {
  if (crossing.infinite) return TimePoint::inf();
  if (p.discrete_time()) return TimePoint::integer(std::lround(crossing.value));
  const double hi = crossing.hi;
  if (hi <= 0) return TimePoint::integer(0);
  const int k = 5 - static_cast<int>(std::floor(std::log10(hi)));
  const ExactReal scale = pow(ExactReal::from_int(10), k);
  long n = static_cast<long>(std::ceil(hi * std::pow(10.0, k)));
  const ExactReal target = ExactReal::from_double(hi);
  while (ExactReal::from_int(n) / scale < target) ++n;
  TimePoint t{ExactReal::from_int(n) / scale, false};
  if (auto sup = p.sup_time(); sup && t.value > *sup) t.value = *sup;
  return t;
}

}  // namespace

MixtureTreeCheck mixture_tree_check(const ExactEngine& engine, const MixtureTree& tree, const ExactReal& eps) {
  theorem2_check_eps(eps);
  const Model& m = engine.model();
  BallPrecisionScope scope(engine.precision());
  const ExactReal sep_level = ExactReal::from_int(1) - eps * eps;
  MixtureTreeCheck out;
  out.nodes.resize(tree.nodes.size());
  for (size_t u = 0; u < tree.nodes.size(); ++u) {
    const auto& node = tree.nodes[u];
    auto& c = out.nodes[u];
    // (1): the pairs whose lowest common ancestor is u.
    std::vector<std::pair<int, int>> pairs;
    if (node.children.empty()) {
      const auto& idx = node.subset.indices();
      for (size_t a = 0; a < idx.size(); ++a)
        for (size_t b = a + 1; b < idx.size(); ++b) pairs.emplace_back(idx[a], idx[b]);
    } else {
      for (size_t ca = 0; ca < node.children.size(); ++ca)
        for (size_t cb = ca + 1; cb < node.children.size(); ++cb)
          for (int i : tree.nodes[static_cast<size_t>(node.children[ca])].subset.indices())
            for (int j : tree.nodes[static_cast<size_t>(node.children[cb])].subset.indices())
              pairs.emplace_back(std::min(i, j), std::max(i, j));
    }
    if (!pairs.empty()) {
      std::vector<Estimate> tv;
      double max_lo = -1;
      for (auto [i, j] : pairs) {
        tv.push_back(engine.forward_tv(Subset({i}), Subset({j}), node.noise));
        max_lo = std::max(max_lo, tv.back().lo);
      }
      // Only pairs whose enclosure reaches the largest lower end can be the maximum; those get the exact
      // rational (its enumeration can be costly, so not every pair pays it).
      std::optional<TreeValue> best;
      bool all_exact = true;
      for (size_t p = 0; p < pairs.size(); ++p) {
        if (tv[p].hi < max_lo) continue;
        auto q = engine.rational_forward_tv(Subset({pairs[p].first}), Subset({pairs[p].second}), node.noise);
        TreeValue v = q ? value_of(*q) : TreeValue{tv[p], std::nullopt};
        all_exact = all_exact && q.has_value();
        const bool better = !best || (q && best->exact ? *q > *best->exact : v.estimate.value > best->estimate.value);
        if (better) {
          best = v;
          c.worst_pair = pairs[p];
        }
      }
      // With enclosures only, the maximum is enclosed by the hull of the candidates' upper and lower ends.
      if (!all_exact) {
        best->exact.reset();
        for (size_t p = 0; p < pairs.size(); ++p) {
          best->estimate.hi = std::max(best->estimate.hi, tv[p].hi);
          best->estimate.lo = std::max(best->estimate.lo, tv[p].lo);
          if (tv[p].guarantee == Guarantee::estimated) best->estimate.guarantee = Guarantee::estimated;
          best->estimate.precision_bits = precision_combine(best->estimate.precision_bits, tv[p].precision_bits);
        }
        if (best->estimate.guarantee == Guarantee::exact && best->estimate.lo != best->estimate.hi)
          best->estimate.guarantee = Guarantee::certified;
      }
      c.pairs_tv = *best;
      c.pairs = applied(affine(eps.ball(), eps, -1, c.pairs_tv));
    }
    if (node.parent >= 0) {
      c.separation_tv = tv_value(engine, node.subset, node.subset.complement(m.size()), node.noise);
      c.separation = applied(affine(-sep_level.ball(), ExactReal() - sep_level, +1, c.separation_tv));
      const auto& pn = tree.nodes[static_cast<size_t>(node.parent)].noise;
      c.noise_gap = applied(pn.infinite ? TreeValue{Estimate::plus_infinity(), std::nullopt}
                                        : value_of(pn.value - node.noise.value),
                            true);
    }
  }
  out.valid = true;
  for (const auto& c : out.nodes) {
    out.valid = out.valid && c.holds();
    out.certain = out.certain && c.decided();
  }
  return out;
}

namespace {

struct ProtoNode {
  Subset subset;
  std::vector<int> children;
  int parent = -1;
  TimePoint noise = TimePoint::integer(0);
  bool alive = true;
};

int find_root(std::vector<int>& dsu, int x) {
  while (dsu[static_cast<size_t>(x)] != x) x = dsu[static_cast<size_t>(x)] = dsu[static_cast<size_t>(dsu[static_cast<size_t>(x)])];
  return x;
}

std::string margin_text(const TreeValue& v) {
  if (v.exact && v.exact->to_string().size() <= 24) return v.exact->to_string();
  return fmt::format("{:.6g}", v.exact ? v.exact->to_double() : v.estimate.value);
}

}  // namespace

MixtureTreeBuild mixture_tree_build(const ExactEngine& engine, const ExactReal& eps) {
  theorem2_check_eps(eps);
  const Model& m = engine.model();
  const int K = m.size();
  BallPrecisionScope scope(engine.precision());

  // Merge times.
  std::vector<std::vector<TimePoint>> merge(static_cast<size_t>(K), std::vector<TimePoint>(static_cast<size_t>(K)));
  std::vector<std::pair<int, int>> pairs;
  for (int i = 0; i < K; ++i)
    for (int j = i + 1; j < K; ++j) {
      OptionalTime c = tv_crossing_first_at_most(engine, Subset({i}), Subset({j}), eps);
      merge[i][j] = merge[j][i] = c ? noise_at_or_above(*c, m.process) : sup_time_point(m.process);
      pairs.emplace_back(i, j);
    }
  std::stable_sort(pairs.begin(), pairs.end(), [&](const auto& a, const auto& b) {
    return time_compare(merge[a.first][a.second], merge[b.first][b.second]) < 0;
  });

  // Single linkage; all pairs at one merge time join in one step, so ties give one n-ary node.
  std::vector<ProtoNode> nodes;
  std::vector<int> dsu(static_cast<size_t>(K)), node_of(static_cast<size_t>(K));
  for (int k = 0; k < K; ++k) {
    nodes.push_back(ProtoNode{Subset({k}), {}, -1, TimePoint::integer(0), true});
    dsu[k] = node_of[k] = k;
  }
  for (size_t g = 0; g < pairs.size();) {
    size_t e = g;
    const TimePoint& level = merge[pairs[g].first][pairs[g].second];
    while (e < pairs.size() && time_compare(merge[pairs[e].first][pairs[e].second], level) == 0) ++e;
    std::vector<int> touched;
    std::map<int, int> old_node;
    for (size_t p = g; p < e; ++p) {
      const int a = find_root(dsu, pairs[p].first), b = find_root(dsu, pairs[p].second);
      if (a == b) continue;
      for (int r : {a, b})
        if (old_node.emplace(r, node_of[r]).second) touched.push_back(r);
      dsu[static_cast<size_t>(a)] = b;
    }
    std::map<int, std::vector<int>> groups;
    for (int r : touched) groups[find_root(dsu, r)].push_back(old_node[r]);
    for (auto& [root, kids] : groups) {
      ProtoNode n;
      std::vector<int> idx;
      for (int c : kids) {
        nodes[static_cast<size_t>(c)].parent = static_cast<int>(nodes.size());
        for (int i : nodes[static_cast<size_t>(c)].subset.indices()) idx.push_back(i);
      }
      n.subset = Subset(std::move(idx));
      n.children = kids;
      node_of[root] = static_cast<int>(nodes.size());
      nodes.push_back(std::move(n));
    }
    g = e;
  }
  const int root = K == 1 ? 0 : static_cast<int>(nodes.size()) - 1;
  // Level: the largest merge time of a pair inside the node.
  for (auto& n : nodes) {
    const auto& idx = n.subset.indices();
    for (size_t a = 0; a < idx.size(); ++a)
      for (size_t b = a + 1; b < idx.size(); ++b)
        if (time_compare(merge[idx[a]][idx[b]], n.noise) > 0) n.noise = merge[idx[a]][idx[b]];
  }

  // (2) at every non-root node, once: it depends only on the node's subset and level.
  const ExactReal sep_level = ExactReal::from_int(1) - eps * eps;
  std::vector<std::optional<TreeValue>> sep(nodes.size());
  std::vector<bool> sep_ok(nodes.size(), true);
  for (size_t u = 0; u < nodes.size(); ++u) {
    if (static_cast<int>(u) == root) continue;
    const TreeValue tv = tv_value(engine, nodes[u].subset, nodes[u].subset.complement(K), nodes[u].noise);
    TreeMargin mg = applied(affine(-sep_level.ball(), ExactReal() - sep_level, +1, tv));
    sep[u] = mg.margin;
    sep_ok[u] = mg.holds();
  }

  MixtureTreeBuild out;
  auto record = [&](int u, const std::string& reason, bool with_margin, int into) {
    const auto& n = nodes[static_cast<size_t>(u)];
    out.collapsed.push_back(CollapsedNode{n.subset, n.noise, reason,
                                          with_margin ? sep[static_cast<size_t>(u)] : std::nullopt,
                                          nodes[static_cast<size_t>(into)].subset});
  };
  auto must_go = [&](int u) -> std::optional<std::pair<std::string, bool>> {
    const auto& n = nodes[static_cast<size_t>(u)];
    if (n.parent < 0) return std::nullopt;
    if (!sep_ok[static_cast<size_t>(u)])
      return std::pair{fmt::format("separation (2) fails: TV(p^S, p^rest) - (1 - eps^2) = {} at t = {}",
                                   margin_text(*sep[static_cast<size_t>(u)]), n.noise.to_double()),
                       true};
    if (time_compare(n.noise, nodes[static_cast<size_t>(n.parent)].noise) == 0)
      return std::pair{std::string("same level as its parent (noise must increase strictly)"), false};
    return std::nullopt;
  };
  for (bool changed = true; changed;) {
    changed = false;
    // A leaf that cannot stay a leaf: its labels need a leaf above it, so its parent becomes one.
    for (size_t u = 0; u < nodes.size() && !changed; ++u) {
      if (!nodes[u].alive || !nodes[u].children.empty()) continue;
      auto why = must_go(static_cast<int>(u));
      if (!why) continue;
      const int p = nodes[u].parent;
      record(static_cast<int>(u), why->first, why->second, p);
      std::vector<int> stack(nodes[static_cast<size_t>(p)].children);
      while (!stack.empty()) {
        const int v = stack.back();
        stack.pop_back();
        if (v != static_cast<int>(u)) record(v, "absorbed: its ancestor became a leaf because another leaf below it could not stay one", false, p);
        nodes[static_cast<size_t>(v)].alive = false;
        for (int w : nodes[static_cast<size_t>(v)].children) stack.push_back(w);
      }
      nodes[static_cast<size_t>(p)].children.clear();
      changed = true;
    }
    for (size_t u = 0; u < nodes.size() && !changed; ++u) {
      if (!nodes[u].alive || nodes[u].children.empty()) continue;
      auto why = must_go(static_cast<int>(u));
      if (!why) continue;
      const int p = nodes[u].parent;
      record(static_cast<int>(u), why->first, why->second, p);
      auto& pc = nodes[static_cast<size_t>(p)].children;
      pc.erase(std::find(pc.begin(), pc.end(), static_cast<int>(u)));
      for (int c : nodes[u].children) {
        nodes[static_cast<size_t>(c)].parent = p;
        pc.push_back(c);
      }
      nodes[u].alive = false;
      changed = true;
    }
  }

  // Pre-order from the root, children by their smallest label, named u0, u1, …
  std::vector<int> new_id(nodes.size(), -1), order, stack{root};
  while (!stack.empty()) {
    const int u = stack.back();
    stack.pop_back();
    new_id[static_cast<size_t>(u)] = static_cast<int>(order.size());
    order.push_back(u);
    auto kids = nodes[static_cast<size_t>(u)].children;
    std::sort(kids.begin(), kids.end(), [&](int a, int b) {
      return nodes[static_cast<size_t>(a)].subset.indices().front() < nodes[static_cast<size_t>(b)].subset.indices().front();
    });
    for (auto it = kids.rbegin(); it != kids.rend(); ++it) stack.push_back(*it);
  }
  for (int u : order) {
    const auto& n = nodes[static_cast<size_t>(u)];
    MixtureTreeNode t;
    t.name = fmt::format("u{}", new_id[static_cast<size_t>(u)]);
    t.subset = n.subset;
    t.noise = n.noise;
    t.parent = n.parent < 0 ? -1 : new_id[static_cast<size_t>(n.parent)];
    out.tree.nodes.push_back(std::move(t));
  }
  for (size_t v = 0; v < out.tree.nodes.size(); ++v)
    if (out.tree.nodes[v].parent >= 0)
      out.tree.nodes[static_cast<size_t>(out.tree.nodes[v].parent)].children.push_back(static_cast<int>(v));
  out.tree.root = 0;
  mixture_tree_validate(out.tree, m);  // the construction keeps Definition 8's shape; a failure is a bug here
  return out;
}

std::vector<Corollary1Step> mixture_tree_corollary1(const ExactEngine& engine, const MixtureTree& tree,
                                                    const ExactReal& eps, int label) {
  theorem2_check_eps(eps);
  const Model& m = engine.model();
  if (label < 0 || label >= m.size())
    throw InputError("leaf", fmt::format("must be a component label or an index 0..{}", m.size() - 1));
  BallPrecisionScope scope(engine.precision());
  std::vector<Corollary1Step> out;
  const Subset init({label});
  for (int u : tree.path_to_root(tree.leaf_of(label))) {
    const auto& node = tree.nodes[static_cast<size_t>(u)];
    Corollary1Step s;
    s.node = u;
    s.t = node.noise;
    s.fr_tv = engine.fr_tv(init, node.subset, node.noise);
    const Subset rest = node.subset.complement(m.size());
    const ExactReal w_rest = m.weight(rest), w_s = m.weight(node.subset);
    s.W = Estimate::from_ball((w_rest / w_s).ball());
    const Ball bound = theorem2_bound(eps, w_rest, w_s);
    s.bound = Estimate::from_ball(bound);
    s.slack = estimate_difference(s.bound, s.fr_tv);
    s.holds = s.fr_tv.hi <= s.bound.lo;
    out.push_back(s);
  }
  return out;
}

void mixture_tree_check_delta(const ExactReal& eps, const ExactReal& delta) {
  const ExactReal one = ExactReal::from_int(1);
  if (delta.sign() <= 0 || !(delta < (one - eps) * (one - eps)))
    throw InputError("perturb", fmt::format("δ must satisfy 0 < δ and ε + √δ < 1, i.e. δ < (1 − ε)² = {} (got {})",
                                              ((one - eps) * (one - eps)).to_string(), delta.to_string()));
}

Corollary2Check mixture_tree_corollary2(const MixtureTreeCheck& check, const MixtureTree& tree, const ExactReal& eps,
                                        const ExactReal& delta, long precision_bits) {
  mixture_tree_check_delta(eps, delta);
  BallPrecisionScope scope(precision_bits);
  const Ball e2 = eps.ball() + sqrt(delta.ball());
  Corollary2Check out;
  out.eps_perturbed = Estimate::from_ball(e2);
  out.nodes.resize(tree.nodes.size());
  // (1') = (ε + √δ − δ) − TV and (2') = TV − (δ + 1 − (ε + √δ)²): affine in the node's TVs.
  const Ball c1 = e2 - delta.ball(), c2 = -(delta.ball() + Ball(1) - e2 * e2);
  for (size_t u = 0; u < tree.nodes.size(); ++u) {
    const auto& c = check.nodes[u];
    auto& p = out.nodes[u];
    if (c.pairs.applies) p.pairs = applied(affine(c1, std::nullopt, -1, c.pairs_tv));
    if (c.separation.applies) p.separation = applied(affine(c2, std::nullopt, +1, c.separation_tv));
  }
  out.valid = true;
  for (size_t u = 0; u < out.nodes.size(); ++u) {
    const auto& p = out.nodes[u];
    out.valid = out.valid && p.pairs.holds() && p.separation.holds() && check.nodes[u].noise_gap.holds();
    out.certain = out.certain && p.pairs.decided() && p.separation.decided();
  }
  return out;
}

}  // namespace critwin
