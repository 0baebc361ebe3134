// `--sweep PARAM=a:b:n` of `critwin compare` (and `critwin plot windows`): which model parameters can be
// swept, the grid, and the model with one parameter value applied.
#pragma once

#include <string>
#include <vector>

#include "model/model.hpp"

namespace critwin::app {

struct SweepSpec {
  std::string param;               // one of sweep_parameter_names(), or "eps"
  std::vector<ExactReal> values;   // a + (b − a)k/(n − 1), k = 0..n−1 (exact rationals); n = 1 gives a
};

// Sweepable parameters (docs and --help):
//   m         Gaussian: scales every mean about the weighted mean so that ½‖μ₀ − μ₁‖ = m (> 0); the file's
//             ½‖μ₀ − μ₁‖ must be rational (e.g. means on an axis) so the scaled means stay exact
//   variance  Gaussian: the common variance σ² (>= 0)
//   length    bernoulli-product, random-walk under truncate or random-mask: the sequence length L (integer >= 1)
//   delta     two-component bernoulli-product or random-walk with probs ½ ± Δ: Δ in (0, ½)
//   barrier   random-walk: the absorbing barrier A (integer >= 1)
//   eps       any model: ε in (0, 1)
std::string sweep_parameters_help();

// Parses "PARAM=a:b:n" (n in [1, 10000]; a, b exact reals); InputError naming `field` otherwise.
SweepSpec sweep_parse(const std::string& text, const std::string& field);

// A copy of `base` with `param` = `value` (not for "eps"); InputError naming `field` when the parameter does
// not apply to the model's family or the value is out of range.
Model sweep_apply(const Model& base, const std::string& param, const ExactReal& value, const std::string& field);

}  // namespace critwin::app
