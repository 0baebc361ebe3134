// Picks a family's Monte Carlo pieces (one registration per family): its forward–reverse sampler and its
// half of the TV estimator.
#pragma once

#include <memory>

#include "samplers/experiment.hpp"
#include "samplers/tv_estimate.hpp"

namespace critwin {

class TvFamily;

// Whether the family has a score ∇ log p_t on a Euclidean state space (needed by --reverse sde and ode).
bool family_has_score(const Model& model);

std::unique_ptr<ForwardReverseSampler> family_sampler_make(const Model& model, const ExperimentSpec& spec,
                                                           bool allow_fast);
std::unique_ptr<TvFamily> tv_family_make(const Model& model, const TvSpec& spec);

}  // namespace critwin
