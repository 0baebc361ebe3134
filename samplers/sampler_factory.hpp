// Picks a family's Monte Carlo pieces (one registration per family): its forward–reverse sampler and its
// half of the TV estimator.
#pragma once

#include <memory>

#include "bounds/exact_engine.hpp"
#include "samplers/experiment.hpp"
#include "samplers/mc_engine_options.hpp"
#include "samplers/tv_estimate.hpp"

namespace critwin {

class TvFamily;

// Whether the family has a score ∇ log p_t on a Euclidean state space (needed by --reverse sde and ode).
bool family_has_score(const Model& model);

std::unique_ptr<ForwardReverseSampler> family_sampler_make(const Model& model, const ExperimentSpec& spec,
                                                           bool allow_fast);
std::unique_ptr<TvFamily> tv_family_make(const Model& model, const TvSpec& spec);

// The family's Monte Carlo engine, used where its exact engine refuses a model (Gaussians: more than three
// non-collinear means; categorical products and icl past their prefix-group / count-table limits) or a
// quantity (`critwin retention` where the engine has no retention path: Gaussians off a line, planted spike,
// sparse regression); nullptr when the family has none.
std::unique_ptr<ExactEngine> family_monte_carlo_engine_make(const Model& model, long precision_bits,
                                                            const McEngineOptions& opt);

}  // namespace critwin
