// The logistic-normal integral Λ_γ(α) = E[σ(α + γZ)], Z ~ N(0, 1), σ(u) = 1/(1 + e^{−u}): the chance that a
// softmax weight stays on one side when its logit carries Gaussian noise. It has no closed form; the
// forward–reverse TV of three Gaussians in a plane needs it at millions of α for one γ, hence a table.
#pragma once

#include <vector>

#include <boost/math/interpolators/quintic_hermite.hpp>

namespace critwin::gauss {

struct LogisticNormalValue {
  double value, d1, d2;  // Λ, dΛ/dα, d²Λ/dα²
};

// Λ_γ(α) and two α-derivatives by the trapezoidal rule on z. The integrand is analytic in the strip
// |Im z| < π/γ, so the step is chosen for a discretisation error below 1e-30 (relative to the integrand's
// bound in the strip) and the rule is exact to rounding: absolute error ≲ 1e-15 (rounding in the sum).
LogisticNormalValue logistic_normal_direct(double alpha, double gamma);

// Λ_γ tabulated once: quintic Hermite interpolation of logistic_normal_direct on a grid of step 1/32 over
// 0 <= α <= 40 + γ²/2, and Λ(−α) = 1 − Λ(α). Beyond the table 1 − Λ(α) <= e^{γ²/2 − α} < 5e-18.
class LogisticNormalTable {
 public:
  explicit LogisticNormalTable(double gamma);
  double operator()(double alpha) const {
    const bool neg = alpha < 0;
    const double a = neg ? -alpha : alpha;
    const double v = a >= end_ ? 1.0 : spline_(a);
    return neg ? 1 - v : v;
  }
  // Interpolation error bound: the quintic Hermite remainder (step/2)⁶/720 · max|Λ⁽⁶⁾| with
  // max|σ⁽⁶⁾| < 1 bounding max|Λ⁽⁶⁾| (Λ⁽⁶⁾ = E[σ⁽⁶⁾(α + γZ)]), plus rounding.
  static double error_bound();

 private:
  double end_;
  boost::math::interpolators::cardinal_quintic_hermite<std::vector<double>> spline_;
};

}  // namespace critwin::gauss
