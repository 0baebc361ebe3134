// The Monte Carlo engine for Gaussian mixtures the exact engine refuses (more than three non-collinear
// means): the same ExactEngine interface, every number an estimate with a 99.9% interval (guarantee
// monte-carlo), computed in the affine span of the means (dimension r <= K − 1; the noise orthogonal to it
// is the same for every component and carries no information). Lives in samplers/ because it samples.
#pragma once

#include <cstdint>
#include <memory>

#include "bounds/exact_engine.hpp"
#include "samplers/mc_engine_options.hpp"

namespace critwin {

// Forward TV(p_t^A, p_t^B) = E_{Y~p_t^A}[(1 − p_t^B(Y)/p_t^A(Y))_+] with exact mixture densities (unbiased;
// the same draws at every t, so the estimated curve is smooth and monotone-looking), 99.9%
// empirical-Bernstein interval. fr-tv: the density-ratio estimator of samplers/tv_estimate.hpp (inner
// average, biased upward; its bias allowance widens the interval below). Windows: the generic crossing
// search on these intervals, i.e. the times where the band straddles the level.
std::unique_ptr<ExactEngine> gaussian_mc_engine_make(const Model& model, long precision_bits, const McEngineOptions& opt);

// The dimension of the affine span of the means (double-precision Gram–Schmidt).
int gaussian_mc_span_dimension(const Model& model);

}  // namespace critwin
