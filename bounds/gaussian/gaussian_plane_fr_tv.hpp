// Forward–reverse TV for three isotropic Gaussians whose means span a plane (span dimension 2), in double
// precision. TV(p^{S_init,T}, p^{S_target}) = ½ ∫ p(x) |D(x)| dx over the plane (THEORY.md §1), with
// D(x) = E[P(S_init | Y_T) | X = x]/w_init − P(S_target | x)/w_target.
// Inner expectation: in span coordinates (atom 0 at the origin, atom 1 on the first axis) only atom 2's
// logit depends on the second noise coordinate, so that coordinate integrates to the logistic-normal
// function Λ (tabulated) and one trapezoidal sum over the first noise coordinate remains. Outer integral:
// adaptive Gauss–Kronrod over x₁ of line integrals over x₂ split at the sign changes of D.
#pragma once

#include <array>

#include "bounds/numerics/gaussian_quadrature.hpp"

namespace critwin::gauss {

struct PlaneMixture {
  std::array<std::array<double, 2>, 3> c;  // span coordinates: c[0] = (0, 0), c[1][1] = 0, c[2][1] > 0
  std::array<double, 3> w;                 // atom weights, > 0, summing to 1
  double variance;
};

// s_init[j], s_target[j]: weight of S_init / S_target at atom j (not normalised). et = e^{-T} in (0, 1).
// The error is an estimate (outer and line Gauss–Kronrod estimates, the inner trapezoidal rule checked
// against its half-resolution twin, Λ's interpolation bound); it is typically 1e-12 to 1e-10.
Value<double> plane_fr_tv(const PlaneMixture& m, const std::array<double, 3>& s_init,
                          const std::array<double, 3>& s_target, double et);

}  // namespace critwin::gauss
