// A Gaussian mixture in doubles for sampling: isotropic components N(μ_θ, σ² I_d) under the OU process,
// with the exact conditional laws the samplers need (all Gaussian or Gaussian-mixture, log-space weights).
#pragma once

#include <vector>

#include "model/model.hpp"
#include "samplers/philox_stream.hpp"

namespace critwin {

struct GaussianMixture {
  int k = 0, d = 0;
  std::vector<double> mu;    // k × d, row-major
  std::vector<double> logw;  // log w_θ
  double var = 1;            // σ²

  explicit GaussianMixture(const Model& m);
  const double* mean(int th) const { return mu.data() + static_cast<size_t>(th) * d; }
  // Var(Y_t | θ) per coordinate: e^{-2t} σ² + 1 − e^{-2t}, with e = e^{-t}.
  double var_at(double e) const { return e * e * var + 1 - e * e; }
  // log w_θ + log N(y; e μ_θ, v I) up to a θ-independent constant, for every θ. v = 0 (point masses seen
  // without noise): log w_θ for the components at the mean nearest to y, −∞ for the others.
  void log_post(const double* y, double e, double v, double* out) const;
  // The label of x: argmax_θ w_θ p^θ(x), ties to the lowest index.
  int label(const double* x) const;
  // The exact score ∇ log p_t(y) with e = e^{-t}; `scratch` has k entries.
  void score(const double* y, double e, double* out, double* scratch) const;
  // E[μ_θ | Y_t = y] = Σ_θ P(θ | y) μ_θ with e = e^{-t}, v = var_at(e) > 0; `scratch` has k entries and
  // holds the normalised log-posterior afterwards.
  void posterior_mean(const double* y, double e, double v, double* out, double* scratch) const;
  // The smallest squared distance between two distinct means (+inf when all means coincide).
  double min_distance2() const;
};

}  // namespace critwin
