// Latent retention and the cloning probability (THEORY.md §6) for a mixture of two isotropic Gaussians with a
// common variance under OU, reduced to one dimension, and their half-way times. A stop-gap for `compare`
// until the generic retention API of the exact engine covers these (it then supersedes this file).
#pragma once

#include <optional>

#include "bounds/paper/earlier_predictions.hpp"
#include "model/estimate.hpp"
#include "model/model.hpp"

namespace critwin {

// Everything depends on t only through the signal-to-noise ratio s(t) = e^{−t}‖μ₀ − μ₁‖/√v_t,
// v_t = σ²e^{−2t} + 1 − e^{−2t}: with r = w₁/w₀ and Z ~ N(0, 1),
//   R₀(t) = P(θ′ = 0 | θ = 0) = E[1/(1 + r·exp(−s²/2 − sZ))]  (latent retention of S = {0}),
//   φ(t) = w₀R₀ + w₁R₁  (the cloning probability; R₁ with r replaced by 1/r).
struct TwoGaussianRetention {
  double d;         // ‖μ₀ − μ₁‖
  double variance;  // σ²
  double w0, w1;
  // nullopt unless m has two Gaussian components with distinct means.
  static std::optional<TwoGaussianRetention> from_model(const Model& m);
  double snr(double t) const;             // s(t); +∞ at t = 0 for point masses
  double time_of_snr(double s) const;     // the inverse of s(t) on (0, s(0))
  double retention(int component, double t) const;  // R_component(t), Gauss–Hermite-free sinh-sinh quadrature
  double cloning(double t) const;         // φ(t)
  // R_label(t) = P(label(X′) = component) for X ~ p^{component}: along the mean axis (centred coordinates,
  // component at +d/2) label(x) = component iff x >= σ² ln(w_other/w_component)/d, and X′ | Y = y, θ is
  // N(((1 − a²)μ_θ + aσ²y)/v_t, σ²(1 − a²)/v_t), a = e^{−t}; the outer expectation over y ~ p_t^{component}
  // is one quadrature. Point masses (σ² = 0): label = component, R_label = R.
  double label_retention(int component, double t) const;
};

// t with R₀(t) = (R₀(0) + w₀)/2 (component = 0), resp. φ(t) = (φ(0) + w₀² + w₁²)/2 (cloning): a root of a
// monotone function of s solved with TOMS 748; guarantee `estimated` with the bracket plus the quadrature
// error carried through the slope. nullopt when the half-way level is not reached for t > 0.
std::optional<Estimate> two_gaussian_retention_halfway(const TwoGaussianRetention& g, int component);
std::optional<Estimate> two_gaussian_cloning_halfway(const TwoGaussianRetention& g);

// The HalfwayFn of compare_predictions for two-Gaussian models (reason given for every other model).
HalfwayTime two_gaussian_halfway_times(const Model& m, const Subset& s_after);

}  // namespace critwin
