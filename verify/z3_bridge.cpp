#include "verify/z3_bridge.hpp"

#include <cmath>

#include <fmt/format.h>

#include "model/input_error.hpp"
#include "verify/z3_check.hpp"

namespace critwin::verify {

z3::expr z3_rational(z3::context& ctx, const ExactReal& v) { return ctx.real_val(v.to_string().c_str()); }

ExactReal z3_value_exact(const z3::expr& v) {
  z3::expr x = v;
  if (x.is_algebraic()) x = x.algebraic_lower(64);
  std::string s = Z3_get_numeral_string(x.ctx(), x);
  auto r = ExactReal::parse(s);
  if (!r) throw std::runtime_error("z3: cannot read model value '" + s + "'");
  return *r;
}

z3::solver z3_make_solver(z3::context& ctx, const SolverLimits& limits) {
  z3::solver s(ctx, "QF_NRA");
  z3::params p(ctx);
  if (limits.rlimit) p.set("rlimit", limits.rlimit);
  if (limits.timeout_ms) p.set("timeout", limits.timeout_ms);
  s.set(p);
  return s;
}

bool z3_interval_polynomial_nonneg(const IntervalPolynomial& p, bool strict, const SolverLimits& limits) {
  z3::context ctx;
  z3::solver s = z3_make_solver(ctx, limits);
  std::vector<z3::expr> h;
  std::vector<int> sign;  // of each variable over its range: +1, -1 or 0 (both)
  for (size_t i = 0; i < p.ranges.size(); ++i) {
    h.push_back(ctx.real_const(fmt::format("h{}", i).c_str()));
    s.add(h.back() >= z3_rational(ctx, p.ranges[i].first) && h.back() <= z3_rational(ctx, p.ranges[i].second));
    sign.push_back(p.ranges[i].first.sign() >= 0 ? 1 : p.ranges[i].second.sign() <= 0 ? -1 : 0);
  }
  for (const auto& l : p.linear) {
    z3::expr sum = z3_rational(ctx, l.c);
    for (size_t i = 0; i < l.a.size(); ++i)
      if (l.a[i].sign() != 0) sum = sum + z3_rational(ctx, l.a[i]) * h[i];
    s.add(sum >= z3_rational(ctx, l.lo) && sum <= z3_rational(ctx, l.hi));
  }
  z3::expr total = ctx.real_val(0);
  for (const auto& t : p.terms) {
    z3::expr m = ctx.real_val(1);
    int msign = 1;  // the monomial's sign over the region: even powers are >= 0, odd ones take the variable's sign
    bool first = true;
    for (size_t i = 0; i < t.exponent.size(); ++i) {
      for (int k = 0; k < t.exponent[i]; ++k) {
        m = first ? h[i] : m * h[i];
        first = false;
      }
      if (t.exponent[i] % 2 == 1) msign *= sign[i];
    }
    if (t.lo == t.hi) {
      total = total + z3_rational(ctx, t.lo) * m;
    } else if (msign != 0) {
      total = total + z3_rational(ctx, msign > 0 ? t.lo : t.hi) * m;
    } else {
      total = total + z3::ite(m >= 0, z3_rational(ctx, t.lo) * m, z3_rational(ctx, t.hi) * m);
    }
  }
  s.add(strict ? total <= 0 : total < 0);
  return z3_check(s, limits).result == z3::unsat;
}

Z3Encoder::Z3Encoder(z3::context& ctx, const BallEnv* box) : ctx_(ctx), box_(box) {}

z3::expr Z3Encoder::var(const std::string& name) {
  auto it = vars_.find(name);
  if (it != vars_.end()) return it->second;
  z3::expr v = ctx_.real_const(name.c_str());
  vars_.emplace(name, v);
  return v;
}

z3::expr Z3Encoder::fresh(const std::string& prefix) {
  return ctx_.real_const(fmt::format("{}!{}", prefix, counter_++).c_str());
}

namespace {
// A double as the exact rational it is.
ExactReal exact_double(double d) { return ExactReal::from_double(d); }
}  // namespace

z3::expr Z3Encoder::term(const ExprPtr& e) {
  switch (e->op) {
    case Op::num: return z3_rational(ctx_, e->value);
    case Op::var: return var(e->name);
    case Op::neg: return -term(e->args[0]);
    case Op::add: return term(e->args[0]) + term(e->args[1]);
    case Op::sub: return term(e->args[0]) - term(e->args[1]);
    case Op::mul: return term(e->args[0]) * term(e->args[1]);
    case Op::abs: {
      z3::expr a = term(e->args[0]);
      return z3::ite(a >= 0, a, -a);
    }
    case Op::min: {
      z3::expr a = term(e->args[0]), b = term(e->args[1]);
      return z3::ite(a <= b, a, b);
    }
    case Op::max: {
      z3::expr a = term(e->args[0]), b = term(e->args[1]);
      return z3::ite(a >= b, a, b);
    }
    default: break;
  }
  if (e->op == Op::pow && e->is_integer_power()) {
    long n = e->integer_exponent();
    z3::expr b = term(e->args[0]);
    z3::expr r = ctx_.real_val(1);
    for (long i = 0; i < std::labs(n); ++i) r = (i == 0) ? b : r * b;
    if (n >= 0) return r;
    ExprPtr recip = expr_make(Op::div, {expr_num(ExactReal::from_int(1)), expr_make(Op::pow, {e->args[0], expr_num(ExactReal::from_int(-n))}, e->pos)}, e->pos);
    return term(recip);
  }
  const std::string key = expr_to_string(e);
  if (auto it = fresh_.find(key); it != fresh_.end()) return it->second;
  z3::expr v = ctx_.real_val(0);
  if (e->op == Op::pi || e->op == Op::e) {
    // An irrational constant: a fresh variable between the double endpoints of its Arb enclosure.
    v = fresh(op_name(e->op));
    Ball b = expr_eval_ball(e, {});
    side_.push_back(v >= z3_rational(ctx_, exact_double(b.lower())) && v <= z3_rational(ctx_, exact_double(b.upper())));
  } else if (e->op == Op::div) {
    z3::expr a = term(e->args[0]), b = term(e->args[1]);
    v = fresh("div");
    side_.push_back(z3::implies(b != 0, v * b == a));
  } else if (e->op == Op::sqrt) {
    z3::expr a = term(e->args[0]);
    v = fresh("sqrt");
    side_.push_back(z3::implies(a >= 0, v >= 0 && v * v == a));
  } else if (e->is_transcendental()) {
    v = fresh(op_name(e->op));
    ++abstracted_;
    if (!box_) throw InputError("box", "the claim uses '" + key + "', which needs a range for every variable (add box = {...})");
    Ball b = expr_eval_ball(e, *box_);
    // Bounds only when the enclosure is finite; otherwise the variable is free, which is still sound.
    double lo = b.lower(), hi = b.upper();
    if (!b.is_finite() && e->op == Op::ln) {
      // The argument reaches 0 (or below, where the definedness obligation takes over): ln is still bounded
      // above by ln of the argument's upper end, which is what proves "ln(x) <= ..." near 0.
      Ball a = expr_eval_ball(e->args[0], *box_);
      lo = NAN;
      hi = std::isfinite(a.upper()) && a.upper() > 0 ? log(Ball(a.upper())).upper() : NAN;
    }
    if (std::isfinite(lo)) side_.push_back(v >= z3_rational(ctx_, exact_double(lo)));
    if (std::isfinite(hi)) side_.push_back(v <= z3_rational(ctx_, exact_double(hi)));
    if (e->args.size() == 1) add_axioms(e->op, term(e->args[0]), v);
  } else {
    throw InputError("expr", "'" + key + "' is a formula where a number is needed");
  }
  fresh_.emplace(key, v);
  return v;
}

void Z3Encoder::add_axioms(Op op, const z3::expr& a, const z3::expr& v) {
  int direction = 0;  // +1 increasing, −1 decreasing
  switch (op) {
    case Op::exp:
      side_.push_back(v > 0 && v >= 1 + a);
      direction = 1;
      break;
    case Op::ln:
      side_.push_back(z3::implies(a > 0, v <= a - 1 && v * a >= a - 1));
      direction = 1;
      break;
    case Op::erf: side_.push_back(v > -1 && v < 1); direction = 1; break;
    case Op::erfc: side_.push_back(v > 0 && v < 2); direction = -1; break;
    case Op::erfcinv: direction = -1; break;
    default: break;
  }
  if (direction == 0) return;
  for (const auto& o : abstracted_terms_) {
    if (o.op != op) continue;
    side_.push_back(z3::implies(o.arg == a, o.value == v));
    if (direction > 0) {
      side_.push_back(z3::implies(o.arg < a, o.value < v));
      side_.push_back(z3::implies(a < o.arg, v < o.value));
    } else {
      side_.push_back(z3::implies(o.arg < a, o.value > v));
      side_.push_back(z3::implies(a < o.arg, v > o.value));
    }
  }
  abstracted_terms_.push_back({op, a, v});
}

z3::expr Z3Encoder::formula(const ExprPtr& e) {
  switch (e->op) {
    case Op::true_: return ctx_.bool_val(true);
    case Op::false_: return ctx_.bool_val(false);
    case Op::lt: return term(e->args[0]) < term(e->args[1]);
    case Op::le: return term(e->args[0]) <= term(e->args[1]);
    case Op::gt: return term(e->args[0]) > term(e->args[1]);
    case Op::ge: return term(e->args[0]) >= term(e->args[1]);
    case Op::eq: return term(e->args[0]) == term(e->args[1]);
    case Op::ne: return term(e->args[0]) != term(e->args[1]);
    case Op::not_: return !formula(e->args[0]);
    case Op::and_: return formula(e->args[0]) && formula(e->args[1]);
    case Op::or_: return formula(e->args[0]) || formula(e->args[1]);
    case Op::implies: return z3::implies(formula(e->args[0]), formula(e->args[1]));
    default: throw InputError("expr", "'" + expr_to_string(e) + "' is a number where a formula is needed");
  }
}

}  // namespace critwin::verify
