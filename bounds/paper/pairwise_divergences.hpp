// Closed forms of the Bhattacharyya coefficient BC = 1 − ½H² and of KL between two single components at
// time t of the forward process (THEORY.md §1, §6): the ingredients of the Hellinger and KL/Pinsker routes
// that `critwin compare` sets beside the exact window.
#pragma once

#include <optional>
#include <string>

#include "model/ball.hpp"
#include "model/model.hpp"

namespace critwin {

// BC(p_t^a, p_t^b) and KL(p_t^a ‖ p_t^b) for single components a, b at time t, as certified balls at the
// current Ball precision. `kl` may be +∞ (a pos_inf ball; e.g. distinct point masses, disjoint supports).
struct PairDivergence {
  Ball bc;
  Ball kl;
};

// Which families × processes have these closed forms; `why_not` says why not (for the comparison table).
struct PairDivergenceSupport {
  bool bc = false;
  bool kl = false;   // false also when KL is infinite for every t < sup I (strings): the KL route is void
  std::string why_not_bc, why_not_kl;
};
PairDivergenceSupport pair_divergence_support(const Model& m);

// Sources: Gaussians N(e^{−t}μ, v_t I), v_t = σ²e^{−2t} + 1 − e^{−2t}: BC = exp(−e^{−2t}‖μ_a − μ_b‖²/(8v_t)),
// KL = e^{−2t}‖μ_a − μ_b‖²/(2v_t); Bernoulli products: per visible position BC₁ = √(pq) + √((1−p)(1−q)),
// KL₁ = kl(p‖q), tensorized over the n visible positions (random masking: each position contributes
// t + (1 − t)BC₁ and (1 − t)KL₁, the mask being independent of the component); strings (point masses): a
// visible differing position gives BC = 0, KL = ∞; random masking gives BC = t^{d_H}.
// Precondition: pair_divergence_support(m).bc (kl is then computed where supported, else pos_inf).
PairDivergence pair_divergence(const Model& m, int a, int b, const TimePoint& t);

}  // namespace critwin
