// Forward–reverse sampler for absorbing ±1 random-walk mixtures under truncate (through the sufficient
// statistic of a prefix: its length or absorption time, height and up-steps).
#pragma once

#include <memory>

#include "samplers/experiment.hpp"

namespace critwin {

std::unique_ptr<ForwardReverseSampler> random_walk_sampler_make(const Model& model, const ExperimentSpec& spec);

}  // namespace critwin
