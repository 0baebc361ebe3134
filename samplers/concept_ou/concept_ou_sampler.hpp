// Monte Carlo for concept-ou models (BoE Theorem 9) under truncate, through the sufficient statistic of the
// words (bounds/concept_ou/concept_ou_engine.hpp: ẑ = √α ξ θ + N(0, I/c), c = aᵀM⁻¹a of the visible words):
// exact in law for every label and posterior, and independent of T and d after one O(T) pass for c(·).
#pragma once

#include <memory>

#include "samplers/experiment.hpp"
#include "samplers/tv_family.hpp"

namespace critwin {

std::unique_ptr<ForwardReverseSampler> concept_ou_sampler_make(const Model& model, const ExperimentSpec& spec);
std::unique_ptr<TvFamily> concept_ou_tv_family_make(const Model& model, const TvSpec& spec);

}  // namespace critwin
