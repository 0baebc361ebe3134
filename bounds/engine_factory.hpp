// Picks the exact engine for a model's family × process (one registration per family).
#pragma once

#include <memory>

#include "bounds/exact_engine.hpp"

namespace critwin {

// InputError when the combination is not supported exactly (e.g. more than 3 non-collinear Gaussian means).
std::unique_ptr<ExactEngine> exact_engine_make(const Model& model, long precision_bits);

}  // namespace critwin
