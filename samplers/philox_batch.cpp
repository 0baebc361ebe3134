#include "samplers/philox_batch.hpp"

#include <cmath>
#include <cstring>

namespace critwin {

namespace {
constexpr uint32_t kM0 = 0xD2511F53u, kM1 = 0xCD9E8D57u;  // Random123's PHILOX_M4x32_0/1
constexpr uint32_t kW0 = 0x9E3779B9u, kW1 = 0xBB67AE85u;  // Random123's PHILOX_W32_0/1
}  // namespace

__attribute__((target_clones("avx2", "default")))
void philox_batch(uint64_t seed, RngStream stream, uint32_t draw, uint64_t first, int n,
                  uint32_t out[4][kPhiloxBatch]) {
  uint32_t c0[kPhiloxBatch], c1[kPhiloxBatch], c2[kPhiloxBatch], c3[kPhiloxBatch];
  const uint32_t s = static_cast<uint32_t>(stream);
  for (int i = 0; i < n; ++i) {
    uint64_t idx = first + static_cast<uint64_t>(i);
    c0[i] = draw;
    c1[i] = static_cast<uint32_t>(idx);
    c2[i] = static_cast<uint32_t>(idx >> 32);
    c3[i] = s;
  }
  uint32_t k0 = static_cast<uint32_t>(seed), k1 = static_cast<uint32_t>(seed >> 32);
  for (int r = 0; r < 10; ++r) {
    for (int i = 0; i < n; ++i) {
      uint64_t p0 = static_cast<uint64_t>(kM0) * c0[i];
      uint64_t p1 = static_cast<uint64_t>(kM1) * c2[i];
      uint32_t n0 = static_cast<uint32_t>(p1 >> 32) ^ c1[i] ^ k0;
      uint32_t n1 = static_cast<uint32_t>(p1);
      uint32_t n2 = static_cast<uint32_t>(p0 >> 32) ^ c3[i] ^ k1;
      uint32_t n3 = static_cast<uint32_t>(p0);
      c0[i] = n0; c1[i] = n1; c2[i] = n2; c3[i] = n3;
    }
    k0 += kW0;
    k1 += kW1;
  }
  std::memcpy(out[0], c0, sizeof(uint32_t) * n);
  std::memcpy(out[1], c1, sizeof(uint32_t) * n);
  std::memcpy(out[2], c2, sizeof(uint32_t) * n);
  std::memcpy(out[3], c3, sizeof(uint32_t) * n);
}

namespace {
// A double in [1, 2) whose 52 mantissa bits are `bits` (exact, and vectorizable unlike uint64 → double).
inline double one_to_two(uint64_t bits) {
  uint64_t d = 0x3FF0000000000000ull | (bits & 0xFFFFFFFFFFFFFull);
  double x;
  std::memcpy(&x, &d, sizeof x);
  return x;
}
}  // namespace

// Separate loops for the radius, cos and sin: GCC fuses cos and sin of one loop into sincos, which has no
// vector variant, and then vectorizes nothing.
__attribute__((target_clones("avx2", "default")))
void normals_uniform_batch(uint64_t seed, RngStream stream, uint32_t draw, uint64_t first, int n,
                           double z1[kPhiloxBatch], double z2[kPhiloxBatch], double u[kPhiloxBatch]) {
  uint32_t w[4][kPhiloxBatch];
  philox_batch(seed, stream, draw, first, n, w);
  constexpr double kTwoPi = 6.283185307179586;
  double r[kPhiloxBatch], ang[kPhiloxBatch];
  for (int i = 0; i < n; ++i) {
    // 52 random bits: (0, 1) as [1, 2) − (1 − 2^-53); 32 bits: (w + 1/2) 2^-32 = [1, 2) − (1 − 2^-33), exactly.
    uint64_t bits = (static_cast<uint64_t>(w[1][i]) << 20) ^ (w[0][i] >> 12);
    double ur = one_to_two(bits) - (1.0 - 0x1p-53);
    r[i] = std::sqrt(-2.0 * std::log(ur));
    ang[i] = kTwoPi * (one_to_two(static_cast<uint64_t>(w[2][i]) << 20) - (1.0 - 0x1p-33));
    u[i] = one_to_two(static_cast<uint64_t>(w[3][i]) << 20) - (1.0 - 0x1p-33);
  }
  for (int i = 0; i < n; ++i) z1[i] = r[i] * std::cos(ang[i]);
  for (int i = 0; i < n; ++i) z2[i] = r[i] * std::sin(ang[i]);
}

}  // namespace critwin
