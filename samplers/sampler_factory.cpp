#include "samplers/sampler_factory.hpp"

#include "model/overloaded.hpp"
#include "samplers/bernoulli/bernoulli_sampler.hpp"
#include "samplers/count_mc_engine.hpp"
#include "samplers/gaussian/gaussian_mc_engine.hpp"
#include "samplers/categorical/categorical_sampler.hpp"
#include "samplers/concept_ou/concept_ou_sampler.hpp"
#include "samplers/gaussian/gaussian_sampler.hpp"
#include "samplers/planted_spike/planted_spike_sampler.hpp"
#include "samplers/sparse_regression/sparse_regression_sampler.hpp"
#include "samplers/random_walk/random_walk_sampler.hpp"
#include "samplers/icl/icl_sampler.hpp"
#include "samplers/strings/strings_sampler.hpp"
#include "samplers/tv_family.hpp"

namespace critwin {

bool family_has_score(const Model& model) {
  return std::visit(overloaded{
                        [](const GaussianComponents&) { return true; },
                        [](const BernoulliProductComponents&) { return false; },
                        [](const StringComponents&) { return false; },
                        [](const PlantedSpikeComponents&) { return false; },
                        [](const SparseRegressionComponents&) { return false; },
                        [](const CategoricalProductComponents&) { return false; },
                        [](const RandomWalkComponents&) { return false; },
                        [](const IclComponents&) { return false; },
                        [](const ConceptOuComponents&) { return false; },
                    },
                    model.components);
}

std::unique_ptr<ForwardReverseSampler> family_sampler_make(const Model& model, const ExperimentSpec& spec,
                                                           bool allow_fast) {
  return std::visit(overloaded{
                        [&](const GaussianComponents&) { return gaussian_sampler_make(model, spec, allow_fast); },
                        [&](const BernoulliProductComponents&) { return bernoulli_sampler_make(model, spec); },
                        [&](const StringComponents&) { return strings_sampler_make(model, spec); },
                        [&](const PlantedSpikeComponents&) { return planted_spike_sampler_make(model, spec); },
                        [&](const SparseRegressionComponents&) { return sparse_regression_sampler_make(model, spec); },
                        [&](const CategoricalProductComponents&) { return categorical_sampler_make(model, spec); },
                        [&](const RandomWalkComponents&) { return random_walk_sampler_make(model, spec); },
                        [&](const IclComponents&) { return icl_sampler_make(model, spec); },
                        [&](const ConceptOuComponents&) { return concept_ou_sampler_make(model, spec); },
                    },
                    model.components);
}

std::unique_ptr<TvFamily> tv_family_make(const Model& model, const TvSpec& spec) {
  return std::visit(overloaded{
                        [&](const GaussianComponents&) { return gaussian_tv_family_make(model, spec); },
                        [&](const BernoulliProductComponents&) { return bernoulli_tv_family_make(model, spec); },
                        [&](const StringComponents&) { return strings_tv_family_make(model, spec); },
                        [&](const PlantedSpikeComponents&) { return planted_spike_tv_family_make(model, spec); },
                        [&](const SparseRegressionComponents&) { return sparse_regression_tv_family_make(model, spec); },
                        [&](const CategoricalProductComponents&) { return categorical_tv_family_make(model, spec); },
                        [&](const RandomWalkComponents&) { return random_walk_tv_family_make(model, spec); },
                        [&](const IclComponents&) { return icl_tv_family_make(model, spec); },
                        [&](const ConceptOuComponents&) { return concept_ou_tv_family_make(model, spec); },
                    },
                    model.components);
}

std::unique_ptr<ExactEngine> family_monte_carlo_engine_make(const Model& model, long precision_bits,
                                                            const McEngineOptions& opt) {
  using Ptr = std::unique_ptr<ExactEngine>;
  return std::visit(overloaded{
                        [&](const GaussianComponents&) -> Ptr { return gaussian_mc_engine_make(model, precision_bits, opt); },
                        [&](const BernoulliProductComponents&) -> Ptr { return nullptr; },
                        [&](const StringComponents&) -> Ptr { return nullptr; },
                        [&](const PlantedSpikeComponents&) -> Ptr { return planted_spike_mc_engine_make(model, precision_bits, opt); },
                        [&](const SparseRegressionComponents&) -> Ptr {
                          return sparse_regression_mc_engine_make(model, precision_bits, opt);
                        },
                        [&](const CategoricalProductComponents&) -> Ptr {
                          return count_mc_engine_make(model, precision_bits, opt, categorical_count_model(model));
                        },
                        [&](const RandomWalkComponents&) -> Ptr { return nullptr; },
                        [&](const IclComponents&) -> Ptr {
                          return count_mc_engine_make(model, precision_bits, opt, icl_count_model(model));
                        },
                        [&](const ConceptOuComponents&) -> Ptr { return concept_ou_mc_engine_make(model, precision_bits, opt); },
                    },
                    model.components);
}

}  // namespace critwin
