// The window of BoE Theorem 2: T_start(ε), T_end(ε), W, the bound ε(1 + max(1, W)/√2) and whether
// T_end <= T_start, for S_init ⊆ S_target ⊆ Θ.
#pragma once

#include "bounds/exact_engine.hpp"

namespace critwin {

struct Theorem2Window {
  OptionalTime t_start;  // sup{t : TV(p_t^{S_target}, p_t^{Θ∖S_target}) >= 1 − ε²}; sup I when Θ∖S_target = ∅
  OptionalTime t_end;    // inf{t : TV(p_t^{S_init}, p_t^{S_target}) <= ε}
  Estimate W;            // w_{Θ∖S_target} / w_{S_target}, exact rational
  Estimate bound;        // ε (1 + max(1, W)/√2), certified
  bool nonempty = false; // T_end <= T_start (both present)
  bool nonempty_certain = true;  // false when the enclosures of T_end and T_start overlap
};

// Validates ε ∈ (0,1), non-empty subsets and S_init ⊆ S_target (InputError naming the quantity: eps, s_init, s_target).
Theorem2Window theorem2_window(const ExactEngine& engine, const Subset& s_init, const Subset& s_target,
                               const ExactReal& eps);

// ε (1 + max(1, W)/√2) as a ball at the current precision.
Ball theorem2_bound(const ExactReal& eps, const ExactReal& w_rest, const ExactReal& w_target);

// Throws InputError("eps", …) unless 0 < ε < 1.
void theorem2_check_eps(const ExactReal& eps, const std::string& field = "eps");

// All of theorem2_window's input checks, callable before an engine is built.
void theorem2_check_inputs(const Model& m, const Subset& s_init, const Subset& s_target, const ExactReal& eps);

}  // namespace critwin
