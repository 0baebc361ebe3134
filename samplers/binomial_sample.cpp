#include "samplers/binomial_sample.hpp"

#include <cmath>

namespace critwin {

int64_t binomial_sample(int64_t n, double p, double u) {
  if (n <= 0 || p <= 0) return 0;
  if (p >= 1) return n;
  const double q = 1 - p, r = p / q;
  int64_t mode = static_cast<int64_t>(std::floor(static_cast<double>(n + 1) * p));
  if (mode > n) mode = n;
  const double dn = static_cast<double>(n), dm = static_cast<double>(mode);
  const double pm = std::exp(std::lgamma(dn + 1) - std::lgamma(dm + 1) - std::lgamma(dn - dm + 1) + dm * std::log(p) +
                             (dn - dm) * std::log1p(-p));
  double acc = pm;
  if (u <= acc) return mode;
  int64_t lo = mode, hi = mode;
  double plo = pm, phi = pm;
  while (lo > 0 || hi < n) {
    if (hi < n) {
      phi *= static_cast<double>(n - hi) / static_cast<double>(hi + 1) * r;
      ++hi;
      acc += phi;
      if (u <= acc) return hi;
    }
    if (lo > 0) {
      plo *= static_cast<double>(lo) / static_cast<double>(n - lo + 1) / r;
      --lo;
      acc += plo;
      if (u <= acc) return lo;
    }
    if (phi == 0 && plo == 0) break;  // both tails underflowed: u fell in the rounding gap
  }
  return mode;
}

}  // namespace critwin
