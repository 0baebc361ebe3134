// Forward–reverse sampler for categorical-product models under truncate, ordered-mask and random-mask
// (jump and localize), token by token.
#pragma once

#include <memory>

#include "samplers/experiment.hpp"
#include "samplers/tv_family.hpp"

namespace critwin {

std::unique_ptr<ForwardReverseSampler> categorical_sampler_make(const Model& model, const ExperimentSpec& spec);

// This family's half of the Monte Carlo TV estimator (samplers/tv_estimate.hpp).
std::unique_ptr<TvFamily> categorical_tv_family_make(const Model& model, const TvSpec& spec);

}  // namespace critwin
