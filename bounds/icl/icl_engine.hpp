// Exact engine for in-context-learning mixtures (`icl` components) under truncation: finite sums over the
// counts of (x, y) pairs of the visible complete examples (bounds/icl/icl_types.hpp), certified with Arb
// balls, with an exact rational forward TV for tie-breaking.
#pragma once

#include <memory>

#include "bounds/exact_engine.hpp"

namespace critwin {

std::unique_ptr<ExactEngine> icl_engine_make(const Model& model, long precision_bits);

// Largest number of count tables of one exact fr-tv or affinity sum (the product of the visible and hidden
// counts). Beyond it the engine refuses with an InputError on components.examples.
inline constexpr uint64_t kIclMaxTables = 100000000;
// Largest number of count tables one exact forward TV enumerates (C(n+T−2, T−2) with the last two types split
// by prefix sums, C(n+T−1, T−1) otherwise), checked with every example visible when the engine is made: a
// model beyond it is refused at once (InputError on components.examples) and the command line falls back to
// the Monte Carlo engine (samplers/count_mc_engine.hpp). The generic 6-cell table passes it up to N = 74.
inline constexpr uint64_t kIclMaxForwardTables = 1500000;
// Largest number of count tables for the exact rational forward TV (used only to break ties).
inline constexpr uint64_t kIclMaxRationalTables = 200000;

}  // namespace critwin
