// Estimate: how critwin reports one real number — the nearest double plus a guarantee. Either a
// certified enclosure [lo, hi] (Arb), or a high-precision value with an error estimate (quadrature),
// or an exact integer. Times may also be +∞ (ou) or empty (an empty sup/inf, reported as null).
#pragma once

#include <limits>
#include <optional>
#include <string>

#include "model/ball.hpp"

namespace critwin {

enum class Guarantee {
  exact,      // the value is exact (integers, rationals)
  certified,  // lo <= true value <= hi is proved by interval arithmetic
  estimated,  // [lo, hi] is value ± an error *estimate* (quadrature, root finding on such values)
};

std::string guarantee_name(Guarantee g);

struct Estimate {
  double value = 0;
  double lo = 0;
  double hi = 0;
  Guarantee guarantee = Guarantee::exact;
  bool infinite = false;  // +∞ (value, lo, hi = +inf)
  // Bits of the arithmetic of the path that produced the number (Arb: the working precision; quadrature:
  // its MPFR type's; double-precision paths and Monte Carlo: 53); 0 for exact values.
  long precision_bits = 0;

  static Estimate from_ball(const Ball& b);  // certified at the thread's Ball precision
  static Estimate exact_value(double v) { return Estimate{v, v, v, Guarantee::exact, false}; }
  static Estimate plus_infinity() {
    double inf = std::numeric_limits<double>::infinity();
    return Estimate{inf, inf, inf, Guarantee::exact, true};
  }
  static Estimate with_error(double v, double err, long bits) {
    return Estimate{v, v - err, v + err, Guarantee::estimated, false, bits};
  }
  double width() const { return hi - lo; }
};

// a <= b judged on the nearest doubles, and whether the enclosures make that judgement certain (they do
// not overlap, or both values are exact).
struct Ordering {
  bool holds = false;
  bool certain = true;
};
inline Ordering estimate_le(const Estimate& a, const Estimate& b) {
  return Ordering{a.value <= b.value, a.hi <= b.lo || a.lo > b.hi};
}

// Whether [lo, hi] is a nonempty window: both ends present and lo <= hi (certain as for estimate_le).
inline Ordering window_nonempty(const std::optional<Estimate>& lo, const std::optional<Estimate>& hi) {
  return lo && hi ? estimate_le(*lo, *hi) : Ordering{};
}

// The precision that limits a number computed from two others: the smaller of the non-zero ones.
inline long precision_combine(long a, long b) { return a == 0 ? b : (b == 0 ? a : (a < b ? a : b)); }

// A time that may be empty (no time satisfies the condition): reported as null.
using OptionalTime = std::optional<Estimate>;

}  // namespace critwin

namespace critwin {

// a − b with the guarantees combined (the weaker one wins); both finite.
Estimate estimate_difference(const Estimate& a, const Estimate& b);

}  // namespace critwin
