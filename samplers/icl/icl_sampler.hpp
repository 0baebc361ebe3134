// Forward–reverse sampler for in-context-learning models under truncation, through the counts of (x, y) cells.
#pragma once

#include <memory>

#include "samplers/experiment.hpp"

namespace critwin {

std::unique_ptr<ForwardReverseSampler> icl_sampler_make(const Model& model, const ExperimentSpec& spec);

}  // namespace critwin
