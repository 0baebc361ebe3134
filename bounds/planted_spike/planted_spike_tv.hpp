// The exact TV(P_n, Q_n) of the planted spike for any M, by one-dimensional Laplace inversion (THEORY.md §8):
//   TV = E_Q[(1 − L)_+],  L = (1/M) Σ_{i≤M} X_i,  X_i = exp(μ u_i − μ²/2),  u ~ N(0, I_M),  μ = λ√n.
#pragma once

#include <vector>

#include "model/estimate.hpp"

namespace critwin {

struct PlantedSpikeTv {
  Estimate tv;            // estimated: [lo, hi] = value ± the error budget below (clipped to [0, 1])
  double aliasing = 0;    // rigorous bound on the trapezoid's aliasing error (after its known main part is removed)
  double truncation = 0;  // estimate of the neglected tail of the trapezoid sum
  double rounding = 0;    // estimate of rounding and inner-quadrature error
  long outer_nodes = 0;   // trapezoid nodes on the Bromwich line
  bool capped = false;    // the node cap was reached before the terms decayed (truncation then dominates)
  bool by_moment_bound = false;  // large μ: [1 − ε, 1] from the moment bound, no quadrature (see below)
};

// TV for M = dim >= 2 and μ >= 0 (μ = 0: TV = 0 exactly).
//
// Method: (1 − L)_+ is the inverse Laplace transform of 1/s² at t = 1 − L, so with Y_i = X_i − 1,
//   TV = (1/2πi) ∫_{c−i∞}^{c+i∞} E[e^{−s(L−1)}] s^{−2} ds = (1/π) ∫_0^∞ Re[(1 + q(s/M))^M / s²] dy,
// s = c + iy, q(z) = E[e^{−zY} − 1 + zY] (a one-dimensional Gaussian integral; E Y = 0). The outer integral
// is a trapezoid rule of step h = 2π/T: by Poisson summation its error is exactly
// Σ_{k≥1} e^{−ckT} E(1 + kT − L)_+, whose main part Σ e^{−ckT} kT is subtracted, leaving at most
// 1/(e^{cT} − 1) (aliasing). q is computed on the contour u = v − iβ (β = arg z / μ, capped at 2) along
// which zX is real, so the inner integrand does not oscillate; that integrand is analytic in a strip of
// half-width (π/2 − |residual phase|)/μ, and the inner trapezoid's step is set for e^{−45} relative error.
// `max_nodes` caps the outer nodes (the terms decay slowly when L has fine structure near 0: small M and
// large μ); the tail estimate then reports the loss.
//
// Large μ: the inner integrand spans e^{1.5μ²} (overflow past μ ≈ 18.5) and needs O(μ²) nodes, but there the
// moment bound TV >= 1 − ε, ε = exp(−(μ/2 − ln M/μ)²/2) (planted_spike_bounds.hpp), is already sharper than
// the quadrature's error. So once ε <= 1e-10 the answer is the interval [1 − ε, 1] itself (value its
// midpoint, by_moment_bound set); this happens by μ ≈ 13.7 (M = 2), 14.5 (M = 1024), 18.3 (M = 2^63), which
// bounds the quadrature's cost for every M (inner nodes <= 11.3μ² + 118μ < 6000). Below the switch the
// quadrature's lower end is raised to 1 − ε too. A non-finite quadrature result (never seen; a guard so NaN
// cannot reach output) is replaced by the bounds [max(0, 1 − ε), 1].
PlantedSpikeTv planted_spike_tv(long dim, double mu, long max_nodes = 400000);

// The curve over several μ (independent evaluations; runs in parallel on oneTBB).
std::vector<PlantedSpikeTv> planted_spike_tv_curve(long dim, const std::vector<double>& mus, long max_nodes = 400000);

}  // namespace critwin
