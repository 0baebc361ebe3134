// The critical window of BoE Definition 4 for S_after ⊂ S_before ⊆ Θ: resampling from below T_after keeps
// S_after; from above T_before it only keeps S_before.
#pragma once

#include "bounds/exact_engine.hpp"

namespace critwin {

struct CriticalWindow {
  OptionalTime t_after;   // sup{t : TV(p_t^{S_after}, p_t^{Θ∖S_after}) >= 1 − ε²}
  OptionalTime t_before;  // inf{t : TV(p_t^{S_after}, p_t^{S_before}) <= ε and TV(p_t^{S_before}, p_t^{Θ∖S_before}) >= 1 − ε²}
  bool nonempty = false;  // T_after <= T_before (both present)
  bool nonempty_certain = true;  // false when the enclosures of T_after and T_before overlap
};

// Validates ε ∈ (0,1), non-empty subsets and S_after ⊊ S_before (InputError naming the quantity: eps, s_after, s_before).
// The input checks of critical_window, callable before an engine is built.
void critical_window_check_inputs(const Model& m, const Subset& s_after, const Subset& s_before, const ExactReal& eps);

CriticalWindow critical_window(const ExactEngine& engine, const Subset& s_after, const Subset& s_before,
                               const ExactReal& eps);

}  // namespace critwin
