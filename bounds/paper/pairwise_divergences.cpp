#include "bounds/paper/pairwise_divergences.hpp"

#include <fmt/format.h>

#include "model/overloaded.hpp"

namespace critwin {

namespace {

// Per position (BC₁, KL₁) tensorized over the positions Y_t shows: all for t = 0 … the process decides.
// `per_position(i)` gives position i's pair. Random masking hides each position independently with
// probability t, the same event under both components, so a position contributes t + (1 − t)BC₁ and (1 − t)KL₁.
template <class PerPosition>
PairDivergence tensorize(const Process& proc, int length, const TimePoint& t, PerPosition per_position) {
  PairDivergence d{Ball(1), Ball(0)};
  if (proc.kind == ProcessKind::random_mask) {
    const Ball tb = t.value.ball(), keep = Ball(1) - tb;
    for (int i = 0; i < length; ++i) {
      auto [bc, kl] = per_position(i);
      d.bc *= tb + keep * bc;
      if (keep.is_zero()) continue;  // a masked position carries no information, even if KL₁ = ∞
      if (kl.is_pos_inf() || d.kl.is_pos_inf()) d.kl = Ball::pos_inf();
      else d.kl += keep * kl;
    }
    return d;
  }
  const std::vector<bool> vis = proc.visible_positions(t.to_long());
  for (int i = 0; i < length; ++i) {
    if (!vis[static_cast<size_t>(i)]) continue;
    auto [bc, kl] = per_position(i);
    d.bc *= bc;
    if (kl.is_pos_inf() || d.kl.is_pos_inf()) d.kl = Ball::pos_inf();
    else d.kl += kl;
  }
  return d;
}

// BC and KL of two categorical laws given as exact probability vectors.
std::pair<Ball, Ball> categorical_pair(const std::vector<ExactReal>& p, const std::vector<ExactReal>& q) {
  Ball bc(0), kl(0);
  bool kl_inf = false;
  for (size_t v = 0; v < p.size(); ++v) {
    if (p[v].sign() == 0) continue;
    if (q[v].sign() == 0) { kl_inf = true; continue; }
    const Ball pb = p[v].ball(), qb = q[v].ball();
    bc += sqrt(pb * qb);
    kl += pb * log(pb / qb);
  }
  return {bc, kl_inf ? Ball::pos_inf() : kl};
}

}  // namespace

PairDivergenceSupport pair_divergence_support(const Model& m) {
  const std::string fam = m.family_name();
  auto none = [&](const std::string& why) { return PairDivergenceSupport{false, false, why, why}; };
  return std::visit(
      overloaded{
          [&](const GaussianComponents&) { return PairDivergenceSupport{true, true, "", ""}; },
          [&](const BernoulliProductComponents&) { return PairDivergenceSupport{true, true, "", ""}; },
          [&](const CategoricalProductComponents&) { return PairDivergenceSupport{true, true, "", ""}; },
          [&](const StringComponents&) {
            return PairDivergenceSupport{true, false, "",
                                         "KL between distinct point masses is infinite while a differing position shows"};
          },
          [&](const PlantedSpikeComponents&) { return none("no closed-form pairwise BC/KL for " + fam + " yet"); },
          [&](const SparseRegressionComponents&) { return none("no closed-form pairwise BC/KL for " + fam + " yet"); },
          [&](const RandomWalkComponents&) { return none("no closed-form pairwise BC/KL for " + fam + " (absorbed walks) yet"); },
          [&](const IclComponents&) { return none("no closed-form pairwise BC/KL for " + fam + " in compare yet"); },
          [&](const ConceptOuComponents&) { return none("no closed-form pairwise BC/KL for " + fam + " in compare yet"); },
      },
      m.components);
}

PairDivergence pair_divergence(const Model& m, int a, int b, const TimePoint& t) {
  const auto ua = static_cast<size_t>(a), ub = static_cast<size_t>(b);
  if (a == b) return PairDivergence{Ball(1), Ball(0)};
  return std::visit(
      overloaded{
          [&](const GaussianComponents& g) -> PairDivergence {
            ExactReal d2;
            for (int i = 0; i < g.dim; ++i) {
              const ExactReal diff = g.means[ua][static_cast<size_t>(i)] - g.means[ub][static_cast<size_t>(i)];
              d2 += diff * diff;
            }
            if (d2.sign() == 0) return PairDivergence{Ball(1), Ball(0)};
            if (t.infinite) return PairDivergence{Ball(1), Ball(0)};
            if (t.value.sign() == 0 && g.variance.sign() == 0) return PairDivergence{Ball(0), Ball::pos_inf()};
            const Ball u = exp(Ball(-2) * t.value.ball());
            const Ball v = g.variance.ball() * u + (Ball(1) - u);
            const Ball x = d2.ball() * u / v;  // e^{−2t}‖μ_a − μ_b‖²/v_t
            return PairDivergence{exp(-x / Ball(8)), x / Ball(2)};
          },
          [&](const BernoulliProductComponents& bp) -> PairDivergence {
            const ExactReal one = ExactReal::from_int(1);
            const std::vector<ExactReal> p{bp.probs[ua], one - bp.probs[ua]}, q{bp.probs[ub], one - bp.probs[ub]};
            const auto pair = categorical_pair(p, q);
            return tensorize(m.process, bp.length, t, [&](int) { return pair; });
          },
          [&](const CategoricalProductComponents& c) -> PairDivergence {
            // Expand the runs into one (BC₁, KL₁) per position; rows are short (the alphabet).
            std::vector<std::pair<Ball, Ball>> per(static_cast<size_t>(c.length));
            size_t ra = 0, rb = 0;
            int left_a = c.tables[ua][0].repeat, left_b = c.tables[ub][0].repeat;
            for (int i = 0; i < c.length; ++i) {
              per[static_cast<size_t>(i)] = categorical_pair(c.tables[ua][ra].probs, c.tables[ub][rb].probs);
              if (--left_a == 0 && i + 1 < c.length) left_a = c.tables[ua][++ra].repeat;
              if (--left_b == 0 && i + 1 < c.length) left_b = c.tables[ub][++rb].repeat;
            }
            return tensorize(m.process, c.length, t, [&](int i) { return per[static_cast<size_t>(i)]; });
          },
          [&](const StringComponents& s) -> PairDivergence {
            const std::string &x = s.codes[ua], &y = s.codes[ub];
            return tensorize(m.process, s.length(), t, [&](int i) {
              const bool same = x[static_cast<size_t>(i)] == y[static_cast<size_t>(i)];
              return same ? std::pair<Ball, Ball>{Ball(1), Ball(0)} : std::pair<Ball, Ball>{Ball(0), Ball::pos_inf()};
            });
          },
          [&](const PlantedSpikeComponents&) -> PairDivergence { throw std::logic_error("pair_divergence: unsupported family"); },
          [&](const SparseRegressionComponents&) -> PairDivergence { throw std::logic_error("pair_divergence: unsupported family"); },
          [&](const RandomWalkComponents&) -> PairDivergence { throw std::logic_error("pair_divergence: unsupported family"); },
          [&](const IclComponents&) -> PairDivergence { throw std::logic_error("pair_divergence: unsupported family"); },
          [&](const ConceptOuComponents&) -> PairDivergence { throw std::logic_error("pair_divergence: unsupported family"); },
      },
      m.components);
}

}  // namespace critwin
