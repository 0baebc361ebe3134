// Monte Carlo for sparse-regression models under truncate: the forward–reverse experiment (posterior over
// signal/null and the support given the revealed observations), the per-family half of the generic TV
// estimator, and the detection TV E_Q[(1 − L)_+] (THEORY.md §8).
#pragma once

#include <cstdint>
#include <memory>

#include "bounds/exact_engine.hpp"
#include "model/estimate.hpp"
#include "samplers/mc_engine_options.hpp"
#include "samplers/experiment.hpp"
#include "samplers/tv_family.hpp"

namespace critwin {

std::unique_ptr<ForwardReverseSampler> sparse_regression_sampler_make(const Model& model, const ExperimentSpec& spec);
std::unique_ptr<TvFamily> sparse_regression_tv_family_make(const Model& model, const TvSpec& spec);
// The exact engine's forward TV and fr-tv, with retention curves by Monte Carlo (no exact path for them).
std::unique_ptr<ExactEngine> sparse_regression_mc_engine_make(const Model& model, long precision_bits,
                                                              const McEngineOptions& opt);

// TV(P_n, Q_n) by the unbiased estimator E_Q[(1 − L_n)_+] (terms in [0, 1]); the interval is the 99.9%
// empirical-Bernstein one. Sample i draws its n observations from PhiloxStream(seed, tv_outer, i), so the
// result is bit-identical at any thread count. n >= 0, samples >= 1, threads >= 1.
Estimate sparse_regression_detection_tv_mc(const SparseRegressionComponents& c, long n, uint64_t samples, uint64_t seed,
                                           int threads);

}  // namespace critwin
