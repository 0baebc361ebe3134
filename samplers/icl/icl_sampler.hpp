// Forward–reverse sampler for in-context-learning models under truncation, through the counts of (x, y) cells.
#pragma once

#include <memory>

#include "samplers/experiment.hpp"
#include "samplers/tv_family.hpp"

namespace critwin {

std::unique_ptr<ForwardReverseSampler> icl_sampler_make(const Model& model, const ExperimentSpec& spec);

// This family's half of the Monte Carlo TV estimator (samplers/tv_estimate.hpp).
std::unique_ptr<TvFamily> icl_tv_family_make(const Model& model, const TvSpec& spec);

}  // namespace critwin
