// Closed forms for two isotropic Gaussians N(a, s²I), N(b, s²I) under OU: when p_t^A − p_t^B lives on two
// distinct means at distance m, TV(p_t^A, p_t^B) = κ · erf(m e^{-t} / (2√2 σ_t)) with
// σ_t² = e^{-2t}σ² + 1 − e^{-2t}, and its exact inverse in t. Certified with Arb.
#pragma once

#include <optional>

#include "bounds/gaussian/gaussian_span.hpp"
#include "model/process.hpp"

namespace critwin {

// a_t² = e^{-2t} / σ_t²: after rescaling by σ_t every component has unit variance and means a_t·μ.
Ball gaussian_ou_scale2(const ExactReal& variance, const TimePoint& t);

// κ · erf(√(a_t² m² / 8)); 0 at t = +∞.
Ball gaussian_pair_tv(const Ball& kappa, const ExactReal& m2, const ExactReal& variance, const TimePoint& t);

// The t with κ · erf(√(a_t² m²/8)) = level, 0 < level < TV at t = 0. Uses erfc⁻¹(1 − level/κ), never
// erf⁻¹(level/κ) near 1, and solves for u = e^{-2t}: u = q / (1 − q(σ² − 1)) with q = 8 z²/m².
// nullopt when the enclosures are too wide to decide (the caller then falls back to a search).
std::optional<Ball> gaussian_pair_crossing(const Ball& kappa, const ExactReal& m2, const ExactReal& variance,
                                           const Ball& level);

}  // namespace critwin
