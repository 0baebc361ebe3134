#include "bounds/paper/earlier_predictions.hpp"

#include <algorithm>
#include <cmath>

#include <fmt/format.h>

#include "bounds/critical_window.hpp"
#include "bounds/retention_halfway.hpp"
#include "bounds/paper/paper_example.hpp"
#include "bounds/paper/pairwise_divergences.hpp"
#include "bounds/theorem2_window.hpp"

namespace critwin {

namespace {

enum class Tri { no, yes, unknown };

// A predicate on times that holds on an initial segment of the index set (it is monotone in t), decided on
// certified balls: `unknown` when the enclosure straddles the threshold.
using TimePredicate = std::function<Tri(const TimePoint&)>;

Tri decide(const Ball& lhs_minus_rhs_le0) {
  if (lhs_minus_rhs_le0.certainly_le(Ball(0))) return Tri::yes;
  if (lhs_minus_rhs_le0.certainly_gt(Ball(0))) return Tri::no;
  return Tri::unknown;
}

// Evaluates `pred` at t, raising the Ball precision (up to 16×) while the answer is unknown.
Tri decide_refined(const TimePredicate& pred, const TimePoint& t) {
  Tri r = pred(t);
  const long base = ball_precision();
  for (long bits = base * 2; r == Tri::unknown && bits <= 16 * base; bits *= 2) {
    BallPrecisionScope scope(bits);
    r = pred(t);
  }
  return r;
}

TimePoint time_at(double t) { return TimePoint{ExactReal::from_double(t), false}; }

// The boundary sup{t ∈ I : pred(t)} of a predicate true on an initial segment: nullopt when pred(0) fails
// (the sup of the empty set), +∞ (ou) or sup I when it holds everywhere. Continuous index sets: a certified
// enclosure by bisection; discrete ones: the exact integer.
OptionalTime initial_segment_end(const Process& proc, const TimePredicate& pred, bool unknown_as_yes) {
  const Tri at0 = decide_refined(pred, TimePoint::integer(0));
  if (at0 == Tri::no || (at0 == Tri::unknown && !unknown_as_yes)) return std::nullopt;
  if (proc.discrete_time()) {
    // An undecidable point is (almost always) an exact tie with the threshold, which the predicate's own
    // form resolves (`unknown_as_yes`); the result is then estimated, its bracket the certain indices.
    long lo = 0, hi = proc.length + 1;  // pred(lo) holds (or is taken to), pred(hi) fails; hi = L + 1: past I
    long sure_yes = at0 == Tri::yes ? 0 : -1, sure_no = proc.length + 1;
    while (hi - lo > 1) {
      const long mid = lo + (hi - lo) / 2;
      const Tri r = decide_refined(pred, TimePoint::integer(mid));
      if (r == Tri::yes) sure_yes = std::max(sure_yes, mid);
      if (r == Tri::no) sure_no = std::min(sure_no, mid);
      const bool yes = r == Tri::yes || (r == Tri::unknown && unknown_as_yes);
      (yes ? lo : hi) = mid;
    }
    Estimate e = Estimate::exact_value(static_cast<double>(lo));
    if (sure_yes != lo || sure_no != lo + 1) {
      e.guarantee = Guarantee::estimated;
      e.lo = static_cast<double>(std::max(0L, std::min(sure_yes, lo)));
      e.hi = static_cast<double>(std::max(sure_no - 1, lo));
    }
    return e;
  }
  double a = 0, b = 1;
  if (proc.kind == ProcessKind::random_mask) {
    if (decide_refined(pred, TimePoint::integer(1)) == Tri::yes) return Estimate::exact_value(1);
  } else {
    Tri r;
    while ((r = decide_refined(pred, time_at(b))) == Tri::yes) {
      a = b;
      b *= 2;
      if (b > 1e300) return Estimate::plus_infinity();
    }
  }
  // pred(a) holds, pred(b) fails (or is undecidable at the cap, which only widens the enclosure).
  for (int it = 0; it < 2000 && b - a > 4 * std::nextafter(b, INFINITY) - 4 * b; ++it) {
    const double mid = a + (b - a) / 2;
    if (mid <= a || mid >= b) break;
    const Tri r = decide_refined(pred, time_at(mid));
    if (r == Tri::unknown) break;
    (r == Tri::yes ? a : b) = mid;
  }
  return Estimate{a + (b - a) / 2, a, b, Guarantee::certified, false, ball_precision()};
}

// inf{t : h(t) <= level} for h non-increasing in t: the end of the initial segment where h > level, i.e.
// (continuous) the same crossing point; (discrete) one step after it.
OptionalTime first_time_le(const Process& proc, const std::function<Ball(const TimePoint&)>& h, const Ball& level) {
  TimePredicate above = [&](const TimePoint& t) {
    const Tri r = decide(h(t) - level);
    return r == Tri::yes ? Tri::no : r == Tri::no ? Tri::yes : Tri::unknown;
  };
  OptionalTime end = initial_segment_end(proc, above, false);  // h = level counts as "<= level"
  if (!end) return Estimate::exact_value(0);  // h(0) <= level already
  if (end->infinite) return std::nullopt;     // never below the level
  if (proc.discrete_time()) {
    if (end->value >= proc.length && end->guarantee == Guarantee::exact) return std::nullopt;
    Estimate e = *end;
    e.value += 1, e.lo += 1, e.hi = std::min(e.hi + 1, static_cast<double>(proc.length));
    return e;
  }
  if (proc.kind == ProcessKind::random_mask && end->value >= 1 && end->guarantee == Guarantee::exact) return std::nullopt;
  return end;
}

Guarantee weaker(Guarantee a, Guarantee b) { return static_cast<int>(a) > static_cast<int>(b) ? a : b; }

OptionalTime difference(const OptionalTime& a, const OptionalTime& b) {
  if (!a || !b || a->infinite || b->infinite) return std::nullopt;
  return estimate_difference(*a, *b);
}

// Σ_{i∈A, j∈B} g(u_i v_j, divergences of (i, j) at t), u_i = w_i/w_A, v_j = w_j/w_B; +∞ as soon as a term is.
template <class G>
Ball weighted_pair_sum(const Model& m, const Subset& a, const Subset& b, const TimePoint& t, G g) {
  const Ball wab = m.weight(a).ball() * m.weight(b).ball();
  Ball s(0);
  for (int i : a.indices())
    for (int j : b.indices()) {
      const Ball uv = m.weights[static_cast<size_t>(i)].ball() * m.weights[static_cast<size_t>(j)].ball() / wab;
      const Ball term = g(uv, pair_divergence(m, i, j, t));
      if (term.is_pos_inf()) return Ball::pos_inf();
      s += term;
    }
  return s;
}

// BC(p^A, p^B) <= Σ √(u_a v_b) BC_ab (√ is subadditive), capped at 1.
Ball bc_upper(const Model& m, const Subset& a, const Subset& b, const TimePoint& t) {
  return min(weighted_pair_sum(m, a, b, t, [](const Ball& uv, const PairDivergence& d) { return sqrt(uv) * d.bc; }), Ball(1));
}

// Joint convexity of TV: TV(p^A, p^B) <= Σ u_a v_b TV(p^a, p^b) <= Σ u_a v_b √(1 − BC_ab²).
Ball tv_upper_from_bc(const Model& m, const Subset& a, const Subset& b, const TimePoint& t) {
  return min(weighted_pair_sum(m, a, b, t,
                               [](const Ball& uv, const PairDivergence& d) { return uv * sqrt(max(Ball(1) - d.bc * d.bc, Ball(0))); }),
             Ball(1));
}

// Joint convexity of KL: KL(p^A ‖ p^B) <= Σ u_a v_b KL(p^a ‖ p^b).
Ball kl_upper(const Model& m, const Subset& a, const Subset& b, const TimePoint& t) {
  return weighted_pair_sum(m, a, b, t, [](const Ball& uv, const PairDivergence& d) { return d.kl.is_pos_inf() ? d.kl : uv * d.kl; });
}

Subset difference_set(const Subset& outer, const Subset& inner) {
  std::vector<int> d;
  for (int i : outer.indices())
    if (!inner.contains(i)) d.push_back(i);
  return Subset(d);
}

// Definition 4's second condition for T_before, TV(p_t^{S_before}, p_t^{Θ∖S_before}) >= 1 − ε², holds on
// [0, T_start(S_before)]; a route's first time counts only inside it (void when S_before = Θ).
OptionalTime with_second_condition(const ExactEngine& engine, const Subset& sb, const ExactReal& eps, OptionalTime t1) {
  const Model& m = engine.model();
  if (!t1 || sb.size() == m.size()) return t1;
  const Theorem2Window w = theorem2_window(engine, sb, sb, eps);
  if (!w.t_start) return std::nullopt;
  if (!w.t_start->infinite && (t1->infinite || t1->value > w.t_start->value)) return std::nullopt;
  return t1;
}

void finish_guarantee(Prediction& p) {
  Guarantee g = Guarantee::exact;
  for (const OptionalTime* e : {&p.t_after, &p.t_before, &p.t})
    if (*e) g = weaker(g, (*e)->guarantee);
  p.guarantee = g;
}

Prediction window_row(std::string method, OptionalTime lo, OptionalTime hi, std::string source) {
  Prediction p;
  p.method = std::move(method);
  p.window = true;
  p.t_after = std::move(lo);
  p.t_before = std::move(hi);
  p.source = std::move(source);
  return p;
}

Prediction time_row(std::string method, OptionalTime t, std::string source) {
  Prediction p;
  p.method = std::move(method);
  p.t = std::move(t);
  p.source = std::move(source);
  return p;
}

OptionalTime paper_time(const std::optional<Estimate>& e) { return e ? OptionalTime(*e) : std::nullopt; }

// BoE's printed closed forms (E1/E2 for any unit-variance Gaussian pair or K-mean model; E3, E4, E5, E6 through
// paper_example_match), for S_after = one component and S_before = Θ, the setting the examples state.
std::optional<Prediction> boe_row(const Model& m, const Subset& sa, const Subset& sb, const ExactReal& eps,
                                  std::string& why_not) {
  if (sb.size() != m.size() || sa.size() != 1) {
    why_not = "the printed examples state S_after = one component, S_before = all";
    return std::nullopt;
  }
  const int i = sa.indices()[0];
  if (const auto* g = m.family<GaussianComponents>()) {
    if (!(g->variance == ExactReal::from_int(1))) {
      why_not = "E1/E2 are stated for unit variance";
      return std::nullopt;
    }
    std::vector<ExactReal> dist2(static_cast<size_t>(m.size()));
    for (int j = 0; j < m.size(); ++j)
      for (int k = 0; k < g->dim; ++k) {
        const ExactReal d = g->means[static_cast<size_t>(i)][static_cast<size_t>(k)] - g->means[static_cast<size_t>(j)][static_cast<size_t>(k)];
        dist2[static_cast<size_t>(j)] += d * d;
      }
    for (int j = 0; j < m.size(); ++j)
      if (j != i && dist2[static_cast<size_t>(j)].sign() == 0) {
        why_not = "two components share a mean";
        return std::nullopt;
      }
    if (m.size() == 2) {
      const PaperWindow w = paper_e1_window(dist2[static_cast<size_t>(1 - i)] / ExactReal::from_int(4), eps);
      return window_row("boe", paper_time(w.t_after), paper_time(w.t_before), "BoE Example E1 (printed), m = half the distance of the means");
    }
    const PaperWindow w = paper_e2_window(dist2, i, eps);
    return window_row("boe", paper_time(w.t_after), paper_time(w.t_before), "BoE Example E2 (printed)");
  }
  const auto ex = paper_example_match(m);
  if (!ex) {
    why_not = "the model is none of BoE's worked examples";
    return std::nullopt;
  }
  if ((ex->id == "E4" || ex->id == "E6") && i != 0) {
    why_not = "BoE " + ex->id + " is stated for S_after = component 0";
    return std::nullopt;
  }
  const PaperWindow w = paper_example_window(*ex, eps);
  return window_row("boe", paper_time(w.t_after), paper_time(w.t_before),
                    fmt::format("BoE Example {} (printed), {}", ex->id, ex->parameters));
}

// Jacobi eigenvalue iteration for a small symmetric matrix (K × K, K = number of components). Hand-written:
// the project has no dense linear-algebra dependency and K is tiny.
std::vector<double> symmetric_eigenvalues(std::vector<std::vector<double>> a) {
  const size_t n = a.size();
  for (int sweep = 0; sweep < 100; ++sweep) {
    double off = 0;
    for (size_t p = 0; p < n; ++p)
      for (size_t q = p + 1; q < n; ++q) off += a[p][q] * a[p][q];
    if (off < 1e-300) break;
    for (size_t p = 0; p < n; ++p)
      for (size_t q = p + 1; q < n; ++q) {
        if (a[p][q] == 0) continue;
        const double theta = (a[q][q] - a[p][p]) / (2 * a[p][q]);
        const double t = (theta >= 0 ? 1 : -1) / (std::abs(theta) + std::sqrt(theta * theta + 1));
        const double c = 1 / std::sqrt(t * t + 1), s = t * c;
        for (size_t k = 0; k < n; ++k) {
          const double akp = a[k][p], akq = a[k][q];
          a[k][p] = c * akp - s * akq;
          a[k][q] = s * akp + c * akq;
        }
        for (size_t k = 0; k < n; ++k) {
          const double apk = a[p][k], aqk = a[q][k];
          a[p][k] = c * apk - s * aqk;
          a[q][k] = s * apk + c * aqk;
        }
      }
  }
  std::vector<double> ev(n);
  for (size_t i = 0; i < n; ++i) ev[i] = a[i][i];
  return ev;
}

}  // namespace

std::optional<Ball> symmetry_breaking_time(const ExactReal& m_squared, const ExactReal& variance) {
  const ExactReal s = variance - ExactReal::from_int(1);
  const Ball m2 = m_squared.ball();
  const Ball x = m2 + sqrt(m2 * m2 + (s * s).ball());
  if (!x.certainly_gt(Ball(1))) return std::nullopt;
  return log(x) / Ball(2);
}

std::optional<Estimate> speciation_time(const Model& m) {
  const auto* g = m.family<GaussianComponents>();
  if (!g) return std::nullopt;
  const size_t k = static_cast<size_t>(m.size()), d = static_cast<size_t>(g->dim);
  if (k == 2) {
    ExactReal d2;
    for (size_t c = 0; c < d; ++c) {
      const ExactReal diff = g->means[0][c] - g->means[1][c];
      d2 += diff * diff;
    }
    const ExactReal lambda = g->variance + m.weights[0] * m.weights[1] * d2;
    if (lambda <= ExactReal::from_int(1)) return std::nullopt;
    return Estimate::from_ball(log(lambda.ball()) / Ball(2));
  }
  // Nonzero eigenvalues of Mᵀ W M (d × d) are those of W^{1/2} M Mᵀ W^{1/2} (K × K), M the centred means.
  std::vector<ExactReal> mean_bar(d);
  for (size_t i = 0; i < k; ++i)
    for (size_t c = 0; c < d; ++c) mean_bar[c] += m.weights[i] * g->means[i][c];
  std::vector<std::vector<double>> gram(k, std::vector<double>(k));
  double norm = 0;
  for (size_t i = 0; i < k; ++i)
    for (size_t j = 0; j < k; ++j) {
      ExactReal dot;
      for (size_t c = 0; c < d; ++c) dot += (g->means[i][c] - mean_bar[c]) * (g->means[j][c] - mean_bar[c]);
      gram[i][j] = std::sqrt(m.weights[i].to_double() * m.weights[j].to_double()) * dot.to_double();
      norm += gram[i][j] * gram[i][j];
    }
  const std::vector<double> ev = symmetric_eigenvalues(gram);
  const double lmax = *std::max_element(ev.begin(), ev.end());
  // Backward error of the double Gram matrix and the Jacobi rotations: a few K ulps of its norm.
  const double err = 64.0 * static_cast<double>(k * k) * 2.2e-16 * (std::sqrt(norm) + 1);
  const double lambda = g->variance.to_double() + lmax;
  if (lambda - err <= 1) return std::nullopt;
  const double t = 0.5 * std::log(lambda);
  return Estimate{t, 0.5 * std::log(lambda - err), 0.5 * std::log(lambda + err), Guarantee::estimated, false, 53};
}

Comparison compare_predictions(const ExactEngine& engine, const Subset& sa, const Subset& sb, const ExactReal& eps,
                               const ExactEngine* halfway) {
  const Model& m = engine.model();
  critical_window_check_inputs(m, sa, sb, eps);
  BallPrecisionScope prec(engine.precision());
  Comparison out;
  auto omit = [&](const std::string& method, const std::string& why) { out.omitted.push_back({method, why}); };
  const Subset rest_a = sa.complement(m.size());
  const Ball e = eps.ball();

  const CriticalWindow cw = critical_window(engine, sa, sb, eps);
  out.rows.push_back(window_row("exact", cw.t_after, cw.t_before, "BoE Definition 4, computed exactly"));
  const Theorem2Window w_after = theorem2_window(engine, sa, sa, eps);
  out.rows.push_back(window_row("theorem2-after", w_after.t_end, w_after.t_start,
                                "BoE Theorem 2 window [T_end, T_start] for (S_init, S_target) = (S_after, S_after)"));
  const Theorem2Window w_before = theorem2_window(engine, sa, sb, eps);
  out.rows.push_back(window_row("theorem2-before", w_before.t_end, w_before.t_start,
                                "BoE Theorem 2 window [T_end, T_start] for (S_init, S_target) = (S_after, S_before)"));

  std::string why;
  if (auto row = boe_row(m, sa, sb, eps, why)) out.rows.push_back(*row);
  else omit("boe", why);

  const PairDivergenceSupport sup = pair_divergence_support(m);
  const Subset d = difference_set(sb, sa);
  const Ball wd_over_wb = (m.weight(d) / m.weight(sb)).ball();
  if (sup.bc) {
    // T_after: the proof's step ½·BC(p_t^{S_after}, p_t^{rest}) <= ε/√2 (L7) in place of TV >= 1 − ε² (L1).
    const Ball level_after = ball_sqrt2() * e;
    TimePredicate bc_small = [&](const TimePoint& t) { return decide(bc_upper(m, sa, rest_a, t) - level_after); };
    OptionalTime t_after = initial_segment_end(m.process, bc_small, true);
    // T_before: TV(p^{S_after}, p^{S_before}) = (w_D / w_{S_before}) TV(p^{S_after}, p^D), D = S_before ∖ S_after,
    // bounded through TV <= √(1 − BC²).
    OptionalTime t1 = first_time_le(m.process, [&](const TimePoint& t) { return wd_over_wb * tv_upper_from_bc(m, sa, d, t); }, e);
    out.rows.push_back(window_row("hellinger", t_after, with_second_condition(engine, sb, eps, t1),
                                  "Hellinger route (THEORY.md §6): T_after from BC <= √2·ε (proof of BoE Thm 2, L7), "
                                  "T_before from TV <= √(1 − BC²)"));
  } else {
    omit("hellinger", sup.why_not_bc);
  }
  if (sup.kl) {
    const Ball level = Ball(2) * e * e;  // √(½ KL) <= ε  ⇔  KL <= 2ε²
    OptionalTime t1 = first_time_le(m.process, [&](const TimePoint& t) { return kl_upper(m, sa, sb, t); }, level);
    out.rows.push_back(time_row("kl-pinsker", with_second_condition(engine, sb, eps, t1),
                                "LC24 route: T_before^KL = inf{t : √(½ KL bound) <= ε}, KL by joint convexity (THEORY.md §6)"));
  } else {
    omit("kl-pinsker", sup.why_not_kl);
  }

  if (m.family<GaussianComponents>()) {
    if (auto ts = speciation_time(m))
      out.rows.push_back(time_row("speciation", *ts, "Biroli et al. 2024: t_S = ½ ln Λ, Λ the largest eigenvalue of the data covariance"));
    else
      omit("speciation", "Λ <= 1: ½ ln Λ <= 0, no speciation for t > 0");
  } else {
    omit("speciation", "defined for Gaussian mixtures (data covariance)");
  }

  std::optional<Estimate> t_half;
  if (halfway) {
    HalfwayTimes h = retention_halfway_times(*halfway, sa);
    t_half = h.retention;
    out.retention_halfway = h.retention;
    if (h.cloning) {
      out.rows.push_back(time_row("cloning-halfway", *h.cloning,
                                  "Biroli et al. 2024 cloning probability φ(t) = Σ_θ w_θ E[P(θ | Y_t) | θ], half-way "
                                  "between φ(0) and φ(sup I), on critwin's exact retention curve"));
    } else {
      omit("cloning-halfway", h.reason);
    }
  } else {
    omit("cloning-halfway", "no exact engine for this model");
  }

  const auto* g = m.family<GaussianComponents>();
  if (g && m.size() == 2 && m.weights[0] == m.weights[1]) {
    ExactReal d2;
    for (int c = 0; c < g->dim; ++c) {
      const ExactReal diff = g->means[0][static_cast<size_t>(c)] - g->means[1][static_cast<size_t>(c)];
      d2 += diff * diff;
    }
    if (auto tc = symmetry_breaking_time(d2 / ExactReal::from_int(4), g->variance))
      out.rows.push_back(time_row("symmetry-breaking", Estimate::from_ball(*tc),
                                  "Raya & Ambrogioni 2023: sign change of U'' at the midpoint (THEORY.md §6)"));
    else
      omit("symmetry-breaking", "U'' at the midpoint keeps its sign for t > 0 (separation too small)");
  } else {
    omit("symmetry-breaking", "defined for two equally weighted Gaussians of equal variance");
  }

  for (Prediction& p : out.rows) {
    if (p.window) {
      p.d_after = difference(p.t_after, cw.t_after);
      p.d_before = difference(p.t_before, cw.t_before);
    } else {
      p.d_after = difference(p.t, cw.t_after);
      p.d_before = difference(p.t, cw.t_before);
      p.d_halfway = difference(p.t, t_half);
    }
    finish_guarantee(p);
  }
  return out;
}

}  // namespace critwin
