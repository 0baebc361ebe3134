// Exact engine for in-context-learning mixtures (`icl` components) under truncation: finite sums over the
// counts of (x, y) pairs of the visible complete examples (bounds/icl/icl_types.hpp), certified with Arb
// balls, with an exact rational forward TV for tie-breaking.
#pragma once

#include <memory>

#include "bounds/exact_engine.hpp"

namespace critwin {

std::unique_ptr<ExactEngine> icl_engine_make(const Model& model, long precision_bits);

// Largest number of count tables one exact sum may visit (forward TV: C(n+T−1, T−1); fr-tv: the product
// of the visible and hidden counts). Beyond it the engine refuses with an InputError on components.examples.
inline constexpr uint64_t kIclMaxTables = 100000000;
// Largest number of count tables for the exact rational forward TV (used only to break ties).
inline constexpr uint64_t kIclMaxRationalTables = 200000;

}  // namespace critwin
