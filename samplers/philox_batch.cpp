#include "samplers/philox_batch.hpp"

#include <cmath>
#include <cstring>

#include <immintrin.h>

namespace critwin {

namespace {
constexpr uint32_t kM0 = 0xD2511F53u, kM1 = 0xCD9E8D57u;  // Random123's PHILOX_M4x32_0/1
constexpr uint32_t kW0 = 0x9E3779B9u, kW1 = 0xBB67AE85u;  // Random123's PHILOX_W32_0/1
}  // namespace

namespace {

// The portable batch: one sample per iteration, the ten rounds unrolled in registers.
void philox_batch_portable(uint64_t seed, uint32_t s, uint32_t draw, uint64_t first, int begin, int n,
                           uint32_t out[4][kPhiloxBatch]) {
  const uint32_t key0 = static_cast<uint32_t>(seed), key1 = static_cast<uint32_t>(seed >> 32);
  for (int i = begin; i < n; ++i) {
    const uint64_t idx = first + static_cast<uint64_t>(i);
    uint32_t c0 = draw, c1 = static_cast<uint32_t>(idx), c2 = static_cast<uint32_t>(idx >> 32), c3 = s;
    uint32_t k0 = key0, k1 = key1;
#pragma GCC unroll 10
    for (int r = 0; r < 10; ++r) {
      const uint64_t p0 = static_cast<uint64_t>(kM0) * c0;
      const uint64_t p1 = static_cast<uint64_t>(kM1) * c2;
      const uint32_t n0 = static_cast<uint32_t>(p1 >> 32) ^ c1 ^ k0;
      const uint32_t n2 = static_cast<uint32_t>(p0 >> 32) ^ c3 ^ k1;
      c1 = static_cast<uint32_t>(p1);
      c3 = static_cast<uint32_t>(p0);
      c0 = n0;
      c2 = n2;
      k0 += kW0;
      k1 += kW1;
    }
    out[0][i] = c0;
    out[1][i] = c1;
    out[2][i] = c2;
    out[3][i] = c3;
  }
}

// 32×32 → 64-bit products of 16 lanes, split into high and low words: two vpmuludq (even and odd lanes) and
// two blends. GCC's own vectorization of the portable loop widens to 64-bit lanes and permutes, and spent
// most of the planted-spike estimator's time here; the words are the same (integer arithmetic).
// (GCC 12's avx512fintrin.h trips -Wmaybe-uninitialized inside these intrinsics, GCC PR 105593; the
// maskz forms with a full mask are the same instructions without the undefined source operand.)
struct HiLo {
  __m512i hi, lo;
};
__attribute__((target("avx512f"))) inline HiLo mul_hi_lo(__m512i a, __m512i m) {
  const __m512i even = _mm512_maskz_mul_epu32(0xFF, a, m);
  const __m512i odd = _mm512_maskz_mul_epu32(0xFF, _mm512_maskz_srli_epi64(0xFF, a, 32), m);
  return {_mm512_mask_blend_epi32(0xAAAA, _mm512_maskz_srli_epi64(0xFF, even, 32), odd),
          _mm512_mask_blend_epi32(0xAAAA, even, _mm512_maskz_slli_epi64(0xFF, odd, 32))};
}

__attribute__((target("avx512f"))) int philox_batch_avx512(uint64_t seed, uint32_t s, uint32_t draw,
                                                            uint64_t first, int n,
                                                            uint32_t out[4][kPhiloxBatch]) {
  const __m512i m0 = _mm512_set1_epi32(static_cast<int>(kM0)), m1 = _mm512_set1_epi32(static_cast<int>(kM1));
  const __m512i iota = _mm512_setr_epi32(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15);
  int i = 0;
  for (; i + 16 <= n; i += 16) {
    const uint64_t base = first + static_cast<uint64_t>(i);
    const __m512i base_lo = _mm512_set1_epi32(static_cast<int>(static_cast<uint32_t>(base)));
    __m512i c1 = _mm512_add_epi32(base_lo, iota);
    const __mmask16 carry = _mm512_cmplt_epu32_mask(c1, base_lo);  // idx low word wrapped: high word + 1
    __m512i c2 = _mm512_set1_epi32(static_cast<int>(static_cast<uint32_t>(base >> 32)));
    c2 = _mm512_mask_add_epi32(c2, carry, c2, _mm512_set1_epi32(1));
    __m512i c0 = _mm512_set1_epi32(static_cast<int>(draw)), c3 = _mm512_set1_epi32(static_cast<int>(s));
    uint32_t k0 = static_cast<uint32_t>(seed), k1 = static_cast<uint32_t>(seed >> 32);
#pragma GCC unroll 10
    for (int r = 0; r < 10; ++r) {
      const HiLo p0 = mul_hi_lo(c0, m0), p1 = mul_hi_lo(c2, m1);
      c0 = _mm512_xor_si512(_mm512_xor_si512(p1.hi, c1), _mm512_set1_epi32(static_cast<int>(k0)));
      c2 = _mm512_xor_si512(_mm512_xor_si512(p0.hi, c3), _mm512_set1_epi32(static_cast<int>(k1)));
      c1 = p1.lo;
      c3 = p0.lo;
      k0 += kW0;
      k1 += kW1;
    }
    _mm512_storeu_si512(out[0] + i, c0);
    _mm512_storeu_si512(out[1] + i, c1);
    _mm512_storeu_si512(out[2] + i, c2);
    _mm512_storeu_si512(out[3] + i, c3);
  }
  return i;
}

const bool kHasAvx512 = __builtin_cpu_supports("avx512f");

}  // namespace

void philox_batch(uint64_t seed, RngStream stream, uint32_t draw, uint64_t first, int n,
                  uint32_t out[4][kPhiloxBatch]) {
  const uint32_t s = static_cast<uint32_t>(stream);
  const int done = kHasAvx512 ? philox_batch_avx512(seed, s, draw, first, n, out) : 0;
  philox_batch_portable(seed, s, draw, first, done, n, out);
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
