// Reproducible random inputs for the property tests of Ball and ExactReal (in the manner of Arb's own
// t-*.c tests): a fixed-seed 64-bit generator and the rationals, doubles and precisions drawn from it.
// Only raw generator words are used (no <random> distributions), so the draws are the same everywhere.
#pragma once

#include <bit>
#include <cmath>
#include <cstdint>
#include <random>

#include "model/exact_real.hpp"

namespace critwin::testing {

class Rng {
 public:
  explicit Rng(std::uint64_t seed) : g_(seed) {}

  std::uint64_t bits() { return g_(); }
  // Uniform in [lo, hi] (the modulo bias is irrelevant here).
  long range(long lo, long hi) { return lo + static_cast<long>(g_() % static_cast<std::uint64_t>(hi - lo + 1)); }
  bool coin() { return (g_() >> 63) != 0; }
  // Uniform double in [0, 1) on the 2^-53 grid.
  double unit() { return static_cast<double>(g_() >> 11) * 0x1p-53; }

  // A signed integer of up to `max_bits` bits (a random number of them), as an exact rational.
  ExactReal integer(int max_bits) {
    const int b = static_cast<int>(range(1, max_bits));
    ExactReal r;
    for (int done = 0; done < b; done += 31) {
      const int chunk = b - done < 31 ? b - done : 31;
      r = r * ExactReal(1L << chunk) + ExactReal(static_cast<long>(g_() >> (64 - chunk)));
    }
    return coin() ? -r : r;
  }

  // p/q with |p|, q of up to `max_bits` bits each; 0 about once in 30 draws.
  ExactReal rational(int max_bits = 100) {
    if (range(0, 29) == 0) return ExactReal();
    ExactReal q = abs(integer(max_bits));
    if (q.sign() == 0) q = ExactReal(1);
    return integer(max_bits) / q;
  }

  // Any finite double, drawn two ways: raw bit patterns (all binades, subnormals, ±0) and moderate values.
  double any_double() {
    for (;;) {
      const double x = coin() ? std::bit_cast<double>(g_()) : std::ldexp(unit() - 0.5, static_cast<int>(range(-80, 80)));
      if (std::isfinite(x)) return x;
    }
  }

  // A working precision in bits, as Arb tests draw them: mostly small, sometimes large.
  long precision() { return coin() ? range(2, 128) : range(2, 600); }

 private:
  std::mt19937_64 g_;
};

}  // namespace critwin::testing
