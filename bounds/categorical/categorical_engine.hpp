// Exact engine for categorical-product mixtures (BoE E4, "critical tokens") under truncate, ordered-mask and
// random-mask: finite sums over groups of prefixes with proportional likelihood vectors, certified with Arb
// balls (negligible groups are bounded, not dropped silently) and exact rationals for tie-breaking.
#pragma once

#include <cstddef>
#include <memory>

#include "bounds/exact_engine.hpp"

namespace critwin {

// Certified sums stop with an InputError past this many live prefix groups: the likelihood keys of such a model
// do not collapse (several independent likelihood ratios on long overlapping stretches) and the sum would not
// finish in reasonable time.
inline constexpr size_t kCategoricalMaxGroups = 2000000;

// random-mask: forward TV only (fr-tv is an InputError naming process.kind; see the engine for why).
std::unique_ptr<ExactEngine> categorical_engine_make(const Model& model, long precision_bits);

}  // namespace critwin
