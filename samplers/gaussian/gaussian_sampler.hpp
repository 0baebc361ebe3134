// Forward–reverse samplers for isotropic Gaussian mixtures (any number of components, any dimension) under OU.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "samplers/experiment.hpp"
#include "samplers/tv_family.hpp"
#include "samplers/gaussian/gaussian_mixture.hpp"

namespace critwin {

// The reverse-time grid of the sde/ode integrators: steps equal in log-SNR λ = ln(e^{-2t}/v_t) from T̂ up to
// where the posterior over atoms stops moving (or to t = 0), then one exact step to t = 0. The integrators
// freeze the posterior over a step, so their bias is governed by the λ step; kReverseMaxDlambda is the
// step we state as accurate (retention within about 1e-3 on the tested models).
constexpr double kReverseMaxDlambda = 0.05;
struct ReverseGrid {
  std::vector<double> e;  // e^{-t} at the grid times, from e^{-T̂} to 1
  double dlambda = 0;     // the λ step of the uniform part
  int min_steps = 1;      // the fewest steps with dlambda <= kReverseMaxDlambda
};
ReverseGrid reverse_grid(const GaussianMixture& g, double e_hat, int steps);

std::unique_ptr<ForwardReverseSampler> gaussian_sampler_make(const Model& model, const ExperimentSpec& spec,
                                                             bool allow_fast);

// This family's half of the Monte Carlo TV estimator (samplers/tv_estimate.hpp).
std::unique_ptr<TvFamily> gaussian_tv_family_make(const Model& model, const TvSpec& spec);

}  // namespace critwin
