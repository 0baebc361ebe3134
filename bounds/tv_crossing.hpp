// Where a non-increasing forward TV curve t ↦ TV(p_t^A, p_t^B) crosses a level: the two one-sided
// searches behind T_start, T_end, T_before and T_after. Exact on discrete index sets (integer bisection,
// valid because TV is monotone by data processing); an enclosing bracket on continuous ones.
#pragma once

#include "bounds/exact_engine.hpp"

namespace critwin {

// Levels are exact rationals so that a tie TV = level (common on discrete models) is decided exactly
// through ExactEngine::rational_forward_tv when the enclosures cannot separate them.

// sup{ t ∈ I : TV(p_t^A, p_t^B) >= level }; nullopt when no t qualifies.
OptionalTime tv_crossing_last_at_least(const ExactEngine& engine, const Subset& a, const Subset& b, const ExactReal& level);

// inf{ t ∈ I : TV(p_t^A, p_t^B) <= level }; nullopt when no t qualifies.
OptionalTime tv_crossing_first_at_most(const ExactEngine& engine, const Subset& a, const Subset& b, const ExactReal& level);

// sup I as a reported time ("inf" for ou).
Estimate tv_crossing_sup_time(const Process& process);

}  // namespace critwin
