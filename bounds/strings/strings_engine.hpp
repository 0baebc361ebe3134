// Exact engine for mixtures of point masses on strings under truncate, random-mask and ordered-mask:
// everything is decided by which of the positions where the strings differ are still visible.
#pragma once

#include <memory>

#include "bounds/exact_engine.hpp"

namespace critwin {

std::unique_ptr<ExactEngine> strings_engine_make(const Model& model, long precision_bits);

}  // namespace critwin
