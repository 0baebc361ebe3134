// Forward–reverse samplers for Bernoulli-product models (through the sufficient statistic: counts of ones) under truncate, random-mask and ordered-mask.
#pragma once

#include <memory>

#include "samplers/experiment.hpp"

namespace critwin {

std::unique_ptr<ForwardReverseSampler> bernoulli_sampler_make(const Model& model, const ExperimentSpec& spec);

}  // namespace critwin
