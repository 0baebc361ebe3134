// Truncated power series with exact-or-ball coefficients: the arithmetic under the Taylor sign tests
// (expr_taylor) and the multivariate Taylor models (taylor_model). A coefficient stays an exact rational while
// every input is one, so a coefficient that vanishes mathematically (1/6 - 1/6, ln 1) is an exact 0.
#pragma once

#include <optional>
#include <vector>

#include "model/ball.hpp"
#include "model/exact_real.hpp"
#include "verify/expr.hpp"

namespace critwin::verify::taylor_series {

// A Taylor coefficient: an exact rational while every input was one, else a Ball. Exactness is what lets a
// coefficient that vanishes mathematically come out as an exact 0 (1/6 − 1/6), which the sign test needs.
struct Num {
  Ball b;
  std::optional<ExactReal> q;

  static Num exact(const ExactReal& v) { return {v.ball(), v}; }
  static Num ball(Ball x) { return {std::move(x), std::nullopt}; }
  bool is_zero() const { return q && q->sign() == 0; }
};

inline Num operator+(const Num& a, const Num& b) {
  if (a.q && b.q) return Num::exact(*a.q + *b.q);
  if (a.is_zero()) return b;
  if (b.is_zero()) return a;
  return Num::ball(a.b + b.b);
}
inline Num operator-(const Num& a) { return a.q ? Num::exact(ExactReal() - *a.q) : Num::ball(-a.b); }
inline Num operator-(const Num& a, const Num& b) { return a + (-b); }
inline Num operator*(const Num& a, const Num& b) {
  if (a.q && b.q) return Num::exact(*a.q * *b.q);
  if (a.is_zero() || b.is_zero()) return Num::exact(ExactReal());
  return Num::ball(a.b * b.b);
}
inline Num operator/(const Num& a, const Num& b) {
  if (a.q && b.q && b.q->sign() != 0) return Num::exact(*a.q / *b.q);
  if (a.is_zero() && !b.b.contains_zero()) return a;
  return Num::ball(a.b / b.b);
}
inline Num num_int(long k) { return Num::exact(ExactReal::from_int(k)); }

using Series = std::vector<Num>;  // coefficients of t^0 .. t^(n-1)

Series constant(const Num& c, size_t n);
Series mul(const Series& a, const Series& b);
// nullopt when b's constant term may vanish.
std::optional<Series> div(const Series& a, const Series& b);
Series exp_series(const Series& u);
// nullopt when u's constant term is not certainly > 0 (and finite); likewise sqrt.
std::optional<Series> log_series(const Series& u);
std::optional<Series> sqrt_series(const Series& u);
Series erf_series(const Series& u, bool complement);
// nullopt unless u's constant term is certainly in (0, 2).
std::optional<Series> erfcinv_series(const Series& u);
Series pow_int(const Series& u, long n);  // n >= 0
// Coefficients t^0 .. t^(n-1) of f(u0 + t) for f = exp, ln, sqrt, erf, erfc, erfcinv, and 1/u for Op::div;
// nullopt outside f's smooth domain or for any other op.
std::optional<Series> function_series(Op op, const Num& u0, size_t n);
// The dyadic rational with the fewest bits in [lo, hi] (0, then integers, halves, quarters, ...): where the
// contact points of claims lie, and where bisection puts box edges.
ExactReal simplest_dyadic(const ExactReal& lo, const ExactReal& hi);
// The sign of a coefficient: +1 / -1 when certain, 0 otherwise.
int certain_sign(const Num& x);

}  // namespace critwin::verify::taylor_series
