// Exact engine for Bernoulli-product mixtures under truncate, random-mask and ordered-mask: finite sums
// over sufficient statistics (counts of ones), certified with Arb balls.
#pragma once

#include <memory>

#include "bounds/exact_engine.hpp"

namespace critwin {

// Largest length for which the random-mask fr-tv (a triple sum over total ones, visible ones and visible
// zeros, ~L^3/6 ball operations) is attempted; beyond it the run would take minutes.
inline constexpr long kRandomMaskFrTvMaxLength = 1000;
// Largest length for the random-mask forward TV (a binomial mixture of ~sqrt(L) truncate TVs of cost L).
inline constexpr long kRandomMaskForwardMaxLength = 20000;

std::unique_ptr<ExactEngine> bernoulli_engine_make(const Model& model, long precision_bits);

}  // namespace critwin
