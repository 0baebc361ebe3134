// Forward–reverse samplers for point masses on strings (the posterior is uniform-by-weight over compatible strings) under truncate, random-mask and ordered-mask.
#pragma once

#include <memory>

#include "samplers/experiment.hpp"

namespace critwin {

std::unique_ptr<ForwardReverseSampler> strings_sampler_make(const Model& model, const ExperimentSpec& spec);

}  // namespace critwin
