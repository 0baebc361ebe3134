// Monte Carlo for concept-ou models (BoE Theorem 9) under truncate, through the sufficient statistic of the
// words (bounds/concept_ou/concept_ou_engine.hpp: ẑ = √α ξ θ + N(0, I/c), c = aᵀM⁻¹a of the visible words):
// exact in law for every label and posterior, and independent of T and d after one O(T) pass for c(·).
#pragma once

#include <memory>

#include "bounds/exact_engine.hpp"
#include "samplers/experiment.hpp"
#include "samplers/mc_engine_options.hpp"
#include "samplers/tv_family.hpp"

namespace critwin {

std::unique_ptr<ForwardReverseSampler> concept_ou_sampler_make(const Model& model, const ExperimentSpec& spec);
std::unique_ptr<TvFamily> concept_ou_tv_family_make(const Model& model, const TvSpec& spec);
// The exact engine's forward TV and fr-tv, with retention curves by Monte Carlo (no exact path for them).
std::unique_ptr<ExactEngine> concept_ou_mc_engine_make(const Model& model, long precision_bits, const McEngineOptions& opt);

}  // namespace critwin
