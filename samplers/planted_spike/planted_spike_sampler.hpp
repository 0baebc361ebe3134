// Monte Carlo for planted-spike models under truncate, through the sufficient statistic (the sum of the
// observations, a vector in R^M): the forward–reverse experiment (posterior over signal/null and the
// planted index J given the revealed prefix) and the per-family half of the TV estimator.
#pragma once

#include <memory>

#include "samplers/experiment.hpp"
#include "samplers/tv_family.hpp"

namespace critwin {

std::unique_ptr<ForwardReverseSampler> planted_spike_sampler_make(const Model& model, const ExperimentSpec& spec);
std::unique_ptr<TvFamily> planted_spike_tv_family_make(const Model& model, const TvSpec& spec);

}  // namespace critwin
