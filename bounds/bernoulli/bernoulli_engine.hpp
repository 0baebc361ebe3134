// Exact engine for Bernoulli-product mixtures under truncate, random-mask and ordered-mask: finite sums
// over sufficient statistics (counts of ones), certified with Arb balls.
#pragma once

#include <memory>

#include "bounds/exact_engine.hpp"

namespace critwin {

std::unique_ptr<ExactEngine> bernoulli_engine_make(const Model& model, long precision_bits);

}  // namespace critwin
