// Certified retention curves (THEORY.md §6) of an isotropic Gaussian mixture whose means lie on a line:
// the span-coordinate integrals of gaussian_retention.hpp enclosed in ball arithmetic, by a trapezoidal
// rule with a rigorous strip bound or by Arb's rigorous Gauss–Legendre integration (model/complex_ball.hpp).
#pragma once

#include <optional>
#include <vector>

#include "model/ball.hpp"

namespace critwin::gauss {

// The atoms (distinct means) on a line, as balls at the working precision (same fields as
// LineRetentionModel in gaussian_retention.hpp).
struct LineRetentionBalls {
  std::vector<Ball> c;       // atom positions in span coordinates (distinct)
  std::vector<Ball> w;       // W_j: total weight at atom j (> 0), Σ W_j = 1
  std::vector<Ball> s;       // mass of S_init at atom j (not normalised; exact 0 when none)
  std::vector<Ball> clone;   // Σ_{θ at j} w_θ² / W_j²
  std::vector<Ball> best_w;  // weight of atom j's label (its heaviest component, ties: lowest index)
  std::vector<bool> label_in_s;
  Ball variance;             // σ² >= 0 (exact 0 for point masses)
};

// One T̂: `et` = e^{−T̂} as a ball; `zero` / `infinite` mark T̂ = 0 and T̂ = ∞ (et then unused).
struct RetentionTime {
  Ball et;
  bool zero = false;
  bool infinite = false;
};

struct LineRetentionEnclosure {
  Ball latent, label, cloning;  // certified enclosures
  bool converged = true;        // false: Arb stopped at its limits somewhere; the balls are still enclosures
  bool available = true;        // false: skipped, the trapezoidal rule would need more than max_nodes nodes
};

// How the integrals over y are enclosed. trapezoid: the trapezoidal rule on the whole line with the
// Trefethen–Weideman strip bound, the strip width and its bound derived analytically (real ball arithmetic
// only, about 5 ms per T̂ on E1 at 128 bits). gauss_legendre: Arb's adaptive Gauss–Legendre
// (acb_calc_integrate) on split pieces with the tails beyond a cut bounded by their normal masses, about
// 0.8 s per T̂ — an independent second method, used by the tests to check the first.
enum class RetentionMethod { trapezoid, gauss_legendre };

// The trapezoidal rule's node count grows like the squared spread of the atoms in units of the noise
// (e^{−T̂}·|c_j − c_k| / √v_T̂): a T̂ that would need more than `max_nodes` nodes is skipped (available =
// false) so that callers can answer it otherwise.
// Enclosures at every T̂, aiming at 2^-goal_bits relative width, with the thread's Ball precision as the
// working precision (set it to goal_bits plus guard bits). std::nullopt when the label partition (the upper
// envelope of the lines log W*_j − c_j²/(2σ²) + x c_j/σ²) cannot be decided at this precision, e.g. two
// lines tie exactly at a breakpoint; callers then fall back to the quadrature estimate.
std::optional<std::vector<LineRetentionEnclosure>> line_retention_certified(const LineRetentionBalls& m,
                                                                          const std::vector<RetentionTime>& ts,
                                                                          long goal_bits,
                                                                          RetentionMethod method = RetentionMethod::trapezoid,
                                                                          long max_nodes = 1L << 22);

}  // namespace critwin::gauss
