// BoE Examples 6/11 (in-context learning): the paper's Hellinger-tensorization argument next to the exact
// affinities (THEORY.md §7). The paper takes δ = H²(P^{θ*}_1, P^{rest}_1), the one-example squared Hellinger
// separation of the true task θ* from the mixture of the others, claims BC(P^{θ*}_n, P^{rest}_n) ≤ (1 − δ/2)^n
// and asks for n ≥ ln((1 − δ/2)/ε) examples. The proof's own step (1 − δ/2)^n ≤ ε needs
// n ≥ ln(1/ε)/ln(1/(1 − δ/2)); the tensorization holds for two tasks but not against a mixture of ≥ 2 others,
// where Σ_{φ≠θ*} √(w_φ/w_rest) BC(P^{θ*}_1, P^φ_1)^n is a correct bound.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "bounds/paper/paper_closed_forms.hpp"
#include "model/ball.hpp"
#include "model/model.hpp"

namespace critwin {

struct IclPaperReport {
  long examples = 0;                   // N, the examples in the model's full context
  Estimate bc1;                        // BC(P^{θ*}_1, P^{rest}_1) = 1 − δ/2
  Estimate delta;                      // δ = H²(P^{θ*}_1, P^{rest}_1) = 2(1 − BC_1)
  std::optional<Estimate> n_printed;   // ln((1 − δ/2)/ε), the printed sample-size condition
  std::optional<Estimate> n_proof;     // ln(1/ε)/ln(1/(1 − δ/2)); nullopt when δ = 0
  long n = 0;                          // the number of examples the three BC values below are for
  Estimate bc_exact;                   // BC(P^{θ*}_n, P^{rest}_n), exact (certified)
  Estimate bc_tensorized;              // (1 − δ/2)^n, the paper's claimed bound
  Estimate bc_correct_bound;           // Σ_{φ≠θ*} √(w_φ/w_rest) BC(P^{θ*}_1, P^φ_1)^n
  std::optional<bool> tensorized_holds;  // bc_exact <= bc_tensorized: certainly true / false; nullopt undecided
  bool tensorized_equal = false;         // the enclosure of bc_exact − bc_tensorized contains 0 (two tasks: an identity)
  bool correct_bound_holds = false;      // bc_exact <= bc_correct_bound certainly (a self-check; expected true)
};

// θ* = component `theta_star` of an icl model, rest = the other components (at least one). `n` in [0, N].
// InputError when the model is not `icl` or the exact sum is too large (components.examples).
IclPaperReport paper_e6_report(const Model& m, int theta_star, const ExactReal& eps, long n);

// The tensorization claim point by point: at each n, the exact BC(P^{θ*}_n, P^{rest}_n) against (1 − δ/2)^n and
// against the correct bound. `holds`: exact ≤ tensorized certainly, or equal within the enclosure (two tasks:
// an identity); `fails`: exact > tensorized certainly; neither: undecided at this precision.
struct IclTensorizationPoint {
  long n = 0;
  Estimate exact, tensorized, correct_bound;
  bool holds = false, fails = false;
  bool correct_bound_holds = false;
};
std::vector<IclTensorizationPoint> paper_e6_tensorization(const Model& m, int theta_star, const std::vector<long>& ns);

// One line for tables: δ, both sample-size conditions, and BC after n examples against both bounds.
std::string paper_e6_summary(const IclPaperReport& r);

// The printed condition as a window end: T_after = the last truncation time that still shows
// ⌈ln((1 − δ/2)/ε)⌉ complete examples, 3(N − n) + 1 capped to 3N (nullopt when n > N). No printed T_before.
PaperWindow paper_e6_window(long examples, const Ball& bc1, const ExactReal& eps);

}  // namespace critwin
