// Monte Carlo for planted-spike models under truncate, through the sufficient statistic (the sum of the
// observations, a vector in R^M): the forward–reverse experiment (posterior over signal/null and the
// planted index J given the revealed prefix) and the per-family half of the TV estimator.
#pragma once

#include <memory>

#include "bounds/exact_engine.hpp"
#include "samplers/experiment.hpp"
#include "samplers/mc_engine_options.hpp"
#include "samplers/tv_family.hpp"

namespace critwin {

std::unique_ptr<ForwardReverseSampler> planted_spike_sampler_make(const Model& model, const ExperimentSpec& spec);
std::unique_ptr<TvFamily> planted_spike_tv_family_make(const Model& model, const TvSpec& spec);
// The exact engine's forward TV and fr-tv, with retention curves by Monte Carlo (no exact path for them).
std::unique_ptr<ExactEngine> planted_spike_mc_engine_make(const Model& model, long precision_bits,
                                                          const McEngineOptions& opt);

}  // namespace critwin
