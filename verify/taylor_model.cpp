#include "verify/taylor_model.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "verify/taylor_series.hpp"
#include "verify/z3_bridge.hpp"

namespace critwin::verify {

namespace {

using namespace taylor_series;

// Multivariate truncated power series: coefficient of h^α at index Σ α_i (n+1)^i, every α_i <= n (the quotient
// ring R[h]/(h_i^{n+1}), in which products and compositions with a series without constant term are exact).
struct Shape {
  int d = 0, n = 0;
  std::vector<std::vector<int>> exps;  // α of each index
  size_t size() const { return exps.size(); }
  Shape(int d_, int n_) : d(d_), n(n_) {
    size_t total = 1;
    for (int i = 0; i < d; ++i) total *= static_cast<size_t>(n + 1);
    for (size_t idx = 0; idx < total; ++idx) {
      std::vector<int> a(static_cast<size_t>(d));
      size_t r = idx;
      for (int i = 0; i < d; ++i) { a[static_cast<size_t>(i)] = static_cast<int>(r % static_cast<size_t>(n + 1)); r /= static_cast<size_t>(n + 1); }
      exps.push_back(std::move(a));
    }
  }
};

using MSeries = std::vector<Num>;

constexpr size_t kPieces = 4;

MSeries m_const(const Shape& sh, const Num& c) {
  MSeries r(sh.size(), num_int(0));
  r[0] = c;
  return r;
}

MSeries m_mul(const Shape& sh, const MSeries& a, const MSeries& b) {
  MSeries r(sh.size(), num_int(0));
  for (size_t i = 0; i < a.size(); ++i) {
    if (a[i].is_zero()) continue;
    for (size_t j = 0; j + i < b.size(); ++j) {
      if (b[j].is_zero()) continue;
      bool fits = true;  // index addition is exponent addition when no digit carries
      for (int k = 0; k < sh.d && fits; ++k) fits = sh.exps[i][static_cast<size_t>(k)] + sh.exps[j][static_cast<size_t>(k)] <= sh.n;
      if (fits) r[i + j] = r[i + j] + a[i] * b[j];
    }
  }
  return r;
}

// f(u) for f given by its Taylor coefficients f_k at u's constant term: Σ f_k v^k with v = u − u_0 nilpotent
// (v^{d·n+1} = 0), so the sum is exact in the truncated ring.
MSeries m_compose(const Shape& sh, const Series& f, const MSeries& u) {
  MSeries v = u;
  v[0] = num_int(0);
  MSeries r = m_const(sh, f.back());
  for (size_t k = f.size() - 1; k-- > 0;) {
    r = m_mul(sh, r, v);
    r[0] = r[0] + f[k];
  }
  return r;
}

// Coefficients of f(u_0 + t), t^0 .. t^(d·n).
std::optional<Series> function_at(Op op, const Num& u0, const Shape& sh) {
  return function_series(op, u0, static_cast<size_t>(sh.d * sh.n) + 1);
}

using MEnv = std::map<std::string, MSeries>;

struct Evaluator {
  const Shape& sh;
  const MEnv& env;
  const BallEnv& box_balls;  // the box (original coordinates) for branch decisions of abs/min/max

  std::optional<MSeries> fn(Op op, const std::optional<MSeries>& a) const {
    if (!a) return std::nullopt;
    auto f = function_at(op, (*a)[0], sh);
    if (!f) return std::nullopt;
    return m_compose(sh, *f, *a);
  }

