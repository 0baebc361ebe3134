// Taylor enclosures of claim terms in one variable, and the sign test built on them: g >= 0 on a box from the
// Taylor coefficients of g at an end or the centre of one variable's range plus a Lagrange remainder over the whole
// range (the other variables enter as their ranges). This certifies boxes that touch a contact point — where the
// two sides of a claim are equal, the coefficients of g there vanish and the first non-vanishing one decides —
// and boxes where separately enclosed sides lose their correlation. Coefficients stay exact rationals while
// every input is (centres are exact; exp(0), ln(1) are exact), so vanishing coefficients are exactly zero.
#pragma once

#include <string>

#include "verify/box.hpp"
#include "verify/expr.hpp"
#include "verify/solver_limits.hpp"

namespace critwin::verify {

// True when g(x) >= 0 (strict: > 0) at every point of `box` is certified by a Taylor form of order <= max_order
// in some variable. False means "not shown", never "false". Throws nothing for undefined points: a term that is
// undefined or not smooth on the box (abs/min/max without a decided branch) simply fails the test.
bool taylor_certifies_nonneg(const ExprPtr& g, const Box& box, bool strict, int max_order = 6);

// Truth of a formula on a box: Kleene evaluation with Arb balls, and for each comparison that the balls leave
// undecided, a Taylor sign test of (larger side − smaller side), also in log space when both sides are positive,
// and with a square root side squared away (a <= sqrt(u) follows from a^2 <= u). With `z3` (limits of each
// query), multivariate Taylor models of the difference decided by Z3 as the last resort (taylor_model.hpp).
Truth truth_on_box(const ExprPtr& formula, const Box& box, const SolverLimits* z3 = nullptr);

}  // namespace critwin::verify
