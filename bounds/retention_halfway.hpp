// Half-way times of the exact retention curves (THEORY.md §6): the T̂ at which the latent retention R of a set,
// or the cloning probability φ, is half-way between its values at T̂ = 0 and at sup I. Any family whose exact
// engine has retention curves; `compare` measures predictions against them (Biroli et al.'s cloning criterion).
#pragma once

#include <optional>
#include <string>

#include "bounds/exact_engine.hpp"

namespace critwin {

struct HalfwayTimes {
  std::optional<Estimate> cloning;    // φ(t) = (φ(0) + φ(sup I))/2
  std::optional<Estimate> retention;  // R(t) = (R(0) + R(sup I))/2 for S_after (R(sup I) = w_{S_after})
  std::string reason;                 // why `cloning` is nullopt
};

// Both curves are non-increasing in T̂, so the half-way time is a crossing of a monotone curve. Continuous index
// sets ([0, ∞] for OU, [0, 1] for random masking): bisection on the curve's enclosures; [lo, hi] contains the
// crossing as far as the curve's values do (the guarantee is the curve's, `estimated` or `certified`), and
// it stops where the level falls inside the curve's error band. Discrete index sets ({0, …, L}): the least T̂
// with the curve at or below the level, as an exact integer. nullopt (with a reason for φ) when the curve does
// not move (φ(0) = φ(sup I)) or the engine refuses retention. `engine` must be an exact engine (exact_engine_make),
// not one with a Monte Carlo fallback: a Monte Carlo curve has no well-defined crossing to bisect, and each point
// would cost a simulation. Never throws for a model the engine accepts.
HalfwayTimes retention_halfway_times(const ExactEngine& engine, const Subset& s_after);

}  // namespace critwin
