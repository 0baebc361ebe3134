// The trapezoidal rule for E[f(Z)], Z ~ N(0, 1), when f is analytic in a strip around the real axis: with
// step h = 2πd/n on the strip |Im z| < d the discretisation error is about 2M e^{−n} (M bounds |f φ| there),
// so n sets the digits directly. Nodes stop at |z| = 9.5, where 2Φ(−9.5) < 5e-21.
#pragma once

#include <algorithm>
#include <cmath>
#include <vector>

#include "bounds/numerics/gaussian_quadrature.hpp"

namespace critwin::gauss {

struct GaussianTrapezoid {
  int k_max = 0;
  std::vector<double> z, w;  // nodes k h for |k| <= k_max, and weights h φ(k h)
};

// `rate`: f's singularities lie at |Im z| >= π/rate (rate 0: f entire). The strip is 10% short of them and
// at most 3 wide (φ grows like e^{d²/2} off the axis); `n` is the exponent above.
inline GaussianTrapezoid gaussian_trapezoid_make(double rate, double n) {
  const double pi = boost::math::constants::pi<double>();
  const double d = rate > 0 ? std::min(3.0, 0.9 * pi / rate) : 3.0;
  const double h = 2 * pi * d / n;
  GaussianTrapezoid t;
  t.k_max = static_cast<int>(std::ceil(9.5 / h));
  for (int k = -t.k_max; k <= t.k_max; ++k) {
    t.z.push_back(k * h);
    t.w.push_back(h * normal_pdf(k * h));
  }
  return t;
}

}  // namespace critwin::gauss
