// Exact engine for categorical-product mixtures (BoE E4, "critical tokens") under truncate, ordered-mask and
// random-mask: finite sums over groups of prefixes with proportional likelihood vectors, certified with Arb
// balls (negligible groups are bounded, not dropped silently) and exact rationals for tie-breaking.
#pragma once

#include <cstddef>
#include <memory>

#include "bounds/exact_engine.hpp"

namespace critwin {

// The exact sums stop with an InputError past this many live prefix groups, or past this many group updates
// (live groups × symbol classes, summed over the revealed positions of one sweep; about 0.5 µs each, so the
// limit keeps one certified sweep near a second): the likelihood keys of such a model do not collapse (several
// independent likelihood ratios on long overlapping stretches). Both are checked when the engine is made, by a
// double-precision pass of the same sweep that predicts the rest of each run of identical positions from its
// live groups and stops as soon as the limit is passed (categorical_engine.cpp, check_limits); the command
// line then falls back to the Monte Carlo engine (samplers/count_mc_engine.hpp).
inline constexpr size_t kCategoricalMaxGroups = 2000000;
inline constexpr uint64_t kCategoricalMaxUpdates = 3000000;

// InputError on components.tables when the model is beyond kCategoricalMaxGroups / kCategoricalMaxUpdates.
// random-mask: forward TV only (fr-tv is an InputError naming process.kind; see the engine for why).
std::unique_ptr<ExactEngine> categorical_engine_make(const Model& model, long precision_bits);

}  // namespace critwin
