// Forward–reverse TV for isotropic Gaussian mixtures whose means lie on a line. By the density-ratio
// identity of THEORY.md §1 the density of p^{S_init,T} relative to p is D_init(x) = E[P(S_init|Y_T)|X=x]/w_init,
// so TV(p^{S_init,T}, p^{S_target}) = ½ Σ_I |P^{S_init,T}(I) − P^{S_target}(I)| over the intervals I between
// the sign changes of D(x) = D_init(x) − P(S_target|x)/w_target. The sign changes are located with the
// nested (inner Gaussian) integral; the interval masses of p^{S_init,T} are single integrals over y with
// the Gaussian posterior X | Y_T, θ in closed form.
#pragma once

#include <vector>

#include "bounds/numerics/gaussian_quadrature.hpp"

namespace critwin::gauss {

// Atoms (distinct means) on a line in span coordinates, their total weights and the data variance.
template <class Real>
struct LineMixture {
  std::vector<Real> c;  // positions
  std::vector<Real> w;  // total weight of the components at each position (> 0)
  Real variance;
};

// s_init[j], s_target[j]: weight of S_init / S_target at atom j (not normalised). et = e^{-T} in (0, 1).
template <class Real>
Value<Real> line_fr_tv(const LineMixture<Real>& m, const std::vector<Real>& s_init, const std::vector<Real>& s_target,
                       const Real& et);

}  // namespace critwin::gauss
