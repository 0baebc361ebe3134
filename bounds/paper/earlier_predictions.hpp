// Where do earlier theories say a feature is decided? The exact Definition-4 window beside the Theorem-2
// windows, BoE's printed closed forms, the Hellinger and KL/Pinsker routes, the speciation time, the
// cloning half-way time and the symmetry-breaking time (THEORY.md §6) — the rows of `critwin compare`.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "bounds/exact_engine.hpp"

namespace critwin {

// One method's prediction. A window has t_after <= t_before as its lower and upper endpoints (for the
// Theorem-2 rows: [T_end, T_start]); a single time has `t`. Times are in the model's index set.
struct Prediction {
  std::string method;   // exact, theorem2-after, theorem2-before, boe, hellinger, kl-pinsker, speciation, cloning-halfway, symmetry-breaking
  bool window = false;
  OptionalTime t_after, t_before, t;  // null: the sup/inf defining it is empty
  std::string source;   // the paper / section / equation behind the number
  // Prediction − exact value, where both are present and finite: for a window its own endpoints minus the
  // exact T_after and T_before; for a single time t − T_after and t − T_before. d_halfway (single times):
  // t minus the retention half-way time of S_after (when known).
  OptionalTime d_after, d_before, d_halfway;
  Guarantee guarantee = Guarantee::exact;  // the weakest guarantee among the row's times
};

struct OmittedMethod {
  std::string method, reason;
};

struct Comparison {
  std::vector<Prediction> rows;
  std::vector<OmittedMethod> omitted;
  std::optional<Estimate> retention_halfway;  // t with R(t) = (R(0) + w_{S_after})/2, when known
};

// All rows for S_after ⊊ S_before and ε (inputs validated as for critical_window: InputError naming
// eps, s_after, s_before). The cloning-halfway row and the d_halfway column come from the exact retention curves
// of `halfway` (bounds/retention_halfway.hpp: an exact engine of the same model, not one with a Monte Carlo
// fallback, whose curve would be noisy and slow); nullptr omits that row, saying so.
Comparison compare_predictions(const ExactEngine& engine, const Subset& s_after, const Subset& s_before,
                               const ExactReal& eps, const ExactEngine* halfway = nullptr);

// Raya–Ambrogioni symmetry-breaking time for ½N(c + μ, σ²I) + ½N(c − μ, σ²I) under OU, m² = ‖μ‖²:
// U″ = 2/v_t − 2m²e^{−2t}/v_t² − 1 changes sign at e^{−2t} = 1/(m² + √(m⁴ + (σ² − 1)²)), so
// t_c = ½ ln(m² + √(m⁴ + (σ² − 1)²)) (= ½ ln(2m²) for σ² = 1). nullopt when that is <= 0 (no sign change for t > 0).
std::optional<Ball> symmetry_breaking_time(const ExactReal& m_squared, const ExactReal& variance);

// Biroli et al.'s speciation time t_S = ½ ln Λ, Λ = σ² + the largest eigenvalue of the between-component
// covariance Σ_θ w_θ(μ_θ − μ̄)(μ_θ − μ̄)ᵀ. Certified for two components (Λ = σ² + w₀w₁‖μ₀ − μ₁‖²), estimated
// (Jacobi eigenvalues in doubles, error from the residual) for more. nullopt when Λ <= 1.
std::optional<Estimate> speciation_time(const Model& m);

}  // namespace critwin
