#include "samplers/wilson.hpp"

#include <algorithm>
#include <cmath>

namespace critwin {

Proportion wilson_interval(uint64_t k, uint64_t n, double z) {
  const double nn = static_cast<double>(n);
  const double p = static_cast<double>(k) / nn;
  const double z2 = z * z;
  const double denom = 1 + z2 / nn;
  const double centre = (p + z2 / (2 * nn)) / denom;
  const double half = z * std::sqrt(p * (1 - p) / nn + z2 / (4 * nn * nn)) / denom;
  // The interval always contains 0 when k = 0 and 1 when k = n; clamp rounding.
  double lo = k == 0 ? 0.0 : std::max(0.0, centre - half);
  double hi = k == n ? 1.0 : std::min(1.0, centre + half);
  return {p, lo, hi};
}

}  // namespace critwin
