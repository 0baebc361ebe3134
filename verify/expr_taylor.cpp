#include "verify/expr_taylor.hpp"

#include "verify/taylor_model.hpp"
#include "verify/taylor_series.hpp"

#include <map>
#include <optional>
#include <vector>

namespace critwin::verify {

namespace {

using namespace taylor_series;

using Env = std::map<std::string, Series>;

std::optional<Series> taylor(const ExprPtr& e, const Env& env, size_t n) {
  auto arg = [&](int i) { return taylor(e->args[i], env, n); };
  switch (e->op) {
    case Op::num: return constant(Num::exact(e->value), n);
    case Op::pi: return constant(Num::ball(ball_pi()), n);
    case Op::e: return constant(Num::ball(exp(Ball(1))), n);
    case Op::var: {
      auto it = env.find(e->name);
      if (it == env.end()) return std::nullopt;
      return it->second;
    }
    case Op::neg: {
      auto a = arg(0);
      if (!a) return a;
      for (auto& c : *a) c = -c;
      return a;
    }
    case Op::add: case Op::sub: {
      auto a = arg(0), b = arg(1);
      if (!a || !b) return std::nullopt;
      for (size_t k = 0; k < n; ++k) (*a)[k] = e->op == Op::add ? (*a)[k] + (*b)[k] : (*a)[k] - (*b)[k];
      return a;
    }
    case Op::mul: {
      auto a = arg(0), b = arg(1);
      if (!a || !b) return std::nullopt;
      return mul(*a, *b);
    }
    case Op::div: {
      auto a = arg(0), b = arg(1);
      if (!a || !b) return std::nullopt;
      return div(*a, *b);
    }
    case Op::pow: {
      auto a = arg(0);
      if (!a) return a;
      if (e->is_integer_power()) {
        const long k = e->integer_exponent();
        if (k >= 0) return pow_int(*a, k);
        return div(constant(num_int(1), n), pow_int(*a, -k));
      }
      auto b = arg(1);
      auto la = log_series(*a);
      if (!b || !la) return std::nullopt;
      return exp_series(mul(*b, *la));
    }
    case Op::sqrt: {
      auto a = arg(0);
      if (!a) return a;
      return sqrt_series(*a);
    }
    case Op::abs: {
      auto a = arg(0);
      if (!a) return a;
      const int s = certain_sign((*a)[0]);
      if (s == 0) return std::nullopt;  // not smooth where the argument may vanish
      if (s < 0)
        for (auto& c : *a) c = -c;
      return a;
    }
    case Op::min: case Op::max: {
      auto a = arg(0), b = arg(1);
      if (!a || !b) return std::nullopt;
      const int s = certain_sign((*a)[0] - (*b)[0]);
      if (s == 0) return std::nullopt;
      return ((s < 0) == (e->op == Op::min)) ? a : b;
    }
    case Op::exp: {
      auto a = arg(0);
      if (!a) return a;
      return exp_series(*a);
    }
    case Op::ln: {
      auto a = arg(0);
      if (!a) return a;
      return log_series(*a);
    }
    case Op::erf: case Op::erfc: {
      auto a = arg(0);
      if (!a) return a;
      return erf_series(*a, e->op == Op::erfc);
    }
    case Op::erfcinv: {
      auto a = arg(0);
      if (!a) return a;
      return erfcinv_series(*a);
    }
    default: return std::nullopt;
  }
}

// Lower bound of Σ_{j<=k} b_j s^j over s ∈ [0, h] by Horner's scheme on explicit interval ends, so that an exact
// 0 end stays exactly 0 (a midpoint-radius ball [0, h] would dip below 0).
Ball horner_lower(const std::vector<Ball>& b, const Ball& h) {
  Ball lo = b.back(), hi = b.back();
  for (size_t j = b.size() - 1; j-- > 0;) {
    Ball nlo = lo.certainly_ge(Ball(0)) ? Ball(0) : min(lo * h, Ball(0));
    Ball nhi = hi.certainly_le(Ball(0)) ? Ball(0) : max(hi * h, Ball(0));
    lo = nlo + b[j];
    hi = nhi + b[j];
  }
  return lo;
}

bool certifies(const Ball& lower, bool strict) {
  if (!lower.is_finite()) return false;
  return strict ? lower.certainly_gt(Ball(0)) : lower.certainly_ge(Ball(0));
}

}  // namespace

bool taylor_certifies_nonneg(const ExprPtr& g, const Box& box, bool strict, int max_order) {
  const size_t n = static_cast<size_t>(max_order) + 1;
  const BallEnv balls = box_env(box);
  for (const auto& v : box) {
    if (v.lo == v.hi) continue;
    Env env;
    for (const auto& r : box) env[r.name] = constant(r.lo == r.hi ? Num::exact(r.lo) : Num::ball(balls.at(r.name)), n);
    // Remainder coefficients: the variable over its whole range.
    Series& sv = env[v.name];
    sv[1] = num_int(1);
    auto over = taylor(g, env, n);
    if (!over) continue;
    ExactReal mid = (v.lo + v.hi) / ExactReal::from_int(2);
    for (const ExactReal& c : {v.lo, v.hi, mid}) {
      sv[0] = Num::exact(c);
      auto at = taylor(g, env, n);
      if (!at) continue;
      for (size_t k = 1; k < n; ++k) {
        bool ok = true;
        for (int side : {-1, 1}) {
          const ExactReal h = side > 0 ? v.hi - c : c - v.lo;
          if (h.sign() == 0) continue;
          std::vector<Ball> b;
          for (size_t j = 0; j < k; ++j) b.push_back(side < 0 && j % 2 ? -(*at)[j].b : (*at)[j].b);
          b.push_back(side < 0 && k % 2 ? -(*over)[k].b : (*over)[k].b);
          if (!certifies(horner_lower(b, h.ball()), strict)) { ok = false; break; }
        }
        if (ok) return true;
      }
    }
  }
  return false;
}

namespace {

ExprPtr sub(const ExprPtr& a, const ExprPtr& b) { return expr_make(Op::sub, {a, b}, a->pos); }

bool is_zero(const ExprPtr& e) { return e->op == Op::num && e->value.sign() == 0; }
ExprPtr k_num(long v) { return expr_num(ExactReal::from_int(v)); }
ExprPtr add_(const ExprPtr& a, const ExprPtr& b) { return is_zero(a) ? b : is_zero(b) ? a : expr_make(Op::add, {a, b}, 0); }
ExprPtr sub_(const ExprPtr& a, const ExprPtr& b) { return is_zero(b) ? a : is_zero(a) ? expr_make(Op::neg, {b}, 0) : expr_make(Op::sub, {a, b}, 0); }
ExprPtr mul_(const ExprPtr& a, const ExprPtr& b) { return (is_zero(a) || is_zero(b)) ? k_num(0) : expr_make(Op::mul, {a, b}, 0); }
ExprPtr div_(const ExprPtr& a, const ExprPtr& b) { return is_zero(a) ? a : expr_make(Op::div, {a, b}, 0); }
ExprPtr fn(Op op, const ExprPtr& a) { return expr_make(op, {a}, 0); }

// ∂e/∂x as an expression; nullptr where e is not differentiable in general (abs, min, max).
ExprPtr derivative(const ExprPtr& e, const std::string& x) {
  if (!expr_variables(e).count(x)) return k_num(0);
  auto d = [&](int i) { return derivative(e->args[i], x); };
  const auto& a = e->args;
  switch (e->op) {
    case Op::var: return k_num(e->name == x ? 1 : 0);
    case Op::neg: { auto da = d(0); return da ? sub_(k_num(0), da) : nullptr; }
    case Op::add: case Op::sub: {
      auto da = d(0), db = d(1);
      if (!da || !db) return nullptr;
      return e->op == Op::add ? add_(da, db) : sub_(da, db);
    }
    case Op::mul: {
      auto da = d(0), db = d(1);
      if (!da || !db) return nullptr;
      return add_(mul_(da, a[1]), mul_(a[0], db));
    }
    case Op::div: {
      auto da = d(0), db = d(1);
      if (!da || !db) return nullptr;
      return div_(sub_(mul_(da, a[1]), mul_(a[0], db)), mul_(a[1], a[1]));
    }
    case Op::pow: {
      auto da = d(0);
      if (!da) return nullptr;
      if (e->is_integer_power()) {
        const long n = e->integer_exponent();
        return mul_(mul_(k_num(n), expr_make(Op::pow, {a[0], k_num(n - 1)}, 0)), da);
      }
      auto db = d(1);
      if (!db) return nullptr;
      return mul_(e, add_(mul_(db, fn(Op::ln, a[0])), div_(mul_(a[1], da), a[0])));
    }
    case Op::sqrt: { auto da = d(0); return da ? div_(da, mul_(k_num(2), e)) : nullptr; }
    case Op::exp: { auto da = d(0); return da ? mul_(e, da) : nullptr; }
    case Op::ln: { auto da = d(0); return da ? div_(da, a[0]) : nullptr; }
    case Op::erf: case Op::erfc: {
      auto da = d(0);
      if (!da) return nullptr;
      ExprPtr g = mul_(div_(k_num(2), fn(Op::sqrt, expr_make(Op::pi, {}, 0))), fn(Op::exp, sub_(k_num(0), mul_(a[0], a[0]))));
      return e->op == Op::erf ? mul_(g, da) : sub_(k_num(0), mul_(g, da));
    }
    case Op::erfcinv: {
      auto da = d(0);
      if (!da) return nullptr;
      ExprPtr g = mul_(div_(fn(Op::sqrt, expr_make(Op::pi, {}, 0)), k_num(2)), fn(Op::exp, mul_(e, e)));
      return sub_(k_num(0), mul_(g, da));
    }
    default: return nullptr;
  }
}

// Mean-value (centred) form of `g` over the box, `depth` times nested: g(m) + Σ_k ∂_k g(B)·[−r_k, r_k], with each
// ∂_k g(B) enclosed the same way one level down. Keeps correlations the plain interval extension loses (e^{x+y}
// against e^x e^y), at the cost of one derivative expression per variable and level.
Ball centred_form(const ExprPtr& g, const Box& box, const BallEnv& env, int depth) {
  Ball plain = expr_eval_ball(g, env);
  if (depth == 0) return plain;
  BallEnv centre;
  Ball sum;
  for (const auto& r : box) centre[r.name] = ((r.lo + r.hi) / ExactReal::from_int(2)).ball();
  sum = expr_eval_ball(g, centre);
  for (const auto& r : box) {
    if (r.lo == r.hi) continue;
    ExprPtr dg = derivative(g, r.name);
    if (!dg) return plain;
    if (is_zero(dg)) continue;
    const Ball half = ((r.hi - r.lo) / ExactReal::from_int(2)).ball();
    sum += centred_form(dg, box, env, depth - 1) * ball_union(-half, half);
  }
  if (!sum.is_finite()) return plain;
  if (!plain.is_finite()) return sum;
  return sum.rad() < plain.rad() ? sum : plain;
}

// Certifies small <= big (strict: <) on the box by Taylor forms of big − small and their log/squared variants.
bool certify_le(const ExprPtr& small, const ExprPtr& big, bool strict, const Box& box, const BallEnv& env, const SolverLimits* z3) {
  if (taylor_certifies_nonneg(sub(big, small), box, strict)) return true;
  // Several variables: the centred form keeps the correlations a one-variable Taylor form leaves to the ranges.
  if (box.size() > 1 && certifies(centred_form(sub(big, small), box, env, 2), strict)) return true;
  // Thin positive tails: compare logarithms, whose difference varies slowly where both sides are tiny.
  const Ball s = expr_eval_ball(small, env), b = expr_eval_ball(big, env);
  if (s.is_finite() && b.is_finite() && s.certainly_gt(Ball(0)) && b.certainly_gt(Ball(0)) &&
      taylor_certifies_nonneg(sub(expr_make(Op::ln, {big}, big->pos), expr_make(Op::ln, {small}, small->pos)), box, strict))
    return true;
  // small <= sqrt(u) follows from small^2 <= u (and small < sqrt(u) from small^2 < u): no singular sqrt at u = 0.
  if (big->op == Op::sqrt) {
    ExprPtr sq = expr_make(Op::pow, {small, expr_num(ExactReal::from_int(2))}, small->pos);
    if (taylor_certifies_nonneg(sub(big->args[0], sq), box, strict)) return true;
  }
  // Contact along a line or at a degenerate point: a multivariate Taylor model, its polynomial part decided by Z3.
  if (z3 && taylor_model_certifies_nonneg(sub(big, small), box, strict, *z3)) return true;
  return false;
}

// The Z3-backed Taylor model is tried for "holds on the box" only: a box where a true claim fails is found by
// point evaluation far more cheaply.
Truth cmp_on_box(const ExprPtr& e, const Box& box, const BallEnv& env, const SolverLimits* z3) {
  Truth t = expr_eval_truth(e, env);
  if (t != Truth::unknown) return t;
  const ExprPtr& a = e->args[0];
  const ExprPtr& b = e->args[1];
  switch (e->op) {
    case Op::le: return certify_le(a, b, false, box, env, z3) ? Truth::yes : certify_le(b, a, true, box, env, nullptr) ? Truth::no : Truth::unknown;
    case Op::lt: return certify_le(a, b, true, box, env, z3) ? Truth::yes : certify_le(b, a, false, box, env, nullptr) ? Truth::no : Truth::unknown;
    case Op::ge: return certify_le(b, a, false, box, env, z3) ? Truth::yes : certify_le(a, b, true, box, env, nullptr) ? Truth::no : Truth::unknown;
    case Op::gt: return certify_le(b, a, true, box, env, z3) ? Truth::yes : certify_le(a, b, false, box, env, nullptr) ? Truth::no : Truth::unknown;
    case Op::ne: return (certify_le(a, b, true, box, env, z3) || certify_le(b, a, true, box, env, z3)) ? Truth::yes : Truth::unknown;
    default: return Truth::unknown;
  }
}

Truth truth_rec(const ExprPtr& e, const Box& box, const BallEnv& env, const SolverLimits* z3) {
  switch (e->op) {
    case Op::lt: case Op::le: case Op::gt: case Op::ge: case Op::eq: case Op::ne: return cmp_on_box(e, box, env, z3);
    case Op::not_: {
      Truth a = truth_rec(e->args[0], box, env, z3);
      return a == Truth::yes ? Truth::no : a == Truth::no ? Truth::yes : Truth::unknown;
    }
    case Op::and_: {
      Truth a = truth_rec(e->args[0], box, env, z3);
      if (a == Truth::no) return Truth::no;
      Truth b = truth_rec(e->args[1], box, env, z3);
      if (b == Truth::no) return Truth::no;
      return (a == Truth::yes && b == Truth::yes) ? Truth::yes : Truth::unknown;
    }
    case Op::or_: {
      Truth a = truth_rec(e->args[0], box, env, z3);
      if (a == Truth::yes) return Truth::yes;
      Truth b = truth_rec(e->args[1], box, env, z3);
      if (b == Truth::yes) return Truth::yes;
      return (a == Truth::no && b == Truth::no) ? Truth::no : Truth::unknown;
    }
    case Op::implies: {
      Truth a = truth_rec(e->args[0], box, env, z3);
      if (a == Truth::no) return Truth::yes;
      Truth b = truth_rec(e->args[1], box, env, z3);
      if (b == Truth::yes) return Truth::yes;
      return (a == Truth::yes && b == Truth::no) ? Truth::no : Truth::unknown;
    }
    default: return expr_eval_truth(e, env);
  }
}

}  // namespace

Truth truth_on_box(const ExprPtr& formula, const Box& box, const SolverLimits* z3) {
  return truth_rec(formula, box, box_env(box), z3);
}

}  // namespace critwin::verify
