// The batched one-jump forward–reverse sampler for two one-dimensional Gaussians (the benchmark case):
// same law as the generic Gaussian sampler, one Philox draw per sample (two for a two-component S_init).
#pragma once

#include <memory>

#include "samplers/experiment.hpp"

namespace critwin {

std::unique_ptr<ForwardReverseSampler> two_gaussian_kernel_make(const Model& model, const ExperimentSpec& spec);

}  // namespace critwin
