// Forward–reverse sampler for categorical-product models under truncate, ordered-mask and random-mask
// (jump and localize), token by token.
#pragma once

#include <memory>

#include "samplers/experiment.hpp"

namespace critwin {

std::unique_ptr<ForwardReverseSampler> categorical_sampler_make(const Model& model, const ExperimentSpec& spec);

}  // namespace critwin
