#include "verify/expr_ball.hpp"

#include "model/input_error.hpp"

namespace critwin::verify {

std::string truth_name(Truth t) {
  switch (t) {
    case Truth::yes: return "true";
    case Truth::no: return "false";
    case Truth::unknown: return "unknown";
  }
  return "?";
}

Ball ball_between(const ExactReal& lo, const ExactReal& hi) { return ball_union(lo.ball(), hi.ball()); }

namespace {

// f applied to a wide ball loses a lot to Arb's derivative-based error propagation; for a monotone f the
// image of [lo, hi] is exactly the hull of f(lo) and f(hi), both computed on (near) points.
template <class F>
Ball monotone(F f, const Ball& x) {
  if (!x.is_finite() || x.is_exact()) return f(x);
  return ball_union(f(x.lower_endpoint()), f(x.upper_endpoint()));
}

// |x| as an enclosure that never dips below 0 (abs of a ball around 0 keeps a symmetric radius).
Ball nonneg_abs(const Ball& x) {
  if (!x.is_finite() || !x.contains_zero()) return abs(x);
  return ball_union(Ball(0), x.abs_upper_endpoint());
}

Truth cmp(Op op, const Ball& a, const Ball& b) {
  if (!a.is_finite() || !b.is_finite()) return Truth::unknown;
  auto tri = [](bool certainly_true, bool certainly_false) {
    return certainly_true ? Truth::yes : certainly_false ? Truth::no : Truth::unknown;
  };
  switch (op) {
    case Op::lt: return tri(a.certainly_lt(b), a.certainly_ge(b));
    case Op::le: return tri(a.certainly_le(b), a.certainly_gt(b));
    case Op::gt: return tri(a.certainly_gt(b), a.certainly_le(b));
    case Op::ge: return tri(a.certainly_ge(b), a.certainly_lt(b));
    case Op::eq: return tri(a.certainly_eq(b), a.certainly_ne(b));
    case Op::ne: return tri(a.certainly_ne(b), a.certainly_eq(b));
    default: return Truth::unknown;
  }
}

}  // namespace

Ball expr_eval_ball(const ExprPtr& e, const BallEnv& env) {
  auto arg = [&](int i) { return expr_eval_ball(e->args[i], env); };
  switch (e->op) {
    case Op::num: return e->value.ball();
    case Op::var: {
      auto it = env.find(e->name);
      if (it == env.end()) throw InputError(e->name, "variable has no value or range (add it to the claim's box)");
      return it->second;
    }
    case Op::pi: return ball_pi();
    case Op::e: return exp(Ball(1));
    case Op::neg: return -arg(0);
    case Op::add: return arg(0) + arg(1);
    case Op::sub: return arg(0) - arg(1);
    case Op::mul: {
      // x*x of one ball is a square: keep it non-negative (the dependency problem costs a sign here).
      if (expr_to_string(e->args[0]) == expr_to_string(e->args[1])) {
        Ball a = nonneg_abs(arg(0));
        return a * a;
      }
      return arg(0) * arg(1);
    }
    case Op::div: return arg(0) / arg(1);
    case Op::pow: {
      if (e->is_integer_power()) {
        // Arb's pow of a wide ball expands around the midpoint (and dips below 0 for squares); x^n is
        // monotone on |x| for even n and everywhere for odd n, away from the pole at 0 when n < 0.
        long n = e->integer_exponent();
        Ball b = arg(0);
        if (n % 2 == 0) b = nonneg_abs(b);
        if (n < 0 && b.contains_zero()) return pow(b, n);
        return monotone([n](const Ball& x) { return pow(x, n); }, b);
      }
      return pow(arg(0), arg(1));
    }
    case Op::sqrt: return monotone([](const Ball& x) { return sqrt(x); }, arg(0));
    case Op::abs: return nonneg_abs(arg(0));
    case Op::min: return min(arg(0), arg(1));
    case Op::max: return max(arg(0), arg(1));
    case Op::exp: return monotone([](const Ball& x) { return exp(x); }, arg(0));
    case Op::ln: return monotone([](const Ball& x) { return log(x); }, arg(0));
    case Op::erf: return monotone([](const Ball& x) { return erf(x); }, arg(0));
    case Op::erfc: return monotone([](const Ball& x) { return erfc(x); }, arg(0));
    case Op::erfcinv: return monotone([](const Ball& x) { return erfcinv(x); }, arg(0));
    default: throw InputError("expr", "'" + expr_to_string(e) + "' is a formula, not a number");
  }
}

Truth expr_eval_truth(const ExprPtr& e, const BallEnv& env) {
  switch (e->op) {
    case Op::true_: return Truth::yes;
    case Op::false_: return Truth::no;
    case Op::lt: case Op::le: case Op::gt: case Op::ge: case Op::eq: case Op::ne:
      return cmp(e->op, expr_eval_ball(e->args[0], env), expr_eval_ball(e->args[1], env));
    case Op::not_: {
      Truth a = expr_eval_truth(e->args[0], env);
      return a == Truth::yes ? Truth::no : a == Truth::no ? Truth::yes : Truth::unknown;
    }
    case Op::and_: {
      Truth a = expr_eval_truth(e->args[0], env);
      if (a == Truth::no) return Truth::no;
      Truth b = expr_eval_truth(e->args[1], env);
      if (b == Truth::no) return Truth::no;
      return (a == Truth::yes && b == Truth::yes) ? Truth::yes : Truth::unknown;
    }
    case Op::or_: {
      Truth a = expr_eval_truth(e->args[0], env);
      if (a == Truth::yes) return Truth::yes;
      Truth b = expr_eval_truth(e->args[1], env);
      if (b == Truth::yes) return Truth::yes;
      return (a == Truth::no && b == Truth::no) ? Truth::no : Truth::unknown;
    }
    case Op::implies: {
      Truth a = expr_eval_truth(e->args[0], env);
      if (a == Truth::no) return Truth::yes;
      Truth b = expr_eval_truth(e->args[1], env);
      if (b == Truth::yes) return Truth::yes;
      return (a == Truth::yes && b == Truth::no) ? Truth::no : Truth::unknown;
    }
    default: throw InputError("expr", "'" + expr_to_string(e) + "' is a number, not a formula");
  }
}

}  // namespace critwin::verify
