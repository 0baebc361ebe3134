// Retention curves (THEORY.md §6) of an isotropic Gaussian mixture whose means lie on a line, under OU:
// one-dimensional integrals over Y_T̂ in span coordinates (the orthogonal noise is common to every component).
#pragma once

#include <vector>

#include "bounds/numerics/gaussian_quadrature.hpp"

namespace critwin::gauss {

// Atoms (distinct means) on a line and what the retention needs of the components at each.
template <class Real>
struct LineRetentionModel {
  std::vector<Real> c;        // atom positions in span coordinates
  std::vector<Real> w;        // W_j: total weight at atom j (> 0)
  std::vector<Real> s;        // mass of S_init at atom j (not normalised)
  std::vector<Real> clone;    // Σ_{θ at j} w_θ² / W_j² (the within-atom part of Σ_θ P(θ|y)²)
  std::vector<Real> best_w;   // weight of atom j's label: its heaviest component (ties: lowest index)
  std::vector<bool> label_in_s;  // whether that component is in S_init
  Real variance;              // σ² >= 0
};

template <class Real>
struct LineRetention {
  Value<Real> latent, label, cloning;
};

// One entry per et = e^{-T̂} in [0, 1] (1: T̂ = 0, 0: T̂ = ∞). Values are estimates (tanh-sinh error
// estimate + the normal tail beyond the cut). Needs at least one atom with s > 0.
template <class Real>
std::vector<LineRetention<Real>> line_retention(const LineRetentionModel<Real>& m, const std::vector<Real>& ets);

}  // namespace critwin::gauss
