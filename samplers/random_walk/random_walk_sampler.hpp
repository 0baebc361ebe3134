// Forward–reverse sampler for absorbing ±1 random-walk mixtures under truncate (through the sufficient
// statistic of a prefix: its length or absorption time, height and up-steps).
#pragma once

#include <memory>

#include "samplers/experiment.hpp"
#include "samplers/tv_family.hpp"

namespace critwin {

std::unique_ptr<ForwardReverseSampler> random_walk_sampler_make(const Model& model, const ExperimentSpec& spec);

// This family's half of the Monte Carlo TV estimator (samplers/tv_estimate.hpp).
std::unique_ptr<TvFamily> random_walk_tv_family_make(const Model& model, const TvSpec& spec);

}  // namespace critwin
