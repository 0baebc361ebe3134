// Batched Philox4x32-10 and Box–Muller: the same numbers as PhiloxStream's first draw of each sample, computed
// for a run of consecutive sample indices at once so the compiler can vectorize the rounds and the math.
#pragma once

#include <cstdint>

#include "samplers/philox_stream.hpp"

namespace critwin {

inline constexpr int kPhiloxBatch = 256;  // samples per batched call (stack arrays)

// out[w][i] = word w of Philox4x32-10(key = seed, ctr = {draw, idx, idx >> 32, stream}) with idx = first + i.
// Identical to PhiloxStream's words 4·draw … 4·draw+3 for that sample (tested).
void philox_batch(uint64_t seed, RngStream stream, uint32_t draw, uint64_t first, int n,
                  uint32_t out[4][kPhiloxBatch]);

// From one Philox draw per sample: two independent standard normals (Box–Muller with a 52-bit radius
// uniform from words 0–1 and a 32-bit angle from word 2) and one uniform in (0,1) from word 3 (32 bits).
// Radius uniforms are never 0, so |z| <= 8.6: the Gaussian tail beyond it (1e-17) is the only truncation.
void normals_uniform_batch(uint64_t seed, RngStream stream, uint32_t draw, uint64_t first, int n,
                           double z1[kPhiloxBatch], double z2[kPhiloxBatch], double u[kPhiloxBatch]);

// A uniform in (0,1) from one 32-bit word: (w + 1/2) / 2^32.
inline double u01_from_u32(uint32_t w) { return (static_cast<double>(w) + 0.5) * 0x1p-32; }

}  // namespace critwin
