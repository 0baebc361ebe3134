// Estimate: how critwin reports one real number — the nearest double plus a guarantee. Either a
// certified enclosure [lo, hi] (Arb), or a high-precision value with an error estimate (quadrature),
// or a Monte Carlo confidence interval, or an exact integer. Times may also be +∞ (ou) or empty (an empty sup/inf, reported as null).
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
  monte_carlo,  // [lo, hi] is a 99.9% Monte Carlo confidence interval (sample count and seed reported beside it)
};

std::string guarantee_name(Guarantee g);

struct Estimate {
  double value = 0;
  double lo = 0;
  double hi = 0;
  Guarantee guarantee = Guarantee::exact;
  bool infinite = false;  // +∞ (value, lo, hi = +inf)

  static Estimate from_ball(const Ball& b);  // certified, value = nearest double to the midpoint
  static Estimate exact_value(double v) { return Estimate{v, v, v, Guarantee::exact, false}; }
  static Estimate plus_infinity() {
    double inf = std::numeric_limits<double>::infinity();
    return Estimate{inf, inf, inf, Guarantee::exact, true};
  }
  static Estimate with_error(double v, double err) { return Estimate{v, v - err, v + err, Guarantee::estimated, false}; }
  double width() const { return hi - lo; }
};

// A time that may be empty (no time satisfies the condition): reported as null.
using OptionalTime = std::optional<Estimate>;

}  // namespace critwin

namespace critwin {

// a − b with the guarantees combined (the weaker one wins); both finite.
Estimate estimate_difference(const Estimate& a, const Estimate& b);

}  // namespace critwin
