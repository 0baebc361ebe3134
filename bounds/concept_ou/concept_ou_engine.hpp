// Exact engine for concept-ou models (BoE Theorem 9, THEORY.md §7) under truncate: certified forward TVs from
// the whitened closed form; fr-tv exact only where it reduces to a forward TV (concept_ou_fr_tv_identity).
#pragma once

#include <memory>
#include <optional>
#include <vector>

#include "bounds/exact_engine.hpp"

namespace critwin {

std::unique_ptr<ExactEngine> concept_ou_engine_make(const Model& model, long precision_bits);

// fr-tv where it is a forward TV (certified): S_target = Θ (the visible words are a prefix of X′), T̂ = 0
// (X′ = X), T̂ > context (no word visible, X′ ~ p). nullopt otherwise (Monte Carlo: samplers/concept_ou).
std::optional<Estimate> concept_ou_fr_tv_identity(const ExactEngine& engine, const Subset& s_init, const Subset& s_target,
                                                  const TimePoint& t);

// c(s) = aᵀ M⁻¹ a over the words {s..T} (a_t = e^{−t}, M_{tt′} = e^{−|t−t′|} + 1[t = t′]) for s = 0..T, at
// the current Ball precision, in one O(T) pass: a Kalman filter on the AR(1) part of the words, run in
// emission order w_T, w_{T−1}, … (the covariance is symmetric in time, so the reversed filter is the same
// model), whose innovations e_k with variances S_k give aᵀM⁻¹a = Σ_k e_k²/S_k for every prefix at once.
// 0 < c(s) <= 1 (a is column 0 of K = M − I, so aᵀM⁻¹a <= aᵀK⁻¹a = 1). γ(s) = α c(s).
std::vector<Ball> concept_ou_information_profile(int context);

// TV(N(0, I + γ g_u g_uᵀ), N(0, I + γ g_v g_vᵀ)) for unit g's with ⟨g_u, g_v⟩ = ρ (THEORY.md §7's arcsin form,
// rewritten without cancellation): (2/π) atan(γ√(1−ρ²) / (2√(1+γ))). Certified.
Ball concept_ou_pair_tv(const Ball& gamma, const Ball& rho);
// 1 − concept_ou_pair_tv = (2/π) atan(2√(1+γ) / (γ√(1−ρ²))), accurate relative to itself when the TV is near 1.
Ball concept_ou_pair_tv_gap(const Ball& gamma, const Ball& rho);

// The sufficient statistic behind every concept-ou quantity: with W the (T+1) × d word matrix and c = c(s)
// for the visible words, ẑ = Wᵀ M⁻¹ a / c = √α ξ θ + N(0, I/c) with ξ ~ N(0, 1) — a Gaussian channel of
// precision c on the concept's θ-part. The log posterior odds of u against v given ẑ (d >= 2; only the
// plane of u and v matters) are ln(w_u/w_v) + ½ κ [(uᵀẑ)² − (vᵀẑ)²], κ = c²α/(1 + cα); with
// u = (cos β, sin β), v = (cos β, −sin β), ρ = cos 2β, that is ln(w_u/w_v) + κ √(1−ρ²) ẑ₁ ẑ₂.
double concept_ou_log_odds_coefficient(double alpha, double c, double rho);

}  // namespace critwin
