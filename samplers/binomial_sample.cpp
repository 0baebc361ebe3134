#include "samplers/binomial_sample.hpp"

#include <algorithm>
#include <cmath>

namespace critwin {

BinomialDraw::BinomialDraw(int64_t n, double p, bool with_table) : n_(n), p_(p) {
  if (n <= 0 || p <= 0 || p >= 1) return;
  r_ = p / (1 - p);
  mode_ = std::min<int64_t>(n, static_cast<int64_t>(std::floor(static_cast<double>(n + 1) * p)));
  const double dn = static_cast<double>(n), dm = static_cast<double>(mode_);
  pm_ = std::exp(std::lgamma(dn + 1) - std::lgamma(dm + 1) - std::lgamma(dn - dm + 1) + dm * std::log(p) +
                 (dn - dm) * std::log1p(-p));
  if (with_table && n <= (int64_t{1} << 16)) {
    cdf_.resize(n + 1);
    double acc = 0;
    for (int64_t k = 0; k <= n; ++k) {
      const double dk = static_cast<double>(k);
      acc += std::exp(std::lgamma(dn + 1) - std::lgamma(dk + 1) - std::lgamma(dn - dk + 1) + dk * std::log(p) +
                      (dn - dk) * std::log1p(-p));
      cdf_[k] = acc;
    }
    cdf_[n] = 1.0;  // u <= 1 always finds an index
  }
}

int64_t BinomialDraw::operator()(double u) const {
  const int64_t n = n_;
  if (n <= 0 || p_ <= 0) return 0;
  if (p_ >= 1) return n;
  if (!cdf_.empty()) return std::lower_bound(cdf_.begin(), cdf_.end(), u) - cdf_.begin();
  double acc = pm_;
  if (u <= acc) return mode_;
  int64_t lo = mode_, hi = mode_;
  double plo = pm_, phi = pm_;
  while (lo > 0 || hi < n) {
    if (hi < n) {
      phi *= static_cast<double>(n - hi) / static_cast<double>(hi + 1) * r_;
      ++hi;
      acc += phi;
      if (u <= acc) return hi;
    }
    if (lo > 0) {
      plo *= static_cast<double>(lo) / static_cast<double>(n - lo + 1) / r_;
      --lo;
      acc += plo;
      if (u <= acc) return lo;
    }
    if (phi == 0 && plo == 0) break;  // both tails underflowed: u fell in the rounding gap
  }
  return mode_;
}

int64_t binomial_sample(int64_t n, double p, double u) { return BinomialDraw(n, p, false)(u); }

}  // namespace critwin
