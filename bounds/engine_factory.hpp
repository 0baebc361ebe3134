// Picks the exact engine for a model's family × process (one registration per family).
#pragma once

#include <memory>
#include <string>

#include "bounds/exact_engine.hpp"

namespace critwin {

// InputError when the combination is not supported exactly (e.g. more than 3 non-collinear Gaussian means).
std::unique_ptr<ExactEngine> exact_engine_make(const Model& model, long precision_bits);

// The documented size limits of every exact engine, for --help.
std::string exact_engine_limits();

}  // namespace critwin
