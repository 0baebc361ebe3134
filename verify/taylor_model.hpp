// Multivariate Taylor models of a claim's difference g = (larger side − smaller side) on a box, with
// tensor-product integral remainders, and the sign test built on them: the polynomial part is decided by Z3
// (nlsat), as MetiTarski decides polynomial bounds of special functions. This is what certifies boxes that
// touch a contact line x_i = const or a degenerate contact point on it, where one-variable Taylor forms with the
// other variables as ranges cannot work (their coefficients on the contact set are balls around 0, not 0).
// Contact along a line that is not parallel to an axis (p = q) is NOT covered: in rotated coordinates the
// remainder coefficients are ball evaluations of p/(p+0) and never an exact 0.
#pragma once

#include "verify/box.hpp"
#include "verify/expr.hpp"
#include "verify/solver_limits.hpp"

namespace critwin::verify {

// True when g >= 0 (strict: > 0) on every point of `box` is certified. The expansion point is the simplest
// dyadic rational of each range (0, 1/2, ...: where contact points of such claims lie, and where bisection puts
// box edges); where g is not exactly 0 there, the box's midpoint, and only the polynomial's ball enclosure on a
// grid of sub-boxes is used. At a contact point the common monomial factor is divided out and the quotient is
// decided by its enclosure or by Z3.
// The expansion of order n in each variable (n = 5 for two variables, 2 for three; not tried beyond three)
// is g(c + h) = Σ_α a_α h^α with a_α = ∂^α g / α! at the point whose coordinates are c_i where α_i < n and the
// whole range where α_i = n (the iterated Lagrange formula with integral remainders; ranges are convex and
// contain c). Coefficients are exact rationals while every input is one (taylor_series), so a coefficient that
// vanishes on the contact set is an exact 0 and the remainder keeps the contact's order.
// False means "not shown", never "false".
bool taylor_model_certifies_nonneg(const ExprPtr& g, const Box& box, bool strict, const SolverLimits& limits);

}  // namespace critwin::verify
