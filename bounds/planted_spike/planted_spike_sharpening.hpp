// The planted spike's 0.1 → 0.9 transition at a given dimension M (same λ), from the exact TV on every
// integer n up to 4 N* — the "all-or-nothing" sharpening of THEORY.md §8 as M grows.
#pragma once

#include "bounds/all_or_nothing_transition.hpp"
#include "bounds/planted_spike/planted_spike_bounds.hpp"

namespace critwin {

struct SharpeningRow {
  long dim = 0;
  double n_star = 0;
  Transition transition;
  long last_n = 0;  // the grid's last n (crossings beyond it are unknown)
};

// At most 4000 grid points (coarser beyond, which the crossings' intervals then show). dim >= 2, snr > 0.
SharpeningRow planted_spike_sharpening(long dim, const ExactReal& snr);

}  // namespace critwin
