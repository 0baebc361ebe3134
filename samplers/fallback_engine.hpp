// An exact engine that hands a quantity it refuses to the family's Monte Carlo engine (e.g. Gaussian fr-tv
// with more than 16 collinear atoms): every number is then either exact/certified/estimated from the exact
// engine or monte-carlo from the fallback, and its guarantee says which.
#pragma once

#include <functional>
#include <memory>

#include "bounds/exact_engine.hpp"

namespace critwin {

// `make_mc` builds the Monte Carlo engine the first time the exact engine throws an InputError (a refusal:
// the inputs themselves are validated before any engine call).
std::unique_ptr<ExactEngine> fallback_engine_make(std::unique_ptr<ExactEngine> exact,
                                                  std::function<std::unique_ptr<ExactEngine>()> make_mc);

}  // namespace critwin
