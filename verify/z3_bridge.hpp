// The Z3 bridge: translates claim expressions into Z3 real arithmetic (QF_NRA). Division and sqrt become
// fresh variables with guarded definitions (a/b = q where b != 0 ⇒ q·b = a), so a point where the claim is
// undefined can never make a query unsatisfiable. Transcendental subterms become fresh variables bounded by
// their certified Arb enclosure over the current box (the abstraction behind branch and bound), plus facts true
// everywhere: exp(u) >= 1 + u, 1 − 1/u <= ln(u) <= u − 1, the ranges of erf/erfc, and monotonicity between any
// two subterms of the same function (u1 < u2 ⇒ exp(u1) < exp(u2)), which keeps relations the bounds alone lose.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include <z3++.h>

#include "verify/box.hpp"
#include "verify/expr.hpp"
#include "verify/expr_ball.hpp"
#include "verify/solver_limits.hpp"

namespace critwin::verify {

class Z3Encoder {
 public:
  // `box` gives the ranges over which transcendental subterms are bounded (may be null when the claim has
  // none). Variables of the claim become Z3 reals named as in the claim.
  Z3Encoder(z3::context& ctx, const BallEnv* box);

  z3::expr formula(const ExprPtr& e);
  z3::expr term(const ExprPtr& e);
  z3::expr var(const std::string& name);
  // Definitions of the fresh variables (sqrt, division, abstraction bounds): assert them beside the query.
  const std::vector<z3::expr>& side_constraints() const { return side_; }
  int abstracted() const { return abstracted_; }

 private:
  z3::context& ctx_;
  const BallEnv* box_;
  std::map<std::string, z3::expr> vars_;
  std::map<std::string, z3::expr> fresh_;  // keyed by the subterm's text: equal text, equal value
  std::vector<z3::expr> side_;
  struct Abstracted {
    Op op;
    z3::expr arg, value;
  };
  std::vector<Abstracted> abstracted_terms_;  // unary transcendental subterms, for monotonicity axioms

  // Facts about f(arg) = v true everywhere (MetiTarski-style bounds, monotonicity against earlier subterms).
  void add_axioms(Op op, const z3::expr& arg, const z3::expr& v);
  int abstracted_ = 0;
  int counter_ = 0;

  z3::expr fresh(const std::string& prefix);
};

z3::expr z3_rational(z3::context& ctx, const ExactReal& v);
// A numeral (or an algebraic number, through a 2^-64-close rational lower bound) of a Z3 model as exact.
ExactReal z3_value_exact(const z3::expr& v);

// A polynomial in shifted variables h_i whose coefficients are known only to lie in intervals [lo, hi] (a
// Taylor model: exact coefficients have lo == hi), over a box of h, optionally cut by linear constraints
// lo <= c + Σ a_i h_i <= hi (the original box when h are rotated coordinates).
struct IntervalPolynomial {
  struct Term {
    std::vector<int> exponent;  // one per variable
    ExactReal lo, hi;
  };
  struct Linear {
    std::vector<ExactReal> a;
    ExactReal c, lo, hi;
  };
  std::vector<std::pair<ExactReal, ExactReal>> ranges;
  std::vector<Term> terms;
  std::vector<Linear> linear;
};

// True when Z3 proves Σ coef·h^α >= 0 (strict: > 0) for every h in the region and every choice of the
// coefficients in their intervals (each term is replaced by its lower bound lo·m or hi·m by the sign of the
// monomial m); false when Z3 finds a point or gives up within `limits`. "False" means "not shown".
bool z3_interval_polynomial_nonneg(const IntervalPolynomial& p, bool strict, const SolverLimits& limits);

// A solver configured for QF_NRA with the given limits.
z3::solver z3_make_solver(z3::context& ctx, const SolverLimits& limits);

}  // namespace critwin::verify
