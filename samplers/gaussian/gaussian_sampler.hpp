// Forward–reverse samplers for isotropic Gaussian mixtures (any number of components, any dimension) under OU.
#pragma once

#include <memory>

#include "samplers/experiment.hpp"

namespace critwin {

std::unique_ptr<ForwardReverseSampler> gaussian_sampler_make(const Model& model, const ExperimentSpec& spec,
                                                             bool allow_fast);

}  // namespace critwin
