// The papers' printed closed forms for critical-window endpoints (BoE Examples E1, E2, E3, E5), as
// certified enclosures. They are claims to be compared with the exact windows, not trusted values.
#pragma once

#include <optional>
#include <vector>

#include "model/estimate.hpp"
#include "model/exact_real.hpp"

namespace critwin {

struct PaperWindow {
  std::optional<Estimate> t_after;   // nullopt where the printed formula is undefined (e.g. log of a non-positive number)
  std::optional<Estimate> t_before;
  std::optional<Estimate> t_after_eps2;  // E4 only: T_after with overlap <= ε², the level Definition 4 needs
};

// E1, two Gaussians N(±μ, I), m = ‖μ‖: T_before = ln m + ln 2 + ln(1/ε), T_after = ln m − ln ln(1/(2ε²)).
// Takes m² so that m = ‖μ‖ stays exact for any rational mean vector.
PaperWindow paper_e1_window(const ExactReal& m_squared, const ExactReal& eps);

// E2, K Gaussians N(μ_j, I), S_after = {i}: T_before = max_j ln‖μ_i − μ_j‖ + ln(1/ε),
// T_after = min_{j≠i} ln‖μ_i − μ_j‖ − ½ ln(8 ln(K/ε)). `dist2[j]` = ‖μ_i − μ_j‖² (dist2[i] = 0).
PaperWindow paper_e2_window(const std::vector<ExactReal>& dist2, int i, const ExactReal& eps);

// E2 by the KL/Pinsker route (THEORY.md §6; LC24's way to T_before), components N(μ_j, I), S_after = {i},
// S_before = Θ (its second condition is void): joint convexity gives KL(p_t^i ‖ p_t) <= Σ_j w_j e^{−2t}‖μ_i − μ_j‖²/2,
// and √(½ KL) <= ε from t = ½ ln(Σ_j w_j ‖μ_i − μ_j‖² / (4ε²)) on (0 when that is negative).
// `dist2[j]` = ‖μ_i − μ_j‖², `weights[j]` = w_j.
std::optional<Estimate> paper_e2_kl_t_before(const std::vector<ExactReal>& dist2, const std::vector<ExactReal>& weights,
                                             const ExactReal& eps);

// E3, two strings at Hamming distance d under random masking: T_before = (1−ε)^{1/d}, T_after = (ε²)^{1/d}.
PaperWindow paper_e3_window(long d_hamming, const ExactReal& eps);

// E4, critical tokens (THEORY.md §7): L tokens, the first s positions with equal laws, and per later position
// i the factor P_{x_i ~ q^harm_i}(x_i ∈ supp q^safe_i) as runs (factor, count) from position s on. The support
// overlap after s + k tokens is the product of the first k factors. T_before = L − s,
// T_after = L − s − k(ε), k(ε) the least k with overlap <= ε (nullopt if none); t_after_eps2 the same with ε².
PaperWindow paper_e4_window(long length, long agree, const std::vector<std::pair<ExactReal, long>>& overlap_factors,
                            const ExactReal& eps);

// E5, coins Bernoulli(½ ± Δ)^{⊗L} under truncation: T_before = L − ε²/Δ² + 2, T_after = L − ln(2/ε²)/(2Δ²).
PaperWindow paper_e5_window(long length, const ExactReal& delta, const ExactReal& eps);

// E5's hypothesis that involves only ε and Δ: ε² < 10⁻³ (½ − Δ)(½ + Δ) (exact rational comparison).
bool paper_e5_eps_hypothesis(const ExactReal& delta, const ExactReal& eps);

// E5 with barriers, hypothesis (A): ln(2/ε²)/(2Δ²) < A. Decided on certified enclosures (the left side is
// irrational, so it never equals the integer A); nullopt only if the working precision cannot separate them.
std::optional<bool> paper_e5_barrier_hypothesis(const ExactReal& delta, const ExactReal& eps, long barrier);

// BoE Theorem 9 (concept-ou), φ(x) = (2+x)/((2 + x(1+ρ)/2)(2 + x(1−ρ)/2)): the x >= 0 with φ(x) = level, for
// level in (0, ½) (nullopt otherwise; φ falls from ½ at 0 to 0 at ∞).
std::optional<Estimate> paper_thm9_phi_inverse(const ExactReal& rho, const ExactReal& level);

// Theorem 9's printed window: T_after = ½ ln(α/φ⁻¹(ε²)), T_before = ½ ln(α√(1+α²)√(1−ρ²)/ε).
PaperWindow paper_thm9_window(const ExactReal& alpha, const ExactReal& rho, const ExactReal& eps);

// Theorem 9's hypothesis e^{−T}√(α − ln(1+α)) <= ε; nullopt when the enclosures cannot decide.
std::optional<bool> paper_thm9_hypothesis(const ExactReal& alpha, long context, const ExactReal& eps);

}  // namespace critwin
