#include "model/estimate.hpp"

namespace critwin {

std::string guarantee_name(Guarantee g) {
  switch (g) {
    case Guarantee::exact: return "exact";
    case Guarantee::certified: return "certified";
    case Guarantee::estimated: return "estimated";
  }
  return "?";
}

Estimate Estimate::from_ball(const Ball& b) {
  if (b.is_pos_inf()) return plus_infinity();
  const bool exact = b.is_exact();
  return Estimate{b.mid(), b.lower(), b.upper(), exact ? Guarantee::exact : Guarantee::certified, false,
                  exact ? 0 : ball_precision()};
}

}  // namespace critwin

namespace critwin {

Estimate estimate_difference(const Estimate& a, const Estimate& b) {
  // Interval subtraction in directed rounding is what Arb does; reuse it rather than reason about ulps.
  BallPrecisionScope scope(128);
  Ball ba = Ball::interval(a.lo, a.hi), bb = Ball::interval(b.lo, b.hi);
  Ball mid = Ball(a.value) - Ball(b.value);
  Ball d = ba - bb;
  Guarantee g = std::max(a.guarantee, b.guarantee);
  if (g == Guarantee::exact && mid.is_exact()) return Estimate::exact_value(mid.mid());
  return Estimate{mid.mid(), d.lower(), d.upper(), g == Guarantee::exact ? Guarantee::certified : g, false,
                  precision_combine(a.precision_bits, b.precision_bits)};
}

}  // namespace critwin