  std::optional<MSeries> operator()(const ExprPtr& e) const {
    auto arg = [&](int i) { return (*this)(e->args[static_cast<size_t>(i)]); };
    switch (e->op) {
      case Op::num: return m_const(sh, Num::exact(e->value));
      case Op::pi: return m_const(sh, Num::ball(ball_pi()));
      case Op::e: return m_const(sh, Num::ball(exp(Ball(1))));
      case Op::var: {
        auto it = env.find(e->name);
        if (it == env.end()) return std::nullopt;
        return it->second;
      }
      case Op::neg: {
        auto a = arg(0);
        if (a)
          for (auto& c : *a) c = -c;
        return a;
      }
      case Op::add: case Op::sub: {
        auto a = arg(0), b = arg(1);
        if (!a || !b) return std::nullopt;
        for (size_t k = 0; k < a->size(); ++k) (*a)[k] = e->op == Op::add ? (*a)[k] + (*b)[k] : (*a)[k] - (*b)[k];
        return a;
      }
      case Op::mul: {
        auto a = arg(0), b = arg(1);
        if (!a || !b) return std::nullopt;
        return m_mul(sh, *a, *b);
      }
      case Op::div: {
        auto a = arg(0), inv = fn(Op::div, arg(1));
        if (!a || !inv) return std::nullopt;
        return m_mul(sh, *a, *inv);
      }
      case Op::pow: {
        auto a = arg(0);
        if (!a) return a;
        if (e->is_integer_power()) {
          const long k = e->integer_exponent();
          MSeries r = m_const(sh, num_int(1)), base = *a;
          for (long m = std::labs(k); m > 0; m >>= 1) {
            if (m & 1) r = m_mul(sh, r, base);
            if (m > 1) base = m_mul(sh, base, base);
          }
          return k >= 0 ? std::optional<MSeries>(r) : fn(Op::div, r);
        }
        auto b = arg(1), la = fn(Op::ln, a);
        if (!b || !la) return std::nullopt;
        return fn(Op::exp, m_mul(sh, *b, *la));
      }
      case Op::sqrt: case Op::exp: case Op::ln: case Op::erf: case Op::erfc: case Op::erfcinv: return fn(e->op, arg(0));
      case Op::abs: case Op::min: case Op::max: {
        // Smooth only where the branch is decided on the whole box.
        const Ball x = e->op == Op::abs ? expr_eval_ball(e->args[0], box_balls)
                                        : expr_eval_ball(e->args[0], box_balls) - expr_eval_ball(e->args[1], box_balls);
        if (!x.is_finite() || x.contains_zero()) return std::nullopt;
        const bool neg = x.certainly_lt(Ball(0));
        if (e->op == Op::abs) {
          auto a = arg(0);
          if (a && neg)
            for (auto& c : *a) c = -c;
          return a;
        }
        return ((e->op == Op::min) == neg) ? arg(0) : arg(1);
      }
      default: return std::nullopt;
    }
  }
};

ExactReal lower_of(const Num& c) { return c.q ? *c.q : ExactReal::from_double(c.b.lower()); }
ExactReal upper_of(const Num& c) { return c.q ? *c.q : ExactReal::from_double(c.b.upper()); }

// The ball enclosure of Σ coef·h^α on a grid of k^d sub-boxes of the region (sub-boxes outside the linear
// constraints skipped): true when every one is certainly >= 0 (strict: > 0). The expansion stays valid on the
// whole box, so refining the polynomial's own enclosure costs a few ball products instead of new expansions.
bool poly_certified_on_grid(const IntervalPolynomial& p, bool strict, int k) {
  const size_t d = p.ranges.size();
  std::vector<std::vector<Ball>> pieces(d);
  for (size_t i = 0; i < d; ++i) {
    const auto& [lo, hi] = p.ranges[i];
    for (int j = 0; j < k; ++j) {
      const ExactReal a = lo + (hi - lo) * ExactReal(j) / ExactReal(k), b = lo + (hi - lo) * ExactReal(j + 1) / ExactReal(k);
      pieces[i].push_back(ball_between(a, b));
    }
  }
  std::vector<Ball> coef;
  for (const auto& t : p.terms) coef.push_back(ball_between(t.lo, t.hi));
  std::vector<size_t> at(d, 0);
  while (true) {
    bool inside = true;
    for (const auto& l : p.linear) {
      Ball v = l.c.ball();
      for (size_t i = 0; i < d; ++i) v += l.a[i].ball() * pieces[i][at[i]];
      if (v.certainly_lt(l.lo.ball()) || v.certainly_gt(l.hi.ball())) inside = false;
    }
    if (inside) {
      Ball sum(0);
      for (size_t t = 0; t < p.terms.size(); ++t) {
        Ball m = coef[t];
        for (size_t i = 0; i < d; ++i)
          for (int e = 0; e < p.terms[t].exponent[i]; ++e) m *= pieces[i][at[i]];
        sum += m;
      }
      if (!sum.is_finite() || !(strict ? sum.certainly_gt(Ball(0)) : sum.certainly_ge(Ball(0)))) return false;
    }
    size_t i = 0;
    while (i < d && ++at[i] == static_cast<size_t>(k)) at[i++] = 0;
    if (i == d) return true;
  }
}

// One expansion: g over `tbox` (its own coordinates) at `centre`, with the extra linear constraints. At a
// contact point (g exactly 0 at the centre) the polynomial may need Z3; elsewhere only its ball enclosure is
// used, since there splitting the box is cheaper than a query.
bool try_expansion(const ExprPtr& g, const Box& tbox, std::vector<ExactReal> centre, const BallEnv& box_balls,
                   const std::vector<IntervalPolynomial::Linear>& linear, bool strict, const SolverLimits& limits) {
  const int d = static_cast<int>(tbox.size());
  const Shape sh(d, d <= 2 ? 5 : 2);
  const size_t subsets = size_t{1} << d;
  // The coefficients with the variables of S over their ranges: the hull over kPieces sub-ranges per variable,
  // since the series recurrences on a wide ball overestimate far more than on its pieces.
  auto evaluate = [&](size_t S) -> std::optional<MSeries> {
    std::vector<int> over;
    for (int i = 0; i < d; ++i)
      if ((S >> i) & 1) over.push_back(i);
    size_t combos = 1;
    for (size_t k = 0; k < over.size(); ++k) combos *= kPieces;
    std::optional<MSeries> hull;
    for (size_t combo = 0; combo < combos; ++combo) {
      MEnv env;
      size_t stride = 1, rest = combo;
      for (int i = 0; i < d; ++i) {
        const auto& r = tbox[static_cast<size_t>(i)];
        Num base = Num::exact(centre[static_cast<size_t>(i)]);
        if ((S >> i) & 1) {
          const long piece = static_cast<long>(rest % kPieces);
          rest /= kPieces;
          const ExactReal w = (r.hi - r.lo) / ExactReal(static_cast<long>(kPieces));
          base = Num::ball(ball_between(r.lo + w * ExactReal(piece), r.lo + w * ExactReal(piece + 1)));
        }
        MSeries x = m_const(sh, base);
        x[stride] = num_int(1);
        env[r.name] = std::move(x);
        stride *= static_cast<size_t>(sh.n + 1);
      }
      auto t = Evaluator{sh, env, box_balls}(g);
      if (!t) return std::nullopt;
      if (!hull) {
        hull = std::move(t);
        continue;
      }
      for (size_t k = 0; k < hull->size(); ++k) {
        Num& h = (*hull)[k];
        const Num& v = (*t)[k];
        if (h.q && v.q && *h.q == *v.q) continue;  // equal exact values (structural zeros above all) stay exact
        h = Num::ball(ball_union(h.b, v.b));
      }
    }
    return hull;
  };
  std::vector<MSeries> by_subset;
  auto at_centre = evaluate(0);
  if (!at_centre) return false;
  const bool contact = (*at_centre)[0].is_zero();
  if (!contact && linear.empty()) {
    // Not a contact point: the box's midpoint gives the tightest expansion.
    for (int i = 0; i < d; ++i) centre[static_cast<size_t>(i)] = midpoint(tbox[static_cast<size_t>(i)].lo, tbox[static_cast<size_t>(i)].hi);
    at_centre = evaluate(0);
    if (!at_centre) return false;
  } else if (!contact) {
    return false;
  }
  if (certain_sign((*at_centre)[0]) < 0 || (strict && contact)) return false;
  by_subset.push_back(std::move(*at_centre));
  for (size_t S = 1; S < subsets; ++S) {
    auto t = evaluate(S);
    if (!t) return false;
    by_subset.push_back(std::move(*t));
  }
  IntervalPolynomial p;
  for (int i = 0; i < d; ++i) {
    const auto& r = tbox[static_cast<size_t>(i)];
    p.ranges.emplace_back(r.lo - centre[static_cast<size_t>(i)], r.hi - centre[static_cast<size_t>(i)]);
  }
  p.linear = linear;
  for (size_t idx = 0; idx < sh.size(); ++idx) {
    size_t S = 0;
    for (int i = 0; i < d; ++i)
      if (sh.exps[idx][static_cast<size_t>(i)] == sh.n) S |= size_t{1} << i;
    const Num& c = by_subset[S][idx];
    if (c.is_zero()) continue;
    if (!c.q && !c.b.is_finite()) return false;
    p.terms.push_back({sh.exps[idx], lower_of(c), upper_of(c)});
  }
  if (p.terms.empty()) return !strict;
  if (!contact) return poly_certified_on_grid(p, strict, 8);
  // Divide out the monomial h^β common to every term (the contact's order in each variable): when its sign is
  // fixed on the region, the quotient only needs the matching sign, and it is non-zero at the expansion point
  // unless the contact is degenerate there — then Z3 decides.
  std::vector<int> beta(static_cast<size_t>(d), sh.n + 1);
  for (const auto& t : p.terms)
    for (int i = 0; i < d; ++i) beta[static_cast<size_t>(i)] = std::min(beta[static_cast<size_t>(i)], t.exponent[static_cast<size_t>(i)]);
  int factor_sign = 1;
  for (int i = 0; i < d; ++i) {
    if (beta[static_cast<size_t>(i)] % 2 == 0) continue;
    const auto& [lo, hi] = p.ranges[static_cast<size_t>(i)];
    factor_sign *= lo.sign() >= 0 ? 1 : hi.sign() <= 0 ? -1 : 0;
  }
  if (factor_sign != 0) {
    IntervalPolynomial q = p;
    for (auto& t : q.terms) {
      for (int i = 0; i < d; ++i) t.exponent[static_cast<size_t>(i)] -= beta[static_cast<size_t>(i)];
      if (factor_sign < 0) {
        std::swap(t.lo, t.hi);
        t.lo = -t.lo;
        t.hi = -t.hi;
      }
    }
    if (poly_certified_on_grid(q, false, 4)) return true;
    return z3_interval_polynomial_nonneg(q, false, limits);
  }
  return z3_interval_polynomial_nonneg(p, false, limits);
}

}  // namespace

bool taylor_model_certifies_nonneg(const ExprPtr& g, const Box& box, bool strict, const SolverLimits& limits) {
  const size_t d = box.size();
  if (d < 2 || d > 3) return false;
  const BallEnv balls = box_env(box);
  std::vector<ExactReal> centre;
  for (const auto& r : box) centre.push_back(simplest_dyadic(r.lo, r.hi));
  return try_expansion(g, box, centre, balls, {}, strict, limits);
}

}  // namespace critwin::verify
