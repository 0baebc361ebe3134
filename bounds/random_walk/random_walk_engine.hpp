// Exact engine for absorbing ±1 random-walk mixtures (`random-walk`, BoE §E5 with barriers) under truncate:
// finite sums over prefix groups (absorbed?, absorption time, up-steps) weighted by path counts, certified
// with Arb balls, and the forward TV as an exact rational for tie-breaking.
#pragma once

#include <memory>

#include "bounds/exact_engine.hpp"

namespace critwin {

std::unique_ptr<ExactEngine> random_walk_engine_make(const Model& model, long precision_bits);

}  // namespace critwin
