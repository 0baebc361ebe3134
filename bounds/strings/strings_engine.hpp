// Exact engine for mixtures of point masses on strings under truncate, random-mask and ordered-mask:
// everything is decided by which of the positions where the strings differ are still visible.
#pragma once

#include <cstddef>
#include <memory>

#include "bounds/exact_engine.hpp"

namespace critwin {

// Random masking enumerates every subset of column types, keeping one partition (K ints) per subset.
inline constexpr int kMaxTypes = 22;
inline constexpr size_t kMaxPartitionCells = size_t{1} << 25;

std::unique_ptr<ExactEngine> strings_engine_make(const Model& model, long precision_bits);

}  // namespace critwin
