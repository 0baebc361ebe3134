// An engine with exact forward TVs but Monte Carlo fr-tv: wraps an ExactEngine whose has_exact_fr_tv() is
// false (planted spike, sparse regression) and answers fr_tv with the generic estimator of
// samplers/tv_estimate.hpp (guarantee monte-carlo, 99.9% empirical-Bernstein interval).
#pragma once

#include <memory>

#include "bounds/exact_engine.hpp"
#include "samplers/mc_engine_options.hpp"

namespace critwin {

// Everything but fr_tv goes to `exact`; fr_tv(S_init, S_target, T̂) is tv_estimate_run with opt's samples,
// seed and threads (bit-identical at any thread count).
std::unique_ptr<ExactEngine> mc_fr_tv_engine_make(std::unique_ptr<ExactEngine> exact, const McEngineOptions& opt);

}  // namespace critwin
