#include "samplers/sampler_factory.hpp"

#include "model/overloaded.hpp"
#include "samplers/bernoulli/bernoulli_sampler.hpp"
#include "samplers/gaussian/gaussian_sampler.hpp"
#include "samplers/icl/icl_sampler.hpp"
#include "samplers/strings/strings_sampler.hpp"
#include "samplers/tv_family.hpp"

namespace critwin {

bool family_has_score(const Model& model) {
  return std::visit(overloaded{
                        [](const GaussianComponents&) { return true; },
                        [](const BernoulliProductComponents&) { return false; },
                        [](const StringComponents&) { return false; },
                        [](const IclComponents&) { return false; },
                    },
                    model.components);
}

std::unique_ptr<ForwardReverseSampler> family_sampler_make(const Model& model, const ExperimentSpec& spec,
                                                           bool allow_fast) {
  return std::visit(overloaded{
                        [&](const GaussianComponents&) { return gaussian_sampler_make(model, spec, allow_fast); },
                        [&](const BernoulliProductComponents&) { return bernoulli_sampler_make(model, spec); },
                        [&](const StringComponents&) { return strings_sampler_make(model, spec); },
                        [&](const IclComponents&) { return icl_sampler_make(model, spec); },
                    },
                    model.components);
}

std::unique_ptr<TvFamily> tv_family_make(const Model& model, const TvSpec& spec) {
  return std::visit(overloaded{
                        [&](const GaussianComponents&) { return gaussian_tv_family_make(model, spec); },
                        [&](const BernoulliProductComponents&) { return bernoulli_tv_family_make(model, spec); },
                        [&](const StringComponents&) { return strings_tv_family_make(model, spec); },
                        [&](const IclComponents&) { return icl_tv_family_make(model, spec); },
                    },
                    model.components);
}

}  // namespace critwin
