// Means drawn for a model file (`means = { random = "normal", count = K, seed = S }`, BoE E2: μ_i ~ N(0, I_d)):
// a fixed, documented recipe so that a seed names the same means on every machine and in every version.
#pragma once

#include <cstdint>
#include <vector>

#include "model/exact_real.hpp"

namespace critwin {

// μ_i[j], i < count, j < dim: Random123 Philox4x32-10 with key (seed low 32 bits, seed high 32 bits) and
// counter (j / 2, i, 0, 0x4d45414e); the counter's four 32-bit words give two 64-bit uniforms, and
// Random123's Box–Muller turns them into the pair (μ_i[j], μ_i[j+1]) for even j. Each value is the exact
// binary double. Independent of the Monte Carlo streams (their counters never use 0x4d45414e).
std::vector<std::vector<ExactReal>> random_normal_means(int count, int dim, uint64_t seed);

}  // namespace critwin
