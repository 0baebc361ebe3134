// Forward TV of isotropic Gaussian mixtures after the exact reduction to the span of the means, for the
// cases without a two-point closed form: a signed sum of unit-variance Gaussian densities on a line
// (sign changes found exactly by Rolle's theorem, then erf sums) or on three non-collinear points in the
// plane (inner integral in closed form, outer by tanh-sinh).
#pragma once

#include <array>
#include <vector>

#include "bounds/numerics/gaussian_quadrature.hpp"

namespace critwin::gauss {

// ½ ∫ |Σ_j g_j φ(x − b_j)| dx over the real line; the b_j distinct.
template <class Real>
Value<Real> line_tv(const std::vector<Real>& g, const std::vector<Real>& b);

// ½ ∫∫ |Σ_j g_j φ(x − b_j) φ(y − c_j)| dx dy for three points with c_0 = c_1 = 0 and c_2 > 0
// (atoms 0 and 1 on the first axis), as produced by GaussianSpan::coordinates.
template <class Real>
Value<Real> plane_tv(const std::array<Real, 3>& g, const std::array<Real, 3>& b, const Real& c2);

}  // namespace critwin::gauss
