// Forward–reverse samplers for point masses on strings (the posterior is uniform-by-weight over compatible strings) under truncate, random-mask and ordered-mask.
#pragma once

#include <memory>

#include "samplers/experiment.hpp"
#include "samplers/tv_family.hpp"

namespace critwin {

std::unique_ptr<ForwardReverseSampler> strings_sampler_make(const Model& model, const ExperimentSpec& spec);

// This family's half of the Monte Carlo TV estimator (samplers/tv_estimate.hpp).
std::unique_ptr<TvFamily> strings_tv_family_make(const Model& model, const TvSpec& spec);

}  // namespace critwin
