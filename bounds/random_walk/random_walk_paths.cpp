#include "bounds/random_walk/random_walk_paths.hpp"

#include <cmath>

namespace critwin {

std::vector<Ball> random_walk_binomial_row(long r) {
  std::vector<Ball> row(static_cast<size_t>(r + 1));
  row[0] = Ball(1);
  // C(r, j+1) = C(r, j) (r−j)/(j+1): products of exact integers, relative radius growing linearly in r.
  for (long j = 0; j < r; ++j) row[static_cast<size_t>(j + 1)] = row[static_cast<size_t>(j)] * Ball(r - j) / Ball(j + 1);
  return row;
}

long random_walk_reflection_bits(long r, long barrier, long bits) {
  // log2 of C(r, r/2) / (smallest nonzero strip count near a barrier) <= r π²/(8 A² ln 2) + 2 log2(2A) + log2(r + 1).
  const double a = static_cast<double>(barrier);
  const double lost = static_cast<double>(r) * 9.8696044 / (8 * a * a * 0.69314718) + 2 * std::log2(2 * a) +
                      std::log2(static_cast<double>(r) + 1);
  return bits + static_cast<long>(std::ceil(std::min(lost, static_cast<double>(r) + 64))) + 16;
}

Ball random_walk_strip_count(long r, long x, long y, long barrier, const std::vector<Ball>& binom_row) {
  const long period = 4 * barrier;
  // Unconstrained paths with displacement d: C(r, (r+d)/2) when |d| <= r and r + d is even.
  auto add_terms = [&](long d0, Ball& acc, bool subtract) {
    if ((r + d0) % 2 != 0) return;
    // k with |d0 + k·period| <= r.
    const long k_lo = static_cast<long>(std::ceil(static_cast<double>(-r - d0) / static_cast<double>(period)));
    const long k_hi = static_cast<long>(std::floor(static_cast<double>(r - d0) / static_cast<double>(period)));
    for (long k = k_lo; k <= k_hi; ++k) {
      const long d = d0 + k * period;
      if (d < -r || d > r) continue;  // guards the double rounding of the bounds
      const Ball& c = binom_row[static_cast<size_t>((r + d) / 2)];
      if (subtract) acc -= c;
      else acc += c;
    }
  };
  Ball acc(0);
  add_terms(y - x, acc, false);
  add_terms(2 * barrier - x - y, acc, true);
  return acc;
}

}  // namespace critwin
