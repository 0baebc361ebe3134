#include "bounds/gaussian/gaussian_pair_closed_form.hpp"

namespace critwin {

Ball gaussian_ou_scale2(const ExactReal& variance, const TimePoint& t) {
  if (t.infinite) return Ball(0);
  const Ball u = exp(Ball(-2) * t.value.ball());
  // σ_t² = 1 + u(σ² − 1) = (1 − u) + uσ², a sum of two non-negative terms (1 − u by expm1): written as the
  // difference it cancels when σ² is tiny and t small, and at σ² = 1e-300, t = 0 the ball held 0 (a NaN TV).
  // σ² = 1 is kept exact as before.
  if (variance == ExactReal(1)) return u;
  const Ball one_minus_u = Ball(-1) * expm1(Ball(-2) * t.value.ball());
  return u / (one_minus_u + u * variance.ball());
}

Ball gaussian_pair_tv(const Ball& kappa, const ExactReal& m2, const ExactReal& variance, const TimePoint& t) {
  if (t.infinite) return Ball(0);
  const Ball z2 = gaussian_ou_scale2(variance, t) * m2.ball() / Ball(8);
  return kappa * erf(sqrt(z2));
}

std::optional<Ball> gaussian_pair_crossing(const Ball& kappa, const ExactReal& m2, const ExactReal& variance,
                                           const Ball& level) {
  const Ball c = (kappa - level) / kappa;  // 1 − level/κ, formed as a difference of the inputs
  if (!c.certainly_gt(Ball(0)) || !c.certainly_lt(Ball(1))) return std::nullopt;
  const Ball z = erfcinv(c);
  const Ball q = Ball(8) * z * z / m2.ball();
  const Ball den = Ball(1) - q * (variance - ExactReal(1)).ball();
  if (!den.certainly_gt(Ball(0))) return std::nullopt;
  const Ball u = q / den;
  if (!u.certainly_gt(Ball(0)) || !u.certainly_le(Ball(1))) return std::nullopt;
  return Ball(-1) * log(u) / Ball(2);
}

}  // namespace critwin
