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

// The path's resolution limits, checked up front by plane_fr_tv_limits (the engine maps a violation to an
// InputError, and the CLI then hands the quantity to Monte Carlo):
// - sharpness β·L <= kPlaneFrTvMaxSharpness, β = e^{-T}√(1−e^{-2T})/v_T, v_T = e^{-2T}σ² + 1 − e^{-2T}, L the
//   largest extent of the means along either span axis. β·L is the scale of the posterior logits in noise
//   units: the trapezoidal rules over the noise (nodes ∝ β·L per D evaluation) and the Λ table (entries
//   ∝ (β·c₂)², each a sum of ∝ β·c₂ terms) grow with it; at 1e6 the table alone asked for 10¹³ entries.
// - σ >= kPlaneFrTvMinRelativeSd · max(1, largest |coordinate|): the discs of radius 9σ around the means must
//   be resolved by doubles at the means' coordinates.
inline constexpr double kPlaneFrTvMaxSharpness = 40;
inline constexpr double kPlaneFrTvMinRelativeSd = 1e-8;

struct PlaneFrTvLimits {
  double sharpness;    // β·L
  double relative_sd;  // σ / max(1, largest |coordinate|)
  bool ok() const { return sharpness <= kPlaneFrTvMaxSharpness && relative_sd >= kPlaneFrTvMinRelativeSd; }
};
PlaneFrTvLimits plane_fr_tv_limits(const PlaneMixture& m, double et);

// s_init[j], s_target[j]: weight of S_init / S_target at atom j (not normalised). et = e^{-T} in (0, 1).
// The error is an estimate (outer and line Gauss–Kronrod estimates, the inner trapezoidal rule checked
// against its half-resolution twin, Λ's interpolation bound); it is typically 1e-12 to 1e-10.
// Throws std::domain_error when plane_fr_tv_limits(m, et) is not ok().
Value<double> plane_fr_tv(const PlaneMixture& m, const std::array<double, 3>& s_init,
                          const std::array<double, 3>& s_target, double et);

}  // namespace critwin::gauss
